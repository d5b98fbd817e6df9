package dev.montage.rooms;

import java.util.Optional;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import dev.montage.api.AccountId;
import dev.montage.api.DataResponse;
import dev.montage.api.Ids;
import dev.montage.api.ListResponse;
import dev.montage.api.QueryParams;
import dev.montage.rooms.RoomViews.ParticipantView;

@RestController
@RequestMapping("/v2/room_participants")
class ParticipantController {

    private final SessionService sessions;
    private final SessionLists lists;

    ParticipantController(SessionService sessions, SessionLists lists) {
        this.sessions = sessions;
        this.lists = lists;
    }

    @GetMapping
    ListResponse<ParticipantView> list(AccountId account, QueryParams query) {
        return lists.participants(account, query, Optional.empty());
    }

    @GetMapping("/{participantId}")
    DataResponse<ParticipantView> get(AccountId account, @PathVariable String participantId) {
        return new DataResponse<>(ParticipantView.of(
                sessions.getParticipant(account, Ids.parse(participantId, "Room participant"))));
    }
}
