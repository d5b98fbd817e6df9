package dev.montage.webhooks;

import java.net.URI;
import java.net.URLEncoder;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.util.IdGenerator;

import dev.montage.api.Timestamps;
import dev.montage.webhooks.DeliveryAttempt.Outcome;
import dev.montage.webhooks.DeliveryAttempt.Target;
import dev.montage.webhooks.WebhookEvent.Status;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import tools.jackson.databind.json.JsonMapper;

/**
 * Makes one attempt at delivering an event and says when the next is due. Everything it decides from is in
 * the database (the event and its attempts so far), so the attempt after a restart, or on another node, is
 * the one that was due; an attempt is recorded in the same transaction that ends the event.
 */
@Component
class WebhookDelivery {

    private static final Logger log = LoggerFactory.getLogger(WebhookDelivery.class);

    private final EventRepository events;
    private final AttemptRepository attempts;
    private final WebhookSigner signer;
    private final WebhookSettings settings;
    private final TransactionTemplate transaction;
    private final JsonMapper mapper;
    private final Clock clock;
    private final IdGenerator ids;
    private final WebhookSender sender = new WebhookSender();
    private final TargetGuard guard;
    private final RetryPolicy retry;
    private final MeterRegistry meters;
    private final CallbackTokens tokens;

    WebhookDelivery(EventRepository events, AttemptRepository attempts, WebhookSigner signer,
            WebhookSettings settings, TransactionTemplate transaction, JsonMapper mapper, Clock clock,
            IdGenerator ids, MeterRegistry meters, CallbackTokens tokens) {
        this.tokens = tokens;
        this.events = events;
        this.attempts = attempts;
        this.signer = signer;
        this.settings = settings;
        this.transaction = transaction;
        this.mapper = mapper;
        this.clock = clock;
        this.ids = ids;
        this.guard = new TargetGuard(settings.allowPrivateTargets());
        this.retry = new RetryPolicy(settings.baseDelay(), () -> ThreadLocalRandom.current().nextDouble());
        this.meters = meters;
    }

    /** Makes the event's next attempt; answers when the one after it is due, or empty when delivery is over. */
    Optional<Instant> deliverNext(UUID eventId) throws InterruptedException {
        Optional<WebhookEvent> pending = events.find(eventId).filter(e -> e.status() == Status.PENDING);
        if (pending.isEmpty()) {
            return Optional.empty(); // over, or its row is gone: nothing to send
        }
        WebhookEvent event = pending.get();
        DeliveryPlan plan = new DeliveryPlan(settings.attempts(), event.hasFailover());
        List<DeliveryAttempt> made = new ArrayList<>(attempts.ofEvent(eventId));
        Optional<DeliveryPlan.Next> next = plan.next(made);
        Optional<DeliveryAttempt> attempt = next.isPresent() ? Optional.of(attempt(event, next.get())) : Optional.empty();
        attempt.ifPresent(made::add);
        Optional<DeliveryPlan.Next> following = plan.next(made);
        transaction.executeWithoutResult(status -> {
            attempt.ifPresent(attempts::insert);
            if (following.isEmpty()) {
                events.finish(eventId, DeliveryPlan.delivered(made) ? Status.DELIVERED : Status.FAILED,
                        Timestamps.now(clock));
            }
        });
        attempt.ifPresent(this::count);
        return following.map(due -> clock.instant().plus(waitBefore(due, attempt)));
    }

    /**
     * {@code montage.webhook.attempts} (counter, tags {@code outcome}: delivered, failed, refused; {@code target}:
     * primary, failover): counted once the attempt is recorded, as {@code GET .../webhook_deliveries} lists it.
     */
    private void count(DeliveryAttempt attempt) {
        Counter.builder("montage.webhook.attempts")
                .description("Webhook delivery attempts made by this node")
                .tag("outcome", attempt.outcome().wireName())
                .tag("target", attempt.target().wireName())
                .register(meters)
                .increment();
    }

    /** Retries at one URL back off; the first attempt at the failover URL goes at once. */
    private Duration waitBefore(DeliveryPlan.Next next, Optional<DeliveryAttempt> previous) {
        boolean sameUrl = previous.map(p -> p.target() == next.target()).orElse(false);
        return sameUrl ? retry.delayBefore(next.attempt()) : Duration.ZERO;
    }

