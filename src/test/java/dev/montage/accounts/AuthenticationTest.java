package dev.montage.accounts;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import dev.montage.support.ApiClient;
import dev.montage.support.ApiClient.Response;
import dev.montage.support.ApiTest;
import dev.montage.support.TestMedia;

class AuthenticationTest extends ApiTest {

    @Autowired
    JdbcClient jdbc;

    @Test
    void missingKeyIsRefusedWithTheTelnyxEnvelope() {
        Response response = api.withKey(null).get("/v2/room_compositions");
        assertUnauthorized(response);
    }

    @Test
    void unknownKeyIsRefused() {
        assertUnauthorized(api.withKey("KEYdoesnotexist").get("/v2/rooms"));
    }

    @Test
    void malformedAuthorizationHeaderIsRefused() {
        assertUnauthorized(api.withAuthorization("Basic dXNlcjpwYXNz").get("/v2/rooms"));
        assertUnauthorized(api.withAuthorization("Bearer").get("/v2/rooms"));
        assertUnauthorized(api.withAuthorization("Bearer    ").get("/v2/rooms"));
        assertUnauthorized(api.withAuthorization("KEYwithoutScheme").get("/v2/rooms"));
    }

    @Test
    void unknownRoutesUnderV2AlsoNeedAKey() {
        assertUnauthorized(api.withKey(null).get("/v2/nothing_here"));
    }

    @Test
    void anotherAccountsResourcesAnswer404LikeMissingOnes() {
        TwoParticipantSession mine = twoParticipantSession(api);
        String recording = mine.recording(mine.alice(), "video");
        Response created = api.post("/v2/room_compositions", "{\"session_id\":\"" + mine.sessionId() + "\"}");
        assertThat(created.status()).isEqualTo(202);
        String composition = created.data().path("id").asString();

        ApiClient other = newAccountClient();
        for (String path : new String[] {"/v2/rooms/" + mine.roomId(), "/v2/room_sessions/" + mine.sessionId(),
                "/v2/room_participants/" + mine.participant(mine.alice()), "/v2/room_recordings/" + recording,
                "/v2/room_compositions/" + composition, "/v2/rooms/" + mine.roomId() + "/sessions",
                "/v2/room_sessions/" + mine.sessionId() + "/participants"}) {
            Response response = other.get(path);
            assertThat(response.status()).as(path).isEqualTo(404);
            assertThat(response.error().path("code").asString()).as(path).isEqualTo("10005");
        }
        assertThat(other.delete("/v2/room_compositions/" + composition).status()).isEqualTo(404);
        assertThat(other.delete("/v2/room_recordings/" + recording).status()).isEqualTo(404);
        assertThat(other.delete("/v2/rooms/" + mine.roomId()).status()).isEqualTo(404);
        assertThat(other.post("/v2/room_sessions/" + mine.sessionId() + "/actions/end", "").status()).isEqualTo(404);

        // lists show nothing of the other account, and references into it are refused
        for (String list : new String[] {"/v2/rooms", "/v2/room_sessions", "/v2/room_participants",
                "/v2/room_recordings", "/v2/room_compositions"}) {
            assertThat(other.get(list).json().path("meta").path("total_results").asInt()).as(list).isZero();
        }
        Response foreign = other.post("/v2/room_compositions", "{\"session_id\":\"" + mine.sessionId() + "\"}");
        assertThat(foreign.status()).isEqualTo(422);
        assertThat(foreign.error().path("source").path("pointer").asString()).isEqualTo("/session_id");
        Response foreignUpload = other.upload("/v2/room_recordings", TestMedia.audioOnly(440, 1), "a.webm",
                Map.of("started_at", "2024-05-01T10:00:00Z", "session_id", mine.sessionId()));
        assertThat(foreignUpload.status()).isEqualTo(422);
        assertThat(foreignUpload.error().path("source").path("parameter").asString()).isEqualTo("session_id");

        // and nothing of the owner's changed
        assertThat(api.get("/v2/room_compositions/" + composition).status()).isEqualTo(200);
        assertThat(api.get("/v2/room_recordings/" + recording).status()).isEqualTo(200);
        assertThat(api.get("/v2/room_sessions/" + mine.sessionId()).data().path("active").asBoolean()).isTrue();
    }

    /**
     * The bound on a node's memory of valid keys, and why revoking waits: a key revoked behind the service's back is
     * still accepted within {@link ApiKeyCache#LIFETIME} of its last read, and refused after it; a key revoked
     * through {@link AccountService#revoke}, which waits that time out, is refused on the very next request.
     */
    @Test
    void aRevokedKeyIsRefusedOnceTheNodesMemoryOfItLapsesWhichRevokingWaitsFor() {
        String key = accounts.createAccount().apiKey();
        ApiClient client = new ApiClient(port, key);
        assertThat(client.get("/v2/rooms").status()).isEqualTo(200);
        long revokedAt = System.nanoTime();
        assertThat(jdbc.sql("update api_keys set revoked_at = current_timestamp where key_hash = :hash")
                .param("hash", ApiKeys.hash(key)).update()).isEqualTo(1);

        assertThat(client.get("/v2/rooms").status()).as("within the lifetime, from memory").isEqualTo(200);
        sleep(Math.max(0, ApiKeyCache.LIFETIME.toMillis() - (System.nanoTime() - revokedAt) / 1_000_000) + 100);
        assertUnauthorized(client.get("/v2/rooms"));

        String revokedProperly = accounts.createAccount().apiKey();
        ApiClient other = new ApiClient(port, revokedProperly);
        assertThat(other.get("/v2/rooms").status()).isEqualTo(200);
        UUID id = jdbc.sql("select id from api_keys where key_hash = :hash")
                .param("hash", ApiKeys.hash(revokedProperly)).query(UUID.class).single();
        long started = System.nanoTime();
        assertThat(accounts.revoke(id)).isEqualTo(AccountService.Revocation.REVOKED);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThan(ApiKeyCache.LIFETIME);
        assertUnauthorized(other.get("/v2/rooms"));
    }

    private static void assertUnauthorized(Response response) {
        assertThat(response.status()).isEqualTo(401);
        assertThat(response.error().path("code").asString()).isEqualTo("10009");
        assertThat(response.error().path("title").asString()).isEqualTo("Authentication failed");
    }
}
