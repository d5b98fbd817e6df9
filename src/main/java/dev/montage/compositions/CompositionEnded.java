package dev.montage.compositions;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * A composition's render on this node reached a final status: published once per composition by the node that
 * rendered it, for whoever keeps figures about renders (dev.montage.metrics). A run handed back to the queue, or
 * stopped by a DELETE, ends nothing.
 *
 * @param status        {@link CompositionStatus#COMPLETED} or {@link CompositionStatus#FAILED}
 * @param wallTime      from the start of the run that ended it to its end, database work and storing included
 * @param mediaDuration the composed file's length, for a completed one
 */
public record CompositionEnded(CompositionStatus status, Duration wallTime, Optional<Duration> mediaDuration) {

    public CompositionEnded {
        Objects.requireNonNull(status, "status");
        if (status != CompositionStatus.COMPLETED && status != CompositionStatus.FAILED) {
            throw new IllegalArgumentException("not a final status: " + status);
        }
        if (wallTime.isNegative()) {
            throw new IllegalArgumentException("negative wall time: " + wallTime);
        }
    }
}
