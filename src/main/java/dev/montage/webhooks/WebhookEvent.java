package dev.montage.webhooks;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import dev.montage.webhooks.DeliveryAttempt.Target;

/**
 * An event as stored: its {@code data} object exactly as every attempt sends it, and where it goes.
 *
 * @param failoverUrl  null when the resource has none
 * @param timeoutSecs  the resource's {@code webhook_timeout_secs}; null or 0 means the default
 * @param httpMethod   {@code GET} or {@code POST} for a Twilio callback; null for Telnyx (always POST)
 * @param sealedToken  for a Twilio callback, its signing token sealed by {@link CallbackTokens}; else null
 */
record WebhookEvent(UUID id, UUID accountId, String eventType, UUID compositionId, String eventData,
        String eventUrl, String failoverUrl, Integer timeoutSecs, Status status, Instant occurredAt,
        Instant createdAt, Protocol protocol, String httpMethod, String sealedToken) {

    /**
     * How the event goes on the wire. {@code TELNYX}: the JSON envelope, Ed25519-signed. {@code TWILIO}: a status
     * callback, {@code eventData} a JSON object of its form parameters, sent with {@code httpMethod} and signed
     * with the token {@code sealedToken} seals.
     */
    enum Protocol {
        TELNYX, TWILIO;

        String wireName() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }

        static Protocol fromWire(String value) {
            return valueOf(value.toUpperCase(java.util.Locale.ROOT));
        }
    }

    enum Status {
        PENDING, DELIVERED, FAILED;

        String wireName() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }

        static Status fromWire(String value) {
            return valueOf(value.toUpperCase(java.util.Locale.ROOT));
        }
    }

    String url(Target target) {
        return target == Target.PRIMARY ? eventUrl : failoverUrl;
    }

    boolean hasFailover() {
        return failoverUrl != null;
    }

    Optional<Integer> timeout() {
        return Optional.ofNullable(timeoutSecs).filter(secs -> secs > 0);
    }
}
