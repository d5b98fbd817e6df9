package dev.montage.media;

import java.io.InputStream;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;

import dev.montage.layout.TimeSpan;

import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.MissingNode;

/**
 * Reads ffprobe's JSON ({@code -show_format -show_streams -show_entries packet=...}) as ffprobe prints it.
 * The format and the streams are kept as trees; the packets, about 100 000 per stream for an hour, are folded one
 * by one into each stream's extent (and each video stream's {@link PacketSpans}) and not kept, so memory does
 * not grow with the file.
 */
final class FfprobeOutput {

    private final JsonMapper mapper;
    private final long gapMillis;
    private final Map<Integer, PacketSpans> packets = new HashMap<>();
    /** Per stream, from the first packet's time to the last packet's end: the media the file really has. */
    private final Map<Integer, long[]> extents = new HashMap<>();
    private JsonNode format = MissingNode.getInstance();
    private JsonNode streams = MissingNode.getInstance();
    private String unreadable;

    FfprobeOutput(JsonMapper mapper, long gapMillis) {
        this.mapper = mapper;
        this.gapMillis = gapMillis;
    }

    /** Reads the whole output; JSON that cannot be read is remembered (see {@link #unreadable()}). */
    void read(InputStream in) {
        try (JsonParser parser = mapper.createParser(in)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                unreadable = "the output is not a JSON object";
                return;
            }
            while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
                String section = parser.currentName();
                parser.nextToken();
                switch (section) {
                    case "packets" -> readPackets(parser);
                    case "streams" -> streams = parser.readValueAsTree();
                    case "format" -> format = parser.readValueAsTree();
                    default -> parser.skipChildren();
                }
            }
        } catch (JacksonException e) {
            unreadable = e.getOriginalMessage();
        }
    }

    private void readPackets(JsonParser parser) {
        if (parser.currentToken() != JsonToken.START_ARRAY) {
            parser.skipChildren();
            return;
        }
        while (parser.nextToken() == JsonToken.START_OBJECT) {
            JsonNode packet = parser.readValueAsTree();
            Optional<Long> pts = MediaProbe.seconds(packet.path("pts_time"));
            if (pts.isEmpty()) {
                continue; // N/A where the container does not know: no evidence of media
            }
            int index = packet.path("stream_index").asInt();
            long duration = Math.max(MediaProbe.seconds(packet.path("duration_time")).orElse(0L), 1);
            long[] extent = extents.computeIfAbsent(index, i -> new long[] {Long.MAX_VALUE, Long.MIN_VALUE});
            extent[0] = Math.min(extent[0], pts.get());
            extent[1] = Math.max(extent[1], pts.get() + duration);
            if (packet.path("codec_type").asString("").equals("video")) { // only video has activity gaps
                packets.computeIfAbsent(index, i -> new PacketSpans(gapMillis)).add(pts.get(), duration);
            }
        }
    }

    /** Why the output could not be read, if it could not. */
    Optional<String> unreadable() {
        return Optional.ofNullable(unreadable);
    }

    JsonNode format() {
        return format;
    }

    JsonNode streams() {
        return streams;
    }

    /** From the earliest timed packet of a stream to the end of its latest; empty if it had none. */
    Optional<TimeSpan> packetExtent(int streamIndex) {
        long[] extent = extents.get(streamIndex);
        return extent == null ? Optional.empty() : Optional.of(new TimeSpan(extent[0], extent[1]));
    }

    /** A video stream's pictures per second (see {@link PacketSpans#framesPerSecond()}); empty if it had none. */
    OptionalDouble framesPerSecond(int streamIndex) {
        PacketSpans spans = packets.get(streamIndex);
        return spans == null ? OptionalDouble.empty() : spans.framesPerSecond();
    }

    /** The spans of a video stream's packets; none if it had none. */
    List<TimeSpan> activity(int streamIndex) {
        PacketSpans spans = packets.get(streamIndex);
        return spans == null ? List.of() : spans.spans();
    }
}
