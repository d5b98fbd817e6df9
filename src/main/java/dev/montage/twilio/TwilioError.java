package dev.montage.twilio;

/**
 * Twilio's error body, {@code {"code":20404,"message":"…","more_info":"https://www.twilio.com/docs/errors/20404",
 * "status":404}}, which Twilio's helper libraries read into their exceptions. The codes Montage answers with are
 * listed in docs/twilio.md.
 */
record TwilioError(int code, String message, String moreInfo, int status) {

    /** HTTP Basic missing or wrong. */
    static final int AUTHENTICATE = 20003;
    /** No such resource, a malformed SID in the path, or another account's resource. */
    static final int NOT_FOUND = 20404;
    /** The route exists but not for this HTTP method. */
    static final int METHOD_NOT_ALLOWED = 20004;
    /** A parameter missing, malformed or out of range, where Twilio documents no code of its own. */
    static final int INVALID_PARAMETER = 20001;
    static final int TOO_MANY_REQUESTS = 20429;
    static final int INTERNAL = 20500;
    /** Twilio's "Service unavailable": a busy node, try again after {@code Retry-After}. */
    static final int SERVICE_UNAVAILABLE = 20503;
    /** Twilio Video: "Room not found", for a composition's {@code RoomSid}. */
    static final int ROOM_NOT_FOUND = 53106;

    static TwilioError of(int status, int code, String message) {
        return new TwilioError(code, message, "https://www.twilio.com/docs/errors/" + code, status);
    }
}
