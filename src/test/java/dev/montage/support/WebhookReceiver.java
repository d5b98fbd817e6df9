package dev.montage.support;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A real webhook receiver on a random port of 127.0.0.1: it keeps every request it gets (method, URI, raw body
 * and the Telnyx and Twilio headers, noted on arrival, so a request it answers too late still counts) and answers
 * as the test scripts it.
 *
 * <pre>{@code
 * try (WebhookReceiver receiver = WebhookReceiver.start(WebhookReceiver.status(500))) { ... }
 * }</pre>
 */
public final class WebhookReceiver implements AutoCloseable {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** How to answer the {@code index}-th request (from 0). */
    @FunctionalInterface
    public interface Answer {
        void respond(HttpExchange exchange, int index) throws IOException;
    }

    /** One request as it arrived. */
    public record Delivery(byte[] body, String timestamp, String signature, String contentType, Instant arrivedAt,
            String method, URI requestUri, String twilioSignature, String twilioIdempotencyToken) {

        /** A Twilio status callback's parameters: the form-encoded body of a POST, or the query of a GET. */
        public Map<String, String> form() {
            String encoded = method.equals("GET") ? requestUri.getRawQuery() : text();
            Map<String, String> parameters = new TreeMap<>();
            for (String pair : encoded == null || encoded.isEmpty() ? new String[0] : encoded.split("&")) {
                int equals = pair.indexOf('=');
                parameters.put(URLDecoder.decode(pair.substring(0, equals), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8));
            }
            return parameters;
        }

        public String text() {
            return new String(body, StandardCharsets.UTF_8);
        }

        public JsonNode json() {
            return JSON.readTree(body);
        }

        public JsonNode data() {
            return json().path("data");
        }

        public String eventId() {
            return data().path("id").asString();
        }

        public String eventType() {
            return data().path("event_type").asString();
        }

        public int attempt() {
            return json().path("meta").path("attempt").asInt();
        }

        public String deliveredTo() {
            return json().path("meta").path("delivered_to").asString();
        }
    }

    private final HttpServer server;
    private final ExecutorService threads = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "webhook-receiver");
        thread.setDaemon(true);
        return thread;
    });
    private final List<Delivery> deliveries = new CopyOnWriteArrayList<>();
    private final AtomicInteger count = new AtomicInteger();

    private WebhookReceiver(Answer answer) throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
        server.setExecutor(threads);
        server.createContext("/", exchange -> {
            try {
                byte[] body = exchange.getRequestBody().readAllBytes();
                deliveries.add(new Delivery(body, exchange.getRequestHeaders().getFirst("telnyx-timestamp"),
                        exchange.getRequestHeaders().getFirst("telnyx-signature-ed25519"),
                        exchange.getRequestHeaders().getFirst("Content-Type"), Instant.now(),
                        exchange.getRequestMethod(), exchange.getRequestURI(),
                        exchange.getRequestHeaders().getFirst("X-Twilio-Signature"),
                        exchange.getRequestHeaders().getFirst("I-Twilio-Idempotency-Token")));
                answer.respond(exchange, count.getAndIncrement());
            } catch (IOException e) {
                // the sender gave up (its timeout): nothing to answer to
            } finally {
                exchange.close();
            }
        });
        server.start();
    }

    public static WebhookReceiver start(Answer answer) {
        try {
            return new WebhookReceiver(answer);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public static Answer status(int code) {
        return (exchange, index) -> {
            if (code == 204 || code == 304) {
                exchange.sendResponseHeaders(code, -1); // these answers have no body
                return;
            }
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            byte[] body = "{\"ok\":true}".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(code, body.length);
            exchange.getResponseBody().write(body);
        };
    }

    /** Answers {@code code} after {@code delay}: a receiver slower than the sender's timeout. */
    public static Answer slow(Duration delay, int code) {
        return (exchange, index) -> {
            try {
                Thread.sleep(delay.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            status(code).respond(exchange, index);
        };
    }

    public static Answer redirectTo(String location) {
        return (exchange, index) -> {
            exchange.getResponseHeaders().set("Location", location);
            exchange.sendResponseHeaders(301, -1);
        };
    }

    /** 200, then a body that never ends (until the sender hangs up). */
    public static Answer endlessBody() {
        return (exchange, index) -> {
            exchange.sendResponseHeaders(200, 0);
            byte[] chunk = new byte[8192];
            OutputStream out = exchange.getResponseBody();
            for (long sent = 0; sent < 1L << 34; sent += chunk.length) {
                out.write(chunk);
            }
        };
    }

    /** The first answer for the first request, the second for the second, ...; the last one from then on. */
    public static Answer inTurn(Answer... answers) {
        return (exchange, index) -> answers[Math.min(index, answers.length - 1)].respond(exchange, index);
    }

    /** The URL to give as a webhook URL. */
    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/webhooks";
    }

    public List<Delivery> deliveries() {
        return new ArrayList<>(deliveries);
    }

    /** Waits until at least {@code n} requests arrived (at most {@code timeout}) and answers all so far. */
    public List<Delivery> await(int n, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (deliveries.size() < n) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("expected " + n + " webhook requests at " + url() + " within " + timeout
                        + ", got " + deliveries.size() + ": " + deliveries.stream().map(Delivery::text).toList());
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        return deliveries();
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }
}