    private DeliveryAttempt attempt(WebhookEvent event, DeliveryPlan.Next next) throws InterruptedException {
        String url = event.url(next.target());
        Instant at = Timestamps.now(clock);
        Sent sent = send(event, next, url);
        if (sent.outcome() != Outcome.DELIVERED) {
            log.info("Webhook {} ({}) attempt {} to {} {}: {}", event.id(), event.eventType(), next.attempt(), url,
                    sent.outcome().wireName(), sent.error());
        }
        return new DeliveryAttempt(ids.generateId(), event.id(), event.accountId(), event.compositionId(),
                event.eventType(), next.target(), url, next.attempt(), sent.outcome(), sent.statusCode(),
                sent.error(), at);
    }

    private record Sent(Outcome outcome, Integer statusCode, String error) {
    }

    private Sent send(WebhookEvent event, DeliveryPlan.Next next, String url) throws InterruptedException {
        URI uri;
        try {
            uri = URI.create(url);
            Optional<String> refusal = guard.refusal(uri);
            if (refusal.isPresent()) {
                return new Sent(Outcome.REFUSED, null, refusal.get());
            }
        } catch (IllegalArgumentException e) {
            return new Sent(Outcome.REFUSED, null, "refused: not a valid URL: " + e.getMessage());
        } catch (UnknownHostException e) {
            return new Sent(Outcome.FAILED, null, "could not resolve " + e.getMessage());
        }
        Duration timeout = event.timeout().map(Duration::ofSeconds).orElse(settings.defaultTimeout());
        if (event.protocol() == WebhookEvent.Protocol.TWILIO) {
            return outcome(sendStatusCallback(event, uri, timeout));
        }
        byte[] body = body(event.eventData(), next.attempt(), url);
        long timestamp = clock.instant().getEpochSecond();
        Map<String, String> headers = Map.of(
                "telnyx-timestamp", Long.toString(timestamp),
                "telnyx-signature-ed25519", signer.signature(timestamp, body));
        return outcome(sender.post(uri, body, headers, timeout));
    }

    private static Sent outcome(WebhookSender.Result result) {
        return new Sent(result.succeeded() ? Outcome.DELIVERED : Outcome.FAILED, result.statusCode(), result.error());
    }

    /**
     * A Twilio status callback: its stored parameters form-encoded in the body of a POST, or appended to the URL's
     * query for a GET; signed as Twilio signs, with the token it was recorded with. Every attempt sends the same
     * parameters; {@code I-Twilio-Idempotency-Token} (the event id) lets a receiver drop a repeat.
     */
    private WebhookSender.Result sendStatusCallback(WebhookEvent event, URI uri, Duration timeout)
            throws InterruptedException {
        TreeMap<String, String> parameters = new TreeMap<>(mapper.readValue(event.eventData(), FORM_PARAMETERS));
        String form = formEncoded(parameters);
        String token = tokens.open(event.sealedToken());
        if (event.httpMethod().equals("GET")) {
            String url = uri.toString() + (uri.getRawQuery() == null ? "?" : "&") + form;
            return sender.get(URI.create(url), Map.of(
                    "X-Twilio-Signature", TwilioSignature.of(token, url, new TreeMap<>()),
                    "I-Twilio-Idempotency-Token", event.id().toString()), timeout);
        }
        return sender.postForm(uri, form.getBytes(StandardCharsets.UTF_8), Map.of(
                "X-Twilio-Signature", TwilioSignature.of(token, uri.toString(), parameters),
                "I-Twilio-Idempotency-Token", event.id().toString()), timeout);
    }

    private static final tools.jackson.core.type.TypeReference<Map<String, String>> FORM_PARAMETERS =
            new tools.jackson.core.type.TypeReference<>() {
            };

    private static String formEncoded(Map<String, String> parameters) {
        StringBuilder form = new StringBuilder();
        parameters.forEach((name, value) -> form.append(form.isEmpty() ? "" : "&")
                .append(URLEncoder.encode(name, StandardCharsets.UTF_8)).append('=')
                .append(URLEncoder.encode(value, StandardCharsets.UTF_8)));
        return form.toString();
    }

    /**
     * The exact bytes sent, and signed: the stored {@code data} object as it is, and the {@code meta} of this
     * attempt. Only {@code meta} differs between attempts, so a receiver sees the same event every time.
     */
    byte[] body(String eventData, int attempt, String url) {
        String meta = mapper.writeValueAsString(new Meta(attempt, url));
        return ("{\"data\":" + eventData + ",\"meta\":" + meta + "}").getBytes(StandardCharsets.UTF_8);
    }

    /** The Telnyx CallbackWebhookMeta. */
    record Meta(int attempt, String deliveredTo) {
    }
}
