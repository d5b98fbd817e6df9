package dev.montage.layout;

import java.util.List;
import java.util.Objects;

/**
 * One source shown in one cell of one phase of its region: where its picture goes and when it is seen there.
 *
 * <p>{@code assigned} lists the session-clock spans during which the cell is reserved for this
 * source; {@code visible} is {@code assigned} minus the source's camera-off gaps, i.e. when the
 * renderer overlays it. Between them the cell shows black. A source that moves between cells (after
 * being displaced under {@code show_newest}) has one placement per cell. {@code frame} is the
 * picture fitted inside the cell (see {@code fitInside}). {@code recordingIds} lists all recordings
 * that make up the source, in time order; {@code sourceId} is the first of them. {@code phase} is the
 * index of the region's phase (see {@link RegionPhase}) whose grid {@code cell} belongs to; a source
 * shown through several phases has a placement in each.
 *
 * <pre>{@code
 * // alice in cell 1, seen from 0 s to 4 s and 6 s to 10 s (camera off in between)
 * Placement[sourceId=rec-1, participantId=alice, recordingIds=[rec-1], phase=0, cell=1,
 *           frame=320x240@(800,0), visible=[[0, 4000), [6000, 10000)], assigned=[[0, 10000)]]
 * }</pre>
 */
public record Placement(
        String sourceId,
        String participantId,
        List<String> recordingIds,
        int phase,
        int cell,
        Rect frame,
        List<TimeSpan> visible,
        List<TimeSpan> assigned) {

    public Placement {
        Ids.requireId(sourceId, "placement source id");
        Ids.requireId(participantId, "placement participant id");
        recordingIds = List.copyOf(recordingIds);
        if (recordingIds.isEmpty() || !recordingIds.get(0).equals(sourceId)) {
            throw new IllegalArgumentException("placement " + sourceId + ": recordingIds must start with the source id, were " + recordingIds);
        }
        if (phase < 0) {
            throw new IllegalArgumentException("placement " + sourceId + ": phase must not be negative, was " + phase);
        }
        if (cell < 0) {
            throw new IllegalArgumentException("placement " + sourceId + ": cell must not be negative, was " + cell);
        }
        Objects.requireNonNull(frame, () -> "placement " + sourceId + ": frame must not be null");
        visible = List.copyOf(visible);
        assigned = List.copyOf(assigned);
        for (TimeSpan span : visible) {
            if (!TimeSpans.encloses(assigned, span)) {
                throw new IllegalArgumentException("placement " + sourceId + ": visible span " + span
                        + " lies outside the cell's assignment " + assigned);
            }
        }
    }

    /** A placement in the first (for a plain region: the only) phase. */
    public Placement(String sourceId, String participantId, List<String> recordingIds, int cell, Rect frame,
            List<TimeSpan> visible, List<TimeSpan> assigned) {
        this(sourceId, participantId, recordingIds, 0, cell, frame, visible, assigned);
    }
}
