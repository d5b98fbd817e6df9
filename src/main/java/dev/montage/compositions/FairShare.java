package dev.montage.compositions;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import dev.montage.api.AccountId;
import dev.montage.api.ApiError;
import dev.montage.api.ApiException;
import dev.montage.api.ErrorCode;

/**
 * Shares the render queue between accounts (docs/compositions.md, "Fair share of the queue"):
 * <ul>
 *   <li>an account has at most {@code max-queued-per-account} compositions enqueued or processing;</li>
 *   <li>a composition's place in the queue is its rank in its account's backlog when it was requested: the first of
 *       every account comes before the second of any, so one account's hundred delay another's one by at most the
 *       render under way;</li>
 *   <li>an account renders at most {@code max-rendering-per-account} compositions at once, over all nodes.</li>
 * </ul>
 * Admissions and rendering slots of one account are counted with the account's row locked, so two nodes cannot
 * both take the last one.
 */
@Component
@EnableConfigurationProperties(FairShareSettings.class)
class FairShare {

    /**
     * The queue priority of an account's first composition; each one it already has in the queue lowers the next
     * by one (db-scheduler runs the highest priority first, then the earliest). The column is a smallint.
     */
    static final int FIRST_PRIORITY = 10_000;

    private final CompositionRepository compositions;
    private final FairShareSettings settings;
    private final TransactionTemplate transaction;

    private final List<CompositionStatusListener> listeners;

    FairShare(CompositionRepository compositions, FairShareSettings settings, TransactionTemplate transaction,
            List<CompositionStatusListener> listeners) {
        this.listeners = List.copyOf(listeners);
        this.compositions = compositions;
        this.settings = settings;
        this.transaction = transaction;
    }

    /**
     * In the transaction that creates a composition of {@code account}: answers its queue priority, or 422 when the
     * account already has as many queued as it may. The account stays locked until that transaction ends.
     */
    int admit(AccountId account) {
        compositions.lockAccount(account.value());
        int queued = compositions.countQueued(account.value());
        if (queued >= settings.maxQueuedPerAccount()) {
            throw ApiException.unprocessable(ApiError.of(ErrorCode.BAD_REQUEST,
                    "this account has " + queued + " compositions enqueued or processing, and may have at most "
                            + settings.maxQueuedPerAccount() + "; request this one again when some have finished"));
        }
        return priority(queued);
    }

    /** The priority of a composition requested when its account had {@code queuedAhead} in the queue. */
    static int priority(int queuedAhead) {
        return Math.max(0, FIRST_PRIORITY - queuedAhead);
    }

    /** What a job found when it asked to render. */
    enum Slot {
        /** the composition is processing now: render it */
        TAKEN,
        /** the account renders as many as it may: leave the composition enqueued and look again later */
        ACCOUNT_BUSY,
        /** completed, failed or deleted before this run: nothing to do */
        GONE
    }

    /**
     * Marks the composition processing if its account has a rendering slot free. One already processing (its node
     * died, or the database went away mid-render) holds its slot and takes it again.
     */
    Slot takeRenderingSlot(UUID accountId, UUID id, Instant now) {
        return transaction.execute(status -> {
            compositions.lockAccount(accountId);
            Optional<Composition> found = compositions.find(id);
            CompositionStatus current = found.map(Composition::status).orElse(null);
            if (current != CompositionStatus.ENQUEUED && current != CompositionStatus.PROCESSING) {
                return Slot.GONE;
            }
            if (current == CompositionStatus.ENQUEUED
                    && compositions.countProcessingBesides(accountId, id) >= settings.maxRenderingPerAccount()) {
                return Slot.ACCOUNT_BUSY;
            }
            if (!compositions.markProcessing(accountId, id, now)) {
                return Slot.GONE;
            }
            if (current == CompositionStatus.ENQUEUED) {
                listeners.forEach(listener -> listener.started(found.get(), now));
            }
            return Slot.TAKEN;
        });
    }

    /** How long a job that found its account busy waits before it looks again. */
    Duration busyAccountRetry() {
        return settings.busyAccountRetry();
    }
}
