package dev.montage.media;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * An opaque colour of the output, as {@code background_color} names it: {@code "#RRGGBB"} in hexadecimal.
 *
 * <p>Only the hexadecimal form is accepted, not names such as {@code "navy"}: names differ between CSS, ffmpeg and
 * Twilio's documentation, and one spelling leaves nothing to guess. The wire form is upper case, whatever case the
 * client wrote.
 *
 * <pre>{@code
 * Colour.parse("#1a2b3c").orElseThrow().hex();     // "#1A2B3C"
 * Colour.parse("#1a2b3c").orElseThrow().ffmpeg();  // "0x1A2B3C"
 * Colour.BLACK.ffmpeg();                           // "black"
 * }</pre>
 */
public record Colour(int red, int green, int blue) {

    public static final Colour BLACK = new Colour(0, 0, 0);

    private static final Pattern HEX = Pattern.compile("#[0-9A-Fa-f]{6}");

    public Colour {
        requireChannel(red, "red");
        requireChannel(green, "green");
        requireChannel(blue, "blue");
    }

    /** The colour {@code "#RRGGBB"} names (either case), or empty when {@code text} is not of that form. */
    public static Optional<Colour> parse(String text) {
        if (text == null || !HEX.matcher(text).matches()) {
            return Optional.empty();
        }
        int rgb = Integer.parseInt(text.substring(1), 16);
        return Optional.of(new Colour(rgb >> 16 & 0xff, rgb >> 8 & 0xff, rgb & 0xff));
    }

    /** The wire form, {@code "#RRGGBB"} in upper case. */
    public String hex() {
        return String.format(Locale.ROOT, "#%02X%02X%02X", red, green, blue);
    }

    /**
     * The colour as an ffmpeg filter option says it. Black keeps its name, so the filter script of a composition
     * that sets no colour is the one it always was.
     */
    public String ffmpeg() {
        return equals(BLACK) ? "black" : "0x" + hex().substring(1);
    }

    private static void requireChannel(int value, String name) {
        if (value < 0 || value > 255) {
            throw new IllegalArgumentException(name + " must be between 0 and 255, was " + value);
        }
    }
}
