package dev.montage.layout;

/**
 * The size in pixels of the output canvas (or of a video).
 *
 * <pre>{@code
 * Resolution hd = new Resolution(1280, 720);
 * }</pre>
 */
public record Resolution(int width, int height) {

    public Resolution {
        if (width < 1 || height < 1) {
            throw new IllegalArgumentException(
                    "a resolution needs a positive width and height, was " + width + "x" + height);
        }
    }

    /** The whole canvas as a rectangle at the origin. */
    public Rect asRect() {
        return new Rect(0, 0, width, height);
    }

    @Override
    public String toString() {
        return width + "x" + height;
    }
}
