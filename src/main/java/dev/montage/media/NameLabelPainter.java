package dev.montage.media;

import java.awt.Color;
import java.awt.Font;
import java.awt.FontFormatException;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.font.FontRenderContext;
import java.awt.font.LineMetrics;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;

import dev.montage.layout.Rect;

/**
 * Paints a name label as an image: light text on a dark translucent box, for the bottom left corner of a picture.
 *
 * <p>ffmpeg draws text only through {@code drawtext}, which the bundled build lacks (it needs libfreetype and, in
 * 6.1, libharfbuzz). So Java2D draws each label once, and the filter graph overlays the image while its picture
 * shows. The font is Liberation Sans Regular (SIL Open Font License 1.1) from the PDFBox jar, never a font of the
 * host: every node draws the same pixels, and a machine without fonts draws too.
 *
 * <p>Sizes follow the picture, so a label stays legible in a 320x180 cell and does not shout in a 1280x720 one:
 * <ul>
 *   <li>text {@code picture height / 12} pixels high, at least {@value #MIN_FONT_PIXELS} and at most
 *       {@value #MAX_FONT_PIXELS} (15 pixels in a 180 pixel high picture);</li>
 *   <li>a box 1.5 times the text height, padded half the text height left and right, a third of the text height
 *       in from the picture's left and bottom edges, so it lies inside the picture, never over the bars;</li>
 *   <li>a name wider than the picture allows ends in an ellipsis ("…");</li>
 *   <li>a picture less than three boxes high, or too narrow for one letter and its ellipsis, gets no label: a
 *       label covering a thumbnail would hide the person it names.</li>
 * </ul>
 * Every size and position is even, as everything drawn on yuv420p. Characters that Liberation Sans lacks (CJK,
 * emoji) show as an empty box.
 *
 * <pre>{@code
 * NameLabelPainter.paint("Alice Martin", new Rect(0, 0, 320, 180))
 *     // a box 24 pixels high (15 pixel text) at (6, 150), as wide as the name needs
 * }</pre>
 */
final class NameLabelPainter {

    static final int MIN_FONT_PIXELS = 12;
    static final int MAX_FONT_PIXELS = 36;
    /** The box: black at 60 %, dark enough for white text over any picture, light enough to see the picture through. */
    static final Color BOX = new Color(0, 0, 0, 153);
    static final Color TEXT = new Color(255, 255, 255);

    private static final String FONT_RESOURCE = "/org/apache/pdfbox/resources/ttf/LiberationSans-Regular.ttf";
    private static final String ELLIPSIS = "\u2026";
    private static final FontRenderContext METRICS = new FontRenderContext(null, true, true);

    private NameLabelPainter() {
    }

    /** A label drawn and where its top left corner goes on the canvas. */
    record PaintedLabel(BufferedImage image, int x, int y) {
    }

    /** The label for {@code text} in the picture at {@code frame}, or empty when the picture is too small for one. */
    static Optional<PaintedLabel> paint(String text, Rect frame) {
        int fontPixels = fontPixels(frame.height());
        int boxHeight = even(fontPixels * 3 / 2.0);
        int padding = even(fontPixels / 2.0);
        int margin = even(fontPixels / 3.0);
        int maxBoxWidth = frame.width() - 2 * margin;
        if (frame.height() < 3 * boxHeight) {
            return Optional.empty();
        }
        Font font = font(fontPixels);
        Optional<String> fitted = fitted(text, font, maxBoxWidth - 2 * padding);
        if (fitted.isEmpty()) {
            return Optional.empty();
        }
        String line = fitted.get();
        int boxWidth = Math.min(maxBoxWidth, even(width(line, font) + 2 * padding));

        BufferedImage image = new BufferedImage(boxWidth, boxHeight, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_FRACTIONALMETRICS, RenderingHints.VALUE_FRACTIONALMETRICS_ON);
            g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
            g.setColor(BOX);
            g.fillRect(0, 0, boxWidth, boxHeight);
            g.setColor(TEXT);
            g.setFont(font);
            LineMetrics metrics = font.getLineMetrics(line, METRICS);
            float baseline = (boxHeight - metrics.getAscent() - metrics.getDescent()) / 2 + metrics.getAscent();
            g.drawString(line, (float) padding, baseline);
        } finally {
            g.dispose();
        }
        return Optional.of(new PaintedLabel(image, frame.x() + margin, frame.bottom() - margin - boxHeight));
    }

    /** The label font at a size of {@code pixels} (Java2D draws a point as a pixel). */
    static Font font(int pixels) {
        return FontHolder.font().deriveFont(Font.PLAIN, pixels);
    }

    static int fontPixels(int pictureHeight) {
        return Math.max(MIN_FONT_PIXELS, Math.min(MAX_FONT_PIXELS, Math.round(pictureHeight / 12f)));
    }

    /** {@code text} as it fits {@code maxWidth}: whole, or cut at a character and ended with an ellipsis. */
    static Optional<String> fitted(String text, Font font, int maxWidth) {
        if (width(text, font) <= maxWidth) {
            return Optional.of(text);
        }
        int[] codePoints = text.codePoints().toArray();
        for (int kept = codePoints.length - 1; kept >= 1; kept--) {
            String cut = new String(codePoints, 0, kept).stripTrailing() + ELLIPSIS;
            if (width(cut, font) <= maxWidth) {
                return Optional.of(cut);
            }
        }
        return Optional.empty();
    }

    private static int width(String text, Font font) {
        return (int) Math.ceil(font.getStringBounds(text, METRICS).getWidth());
    }

    private static int even(double value) {
        int rounded = (int) Math.ceil(value);
        return rounded + (rounded & 1);
    }

    /**
     * Loaded on first use: a render without labels never reads the font. A font that cannot be read is kept as
     * its problem and thrown anew on each use, as a plain exception: thrown from the class's initialisation it
     * would be an {@link ExceptionInInitializerError} the first time and a {@link NoClassDefFoundError} after,
     * errors a composition job does not take for a failed render.
     */
    private static final class FontHolder {
        private static final Font FONT;
        private static final String PROBLEM;

        static {
            Font loaded = null;
            String problem = null;
            try {
                loaded = load();
            } catch (IOException | FontFormatException | RuntimeException e) {
                problem = "the label font " + FONT_RESOURCE + " could not be read: " + e;
            }
            FONT = loaded;
            PROBLEM = problem;
        }

        static Font font() {
            if (FONT == null) {
                throw new IllegalStateException(PROBLEM);
            }
            return FONT;
        }

        private static Font load() throws IOException, FontFormatException {
            try (InputStream in = NameLabelPainter.class.getResourceAsStream(FONT_RESOURCE)) {
                if (in == null) {
                    throw new IOException("it is missing from the class path (it comes with org.apache.pdfbox:pdfbox)");
                }
                return Font.createFont(Font.TRUETYPE_FONT, in);
            }
        }
    }
}
