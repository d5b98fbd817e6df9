package dev.montage.recordings;

import java.math.BigDecimal;
import java.util.UUID;

import dev.montage.api.Megabytes;
import dev.montage.api.Timestamps;

/** The Telnyx RoomRecording shape, and {@code track_name} (extension: null when the upload gave none). */
record RecordingView(String codec, String completedAt, String createdAt, String downloadUrl, long durationSecs,
        String endedAt, UUID id, UUID participantId, String recordType, UUID roomId, UUID sessionId,
        BigDecimal sizeMb, String startedAt, String status, String type, String updatedAt, String trackName) {

    static RecordingView of(RoomRecording r) {
        return new RecordingView(r.codec(), Timestamps.format(r.completedAt()), Timestamps.format(r.createdAt()),
                null, durationSecs(r.durationMillis()), Timestamps.format(r.endedAt()), r.id(),
                r.participantId(), "room_recording", r.roomId(), r.sessionId(), Megabytes.of(r.sizeBytes()),
                Timestamps.format(r.startedAt()), r.status(), r.kind().wireName(), Timestamps.format(r.updatedAt()),
                r.trackName().orElse(null));
    }

    /** Whole seconds, rounded to the nearest: a 1.8 s track shows as 2. */
    static long durationSecs(long millis) {
        return Math.round(millis / 1000.0);
    }

    /**
     * The shortest duration that {@link #durationSecs} shows as at least {@code secs}, so that
     * {@code filter[duration_secs]} agrees with the {@code duration_secs} a client reads.
     */
    static long shortestMillisShownAsAtLeast(long secs) {
        return secs * 1000 - 500;
    }
}
