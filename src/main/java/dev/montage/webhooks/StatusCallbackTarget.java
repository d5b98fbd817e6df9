package dev.montage.webhooks;

import java.util.Objects;

/**
 * Where a Twilio status callback goes: its URL, {@code GET} or {@code POST}, and the token that signs it, sealed
 * by {@link CallbackTokens#seal}.
 */
public record StatusCallbackTarget(String url, String method, String sealedToken) {

    public StatusCallbackTarget {
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(sealedToken, "sealedToken");
        if (!method.equals("GET") && !method.equals("POST")) {
            throw new IllegalArgumentException("method must be GET or POST, not " + method);
        }
    }
}
