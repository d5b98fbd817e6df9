package dev.montage.idempotency;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import dev.montage.support.ApiClient;
import dev.montage.support.ApiTest;
import dev.montage.support.TestMedia;
import tools.jackson.databind.JsonNode;

/** The Idempotency-Key header (docs/api.md#idempotency-key), over real HTTP. */
class IdempotencyKeyTest extends ApiTest {

    private static final String GRID = """
            {"session_id":"%s","resolution":"320x240",
             "video_layout":{"grid":{"x_pos":0,"y_pos":0,"width":320,"height":240,"video_sources":["*"]}}}""";

    @Test
    void roomPostedTwiceWithOneKey_isCreatedOnce_andTheRepeatGetsTheFirstAnswer() {
        KeyedClient client = newClient();
        String key = UUID.randomUUID().toString();

        KeyedClient.Answer first = client.postJson("/v2/rooms", "{\"max_participants\":5}", key);
        KeyedClient.Answer repeat = client.postJson("/v2/rooms", "{\"max_participants\":5}", key);

        assertThat(first.status()).isEqualTo(201);
        assertThat(first.replayed()).isFalse();
        assertThat(repeat.status()).isEqualTo(201);
        assertThat(repeat.body()).isEqualTo(first.body());
        assertThat(repeat.contentType()).isEqualTo(first.contentType()).startsWith("application/json");
        assertThat(repeat.replayed()).isTrue();
        assertThat(client.api().get("/v2/rooms").json().path("meta").path("total_results").asInt()).isEqualTo(1);
    }

    @Test
    void withoutTheHeader_everyPostCreates() {
        KeyedClient client = newClient();

        KeyedClient.Answer first = client.postJson("/v2/rooms", "{}", null);
        KeyedClient.Answer second = client.postJson("/v2/rooms", "{}", null);

        assertThat(first.status()).isEqualTo(201);
        assertThat(second.status()).isEqualTo(201);
        assertThat(second.replayed()).isFalse();
        assertThat(second.data().path("id").asString()).isNotEqualTo(first.data().path("id").asString());
        assertThat(client.api().get("/v2/rooms").json().path("meta").path("total_results").asInt()).isEqualTo(2);
    }

    @Test
    void compositionPostedTwiceWithOneKey_isCreatedOnce() {
        KeyedClient client = newClient();
        String session = oneParticipantSession(client.api());
        String key = UUID.randomUUID().toString();

        KeyedClient.Answer first = client.postJson("/v2/room_compositions", GRID.formatted(session), key);
        KeyedClient.Answer repeat = client.postJson("/v2/room_compositions", GRID.formatted(session), key);

        assertThat(first.status()).isEqualTo(202);
        assertThat(repeat.status()).isEqualTo(202);
        assertThat(repeat.body()).isEqualTo(first.body());
        assertThat(compositionsOf(client, session)).isEqualTo(1);
    }

    @Test
    void theSameKeyWithAnotherBody_is422_andCreatesNothing() {
        KeyedClient client = newClient();
        String key = UUID.randomUUID().toString();
        assertThat(client.postJson("/v2/rooms", "{\"max_participants\":5}", key).status()).isEqualTo(201);

        KeyedClient.Answer other = client.postJson("/v2/rooms", "{\"max_participants\":6}", key);

        assertThat(other.status()).isEqualTo(422);
        JsonNode error = other.error();
        assertThat(error.path("code").asString()).isEqualTo("10015");
        assertThat(error.path("source").path("parameter").asString()).isEqualTo("Idempotency-Key");
        assertThat(error.path("detail").asString()).contains("different request");
        assertThat(client.api().get("/v2/rooms").json().path("meta").path("total_results").asInt()).isEqualTo(1);
    }

    @Test
    void theSameKeyOnAnotherPath_is422() {
        KeyedClient client = newClient();
        String key = UUID.randomUUID().toString();
        String room = client.postJson("/v2/rooms", "{}", key).data().path("id").asString();
        String session = oneParticipantSession(client.api());

        KeyedClient.Answer other = client.postJson("/v2/room_compositions", GRID.formatted(session), key);

        assertThat(other.status()).isEqualTo(422);
        assertThat(other.error().path("detail").asString()).contains("different request");
        assertThat(compositionsOf(client, session)).isZero();
        assertThat(room).isNotEmpty();
    }

    @Test
    void keysArePerAccount() {
        KeyedClient alice = newClient();
        KeyedClient bob = newClient();
        String key = UUID.randomUUID().toString();

        KeyedClient.Answer hers = alice.postJson("/v2/rooms", "{}", key);
        KeyedClient.Answer his = bob.postJson("/v2/rooms", "{}", key);

        assertThat(hers.status()).isEqualTo(201);
        assertThat(his.status()).isEqualTo(201);
        assertThat(his.replayed()).isFalse();
        assertThat(his.data().path("id").asString()).isNotEqualTo(hers.data().path("id").asString());
        assertThat(bob.api().get("/v2/rooms").json().path("meta").path("total_results").asInt()).isEqualTo(1);
    }

