package dev.montage.hooks;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.event.TransactionPhase;
import org.springframework.transaction.event.TransactionalEventListener;
import org.springframework.transaction.support.TransactionTemplate;

import dev.montage.api.ApiError;
import dev.montage.api.ApiException;
import dev.montage.api.JsonBody;
import dev.montage.api.Timestamps;
import dev.montage.compositions.Composition;
import dev.montage.compositions.CompositionService;
import dev.montage.rooms.RoomSessionEnded;
import tools.jackson.databind.node.ObjectNode;

/**
 * Fires every enabled hook of the account once the end of one of its sessions is committed: one composition per
 * hook, each in a transaction of its own with its firing row, whose primary key (hook, session) refuses a second
 * firing from any node. A hook whose composition cannot be created (its template names something the session does
 * not allow, the account's queue is full) is logged and skipped, its firing recorded as failed; the others still
 * fire. The {@link HookOutcomeListener}s hear of each outcome in the firing's transaction, which records it.
 */
@Component
class HookFiring {

    private static final Logger log = LoggerFactory.getLogger(HookFiring.class);

    private final CompositionHookRepository hooks;
    private final HookFiringRepository firings;
    private final CompositionHookService hookService;
    private final CompositionService compositions;
    private final List<HookOutcomeListener> outcomes;
    private final TransactionTemplate ownTransaction;
    private final TransactionTemplate attempt;
    private final Clock clock;

    HookFiring(CompositionHookRepository hooks, HookFiringRepository firings, CompositionHookService hookService,
            CompositionService compositions, List<HookOutcomeListener> outcomes,
            PlatformTransactionManager transactions, Clock clock) {
        this.hooks = hooks;
        this.outcomes = List.copyOf(outcomes);
        this.firings = firings;
        this.hookService = hookService;
        this.compositions = compositions;
        this.ownTransaction = new TransactionTemplate(transactions);
        // the session's transaction has committed; work in this phase needs a new one (Spring's rule)
        this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        // the create alone, under a savepoint: when it refuses, the firing's transaction goes on to record that
        this.attempt = new TransactionTemplate(transactions);
        this.attempt.setPropagationBehavior(TransactionDefinition.PROPAGATION_NESTED);
        this.clock = clock;
    }

    @TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT)
    void sessionEnded(RoomSessionEnded ended) {
        for (CompositionHook hook : hooks.enabled(ended.account().value())) {
            try {
                fire(hook, ended);
            } catch (RuntimeException e) {
                // a hook that met trouble (the database away, a lock timeout) must not keep the others from firing
                log.error("Hook {} failed for session {}; the account's other hooks fire", hook.id(),
                        ended.sessionId(), e);
            }
        }
    }

    private void fire(CompositionHook hook, RoomSessionEnded ended) {
        try {
            ownTransaction.executeWithoutResult(status -> {
                if (firings.fired(hook.accountId(), hook.id(), ended.sessionId())) {
                    return;
                }
                ObjectNode body = hookService.template(hook);
                body.put("session_id", ended.sessionId().toString());
                Composition composition;
                try {
                    composition = attempt.execute(nested ->
                            compositions.create(ended.account(), new JsonBody(body), hook.id()));
                } catch (ApiException e) {
                    refused(hook, ended, e);
                    return;
                }
                firings.insert(hook.accountId(), hook.id(), ended.sessionId(), composition.id(),
                        Timestamps.now(clock));
                outcomes.forEach(listener -> listener.made(hook, composition));
                log.info("Hook {} made composition {} for session {}", hook.id(), composition.id(),
                        ended.sessionId());
            });
        } catch (DuplicateKeyException e) {
            log.debug("Hook {} had already fired for session {}", hook.id(), ended.sessionId());
        }
    }

    /**
     * The create was refused and undone to its savepoint; in the firing's transaction still, the firing is recorded
     * without a composition (so that no node tries again) and its outcome told, both committing together.
     */
    private void refused(CompositionHook hook, RoomSessionEnded ended, ApiException e) {
        log.warn("Hook {} could not compose session {}: {}", hook.id(), ended.sessionId(), e.errors());
        Instant now = Timestamps.now(clock);
        firings.insert(hook.accountId(), hook.id(), ended.sessionId(), null, now);
        outcomes.forEach(listener -> listener.couldNotMake(hook, ended.sessionId(), reason(e), now));
    }

    /** What the create answered, as one sentence per problem. */
    private static String reason(ApiException e) {
        return e.errors().stream().map(ApiError::detail).collect(Collectors.joining("; "));
    }
}
