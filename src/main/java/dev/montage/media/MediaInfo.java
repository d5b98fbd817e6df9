package dev.montage.media;

import java.util.List;
import java.util.Optional;

/** What ffprobe found in a file: its container, duration, size and its audio and video streams. */
public record MediaInfo(String formatName, long durationMillis, long sizeBytes, List<StreamInfo> streams) {

    public MediaInfo {
        streams = List.copyOf(streams);
    }

    /** The first stream of {@code kind}: the one a recording of that kind stands for. */
    public Optional<StreamInfo> first(MediaKind kind) {
        return streams.stream().filter(s -> s.kind() == kind).findFirst();
    }
}
