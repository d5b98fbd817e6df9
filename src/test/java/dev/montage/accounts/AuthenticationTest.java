package dev.montage.accounts;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.montage.support.ApiClient;
import dev.montage.support.ApiClient.Response;
import dev.montage.support.ApiTest;
import dev.montage.support.TestMedia;

class AuthenticationTest extends ApiTest {

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

    private static void assertUnauthorized(Response response) {
        assertThat(response.status()).isEqualTo(401);
        assertThat(response.error().path("code").asString()).isEqualTo("10009");
        assertThat(response.error().path("title").asString()).isEqualTo("Authentication failed");
    }
}
