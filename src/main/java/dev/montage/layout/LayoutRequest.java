package dev.montage.layout;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * What the caller asked for, validated: the canvas, the regions in request order, the audio
 * selection, and whether periods without media are cut out ({@code trim}).
 *
 * <p>Region names are unique, every region lies within the canvas, and the regions named in
 * {@code exclude_shown_in} and {@code expand_into} exist and form no cycle. The API layer reports these
 * problems to the client with JSON pointers; the checks here guard the planner against a caller
 * that skipped that validation.
 *
 * <pre>{@code
 * new LayoutRequest(new Resolution(1280, 720),
 *         List.of(RegionSpec.builder("main", 0, 0, 1280, 720).videoSources("*").build()),
 *         AudioSelection.ALL, true);
 * }</pre>
 */
public record LayoutRequest(Resolution canvas, List<RegionSpec> regions, AudioSelection audio, boolean trim) {

    public LayoutRequest {
        Objects.requireNonNull(canvas, "canvas must not be null");
        Objects.requireNonNull(regions, "regions must not be null (use an empty list for an audio-only composition)");
        Objects.requireNonNull(audio, "audio selection must not be null (AudioSelection.ALL is the default)");
        regions = List.copyOf(regions);
        Set<String> names = new HashSet<>();
        for (RegionSpec region : regions) {
            if (!names.add(region.name())) {
                throw new IllegalArgumentException("region names must be unique, '" + region.name() + "' appears twice");
            }
            requireInside(region, canvas);
        }
        RegionOrder.planningOrder(dependencies(regions));
    }

    /** The regions in the order the planner plans them: each after the regions it names (see {@link RegionOrder}). */
    public List<RegionSpec> inPlanningOrder() {
        return RegionOrder.planningOrder(dependencies(regions)).stream().map(name -> region(name).orElseThrow()).toList();
    }

    private static Map<String, Set<String>> dependencies(List<RegionSpec> regions) {
        Map<String, Set<String>> dependsOn = new LinkedHashMap<>();
        regions.forEach(region -> dependsOn.put(region.name(), region.dependsOn()));
        return dependsOn;
    }

    /** True when some region follows the active speaker: only then does planning need the participants' speech. */
    public boolean followsSpeech() {
        return regions.stream().anyMatch(region -> region.activeSpeaker().isPresent());
    }

    /** The region with this name, if the request has one. */
    public Optional<RegionSpec> region(String name) {
        return regions.stream().filter(region -> region.name().equals(name)).findFirst();
    }

    private static void requireInside(RegionSpec region, Resolution canvas) {
        if ((long) region.x() + region.width() > canvas.width()) {
            throw new IllegalArgumentException("region " + region.name() + ": x_pos + width (" + region.x() + " + "
                    + region.width() + ") exceeds the canvas width (" + canvas.width() + ")");
        }
        if ((long) region.y() + region.height() > canvas.height()) {
            throw new IllegalArgumentException("region " + region.name() + ": y_pos + height (" + region.y() + " + "
                    + region.height() + ") exceeds the canvas height (" + canvas.height() + ")");
        }
    }
}
