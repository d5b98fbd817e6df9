package dev.montage.webhooks;

import static dev.montage.support.ApiAssertions.assertNotFound;
import static dev.montage.support.ApiAssertions.assertParameterProblem;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Base64;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import dev.montage.support.ApiClient.Response;
import dev.montage.support.ApiTest;

/** The two webhook endpoints' contracts and bad input; no delivery happens here. */
class WebhookApiTest extends ApiTest {

    @Test
    void publicKeyIsTheRaw32ByteEd25519KeyOfTheInstallation() {
        Response response = api.get("/v2/webhooks/public_key");
        assertThat(response.status()).isEqualTo(200);
        String key = response.data().path("public_key").asString();
        assertThat(Base64.getDecoder().decode(key)).hasSize(32);
        assertThat(newAccountClient().get("/v2/webhooks/public_key").data().path("public_key").asString())
                .as("one key per installation, whoever asks").isEqualTo(key);
    }

    @Test
    void publicKeyNeedsAnApiKeyAndIsReadOnly() {
        Response anonymous = api.withKey(null).get("/v2/webhooks/public_key");
        assertThat(anonymous.status()).isEqualTo(401);
        assertThat(anonymous.error().path("code").asString()).isEqualTo("10009");
        Response post = api.post("/v2/webhooks/public_key", "{}");
        assertThat(post.status()).isEqualTo(405);
        assertThat(post.error().path("code").asString()).isEqualTo("10015");
    }

    @Test
    void deliveriesOfAnUnknownMalformedOrForeignCompositionAreNotFound() {
        TwoParticipantSession session = twoParticipantSession(api);
        String id = api.post("/v2/room_compositions", "{\"session_id\": \"" + session.sessionId() + "\"}")
                .data().path("id").asString();
        assertThat(api.get("/v2/room_compositions/" + id + "/webhook_deliveries").status()).isEqualTo(200);

        assertNotFound(newAccountClient().get("/v2/room_compositions/" + id + "/webhook_deliveries"));
        assertNotFound(api.get("/v2/room_compositions/" + UUID.randomUUID() + "/webhook_deliveries"));
        assertNotFound(api.get("/v2/room_compositions/not-a-uuid/webhook_deliveries"));
        assertNotFound(api.get("/v2/room_compositions/" + id.toUpperCase().replace('-', 'x') + "/webhook_deliveries"));
    }

    @Test
    void deliveriesArePagedLikeEveryList() {
        TwoParticipantSession session = twoParticipantSession(api);
        String id = api.post("/v2/room_compositions", "{\"session_id\": \"" + session.sessionId() + "\"}")
                .data().path("id").asString();
        String path = "/v2/room_compositions/" + id + "/webhook_deliveries";

        Response empty = api.get(path);
        assertThat(empty.data().isArray()).isTrue();
        assertThat(empty.data()).isEmpty();
        assertThat(empty.json().path("meta").path("page_number").asInt()).isEqualTo(1);
        assertThat(empty.json().path("meta").path("page_size").asInt()).isEqualTo(20);
        assertThat(empty.json().path("meta").path("total_pages").asInt()).isZero();
        assertThat(empty.json().path("meta").path("total_results").asInt()).isZero();

        assertParameterProblem(api.get(path + "?page%5Bsize%5D=0"), "10033", "page[size]");
        assertParameterProblem(api.get(path + "?page%5Bsize%5D=251"), "10033", "page[size]");
        assertParameterProblem(api.get(path + "?page%5Bnumber%5D=first"), "10026", "page[number]");
        assertParameterProblem(api.rawGet(path + "?page[number]=0"), "10033", "page[number]");
    }
}
