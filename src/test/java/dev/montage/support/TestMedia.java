package dev.montage.support;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import org.bytedeco.javacpp.Loader;

/**
 * Small synthetic recordings made with the bundled ffmpeg: a solid colour per participant and a sine tone of
 * its own frequency, 160x120, a few seconds. Files are cached per description for the test JVM.
 */
public final class TestMedia {

    private static final Path DIR = Path.of("target", "test-media");
    private static final Map<String, byte[]> CACHE = new ConcurrentHashMap<>();

    private TestMedia() {
    }

    public static String ffmpeg() {
        return Loader.load(org.bytedeco.ffmpeg.ffmpeg.class);
    }

    public static String ffprobe() {
        return Loader.load(org.bytedeco.ffmpeg.ffprobe.class);
    }

    /** A WebM with VP8 video of {@code colour} and Opus audio at {@code hz}. */
    public static byte[] webm(String colour, int hz, double seconds) {
        return make("av-" + colour + "-" + hz + "-" + seconds + ".webm", List.of(
                "-f", "lavfi", "-i", "color=c=" + colour + ":s=160x120:r=15:d=" + seconds,
                "-f", "lavfi", "-i", "sine=f=" + hz + ":d=" + seconds,
                "-c:v", "libvpx", "-b:v", "200k", "-c:a", "libopus", "-shortest"));
    }

    /**
     * A WebM with moving VP8 video ({@code testsrc2}: every frame differs from the one before, at 30 fps) and Opus
     * audio at {@code hz}: a repeated or lost frame shows in its pixels.
     */
    public static byte[] moving(int hz, double seconds) {
        return make("moving-" + hz + "-" + seconds + ".webm", List.of(
                "-f", "lavfi", "-i", "testsrc2=s=160x120:r=30:d=" + seconds,
                "-f", "lavfi", "-i", "sine=f=" + hz + ":d=" + seconds,
                "-c:v", "libvpx", "-b:v", "400k", "-c:a", "libopus", "-shortest"));
    }

    /**
     * A WebM with Opus audio only, {@code seconds} long: a {@code hz} tone at a quarter of full scale (about
     * -15 dBFS RMS) during each span {@code [from, to)} of {@code spoken} (seconds, in pairs), digital silence
     * elsewhere. What a participant who speaks in turns sounds like to the speech-activity timeline.
     */
    public static byte[] speaking(int hz, double seconds, double... spoken) {
        return speakingOver(hz, seconds, 0, spoken);
    }

    /** Like {@link #speaking}, over white noise of amplitude {@code noise} everywhere (a room's hiss). */
    public static byte[] speakingOver(int hz, double seconds, double noise, double... spoken) {
        String expression = voice(hz, spoken, noise);
        return make("speaking-" + hz + "-" + seconds + "-" + noise + "-" + java.util.Arrays.toString(spoken)
                        .replaceAll("[^0-9.,]", "") + ".webm",
                List.of("-f", "lavfi", "-i", "aevalsrc=exprs=" + expression + ":s=48000:d=" + seconds,
                        "-c:a", "libopus"));
    }

    /**
     * A WebM with VP8 video of {@code colour} and Opus audio that is {@link #speaking}: a {@code hz} tone during each
     * span {@code [from, to)} of {@code spoken} (seconds, in pairs), digital silence elsewhere. One participant's
     * camera and microphone, for the active-speaker layouts.
     */
    public static byte[] talking(String colour, int hz, double seconds, double... spoken) {
        String voice = voice(hz, spoken, 0);
        return make("talking-" + colour + "-" + hz + "-" + seconds + "-" + java.util.Arrays.toString(spoken)
                        .replaceAll("[^0-9.,]", "") + ".webm",
                List.of("-f", "lavfi", "-i", "color=c=" + colour + ":s=160x120:r=15:d=" + seconds,
                        "-f", "lavfi", "-i", "aevalsrc=exprs=" + voice + ":s=48000:d=" + seconds,
                        "-c:v", "libvpx", "-b:v", "200k", "-c:a", "libopus", "-shortest"));
    }

    /** The aevalsrc expression of a {@code hz} tone at a quarter of full scale during the spoken spans, over noise. */
    private static String voice(int hz, double[] spoken, double noise) {
        if (spoken.length % 2 != 0) {
            throw new IllegalArgumentException("spoken spans come in pairs of from and to: " + spoken.length);
        }
        StringBuilder on = new StringBuilder("0");
        for (int i = 0; i < spoken.length; i += 2) {
            on.append("+between(t\\," + spoken[i] + "\\," + (spoken[i + 1] - 0.00001) + ")");
        }
        return "0.25*sin(2*PI*" + hz + "*t)*(" + on + ")+" + noise + "*(2*random(0)-1)";
    }

