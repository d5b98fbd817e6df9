package dev.montage.rooms;

import java.util.Optional;
import java.util.UUID;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import dev.montage.api.AccountId;
import dev.montage.api.DataResponse;
import dev.montage.api.Ids;
import dev.montage.api.ListResponse;
import dev.montage.api.PageRequest;
import dev.montage.api.QueryParams;
import dev.montage.api.SqlFilter;
import dev.montage.rooms.RoomViews.ParticipantView;

@RestController
@RequestMapping("/v2/room_participants")
class ParticipantController {

    private final SessionService sessions;

    ParticipantController(SessionService sessions) {
        this.sessions = sessions;
    }

    @GetMapping
    ListResponse<ParticipantView> list(AccountId account, QueryParams query) {
        return list(account, query, null);
    }

    /** The participant list, also under {@code /v2/room_sessions/{id}/participants} where the session is fixed. */
    ListResponse<ParticipantView> list(AccountId account, QueryParams query, UUID sessionId) {
        Optional<UUID> session = sessionId != null ? Optional.of(sessionId) : query.uuid("filter[session_id]");
        SqlFilter filter = new SqlFilter()
                .where("account_id = :account_id", "account_id", account.value())
                .whereIfPresent("session_id = :session_id", "session_id", session)
                .whereIfPresent("participant_context = :participant_context", "participant_context",
                        query.string("filter[context]"))
                .dates("joined_at", query.dateFilter("date_joined_at"))
                .dates("left_at", query.dateFilter("date_left_at"))
                .dates("updated_at", query.dateFilter("date_updated_at"));
        PageRequest page = query.page();
        query.throwIfInvalid();
        return sessions.listParticipants(filter, page).map(ParticipantView::of);
    }

    @GetMapping("/{participantId}")
    DataResponse<ParticipantView> get(AccountId account, @PathVariable String participantId) {
        return new DataResponse<>(ParticipantView.of(
                sessions.getParticipant(account, Ids.parse(participantId, "Room participant"))));
    }
}
