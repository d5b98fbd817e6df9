package dev.montage.api;

import java.time.LocalDate;
import java.util.Optional;

/** The {@code [eq]}, {@code [gte]} and {@code [lte]} bounds of one date filter; all inclusive, UTC days. */
public record DateFilter(Optional<LocalDate> eq, Optional<LocalDate> gte, Optional<LocalDate> lte) {
}
