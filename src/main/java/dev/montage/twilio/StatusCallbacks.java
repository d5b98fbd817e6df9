package dev.montage.twilio;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import dev.montage.api.AccountId;
import dev.montage.api.Timestamps;
import dev.montage.compositions.Composition;
import dev.montage.compositions.CompositionStatusListener;
import dev.montage.webhooks.StatusCallbackTarget;
import dev.montage.webhooks.WebhookEvents;

/**
 * Twilio's composition status callbacks (docs/twilio.md, "Status callbacks"): each is recorded in the transaction of
 * the status change it reports and delivered by the webhooks' durable queue, form-encoded and signed with
 * {@code X-Twilio-Signature}. Only compositions created under /v1 with a {@code StatusCallback} have any.
 */
@Component
public class StatusCallbacks implements CompositionStatusListener {

    /** {@code composition-progress} is sent each time the progress passes a multiple of this. */
    static final int PROGRESS_STEP_PERCENT = 10;
    /** Twilio documents no code per cause of a failed composition; its general server error stands for all. */
    static final int FAILED_ERROR_CODE = 20500;

    private final StatusCallbackRepository targets;
    private final WebhookEvents events;

    StatusCallbacks(StatusCallbackRepository targets, WebhookEvents events) {
        this.targets = targets;
        this.events = events;
    }

    /** Keeps the target of a composition just created and records {@code composition-enqueued}, in its transaction. */
    @Transactional(propagation = Propagation.MANDATORY)
    void enqueued(Composition created, StatusCallbackTarget target) {
        targets.insert(created.accountId(), created.id(), target);
        events.recordStatusCallback(created.accountId(), created.id(), target,
                parameters(created, "composition-enqueued", created.createdAt()));
    }

    /** Where the composition's callbacks go, if it has any. */
    Optional<StatusCallbackTarget> of(AccountId account, UUID compositionId) {
        return targets.find(account.value(), compositionId);
    }

    @Override
    public void started(Composition composition, Instant at) {
        send(composition, "composition-started", at, Map.of());
    }

    @Override
    public void progressed(Composition composition, int previousPercent, int percent, int secondsRemaining,
            Instant at) {
        if (percent / PROGRESS_STEP_PERCENT <= previousPercent / PROGRESS_STEP_PERCENT) {
            return; // not a new step: a callback each second would flood the receiver
        }
        send(composition, "composition-progress", at, Map.of("PercentageDone", Integer.toString(percent),
                "SecondsRemaining", Integer.toString(secondsRemaining)));
    }

    @Override
    public void completed(Composition composition, int durationSecs, long sizeBytes, Instant at) {
        send(composition, "composition-available", at, Map.of(
                "MediaUri", "/v1/Compositions/" + TwilioSid.COMPOSITION.of(composition.id()) + "/Media",
                "Duration", Integer.toString(durationSecs), "Size", Long.toString(sizeBytes)));
    }

    @Override
    public void failed(Composition composition, String reason, Instant at) {
        send(composition, "composition-failed", at, Map.of("FailedOperation", "composition",
                "ErrorCode", Integer.toString(FAILED_ERROR_CODE), "ErrorMessage", reason));
    }

    /**
     * Records {@code composition-hook-failed}: the hook {@code hookId} could not create a composition for the room
     * session {@code sessionId}, for {@code reason}. For the hooks, which call it in the transaction where they
     * give up, with their own {@code StatusCallback} target.
     */
    public void hookFailed(UUID accountId, UUID hookId, String hookFriendlyName, UUID sessionId,
            StatusCallbackTarget target, String reason, Instant at) {
        Map<String, String> parameters = new LinkedHashMap<>();
        parameters.put("AccountSid", TwilioSid.ACCOUNT.of(accountId));
        parameters.put("StatusCallbackEvent", "composition-hook-failed");
        parameters.put("Timestamp", Timestamps.format(at));
        parameters.put("CompositionHookSid", TwilioSid.HOOK.of(hookId));
        parameters.put("CompositionHookUri", "/v1/CompositionHooks/" + TwilioSid.HOOK.of(hookId));
        if (hookFriendlyName != null) {
            parameters.put("HookFriendlyName", hookFriendlyName);
        }
        parameters.put("RoomSid", TwilioSid.ROOM.of(sessionId));
        parameters.put("FailedOperation", "composition-hook");
        parameters.put("ErrorCode", Integer.toString(FAILED_ERROR_CODE));
        parameters.put("ErrorMessage", reason);
        events.recordStatusCallback(accountId, null, target, parameters);
    }

    private void send(Composition composition, String event, Instant at, Map<String, String> extra) {
        targets.find(composition.accountId(), composition.id()).ifPresent(target -> {
            Map<String, String> parameters = parameters(composition, event, at);
            parameters.putAll(extra);
            events.recordStatusCallback(composition.accountId(), composition.id(), target, parameters);
        });
    }

    private static Map<String, String> parameters(Composition composition, String event, Instant at) {
        String sid = TwilioSid.COMPOSITION.of(composition.id());
        Map<String, String> parameters = new LinkedHashMap<>();
        parameters.put("AccountSid", TwilioSid.ACCOUNT.of(composition.accountId()));
        parameters.put("StatusCallbackEvent", event);
        parameters.put("Timestamp", Timestamps.format(at));
        parameters.put("CompositionSid", sid);
        parameters.put("CompositionUri", "/v1/Compositions/" + sid);
        parameters.put("RoomSid", TwilioSid.ROOM.of(composition.sessionId()));
        return parameters;
    }
}
