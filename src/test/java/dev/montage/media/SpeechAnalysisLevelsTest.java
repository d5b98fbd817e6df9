package dev.montage.media;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

import org.junit.jupiter.api.Test;

/** The RMS of each window of the PCM ffmpeg writes (16 kHz, mono, s16le): 1 600 samples a window. */
class SpeechAnalysisLevelsTest {

    @Test
    void fullScaleSquareIsZero_halfScaleSixBelow_silenceTheFloor() {
        int window = SpeechAnalysis.SAMPLES_PER_WINDOW;
        short[] samples = new short[window * 3];
        for (int i = 0; i < window; i++) {
            samples[i] = (short) (i % 2 == 0 ? 32767 : -32768);
            samples[window + i] = (short) (i % 2 == 0 ? 16384 : -16384);
        }

        assertThat(SpeechAnalysis.windowLevels(pcm(samples))).containsExactly(0, -6, -100);
    }

    @Test
    void aFullScaleSineIsThreeBelow() {
        short[] samples = new short[SpeechAnalysis.SAMPLES_PER_WINDOW];
        for (int i = 0; i < samples.length; i++) {
            samples[i] = (short) Math.round(32767 * Math.sin(2 * Math.PI * 400 * i / SpeechAnalysis.SAMPLE_RATE));
        }

        assertThat(SpeechAnalysis.windowLevels(pcm(samples))).containsExactly(-3);
    }

    @Test
    void aShortLastWindowCountsWithWhatItHas_aHalfSampleIsDropped() {
        short[] samples = new short[SpeechAnalysis.SAMPLES_PER_WINDOW + 10];
        java.util.Arrays.fill(samples, SpeechAnalysis.SAMPLES_PER_WINDOW, samples.length, (short) 3277);
        byte[] bytes = java.util.Arrays.copyOf(pcm(samples).readAllBytes(), samples.length * 2 + 1);

        assertThat(SpeechAnalysis.windowLevels(new ByteArrayInputStream(bytes))).containsExactly(-100, -20);
    }

    /** A pipe hands over what it has: samples split anywhere, even between their two bytes, read as one stream. */
    @Test
    void samplesSplitAcrossReads_readAsOne() {
        short[] samples = new short[SpeechAnalysis.SAMPLES_PER_WINDOW * 2];
        java.util.Arrays.fill(samples, 0, SpeechAnalysis.SAMPLES_PER_WINDOW, (short) 16384);
        byte[] bytes = pcm(samples).readAllBytes();
        java.io.InputStream trickle = new ByteArrayInputStream(bytes) {
            @Override
            public synchronized int read(byte[] b, int off, int len) {
                return super.read(b, off, Math.min(len, 3)); // odd sizes: every other read splits a sample
            }
        };

        assertThat(SpeechAnalysis.windowLevels(trickle)).containsExactly(-6, -100);
    }

    @Test
    void noSamplesNoWindows() {
        assertThat(SpeechAnalysis.windowLevels(new ByteArrayInputStream(new byte[0]))).isEmpty();
    }

    private static ByteArrayInputStream pcm(short[] samples) {
        ByteBuffer buffer = ByteBuffer.allocate(samples.length * 2).order(ByteOrder.LITTLE_ENDIAN);
        for (short sample : samples) {
            buffer.putShort(sample);
        }
        return new ByteArrayInputStream(buffer.array());
    }
}
