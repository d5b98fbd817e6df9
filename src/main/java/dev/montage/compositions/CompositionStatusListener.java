package dev.montage.compositions;

import java.time.Instant;

/**
 * Told of a composition's status changes inside the transaction that makes each one, so what a listener records
 * (an event to deliver) exists exactly when the change does. Listeners must not call out: they record. The
 * Twilio status callbacks listen here, so this package never depends on the protocol they speak.
 */
public interface CompositionStatusListener {

    /** Enqueued became processing (not a run taken again after a node died). */
    default void started(Composition composition, Instant at) {
    }

    /**
     * Progress written, from {@code previousPercent} to {@code percent}; {@code secondsRemaining} estimated from
     * the rate so far.
     */
    default void progressed(Composition composition, int previousPercent, int percent, int secondsRemaining,
            Instant at) {
    }

    /** Completed: its file stored, {@code durationSecs} long and {@code sizeBytes} big. */
    default void completed(Composition composition, int durationSecs, long sizeBytes, Instant at) {
    }

    /** Failed for {@code reason} (the one the composition shows). */
    default void failed(Composition composition, String reason, Instant at) {
    }
}
