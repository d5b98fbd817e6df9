package dev.montage.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.MissingNode;

/**
 * What ffprobe says about a rendered file: its length, the first video and audio streams, and
 * whether its index comes first (faststart).
 *
 * <pre>{@code
 * MediaFacts facts = MediaFacts.of(mp4);
 * assertThat(facts.videoCodec()).isEqualTo("h264");
 * assertThat(facts.frameRate()).isEqualTo("30/1");
 * }</pre>
 *
 * @param frameRate        the stream's base rate ({@code r_frame_rate}), e.g. {@code "30/1"}
 * @param averageFrameRate frames divided by duration ({@code avg_frame_rate}): equal to the base rate when constant
 * @param moovBeforeMdat   true when the MP4 index precedes the media data, so playback can start while downloading
 * @param container        ffprobe's {@code format_name}: {@code "mov,mp4,m4a,3gp,3g2,mj2"} or {@code "matroska,webm"}
 */
public record MediaFacts(
        double durationSeconds,
        String videoCodec,
        int width,
        int height,
        String pixelFormat,
        String frameRate,
        String averageFrameRate,
        long videoFrames,
        String audioCodec,
        int sampleRate,
        int channels,
        boolean moovBeforeMdat,
        String container) {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    public static MediaFacts of(Path media) {
        JsonNode root = JSON.readTree(ToolOutput.stdout(List.of(TestMedia.ffprobe(), "-v", "error",
                "-print_format", "json", "-show_format", "-show_streams", media.toString())));
        JsonNode video = stream(root, "video");
        JsonNode audio = stream(root, "audio");
        String container = root.path("format").path("format_name").asString("");
        return new MediaFacts(
                Double.parseDouble(root.path("format").path("duration").asString("0")),
                video.path("codec_name").asString(""),
                video.path("width").asInt(),
                video.path("height").asInt(),
                video.path("pix_fmt").asString(""),
                video.path("r_frame_rate").asString(""),
                video.path("avg_frame_rate").asString(""),
                Long.parseLong(video.path("nb_frames").asString("0")),
                audio.path("codec_name").asString(""),
                Integer.parseInt(audio.path("sample_rate").asString("0")),
                audio.path("channels").asInt(),
                container.contains("mp4") && moovBeforeMdat(media), // a WebM has no boxes to walk
                container);
    }

    private static JsonNode stream(JsonNode root, String type) {
        for (JsonNode stream : root.path("streams")) {
            if (type.equals(stream.path("codec_type").asString(""))) {
                return stream;
            }
        }
        return MissingNode.getInstance();
    }

    /** Walks the MP4's top-level boxes (4-byte size, 4-byte type) and tells which of moov and mdat comes first. */
    private static boolean moovBeforeMdat(Path media) {
        try (InputStream in = Files.newInputStream(media)) {
            byte[] header = new byte[16];
            while (in.readNBytes(header, 0, 8) == 8) {
                long size = Integer.toUnsignedLong(ByteBuffer.wrap(header, 0, 4).getInt());
                String type = new String(header, 4, 4, StandardCharsets.US_ASCII);
                if (type.equals("moov")) {
                    return true;
                }
                if (type.equals("mdat")) {
                    return false;
                }
                long headerLength = 8;
                if (size == 1) { // a 64-bit size follows the type
                    in.readNBytes(header, 8, 8);
                    size = ByteBuffer.wrap(header, 8, 8).getLong();
                    headerLength = 16;
                }
                in.skipNBytes(size - headerLength);
            }
            return false;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
