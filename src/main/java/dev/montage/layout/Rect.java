package dev.montage.layout;

/**
 * An axis-aligned rectangle in pixels, {@code (x, y)} its top-left corner, y growing downwards.
 *
 * <p>A width or height of 0 is allowed: a region split into more cells than it has pixel pairs
 * yields empty cells, which show nothing rather than failing the composition.
 *
 * <pre>{@code
 * Rect cell = new Rect(640, 0, 640, 360);
 * cell.right();                                   // 1280
 * cell.contains(new Rect(800, 0, 320, 360));      // true
 * }</pre>
 */
public record Rect(int x, int y, int width, int height) {

    public Rect {
        if (x < 0 || y < 0) {
            throw new IllegalArgumentException("a rectangle must not start left of or above the canvas, was at (" + x + ", " + y + ")");
        }
        if (width < 0 || height < 0) {
            throw new IllegalArgumentException("a rectangle's size must not be negative, was " + width + "x" + height);
        }
    }

    /** The first column to the right of the rectangle. */
    public int right() {
        return x + width;
    }

    /** The first row below the rectangle. */
    public int bottom() {
        return y + height;
    }

    /** True when {@code inner} lies entirely within this rectangle (edges may coincide). */
    public boolean contains(Rect inner) {
        return x <= inner.x && y <= inner.y && inner.right() <= right() && inner.bottom() <= bottom();
    }

    @Override
    public String toString() {
        return width + "x" + height + "@(" + x + "," + y + ")";
    }
}
