package dev.montage.webhooks;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
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
                target.timeoutSecs(), WebhookEvent.Status.PENDING, occurredAt, now, WebhookEvent.Protocol.TELNYX,
                null, null));
        queue.schedule(id, now);
    }

    /**
     * Records a Twilio status callback ({@code StatusCallbackEvent} among {@code parameters}) for delivery by the
     * same queue, in the protocol Twilio uses: the form parameters as they are, sent to {@code target}. Must run
     * inside the transaction of the state change.
     *
     * @param compositionId the composition whose deliveries list it; null when there is none (a hook's failure)
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public void recordStatusCallback(UUID accountId, UUID compositionId, StatusCallbackTarget target,
            Map<String, String> parameters) {
        String eventType = parameters.get("StatusCallbackEvent");
        if (eventType == null) {
            throw new IllegalArgumentException("a status callback needs its StatusCallbackEvent: " + parameters);
        }
        UUID id = ids.generateId();
        Instant now = Timestamps.now(clock);
        events.insert(new WebhookEvent(id, accountId, eventType, compositionId,
                mapper.writeValueAsString(new TreeMap<>(parameters)), target.url(), null, null,
                WebhookEvent.Status.PENDING, now, now, WebhookEvent.Protocol.TWILIO, target.method(),
                target.sealedToken()));
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
