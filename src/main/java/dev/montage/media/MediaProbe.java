package dev.montage.media;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.springframework.stereotype.Component;

import dev.montage.layout.TimeSpan;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Runs ffprobe once on a file and reads its container and streams into a {@link MediaInfo}. */
@Component
public class MediaProbe {

    /** A video stream without packets for longer than this is a camera that was off: it shows black. */
    public static final long GAP_MILLIS = 1000;

    private static final Duration TIMEOUT = Duration.ofMinutes(10);

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
            Optional<MediaKind> kind = kind(stream.path("codec_type").asString(""));
            if (kind.isEmpty()) {
                continue;
            }
            int index = stream.path("index").asInt();
            long start = seconds(stream.path("start_time")).orElse(0L);
            long duration = seconds(stream.path("duration")).or(() -> clock(stream.path("tags").path("DURATION")))
                    .orElse(formatDuration);
            boolean video = kind.get() == MediaKind.VIDEO;
            streams.add(new StreamInfo(index, kind.get(), stream.path("codec_name").asString("unknown"), start,
                    duration,
                    video ? stream.path("width").asInt() : null,
                    video ? stream.path("height").asInt() : null,
                    video ? null : integer(stream.path("sample_rate")),
                    video ? null : stream.path("channels").asInt(),
                    video ? videoActivity(file, index) : List.of(new TimeSpan(start, start + duration))));
        }
        return new MediaInfo(format.path("format_name").asString("unknown"), formatDuration,
                format.path("size").asLong(0), streams);
    }

    /**
     * The spans of a video stream that have pictures: consecutive packets closer than {@link #GAP_MILLIS}
     * belong to one span, which lasts until the end of its last packet.
     */
    private List<TimeSpan> videoActivity(Path file, int streamIndex) throws IOException, MediaProbeException {
        ProcessRunner.Result result = ProcessRunner.run(List.of(binaries.ffprobe().toString(), "-v", "error",
                "-select_streams", String.valueOf(streamIndex), "-show_entries", "packet=pts_time,duration_time",
                "-of", "csv=p=0", file.toString()), TIMEOUT);
        if (result.exitCode() != 0) {
            throw new MediaProbeException("the video packets could not be read (" + firstLine(result.stderrTail()) + ")");
        }
        List<long[]> packets = new ArrayList<>();
        for (String line : result.stdout().split("\n")) {
            String[] fields = line.trim().split(",");
            if (fields.length == 0 || fields[0].isEmpty() || fields[0].equals("N/A")) {
                continue;
            }
            try {
                long pts = Math.round(Double.parseDouble(fields[0]) * 1000);
                long duration = fields.length > 1 && !fields[1].equals("N/A")
                        ? Math.round(Double.parseDouble(fields[1]) * 1000) : 0;
                packets.add(new long[] {pts, Math.max(duration, 1)});
            } catch (NumberFormatException e) {
                // a line that is not a packet (ffprobe prints none, but a damaged file may): not activity
            }
        }
        packets.sort((a, b) -> Long.compare(a[0], b[0]));
        List<TimeSpan> spans = new ArrayList<>();
        long spanStart = -1;
        long spanEnd = -1;
        for (long[] packet : packets) {
            if (spanStart < 0) {
                spanStart = packet[0];
            } else if (packet[0] - spanEnd > GAP_MILLIS) {
                spans.add(new TimeSpan(spanStart, spanEnd));
                spanStart = packet[0];
            }
            spanEnd = Math.max(spanEnd, packet[0] + packet[1]);
        }
        if (spanStart >= 0) {
            spans.add(new TimeSpan(spanStart, spanEnd));
        }
        return spans;
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
