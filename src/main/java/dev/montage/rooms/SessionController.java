package dev.montage.rooms;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
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
import dev.montage.rooms.RoomViews.SessionView;

@RestController
@RequestMapping("/v2/room_sessions")
class SessionController {

    private final SessionService sessions;
    private final ParticipantController participantViews;

    SessionController(SessionService sessions, ParticipantController participantViews) {
        this.sessions = sessions;
        this.participantViews = participantViews;
    }

    @GetMapping
    ListResponse<SessionView> list(AccountId account, QueryParams query) {
        return list(account, query, null);
    }

    /** The session list, also under {@code /v2/rooms/{id}/sessions} where {@code roomId} is fixed. */
    ListResponse<SessionView> list(AccountId account, QueryParams query, UUID roomId) {
        boolean includeParticipants = query.bool("include_participants").orElse(false);
        Optional<UUID> room = roomId != null ? Optional.of(roomId) : query.uuid("filter[room_id]");
        SqlFilter filter = new SqlFilter()
                .where("account_id = :account_id", "account_id", account.value())
                .whereIfPresent("room_id = :room_id", "room_id", room)
                .whereIfPresent("is_active = :is_active", "is_active", query.bool("filter[active]"))
                .dates("created_at", query.dateFilter("date_created_at"))
                .dates("updated_at", query.dateFilter("date_updated_at"))
                .dates("ended_at", query.dateFilter("date_ended_at"));
        PageRequest page = query.page();
        query.throwIfInvalid();
        return sessions.list(filter, page).map(session -> view(account, session, includeParticipants));
    }

    @GetMapping("/{sessionId}")
    DataResponse<SessionView> get(AccountId account, @PathVariable String sessionId, QueryParams query) {
        boolean includeParticipants = query.bool("include_participants").orElse(false);
        query.throwIfInvalid();
        RoomSession session = sessions.get(account, Ids.parse(sessionId, "Room session"));
        return new DataResponse<>(view(account, session, includeParticipants));
    }

    @GetMapping("/{sessionId}/participants")
    ListResponse<ParticipantView> participants(AccountId account, @PathVariable String sessionId, QueryParams query) {
        RoomSession session = sessions.get(account, Ids.parse(sessionId, "Room session"));
        return participantViews.list(account, query, session.id());
    }

    @PostMapping("/{sessionId}/actions/end")
    DataResponse<Map<String, String>> end(AccountId account, @PathVariable String sessionId) {
        sessions.end(account, Ids.parse(sessionId, "Room session"));
        return new DataResponse<>(Map.of("result", "ok"));
    }

    private SessionView view(AccountId account, RoomSession session, boolean includeParticipants) {
        List<ParticipantView> participants = includeParticipants
                ? sessions.participantsOf(account, session.id()).stream().map(ParticipantView::of).toList()
                : null;
        return SessionView.of(session, participants);
    }
}
