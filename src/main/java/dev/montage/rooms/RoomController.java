package dev.montage.rooms;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import dev.montage.api.AccountId;
import dev.montage.api.DataResponse;
import dev.montage.api.Ids;
import dev.montage.api.JsonBody;
import dev.montage.api.ListResponse;
import dev.montage.api.PageRequest;
import dev.montage.api.QueryParams;
import dev.montage.rooms.RoomViews.RoomView;
import dev.montage.rooms.RoomViews.SessionView;

@RestController
@RequestMapping("/v2/rooms")
class RoomController {

    private final RoomService rooms;
    private final SessionService sessions;
    private final SessionLists lists;

    RoomController(RoomService rooms, SessionService sessions, SessionLists lists) {
        this.rooms = rooms;
        this.sessions = sessions;
        this.lists = lists;
    }

    @GetMapping
    ListResponse<RoomView> list(AccountId account, QueryParams query) {
        boolean includeSessions = query.bool("include_sessions").orElse(false);
        RoomQuery filters = new RoomQuery(
                query.dateFilter("date_created_at"),
                query.dateFilter("date_updated_at"),
                query.string("filter[unique_name]"));
        PageRequest page = query.page();
        query.throwIfInvalid();
        return rooms.list(account, filters, page).map(room -> view(account, room, includeSessions));
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    DataResponse<RoomView> create(AccountId account, JsonBody body) {
        return new DataResponse<>(view(account, rooms.create(account, body), false));
    }

    @GetMapping("/{roomId}")
    DataResponse<RoomView> get(AccountId account, @PathVariable String roomId, QueryParams query) {
        boolean includeSessions = query.bool("include_sessions").orElse(false);
        query.throwIfInvalid();
        return new DataResponse<>(view(account, rooms.get(account, Ids.parse(roomId, "Room")), includeSessions));
    }

    @PatchMapping("/{roomId}")
    DataResponse<RoomView> update(AccountId account, @PathVariable String roomId, JsonBody body) {
        return new DataResponse<>(view(account, rooms.update(account, Ids.parse(roomId, "Room"), body), false));
    }

    @DeleteMapping("/{roomId}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void delete(AccountId account, @PathVariable String roomId) {
        rooms.delete(account, Ids.parse(roomId, "Room"));
    }

    @GetMapping("/{roomId}/sessions")
    ListResponse<SessionView> sessions(AccountId account, @PathVariable String roomId, QueryParams query) {
        Room room = rooms.get(account, Ids.parse(roomId, "Room"));
        return lists.sessions(account, query, Optional.of(room.id()));
    }

    private RoomView view(AccountId account, Room room, boolean includeSessions) {
        UUID active = sessions.activeSession(account, room.id()).map(RoomSession::id).orElse(null);
        List<SessionView> included = includeSessions
                ? sessions.sessionsOfRoom(account, room.id()).stream().map(s -> SessionView.of(s, null)).toList()
                : null;
        return RoomView.of(room, active, included);
    }
}
