package dev.montage.layout;

import java.util.Objects;
import java.util.Optional;

/**
 * A recording of the session that the composition never shows (video) or plays (audio), and why: the structured
 * twin of the plan's "is never shown" warnings, for a preview to list.
 *
 * <p>{@code region} names the region that selected the video source but never showed it; it is empty when no
 * region selected the recording at all, and for audio. A video source left out of one region may still be shown
 * in another: each region reports its own. {@code recordingId} is the source's id (its first recording).
 *
 * <pre>{@code
 * // carol joined a full 1x2 grid with reuse none
 * UnshownSource[region=Optional[main], recordingId=rec-3, participantId=carol, kind=VIDEO, reason=NO_FREE_CELL,
 *               detail="region main: source rec-3 of participant carol is never shown: no unused cell was left (reuse=none)"]
 * }</pre>
 */
public record UnshownSource(Optional<String> region, String recordingId, String participantId, Kind kind,
        Reason reason, String detail) {

    public UnshownSource {
        Objects.requireNonNull(region, "region must not be null (empty when no region is concerned)");
        Ids.requireId(recordingId, "unshown source recording id");
        Ids.requireId(participantId, "unshown source participant id");
        Objects.requireNonNull(kind, "kind must not be null");
        Objects.requireNonNull(reason, "reason must not be null");
        Objects.requireNonNull(detail, "detail must not be null");
    }

    /** What kind of media is left out. */
    public enum Kind {
        VIDEO("video"), AUDIO("audio");

        private final String wireName;

        Kind(String wireName) {
            this.wireName = wireName;
        }

        public String wireName() {
            return wireName;
        }
    }

    /** Why it is left out; each wire name is documented in docs/api.md (preview). */
    public enum Reason {
        /** No region's {@code video_sources} (or {@code audio_sources}) selects it, or an exclusion removes it. */
        EXCLUDED("excluded"),
        /** The region's grid had no cell for it while it was present (whatever the {@code reuse} mode). */
        NO_FREE_CELL("no_free_cell"),
        /** Every cell of the region's grid is in {@code cells_excluded}. */
        CELLS_EXCLUDED("cells_excluded"),
        /** Its participant is shown in a region named in {@code exclude_shown_in} whenever it is present. */
        SHOWN_ELSEWHERE("shown_elsewhere"),
        /** An active-speaker region: the participant never took the floor. */
        NEVER_SPOKE("never_spoke"),
        /** The recording has no duration, or its camera sent no picture while it held a cell. */
        NO_ACTIVITY("no_activity");

        private final String wireName;

        Reason(String wireName) {
            this.wireName = wireName;
        }

        public String wireName() {
            return wireName;
        }
    }
}
