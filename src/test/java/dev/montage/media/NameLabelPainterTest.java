package dev.montage.media;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import dev.montage.layout.Rect;

/** The label images themselves: where they go, how big they are, and light text on a dark translucent box. */
class NameLabelPainterTest {

    @Test
    void labelSitsInsideThePictureAtItsBottomLeftOnEvenPixels() {
        Rect frame = new Rect(320, 0, 320, 180);

        NameLabelPainter.PaintedLabel label = NameLabelPainter.paint("alice", frame).orElseThrow();

        BufferedImage image = label.image();
        assertThat(label.x()).isEqualTo(326);
        assertThat(label.y() + image.getHeight()).isEqualTo(174);
        assertThat(frame.contains(new Rect(label.x(), label.y(), image.getWidth(), image.getHeight()))).isTrue();
        assertThat(image.getWidth() % 2).isZero();
        assertThat(image.getHeight() % 2).isZero();
    }

    /** Legible at 320x180: 15 pixel text, of which the letters themselves are at least 10 pixels high. */
    @Test
    void textIsLightOnADarkTranslucentBoxAndLegibleInA180PixelPicture() {
        BufferedImage image = NameLabelPainter.paint("Alice", new Rect(0, 0, 320, 180)).orElseThrow().image();

        assertThat(NameLabelPainter.fontPixels(180)).isEqualTo(15);
        assertThat(image.getHeight()).isEqualTo(24);
        int top = Integer.MAX_VALUE;
        int bottom = -1;
        int light = 0;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                int argb = image.getRGB(x, y);
                int alpha = argb >>> 24;
                int red = argb >> 16 & 0xff;
                assertThat(alpha).as("every pixel of the box is at least 60 %% opaque").isGreaterThanOrEqualTo(153);
                if (red > 200 && alpha > 200) {
                    light++;
                    top = Math.min(top, y);
                    bottom = Math.max(bottom, y);
                }
            }
        }
        assertThat(light).as("light text pixels").isGreaterThan(30);
        assertThat(bottom - top + 1).as("height of the letters of 'Alice'").isGreaterThanOrEqualTo(10);
        // the corners are the bare box: black at 60 %
        assertThat(image.getRGB(0, 0)).isEqualTo(0x99000000);
    }

    @Test
    void aLongNameEndsInAnEllipsisWithinThePicture() {
        Rect frame = new Rect(0, 0, 160, 120);

        NameLabelPainter.PaintedLabel label = NameLabelPainter
                .paint("Maximiliane Alexandra von Hohenzollern-Sigmaringen", frame).orElseThrow();

        assertThat(label.image().getWidth()).isLessThanOrEqualTo(160 - 2 * label.x());
        assertThat(NameLabelPainter.fitted("Maximiliane Alexandra", NameLabelPainter.font(12), 60))
                .hasValueSatisfying(text -> assertThat(text).endsWith("\u2026").startsWith("Max"));
    }

    /** Picture size → label or none: the box never covers more than a small picture can spare. */
    @ParameterizedTest(name = "{0}x{1} -> label {2}")
    @CsvSource(textBlock = """
            1280, 720, true
             320, 180, true
             160,  90, true
              40,  30, false
              16, 120, false
            """)
    void tinyPicturesGetNoLabel(int width, int height, boolean labelled) {
        assertThat(NameLabelPainter.paint("bob", new Rect(0, 0, width, height)).isPresent()).isEqualTo(labelled);
    }

    @Test
    void controlCharactersOfAContextBecomeOneLine() {
        assertThat(NameLabel.cleaned("  Alice\n\tMartin \u0007")).isEqualTo("Alice Martin");
    }
}
