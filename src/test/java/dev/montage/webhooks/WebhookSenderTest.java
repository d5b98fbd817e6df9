package dev.montage.webhooks;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.montage.support.WebhookReceiver;

/** Which answers count as delivered: 2xx only. Everything else is a failure with a reason. */
class WebhookSenderTest {

    private final WebhookSender sender = new WebhookSender();

    @ParameterizedTest
    @ValueSource(ints = {200, 201, 202, 204, 299})
    void twoHundredsAreDelivered(int status) throws Exception {
        WebhookSender.Result result = post(WebhookReceiver.status(status));
        assertThat(result.succeeded()).isTrue();
        assertThat(result.statusCode()).isEqualTo(status);
        assertThat(result.error()).isNull();
    }

    @ParameterizedTest
    @ValueSource(ints = {302, 304, 400, 401, 404, 410, 429, 500, 502, 503})
    void everyOtherStatusFails(int status) throws Exception {
        WebhookSender.Result result = post(WebhookReceiver.status(status));
        assertThat(result.succeeded()).isFalse();
        assertThat(result.statusCode()).isEqualTo(status);
        assertThat(result.error()).startsWith("HTTP " + status);
    }

    @Test
    void aRefusedConnectionFails() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        WebhookSender.Result result = sender.post(URI.create("http://127.0.0.1:" + closedPort + "/"), new byte[0],
                Map.of(), Duration.ofSeconds(2));
        assertThat(result.succeeded()).isFalse();
        assertThat(result.statusCode()).isNull();
        assertThat(result.error()).startsWith("could not connect");
    }

    @Test
    void theTimeoutCoversTheWholeExchange() throws Exception {
        long started = System.nanoTime();
        WebhookSender.Result result = post(WebhookReceiver.slow(Duration.ofSeconds(3), 200), Duration.ofMillis(500));
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofMillis(2000));
        assertThat(result.succeeded()).isFalse();
        assertThat(result.error()).isEqualTo("no answer within 0.5 s");
    }

    @Test
    void sendsTheBodyAndHeadersAsGiven() throws Exception {
        try (WebhookReceiver receiver = WebhookReceiver.start(WebhookReceiver.status(200))) {
            sender.post(URI.create(receiver.url()), "{\"a\":1}".getBytes(), Map.of("telnyx-timestamp", "17",
                    "telnyx-signature-ed25519", "c2ln"), Duration.ofSeconds(2));
            WebhookReceiver.Delivery delivery = receiver.deliveries().get(0);
            assertThat(delivery.text()).isEqualTo("{\"a\":1}");
            assertThat(delivery.timestamp()).isEqualTo("17");
            assertThat(delivery.signature()).isEqualTo("c2ln");
            assertThat(delivery.contentType()).isEqualTo("application/json");
        }
    }

    private WebhookSender.Result post(WebhookReceiver.Answer answer) throws InterruptedException {
        return post(answer, Duration.ofSeconds(2));
    }

    private WebhookSender.Result post(WebhookReceiver.Answer answer, Duration timeout) throws InterruptedException {
        try (WebhookReceiver receiver = WebhookReceiver.start(answer)) {
            return sender.post(URI.create(receiver.url()), "{}".getBytes(), Map.of(), timeout);
        }
    }
}