    /**
     * A WebM with VP8 pictures that move every frame and say which frame they are ({@link FrameCode}: testsrc2 above,
     * the frame's number in blocks below) at {@code fps}, 160x120, and an Opus tone at {@code hz}, for
     * {@code seconds}. Encoded for speed, with a keyframe every second (a browser's stream has them further apart).
     */
    public static byte[] counting(int fps, int hz, double seconds) {
        return make("counting-" + fps + "-" + hz + "-" + seconds + ".webm", List.of(
                "-f", "lavfi", "-i", FrameCode.source(fps, seconds),
                "-f", "lavfi", "-i", "sine=f=" + hz + ":d=" + seconds,
                "-c:v", "libvpx", "-deadline", "realtime", "-cpu-used", "8", "-b:v", "300k", "-g", String.valueOf(fps),
                "-c:a", "libopus",
                "-shortest"));
    }

    /** A WebM with Opus audio only. */
    public static byte[] audioOnly(int hz, double seconds) {
        return make("a-" + hz + "-" + seconds + ".webm", List.of(
                "-f", "lavfi", "-i", "sine=f=" + hz + ":d=" + seconds, "-c:a", "libopus"));
    }

    /** A WebM with VP8 video only. */
    public static byte[] videoOnly(String colour, double seconds) {
        return make("v-" + colour + "-" + seconds + ".webm", List.of(
                "-f", "lavfi", "-i", "color=c=" + colour + ":s=160x120:r=15:d=" + seconds,
                "-c:v", "libvpx", "-b:v", "200k"));
    }

    /**
     * A WebM with VP8 video of {@code colour} that has no packets at all between {@code before} and
     * {@code before + gap} seconds (a camera turned off): the frames of that span are dropped before
     * encoding, and passthrough timing keeps the hole instead of filling it with duplicates.
     */
    public static byte[] withGap(String colour, double before, double gap, double after) {
        double resume = before + gap;
        return make("gap-" + colour + "-" + before + "-" + gap + "-" + after + ".webm", List.of(
                "-f", "lavfi", "-i", "color=c=" + colour + ":s=160x120:r=15:d=" + (resume + after)
                        + ",select='lt(t," + before + ")+gte(t," + resume + ")'",
                "-fps_mode", "passthrough", "-c:v", "libvpx", "-b:v", "200k"));
    }

