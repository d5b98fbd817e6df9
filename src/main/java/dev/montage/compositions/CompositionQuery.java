package dev.montage.compositions;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

import dev.montage.api.DateFilter;

/**
 * The filters of the composition list, bound from the query string; the repository turns them into SQL and adds
 * the account clause itself. {@code createdFrom} (inclusive) and {@code createdBefore} (exclusive) are instants, as
 * Twilio's {@code DateCreatedAfter} and {@code DateCreatedBefore} are.
 */
public record CompositionQuery(Optional<UUID> sessionId, Optional<String> status, DateFilter created,
        Optional<Instant> createdFrom, Optional<Instant> createdBefore) {

    public CompositionQuery {
        Objects.requireNonNull(sessionId, "sessionId");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(created, "created");
        Objects.requireNonNull(createdFrom, "createdFrom");
        Objects.requireNonNull(createdBefore, "createdBefore");
    }

    /** The /v2 filters: calendar days only. */
    CompositionQuery(Optional<UUID> sessionId, Optional<String> status, DateFilter created) {
        this(sessionId, status, created, Optional.empty(), Optional.empty());
    }
}
