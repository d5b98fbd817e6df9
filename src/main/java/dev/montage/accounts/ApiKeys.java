package dev.montage.accounts;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/** Generates API keys and the digests they are stored under. */
final class ApiKeys {

    /** Telnyx keys start with KEY; ours do too so they are recognisable in logs and configs. */
    static final String PREFIX = "KEY";

    /** How much of a key list-api-keys shows: {@code KEY} and 8 characters, 48 of its 256 random bits. */
    static final int SHOWN_LENGTH = PREFIX.length() + 8;

    private static final SecureRandom RANDOM = new SecureRandom();

    private ApiKeys() {
    }

    static String generate() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** The first characters of a key, which tell it apart in a list without giving it away. */
    static String shownPrefix(String key) {
        return key.substring(0, Math.min(SHOWN_LENGTH, key.length()));
    }

    /**
     * SHA-256 in hex. A slow password hash is unnecessary: a key carries 256 random bits, so its digest
     * cannot be brute-forced, and a fast digest keeps authentication off the hot path.
     */
    static String hash(String key) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
