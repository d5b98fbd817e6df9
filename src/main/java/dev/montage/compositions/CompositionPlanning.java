package dev.montage.compositions;

import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;

import org.springframework.stereotype.Component;

import dev.montage.api.AccountId;
import dev.montage.layout.CompositionPlan;
import dev.montage.layout.LayoutPlanner;
import dev.montage.layout.LayoutRequest;
import dev.montage.layout.ParticipantSpeech;
import dev.montage.layout.TimeSpan;
import dev.montage.recordings.RecordingService;
import dev.montage.recordings.RoomRecording;
import tools.jackson.databind.json.JsonMapper;

/**
 * Plans a composition from its session's recordings as they are stored now: the one place where a plan is made, so
 * the plan a preview shows is the plan the job renders. Reads the recordings (and, for an active-speaker region,
 * who speaks when), then hands them to the pure {@link LayoutPlanner}.
 */
@Component
class CompositionPlanning {

    private final RecordingService recordings;
    private final JsonMapper mapper;

    CompositionPlanning(RecordingService recordings, JsonMapper mapper) {
        this.recordings = recordings;
        this.mapper = mapper;
    }

    /**
     * The plan of {@code composition}, with what it was made from: the plan the job renders. An active-speaker
     * region's speech analyses still pending are made first, here.
     *
     * @throws dev.montage.layout.NothingToComposeException when the request selects nothing to see or hear
     */
    PlannedComposition plan(Composition composition) {
        return plan(composition, true);
    }

    /**
     * As {@link #plan(Composition)}, with the speech timelines stored so far: decodes nothing, for an answer on an
     * API node (a preview). {@link PlannedComposition#speechPending} says how many audio recordings it went without;
     * with none, the plan is the one the job would render.
     */
    PlannedComposition planFromStoredSpeech(Composition composition) {
        return plan(composition, false);
    }

    private PlannedComposition plan(Composition composition, boolean analysePending) {
        AccountId account = new AccountId(composition.accountId());
        List<RoomRecording> media = recordings.ofSession(account, composition.sessionId());
        SessionMedia session = SessionMedia.of(media, mapper);
        LayoutRequest layout = SessionMedia.layoutRequest(composition);
        SortedMap<String, List<TimeSpan>> speech = new TreeMap<>();
        int pending = 0;
        // who speaks when is read only when a region follows the active speaker: it means reading every audio
        // recording's timeline (and, for a render, decoding those not analysed yet)
        if (layout.followsSpeech()) {
            if (analysePending) {
                speech = ParticipantSpeech.onSessionClock(recordings.speechOfSession(account, composition.sessionId()));
            } else {
                pending = recordings.pendingSpeechOfSession(account, composition.sessionId());
                speech = ParticipantSpeech.onSessionClock(
                        recordings.storedSpeechOfSession(account, composition.sessionId()));
            }
        }
        CompositionPlan plan = LayoutPlanner.plan(session.video(), session.audio(), layout, speech);
        return new PlannedComposition(media, session, plan, pending);
    }

    /** A plan and the stored recordings and tracks it was made from (the renderer needs the recordings' files). */
    record PlannedComposition(List<RoomRecording> recordings, SessionMedia session, CompositionPlan plan,
            int speechPending) {

        PlannedComposition {
            recordings = List.copyOf(recordings);
        }
    }
}
