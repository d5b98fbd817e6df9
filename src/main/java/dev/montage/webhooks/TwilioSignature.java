package dev.montage.webhooks;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.SortedMap;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Twilio's {@code X-Twilio-Signature}: base64 of HMAC-SHA1, keyed with the auth token, over the full URL followed
 * by each POST parameter's name and value in the names' order (none for a GET, whose parameters are in the URL) —
 * what the helper libraries' {@code validateRequest} recomputes.
 */
final class TwilioSignature {

    private TwilioSignature() {
    }

    static String of(String token, String url, SortedMap<String, String> postParameters) {
        StringBuilder data = new StringBuilder(url);
        postParameters.forEach((name, value) -> data.append(name).append(value));
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(token.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
            return Base64.getEncoder().encodeToString(mac.doFinal(data.toString().getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA1 is part of every JDK", e);
        }
    }
}
