package dev.montage.webhooks;

import java.net.http.HttpResponse.BodySubscriber;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;

/**
 * Reads a response body up to a limit and throws it away; at the limit it stops reading and lets go of the
 * connection. A receiver's answer is only its status: its body, however large or endless, must cost a bounded
 * amount of time and memory.
 */
final class BoundedBody implements BodySubscriber<Long> {

    static final long LIMIT_BYTES = 64 * 1024;

    private final CompletableFuture<Long> result = new CompletableFuture<>();
    private Flow.Subscription subscription;
    private long read;

    @Override
    public CompletionStage<Long> getBody() {
        return result;
    }

    @Override
    public void onSubscribe(Flow.Subscription subscription) {
        this.subscription = subscription;
        subscription.request(Long.MAX_VALUE);
    }

    @Override
    public void onNext(List<ByteBuffer> buffers) {
        for (ByteBuffer buffer : buffers) {
            read += buffer.remaining();
        }
        if (read >= LIMIT_BYTES && result.complete(LIMIT_BYTES)) {
            subscription.cancel();
        }
    }

    @Override
    public void onError(Throwable error) {
        result.completeExceptionally(error);
    }

    @Override
    public void onComplete() {
        result.complete(read);
    }
}
