package dev.montage.twilio;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import dev.montage.compositions.Composition;
import dev.montage.hooks.CompositionHook;
import dev.montage.hooks.HookOutcomeListener;
import dev.montage.webhooks.StatusCallbackTarget;

/**
 * The status callbacks of a hook with a {@code StatusCallback}: its compositions send the same callbacks as one
 * created under /v1 ({@link CompositionCreation}), and a firing that makes none sends {@code composition-hook-failed},
 * all signed with the API key that set the callback.
 */
@Component
class HookStatusCallbacks implements HookOutcomeListener {

    private static final Logger log = LoggerFactory.getLogger(HookStatusCallbacks.class);

    private final StatusCallbacks callbacks;

    HookStatusCallbacks(StatusCallbacks callbacks) {
        this.callbacks = callbacks;
    }

    @Override
    public void made(CompositionHook hook, Composition composition) {
        target(hook).ifPresent(target -> callbacks.enqueued(composition, target));
    }

    @Override
    public void couldNotMake(CompositionHook hook, UUID sessionId, String reason, Instant at) {
        target(hook).ifPresent(target -> callbacks.hookFailed(hook.accountId(), hook.id(), hook.friendlyName(),
                sessionId, target, reason, at));
    }

    private static Optional<StatusCallbackTarget> target(CompositionHook hook) {
        if (hook.statusCallback() == null || hook.statusCallback().isEmpty()) {
            return Optional.empty();
        }
        if (hook.sealedCallbackToken() == null) {
            // a callback saved before hooks kept their key: nothing to sign with, and an unsigned callback is forged
            log.warn("Hook {} has a StatusCallback but no key to sign it; set StatusCallback again to send it",
                    hook.id());
            return Optional.empty();
        }
        return Optional.of(new StatusCallbackTarget(hook.statusCallback(), hook.statusCallbackMethod(),
                hook.sealedCallbackToken()));
    }
}
