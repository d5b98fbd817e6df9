package dev.montage.admission;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.TestPropertySource;

import dev.montage.support.ApiClient;
import dev.montage.support.ApiClient.Response;
import dev.montage.support.ApiTest;

/**
 * One API request at a time and one waiting, over real HTTP (docs/api.md#busy-nodes): a request held inside a route
 * of the tests' own keeps the node's only turn for as long as a test needs.
 */
@Import(HeldRequests.class)
@TestPropertySource(properties = {"montage.admission.max-concurrent=1", "montage.admission.max-queued=1",
        "montage.admission.max-wait=5s"})
class AdmissionTest extends ApiTest {

    @Autowired
    HeldRequests held;

    @Autowired
    ApiTurns turns;

    @BeforeEach
    void holdAgain() {
        held.hold();
    }

    @AfterEach
    void letGo() {
        held.releaseAll();
        await().atMost(Duration.ofSeconds(10)).until(() -> turns.running() == 0 && turns.waiting() == 0);
    }

    @Test
    void beyondTheQueue_aRequestIsAnswered503AtOnce_andRunsNothing() throws Exception {
        CompletableFuture<Response> holder = async(() -> api.get("/v2/_held"));
        await().until(() -> held.inside() == 1);
        CompletableFuture<Response> waiter = async(() -> api.get("/v2/rooms"));
        await().until(() -> turns.waiting() == 1);

        Response refused = api.post("/v2/rooms", "{\"max_participants\":5}");

        assertThat(refused.status()).as("%s", refused).isEqualTo(503);
        assertThat(refused.headers().get("retry-after")).isEqualTo("1");
        assertThat(refused.error().path("code").asString()).isEqualTo("10011");
        assertThat(refused.error().path("detail").asString()).contains("try again in 1 s");
        assertThat(turns.waiting()).as("the request in the queue still waits").isEqualTo(1);
        assertThat(waiter).isNotDone();

        String metrics = api.withKey(null).get("/actuator/prometheus").body();
        assertThat(metrics).contains("montage_api_requests_running 1.0").contains("montage_api_requests_waiting 1.0");

        // /v1 is refused in Twilio's shape, before any key is looked at
        Response twilio = api.withKey(null).get("/v1/Rooms");
        assertThat(twilio.status()).isEqualTo(503);
        assertThat(twilio.json().path("code").asInt()).isEqualTo(20503);
        assertThat(twilio.json().path("status").asInt()).isEqualTo(503);

        held.releaseAll();
        assertThat(holder.get(10, TimeUnit.SECONDS).status()).isEqualTo(200);
        Response waited = waiter.get(10, TimeUnit.SECONDS);
        assertThat(waited.status()).as("the waiting request ran once the turn was free: %s", waited).isEqualTo(200);
        assertThat(api.get("/v2/rooms").json().path("meta").path("total_results").asInt())
                .as("the refused POST created no room").isZero();
    }

    @Test
    void whatStreamsOrIsNotTheApi_neverWaits() throws Exception {
        CompletableFuture<Response> holder = async(() -> api.get("/v2/_held"));
        await().until(() -> held.inside() == 1);
        CompletableFuture<Response> waiter = async(() -> api.get("/v2/rooms"));
        await().until(() -> turns.waiting() == 1);

        assertThat(api.withKey(null).get("/actuator/health/liveness").status()).isEqualTo(200);
        String composition = "/v2/room_compositions/" + UUID.randomUUID();
        assertThat(api.get(composition + "/thumbnail").status()).as("a picture has ffmpeg slots of its own")
                .isEqualTo(404);
        assertThat(api.get(composition + "/media").status()).as("a download streams (unsigned here: 403)")
                .isEqualTo(403);
        assertThat(api.get(composition).status()).as("the JSON API waits: the queue is full").isEqualTo(503);
        assertThat(holder).isNotDone();

        held.releaseAll();
        assertThat(waiter.get(10, TimeUnit.SECONDS).status()).isEqualTo(200);
    }

    @Test
    void aRequestThatWaitsLongerThanMaxWait_isAnswered503() throws Exception {
        CompletableFuture<Response> holder = async(() -> api.get("/v2/_held"));
        await().until(() -> held.inside() == 1);

        Response late = api.get("/v2/rooms");

        assertThat(late.status()).as("%s", late).isEqualTo(503);
        assertThat(late.headers().get("retry-after")).isEqualTo("1");
        assertThat(holder).as("the turn was held all along").isNotDone();
        held.releaseAll();
        assertThat(holder.get(10, TimeUnit.SECONDS).status()).isEqualTo(200);
    }

    /** The body is read before the turn is taken: a client that sends it slowly holds no turn while it does. */
    @Test
    void aSlowBody_holdsNoTurnWhileItIsSent() throws Exception {
        String key = accounts.createAccount().apiKey();
        ApiClient client = new ApiClient(port, key);
        byte[] body = "{\"max_participants\":7,\"unique_name\":\"slow\"}".getBytes(StandardCharsets.UTF_8);
        int half = body.length / 2;
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(20_000);
            OutputStream out = socket.getOutputStream();
            out.write(("POST /v2/rooms HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " + key
                    + "\r\nContent-Type: application/json\r\nContent-Length: " + body.length
                    + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(body, 0, half);
            out.flush();

            // the only turn is free while the body is half sent: another request runs at once, twice
            Response meanwhile = client.get("/v2/rooms");
            assertThat(meanwhile.status()).as("%s", meanwhile).isEqualTo(200);
            assertThat(client.get("/v2/rooms").status()).isEqualTo(200);
            assertThat(turns.running()).isZero();

            out.write(body, half, body.length - half);
            out.flush();
            InputStream in = socket.getInputStream();
            String answer = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            assertThat(answer).startsWith("HTTP/1.1 201").contains("\"unique_name\":\"slow\"");
        }
        assertThat(client.get("/v2/rooms").json().path("meta").path("total_results").asInt()).isEqualTo(1);
    }

    /**
     * A body that ends before its Content-Length (the client sent less and closed its side) is a 400 in the
     * envelope and runs nothing: it is read before the turn, so the failure is met there.
     */
    @Test
    void aBodyCutShortOfItsLength_runsNothing() throws Exception {
        String key = accounts.createAccount().apiKey();
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(20_000);
            OutputStream out = socket.getOutputStream();
            out.write(("POST /v2/rooms HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " + key
                    + "\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{\"max_participants\":")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            socket.shutdownOutput();
            String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(answer).startsWith("HTTP/1.1 400").contains("\"errors\":[{\"code\":\"10015\"");
        }
        assertThat(new ApiClient(port, key).get("/v2/rooms").json().path("meta").path("total_results").asInt())
                .isZero();
        assertThat(turns.running()).isZero();
    }

    private static <T> CompletableFuture<T> async(Supplier<T> call) {
        return CompletableFuture.supplyAsync(call);
    }
}
