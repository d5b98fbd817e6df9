package dev.montage.layout;

import java.util.ArrayList;
import java.util.List;

/** Small builders that keep the scenario tests close to their timeline drawings. Times are in seconds. */
final class Fixtures {

    static final Resolution CANVAS = new Resolution(1280, 720);

    private Fixtures() {
    }

    static long s(double seconds) {
        return Math.round(seconds * 1000);
    }

    static TimeSpan span(double startSeconds, double endSeconds) {
        return new TimeSpan(s(startSeconds), s(endSeconds));
    }

    /** A 640x480 recording with pictures for its whole span. */
    static VideoTrack video(String recordingId, String participantId, double startSeconds, double endSeconds) {
        return VideoTrack.continuous(recordingId, participantId, span(startSeconds, endSeconds), 640, 480);
    }

    /** A 640x480 recording whose camera is off during {@code gap}. */
    static VideoTrack videoWithGap(String recordingId, String participantId, double startSeconds, double endSeconds,
            TimeSpan gap) {
        return new VideoTrack(recordingId, participantId, span(startSeconds, endSeconds),
                List.of(new TimeSpan(s(startSeconds), gap.startMillis()), new TimeSpan(gap.endMillis(), s(endSeconds))),
                640, 480);
    }

    static AudioTrack audio(String recordingId, String participantId, double startSeconds, double endSeconds) {
        return new AudioTrack(recordingId, participantId, span(startSeconds, endSeconds));
    }

    /** A full-canvas region showing every recording. */
    static RegionSpec.Builder wholeCanvas(String name) {
        return RegionSpec.builder(name, 0, 0, CANVAS.width(), CANVAS.height()).videoSources("*");
    }

    static LayoutRequest request(RegionSpec... regions) {
        return new LayoutRequest(CANVAS, List.of(regions), AudioSelection.ALL, false);
    }

    static LayoutRequest trimmed(RegionSpec... regions) {
        return new LayoutRequest(CANVAS, List.of(regions), AudioSelection.ALL, true);
    }

    static CompositionPlan plan(LayoutRequest request, VideoTrack... video) {
        return LayoutPlanner.plan(List.of(video), List.of(), request);
    }

    static RegionPlan onlyRegion(CompositionPlan plan) {
        if (plan.regions().size() != 1) {
            throw new AssertionError("expected one region, got " + plan.regions());
        }
        return plan.regions().get(0);
    }

    /** The placements of one source in a region, in cell order. */
    static List<Placement> placementsOf(RegionPlan region, String sourceId) {
        List<Placement> found = new ArrayList<>();
        for (Placement placement : region.placements()) {
            if (placement.sourceId().equals(sourceId)) {
                found.add(placement);
            }
        }
        return found;
    }

    /** The single placement of a source that stays in one cell. */
    static Placement placementOf(RegionPlan region, String sourceId) {
        List<Placement> found = placementsOf(region, sourceId);
        if (found.size() != 1) {
            throw new AssertionError("expected one placement of " + sourceId + ", got " + found);
        }
        return found.get(0);
    }
}
