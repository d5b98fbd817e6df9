package dev.montage.twilio;

import java.time.Duration;
import java.util.Map;

import dev.montage.rooms.Room;
import dev.montage.rooms.RoomSession;

/**
 * Twilio's Room resource. A Twilio room is one meeting, so it is a Montage room session; its {@code unique_name} is
 * the Montage room's (Twilio's is the SID when none was given). Montage hosts no live rooms, so what only a live
 * room has (TURN, codecs, timeouts) has Twilio's defaults for a group room.
 */
record TwilioRoom(String sid, String status, String dateCreated, String dateUpdated, String accountSid,
        boolean enableTurn, String uniqueName, String statusCallback, String statusCallbackMethod, String endTime,
        Long duration, String type, int maxParticipants, boolean recordParticipantsOnConnect, boolean audioOnly,
        boolean largeRoom, String url, Map<String, String> links) {

    static TwilioRoom of(RoomSession session, Room room, String baseUrl) {
        String sid = TwilioSid.ROOM.of(session.id());
        String url = baseUrl + "/v1/Rooms/" + sid;
        Long duration = session.endedAt() == null ? null
                : Duration.between(session.createdAt(), session.endedAt()).toSeconds();
        String uniqueName = room != null && room.uniqueName() != null ? room.uniqueName() : sid;
        return new TwilioRoom(sid, session.active() ? "in-progress" : "completed",
                TwilioDates.format(session.createdAt()), TwilioDates.format(session.updatedAt()),
                TwilioSid.ACCOUNT.of(session.accountId()), true, uniqueName, null, "POST",
                TwilioDates.format(session.endedAt()), duration, "group",
                room != null ? room.maxParticipants() : 50, room != null && room.enableRecording(), false, false,
                url, Map.of("participants", url + "/Participants", "recordings", url + "/Recordings"));
    }
}
