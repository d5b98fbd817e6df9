package dev.montage.idempotency;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;

import dev.montage.accounts.AccountService.NewAccount;
import dev.montage.api.Timestamps;
import dev.montage.support.ApiClient;
import dev.montage.support.ApiTest;
import dev.montage.support.TestMedia;

/**
 * A key's life in time, with the settings shortened to seconds: a duplicate of a request still running is told 409,
 * a claim never answered is taken over after {@code abandon-after}, a key past its retention is a new request, and
 * expired keys are deleted. Also, with a small upload limit: an upload the container refuses keeps nothing.
 */
@TestPropertySource(properties = {
        "montage.idempotency.in-progress-wait=200ms",
        "montage.idempotency.abandon-after=2s",
        "montage.idempotency.retention=5s",
        "montage.idempotency.sweep-interval=0s",
        "montage.recordings.max-upload-size=64KB"})
class IdempotencyKeyTimingTest extends ApiTest {

    @Autowired
    private IdempotencyKeys keys;

    @Autowired
    private JdbcClient jdbc;

    @Autowired
    private Clock clock;

    @Test
    void aDuplicateOfARequestInProgress_is409_untilTheClaimIsAbandoned() {
        NewAccount account = accounts.createAccount();
        KeyedClient client = new KeyedClient(port, account.apiKey(), new ApiClient(port, account.apiKey()));
        String key = UUID.randomUUID().toString();
        assertThat(roomsOf(client)).isZero(); // a first request warms the server up: the claim below must stay fresh
        // the row a request with this key and body holds while it runs (or after its node died mid-request)
        String hash = new RequestFingerprint("POST", "/v2/rooms", null).body("{}".getBytes(StandardCharsets.UTF_8)).hex();
        assertThat(keys.claim(account.accountId().value(), key, hash, Timestamps.now(clock))).isTrue();

        KeyedClient.Answer busy = client.postJson("/v2/rooms", "{}", key);

        assertThat(busy.status()).isEqualTo(409);
        assertThat(busy.error().path("code").asString()).isEqualTo("10015");
        assertThat(busy.error().path("source").path("parameter").asString()).isEqualTo("Idempotency-Key");
        assertThat(busy.error().path("detail").asString()).contains("in progress");
        assertThat(roomsOf(client)).isZero();

        // once abandoned (after 2 s, well before the retention of 5 s), the key's next request runs
        await().atMost(Duration.ofSeconds(4)).pollInterval(Duration.ofMillis(250))
                .until(() -> client.postJson("/v2/rooms", "{}", key).status() == 201);
        assertThat(roomsOf(client)).isEqualTo(1);
    }

    @Test
    void aKeyPastItsRetention_isANewRequest_andExpiredKeysAreDeleted() {
        NewAccount account = accounts.createAccount();
        KeyedClient client = new KeyedClient(port, account.apiKey(), new ApiClient(port, account.apiKey()));
        String key = UUID.randomUUID().toString();
        String first = client.postJson("/v2/rooms", "{}", key).data().path("id").asString();
        assertThat(client.postJson("/v2/rooms", "{}", key).replayed()).as("within the retention").isTrue();

        await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(250))
                .until(() -> !client.postJson("/v2/rooms", "{}", key).replayed());

        assertThat(roomsOf(client)).isEqualTo(2);
        assertThat(client.api().get("/v2/rooms/" + first).status()).isEqualTo(200);
        // the next new key after the retention sweeps the expired one away
        await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(250)).until(() -> {
            client.postJson("/v2/rooms", "{}", UUID.randomUUID().toString());
            return storedKeys(account, key) == 0;
        });
    }

    @Test
    void anUploadOverTheLimit_getsTheAnswerItWouldWithoutAKey_andKeepsNothing() {
        NewAccount account = accounts.createAccount();
        KeyedClient client = new KeyedClient(port, account.apiKey(), new ApiClient(port, account.apiKey()));
        String key = UUID.randomUUID().toString();
        Map<String, String> fields = Map.of("started_at", "2024-05-01T10:00:00Z");

        KeyedClient.Answer tooLarge = client.upload(new byte[100 * 1024], fields, key);

        assertThat(tooLarge.status()).isEqualTo(422);
        assertThat(tooLarge.error().path("source").path("parameter").asString()).isEqualTo("file");
        assertThat(tooLarge.error().path("detail").asString()).contains("size limit");
        // nothing ran, so the key is still free for the request the client means
        KeyedClient.Answer fits = client.upload(TestMedia.webm("green", 500, 1), fields, key);
        assertThat(fits.status()).isEqualTo(201);
        assertThat(fits.replayed()).isFalse();
    }

    private long storedKeys(NewAccount account, String key) {
        return jdbc.sql("""
                select count(*) from idempotency_keys
                 where account_id = :account_id and idempotency_key = :key
                """)
                .param("account_id", account.accountId().value())
                .param("key", key)
                .query(Long.class)
                .single();
    }

    private static int roomsOf(KeyedClient client) {
        return client.api().get("/v2/rooms").json().path("meta").path("total_results").asInt();
    }
}
