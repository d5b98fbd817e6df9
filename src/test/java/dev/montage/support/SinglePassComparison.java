package dev.montage.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;

/**
 * Proves a composition rendered in parts and joined equal to the single-pass render of the same plan (issue 14,
 * part 3): same frame rate, duration within a frame and frame count within one; around every seam, each frame
 * nearer to the single pass's frame at the same instant than to its neighbours (a repeated or lost frame shifts the
 * pictures by one); and the tone at {@code hz} starting at the same instant. The media must move at every frame
 * ({@link TestMedia#moving}).
 */
public final class SinglePassComparison {

    private SinglePassComparison() {
    }

    /** The length of one frame of {@code video}, in seconds. */
    public static double frameSeconds(Path video) {
        String[] rate = MediaFacts.of(video).frameRate().split("/");
        return Double.parseDouble(rate[1]) / Double.parseDouble(rate[0]);
    }

    public static void assertEqual(Path joined, Path single, double[] seams, int width, int hz, double toneFrom,
            double toneTo) {
        MediaFacts parts = MediaFacts.of(joined);
        MediaFacts whole = MediaFacts.of(single);
        double frame = frameSeconds(single);
        assertThat(parts.frameRate()).as("frame rate").isEqualTo(whole.frameRate());
        assertThat(parts.durationSeconds()).as("duration").isCloseTo(whole.durationSeconds(), within(frame));
        assertThat(parts.videoFrames()).as("frames").isCloseTo(whole.videoFrames(), within(1L));
        assertThat(parts.videoCodec()).isEqualTo(whole.videoCodec());
        assertThat(parts.audioCodec()).isEqualTo(whole.audioCodec());
        for (double seam : seams) {
            for (int k = -2; k <= 1; k++) {
                // a seek to t reads the first frame at or after t: half a frame before frame n reads frame n
                double at = seam + (k - 0.5) * frame;
                Frames.Picture mine = Frames.pictureAt(joined, at, width);
                double same = difference(mine, Frames.pictureAt(single, at, width));
                double before = difference(mine, Frames.pictureAt(single, at - frame, width));
                double after = difference(mine, Frames.pictureAt(single, at + frame, width));
                assertThat(same).as("mean difference from the single pass at %.3f s", at).isLessThan(3.0)
                        .as("nearer the single pass's frame at %.3f s than to its neighbours (%.2f, %.2f)", at,
                                before, after)
                        .isLessThan(Math.min(before, after));
            }
        }
        assertThat(AudioSpectrum.onset(joined, toneFrom, toneTo, hz).orElseThrow()).as("onset of %d Hz", hz)
                .isCloseTo(AudioSpectrum.onset(single, toneFrom, toneTo, hz).orElseThrow(), within(0.005));
    }

    /** The mean absolute difference of two pictures, per colour channel (0 to 255). */
    private static double difference(Frames.Picture a, Frames.Picture b) {
        assertThat(b.rgb()).hasSameSizeAs(a.rgb());
        long sum = 0;
        for (int i = 0; i < a.rgb().length; i++) {
            sum += Math.abs((a.rgb()[i] & 0xff) - (b.rgb()[i] & 0xff));
        }
        return (double) sum / a.rgb().length;
    }
}
