package dev.montage.hooks;

import java.time.Instant;
import java.util.UUID;

/**
 * A composition hook: the template of a composition ({@code compositionBody}, the /v2 create body without its
 * {@code session_id}, as JSON text checked when it was saved) that an enabled hook creates for each session of its
 * account that ends. {@code statusCallback} is the Twilio protocol's callback URL, null when none was given;
 * {@code sealedCallbackToken} the API key that set it, sealed ({@code CallbackTokens}), which signs the callbacks.
 */
public record CompositionHook(UUID id, UUID accountId, String friendlyName, boolean enabled, String compositionBody,
        String statusCallback, String statusCallbackMethod, String sealedCallbackToken, Instant createdAt,
        Instant updatedAt) {

    public static final String DEFAULT_CALLBACK_METHOD = "POST";

    CompositionHook changed(String friendlyName, boolean enabled, String compositionBody, String statusCallback,
            String statusCallbackMethod, String sealedCallbackToken, Instant now) {
        return new CompositionHook(id, accountId, friendlyName, enabled, compositionBody, statusCallback,
                statusCallbackMethod, sealedCallbackToken, createdAt, now);
    }
}
