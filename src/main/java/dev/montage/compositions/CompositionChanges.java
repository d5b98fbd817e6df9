package dev.montage.compositions;

import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * What this node knows of changes to each account's compositions, so that what it read of them is answered again only
 * while nothing it was read from has changed ({@link AnsweredCompositions}).
 *
 * <p>Each account has a generation, renewed by every change to one of its compositions: on this node by
 * {@link CompositionRepository}'s writes, after their transaction ends (and at the statement, for writes outside
 * one); on other nodes by PostgreSQL's notification of the change ({@link CompositionChangeListener}). A reader takes
 * a {@link Stamp} <em>before</em> it reads, and what it read is answered again only while the stamp is current: a
 * change that commits after the read began renews the generation, whichever comes first.
 *
 * <p>The epoch covers the times this node could not hear other nodes: while the listener is away nothing is answered
 * from memory ({@link #stamp} answers null), and whatever was read before it left is forgotten when it is back.
 */
@Component
class CompositionChanges {

    /** An account's generation and the node's epoch, as they were when a read began. */
    record Stamp(long epoch, long generation) {
    }

    private final ConcurrentHashMap<UUID, Long> generations = new ConcurrentHashMap<>();
    private final AtomicLong epoch = new AtomicLong();
    private volatile boolean othersHeard;

    /** The account's stamp now, or null when this node might miss another node's changes. */
    Stamp stamp(UUID accountId) {
        if (!othersHeard) {
            return null;
        }
        return new Stamp(epoch.get(), generations.getOrDefault(accountId, 0L));
    }

    /** Whether nothing of the account has changed since {@code stamp} was taken, as far as this node can know. */
    boolean isCurrent(UUID accountId, Stamp stamp) {
        return stamp != null && othersHeard && stamp.epoch() == epoch.get()
                && stamp.generation() == generations.getOrDefault(accountId, 0L);
    }

    /**
     * A composition of the account is being changed by this node: renews its generation now and again when the
     * current transaction ends, since a read between the statement and the commit still sees the old row.
     */
    void changing(UUID accountId) {
        renew(accountId);
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCompletion(int status) {
                    renew(accountId);
                }
            });
        }
    }

    /** Another node changed one of the account's compositions (its transaction has committed). */
    void changedElsewhere(UUID accountId) {
        renew(accountId);
    }

    /**
     * Whether this node hears every other node's changes: true while the listener listens (or when no other node can
     * write, as with H2's file, which one process holds). Either way, what was read before is forgotten.
     */
    void othersHeard(boolean heard) {
        if (heard) {
            epoch.incrementAndGet();
            othersHeard = true;
        } else {
            othersHeard = false;
            epoch.incrementAndGet();
        }
    }

    /** Forgets everything read so far, for a change no notification will tell of (a hand-made one, in tests). */
    void forgetAll() {
        epoch.incrementAndGet();
    }

    private void renew(UUID accountId) {
        generations.merge(accountId, 1L, Long::sum);
    }
}
