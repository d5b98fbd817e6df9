package dev.montage.rooms;

import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

import dev.montage.api.DateFilter;

/**
 * The filters of the session list (the room comes from the path or from {@code filter[room_id]}),
 * bound from the query string; the repository turns them into SQL and
 * adds the account clause itself.
 */
record SessionQuery(Optional<UUID> roomId, Optional<Boolean> active, DateFilter created, DateFilter updated,
        DateFilter ended) {

    SessionQuery {
        Objects.requireNonNull(roomId, "roomId");
        Objects.requireNonNull(active, "active");
        Objects.requireNonNull(created, "created");
        Objects.requireNonNull(updated, "updated");
        Objects.requireNonNull(ended, "ended");
    }
}
