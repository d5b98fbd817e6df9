package dev.montage.layout;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * The steps that let a region follow the session: who it leaves out because another region shows
 * them ({@code exclude_shown_in}), and where its grid or area changes ({@code adaptive_grid},
 * {@code expand_into}).
 *
 * <pre>
 *  time (s)        0         10         20        25
 *  share           .         |==========|          .     a screen share holds the "share" region
 *  cameras' area   |  whole  |  its own  |  whole  |     expand_into [share]: three phases
 *
 *  speaker         | A       | B                   |     the big region shows one participant at a time
 *  strip           | B, C    | A, C                |     exclude_shown_in [speaker]: B's piece ends at 10,
 *                                                        A's begins at 10 and takes the cell B left
 * </pre>
 */
final class RegionPhases {

    /** The area and grid a region keeps during one phase. */
    record Shape(Rect area, Grid grid) {
    }

    private RegionPhases() {
    }

    /**
     * The region's sources without the instants at which their participant holds a cell of one of
     * {@code shownIn}: each source becomes the pieces of its span that remain (none when the
     * participant is always shown there), each piece keeping the source's id and recordings. A
     * source that loses nothing is returned as it is.
     */
    static List<VideoSource> excludeShownElsewhere(List<VideoSource> sources, List<RegionPlan> shownIn) {
        if (shownIn.isEmpty()) {
            return sources;
        }
        Map<String, List<TimeSpan>> heldByParticipant = new HashMap<>();
        for (RegionPlan region : shownIn) {
            for (Placement placement : region.placements()) {
                heldByParticipant.computeIfAbsent(placement.participantId(), p -> new ArrayList<>())
                        .addAll(placement.assigned());
            }
        }
        List<VideoSource> pieces = new ArrayList<>();
        for (VideoSource source : sources) {
            List<TimeSpan> held = TimeSpans.intersect(List.of(source.span()),
                    heldByParticipant.getOrDefault(source.participantId(), List.of()));
            if (held.isEmpty()) {
                pieces.add(source);
                continue;
            }
            for (TimeSpan remaining : TimeSpans.subtract(List.of(source.span()), held)) {
                pieces.add(clip(source, remaining));
            }
        }
        pieces.sort(VideoSource.BY_START);
        return List.copyOf(pieces);
    }

    /** A phase before its cells are assigned: its span of the session clock and its shape. */
    record ShapedSpan(TimeSpan span, Shape shape) {
    }

    /**
     * The instants at which a region's shape may change: where some piece starts or ends (with
     * {@code adaptive_grid}) and where some region of {@code expandInto} starts or stops holding a cell.
     */
    static TreeSet<Long> possibleChanges(List<VideoSource> pieces, boolean adaptiveGrid, List<Expandable> expandInto) {
        TreeSet<Long> instants = new TreeSet<>();
        if (adaptiveGrid) {
            pieces.forEach(piece -> {
                instants.add(piece.span().startMillis());
                instants.add(piece.span().endMillis());
            });
        }
        for (Expandable region : expandInto) {
            for (TimeSpan held : region.held()) {
                instants.add(held.startMillis());
                instants.add(held.endMillis());
            }
        }
        return instants;
    }

    /**
     * The phases over {@code timeline}: it is cut at each of {@code changes} where {@code shapeAt}
     * gives a shape other than the one before, so neighbouring parts of equal shape form one phase. A
     * region whose shape never changes has one phase: the whole timeline.
     */
    static List<ShapedSpan> phaseSpans(TimeSpan timeline, TreeSet<Long> changes, Function<Long, Shape> shapeAt) {
        List<ShapedSpan> phases = new ArrayList<>();
        long start = timeline.startMillis();
        Shape current = shapeAt.apply(start);
        for (long instant : changes.subSet(start, false, timeline.endMillis(), false)) {
            Shape next = shapeAt.apply(instant);
            if (!next.equals(current)) {
                phases.add(new ShapedSpan(new TimeSpan(start, instant), current));
                start = instant;
                current = next;
            }
        }
        phases.add(new ShapedSpan(new TimeSpan(start, timeline.endMillis()), current));
        return List.copyOf(phases);
    }

    /** How many pieces are present at {@code instant}. */
    static int presentAt(List<VideoSource> pieces, long instant) {
        return (int) pieces.stream().filter(piece -> piece.span().contains(instant)).count();
    }

    /** A region named in {@code expand_into}: its requested area and when it shows something. */
    record Expandable(Rect area, List<TimeSpan> held) {

        static Expandable of(RegionPlan region) {
            return new Expandable(region.area(), heldSpans(region));
        }
    }

    /**
     * The area a region covers at {@code instant}: the bounding rectangle of its own area and the
     * areas of those regions of {@code expandInto} that hold no cell at that instant.
     */
    static Rect expandedArea(Rect own, List<Expandable> expandInto, long instant) {
        int left = own.x();
        int top = own.y();
        int right = own.right();
        int bottom = own.bottom();
        for (Expandable region : expandInto) {
            if (!TimeSpans.contains(region.held(), instant)) {
                left = Math.min(left, region.area().x());
                top = Math.min(top, region.area().y());
                right = Math.max(right, region.area().right());
                bottom = Math.max(bottom, region.area().bottom());
            }
        }
        return new Rect(left, top, right - left, bottom - top);
    }

    /** When a region shows something: some source holds one of its cells. */
    static List<TimeSpan> heldSpans(RegionPlan region) {
        return TimeSpans.union(region.placements().stream().flatMap(placement -> placement.assigned().stream()).toList());
    }

    /**
     * The pieces present during {@code phase}, cut to it, with the order that lets sources cut at the
     * phase's start keep the seniority they had (by the piece's own start, then end, then id).
     */
    static List<VideoSource> within(TimeSpan phase, List<VideoSource> pieces, Map<VideoSource, VideoSource> uncut) {
        List<VideoSource> inside = new ArrayList<>();
        for (VideoSource piece : pieces) {
            piece.span().intersect(phase).ifPresent(span -> {
                VideoSource cut = span.equals(piece.span()) ? piece : clip(piece, span);
                uncut.put(cut, piece);
                inside.add(cut);
            });
        }
        return inside;
    }

    /** The assignment order within a phase: by start in the phase, then by the uncut piece's order. */
    static Comparator<VideoSource> seniority(Map<VideoSource, VideoSource> uncut) {
        return Comparator.comparingLong((VideoSource source) -> source.span().startMillis())
                .thenComparing(uncut::get, VideoSource.BY_START);
    }

    private static VideoSource clip(VideoSource source, TimeSpan span) {
        return new VideoSource(source.id(), source.participantId(), source.tracks(), span,
                TimeSpans.intersect(source.activity(), List.of(span)));
    }
}