    /**
     * A WebM whose VP8 video is 160x120 {@code colourBefore} for {@code secondsEach}, then 320x240
     * {@code colourAfter} for as long: two encodings joined without re-encoding, as a browser's
     * stream looks when it changes resolution.
     */
    public static byte[] resolutionChange(String colourBefore, String colourAfter, double secondsEach) {
        Path small = file("v-" + colourBefore + "-160x120-" + secondsEach + ".webm", List.of(
                "-f", "lavfi", "-i", "color=c=" + colourBefore + ":s=160x120:r=15:d=" + secondsEach,
                "-c:v", "libvpx", "-b:v", "200k"));
        Path large = file("v-" + colourAfter + "-320x240-" + secondsEach + ".webm", List.of(
                "-f", "lavfi", "-i", "color=c=" + colourAfter + ":s=320x240:r=15:d=" + secondsEach,
                "-c:v", "libvpx", "-b:v", "400k"));
        String name = "resize-" + colourBefore + "-" + colourAfter + "-" + secondsEach;
        Path list = DIR.resolve(name + ".txt");
        try {
            Files.writeString(list, "file '" + small.toAbsolutePath() + "'\nfile '" + large.toAbsolutePath() + "'\n");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return make(name + ".webm", List.of("-f", "concat", "-safe", "0", "-i", list.toString(), "-c", "copy"));
    }

    /**
     * An H.264 MP4 of {@code width}x{@code height} blue pictures with a red top-left quadrant, for {@code seconds},
     * whose display matrix is set by ffmpeg's {@code displayOptions} ({@code "-display_rotation", "90"},
     * {@code "-display_hflip"}, ...; none for a file without one): which way up a player shows it, and so which
     * corner is red, is plain to see. A phone writes such a matrix instead of turning its sensor's pictures. With
     * AAC sound in the same file, as a phone records it: the audio recording and the turned video recording share
     * one file, and only the video may be turned.
     */
    public static byte[] turned(int width, int height, double seconds, String... displayOptions) {
        String size = width + "x" + height;
        List<String> picture = quadrant(width, height, seconds, "libx264");
        List<String> withSound = new ArrayList<>(picture.subList(0, 4)); // -f lavfi -i <pictures>
        withSound.addAll(List.of("-f", "lavfi", "-i", "sine=f=440:d=" + seconds));
        withSound.addAll(picture.subList(4, picture.size())); // the video encoder
        withSound.addAll(List.of("-c:a", "aac", "-shortest"));
        Path plain = file("quadrant-sound-" + size + "-" + seconds + ".mp4", withSound);
        List<String> args = new ArrayList<>();
        for (String option : displayOptions) { // the matrix belongs to the video stream only
            args.add(option.startsWith("-display_") ? option + ":v" : option);
        }
        args.addAll(List.of("-i", plain.toString(), "-c", "copy"));
        return make("turned-" + size + "-" + seconds + String.join("", displayOptions) + ".mp4", args);
    }

    /**
     * A WebM whose VP8 pictures (blue, red top-left quadrant) are 160x120 for {@code secondsEach}, then 120x160
     * for as long: a sender that turns its pictures itself when the phone turns, as a browser does when the
     * rotation header extension is not negotiated. Two encodings joined without re-encoding.
     */
    public static byte[] turnsMidStream(double secondsEach) {
        Path landscape = file("quadrant-vp8-160x120-" + secondsEach + ".webm", quadrant(160, 120, secondsEach,
                "libvpx"));
        Path portrait = file("quadrant-vp8-120x160-" + secondsEach + ".webm", quadrant(120, 160, secondsEach,
                "libvpx"));
        String name = "turns-" + secondsEach;
        Path list = DIR.resolve(name + ".txt");
        try {
            Files.writeString(list, "file '" + landscape.toAbsolutePath() + "'\nfile '" + portrait.toAbsolutePath()
                    + "'\n");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return make(name + ".webm", List.of("-f", "concat", "-safe", "0", "-i", list.toString(), "-c", "copy"));
    }

    /**
     * An H.264 MP4 of two parts joined with the concat demuxer (no re-encoding): {@link #turned} 160x120 pictures
     * whose matrix says "a quarter clockwise" ({@code -display_rotation 270}, a phone held upright) for
     * {@code secondsEach}, then the same pictures with no matrix for as long. MP4 keeps one matrix per track, and
     * ffmpeg 6.1's concat demuxer keeps the first part's: the joined track says "turn" from its first frame to its
     * last, as a muxer that writes the orientation once would.
     */
    public static byte[] turnedThenUpright(double secondsEach) {
        Path upright = file("quadrant-h264-160x120-" + secondsEach + ".mp4", quadrant(160, 120, secondsEach,
                "libx264"));
        Path turned = file("quadrant-h264-160x120-" + secondsEach + "-turned.mp4", List.of(
                "-display_rotation:v", "270", "-i", upright.toString(), "-c", "copy"));
        String name = "turned-then-upright-" + secondsEach;
        Path list = DIR.resolve(name + ".txt");
        try {
            Files.writeString(list, "file '" + turned.toAbsolutePath() + "'\nfile '" + upright.toAbsolutePath()
                    + "'\n");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return make(name + ".mp4", List.of("-f", "concat", "-safe", "0", "-i", list.toString(), "-c", "copy"));
    }

    /** ffmpeg arguments for blue pictures with a red top-left quadrant, encoded with {@code codec}. */
    private static List<String> quadrant(int width, int height, double seconds, String codec) {
        return List.of("-f", "lavfi", "-i", "color=c=blue:s=" + width + "x" + height + ":r=15:d=" + seconds
                        + "[bg];color=c=red:s=" + (width / 2) + "x" + (height / 2) + ":r=15:d=" + seconds
                        + "[q];[bg][q]overlay=0:0",
                "-c:v", codec, "-pix_fmt", "yuv420p");
    }

    /** A file ffprobe reads, but with a subtitle stream only: media, yet nothing to compose. */
    public static byte[] subtitlesOnly() {
        return "1\n00:00:00,000 --> 00:00:01,000\nhello\n".getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] make(String name, List<String> args) {
        return CACHE.computeIfAbsent(name, n -> {
            try {
                return Files.readAllBytes(file(n, args));
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    /** The file made by ffmpeg with {@code args} in the media folder, made once per name. */
    private static synchronized Path file(String name, List<String> args) {
        try {
            Files.createDirectories(DIR);
            Path out = DIR.resolve(name);
            if (!Files.exists(out)) {
                Path partial = DIR.resolve("partial-" + name);
                List<String> command = new ArrayList<>(List.of(ffmpeg(), "-y", "-v", "error"));
                command.addAll(args);
                command.add(partial.toString());
                Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
                String log = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                    throw new IllegalStateException("ffmpeg failed: " + command + "\n" + log);
                }
                Files.move(partial, out);
            }
            return out;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
