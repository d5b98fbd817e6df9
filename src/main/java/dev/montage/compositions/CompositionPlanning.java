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
     * The plan of {@code composition}, with what it was made from.
     *
     * @throws dev.montage.layout.NothingToComposeException when the request selects nothing to see or hear
     */
    PlannedComposition plan(Composition composition) {
        AccountId account = new AccountId(composition.accountId());
        List<RoomRecording> media = recordings.ofSession(account, composition.sessionId());
        SessionMedia session = SessionMedia.of(media, mapper);
        LayoutRequest layout = SessionMedia.layoutRequest(composition);
        CompositionPlan plan = LayoutPlanner.plan(session.video(), session.audio(), layout,
                speechFor(account, composition, layout));
        return new PlannedComposition(media, session, plan);
    }

    /**
     * Who speaks when, by participant on the session clock (epoch milliseconds, like the tracks of
     * {@link SessionMedia}): read only when a region follows the active speaker, since it means decoding nothing
     * but reading every audio recording's timeline.
     */
    private SortedMap<String, List<TimeSpan>> speechFor(AccountId account, Composition composition,
            LayoutRequest layout) {
        if (!layout.followsSpeech()) {
            return new TreeMap<>();
        }
        return ParticipantSpeech.onSessionClock(recordings.speechOfSession(account, composition.sessionId()));
    }

    /** A plan and the stored recordings and tracks it was made from (the renderer needs the recordings' files). */
    record PlannedComposition(List<RoomRecording> recordings, SessionMedia session, CompositionPlan plan) {

        PlannedComposition {
            recordings = List.copyOf(recordings);
        }
    }
}
