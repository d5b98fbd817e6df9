package dev.montage.twilio;

import java.util.Locale;
import java.util.Map;

import dev.montage.recordings.RoomRecording;

/**
 * Twilio's Recording resource (and its room recording, which adds {@code room_sid}). {@code offset} is the track's
 * start in milliseconds since the Unix epoch: Twilio's is from "an arbitrary point in time, common to all group
 * rooms", which the epoch is. {@code source_sid} (Twilio's track SID) is null: Montage keeps no track ids.
 * {@code links} is empty: a recording's media is not served under /v1 yet.
 */
record TwilioRecording(String accountSid, String status, String dateCreated, String sid, String sourceSid, long size,
        String url, String type, long duration, String container, String codec, GroupingSids groupingSids,
        String trackName, long offset, String mediaExternalLocation, String statusCallback,
        String statusCallbackMethod, String roomSid, Map<String, String> links) {

    static TwilioRecording of(RoomRecording r, String baseUrl) {
        String sid = TwilioSid.RECORDING.of(r.id());
        return new TwilioRecording(TwilioSid.ACCOUNT.of(r.accountId()), r.status(), TwilioDates.format(r.createdAt()),
                sid, null, r.sizeBytes(), baseUrl + "/v1/Recordings/" + sid, r.kind().wireName(),
                Math.round(r.durationMillis() / 1000.0), container(r.blobKey()), codec(r.codec()),
                new GroupingSids(TwilioSid.ROOM.of(r.sessionId()), TwilioSid.PARTICIPANT.of(r.participantId())),
                r.trackName().orElse(sid), r.startedAt().toEpochMilli(), null, null, null,
                TwilioSid.ROOM.of(r.sessionId()), Map.of());
    }

    /** Twilio's codec names: {@code VP8}, {@code H264}, {@code OPUS}, {@code PCMU}; others in upper case. */
    static String codec(String ffprobeName) {
        if (ffprobeName == null) {
            return null;
        }
        return ffprobeName.equals("pcm_mulaw") ? "PCMU" : ffprobeName.toUpperCase(Locale.ROOT);
    }

    /** The uploaded file's container, from the extension it was stored with ({@code webm}, {@code mkv}, …). */
    static String container(String blobKey) {
        int dot = blobKey == null ? -1 : blobKey.lastIndexOf('.');
        return dot < 0 ? null : blobKey.substring(dot + 1);
    }

    /** The room and participant a recording belongs to. */
    record GroupingSids(String roomSid, String participantSid) {
    }
}
