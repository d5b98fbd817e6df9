package dev.montage.compositions;

import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import org.springframework.stereotype.Service;

import dev.montage.api.AccountId;
import dev.montage.api.ApiError;
import dev.montage.api.ApiException;
import dev.montage.api.ErrorCode;
import dev.montage.api.JsonBody;
import dev.montage.api.Timestamps;
import dev.montage.layout.NothingToComposeException;
import dev.montage.rooms.RoomParticipant;
import dev.montage.rooms.SessionService;

/**
 * Plans a composition without creating it: the request is validated as a create validates it (same parser, same
 * media-duration cap), planned by {@link CompositionPlanning} as the job plans it, and nothing is stored, scheduled
 * or sent.
 */
@Service
class CompositionPreviews {

    /** The id of a composition that is only previewed: it is never stored, so any fixed id will do. */
    private static final UUID NOT_STORED = new UUID(0, 0);

    private final CompositionRequestParser parser;
    private final MediaDurationCap mediaDurationCap;
    private final CompositionPlanning planning;
    private final SessionService sessions;
    private final Clock clock;

    CompositionPreviews(CompositionRequestParser parser, MediaDurationCap mediaDurationCap,
            CompositionPlanning planning, SessionService sessions, Clock clock) {
        this.parser = parser;
        this.mediaDurationCap = mediaDurationCap;
        this.planning = planning;
        this.sessions = sessions;
        this.clock = clock;
    }

    /**
     * The plan a create of {@code body} would render now. Unlike a create, a request that selects nothing to see or
     * hear is a 422 here: its composition would only fail, and there is no plan to show.
     */
    CompositionPreview preview(AccountId account, JsonBody body) {
        CompositionRequest request = parser.parse(account, body);
        Composition composition = request.toComposition(NOT_STORED, account.value(), Timestamps.now(clock), null);
        mediaDurationCap.check(account, composition);
        CompositionPlanning.PlannedComposition planned;
        try {
            planned = planning.planFromStoredSpeech(composition); // an API node decodes nothing
        } catch (NothingToComposeException e) {
            throw ApiException.unprocessable(ApiError.atPointer(ErrorCode.BAD_REQUEST, "/session_id",
                    "session " + composition.sessionId() + ": nothing to compose, " + e.getMessage()
                            + "; a composition created from this request would fail"));
        }
        // labels are shown in a preview whether or not the composition draws them
        Map<String, String> labels = new HashMap<>();
        for (RoomParticipant participant : sessions.participantsOf(account, composition.sessionId())) {
            if (participant.context() != null && !participant.context().isBlank()) {
                labels.put(participant.id().toString(), participant.context());
            }
        }
        return new CompositionPreview(composition, planned, labels);
    }

    /** A planned composition with its participants' labels (participant id to {@code participant_context}). */
    record CompositionPreview(Composition composition, CompositionPlanning.PlannedComposition planned,
            Map<String, String> labels) {

        CompositionPreview {
            labels = Map.copyOf(labels);
        }
    }
}
