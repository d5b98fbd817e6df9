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

    /** How far a container's claimed duration may differ from its packets' before the packets win. */
    public static final long CLAIM_TOLERANCE_MILLIS = 1000;

    private static final Duration TIMEOUT = Duration.ofMinutes(10);

    private final FfmpegBinaries binaries;
    private final JsonMapper mapper;

    MediaProbe(FfmpegBinaries binaries, JsonMapper mapper) {
        this.binaries = binaries;
        this.mapper = mapper;
    }

    /**
     * One ffprobe run: the container, the streams and every packet's time, which makes the video streams'
     * activity (see {@link PacketSpans}).
     */
    public MediaInfo probe(Path file) throws IOException, MediaProbeException {
        FfprobeOutput output = new FfprobeOutput(mapper, GAP_MILLIS);
        ProcessRunner.Result result = ProcessRunner.run(List.of(binaries.ffprobe().toString(),
                "-v", "error", "-print_format", "json", "-show_format", "-show_streams",
                "-show_entries", "packet=codec_type,stream_index,pts_time,duration_time", file.toString()), TIMEOUT,
                output::read);
        if (result.exitCode() != 0) {
            throw new MediaProbeException(
                    "the file is not media ffprobe can read (" + reason(result.stderr(), file) + ")");
        }
        if (output.unreadable().isPresent()) {
            throw new MediaProbeException("ffprobe output could not be read: " + output.unreadable().get());
        }
        JsonNode format = output.format();
        long claimedFormatDuration = seconds(format.path("duration")).orElse(0L);
        List<StreamInfo> streams = new ArrayList<>();
        for (JsonNode stream : output.streams()) {
            Optional<MediaKind> kind = kind(stream.path("codec_type").asString(""));
            if (kind.isEmpty()) {
                continue;
            }
            int index = stream.path("index").asInt();
            long start = seconds(stream.path("start_time")).orElse(0L);
            long claimed = seconds(stream.path("duration")).or(() -> clock(stream.path("tags").path("DURATION")))
                    .orElse(claimedFormatDuration);
            long duration = measured(claimed, output.packetExtent(index).map(extent -> extent.endMillis() - start)
                    .orElse(0L));
            boolean video = kind.get() == MediaKind.VIDEO;
            Orientation orientation = video ? orientation(stream) : Orientation.UPRIGHT;
            int codedWidth = stream.path("width").asInt();
            int codedHeight = stream.path("height").asInt();
            streams.add(new StreamInfo(index, kind.get(), stream.path("codec_name").asString("unknown"), start,
                    duration,
                    video ? orientation.uprightWidth(codedWidth, codedHeight) : null,
                    video ? orientation.uprightHeight(codedWidth, codedHeight) : null,
                    video ? null : integer(stream.path("sample_rate")),
                    video ? null : stream.path("channels").asInt(),
                    video ? output.activity(index) : List.of(new TimeSpan(start, start + duration)),
                    orientation,
                    video ? output.framesPerSecond(index).stream().boxed().findFirst().orElse(null) : null));
        }
        return new MediaInfo(format.path("format_name").asString("unknown"),
                formatDuration(claimedFormatDuration, streams), format.path("size").asLong(0), streams);
    }

    /**
     * A container's duration is a claim its writer makes in a header, and a header costs nothing to forge: a
     * 50 KB file can claim ten hours, and a composition would then render ten hours of black. The packets are
     * the media that exists, so a claim that disagrees with them by more than {@link #CLAIM_TOLERANCE_MILLIS}
     * gives way to them. Within the tolerance the claim stands: it may rightly count the last frame's display
     * time or the audio's priming, which packet times do not show. A stream without a single timed packet has
     * no media to measure and lasts nothing.
     */
    static long measured(long claimedMillis, long measuredMillis) {
        return Math.abs(claimedMillis - measuredMillis) > CLAIM_TOLERANCE_MILLIS ? Math.max(0, measuredMillis)
                : claimedMillis;
    }

    /** The file's length: from its earliest stream start to its latest stream end, as measured. */
    private static long formatDuration(long claimedMillis, List<StreamInfo> streams) {
        if (streams.isEmpty()) {
            return claimedMillis;
        }
        long first = streams.stream().mapToLong(StreamInfo::startMillis).min().orElseThrow();
        long last = streams.stream().mapToLong(s -> s.startMillis() + s.durationMillis()).max().orElseThrow();
        return measured(claimedMillis, last - first);
    }

    /**
     * The stream's display matrix, which ffprobe prints in its side data as three rows of three numbers, each
     * behind a row number: {@code "\n00000000:  0  65536  0\n00000001: -65536  0  0\n00000002: ..."}. ffprobe's
     * own {@code rotation} beside it cannot be used: it ignores mirroring (a mirrored picture reads as -180).
     * A stream without one, or with one that cannot be read, is shown as it is coded.
     */
    static Orientation orientation(JsonNode stream) {
        for (JsonNode sideData : stream.path("side_data_list")) {
            if (!sideData.path("side_data_type").asString("").equals("Display Matrix")) {
                continue;
            }
            List<Long> numbers = new ArrayList<>();
            for (String line : sideData.path("displaymatrix").asString("").split("\n")) {
                int colon = line.indexOf(':');
                for (String word : line.substring(colon + 1).trim().split("\\s+")) {
                    if (!word.isEmpty()) {
                        try {
                            numbers.add(Long.parseLong(word));
                        } catch (NumberFormatException e) {
                            return Orientation.UPRIGHT;
                        }
                    }
                }
            }
            return numbers.size() == 9
                    ? Orientation.fromDisplayMatrix(numbers.stream().mapToLong(Long::longValue).toArray())
                    : Orientation.UPRIGHT;
        }
        return Orientation.UPRIGHT;
    }

    private static Optional<MediaKind> kind(String codecType) {
        return switch (codecType) {
            case "audio" -> Optional.of(MediaKind.AUDIO);
            case "video" -> Optional.of(MediaKind.VIDEO);
            default -> Optional.empty();
        };
    }

    /** ffprobe writes decimal seconds as strings ("3.000000"); answers milliseconds. */
    static Optional<Long> seconds(JsonNode value) {
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

    /** ffprobe's last word, without the server's path of the file, which ffprobe puts in front of it. */
    private static String reason(StderrTail stderr, Path file) {
        List<String> lines = stderr.lastMeaningfulLines(1);
        if (lines.isEmpty()) {
            return "no details";
        }
        String where = file.toString();
        return lines.get(0).replace(where + ": ", "").replace(where, "the file");
    }
}
