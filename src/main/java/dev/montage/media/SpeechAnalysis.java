package dev.montage.media;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

import org.springframework.stereotype.Component;

import dev.montage.layout.SpeechLevels;

/**
 * Measures an audio stream's loudness per {@value #WINDOW_MILLIS} ms window, for the speech-activity timeline
 * of an uploaded recording (made by a background job after the upload, or when a composition needs it first).
 * ffprobe's pass over the file reads packets, not samples, so this is one more process: ffmpeg
 * decodes the one audio stream (nothing else: {@code -map}, {@code -vn}) to 16 kHz mono 16-bit PCM, and the RMS
 * of each window's samples, in dBFS, is the level. 16 kHz keeps all of speech (below 8 kHz) and costs a third of
 * 48 kHz to read.
 *
 * <p>Windows start at the file's time 0, which is the recording's {@code started_at}: {@code aresample} pads
 * silence before a stream that starts later, and into gaps in its timestamps (a muted sender), so the n-th
 * window is the n-th 100 ms of the recording, as the composition's audio mix places it.
 */
@Component
public class SpeechAnalysis {

    public static final int WINDOW_MILLIS = 100;

    static final int SAMPLE_RATE = 16_000;
    static final int SAMPLES_PER_WINDOW = SAMPLE_RATE * WINDOW_MILLIS / 1000;

    public static final int TIMEOUT_MINUTES = 10;
    private static final Duration TIMEOUT = Duration.ofMinutes(TIMEOUT_MINUTES);

    private final FfmpegBinaries binaries;

    SpeechAnalysis(FfmpegBinaries binaries) {
        this.binaries = binaries;
    }

    /**
     * How urgently an analysis runs. Either way ffmpeg uses one thread ({@code -threads 1}, {@code
     * -filter_threads 1}): audio decoders gain nothing from more, and a background analysis must take one core at
     * most.
     */
    public enum Priority {
        /** Someone waits for the timeline (a composition about to render): the node's normal priority. */
        NORMAL,
        /** Nobody waits: at a low CPU priority ({@code nice -n 10}), yielding to uploads and renders. */
        BACKGROUND
    }

    /**
     * The levels of the audio stream {@code streamIndex} of {@code file}.
     *
     * @throws MediaProbeException ffmpeg could not decode the audio; the message says why, without the file's path
     * @throws IOException         ffmpeg could not be started, did not finish within {@value #TIMEOUT_MINUTES}
     *                             minutes, or was interrupted
     */
    public SpeechLevels levels(Path file, int streamIndex, Priority priority) throws IOException, MediaProbeException {
        int[][] decibels = new int[1][];
        List<String> command = List.of(binaries.ffmpeg().toString(),
                "-nostdin", "-v", "error", "-threads", "1", "-i", file.toString(),
                "-map", "0:" + streamIndex, "-vn", "-sn", "-dn", "-filter_threads", "1",
                "-af", "aresample=async=1:first_pts=0,aformat=sample_fmts=s16:sample_rates=" + SAMPLE_RATE
                        + ":channel_layouts=mono",
                "-f", "s16le", "pipe:1");
        ProcessRunner.Result result = ProcessRunner.run(
                ParentDeathSignal.guard(priority == Priority.BACKGROUND ? LowPriority.of(command) : command),
                TIMEOUT, pcm -> decibels[0] = windowLevels(pcm));
        if (result.exitCode() != 0) {
            List<String> last = result.stderr().lastMeaningfulLines(1);
            throw new MediaProbeException("the audio could not be decoded ("
                    + (last.isEmpty() ? "no details" : last.get(0).replace(file.toString(), "the file")) + ")");
        }
        return SpeechLevels.ofDecibels(WINDOW_MILLIS, decibels[0]);
    }

    /**
     * The level of each window of little-endian 16-bit samples; a last window shorter than the others counts
     * with the samples it has. Reads 64 KB at a time: an hour is 115 MB of PCM, which a read per byte would make
     * a noticeable share of the analysis's CPU, on the JVM's side and at its normal priority.
     */
    static int[] windowLevels(InputStream pcm) {
        IntList levels = new IntList();
        byte[] buffer = new byte[1 << 16];
        int carried = 0; // 0 or 1: the low byte of a sample split between two reads
        double sumOfSquares = 0;
        int samples = 0;
        try {
            for (int read = pcm.read(buffer, carried, buffer.length - carried); read >= 0;
                    read = pcm.read(buffer, carried, buffer.length - carried)) {
                int end = carried + read;
                int whole = end & ~1;
                for (int i = 0; i < whole; i += 2) {
                    double sample = (short) ((buffer[i + 1] << 8) | (buffer[i] & 0xff)) / 32768.0;
                    sumOfSquares += sample * sample;
                    if (++samples == SAMPLES_PER_WINDOW) {
                        levels.add(decibels(sumOfSquares, samples));
                        sumOfSquares = 0;
                        samples = 0;
                    }
                }
                carried = end - whole;
                if (carried == 1) {
                    buffer[0] = buffer[whole];
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        // a half sample left over is a process cut off: its exit code says why
        if (samples > 0) {
            levels.add(decibels(sumOfSquares, samples));
        }
        return levels.toArray();
    }

    /** RMS in dBFS, rounded; silence (RMS 0) is {@link SpeechLevels#SILENCE_DB}. */
    static int decibels(double sumOfSquares, int samples) {
        double rms = Math.sqrt(sumOfSquares / samples);
        return rms <= 0 ? SpeechLevels.SILENCE_DB
                : (int) Math.max(SpeechLevels.SILENCE_DB, Math.round(20 * Math.log10(rms)));
    }

    /** A growing array of ints: an hour is 36 000 windows, which boxing would make 36 000 objects. */
    private static final class IntList {
        private int[] values = new int[1024];
        private int size;

        void add(int value) {
            if (size == values.length) {
                values = Arrays.copyOf(values, size * 2);
            }
            values[size++] = value;
        }

        int[] toArray() {
            return Arrays.copyOf(values, size);
        }
    }
}
