package dev.montage.twilio;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import dev.montage.api.AccountId;
import dev.montage.api.ApiException;
import dev.montage.api.ListResponse;
import dev.montage.api.PageMeta;
import dev.montage.api.PublicBaseUrl;
import dev.montage.media.MediaKind;
import dev.montage.recordings.RecordingService;
import dev.montage.recordings.RoomRecording;
import dev.montage.rooms.Room;
import dev.montage.rooms.RoomParticipant;
import dev.montage.rooms.RoomService;
import dev.montage.rooms.RoomSession;
import dev.montage.rooms.SessionService;
import jakarta.servlet.http.HttpServletRequest;

/**
 * Twilio's Rooms, their Participants and Recordings, and the account's Recordings, read-only: what Twilio code reads
 * to find a composition's sources. A Twilio room is a Montage room session.
 */
@RestController
@RequestMapping(value = "/v1", produces = MediaType.APPLICATION_JSON_VALUE)
class TwilioRoomController {

    private static final Set<String> ROOM_STATUSES = Set.of("in-progress", "completed", "failed");
    private static final Set<String> RECORDING_STATUSES = Set.of("processing", "completed", "deleted", "failed");

    private final SessionService sessions;
    private final RoomService rooms;
    private final RecordingService recordings;
    private final PublicBaseUrl baseUrl;

    TwilioRoomController(SessionService sessions, RoomService rooms, RecordingService recordings,
            PublicBaseUrl baseUrl) {
        this.sessions = sessions;
        this.rooms = rooms;
        this.recordings = recordings;
        this.baseUrl = baseUrl;
    }

    /** {@code Status} in-progress or completed (failed: none, Montage rooms do not fail), {@code UniqueName}. */
    @GetMapping("/Rooms")
    Map<String, Object> rooms(AccountId account, HttpServletRequest request,
            @RequestParam(name = "Status", required = false) String status,
            @RequestParam(name = "UniqueName", required = false) String uniqueName) {
        if (status != null && !ROOM_STATUSES.contains(status)) {
            throw TwilioException.badParameter("Status", "must be in-progress, completed or failed, not '" + status
                    + "'");
        }
        TwilioPage page = TwilioPage.of(request);
        String base = baseUrl.forCurrentRequest();
        Optional<Room> named = Optional.ofNullable(uniqueName).flatMap(name -> rooms.findByUniqueName(account, name));
        ListResponse<RoomSession> found = "failed".equals(status) || (uniqueName != null && named.isEmpty())
                ? empty(page)
                : sessions.list(account, named.map(Room::id), Optional.ofNullable(status).map("in-progress"::equals),
                        page.request());
        return page.answer("rooms", found.map(session -> room(account, session, base)), base, request);
    }

    /** By SID, or by the unique name of a room with a session in progress, as Twilio allows. */
    @GetMapping("/Rooms/{sid}")
    TwilioRoom room(AccountId account, @PathVariable String sid, HttpServletRequest request) {
        return room(account, session(account, sid, request), baseUrl.forCurrentRequest());
    }

    @GetMapping("/Rooms/{sid}/Participants")
    Map<String, Object> participants(AccountId account, @PathVariable String sid, HttpServletRequest request) {
        RoomSession session = session(account, sid, request);
        TwilioPage page = TwilioPage.of(request);
        String base = baseUrl.forCurrentRequest();
        return page.answer("participants", sessions.participants(account, session.id(), page.request())
                .map(p -> TwilioParticipant.of(p, session.active(), base)), base, request);
    }

    @GetMapping("/Rooms/{sid}/Participants/{participantSid}")
    TwilioParticipant participant(AccountId account, @PathVariable String sid, @PathVariable String participantSid,
            HttpServletRequest request) {
        RoomSession session = session(account, sid, request);
        RoomParticipant participant = TwilioSid.PARTICIPANT.parse(participantSid)
                .flatMap(id -> sessions.findParticipant(account, id))
                .filter(p -> p.sessionId().equals(session.id()))
                .orElseThrow(() -> TwilioException.notFound(request.getRequestURI()));
        return TwilioParticipant.of(participant, session.active(), baseUrl.forCurrentRequest());
    }

    @GetMapping("/Rooms/{sid}/Recordings")
    Map<String, Object> roomRecordings(AccountId account, @PathVariable String sid, HttpServletRequest request,
            @RequestParam(name = "Status", required = false) String status) {
        RoomSession session = session(account, sid, request);
        return recordingPage(account, request, Optional.of(session.id()), Optional.empty(), status, null);
    }

