package dev.montage.media;

import java.util.List;

/**
 * How a video stream's coded pictures are turned to stand upright, as its display matrix says: mirrored left to
 * right first when {@code mirrored}, then turned {@code clockwiseDegrees} (0, 90, 180 or 270) clockwise.
 *
 * <p>A phone records with its sensor's orientation and writes "rotate 90°" into the file instead of turning the
 * pictures; a player turns them when it shows them. Montage does the same: the probe reports the upright size
 * ({@link #uprightWidth}, {@link #uprightHeight}), the planner fits that to the cell, and the renderer turns the
 * decoded pictures with {@link #filters()} before scaling them.
 *
 * <pre>{@code
 * Orientation phone = Orientation.fromDisplayMatrix(new long[] {0, 65536, 0, -65536, 0, 0, 0, 0, 1 << 30});
 * phone.clockwiseDegrees();   // 90
 * phone.filters();            // [transpose=clock]
 * }</pre>
 */
public record Orientation(int clockwiseDegrees, boolean mirrored) {

    /** Pictures stored as they are shown: no display matrix, or the identity. */
    public static final Orientation UPRIGHT = new Orientation(0, false);

    public Orientation {
        if (clockwiseDegrees != 0 && clockwiseDegrees != 90 && clockwiseDegrees != 180 && clockwiseDegrees != 270) {
            throw new IllegalArgumentException("an orientation turns by 0, 90, 180 or 270 degrees, not "
                    + clockwiseDegrees);
        }
    }

    /**
     * The orientation a display matrix describes: its nine numbers in the order ffmpeg prints them (row by row,
     * {@code a b u / c d v / x y w}, where a point {@code (x, y)} of the coded picture is shown at
     * {@code (a·x + c·y, b·x + d·y)}). Only the signs of {@code a b c d} matter; a matrix that turns by an angle
     * other than a quarter turn (which no camera writes) is taken to the nearest quarter turn.
     *
     * @throws IllegalArgumentException when there are not nine numbers
     */
    public static Orientation fromDisplayMatrix(long[] matrix) {
        if (matrix.length != 9) {
            throw new IllegalArgumentException("a display matrix has 9 numbers, not " + matrix.length);
        }
        long a = matrix[0];
        long b = matrix[1];
        long c = matrix[3];
        long d = matrix[4];
        if (Math.abs(a) + Math.abs(d) >= Math.abs(b) + Math.abs(c)) { // the picture keeps its sides
            if (a >= 0) {
                return d >= 0 ? UPRIGHT : new Orientation(180, true); // upside down = mirrored and half a turn
            }
            return d >= 0 ? new Orientation(0, true) : new Orientation(180, false);
        }
        // width and height trade places: a quarter turn, perhaps mirrored (what ffmpeg's autorotate does)
        if (c >= 0) {
            return b < 0 ? new Orientation(270, false) : new Orientation(270, true);
        }
        return b >= 0 ? new Orientation(90, false) : new Orientation(90, true);
    }

    /** True when the upright picture is as wide as the coded one is high: a quarter turn either way. */
    public boolean swapsSides() {
        return clockwiseDegrees == 90 || clockwiseDegrees == 270;
    }

    /** The upright width of a coded picture {@code codedWidth} x {@code codedHeight}. */
    public int uprightWidth(int codedWidth, int codedHeight) {
        return swapsSides() ? codedHeight : codedWidth;
    }

    /** The upright height of a coded picture {@code codedWidth} x {@code codedHeight}. */
    public int uprightHeight(int codedWidth, int codedHeight) {
        return swapsSides() ? codedWidth : codedHeight;
    }

    /**
     * The ffmpeg filters that turn a decoded picture upright, in order; none when it already is. The same
     * filters ffmpeg's own autorotation inserts for these matrices.
     */
    public List<String> filters() {
        return switch (clockwiseDegrees) {
            case 90 -> List.of(mirrored ? "transpose=clock_flip" : "transpose=clock");
            case 180 -> mirrored ? List.of("vflip") : List.of("hflip", "vflip");
            case 270 -> List.of(mirrored ? "transpose=cclock_flip" : "transpose=cclock");
            default -> mirrored ? List.of("hflip") : List.of();
        };
    }
}
