package dev.montage.webhooks;

import java.time.Clock;
import java.time.Instant;
import java.util.UUID;

import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.util.IdGenerator;

import dev.montage.api.Timestamps;
import dev.montage.api.WebhookTarget;
import tools.jackson.databind.json.JsonMapper;

/**
 * Where other features report what happened: {@link #record} stores the event and schedules its delivery in
 * the caller's transaction, so the event exists exactly when the change that caused it was committed. No HTTP
 * happens here; delivery runs later on its own queue.
 */
@Component
public class WebhookEvents {

    private final EventRepository events;
    private final DeliveryQueue queue;
    private final JsonMapper mapper;
    private final Clock clock;
    private final IdGenerator ids;

    WebhookEvents(EventRepository events, DeliveryQueue queue, JsonMapper mapper, Clock clock, IdGenerator ids) {
        this.events = events;
        this.queue = queue;
        this.mapper = mapper;
        this.clock = clock;
        this.ids = ids;
    }

    /**
     * Records {@code payload} as an event of {@code occurredAt} for delivery to {@code target}; does nothing
     * when the target has no {@code webhook_event_url}. Must run inside the transaction of the state change.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public void record(UUID accountId, WebhookTarget target, Instant occurredAt, WebhookPayload payload) {
        if (target.eventUrl() == null) {
            return;
        }
        UUID id = ids.generateId();
        String data = mapper.writeValueAsString(new EventData(payload.eventType(), id, Timestamps.format(occurredAt),
                payload, "event"));
        Instant now = Timestamps.now(clock);
        events.insert(new WebhookEvent(id, accountId, payload.eventType(), compositionId(payload), data,
                target.eventUrl(), target.failoverUrl().isEmpty() ? null : target.failoverUrl(),
                target.timeoutSecs(), WebhookEvent.Status.PENDING, occurredAt, now));
        queue.schedule(id, now);
    }

    /** The envelope's {@code data}: the Telnyx event shape. */
    record EventData(String eventType, UUID id, String occurredAt, WebhookPayload payload, String recordType) {
    }

    /** Composition events are listed under their composition. */
    private static UUID compositionId(WebhookPayload payload) {
        if (payload instanceof WebhookPayload.CompositionCompleted completed) {
            return completed.compositionId();
        }
        if (payload instanceof WebhookPayload.CompositionFailed failed) {
            return failed.compositionId();
        }
        return null;
    }
}
