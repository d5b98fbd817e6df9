package dev.montage.recordings;

import java.time.Duration;
import java.util.UUID;

import org.springframework.stereotype.Service;

import dev.montage.api.AccountId;
import dev.montage.api.ApiException;
import dev.montage.media.MediaKind;
import dev.montage.rooms.SessionService;

/**
 * Reads the speech-activity timelines of audio recordings, and where their making stands: {@code pending} until the
 * analysis job (or a composition) has run, then {@code analysed} or {@code failed}. A recording that will never
 * have one is a 404 whose detail says why, unlike an unknown recording's: a video recording has no audio to
 * measure, and audio uploaded before timelines existed, or while the analysis was turned off, has none.
 */
@Service
class RecordingActivities {

    private final RecordingService recordings;
    private final RecordingRepository repository;
    private final SessionService sessions;

    RecordingActivities(RecordingService recordings, RecordingRepository repository, SessionService sessions) {
        this.recordings = recordings;
        this.repository = repository;
        this.sessions = sessions;
    }

    RecordingActivity of(AccountId account, UUID recordingId) {
        RoomRecording recording = recordings.get(account, recordingId);
        UUID id = recording.id();
        if (recording.kind() != MediaKind.AUDIO) {
            throw ApiException.notFound("Room recording " + id + " is a video recording: speech activity is measured"
                    + " on audio recordings; read the audio recording of participant " + recording.participantId());
        }
        RecordingRepository.StoredTimeline timeline = repository.findSpeech(account.value(), id).orElseThrow(
                () -> ApiException.notFound("Room recording " + id + " has no speech-activity timeline: it was"
                        + " uploaded before Montage made them, or while speech analysis was turned off"
                        + " (montage.recordings.speech-analysis); upload it again to get one"));
        // the session starts with the first recording uploaded into it; a later upload may have started earlier
        long sessionOffset = sessions.find(account, recording.sessionId())
                .map(s -> Duration.between(s.createdAt(), recording.startedAt()).toMillis()).orElse(0L);
        return RecordingActivity.of(recording, sessionOffset, timeline);
    }
}
