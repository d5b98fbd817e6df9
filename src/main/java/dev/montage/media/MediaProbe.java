package dev.montage.media;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.springframework.stereotype.Component;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Runs ffprobe once on a file and reads its container and streams into a {@link MediaInfo}. */
@Component
public class MediaProbe {

    private static final Duration TIMEOUT = Duration.ofMinutes(2);

    private final FfmpegBinaries binaries;
    private final JsonMapper mapper;

    MediaProbe(FfmpegBinaries binaries, JsonMapper mapper) {
        this.binaries = binaries;
        this.mapper = mapper;
    }

    public MediaInfo probe(Path file) throws IOException, MediaProbeException {
        ProcessRunner.Result result = ProcessRunner.run(List.of(binaries.ffprobe().toString(),
                "-v", "error", "-print_format", "json", "-show_format", "-show_streams", file.toString()), TIMEOUT);
        if (result.exitCode() != 0) {
            throw new MediaProbeException("the file is not media ffprobe can read (" + firstLine(result.stderrTail()) + ")");
        }
        JsonNode root;
        try {
            root = mapper.readTree(result.stdout());
        } catch (JacksonException e) {
            throw new MediaProbeException("ffprobe output could not be read: " + e.getOriginalMessage());
        }
        JsonNode format = root.path("format");
        long formatDuration = seconds(format.path("duration")).orElse(0L);
        List<StreamInfo> streams = new ArrayList<>();
        for (JsonNode stream : root.path("streams")) {
            kind(stream.path("codec_type").asString("")).ifPresent(kind -> streams.add(new StreamInfo(
                    stream.path("index").asInt(),
                    kind,
                    stream.path("codec_name").asString("unknown"),
                    seconds(stream.path("start_time")).orElse(0L),
                    seconds(stream.path("duration")).or(() -> clock(stream.path("tags").path("DURATION")))
                            .orElse(formatDuration),
                    kind == MediaKind.VIDEO ? stream.path("width").asInt() : null,
                    kind == MediaKind.VIDEO ? stream.path("height").asInt() : null,
                    kind == MediaKind.AUDIO ? integer(stream.path("sample_rate")) : null,
                    kind == MediaKind.AUDIO ? stream.path("channels").asInt() : null)));
        }
        return new MediaInfo(format.path("format_name").asString("unknown"), formatDuration,
                format.path("size").asLong(0), streams);
    }

    private static Optional<MediaKind> kind(String codecType) {
        return switch (codecType) {
            case "audio" -> Optional.of(MediaKind.AUDIO);
            case "video" -> Optional.of(MediaKind.VIDEO);
            default -> Optional.empty();
        };
    }

    /** ffprobe writes decimal seconds as strings ("3.000000"); answers milliseconds. */
    private static Optional<Long> seconds(JsonNode value) {
        if (value.isMissingNode() || value.isNull()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Math.round(Double.parseDouble(value.asString()) * 1000));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static int integer(JsonNode value) {
        try {
            return Integer.parseInt(value.asString("0"));
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /** Matroska keeps per-stream durations in a tag written as a clock, "00:00:03.000000000". */
    private static Optional<Long> clock(JsonNode value) {
        String[] parts = value.asString("").split(":");
        if (parts.length != 3) {
            return Optional.empty();
        }
        try {
            double secs = Integer.parseInt(parts[0]) * 3600.0 + Integer.parseInt(parts[1]) * 60.0
                    + Double.parseDouble(parts[2]);
            return Optional.of(Math.round(secs * 1000));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static String firstLine(String text) {
        String trimmed = text.strip();
        int newline = trimmed.indexOf('\n');
        String line = newline < 0 ? trimmed : trimmed.substring(0, newline);
        return line.isEmpty() ? "no details" : line;
    }
}
