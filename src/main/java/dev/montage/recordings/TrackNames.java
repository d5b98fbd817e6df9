package dev.montage.recordings;

import java.util.Optional;

/**
 * What a track name may be, at upload and as a pattern in a composition's sources: 1 to {@value #MAX_LENGTH}
 * characters (code points) without control characters. Names are kept exactly as sent, spaces and case included:
 * patterns match them case-sensitively, as Twilio's do, and a name the media server set is an identifier.
 */
public final class TrackNames {

    /** Twilio allows 128; twice that leaves room for media servers that build names from user labels. */
    public static final int MAX_LENGTH = 256;

    private TrackNames() {
    }

    /**
     * Why {@code value} cannot be a track name (or a pattern over track names), or empty when it can.
     *
     * @param what how the client named the value, for the message ({@code "track_name"}, {@code "'scr\u0000'"})
     */
    public static Optional<String> problem(String what, String value) {
        if (value.isBlank()) {
            return Optional.of(what + " must not be blank");
        }
        int length = value.codePointCount(0, value.length());
        if (length > MAX_LENGTH) {
            return Optional.of(what + " must be at most " + MAX_LENGTH + " characters, not " + length);
        }
        int control = value.codePoints().filter(Character::isISOControl).findFirst().orElse(-1);
        if (control >= 0) {
            return Optional.of(what + " must not contain control characters (found U+"
                    + String.format("%04X", control) + ")");
        }
        return Optional.empty();
    }
}
