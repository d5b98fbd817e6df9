package dev.montage.support;

/**
 * A picture that says which frame it is: the top quarter of a 160x120 test picture is a row of ten 16-pixel
 * blocks, block {@code b} white when bit {@code b} of the source frame's number is set, black otherwise. Blocks that
 * large survive scaling-free placement, yuv420p and any encoder, so a rendered frame can be read back as "source
 * frame 57" and two renders compared frame by frame exactly, not by a noise threshold. The code is at the top, where no
 * name label covers it.
 *
 * <pre>{@code
 * TestMedia.counting(30, 440, 6);                          // frames numbered 0..179
 * FrameCode.read(picture, 160, 0);                          // 57: the cell at (160, 0) shows source frame 57
 * }</pre>
 */
public final class FrameCode {

    /** Ten bits: frame numbers up to 1023, 34 s at 30 fps. */
    public static final int BITS = 10;
    private static final int BLOCK = 16;
    private static final int CODE_HEIGHT = 30;
    private static final int ROW = CODE_HEIGHT / 2;

    private FrameCode() {
    }

    /** The lavfi graph of {@code seconds} of 160x120 pictures at {@code fps}: the frame's code above, testsrc2 below */
    static String source(int fps, double seconds) {
        return "color=c=black:s=160x" + CODE_HEIGHT + ":r=" + fps + ":d=" + seconds
                + ",format=yuv420p,geq=lum='255*mod(floor(N/pow(2\\,floor(X/" + BLOCK + ")))\\,2)':cb=128:cr=128[code];"
                + "testsrc2=s=160x" + (120 - CODE_HEIGHT) + ":r=" + fps + ":d=" + seconds + "[pattern];"
                + "[code][pattern]vstack";
    }

    /** The number of the source frame drawn unscaled with its top-left corner at {@code (x, y)} of {@code picture}. */
    public static int read(Frames.Picture picture, int x, int y) {
        int number = 0;
        for (int bit = 0; bit < BITS; bit++) {
            Rgb block = picture.colourAt(x + bit * BLOCK + BLOCK / 2, y + ROW);
            if (block.red() + block.green() + block.blue() > 3 * 128) {
                number |= 1 << bit;
            }
        }
        return number;
    }
}
