package dev.montage.recordings;

import java.util.List;
import java.util.UUID;

import dev.montage.api.Timestamps;
import dev.montage.layout.SpeechDetection;
import dev.montage.layout.SpeechDetector;
import dev.montage.layout.SpeechLevels;
import dev.montage.layout.TimeSpan;

/**
 * The answer of {@code GET /v2/room_recordings/{id}/activity}: an audio recording's speech-activity timeline, or
 * where its making stands. Window {@code i} covers {@code [i * window_millis, (i + 1) * window_millis)} from
 * {@code started_at}; speech spans count milliseconds from there too, and {@code session_offset_millis} places them
 * on the session's clock. Until {@code status} is {@code analysed} the timeline's fields are null (not empty,
 * which would read as "nobody spoke"); {@code failure_reason} is set only when it is {@code failed}.
 */
record RecordingActivity(String recordType, UUID recordingId, UUID participantId, UUID sessionId, String startedAt,
        long sessionOffsetMillis, String status, String failureReason, Integer windowMillis, int[] levels,
        Integer noiseFloorDb, Integer speechThresholdDb, List<Span> speech) {

    private static final String RECORD_TYPE = "room_recording_activity";

    /** A span of speech, half-open, in milliseconds from the recording's start. */
    record Span(long startMillis, long endMillis) {
    }

    static RecordingActivity of(RoomRecording recording, long sessionOffsetMillis,
            RecordingRepository.StoredTimeline timeline) {
        if (timeline.levels().isEmpty()) {
            return new RecordingActivity(RECORD_TYPE, recording.id(), recording.participantId(),
                    recording.sessionId(), Timestamps.format(recording.startedAt()), sessionOffsetMillis,
                    timeline.status().wireName(), timeline.failure().orElse(null), null, null, null, null, null);
        }
        SpeechLevels levels = timeline.levels().get();
        SpeechDetection detection = SpeechDetector.detect(levels);
        return new RecordingActivity(RECORD_TYPE, recording.id(), recording.participantId(), recording.sessionId(),
                Timestamps.format(recording.startedAt()), sessionOffsetMillis, SpeechStatus.ANALYSED.wireName(), null,
                levels.windowMillis(), levels.decibels(), detection.noiseFloorDb(), detection.thresholdDb(),
                detection.spans().stream().map(RecordingActivity::span).toList());
    }

    private static Span span(TimeSpan span) {
        return new Span(span.startMillis(), span.endMillis());
    }
}
