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
 * <p>VP8 is set for speed on small machines: {@code -deadline realtime -cpu-used 8} encodes a 720p picture in under
 * twice the time of x264's {@code veryfast} (the {@code good} deadline takes six times), and a quality target
 * ({@code -crf 10}) capped at 2 Mbit/s keeps the picture close to the MP4 default's (SSIM 0.988 against 0.995 on a
 * busy 720p test pattern, in a file 20 % smaller). The measurements are in docs/compositions.md.
 */
public enum OutputFormat {
    MP4("mp4", "video/mp4",
            List.of("-c:v", "libx264", "-preset", "veryfast", "-crf", "23", "-pix_fmt", "yuv420p"),
            List.of("-c:a", "aac"),
            // the index first: a player starts before the whole file has arrived
            List.of("-movflags", "+faststart"),
            List.of("-f", "mp4")),
    WEBM("webm", "video/webm",
            List.of("-c:v", "libvpx", "-deadline", "realtime", "-cpu-used", "8", "-crf", "10", "-b:v", "2M",
                    "-pix_fmt", "yuv420p"),
            List.of("-c:a", "libopus", "-b:a", "96k"),
            List.of(),
            List.of("-f", "webm"));

    private final String wireName;
    private final String mediaType;
    private final List<String> videoArguments;
    private final List<String> audioArguments;
    private final List<String> finishedFileArguments;
    private final List<String> containerArguments;

    OutputFormat(String wireName, String mediaType, List<String> videoArguments, List<String> audioArguments,
            List<String> finishedFileArguments, List<String> containerArguments) {
        this.wireName = wireName;
        this.mediaType = mediaType;
        this.videoArguments = videoArguments;
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

    /** Codecs, their settings and the container, for ffmpeg's output options: a finished file with both streams. */
    List<String> encoderArguments() {
        List<String> arguments = new ArrayList<>(videoArguments);
        arguments.addAll(audioArguments);
        arguments.addAll(finishedFileArguments);
        arguments.addAll(containerArguments);
        return List.copyOf(arguments);
    }

    /** The video encoder and its settings, for a part of a segmented render (its container: {@link #partArguments}). */
    List<String> videoArguments() {
        return videoArguments;
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
