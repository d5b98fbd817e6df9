package dev.montage.recordings;

import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

import dev.montage.api.DateFilter;

/**
 * The filters of the recording list and of the bulk delete, bound from the query string; the repository turns
 * them into SQL and adds the account clause itself. {@code minDurationMillis} is already the shortest duration
 * that is shown as at least the requested seconds. {@code trackName} is a track-name glob, as in a composition's
 * sources ({@code screen*}); a name without wildcards selects that exact name.
 */
record RecordingQuery(DateFilter started, DateFilter ended, Optional<UUID> roomId, Optional<UUID> sessionId,
        Optional<UUID> participantId, Optional<String> status, Optional<String> trackType,
        Optional<Long> minDurationMillis, Optional<String> trackName) {

    RecordingQuery {
        Objects.requireNonNull(started, "started");
        Objects.requireNonNull(ended, "ended");
        Objects.requireNonNull(roomId, "roomId");
        Objects.requireNonNull(sessionId, "sessionId");
        Objects.requireNonNull(participantId, "participantId");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(trackType, "trackType");
        Objects.requireNonNull(minDurationMillis, "minDurationMillis");
        Objects.requireNonNull(trackName, "trackName");
    }
}
