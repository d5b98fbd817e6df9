package dev.montage.media;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

import dev.montage.layout.TimeSpan;

/**
 * A painted label for the filter graph: the image file that holds it, where its top left corner goes on the canvas
 * (even pixels, as everything drawn on yuv420p), and the output-clock spans in which it shows.
 *
 * <pre>{@code
 * new LabelOverlay(Path.of("work/label-0.png"), 6, 150, List.of(new TimeSpan(0, 2000)));
 * }</pre>
 */
public record LabelOverlay(Path image, int x, int y, List<TimeSpan> shown) {

    public LabelOverlay {
        Objects.requireNonNull(image, "image must not be null");
        shown = List.copyOf(shown);
        if (shown.isEmpty()) {
            throw new IllegalArgumentException("label " + image + " is never shown");
        }
        if (x < 0 || y < 0) {
            throw new IllegalArgumentException("label " + image + " lies outside the canvas at (" + x + ", " + y + ")");
        }
    }
}
