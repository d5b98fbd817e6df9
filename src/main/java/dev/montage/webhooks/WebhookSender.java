package dev.montage.webhooks;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Sends one webhook body (or one Twilio status callback). The whole exchange — connecting, sending, the answer's head and at most
 * {@link BoundedBody#LIMIT_BYTES} of its body — must fit in the timeout. Redirects are answers, not
 * instructions: a 3xx is returned as it is, never followed.
 */
final class WebhookSender {

    /** What the receiver answered, or why there was no answer. */
    record Result(Integer statusCode, String error) {
        boolean succeeded() {
            return statusCode != null && statusCode >= 200 && statusCode < 300;
        }
    }

    /** One client per timeout: the connect timeout belongs to the client, and there are at most 31 values. */
    private final Map<Duration, HttpClient> clients = new ConcurrentHashMap<>();

    Result post(URI url, byte[] body, Map<String, String> headers, Duration timeout) throws InterruptedException {
        return send(HttpRequest.newBuilder(url)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)), headers, timeout);
    }

    /** A Twilio status callback sent with {@code GET}: its parameters are in {@code url}'s query. */
    Result get(URI url, Map<String, String> headers, Duration timeout) throws InterruptedException {
        return send(HttpRequest.newBuilder(url).GET(), headers, timeout);
    }

    /** A Twilio status callback sent with {@code POST}: its parameters form-encoded in the body. */
    Result postForm(URI url, byte[] form, Map<String, String> headers, Duration timeout) throws InterruptedException {
        return send(HttpRequest.newBuilder(url)
                .header("Content-Type", "application/x-www-form-urlencoded; charset=utf-8")
                .POST(HttpRequest.BodyPublishers.ofByteArray(form)), headers, timeout);
    }

    private Result send(HttpRequest.Builder request, Map<String, String> headers, Duration timeout)
            throws InterruptedException {
        request.timeout(timeout).header("User-Agent", "Montage-Webhooks");
        headers.forEach(request::header);
        CompletableFuture<HttpResponse<Long>> exchange = client(timeout)
                .sendAsync(request.build(), info -> new BoundedBody());
        try {
            int status = exchange.get(timeout.toMillis(), TimeUnit.MILLISECONDS).statusCode();
            return new Result(status, describe(status));
        } catch (TimeoutException e) {
            exchange.cancel(true);
            return new Result(null, noAnswer(timeout));
        } catch (ExecutionException e) {
            return new Result(null, describe(e.getCause(), timeout));
        } catch (InterruptedException e) {
            exchange.cancel(true);
            throw e;
        }
    }

    private HttpClient client(Duration timeout) {
        return clients.computeIfAbsent(timeout, t -> HttpClient.newBuilder()
                .connectTimeout(t)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build());
    }

    private static String describe(int status) {
        if (status >= 200 && status < 300) {
            return null;
        }
        return status >= 300 && status < 400 ? "HTTP " + status + ": redirects are not followed" : "HTTP " + status;
    }

    private static String describe(Throwable cause, Duration timeout) {
        if (cause instanceof HttpTimeoutException) {
            return noAnswer(timeout);
        }
        if (cause instanceof ConnectException) {
            return "could not connect" + (cause.getMessage() == null ? "" : ": " + cause.getMessage());
        }
        if (cause instanceof IOException) {
            return "connection failed: " + (cause.getMessage() == null ? cause.getClass().getSimpleName()
                    : cause.getMessage());
        }
        return "request failed: " + cause;
    }

    private static String noAnswer(Duration timeout) {
        return "no answer within " + timeout.toMillis() / 1000.0 + " s";
    }
}
