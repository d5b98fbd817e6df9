package dev.montage.compositions;

import java.util.Optional;
import java.util.OptionalLong;

import org.springframework.stereotype.Component;

import dev.montage.api.AccountId;
import dev.montage.api.ApiError;
import dev.montage.api.ApiException;
import dev.montage.api.ErrorCode;
import dev.montage.layout.CompositionPlan;
import dev.montage.layout.LayoutPlanner;
import dev.montage.layout.LayoutRequest;
import dev.montage.layout.NothingToComposeException;
import dev.montage.recordings.RecordingService;
import tools.jackson.databind.json.JsonMapper;

/**
 * Holds a composition to {@code montage.compositions.max-media-duration}: rendering takes about a fifth of the
 * media's length on one thread, so one long composition delays every account's. The length checked is the
 * composed output's, planned from the session's recordings as stored (measured from their packets), so it is
 * what the job would render. Checked when the composition is requested, with a 422; and again when it is
 * rendered, because a recording may have joined the session in between.
 */
@Component
class MediaDurationCap {

    private final RecordingService recordings;
    private final CompositionLimits limits;
    private final JsonMapper mapper;

    MediaDurationCap(RecordingService recordings, CompositionLimits limits, JsonMapper mapper) {
        this.recordings = recordings;
        this.limits = limits;
        this.mapper = mapper;
    }

    /**
     * Answers 422 when {@code composition} as requested would last longer than the cap. The problem points at
     * {@code /trim} when turning trim on would make it fit, else at {@code /session_id}. A request that selects
     * nothing to compose passes: its job fails with the reason, as before.
     */
    void check(AccountId account, Composition composition) {
        SessionMedia session = SessionMedia.of(recordings.ofSession(account, composition.sessionId()), mapper);
        LayoutRequest request = SessionMedia.layoutRequest(composition);
        OptionalLong planned = plannedMillis(session, request);
        long max = limits.maxMediaDuration().toMillis();
        if (planned.isEmpty() || planned.getAsLong() <= max) {
            return;
        }
        String detail = "the composition would last " + readable(planned.getAsLong()) + ", longer than the "
                + readable(max) + " a composition may last on this service";
        if (!request.trim()) {
            OptionalLong trimmed = plannedMillis(session,
                    new LayoutRequest(request.canvas(), request.regions(), request.audio(), true));
            if (trimmed.isPresent() && trimmed.getAsLong() <= max) {
                throw ApiException.unprocessable(ApiError.atPointer(ErrorCode.BAD_REQUEST, "/trim",
                        "with trim off " + detail + "; with trim on it would last " + readable(trimmed.getAsLong())));
            }
        }
        throw ApiException.unprocessable(ApiError.atPointer(ErrorCode.BAD_REQUEST, "/session_id",
                "session " + composition.sessionId() + ": " + detail + "; select fewer sources"
                        + (request.trim() ? "" : " or turn trim on")));
    }

    /** The failure reason for a plan longer than the cap, when the session grew after the request. */
    Optional<String> exceededBy(CompositionPlan plan) {
        long max = limits.maxMediaDuration().toMillis();
        if (plan.durationMillis() <= max) {
            return Optional.empty();
        }
        return Optional.of("The composition would last " + readable(plan.durationMillis()) + ", longer than the "
                + readable(max) + " a composition may last on this service");
    }

    private static OptionalLong plannedMillis(SessionMedia session, LayoutRequest request) {
        try {
            return OptionalLong.of(LayoutPlanner.plan(session.video(), session.audio(), request).durationMillis());
        } catch (NothingToComposeException e) {
            return OptionalLong.empty();
        }
    }

    /** "3 s", "2.5 s", "1 h 30 min", "10 h 0 min 5 s": tenths of a second at most. */
    static String readable(long millis) {
        long tenths = Math.round(millis / 100.0);
        long hours = tenths / 36_000;
        long minutes = tenths / 600 % 60;
        long secondTenths = tenths % 600;
        StringBuilder text = new StringBuilder();
        if (hours > 0) {
            text.append(hours).append(" h ");
        }
        if (hours > 0 && secondTenths > 0 || minutes > 0) {
            text.append(minutes).append(" min ");
        }
        if (secondTenths > 0 || text.isEmpty()) {
            text.append(secondTenths / 10);
            if (secondTenths % 10 != 0) {
                text.append('.').append(secondTenths % 10);
            }
            text.append(" s");
        }
        return text.toString().trim();
    }
}
