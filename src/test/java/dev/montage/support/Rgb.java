package dev.montage.support;

/**
 * A pixel's colour as 8-bit red, green and blue, with the colours the test media use named as ffmpeg
 * names them ({@code green} is ffmpeg's #008000).
 *
 * <pre>{@code
 * new Rgb(253, 0, 2).isNear(Rgb.RED);   // true: within the tolerance that H.264 and yuv420p need
 * }</pre>
 */
public record Rgb(int red, int green, int blue) {

    public static final Rgb BLACK = new Rgb(0, 0, 0);
    public static final Rgb RED = new Rgb(255, 0, 0);
    public static final Rgb GREEN = new Rgb(0, 128, 0);
    public static final Rgb BLUE = new Rgb(0, 0, 255);
    public static final Rgb YELLOW = new Rgb(255, 255, 0);

    /** Per channel: a solid colour survives VP8, scaling, yuv420p and H.264 within this much. */
    public static final int TOLERANCE = 40;

    /** True when every channel is within {@link #TOLERANCE} of {@code other}'s. */
    public boolean isNear(Rgb other) {
        return Math.abs(red - other.red) <= TOLERANCE
                && Math.abs(green - other.green) <= TOLERANCE
                && Math.abs(blue - other.blue) <= TOLERANCE;
    }

    @Override
    public String toString() {
        return "rgb(" + red + "," + green + "," + blue + ")";
    }
}
