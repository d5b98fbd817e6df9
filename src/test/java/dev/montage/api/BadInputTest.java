package dev.montage.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import dev.montage.support.ApiClient;
import dev.montage.support.ApiClient.Response;
import dev.montage.support.ApiTest;

/** What a client can get wrong at the HTTP level: each answered in the envelope, never a 500 or an HTML page. */
class BadInputTest extends ApiTest {

    @Test
    void malformedJsonIs400() {
        for (String path : new String[] {"/v2/room_compositions", "/v2/rooms"}) {
            Response response = api.post(path, "{\"session_id\": ");
            assertEnvelope(response, 400, "10015");
            assertThat(response.error().path("detail").asString()).startsWith("The request body is not valid JSON");
        }
        assertEnvelope(api.post("/v2/rooms", "{\"unique_name\": 'single quotes'}"), 400, "10015");
        assertEnvelope(api.patch("/v2/rooms/" + createRoom(), "{,}"), 400, "10015");
    }

    @Test
    void wrongJsonTypesAre422WithThePointer() {
        Response response = api.post("/v2/rooms", "{\"max_participants\": \"ten\", \"enable_recording\": 1}");
        assertEnvelope(response, 422, "10026");
        assertThat(response.json().path("errors").size()).isEqualTo(2);
        assertThat(response.json().path("errors").findValuesAsString("pointer"))
                .containsExactlyInAnyOrder("/max_participants", "/enable_recording");
    }

    @Test
    void bodiesOverOneMegabyteAre413() {
        String big = "{\"unique_name\": \"" + "x".repeat(1024 * 1024) + "\"}";
        assertEnvelope(api.post("/v2/rooms", big), 413, "10015");
        assertEnvelope(api.post("/v2/room_compositions", big), 413, "10015");
        assertThat(api.get("/v2/rooms").json().path("meta").path("total_results").asInt()).isZero();
    }

    @Test
    void nonUuidIdsInPathsAre404() {
        for (String path : new String[] {"/v2/rooms/123", "/v2/room_sessions/abc", "/v2/room_participants/x",
                "/v2/room_recordings/not-an-id", "/v2/room_compositions/5219b3af-87c6-4c08-9b58",
                "/v2/room_compositions/5219b3af87c64c089b585a533d893e21", "/v2/rooms/abc/sessions"}) {
            assertEnvelope(api.get(path), 404, "10005");
        }
        assertEnvelope(api.delete("/v2/room_compositions/%20"), 404, "10005");
        assertEnvelope(api.patch("/v2/rooms/nope", "{}"), 404, "10005");
    }

    @Test
    void unknownRoutesAre404() {
        assertEnvelope(api.get("/v2/room_compositionz"), 404, "10005");
        assertEnvelope(api.get("/v2/room_compositions/5219b3af-87c6-4c08-9b58-5a533d893e21/nothing"), 404, "10005");
        assertEnvelope(api.get("/"), 404, "10005");
        assertEnvelope(api.get("/index.html"), 404, "10005");
        // without a key nothing is routed at all, outside /v2 too: authentication is denied by default
        assertEnvelope(api.withKey(null).get("/"), 401, "10009");
        assertEnvelope(api.withKey(null).get("/index.html"), 401, "10009");
    }

    @Test
    void wrongMethodsAre405() {
        Response response = api.method("PUT", "/v2/room_compositions");
        assertEnvelope(response, 405, "10015");
        assertThat(response.error().path("detail").asString()).contains("GET").contains("POST");
        assertEnvelope(api.patch("/v2/room_compositions/5219b3af-87c6-4c08-9b58-5a533d893e21", "{}"), 405, "10015");
        assertEnvelope(api.post("/v2/room_recordings/5219b3af-87c6-4c08-9b58-5a533d893e21", "{}"), 405, "10015");
    }

    @Test
    void uploadsMustBeMultipart() {
        Response response = api.post("/v2/room_recordings", "{\"file\": \"x\"}");
        assertEnvelope(response, 415, "10015");
        Response garbled = api.post("/v2/room_recordings", "--nope\r\n".getBytes(StandardCharsets.UTF_8),
                "multipart/form-data; boundary=other");
        assertThat(garbled.status()).isIn(400, 422);
        assertThat(garbled.error().path("code").asString()).isIn("10015", "10004");
    }

    @Test
    void theRequestLineMayCarryBracketsRaw() {
        createRoom();
        ApiClient.Response raw = api.rawGet("/v2/rooms?page[size]=1&page[number]=1");
        assertThat(raw.status()).isEqualTo(200);
        assertThat(raw.json().path("meta").path("page_size").asInt()).isEqualTo(1);
    }

    private String createRoom() {
        Response created = api.post("/v2/rooms", "{}");
        assertThat(created.status()).isEqualTo(201);
        return created.data().path("id").asString();
    }

    private static void assertEnvelope(Response response, int status, String code) {
        assertThat(response.status()).as(response.toString()).isEqualTo(status);
        assertThat(response.headers().get("content-type")).as(response.toString()).startsWith("application/json");
        assertThat(response.error().path("code").asString()).as(response.toString()).isEqualTo(code);
        assertThat(response.error().path("title").asString()).isNotBlank();
        assertThat(response.body()).doesNotContain("Exception").doesNotContain("<html").doesNotContain("\tat ");
    }
}
