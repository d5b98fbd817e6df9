package dev.montage.rooms;

import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

import dev.montage.api.DateFilter;

/**
 * The filters of the participant list (the session comes from the path or from {@code filter[session_id]}),
 * bound from the query string; the repository turns them into SQL and
 * adds the account clause itself.
 */
record ParticipantQuery(Optional<UUID> sessionId, Optional<String> context, DateFilter joined, DateFilter left,
        DateFilter updated) {

    ParticipantQuery {
        Objects.requireNonNull(sessionId, "sessionId");
        Objects.requireNonNull(context, "context");
        Objects.requireNonNull(joined, "joined");
        Objects.requireNonNull(left, "left");
        Objects.requireNonNull(updated, "updated");
    }
}
