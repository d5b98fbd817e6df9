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
 * the label along (one label per placement).
 *
 * <pre>{@code
 * NameLabel.of(plan, look)   // [NameLabel[text=alice, frame=320x180@(0,0), shown=[[0, 2000)]], ...]
 * }</pre>
 */
record NameLabel(String text, Rect frame, List<TimeSpan> shown) {

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
        for (RegionPlan region : plan.regions()) {
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
                    labels.add(new NameLabel(text, placement.frame(), shown));
                }
            }
        }
        return List.copyOf(labels);
    }

    /** One line of text: control characters (a newline in a participant context) become spaces, runs of them one. */
    static String cleaned(String text) {
        StringBuilder line = new StringBuilder();
        text.codePoints().map(c -> Character.isISOControl(c) || Character.isWhitespace(c) ? ' ' : c)
                .forEach(line::appendCodePoint);
        return line.toString().replaceAll(" {2,}", " ").strip();
    }
}
