package dev.montage.webhooks;

import java.util.UUID;

import dev.montage.api.Timestamps;

/**
 * One delivery attempt as a client lists it (extension). {@code outcome} is {@code delivered} (2xx),
 * {@code failed} (another answer, a timeout or a connection problem: {@code error} says which) or
 * {@code refused} (not sent: the host is not allowed).
 */
public record WebhookDeliveryView(UUID id, String recordType, UUID eventId, String eventType, String target,
        String url, int attempt, String outcome, Integer statusCode, String error, String attemptedAt) {

    static WebhookDeliveryView of(DeliveryAttempt a) {
        return new WebhookDeliveryView(a.id(), "webhook_delivery", a.eventId(), a.eventType(), a.target().wireName(),
                a.url(), a.attempt(), a.outcome().wireName(), a.statusCode(), a.error(),
                Timestamps.format(a.attemptedAt()));
    }
}
