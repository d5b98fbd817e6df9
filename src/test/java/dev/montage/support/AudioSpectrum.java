package dev.montage.support;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.OptionalDouble;

/**
 * Measures tones in a file's audio, to prove which recordings are heard when. The audio is decoded
 * with ffmpeg to mono 16-bit PCM at 48 kHz, and a tone's strength is measured with the Goertzel
 * algorithm (one bin of a DFT, at exactly the tone's frequency).
 *
 * <p>A tone is <em>present</em> when it carries at least 10% of the window's power and is louder
 * than -47 dBFS; it is <em>absent</em> when it carries less than 1% or is quieter than -57 dBFS.
 * Relative thresholds keep the checks independent of mixing gains and codec loss.
 *
 * <pre>{@code
 * assertThat(AudioSpectrum.present(mp4, 0.5, 1.5, 440)).isTrue();
 * assertThat(AudioSpectrum.absent(mp4, 0.5, 1.5, 1000)).isTrue();
 * }</pre>
 */
public final class AudioSpectrum {

    private static final int SAMPLE_RATE = 48_000;
    private static final double PRESENT_SHARE = 0.10;
    private static final double PRESENT_FLOOR = 1e-5;
    private static final double ABSENT_SHARE = 0.01;
    private static final double ABSENT_FLOOR = 1e-6;
    /** Windows for {@link #onset}: long enough to tell tones 500 Hz apart, short enough to time them. */
    private static final int ONSET_WINDOW = SAMPLE_RATE / 50;
    private static final int ONSET_STEP = SAMPLE_RATE / 200;

    private AudioSpectrum() {
    }

    /**
     * The mean power of the {@code hz} component of the audio between the two instants, in full-scale
     * units: a full-scale sine has power 0.5, ffmpeg's default {@code sine} (amplitude 1/8) about 0.0078.
     */
    public static double power(Path media, double fromSec, double toSec, int hz) {
        double[] samples = decode(media, fromSec, toSec);
        return tonePower(samples, 0, samples.length, hz);
    }

    /** True when the tone carries at least 10% of the window's power and is clearly audible. */
    public static boolean present(Path media, double fromSec, double toSec, int hz) {
        double[] samples = decode(media, fromSec, toSec);
        return isPresent(samples, 0, samples.length, hz);
    }

    /** True when the tone carries less than 1% of the window's power, or is too quiet to hear. */
    public static boolean absent(Path media, double fromSec, double toSec, int hz) {
        double[] samples = decode(media, fromSec, toSec);
        double tone = tonePower(samples, 0, samples.length, hz);
        return tone < ABSENT_FLOOR || tone < ABSENT_SHARE * meanSquare(samples, 0, samples.length);
    }

    /**
     * The first instant between the two at which the tone is present, to within a few milliseconds:
     * the centre of the first 20 ms window (moved in 5 ms steps) in which it is present.
     */
    public static OptionalDouble onset(Path media, double fromSec, double toSec, int hz) {
        double[] samples = decode(media, fromSec, toSec);
        for (int start = 0; start + ONSET_WINDOW <= samples.length; start += ONSET_STEP) {
            if (isPresent(samples, start, ONSET_WINDOW, hz)) {
                return OptionalDouble.of(fromSec + (start + ONSET_WINDOW / 2.0) / SAMPLE_RATE);
            }
        }
        return OptionalDouble.empty();
    }

    /** The whole audio as mono samples at 48 kHz (full scale 1.0), from the first sample a player plays. */
    public static double[] samples(Path media) {
        byte[] pcm = ToolOutput.stdout(List.of(TestMedia.ffmpeg(), "-v", "error", "-i", media.toString(), "-vn",
                "-ac", "1", "-ar", String.valueOf(SAMPLE_RATE), "-f", "s16le", "-"));
        ByteBuffer buffer = ByteBuffer.wrap(pcm).order(ByteOrder.LITTLE_ENDIAN);
        double[] samples = new double[pcm.length / 2];
        for (int i = 0; i < samples.length; i++) {
            samples[i] = buffer.getShort() / 32768.0;
        }
        return samples;
    }

    private static boolean isPresent(double[] samples, int start, int length, int hz) {
        double tone = tonePower(samples, start, length, hz);
        return tone >= PRESENT_FLOOR && tone >= PRESENT_SHARE * meanSquare(samples, start, length);
    }

    /** Goertzel: |X(f)|² of the window, scaled so that a sine of amplitude A yields A²/2. */
    private static double tonePower(double[] samples, int start, int length, int hz) {
        double coefficient = 2 * Math.cos(2 * Math.PI * hz / SAMPLE_RATE);
        double previous = 0;
        double beforePrevious = 0;
        for (int i = start; i < start + length; i++) {
            double current = samples[i] + coefficient * previous - beforePrevious;
            beforePrevious = previous;
            previous = current;
        }
        double magnitudeSquared = previous * previous + beforePrevious * beforePrevious
                - coefficient * previous * beforePrevious;
        return 2 * magnitudeSquared / ((double) length * length);
    }

    private static double meanSquare(double[] samples, int start, int length) {
        double sum = 0;
        for (int i = start; i < start + length; i++) {
            sum += samples[i] * samples[i];
        }
        return sum / length;
    }

    private static double[] decode(Path media, double fromSec, double toSec) {
        if (toSec <= fromSec) {
            throw new IllegalArgumentException("an audio window must end after it starts: " + fromSec + ".." + toSec);
        }
        byte[] pcm = ToolOutput.stdout(List.of(TestMedia.ffmpeg(), "-v", "error",
                "-ss", String.format(Locale.ROOT, "%.3f", fromSec), "-t", String.format(Locale.ROOT, "%.3f", toSec - fromSec),
                "-i", media.toString(), "-vn", "-ac", "1", "-ar", String.valueOf(SAMPLE_RATE), "-f", "s16le", "-"));
        ByteBuffer buffer = ByteBuffer.wrap(pcm).order(ByteOrder.LITTLE_ENDIAN);
        double[] samples = new double[pcm.length / 2];
        for (int i = 0; i < samples.length; i++) {
            samples[i] = buffer.getShort() / 32768.0;
        }
        if (samples.length == 0) {
            throw new IllegalStateException("no audio between " + fromSec + " s and " + toSec + " s in " + media);
        }
        return samples;
    }
}
