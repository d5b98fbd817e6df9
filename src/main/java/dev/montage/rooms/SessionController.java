package dev.montage.rooms;

import java.util.Map;
import java.util.Optional;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import dev.montage.api.AccountId;
import dev.montage.api.DataResponse;
import dev.montage.api.Ids;
import dev.montage.api.ListResponse;
import dev.montage.api.QueryParams;
import dev.montage.rooms.RoomViews.ParticipantView;
import dev.montage.rooms.RoomViews.SessionView;

@RestController
@RequestMapping("/v2/room_sessions")
class SessionController {

    private final SessionService sessions;
    private final SessionLists lists;

    SessionController(SessionService sessions, SessionLists lists) {
        this.sessions = sessions;
        this.lists = lists;
    }

    @GetMapping
    ListResponse<SessionView> list(AccountId account, QueryParams query) {
        return lists.sessions(account, query, Optional.empty());
    }

    @GetMapping("/{sessionId}")
    DataResponse<SessionView> get(AccountId account, @PathVariable String sessionId, QueryParams query) {
        boolean includeParticipants = query.bool("include_participants").orElse(false);
        query.throwIfInvalid();
        RoomSession session = sessions.get(account, Ids.parse(sessionId, "Room session"));
        return new DataResponse<>(lists.sessionView(account, session, includeParticipants));
    }

    @GetMapping("/{sessionId}/participants")
    ListResponse<ParticipantView> participants(AccountId account, @PathVariable String sessionId, QueryParams query) {
        RoomSession session = sessions.get(account, Ids.parse(sessionId, "Room session"));
        return lists.participants(account, query, Optional.of(session.id()));
    }

    @PostMapping("/{sessionId}/actions/end")
    DataResponse<Map<String, String>> end(AccountId account, @PathVariable String sessionId) {
        sessions.end(account, Ids.parse(sessionId, "Room session"));
        return new DataResponse<>(Map.of("result", "ok"));
    }
}
