package dev.montage.media;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.springframework.stereotype.Component;

import dev.montage.layout.Resolution;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Still pictures of a composed video: one frame (a thumbnail), or N frames side by side in one image (a
 * storyboard). The input is a file on this machine or a URL ffmpeg can read (a bucket's signed link): with
 * {@code -ss} before {@code -i}, ffmpeg reads the index at the front of a {@code +faststart} MP4, jumps to the key
 * frame before the instant and decodes from there, so a picture costs a few frames' work and, over HTTP, a few ranged
 * reads, never the whole file.
 *
 * <p>The frame "at" an instant is the first frame whose time is at or after it, as {@code ffmpeg -ss} picks it.
 * Each ffmpeg runs at a low CPU priority ({@link LowPriority}) on one thread: pictures are asked for by people
 * browsing, and must not slow the renders of the node.
 */
@Component
public class StillPictures {

    private static final Duration PROBE_TIMEOUT = Duration.ofMinutes(1);
    private static final Duration FRAME_TIMEOUT = Duration.ofMinutes(1);
    private static final Duration STORYBOARD_TIMEOUT = Duration.ofMinutes(5);

    private final FfmpegBinaries binaries;
    private final JsonMapper mapper;

    StillPictures(FfmpegBinaries binaries, JsonMapper mapper) {
        this.binaries = binaries;
        this.mapper = mapper;
    }

    /**
     * The length of a video's first video stream and when its last frame starts, from its index (ffprobe reads no
     * frame). An instant after {@code lastFrameMillis} has no frame of its own: the last one is still showing.
     */
    public record VideoTiming(long durationMillis, long lastFrameMillis) {
        public VideoTiming {
            if (durationMillis < 1 || lastFrameMillis < 0 || lastFrameMillis >= durationMillis) {
                throw new IllegalArgumentException("a video of " + durationMillis + " ms cannot have its last frame at "
                        + lastFrameMillis + " ms");
            }
        }

        /** Where ffmpeg must seek to show the frame on screen at {@code atMillis}. */
        public long seekMillis(long atMillis) {
            return Math.min(atMillis, lastFrameMillis);
        }
    }

    /** @throws IOException ffprobe failed or found no video stream; the message names no path or URL */
    public VideoTiming timing(String input) throws IOException {
        List<String> command = List.of(binaries.ffprobe().toString(), "-v", "error", "-select_streams", "v:0",
                "-show_entries", "stream=duration,avg_frame_rate:format=duration", "-of", "json", input);
        JsonNode[] answer = new JsonNode[1];
        ProcessRunner.Result result = ProcessRunner.run(ParentDeathSignal.guard(command), PROBE_TIMEOUT,
                out -> answer[0] = readJson(out));
        if (result.exitCode() != 0 || answer[0] == null) {
            throw failure("ffprobe could not read the video", result, input);
        }
        JsonNode stream = answer[0].path("streams").path(0);
        if (stream.isMissingNode()) {
            throw new IOException("the composed file has no video stream");
        }
        double seconds = number(stream.path("duration"), number(answer[0].path("format").path("duration"), 0));
        long durationMillis = Math.round(seconds * 1000);
        if (durationMillis < 1) {
            throw new IOException("the composed file has no duration in its index");
        }
        long frameMillis = Math.max(1, Math.round(1000 / frameRate(stream.path("avg_frame_rate").asString(""))));
        return new VideoTiming(durationMillis, Math.max(0, durationMillis - frameMillis));
    }

    /** Writes the frame at {@code seekMillis} of {@code input}, scaled to {@code size}, to {@code output}. */
    public void frame(String input, long seekMillis, Resolution size, PictureFormat format, Path output)
            throws IOException {
        List<String> command = new ArrayList<>(List.of(binaries.ffmpeg().toString(), "-nostdin", "-v", "error",
                "-threads", "1", "-ss", seconds(seekMillis), "-i", input, "-an", "-sn", "-dn", "-frames:v", "1",
                "-filter_threads", "1", "-vf", scale(size)));
        command.addAll(format.encoderArguments());
        command.addAll(List.of("-y", output.toString()));
        run(command, FRAME_TIMEOUT, input, output);
    }

    /**
     * Writes one JPEG of the frames at {@code seekMillis}, each scaled to {@code tile}, in a grid of {@code columns}
     * by {@code rows} filled row by row; cells past the last frame stay black. One ffmpeg opens the input once per
     * frame, each with its own fast seek: N short decodes instead of decoding the whole video.
     */
    public void storyboard(String input, List<Long> seekMillis, Resolution tile, int columns, int rows, Path output)
            throws IOException {
        if (seekMillis.isEmpty() || seekMillis.size() > columns * rows) {
            throw new IllegalArgumentException(seekMillis.size() + " frames do not fit " + columns + "x" + rows);
        }
        List<String> command = new ArrayList<>(List.of(binaries.ffmpeg().toString(), "-nostdin", "-v", "error"));
        for (long at : seekMillis) {
            command.addAll(List.of("-threads", "1", "-ss", seconds(at), "-i", input));
        }
        command.addAll(List.of("-filter_threads", "1", "-filter_complex",
                storyboardGraph(seekMillis.size(), tile, columns, rows), "-map", "[storyboard]", "-frames:v", "1"));
        command.addAll(PictureFormat.JPEG.encoderArguments());
        command.addAll(List.of("-y", output.toString()));
        run(command, STORYBOARD_TIMEOUT, input, output);
    }

    /**
     * {@code [0:v]trim=end_frame=1,scale=160:120,setsar=1[f0];…;[f0][f1]…concat=n=N:v=1:a=0,tile=CxR[storyboard]}:
     * the first frame after each input's seek, one after the other, laid into the grid by {@code tile}, which
     * writes its grid out at the end of the input even when it is not full.
     */
    static String storyboardGraph(int frames, Resolution tile, int columns, int rows) {
        StringBuilder graph = new StringBuilder();
        StringBuilder joined = new StringBuilder();
        for (int i = 0; i < frames; i++) {
            graph.append('[').append(i).append(":v]trim=end_frame=1,").append(scale(tile)).append(",setsar=1[f")
                    .append(i).append("];");
            joined.append("[f").append(i).append(']');
        }
        return graph.append(joined).append("concat=n=").append(frames).append(":v=1:a=0,tile=").append(columns)
                .append('x').append(rows).append("[storyboard]").toString();
    }

    private static String scale(Resolution size) {
        return "scale=" + size.width() + ":" + size.height();
    }

    private static void run(List<String> command, Duration timeout, String input, Path output) throws IOException {
        ProcessRunner.Result result = ProcessRunner.run(ParentDeathSignal.guard(LowPriority.of(command)), timeout,
                out -> { });
        if (result.exitCode() != 0) {
            throw failure("ffmpeg could not make the picture", result, input);
        }
        if (!Files.isRegularFile(output) || Files.size(output) == 0) {
            throw new IOException("ffmpeg found no frame to make the picture of");
        }
    }

    private JsonNode readJson(InputStream out) {
        try {
            return mapper.readTree(out.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (RuntimeException e) {
            return null; // unreadable output: the exit code and stderr say why
        }
    }

    /** The last line ffmpeg wrote, without the input's path or signed URL (a URL's signature is a secret). */
    private static IOException failure(String what, ProcessRunner.Result result, String input) {
        List<String> last = result.stderr().lastMeaningfulLines(1);
        return new IOException(what + " (exit code " + result.exitCode() + ": "
                + (last.isEmpty() ? "no details" : last.get(0).replace(input, "the composed file")) + ")");
    }

    private static double number(JsonNode node, double fallback) {
        try {
            return node.isMissingNode() || node.isNull() ? fallback : Double.parseDouble(node.asString());
        } catch (NumberFormatException e) {
            return fallback;
        }
    }

    /** {@code 30/1} → 30; an unknown rate ({@code 0/0}) counts as 30, the most a composition has. */
    private static double frameRate(String rational) {
        String[] parts = rational.split("/");
        try {
            double rate = parts.length == 2 ? Double.parseDouble(parts[0]) / Double.parseDouble(parts[1])
                    : Double.parseDouble(rational);
            return rate > 0 && Double.isFinite(rate) ? rate : 30;
        } catch (NumberFormatException e) {
            return 30;
        }
    }

    private static String seconds(long millis) {
        return String.format(Locale.ROOT, "%d.%03d", millis / 1000, millis % 1000);
    }
}
