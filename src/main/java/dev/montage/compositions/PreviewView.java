package dev.montage.compositions;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.montage.api.Timestamps;
import dev.montage.layout.AudioPlacement;
import dev.montage.layout.CompositionPlan;
import dev.montage.layout.Placement;
import dev.montage.layout.Rect;
import dev.montage.layout.RegionPhase;
import dev.montage.layout.RegionPlan;
import dev.montage.layout.TimeSpan;
import dev.montage.layout.UnshownSource;
import dev.montage.layout.VideoTrack;

/**
 * The answer of {@code POST /v2/room_compositions/preview} (JSON): a {@link CompositionPlan} on the output clock,
 * in seconds with millisecond precision. {@code timeline} has one entry per span in which one recording is visible
 * in one cell: a placement's visible spans, cut where the source passes from one recording to the next (a
 * reconnect). The SVG picture is drawn from this view, so the two never disagree.
 */
record PreviewView(String recordType, UUID sessionId, String resolution, String format, double durationSecs,
        List<KeptSpan> keptSpans, List<RegionView> regions, List<TimelineEntry> timeline, List<AudioEntry> audio,
        List<NotShown> notShown, List<String> warnings) {

    static final String RECORD_TYPE = "room_composition_preview";

    private static final Comparator<TimelineEntry> TIMELINE_ORDER = Comparator
            .comparingInt((TimelineEntry entry) -> entry.phase())
            .thenComparingInt(TimelineEntry::cell)
            .thenComparingDouble(TimelineEntry::startSecs);

    PreviewView {
        keptSpans = List.copyOf(keptSpans);
        regions = List.copyOf(regions);
        timeline = List.copyOf(timeline);
        audio = List.copyOf(audio);
        notShown = List.copyOf(notShown);
        warnings = List.copyOf(warnings);
    }

    /** A part of the session clock that the output keeps, where it lies in the output and when it happened. */
    record KeptSpan(double startSecs, double endSecs, String sessionStartedAt) {
    }

    /** A region as requested, and its area, grid and cells over time (one phase unless they change). */
    record RegionView(String name, int zPos, int xPos, int yPos, int width, int height, List<PhaseView> phases) {
    }

    record PhaseView(double startSecs, double endSecs, int xPos, int yPos, int width, int height, int rows,
            int columns, List<CellView> cells) {
    }

    record CellView(int cell, int xPos, int yPos, int width, int height) {
    }

    /** Where the picture goes inside its cell (fitted, keeping its aspect ratio). */
    record FrameView(int xPos, int yPos, int width, int height) {
    }

    record TimelineEntry(String region, int phase, int cell, String recordingId, String participantId,
            String participantContext, String trackName, double startSecs, double endSecs, FrameView frame) {
    }

    record AudioEntry(String recordingId, String participantId, double startSecs, double endSecs) {
    }

    /** {@code region} is null when no region is concerned (see {@link UnshownSource}). */
    record NotShown(String region, String recordingId, String participantId, String participantContext, String kind,
            String reason, String detail) {
    }

    static PreviewView of(CompositionPreviews.CompositionPreview preview) {
        CompositionPlan plan = preview.planned().plan();
        Composition composition = preview.composition();
        Map<String, VideoTrack> tracks = new HashMap<>();
        preview.planned().session().video().forEach(track -> tracks.put(track.recordingId(), track));

        List<KeptSpan> kept = plan.keptSegments().stream()
                .map(segment -> new KeptSpan(secs(plan.toOutputMillis(segment.startMillis())),
                        secs(plan.toOutputMillis(segment.startMillis()) + segment.durationMillis()),
                        Timestamps.format(Instant.ofEpochMilli(segment.startMillis()))))
                .toList();
        List<RegionView> regions = new ArrayList<>();
        List<TimelineEntry> timeline = new ArrayList<>();
        for (RegionPlan region : plan.regions()) {
            regions.add(region(plan, region));
            List<TimelineEntry> ofRegion = new ArrayList<>();
            for (Placement placement : region.placements()) {
                ofRegion.addAll(entries(plan, region.name(), placement, tracks, preview.labels()));
            }
            ofRegion.sort(TIMELINE_ORDER);
            timeline.addAll(ofRegion);
        }
        List<AudioEntry> audio = plan.audio().stream().map(placement -> audio(plan, placement)).toList();
        List<NotShown> notShown = plan.unshown().stream()
                .map(unshown -> new NotShown(unshown.region().orElse(null), unshown.recordingId(),
                        unshown.participantId(), preview.labels().get(unshown.participantId()),
                        unshown.kind().wireName(), unshown.reason().wireName(), unshown.detail()))
                .toList();
        List<String> warnings = new ArrayList<>(plan.warnings());
        int pending = preview.planned().speechPending();
        if (pending > 0) {
            warnings.add("the speech of " + pending + " audio recording" + (pending == 1 ? " is" : "s are")
                    + " still being analysed: the active speaker shown follows the rest, and a composition created"
                    + " now analyses it first, so its switches may differ");
        }
        return new PreviewView(RECORD_TYPE, composition.sessionId(), composition.resolution(), composition.format(),
                secs(plan.durationMillis()), kept, regions, timeline, audio, notShown, warnings);
    }

    private static RegionView region(CompositionPlan plan, RegionPlan region) {
        List<PhaseView> phases = new ArrayList<>();
        for (RegionPhase phase : region.phases()) {
            TimeSpan output = plan.toOutput(phase.span());
            List<CellView> cells = new ArrayList<>();
            for (int i = 0; i < phase.cells().size(); i++) {
                Rect cell = phase.cells().get(i);
                cells.add(new CellView(i, cell.x(), cell.y(), cell.width(), cell.height()));
            }
            Rect area = phase.area();
            phases.add(new PhaseView(secs(output.startMillis()), secs(output.endMillis()), area.x(), area.y(),
                    area.width(), area.height(), phase.rows(), phase.cols(), cells));
        }
        Rect area = region.area();
        return new RegionView(region.name(), region.z(), area.x(), area.y(), area.width(), area.height(), phases);
    }

    /** The visible spans of one placement, one entry per recording of the source that is seen in each. */
    private static List<TimelineEntry> entries(CompositionPlan plan, String region, Placement placement,
            Map<String, VideoTrack> tracks, Map<String, String> labels) {
        List<TimelineEntry> entries = new ArrayList<>();
        Rect frame = placement.frame();
        FrameView frameView = new FrameView(frame.x(), frame.y(), frame.width(), frame.height());
        for (TimeSpan visible : placement.visible()) {
            for (String recordingId : placement.recordingIds()) {
                VideoTrack track = tracks.get(recordingId);
                visible.intersect(track.span()).map(plan::toOutput).filter(span -> !span.isEmpty())
                        .ifPresent(span -> entries.add(new TimelineEntry(region, placement.phase(), placement.cell(),
                                recordingId, placement.participantId(), labels.get(placement.participantId()),
                                track.trackName().orElse(null), secs(span.startMillis()), secs(span.endMillis()),
                                frameView)));
            }
        }
        return entries;
    }

    /** Audio is never cut by trim: the whole recording plays from its offset in the output. */
    private static AudioEntry audio(CompositionPlan plan, AudioPlacement placement) {
        long start = placement.outputOffsetMillis();
        long end = Math.min(plan.durationMillis(), start + placement.span().durationMillis());
        return new AudioEntry(placement.recordingId(), placement.participantId(), secs(start), secs(end));
    }

    private static double secs(long millis) {
        return millis / 1000.0;
    }
}
