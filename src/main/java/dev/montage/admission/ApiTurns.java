package dev.montage.admission;

import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.servlet.ServletRequest;

/**
 * The turns of the API's requests on this node. A request runs when it has a turn; the others wait in order of
 * arrival, at most {@code maxQueued} of them, each at most {@code maxWait}.
 *
 * <p>Why: on a small machine, 64 clients at once would otherwise run as 64 threads preempting each other and
 * queueing for the database pool out of order: every answer slower, and the slowest very slow. A few requests at a
 * time, first come first served, finish sooner each, and the wait of the others is as long as it has to be.
 */
public final class ApiTurns {

    static final String ATTRIBUTE = ApiTurns.class.getName() + ".turn";

    private final Semaphore turns;
    private final AtomicInteger waiting = new AtomicInteger();
    private final int size;
    private final int maxQueued;
    private final Duration maxWait;

    ApiTurns(int size, int maxQueued, Duration maxWait) {
        this.turns = new Semaphore(size, true); // fair: first come, first served
        this.size = size;
        this.maxQueued = maxQueued;
        this.maxWait = maxWait;
    }

    /**
     * Gives back the turn of {@code request}, if it holds one, while it waits for something that needs no turn (an
     * idempotent repeat waiting for its twin's answer): the twin, or anyone else, may need the turn to finish.
     */
    public static void stepAside(ServletRequest request) {
        if (request.getAttribute(ATTRIBUTE) instanceof Turn turn) {
            turn.close();
        }
    }

    /** A turn, or null when too many wait already or none came free within the wait. */
    Turn take() {
        try {
            // timed even at zero: the untimed tryAcquire would jump the queue of a fair semaphore
            if (turns.tryAcquire(0, TimeUnit.NANOSECONDS)) {
                return new Turn();
            }
            if (waiting.incrementAndGet() > maxQueued) {
                waiting.decrementAndGet();
                return null;
            }
            try {
                return turns.tryAcquire(maxWait.toNanos(), TimeUnit.NANOSECONDS) ? new Turn() : null;
            } finally {
                waiting.decrementAndGet();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    int size() {
        return size;
    }

    int running() {
        return size - turns.availablePermits();
    }

    int waiting() {
        return waiting.get();
    }

    /** A turn taken; closing gives it back, once. */
    final class Turn implements AutoCloseable {
        private final AtomicBoolean held = new AtomicBoolean(true);

        @Override
        public void close() {
            if (held.compareAndSet(true, false)) {
                turns.release();
            }
        }
    }
}
