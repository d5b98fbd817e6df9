package dev.montage.media;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import dev.montage.layout.CompositionPlan;
import dev.montage.layout.Placement;
import dev.montage.layout.Rect;
import dev.montage.layout.RegionPlan;
import dev.montage.layout.TimeSpan;

/**
 * One name label to draw: its text, the picture it belongs to, and when it shows (output clock).
 *
 * <p>A label shows exactly while its picture does: over the placement's visible spans, so a camera that is off
 * leaves its cell without a label as well as without a picture, and a participant who moves to another cell takes
 * the label along (one label per placement). {@code region} is the index of the picture's region in drawing order:
 * labels are drawn after every picture, so a label is hidden while a picture of a later region covers its box
 * ({@link #coveredAbove}), as the picture below it is.
 *
 * <pre>{@code
 * NameLabel.of(plan, look)   // [NameLabel[text=alice, frame=320x180@(0,0), shown=[[0, 2000)]], ...]
 * }</pre>
 */
record NameLabel(String text, Rect frame, List<TimeSpan> shown, int region) {

    NameLabel {
        Objects.requireNonNull(text, "text must not be null");
        Objects.requireNonNull(frame, "frame must not be null");
        shown = List.copyOf(shown);
    }

    /**
     * The labels {@code look} asks for on {@code plan}, in drawing order: regions as planned, then placements. A
     * placement gets none when its participant has no label, its frame is empty, or it is never visible.
     */
    static List<NameLabel> of(CompositionPlan plan, Look look) {
        List<NameLabel> labels = new ArrayList<>();
        for (int r = 0; r < plan.regions().size(); r++) {
            RegionPlan region = plan.regions().get(r);
            if (!look.labelledRegions().contains(region.name())) {
                continue;
            }
            for (Placement placement : region.placements()) {
                List<TimeSpan> shown = new ArrayList<>();
                for (TimeSpan visible : placement.visible()) {
                    TimeSpan output = plan.toOutput(visible);
                    if (!output.isEmpty()) {
                        shown.add(output);
                    }
                }
                String text = look.labelOf(placement.participantId()).map(NameLabel::cleaned).orElse("");
                if (!text.isEmpty() && !shown.isEmpty() && placement.frame().width() > 0
                        && placement.frame().height() > 0) {
                    labels.add(new NameLabel(text, placement.frame(), shown, r));
                }
            }
        }
        return List.copyOf(labels);
    }

    /**
     * When (output clock) a picture of a region drawn after region {@code region} covers part of {@code box}: a
     * picture-in-picture over a labelled cell hides that cell's label with its picture.
     */
    static List<TimeSpan> coveredAbove(CompositionPlan plan, int region, Rect box) {
        List<TimeSpan> covered = new ArrayList<>();
        for (int r = region + 1; r < plan.regions().size(); r++) {
            for (Placement placement : plan.regions().get(r).placements()) {
                if (overlap(placement.frame(), box)) {
                    placement.visible().forEach(visible -> covered.add(plan.toOutput(visible)));
                }
            }
        }
        return covered;
    }

    private static boolean overlap(Rect a, Rect b) {
        return a.x() < b.right() && b.x() < a.right() && a.y() < b.bottom() && b.y() < a.bottom();
    }

    /** One line of text: control characters (a newline in a participant context) become spaces, runs of them one. */
    static String cleaned(String text) {
        StringBuilder line = new StringBuilder();
        text.codePoints().map(c -> Character.isISOControl(c) || Character.isWhitespace(c) ? ' ' : c)
                .forEach(line::appendCodePoint);
        return line.toString().replaceAll(" {2,}", " ").strip();
    }
}
