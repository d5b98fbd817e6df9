package dev.montage.rooms;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.stereotype.Component;

import dev.montage.api.AccountId;
import dev.montage.api.ListResponse;
import dev.montage.api.PageRequest;
import dev.montage.api.QueryParams;
import dev.montage.rooms.RoomViews.ParticipantView;
import dev.montage.rooms.RoomViews.SessionView;

/**
 * The session and participant lists with their Telnyx filters. Each is served at two routes: sessions under
 * {@code /v2/room_sessions} and {@code /v2/rooms/{id}/sessions}, participants under
 * {@code /v2/room_participants} and {@code /v2/room_sessions/{id}/participants}, where the path fixes the parent.
 */
@Component
class SessionLists {

    private final SessionService sessions;

    SessionLists(SessionService sessions) {
        this.sessions = sessions;
    }

    /** Sessions of {@code room}, or of the room {@code filter[room_id]} names, or all of the account's. */
    ListResponse<SessionView> sessions(AccountId account, QueryParams query, Optional<UUID> room) {
        boolean includeParticipants = query.bool("include_participants").orElse(false);
        SessionQuery filters = new SessionQuery(
                room.or(() -> query.uuid("filter[room_id]")),
                query.bool("filter[active]"),
                query.dateFilter("date_created_at"),
                query.dateFilter("date_updated_at"),
                query.dateFilter("date_ended_at"));
        PageRequest page = query.page();
        query.throwIfInvalid();
        return sessions.list(account, filters, page).map(session -> sessionView(account, session, includeParticipants));
    }

    /** Participants of {@code session}, or of the session {@code filter[session_id]} names, or all. */
    ListResponse<ParticipantView> participants(AccountId account, QueryParams query, Optional<UUID> session) {
        ParticipantQuery filters = new ParticipantQuery(
                session.or(() -> query.uuid("filter[session_id]")),
                query.string("filter[context]"),
                query.dateFilter("date_joined_at"),
                query.dateFilter("date_left_at"),
                query.dateFilter("date_updated_at"));
        PageRequest page = query.page();
        query.throwIfInvalid();
        return sessions.listParticipants(account, filters, page).map(ParticipantView::of);
    }

    SessionView sessionView(AccountId account, RoomSession session, boolean includeParticipants) {
        List<ParticipantView> participants = includeParticipants
                ? sessions.participantsOf(account, session.id()).stream().map(ParticipantView::of).toList()
                : null;
        return SessionView.of(session, participants);
    }
}
