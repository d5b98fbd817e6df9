package dev.montage.layout;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything the renderer draws and a preview shows, decided once: the canvas, the output's
 * length, which parts of the session clock it keeps, the regions in drawing order, the audio mix,
 * warnings about requested things that cannot be shown, and the recordings never shown or played with the
 * reason ({@link UnshownSource}).
 *
 * <p>Two clocks appear in a plan. Placements and audio spans use the <em>session clock</em>
 * (milliseconds, as the recordings were probed). The <em>output clock</em> starts at 0 at
 * {@code originMillis} and runs only through {@code keptSegments}: without trim that is the single
 * span from the first to the last included media; with trim it is every period where something is
 * seen or heard. {@link #toOutputMillis} converts. Regions are listed in drawing order (ascending
 * z, ties by name): draw them first to last over a black canvas.
 *
 * <pre>{@code
 * // media at [10000, 20000) and [30000, 35000) of the session clock, trim on:
 * keptSegments = [[10000, 20000), [30000, 35000)], originMillis = 10000, durationMillis = 15000
 * plan.toOutputMillis(30_500) == 10_500
 * }</pre>
 */
public record CompositionPlan(
        Resolution canvas,
        long durationMillis,
        long originMillis,
        List<TimeSpan> keptSegments,
        List<RegionPlan> regions,
        List<AudioPlacement> audio,
        List<String> warnings,
        List<UnshownSource> unshown) {

    public CompositionPlan {
        Objects.requireNonNull(canvas, "canvas must not be null");
        keptSegments = List.copyOf(keptSegments);
        regions = List.copyOf(regions);
        audio = List.copyOf(audio);
        warnings = List.copyOf(warnings);
        unshown = List.copyOf(unshown);
        if (keptSegments.isEmpty()) {
            throw new IllegalArgumentException("a plan keeps at least one segment of the session");
        }
        long total = 0;
        for (int i = 0; i < keptSegments.size(); i++) {
            TimeSpan segment = keptSegments.get(i);
            if (segment.isEmpty()) {
                throw new IllegalArgumentException("kept segment " + i + " is empty: " + segment);
            }
            if (i > 0 && keptSegments.get(i - 1).endMillis() >= segment.startMillis()) {
                throw new IllegalArgumentException("kept segments must be sorted and separated by a cut, got "
                        + keptSegments.get(i - 1) + " then " + segment);
            }
            total += segment.durationMillis();
        }
        if (durationMillis != total) {
            throw new IllegalArgumentException("durationMillis (" + durationMillis
                    + ") must equal the length of the kept segments (" + total + ")");
        }
        if (originMillis != keptSegments.get(0).startMillis()) {
            throw new IllegalArgumentException("originMillis (" + originMillis
                    + ") must be the start of the first kept segment (" + keptSegments.get(0).startMillis() + ")");
        }
        for (RegionPlan region : regions) {
            if (!canvas.asRect().contains(region.area())) {
                throw new IllegalArgumentException("region " + region.name() + " " + region.area()
                        + " lies outside the canvas " + canvas);
            }
        }
    }

    /**
     * The output-clock instant showing the given session-clock instant. An instant inside a cut maps
     * to where the output resumes; instants before the first or after the last kept segment clamp to
     * 0 and {@code durationMillis}.
     */
    public long toOutputMillis(long sessionMillis) {
        return TimeSpans.elapsedBefore(keptSegments, sessionMillis);
    }

    /**
     * A session-clock span on the output clock. Visible video and audio spans always lie within one
     * kept segment, so they keep their length; parts of other spans that fall in a cut shrink away.
     */
    public TimeSpan toOutput(TimeSpan sessionSpan) {
        return new TimeSpan(toOutputMillis(sessionSpan.startMillis()), toOutputMillis(sessionSpan.endMillis()));
    }

    /** The region with this name, if the plan has one. */
    public Optional<RegionPlan> region(String name) {
        return regions.stream().filter(region -> region.name().equals(name)).findFirst();
    }
}