    @GetMapping("/Rooms/{sid}/Recordings/{recordingSid}")
    TwilioRecording roomRecording(AccountId account, @PathVariable String sid, @PathVariable String recordingSid,
            HttpServletRequest request) {
        RoomSession session = session(account, sid, request);
        RoomRecording recording = findRecording(account, recordingSid, request);
        if (!recording.sessionId().equals(session.id())) {
            throw TwilioException.notFound(request.getRequestURI());
        }
        return TwilioRecording.of(recording, baseUrl.forCurrentRequest());
    }

    /**
     * {@code GroupingSid} (a room's RM or a participant's PA SID; once each), {@code MediaType} (audio or video),
     * {@code Status}.
     */
    @GetMapping("/Recordings")
    Map<String, Object> recordings(AccountId account, HttpServletRequest request,
            @RequestParam(name = "GroupingSid", required = false) List<String> groupingSids,
            @RequestParam(name = "MediaType", required = false) String mediaType,
            @RequestParam(name = "Status", required = false) String status) {
        Optional<UUID> session = Optional.empty();
        Optional<UUID> participant = Optional.empty();
        for (String grouping : groupingSids == null ? List.<String>of() : groupingSids) {
            if (TwilioSid.ROOM.parse(grouping).isPresent() && session.isEmpty()) {
                session = TwilioSid.ROOM.parse(grouping);
            } else if (TwilioSid.PARTICIPANT.parse(grouping).isPresent() && participant.isEmpty()) {
                participant = TwilioSid.PARTICIPANT.parse(grouping);
            } else {
                throw TwilioException.badParameter("GroupingSid", "'" + grouping
                        + "' is not a room (RM) or participant (PA) SID, or names a second one of its kind");
            }
        }
        return recordingPage(account, request, session, participant, status, mediaType);
    }

    @GetMapping("/Recordings/{recordingSid}")
    TwilioRecording recording(AccountId account, @PathVariable String recordingSid, HttpServletRequest request) {
        return TwilioRecording.of(findRecording(account, recordingSid, request), baseUrl.forCurrentRequest());
    }

    private Map<String, Object> recordingPage(AccountId account, HttpServletRequest request, Optional<UUID> session,
            Optional<UUID> participant, String status, String mediaType) {
        if (status != null && !RECORDING_STATUSES.contains(status)) {
            throw TwilioException.badParameter("Status", "must be processing, completed, deleted or failed, not '"
                    + status + "'");
        }
        Optional<MediaKind> kind = Optional.ofNullable(mediaType).map(type -> switch (type) {
            case "audio" -> MediaKind.AUDIO;
            case "video" -> MediaKind.VIDEO;
            default -> throw TwilioException.badParameter("MediaType", "must be audio or video, not '" + type + "'");
        });
        TwilioPage page = TwilioPage.of(request);
        String base = baseUrl.forCurrentRequest();
        return page.answer("recordings", recordings.list(account, session, participant, Optional.ofNullable(status),
                kind, page.request()).map(r -> TwilioRecording.of(r, base)), base, request);
    }

    private RoomRecording findRecording(AccountId account, String sid, HttpServletRequest request) {
        UUID id = TwilioSid.RECORDING.parse(sid).orElseThrow(() -> TwilioException.notFound(request.getRequestURI()));
        try {
            return recordings.get(account, id);
        } catch (ApiException e) { // not found: said in Twilio's words
            throw TwilioException.notFound(request.getRequestURI());
        }
    }

    private RoomSession session(AccountId account, String sidOrName, HttpServletRequest request) {
        Optional<RoomSession> found = TwilioSid.ROOM.parse(sidOrName).flatMap(id -> sessions.find(account, id))
                .or(() -> rooms.findByUniqueName(account, sidOrName)
                        .flatMap(room -> sessions.activeSession(account, room.id())));
        return found.orElseThrow(() -> TwilioException.notFound(request.getRequestURI()));
    }

    private TwilioRoom room(AccountId account, RoomSession session, String base) {
        return TwilioRoom.of(session, rooms.find(account, session.roomId()).orElse(null), base);
    }

    private static <T> ListResponse<T> empty(TwilioPage page) {
        return new ListResponse<>(List.of(), PageMeta.of(page.request(), 0));
    }
}
