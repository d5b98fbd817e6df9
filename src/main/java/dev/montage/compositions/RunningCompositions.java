package dev.montage.compositions;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

/**
 * The compositions this node is rendering, by id, with the thread doing it. A DELETE on this node marks the run
 * cancelled and then interrupts that thread, which kills its ffmpeg at once; a job on another node notices the
 * deletion at its next progress update instead.
 *
 * <p>Cancellation is recorded, never inferred from the interrupt: a node that is shutting down interrupts its
 * job threads too, and such a job must give its composition back to the queue, not drop it.
 *
 * <p>The job tells it, too, when a run ends the composition ({@link #ended}): it knows when the run began, and
 * publishes a {@link CompositionEnded} so the job need not know who counts.
 */
@Component
class RunningCompositions {

    private final Map<UUID, Run> running = new ConcurrentHashMap<>();
    /** The parts of segmented compositions this node renders ({@link PartJob}): several of one composition at once. */
    private final Map<PartKey, Run> parts = new ConcurrentHashMap<>();
    private final ApplicationEventPublisher events;

    RunningCompositions(ApplicationEventPublisher events) {
        this.events = events;
    }

    /** One render on this node; {@link #cancelled()} says whether a DELETE stopped it. */
    static final class Run {
        private final Thread thread = Thread.currentThread();
        private final long startedNanos;
        private volatile boolean cancelled;

        private Run(Duration alreadyRunning) {
            startedNanos = System.nanoTime() - alreadyRunning.toNanos();
        }

        boolean cancelled() {
            return cancelled;
        }

        private void cancel() {
            cancelled = true; // before the interrupt, so whoever sees the interrupt also sees why
            thread.interrupt();
        }
    }

    /**
     * Registers the calling thread as rendering {@code id}; empty when another thread of this node already is
     * (its job was taken for dead while it ran: heartbeats lost with the database, and revived here).
     */
    Optional<Run> start(UUID id) {
        return start(id, Duration.ZERO);
    }

    /**
     * As {@link #start(UUID)}, for a run that continues work begun {@code alreadyRunning} ago (the join of a composition
     * rendered in parts): the wall time it reports counts from then.
     */
    Optional<Run> start(UUID id, Duration alreadyRunning) {
        Run run = new Run(alreadyRunning);
        return running.putIfAbsent(id, run) == null ? Optional.of(run) : Optional.empty();
    }

    void finished(UUID id, Run run) {
        running.remove(id, run);
    }

    /** Registers the calling thread as rendering part {@code part} of {@code id}; empty when another thread is. */
    Optional<Run> startPart(UUID id, String part) {
        Run run = new Run(Duration.ZERO);
        return parts.putIfAbsent(new PartKey(id, part), run) == null ? Optional.of(run) : Optional.empty();
    }

    void finishedPart(UUID id, String part, Run run) {
        parts.remove(new PartKey(id, part), run);
    }

    /**
     * Stops the render of {@code id}, and of its parts, that this node runs: for a DELETE, and only for one (a part
     * that failed stops the others through their progress updates).
     */
    void cancel(UUID id) {
        Run run = running.get(id);
        if (run != null) {
            run.cancel();
        }
        parts.forEach((key, partRun) -> {
            if (key.compositionId().equals(id)) {
                partRun.cancel();
            }
        });
    }

    private record PartKey(UUID compositionId, String part) {
    }

    /**
     * The run of {@code id} on this node gave the composition its final {@code status} (its row says so,
     * committed): publishes a {@link CompositionEnded} with the run's wall time. Nothing when no run of it is
     * registered here.
     */
    void ended(UUID id, CompositionStatus status, Optional<Duration> mediaDuration) {
        Run run = running.get(id);
        if (run != null) {
            events.publishEvent(new CompositionEnded(status, Duration.ofNanos(System.nanoTime() - run.startedNanos),
                    mediaDuration));
        }
    }
}
