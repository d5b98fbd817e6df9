package dev.montage.recordings;

import java.util.List;
import java.util.UUID;

import dev.montage.api.Timestamps;
import dev.montage.layout.SpeechDetection;
import dev.montage.layout.SpeechLevels;
import dev.montage.layout.TimeSpan;

/**
 * The answer of {@code GET /v2/room_recordings/{id}/activity}: an audio recording's speech-activity timeline.
 * Window {@code i} covers {@code [i * window_millis, (i + 1) * window_millis)} from {@code started_at}; speech
 * spans count milliseconds from there too, and {@code session_offset_millis} places them on the session's clock.
 */
record RecordingActivity(String recordType, UUID recordingId, UUID participantId, UUID sessionId, String startedAt,
        long sessionOffsetMillis, int windowMillis, int[] levels, int noiseFloorDb, int speechThresholdDb,
        List<Span> speech) {

    /** A span of speech, half-open, in milliseconds from the recording's start. */
    record Span(long startMillis, long endMillis) {
    }

    static RecordingActivity of(RoomRecording recording, long sessionOffsetMillis, SpeechLevels levels,
            SpeechDetection detection) {
        return new RecordingActivity("room_recording_activity", recording.id(), recording.participantId(),
                recording.sessionId(), Timestamps.format(recording.startedAt()), sessionOffsetMillis,
                levels.windowMillis(), levels.decibels(), detection.noiseFloorDb(), detection.thresholdDb(),
                detection.spans().stream().map(RecordingActivity::span).toList());
    }

    private static Span span(TimeSpan span) {
        return new Span(span.startMillis(), span.endMillis());
    }
}
