package dev.montage.twilio;

import java.util.Optional;

import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import dev.montage.api.AccountId;
import dev.montage.api.JsonBody;
import dev.montage.compositions.Composition;
import dev.montage.compositions.CompositionService;
import dev.montage.webhooks.StatusCallbackTarget;

/**
 * Creates a /v1 composition and its status callback target in one transaction, so {@code composition-enqueued}
 * exists exactly when the composition does. (Apart from {@link StatusCallbacks}, which the composition job calls
 * back: the job's collaborators must not depend on the composition service.)
 */
@Component
class CompositionCreation {

    private final CompositionService compositions;
    private final StatusCallbacks callbacks;

    CompositionCreation(CompositionService compositions, StatusCallbacks callbacks) {
        this.compositions = compositions;
        this.callbacks = callbacks;
    }

    @Transactional
    Composition create(AccountId account, JsonBody body, Optional<StatusCallbackTarget> target) {
        Composition created = compositions.create(account, body);
        target.ifPresent(t -> callbacks.enqueued(created, t));
        return created;
    }
}
