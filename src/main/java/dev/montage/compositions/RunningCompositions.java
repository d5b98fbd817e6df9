package dev.montage.compositions;

import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.stereotype.Component;

/**
 * The compositions this node is rendering, by id, with the thread doing it. A DELETE on this node interrupts
 * that thread, which kills its ffmpeg at once; a job on another node notices the deletion at its next
 * progress update instead.
 */
@Component
class RunningCompositions {

    private final Map<UUID, Thread> running = new ConcurrentHashMap<>();

    void started(UUID id) {
        running.put(id, Thread.currentThread());
    }

    void finished(UUID id) {
        running.remove(id, Thread.currentThread());
    }

    void cancel(UUID id) {
        Thread thread = running.get(id);
        if (thread != null) {
            thread.interrupt();
        }
    }
}
