package dev.montage.twilio;

import java.util.HexFormat;
import java.util.Optional;
import java.util.UUID;

/**
 * Twilio's resource ids ("SIDs"): a two-letter prefix naming the kind of resource and 32 hex digits. Montage's are
 * the prefix and its UUID without dashes, in lower case, so each SID names exactly one UUID and each UUID has exactly
 * one SID of each kind: a composition {@code CJ…} made under {@code /v1} is the same resource as its UUID under
 * {@code /v2}. Upper-case hex is refused, so that no two SIDs name one resource.
 *
 * <pre>
 *   UUID 3f2a1c4e-0b5d-4e6f-8a7b-9c0d1e2f3a4b  ⇄  CJ3f2a1c4e0b5d4e6f8a7b9c0d1e2f3a4b
 * </pre>
 */
enum TwilioSid {
    ACCOUNT("AC"), API_KEY("SK"), COMPOSITION("CJ"), ROOM("RM"), RECORDING("RT"), PARTICIPANT("PA"), HOOK("HK");

    private static final int HEX_DIGITS = 32;

    private final String prefix;

    TwilioSid(String prefix) {
        this.prefix = prefix;
    }

    String prefix() {
        return prefix;
    }

    /** The SID of {@code id}. */
    String of(UUID id) {
        return prefix + id.toString().replace("-", "");
    }

    /** The UUID that {@code sid} names, or empty when it is not a SID of this kind (another prefix, a malformed one). */
    Optional<UUID> parse(String sid) {
        if (sid == null || sid.length() != prefix.length() + HEX_DIGITS || !sid.startsWith(prefix)) {
            return Optional.empty();
        }
        String hex = sid.substring(prefix.length());
        for (int i = 0; i < hex.length(); i++) {
            char c = hex.charAt(i);
            if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
                return Optional.empty();
            }
        }
        byte[] bytes = HexFormat.of().parseHex(hex);
        long high = 0;
        long low = 0;
        for (int i = 0; i < 8; i++) {
            high = (high << 8) | (bytes[i] & 0xff);
            low = (low << 8) | (bytes[i + 8] & 0xff);
        }
        return Optional.of(new UUID(high, low));
    }

    /** Whether {@code value} has this kind's prefix and a SID's length: a SID, or a mistyped one. */
    boolean looksLike(String value) {
        return value != null && value.length() == prefix.length() + HEX_DIGITS && value.startsWith(prefix);
    }
}