    @Test
    void simultaneousDuplicates_createOneComposition_andBothGetItsAnswer() throws Exception {
        KeyedClient client = newClient();
        String session = oneParticipantSession(client.api());
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try {
            for (int round = 0; round < 5; round++) {
                String key = UUID.randomUUID().toString();
                CountDownLatch start = new CountDownLatch(1);
                Callable<KeyedClient.Answer> post = () -> {
                    start.await();
                    return client.postJson("/v2/room_compositions", GRID.formatted(session), key);
                };
                Future<KeyedClient.Answer> one = threads.submit(post);
                Future<KeyedClient.Answer> other = threads.submit(post);
                start.countDown();

                KeyedClient.Answer a = one.get(30, TimeUnit.SECONDS);
                KeyedClient.Answer b = other.get(30, TimeUnit.SECONDS);
                assertThat(a.status()).as("round %d", round).isEqualTo(202);
                assertThat(b.status()).as("round %d", round).isEqualTo(202);
                assertThat(b.body()).isEqualTo(a.body());
                assertThat(List.of(a.replayed(), b.replayed())).as("exactly one ran").containsExactlyInAnyOrder(true, false);
                assertThat(compositionsOf(client, session)).as("round %d", round).isEqualTo(round + 1);
            }
        } finally {
            threads.shutdownNow();
        }
    }

    @Test
    void uploadPostedTwiceWithOneKey_storesOneRecording() {
        KeyedClient client = newClient();
        String key = UUID.randomUUID().toString();
        byte[] media = TestMedia.webm("green", 500, 1);
        Map<String, String> fields = Map.of("started_at", "2024-05-01T10:00:00Z", "participant_context", "carol");

        KeyedClient.Answer first = client.upload(media, fields, key);
        long blobsAfterFirst = recordingBlobs();
        KeyedClient.Answer repeat = client.upload(media, fields, key);

        assertThat(first.status()).isEqualTo(201);
        assertThat(repeat.status()).isEqualTo(201);
        assertThat(repeat.body()).isEqualTo(first.body());
        assertThat(repeat.replayed()).isTrue();
        assertThat(recordingBlobs()).isEqualTo(blobsAfterFirst);
        assertThat(client.api().get("/v2/room_recordings").json().path("meta").path("total_results").asInt())
                .isEqualTo(first.data().size());
    }

    @Test
    void anotherFileUnderTheSameKey_is422() {
        KeyedClient client = newClient();
        String key = UUID.randomUUID().toString();
        Map<String, String> fields = Map.of("started_at", "2024-05-01T10:00:00Z");
        assertThat(client.upload(TestMedia.webm("green", 500, 1), fields, key).status()).isEqualTo(201);

        KeyedClient.Answer other = client.upload(TestMedia.webm("yellow", 700, 1), fields, key);

        assertThat(other.status()).isEqualTo(422);
        assertThat(other.error().path("source").path("parameter").asString()).isEqualTo("Idempotency-Key");
    }

    @Test
    void aValidationErrorIsKeptToo() {
        KeyedClient client = newClient();
        String key = UUID.randomUUID().toString();

        KeyedClient.Answer first = client.postJson("/v2/room_compositions", "{}", key);
        KeyedClient.Answer repeat = client.postJson("/v2/room_compositions", "{}", key);

        assertThat(first.status()).isEqualTo(422);
        assertThat(repeat.status()).isEqualTo(422);
        assertThat(repeat.body()).isEqualTo(first.body());
        assertThat(repeat.replayed()).isTrue();
    }

    @Test
    void anEmptyOrOverlongKey_is400NamingTheHeader() {
        KeyedClient client = newClient();

        for (String bad : List.of("", "k".repeat(256))) {
            KeyedClient.Answer answer = client.postJson("/v2/rooms", "{}", bad);
            assertThat(answer.status()).as("key of %d characters", bad.length()).isEqualTo(400);
            assertThat(answer.error().path("code").asString()).isEqualTo("10015");
            assertThat(answer.error().path("source").path("parameter").asString()).isEqualTo("Idempotency-Key");
        }
        KeyedClient.Answer twice = client.postJsonWithKeys("/v2/rooms", "{}", "one", "two");
        assertThat(twice.status()).isEqualTo(400);
        assertThat(twice.error().path("detail").asString()).contains("once");
        assertThat(client.api().get("/v2/rooms").json().path("meta").path("total_results").asInt()).isZero();
        assertThat(client.postJson("/v2/rooms", "{}", "k".repeat(255)).status()).isEqualTo(201);
    }

    /**
     * The recording files in the local blob store; not the spool, where the renders of compositions earlier tests
     * created come and go.
     */
    private long recordingBlobs() {
        Path folder = dataDir.resolve("blobs").resolve("recordings");
        if (!Files.isDirectory(folder)) {
            return 0;
        }
        try (Stream<Path> files = Files.walk(folder)) {
            return files.filter(Files::isRegularFile).count();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private KeyedClient newClient() {
        String key = accounts.createAccount().apiKey();
        return new KeyedClient(port, key, new ApiClient(port, key));
    }

    private String oneParticipantSession(ApiClient client) {
        JsonNode recordings = upload(client, TestMedia.webm("red", 440, 1),
                Map.of("started_at", "2024-05-01T10:00:00Z", "participant_context", "alice"));
        return recordings.path(0).path("session_id").asString();
    }

    private static int compositionsOf(KeyedClient client, String session) {
        return client.api().get("/v2/room_compositions?filter%5Bsession_id%5D=" + session).json().path("meta")
                .path("total_results").asInt();
    }
}
