package dev.montage.media;

/**
 * Hears how far a render has come, and may stop it.
 *
 * <p>Called on the thread that called {@link CompositionRenderer#render}, with percentages that only
 * grow, the first one as soon as ffmpeg reports, and {@code 100} once when the file is complete.
 * Returning {@code false} (or throwing) cancels the render: ffmpeg is stopped and the render ends
 * with a {@link RenderCancelledException}.
 *
 * <pre>{@code
 * ProgressListener listener = percent -> {
 *     repository.saveProgress(compositionId, percent);
 *     return !repository.isDeleted(compositionId);
 * };
 * }</pre>
 */
@FunctionalInterface
public interface ProgressListener {

    /** Answers whether the render should go on. */
    boolean onProgress(int percent);
}
