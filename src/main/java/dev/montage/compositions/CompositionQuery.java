package dev.montage.compositions;

import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

import dev.montage.api.DateFilter;

/**
 * The filters of the composition list, bound from the query string; the repository turns them into SQL and adds
 * the account clause itself.
 */
record CompositionQuery(Optional<UUID> sessionId, Optional<String> status, DateFilter created) {

    CompositionQuery {
        Objects.requireNonNull(sessionId, "sessionId");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(created, "created");
    }
}
