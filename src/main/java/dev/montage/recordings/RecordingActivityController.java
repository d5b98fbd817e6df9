package dev.montage.recordings;

import java.time.Duration;
import java.util.UUID;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

import dev.montage.api.AccountId;
import dev.montage.api.ApiException;
import dev.montage.api.DataResponse;
import dev.montage.api.Ids;
import dev.montage.layout.SpeechDetector;
import dev.montage.layout.SpeechLevels;
import dev.montage.media.MediaKind;
import dev.montage.rooms.SessionService;

/**
 * {@code GET /v2/room_recordings/{id}/activity} (extension): the speech-activity timeline made at upload. A
 * recording without one answers 404 with a detail that says why, unlike an unknown recording: a video recording
 * has no audio to measure, and audio uploaded before timelines existed (or that ffmpeg could not decode) has
 * none stored.
 */
@RestController
class RecordingActivityController {

    private final RecordingService recordings;
    private final RecordingRepository repository;
    private final SessionService sessions;

    RecordingActivityController(RecordingService recordings, RecordingRepository repository,
            SessionService sessions) {
        this.recordings = recordings;
        this.repository = repository;
        this.sessions = sessions;
    }

    @GetMapping("/v2/room_recordings/{recordingId}/activity")
    DataResponse<RecordingActivity> activity(AccountId account, @PathVariable String recordingId) {
        RoomRecording recording = recordings.get(account, Ids.parse(recordingId, "Room recording"));
        UUID id = recording.id();
        if (recording.kind() != MediaKind.AUDIO) {
            throw ApiException.notFound("Room recording " + id + " is a video recording: speech activity is measured"
                    + " on audio recordings; read the audio recording of participant " + recording.participantId());
        }
        SpeechLevels levels = repository.findSpeechLevels(account.value(), id).orElseThrow(() -> ApiException.notFound(
                "Room recording " + id + " has no speech-activity timeline: it was uploaded before Montage made"
                        + " them, or its audio could not be decoded; upload it again to get one"));
        // the session starts with the first recording uploaded into it; a later one may have started earlier
        long sessionOffset = sessions.find(account, recording.sessionId())
                .map(s -> Duration.between(s.createdAt(), recording.startedAt()).toMillis()).orElse(0L);
        return new DataResponse<>(RecordingActivity.of(recording, sessionOffset, levels,
                SpeechDetector.detect(levels)));
    }
}
