package dev.montage.layout;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Turns a session's recordings and a validated layout request into a {@link CompositionPlan}: the
 * {@code Plan} step of DESIGN.md §4.
 *
 * <p>{@link #plan} is a pure function: it reads nothing but its arguments, and equal arguments give
 * equal plans, whatever order the recordings are listed in. Per region it runs the steps of the
 * design in order:
 * <pre>
 *   select + group recordings into sources (reconnects of one participant are one source)
 *   peakConcurrency → gridDimensions → cellRectangles → assignCells → visibleSpans → fitInside
 * </pre>
 * then cuts the timeline (the silence before the first media always; with {@code trim} every
 * period where nothing is seen or heard) and places the selected audio on the output clock.
 *
 * <p>Decisions where the design is silent:
 * <ul>
 *   <li>Recordings of zero length carry nothing to show or hear; they are left out with a warning.</li>
 *   <li>With {@code trim}, a period is kept when some placed source is <em>visible</em> or some
 *       selected audio plays. A source that is active but not shown (waiting for a cell) does not
 *       keep a period alive: the output would be black and silent there.</li>
 *   <li>A source made of several recordings is fitted by the size of its first recording; the
 *       renderer scales each input to fit the cell anyway.</li>
 *   <li>Requested ids that match no recording, excluded cells outside the grid, and sources never
 *       shown produce warnings in the plan, not errors.</li>
 * </ul>
 *
 * <pre>{@code
 * CompositionPlan plan = LayoutPlanner.plan(
 *         List.of(VideoTrack.continuous("rec-v1", "alice", new TimeSpan(5_000, 15_000), 640, 480)),
 *         List.of(new AudioTrack("rec-a1", "alice", new TimeSpan(5_000, 15_000))),
 *         new LayoutRequest(new Resolution(1280, 720),
 *                 List.of(RegionSpec.builder("main", 0, 0, 1280, 720).videoSources("*").build()),
 *                 AudioSelection.ALL, false));
 * plan.durationMillis();   // 10000: the 5 s before alice joined are trimmed
 * }</pre>
 */
public final class LayoutPlanner {

    private static final Comparator<AudioTrack> AUDIO_BY_START = Comparator
            .comparing(AudioTrack::span)
            .thenComparing(AudioTrack::recordingId);

    private static final Comparator<RegionPlan> DRAWING_ORDER = Comparator
            .comparingInt(RegionPlan::z)
            .thenComparing(RegionPlan::name);

    private static final Comparator<Placement> BY_CELL = Comparator
            .comparingInt(Placement::cell)
            .thenComparing(placement -> placement.assigned().get(0))
            .thenComparing(Placement::sourceId);

    private LayoutPlanner() {
    }

    /**
     * The plan for composing {@code video} and {@code audio} as {@code request} asks.
     *
     * @throws NothingToComposeException when the request selects no video and no audio, or when
     *         {@code trim} leaves nothing that is seen or heard
     * @throws IllegalArgumentException when two recordings of one kind share an id
     */
    public static CompositionPlan plan(List<VideoTrack> video, List<AudioTrack> audio, LayoutRequest request) {
        Objects.requireNonNull(video, "video recordings must not be null");
        Objects.requireNonNull(audio, "audio recordings must not be null");
        Objects.requireNonNull(request, "layout request must not be null");
        requireUniqueIds(video.stream().map(VideoTrack::recordingId).toList(), "video");
        requireUniqueIds(audio.stream().map(AudioTrack::recordingId).toList(), "audio");

        List<String> warnings = new ArrayList<>();
        List<VideoTrack> playableVideo = withoutEmpty(video, warnings);
        List<AudioTrack> selectedAudio = selectAudio(audio, request.audio(), warnings);

        List<RegionPlan> regions = new ArrayList<>();
        Set<VideoTrack> includedVideo = new HashSet<>();
        for (RegionSpec region : request.regions()) {
            List<VideoTrack> selected = playableVideo.stream().filter(region::selects).toList();
            warnUnmatched("region " + region.name() + ": video_sources", region.videoSources(),
                    video.stream().map(track -> List.of(track.recordingId(), track.participantId())).toList(), warnings);
            includedVideo.addAll(selected);
            regions.add(planRegion(region, VideoSource.group(selected), warnings));
        }
        if (includedVideo.isEmpty() && selectedAudio.isEmpty()) {
            throw new NothingToComposeException("the session has no video and no audio to compose");
        }

        List<TimeSpan> keptSegments = request.trim()
                ? spansWithMedia(regions, selectedAudio)
                : List.of(wholeTimeline(includedVideo, selectedAudio));
        if (keptSegments.isEmpty()) {
            throw new NothingToComposeException(
                    "with trim on nothing remains to compose: no selected video is ever visible and no audio is selected");
        }
        long duration = keptSegments.stream().mapToLong(TimeSpan::durationMillis).sum();
        List<AudioPlacement> audioPlacements = selectedAudio.stream()
                .map(track -> new AudioPlacement(track.recordingId(), track.participantId(), track.span(),
                        TimeSpans.elapsedBefore(keptSegments, track.span().startMillis())))
                .toList();
        regions.sort(DRAWING_ORDER);
        return new CompositionPlan(request.canvas(), duration, keptSegments.get(0).startMillis(), keptSegments,
                regions, audioPlacements, warnings);
    }

    private static RegionPlan planRegion(RegionSpec region, List<VideoSource> sources, List<String> warnings) {
        int n = region.reuse() == Reuse.NONE ? sources.size() : Grid.peakConcurrency(sources);
        Grid grid = Grid.gridDimensions(n, region.maxRows(), region.maxColumns(), region.cellsExcluded());
        warnExcludedOutside(region, grid, warnings);
        List<Rect> cells = CellGeometry.cellRectangles(region.area(), grid, region.cellSpacing());
        warnNarrowedSpacing(region, grid, warnings);
        List<Integer> usableCells = grid.usableCells(region.cellsExcluded());
        List<CellAssignment.Assignment> assignments = CellAssignment.assignCells(sources, usableCells, region.reuse());
        warnNeverShown(region, sources, assignments, usableCells, warnings);
        return new RegionPlan(region.name(), region.area(), region.z(), grid.rows(), grid.cols(), cells,
                placements(assignments, cells));
    }

    /** A gap too wide for the grid is narrowed so that cells keep a size (see {@link CellGeometry#gap}). */
    private static void warnNarrowedSpacing(RegionSpec region, Grid grid, List<String> warnings) {
        int gap = CellGeometry.gap(region.area(), grid, region.cellSpacing());
        if (gap < region.cellSpacing()) {
            warnings.add("region " + region.name() + ": cell_spacing " + region.cellSpacing() + " leaves no room for a "
                    + grid.rows() + "x" + grid.cols() + " grid in " + region.width() + "x" + region.height()
                    + "; the cells are " + gap + " pixels apart");
        }
    }

    /** One placement per source and cell, with its visible spans and its picture fitted inside the cell. */
    private static List<Placement> placements(List<CellAssignment.Assignment> assignments, List<Rect> cells) {
        Map<String, List<CellAssignment.Assignment>> bySourceAndCell = new LinkedHashMap<>();
        for (CellAssignment.Assignment assignment : assignments) {
            bySourceAndCell.computeIfAbsent(assignment.source().id() + "\u0000" + assignment.cell(), key -> new ArrayList<>())
                    .add(assignment);
        }
        List<Placement> placements = new ArrayList<>();
        for (List<CellAssignment.Assignment> group : bySourceAndCell.values()) {
            VideoSource source = group.get(0).source();
            int cell = group.get(0).cell();
            List<TimeSpan> assigned = TimeSpans.union(group.stream().map(CellAssignment.Assignment::span).toList());
            Rect frame = CellGeometry.fitInside(source.firstTrack().width(), source.firstTrack().height(), cells.get(cell));
            placements.add(new Placement(source.id(), source.participantId(), source.recordingIds(), cell, frame,
                    visibleSpans(assigned, source.activity()), assigned));
        }
        placements.sort(BY_CELL);
        return placements;
    }

    /** When a source is seen in a cell: while it holds the cell and its camera sends pictures. */
    static List<TimeSpan> visibleSpans(List<TimeSpan> assigned, List<TimeSpan> activity) {
        return TimeSpans.intersect(assigned, activity);
    }

    /** From the first start to the last end of any included recording: the initial silence is always cut. */
    private static TimeSpan wholeTimeline(Set<VideoTrack> includedVideo, List<AudioTrack> selectedAudio) {
        List<TimeSpan> spans = new ArrayList<>();
        includedVideo.forEach(track -> spans.add(track.span()));
        selectedAudio.forEach(track -> spans.add(track.span()));
        long start = spans.stream().mapToLong(TimeSpan::startMillis).min().orElseThrow();
        long end = spans.stream().mapToLong(TimeSpan::endMillis).max().orElseThrow();
        return new TimeSpan(start, end);
    }

    /** The periods where some placed source is visible or some selected audio plays (what trim keeps). */
    private static List<TimeSpan> spansWithMedia(List<RegionPlan> regions, List<AudioTrack> selectedAudio) {
        List<TimeSpan> media = new ArrayList<>();
        regions.forEach(region -> region.placements().forEach(placement -> media.addAll(placement.visible())));
        selectedAudio.forEach(track -> media.add(track.span()));
        return TimeSpans.union(media);
    }

    private static List<VideoTrack> withoutEmpty(List<VideoTrack> video, List<String> warnings) {
        List<VideoTrack> playable = new ArrayList<>();
        // sorted so that warnings, like the rest of the plan, do not depend on the input order
        for (VideoTrack track : video.stream().sorted(Comparator.comparing(VideoTrack::recordingId)).toList()) {
            if (track.span().isEmpty()) {
                warnings.add("video recording " + track.recordingId() + " has no duration and is left out");
            } else {
                playable.add(track);
            }
        }
        return playable;
    }

    private static List<AudioTrack> selectAudio(List<AudioTrack> audio, AudioSelection selection, List<String> warnings) {
        warnUnmatched("audio_sources", selection.sources(),
                audio.stream().map(track -> List.of(track.recordingId(), track.participantId())).toList(), warnings);
        List<AudioTrack> selected = new ArrayList<>();
        for (AudioTrack track : audio.stream().sorted(AUDIO_BY_START).toList()) {
            if (!selection.selects(track)) {
                continue;
            }
            if (track.span().isEmpty()) {
                warnings.add("audio recording " + track.recordingId() + " has no duration and is left out");
            } else {
                selected.add(track);
            }
        }
        return selected;
    }

    private static void warnUnmatched(String what, List<String> requested, List<List<String>> knownIds, List<String> warnings) {
        for (String id : requested) {
            if (!id.equals(Ids.ALL) && knownIds.stream().noneMatch(ids -> ids.contains(id))) {
                warnings.add(what + ": '" + id + "' matches no recording or participant of the session");
            }
        }
    }

    private static void warnExcludedOutside(RegionSpec region, Grid grid, List<String> warnings) {
        if (grid.cellCount() == 0) {
            return;
        }
        for (int cell : region.cellsExcluded()) {
            if (cell >= grid.cellCount()) {
                warnings.add("region " + region.name() + ": cells_excluded " + cell + " is outside its " + grid
                        + " grid and has no effect");
            }
        }
    }

    private static void warnNeverShown(RegionSpec region, List<VideoSource> sources,
            List<CellAssignment.Assignment> assignments, List<Integer> usableCells, List<String> warnings) {
        Set<String> shown = new HashSet<>();
        assignments.forEach(assignment -> shown.add(assignment.source().id()));
        for (VideoSource source : sources) {
            if (shown.contains(source.id())) {
                continue;
            }
            String reason = usableCells.isEmpty()
                    ? "every cell of its grid is excluded"
                    : switch (region.reuse()) {
                        case NONE -> "no unused cell was left (reuse=none)";
                        case SHOW_OLDEST -> "no cell became idle during its span (reuse=show_oldest)";
                        case SHOW_NEWEST -> "newer sources took every cell it could have used (reuse=show_newest)";
                    };
            warnings.add("region " + region.name() + ": source " + source.id() + " of participant "
                    + source.participantId() + " is never shown: " + reason);
        }
    }

    private static void requireUniqueIds(List<String> ids, String kind) {
        Set<String> seen = new HashSet<>();
        for (String id : ids) {
            if (!seen.add(id)) {
                throw new IllegalArgumentException("two " + kind + " recordings share the id " + id);
            }
        }
    }
}
