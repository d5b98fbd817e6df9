package dev.montage.webhooks;

import java.time.Instant;
import java.util.UUID;

/**
 * One attempt to deliver an event: to which URL, the how-many-th there, and what came of it. A refused attempt
 * sent nothing (the URL's host is not allowed); {@code statusCode} is the receiver's answer when there was one.
 */
record DeliveryAttempt(UUID id, UUID eventId, UUID accountId, UUID compositionId, String eventType, Target target,
        String url, int attempt, Outcome outcome, Integer statusCode, String error, Instant attemptedAt) {

    /** Which of the resource's two URLs. */
    enum Target {
        PRIMARY, FAILOVER;

        String wireName() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }

        static Target fromWire(String value) {
            return valueOf(value.toUpperCase(java.util.Locale.ROOT));
        }
    }

    enum Outcome {
        /** The receiver answered 2xx. */
        DELIVERED,
        /** An answer other than 2xx, a timeout or a connection problem: worth trying again. */
        FAILED,
        /** Never sent: the URL's host is not allowed. Trying again would only be refused again. */
        REFUSED;

        String wireName() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }

        static Outcome fromWire(String value) {
            return valueOf(value.toUpperCase(java.util.Locale.ROOT));
        }
    }
}
