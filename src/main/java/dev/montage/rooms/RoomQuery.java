package dev.montage.rooms;

import java.util.Objects;
import java.util.Optional;

import dev.montage.api.DateFilter;

/**
 * The filters of the room list, bound from the query string; the repository turns them into SQL and
 * adds the account clause itself.
 */
record RoomQuery(DateFilter created, DateFilter updated, Optional<String> uniqueName) {

    RoomQuery {
        Objects.requireNonNull(created, "created");
        Objects.requireNonNull(updated, "updated");
        Objects.requireNonNull(uniqueName, "uniqueName");
    }
}
