package dev.montage.twilio;

import java.time.Duration;

import dev.montage.rooms.RoomParticipant;

/**
 * Twilio's Participant resource. Its {@code identity} is the participant's {@code context} (the label its upload
 * gave), or its SID when it has none; it is {@code connected} until it has left.
 */
record TwilioParticipant(String sid, String roomSid, String accountSid, String status, String identity,
        String dateCreated, String dateUpdated, String startTime, String endTime, Long duration, String url) {

    static TwilioParticipant of(RoomParticipant p, boolean sessionActive, String baseUrl) {
        String sid = TwilioSid.PARTICIPANT.of(p.id());
        String roomSid = TwilioSid.ROOM.of(p.sessionId());
        boolean connected = sessionActive && p.leftAt() == null;
        Long duration = p.leftAt() == null ? null : Duration.between(p.joinedAt(), p.leftAt()).toSeconds();
        return new TwilioParticipant(sid, roomSid, TwilioSid.ACCOUNT.of(p.accountId()),
                connected ? "connected" : "disconnected", p.context() != null ? p.context() : sid,
                TwilioDates.format(p.joinedAt()), TwilioDates.format(p.updatedAt()), TwilioDates.format(p.joinedAt()),
                TwilioDates.format(p.leftAt()), duration, baseUrl + "/v1/Rooms/" + roomSid + "/Participants/" + sid);
    }
}
