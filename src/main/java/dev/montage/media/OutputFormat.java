package dev.montage.media;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The container and codecs a composition is rendered into, with their wire names ({@code "format": "webm"}) and
 * how the bundled ffmpeg 6.1 writes them. MP4 is Telnyx's only format: H.264 and AAC. WebM is Twilio's default:
 * VP8 ({@code libvpx}) and Opus ({@code libopus}), both in the bundled GPL build.
 *
 * <p>The video codec's speed and quality come from the {@link EncoderPoint} of the composition's {@link Quality}.
 * VP8 is set for speed on small machines: at the standard level, {@code -deadline realtime -cpu-used 8} encodes a
 * 720p picture in under twice the time of x264's {@code veryfast} (the {@code good} deadline takes six times), and a quality target
 * ({@code -crf 10}) capped at 2 Mbit/s keeps the picture close to the MP4 default's (SSIM 0.988 against 0.995 on a
 * busy 720p test pattern, in a file 20 % smaller). The measurements are in docs/compositions.md.
 */
public enum OutputFormat {
    MP4("mp4", "video/mp4",
            List.of("-c:a", "aac"),
            // the index first: a player starts before the whole file has arrived
            List.of("-movflags", "+faststart"),
            List.of("-f", "mp4")) {
        @Override
        List<String> videoArguments(EncoderPoint point) {
            return List.of("-c:v", "libx264", "-preset", point.x264Preset(), "-crf", String.valueOf(point.x264Crf()),
                    "-pix_fmt", "yuv420p");
        }
    },
    WEBM("webm", "video/webm",
            List.of("-c:a", "libopus", "-b:a", "96k"),
            List.of(),
            List.of("-f", "webm")) {
        @Override
        List<String> videoArguments(EncoderPoint point) {
            return List.of("-c:v", "libvpx", "-deadline", "realtime", "-cpu-used", String.valueOf(point.vp8CpuUsed()),
                    "-crf", String.valueOf(point.vp8Crf()), "-b:v", "2M", "-pix_fmt", "yuv420p");
        }
    };

    private final String wireName;
    private final String mediaType;
    private final List<String> audioArguments;
    private final List<String> finishedFileArguments;
    private final List<String> containerArguments;

    OutputFormat(String wireName, String mediaType, List<String> audioArguments, List<String> finishedFileArguments,
            List<String> containerArguments) {
        this.wireName = wireName;
        this.mediaType = mediaType;
        this.audioArguments = audioArguments;
        this.finishedFileArguments = finishedFileArguments;
        this.containerArguments = containerArguments;
    }

    /** The name in the API ({@code format}) and in the database; also the end of the file name, without the dot. */
    public String wireName() {
        return wireName;
    }

    /** The {@code Content-Type} of a file in this format. */
    public String mediaType() {
        return mediaType;
    }

    /** The end of a file name in this format, without the dot. */
    public String extension() {
        return wireName;
    }

    /** The video encoder with the settings of {@code point}: for a finished file and for a part alike. */
    abstract List<String> videoArguments(EncoderPoint point);

    /** Codecs, the settings of {@code point} for this format's video codec, and the container: a finished file. */
    List<String> encoderArguments(EncoderPoint point) {
        List<String> arguments = new ArrayList<>(videoArguments(point));
        arguments.addAll(audioArguments);
        arguments.addAll(finishedFileArguments());
        return List.copyOf(arguments);
    }

    /** The audio encoder and its settings. */
    List<String> audioArguments() {
        return audioArguments;
    }

    /** The container of a part or of the one-piece audio: what is joined later needs no index up front. */
    List<String> partArguments() {
        return containerArguments;
    }

    /** The container of a finished file, as {@link #encoderArguments} writes it: for the join of the parts. */
    List<String> finishedFileArguments() {
        List<String> arguments = new ArrayList<>(finishedFileArguments);
        arguments.addAll(containerArguments);
        return List.copyOf(arguments);
    }

    public static Optional<OutputFormat> ofWireName(String name) {
        return Arrays.stream(values()).filter(format -> format.wireName.equals(name)).findFirst();
    }

    /** The format of a stored file by the end of its blob key: compositions stored before WebM are all MP4. */
    public static OutputFormat ofKey(String key) {
        return key.endsWith("." + WEBM.extension()) ? WEBM : MP4;
    }

    public static List<String> wireNames() {
        return Arrays.stream(values()).map(OutputFormat::wireName).toList();
    }
}
