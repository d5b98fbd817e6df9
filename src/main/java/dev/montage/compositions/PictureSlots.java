package dev.montage.compositions;

import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

import dev.montage.api.ApiError;
import dev.montage.api.ApiException;
import dev.montage.api.ErrorCode;

/**
 * Bounds the ffmpeg processes that make pictures on this node ({@link ThumbnailSettings#maxConcurrent()}): a burst
 * of first requests (a console opening a long list) queues here for a while instead of starting a process each.
 * A request that waits longer than {@link ThumbnailSettings#slotWait()} is answered 503 with {@code Retry-After}.
 */
@Component
@EnableConfigurationProperties(ThumbnailSettings.class)
class PictureSlots {

    static final int RETRY_AFTER_SECONDS = 2;

    private final Semaphore slots;
    private final ThumbnailSettings settings;

    PictureSlots(ThumbnailSettings settings) {
        this.settings = settings;
        this.slots = new Semaphore(settings.maxConcurrent(), true);
    }

    /** A slot, held until the answer is closed; waits at most the configured time. */
    Slot take() {
        boolean taken;
        try {
            taken = slots.tryAcquire(settings.slotWait().toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            taken = false;
        }
        if (!taken) {
            throw new Busy("This node is making " + settings.maxConcurrent() + " pictures already; try again in "
                    + RETRY_AFTER_SECONDS + " s");
        }
        return slots::release;
    }

    /** No slot came free in time: 503 with code 10011 and {@code Retry-After}. */
    static final class Busy extends ApiException {
        Busy(String detail) {
            super(HttpStatus.SERVICE_UNAVAILABLE, List.of(ApiError.of(ErrorCode.TOO_MANY_REQUESTS, detail)));
        }
    }

    /** A slot taken; closing gives it back. */
    interface Slot extends AutoCloseable {
        @Override
        void close();
    }
}
