package dev.montage.layout;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Turns a session's recordings and a validated layout request into a {@link CompositionPlan}: the
 * {@code Plan} step of DESIGN.md §4.
 *
 * <p>{@link #plan} is a pure function: it reads nothing but its arguments, and equal arguments give
 * equal plans, whatever order the recordings are listed in. Per region it runs the steps of the
 * design in order:
 * <pre>
 *   select + group recordings into sources (reconnects of one participant are one source)
 *   excludeShownElsewhere → phaseSpans                        (only with the extensions, see RegionPhases)
 *   per phase: peakConcurrency → gridDimensions → cellRectangles → assignCells → visibleSpans → fitInside
 * </pre>
 * A plain region has one phase, the whole timeline, and the grid sized by the peak, as Twilio does.
 * Regions are planned in request order, except that a region naming others in
 * {@code exclude_shown_in} or {@code expand_into} is planned after them ({@link RegionOrder}).
 * A region that follows the active speaker ({@link RegionSpec#activeSpeaker()}) has one phase with a 1x1 grid
 * instead, and {@link ActiveSpeaker} decides who holds its one cell when, from the participants' speech.
 * Then it cuts the timeline (the silence before the first media always; with {@code trim} every
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
 *   <li>Requested ids and track-name patterns that match no recording, excluded cells outside the
 *       grid, and sources never shown produce warnings in the plan, not errors.</li>
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
            .comparingInt(Placement::phase)
            .thenComparingInt(Placement::cell)
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
        return plan(video, audio, request, new TreeMap<>());
    }

    /**
     * The plan, with each participant's speech on the session clock ({@link ParticipantSpeech#onSessionClock}) for
     * the regions that follow the active speaker ({@link ActiveSpeaker}); the other regions ignore it. A participant
     * absent from {@code speech} is silent; one who has audio but is absent (their audio has no speech-activity
     * timeline) is named in a warning.
     *
     * @throws NothingToComposeException when the request selects no video and no audio, or when
     *         {@code trim} leaves nothing that is seen or heard
     * @throws IllegalArgumentException when two recordings of one kind share an id
     */
    public static CompositionPlan plan(List<VideoTrack> video, List<AudioTrack> audio, LayoutRequest request,
            SortedMap<String, List<TimeSpan>> speech) {
        Objects.requireNonNull(speech, "speech must not be null (an empty map when nobody's speech is known)");
        Objects.requireNonNull(video, "video recordings must not be null");
        Objects.requireNonNull(audio, "audio recordings must not be null");
        Objects.requireNonNull(request, "layout request must not be null");
        requireUniqueIds(video.stream().map(VideoTrack::recordingId).toList(), "video");
        requireUniqueIds(audio.stream().map(AudioTrack::recordingId).toList(), "audio");

        List<String> warnings = new ArrayList<>();
        List<UnshownSource> unshown = new ArrayList<>();
        List<VideoTrack> playableVideo = withoutEmpty(video, warnings, unshown);
        List<AudioTrack> selectedAudio = selectAudio(audio, request.audio(), warnings, unshown);

        Set<VideoTrack> includedVideo = new HashSet<>();
        for (RegionSpec region : request.regions()) {
            playableVideo.stream().filter(region::selects).forEach(includedVideo::add);
        }
        playableVideo.stream().filter(track -> !includedVideo.contains(track))
                .forEach(track -> unshown.add(new UnshownSource(Optional.empty(), track.recordingId(),
                        track.participantId(), UnshownSource.Kind.VIDEO, UnshownSource.Reason.EXCLUDED,
                        "video recording " + track.recordingId() + " of participant " + track.participantId()
                                + " is selected by no region's video_sources")));
        if (includedVideo.isEmpty() && selectedAudio.isEmpty()) {
            throw new NothingToComposeException("the session has no video and no audio to compose");
        }
        TimeSpan timeline = wholeTimeline(includedVideo, selectedAudio);

        // a region that names others reads their plans, so it is planned after them; without such
        // references this is the request order
        Map<String, RegionPlan> planned = new LinkedHashMap<>();
        for (RegionSpec region : request.inPlanningOrder()) {
            List<VideoTrack> selected = playableVideo.stream().filter(region::selects).toList();
            warnUnmatched("region " + region.name() + ": video_sources", region.videoSources(),
                    entry -> video.stream().anyMatch(track -> Ids.names(entry, track.recordingId(),
                            track.participantId(), track.trackName())), warnings);
            planned.put(region.name(), region.activeSpeaker().isPresent()
                    ? planActiveSpeakerRegion(region, region.activeSpeaker().get(), VideoSource.group(selected), timeline,
                            speech, audio, warnings, unshown)
                    : planRegion(region, VideoSource.group(selected), timeline, planned, warnings, unshown));
        }
        List<RegionPlan> regions = new ArrayList<>(planned.values());

        List<TimeSpan> keptSegments = request.trim()
                ? spansWithMedia(regions, selectedAudio)
                : List.of(timeline);
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
                regions, audioPlacements, warnings, unshown);
    }

    /**
     * One region's plan. Its sources first lose the instants at which another region named in
     * {@code exclude_shown_in} shows their participant ({@code excludeShownElsewhere}); the timeline
     * is then cut into phases wherever the region's grid ({@code adaptive_grid}) or area
     * ({@code expand_into}) changes, and each phase runs the steps of a plain region over its span. A
     * plain region has one phase, the whole timeline, and plans as it always did.
     */
    private static RegionPlan planRegion(RegionSpec region, List<VideoSource> sources, TimeSpan timeline,
            Map<String, RegionPlan> planned, List<String> warnings, List<UnshownSource> unshown) {
        List<VideoSource> pieces = RegionPhases.excludeShownElsewhere(sources,
                region.excludeShownIn().stream().map(planned::get).toList());
        List<RegionPhases.Expandable> expandInto = region.expandInto().stream()
                .map(name -> RegionPhases.Expandable.of(planned.get(name))).toList();
        int n = region.reuse() == Reuse.NONE ? pieces.size() : Grid.peakConcurrency(pieces);
        Grid wholeGrid = Grid.gridDimensions(n, region.maxRows(), region.maxColumns(), region.cellsExcluded());
        Function<Long, RegionPhases.Shape> shapeAt = instant -> new RegionPhases.Shape(
                RegionPhases.expandedArea(region.area(), expandInto, instant),
                region.adaptiveGrid()
                        ? Grid.gridDimensions(RegionPhases.presentAt(pieces, instant), region.maxRows(),
                                region.maxColumns(), region.cellsExcluded())
                        : wholeGrid);
        List<RegionPhases.ShapedSpan> shapedSpans = RegionPhases.phaseSpans(timeline,
                RegionPhases.possibleChanges(pieces, region.adaptiveGrid(), expandInto), shapeAt);

        List<RegionPhase> phases = new ArrayList<>();
        List<Placement> placements = new ArrayList<>();
        Set<String> shown = new HashSet<>();
        Set<Grid> grids = new LinkedHashSet<>();
        for (RegionPhases.ShapedSpan shaped : shapedSpans) {
            Grid grid = shaped.shape().grid();
            grids.add(grid);
            List<Rect> cells = CellGeometry.cellRectangles(shaped.shape().area(), grid, region.cellSpacing());
            warnNarrowedSpacing(region, shaped.shape().area(), grid, warnings);
            List<Integer> usableCells = grid.usableCells(region.cellsExcluded());
            List<CellAssignment.Assignment> assignments;
            if (shapedSpans.size() == 1) {
                assignments = CellAssignment.assignCells(pieces, usableCells, region.reuse());
            } else {
                Map<VideoSource, VideoSource> uncut = new HashMap<>();
                List<VideoSource> inPhase = RegionPhases.within(shaped.span(), pieces, uncut);
                assignments = CellAssignment.assignCells(inPhase, usableCells, region.reuse(),
                        RegionPhases.seniority(uncut));
            }
            assignments.forEach(assignment -> shown.add(assignment.source().id()));
            placements.addAll(placements(phases.size(), assignments, cells));
            phases.add(new RegionPhase(shaped.span(), shaped.shape().area(), grid.rows(), grid.cols(), cells));
        }
        grids.forEach(grid -> warnExcludedOutside(region, grid, warnings));
        warnNeverShown(region, sources, pieces, shown, wholeGrid.usableCells(region.cellsExcluded()), warnings,
                unshown);
        reportNeverVisible(region, placements, unshown);
        placements.sort(BY_CELL);
        return new RegionPlan(region.name(), region.area(), region.z(), phases, placements);
    }

    /**
     * A region that shows the dominant speaker: a 1x1 grid whose one cell each source holds while
     * {@link ActiveSpeaker} shows it, one placement per source shown.
     */
    private static RegionPlan planActiveSpeakerRegion(RegionSpec region, SpeakerRules rules, List<VideoSource> sources,
            TimeSpan timeline, SortedMap<String, List<TimeSpan>> speech, List<AudioTrack> audio, List<String> warnings,
            List<UnshownSource> unshown) {
        warnSpeechUnknown(region, sources, speech, audio, warnings);
        Grid grid = sources.isEmpty() ? Grid.EMPTY : Grid.gridDimensions(1, OptionalInt.empty(), OptionalInt.empty());
        List<Rect> cells = CellGeometry.cellRectangles(region.area(), grid);
        List<CellAssignment.Assignment> assignments = ActiveSpeaker.shownOverTime(sources, speech, rules).stream()
                .map(shown -> new CellAssignment.Assignment(shown.source(), 0, shown.span()))
                .toList();
        Set<String> shown = new HashSet<>();
        assignments.forEach(assignment -> shown.add(assignment.source().id()));
        for (VideoSource source : sources) {
            if (!shown.contains(source.id())) {
                String warning = "region " + region.name() + ": source " + source.id() + " of participant "
                        + source.participantId() + " is never shown: it never took the floor (focus active_speaker)";
                warnings.add(warning);
                unshown.add(unshownVideo(region, source, UnshownSource.Reason.NEVER_SPOKE, warning));
            }
        }
        List<Placement> placements = placements(0, assignments, cells);
        reportNeverVisible(region, placements, unshown);
        return new RegionPlan(region.name(), region.area(), region.z(),
                List.of(new RegionPhase(timeline, region.area(), grid.rows(), grid.cols(), cells)), placements);
    }

    /**
     * A source that held a cell but whose camera sent no picture while it did is never seen either: the cell stayed
     * black. It has placements, so no warning names it; the preview lists it.
     */
    private static void reportNeverVisible(RegionSpec region, List<Placement> placements, List<UnshownSource> unshown) {
        Map<String, List<Placement>> bySource = new LinkedHashMap<>();
        placements.forEach(p -> bySource.computeIfAbsent(p.sourceId(), id -> new ArrayList<>()).add(p));
        bySource.forEach((id, ofSource) -> {
            if (ofSource.stream().allMatch(p -> p.visible().isEmpty())) {
                String participant = ofSource.get(0).participantId();
                unshown.add(new UnshownSource(Optional.of(region.name()), id, participant, UnshownSource.Kind.VIDEO,
                        UnshownSource.Reason.NO_ACTIVITY, "region " + region.name() + ": source " + id
                                + " of participant " + participant
                                + " is never seen: its camera sent no picture while it held a cell"));
            }
        });
    }

    private static UnshownSource unshownVideo(RegionSpec region, VideoSource source, UnshownSource.Reason reason,
            String detail) {
        return new UnshownSource(Optional.of(region.name()), source.id(), source.participantId(),
                UnshownSource.Kind.VIDEO, reason, detail);
    }

    /** Participants with audio but no speech timeline count as silent: say so, once per region. */
    private static void warnSpeechUnknown(RegionSpec region, List<VideoSource> sources,
            SortedMap<String, List<TimeSpan>> speech, List<AudioTrack> audio, List<String> warnings) {
        Set<String> withAudio = new HashSet<>();
        audio.forEach(track -> withAudio.add(track.participantId()));
        Set<String> unknown = new TreeSet<>();
        for (VideoSource source : sources) {
            if (withAudio.contains(source.participantId()) && !speech.containsKey(source.participantId())) {
                unknown.add(source.participantId());
            }
        }
        for (String participant : unknown) {
            warnings.add("region " + region.name() + ": participant " + participant
                    + " has audio without a speech-activity timeline and counts as silent (focus active_speaker)");
        }
    }

    /** A gap too wide for the grid is narrowed so that cells keep a size (see {@link CellGeometry#gap}). */
    private static void warnNarrowedSpacing(RegionSpec region, Rect area, Grid grid, List<String> warnings) {
        int gap = CellGeometry.gap(area, grid, region.cellSpacing());
        String warning = "region " + region.name() + ": cell_spacing " + region.cellSpacing() + " leaves no room for a "
                + grid.rows() + "x" + grid.cols() + " grid in " + area.width() + "x" + area.height()
                + "; the cells are " + gap + " pixels apart";
        if (gap < region.cellSpacing() && !warnings.contains(warning)) {
            warnings.add(warning);
        }
    }

    /** One placement per source and cell of a phase, with its visible spans and its picture fitted inside the cell. */
    private static List<Placement> placements(int phase, List<CellAssignment.Assignment> assignments, List<Rect> cells) {
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
            placements.add(new Placement(source.id(), source.participantId(), source.recordingIds(), phase, cell, frame,
                    visibleSpans(assigned, TimeSpans.union(group.stream()
                            .flatMap(assignment -> assignment.source().activity().stream()).toList())),
                    assigned));
        }
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

    private static List<VideoTrack> withoutEmpty(List<VideoTrack> video, List<String> warnings,
            List<UnshownSource> unshown) {
        List<VideoTrack> playable = new ArrayList<>();
        // sorted so that warnings, like the rest of the plan, do not depend on the input order
        for (VideoTrack track : video.stream().sorted(Comparator.comparing(VideoTrack::recordingId)).toList()) {
            if (track.span().isEmpty()) {
                String warning = "video recording " + track.recordingId() + " has no duration and is left out";
                warnings.add(warning);
                unshown.add(new UnshownSource(Optional.empty(), track.recordingId(), track.participantId(),
                        UnshownSource.Kind.VIDEO, UnshownSource.Reason.NO_ACTIVITY, warning));
            } else {
                playable.add(track);
            }
        }
        return playable;
    }

    private static List<AudioTrack> selectAudio(List<AudioTrack> audio, AudioSelection selection, List<String> warnings,
            List<UnshownSource> unshown) {
        warnUnmatched("audio_sources", selection.sources(),
                entry -> audio.stream().anyMatch(track -> Ids.names(entry, track.recordingId(), track.participantId(),
                        track.trackName())), warnings);
        List<AudioTrack> selected = new ArrayList<>();
        for (AudioTrack track : audio.stream().sorted(AUDIO_BY_START).toList()) {
            if (!selection.selects(track)) {
                unshown.add(new UnshownSource(Optional.empty(), track.recordingId(), track.participantId(),
                        UnshownSource.Kind.AUDIO, UnshownSource.Reason.EXCLUDED, "audio recording "
                                + track.recordingId() + " of participant " + track.participantId()
                                + " is not selected by audio_sources"));
                continue;
            }
            if (track.span().isEmpty()) {
                String warning = "audio recording " + track.recordingId() + " has no duration and is left out";
                warnings.add(warning);
                unshown.add(new UnshownSource(Optional.empty(), track.recordingId(), track.participantId(),
                        UnshownSource.Kind.AUDIO, UnshownSource.Reason.NO_ACTIVITY, warning));
            } else {
                selected.add(track);
            }
        }
        return selected;
    }

    /**
     * Warns of included entries that name nothing. Excluded entries are not warned of: excluding {@code "screen*"}
     * from the cameras' region is right whether or not anyone shared a screen.
     */
    private static void warnUnmatched(String what, List<String> requested, Predicate<String> namesSomeRecording,
            List<String> warnings) {
        for (String entry : requested) {
            if (!entry.equals(Ids.ALL) && !namesSomeRecording.test(entry)) {
                warnings.add(what + ": '" + entry + "' matches no recording, participant or track name of the session");
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

    private static void warnNeverShown(RegionSpec region, List<VideoSource> sources, List<VideoSource> pieces,
            Set<String> shown, List<Integer> usableCells, List<String> warnings, List<UnshownSource> unshown) {
        Set<String> leftToShow = new HashSet<>();
        pieces.forEach(piece -> leftToShow.add(piece.id()));
        for (VideoSource source : sources) {
            if (shown.contains(source.id())) {
                continue;
            }
            // a source whose participant is always shown in a region of exclude_shown_in is left out on purpose:
            // no warning, but the preview says where it is
            if (!leftToShow.contains(source.id())) {
                unshown.add(unshownVideo(region, source, UnshownSource.Reason.SHOWN_ELSEWHERE, "region "
                        + region.name() + ": source " + source.id() + " of participant " + source.participantId()
                        + " is not shown: whenever it is present, a region of exclude_shown_in "
                        + region.excludeShownIn() + " shows its participant"));
                continue;
            }
            String reason = usableCells.isEmpty()
                    ? "every cell of its grid is excluded"
                    : switch (region.reuse()) {
                        case NONE -> "no unused cell was left (reuse=none)";
                        case SHOW_OLDEST -> "no cell became idle during its span (reuse=show_oldest)";
                        case SHOW_NEWEST -> "newer sources took every cell it could have used (reuse=show_newest)";
                    };
            String warning = "region " + region.name() + ": source " + source.id() + " of participant "
                    + source.participantId() + " is never shown: " + reason;
            warnings.add(warning);
            unshown.add(unshownVideo(region, source, usableCells.isEmpty() ? UnshownSource.Reason.CELLS_EXCLUDED
                    : UnshownSource.Reason.NO_FREE_CELL, warning));
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
