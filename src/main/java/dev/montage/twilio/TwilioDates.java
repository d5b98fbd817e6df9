package dev.montage.twilio;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

/** Twilio Video v1's timestamps: ISO 8601 in UTC to the second, {@code 2015-07-30T20:00:00Z}. */
final class TwilioDates {

    private TwilioDates() {
    }

    static String format(Instant instant) {
        return instant == null ? null : DateTimeFormatter.ISO_INSTANT.format(instant.truncatedTo(ChronoUnit.SECONDS));
    }

    /**
     * A date filter's value: an ISO 8601 date-time with its offset ({@code 2024-05-01T10:00:00Z}) or a date, read as
     * its first instant in UTC; {@code parameter} names it in the 400 otherwise.
     */
    static Optional<Instant> parse(String parameter, String raw) {
        if (raw == null || raw.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(OffsetDateTime.parse(raw).toInstant());
        } catch (DateTimeParseException notDateTime) {
            try {
                return Optional.of(LocalDate.parse(raw).atStartOfDay(ZoneOffset.UTC).toInstant());
            } catch (DateTimeParseException notDate) {
                throw TwilioException.badParameter(parameter, "'" + raw
                        + "' is not an ISO 8601 date-time such as 2024-05-01T10:00:00Z");
            }
        }
    }
}
