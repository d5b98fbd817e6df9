package dev.montage.hooks;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

import dev.montage.accounts.AccountService.NewAccount;
import dev.montage.rooms.SessionService;
import dev.montage.support.ApiClient;
import dev.montage.support.ApiTest;
import dev.montage.support.OwnDatabase;
import dev.montage.support.TestMedia;
import tools.jackson.databind.JsonNode;

/**
 * {@code montage.hooks.idle-end}: a session to which no media came for that long ends by itself and fires the hooks.
 * A context and a database of its own, closed after the class, so that its idle end never touches other tests'
 * sessions; the ending is asked for directly (what the recurring task runs) instead of waiting for the task's next
 * turn.
 */
@TestPropertySource(properties = "montage.hooks.idle-end=1s")
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class IdleSessionEndTest extends ApiTest {

    @DynamicPropertySource
    static void ownDatabase(DynamicPropertyRegistry registry) {
        OwnDatabase.register(registry, "idle_end");
    }

    @Autowired
    IdleSessions idleSessions;

    @Autowired
    SessionService sessions;

    /** Found idle, then media came before the end was written: the upload keeps the session active. */
    @Test
    void aSessionThatGotMediaAfterItWasFoundIdleStaysActive() {
        NewAccount account = accounts.createAccount();
        ApiClient client = new ApiClient(port, account.apiKey());
        Instant foundIdleBefore = Instant.now();
        String sessionId = upload(client, TestMedia.audioOnly(440, 1), Map.of("started_at", "2024-05-01T10:00:00Z"))
                .path(0).path("session_id").asString();

        sessions.endIdle(account.accountId(), UUID.fromString(sessionId), foundIdleBefore);

        assertThat(client.get("/v2/room_sessions/" + sessionId).data().path("active").asBoolean()).isTrue();
        sessions.end(account.accountId(), UUID.fromString(sessionId)); // keep it out of the other test's idle end
    }

    @Test
    void aSessionWithoutNewMediaForTheIdleTimeEndsAndFiresTheHooks() {
        String hook = api.post("/v2/room_composition_hooks", "{\"friendly_name\": \"audio\", \"video_layout\": {}}")
                .data().path("id").asString();
        String sessionId = upload(api, TestMedia.audioOnly(440, 1), Map.of("started_at", "2024-05-01T10:00:00Z"))
                .path(0).path("session_id").asString();

        Awaitility.await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(200)).until(() -> {
            idleSessions.endIdle();
            return !api.get("/v2/room_sessions/" + sessionId).data().path("active").asBoolean();
        });
        JsonNode session = api.get("/v2/room_sessions/" + sessionId).data();
        assertThat(session.path("ended_at").isNull()).isFalse();
        JsonNode made = api.get("/v2/room_compositions?filter[session_id]=" + sessionId).json().path("data");
        assertThat(made).hasSize(1);
        assertThat(made.path(0).path("composition_hook_id").asString()).isEqualTo(hook);
        api.delete("/v2/room_compositions/" + made.path(0).path("id").asString()); // no need to render it
    }
}
