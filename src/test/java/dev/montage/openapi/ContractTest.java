package dev.montage.openapi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

import dev.montage.support.ApiClient;
import dev.montage.support.ApiClient.Response;
import dev.montage.support.ApiTest;
import dev.montage.support.ContractValidator;
import dev.montage.support.TestMedia;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import tools.jackson.databind.JsonNode;

/**
 * The OpenAPI document and the service cannot disagree: every {@code /v2} route is in the document and every
 * operation of the document is a route; each operation is called with a valid request (checked against the document
 * before it is sent) and its answer checked, success and the main errors (401, 404, 422). {@link ApiClient} checks
 * every answer of every other API test the same way; the rate limits' 429 is checked by the rate-limit tests.
 */
class ContractTest extends ApiTest {

    private static final String MISSING = "/" + UUID.randomUUID();

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    private RequestMappingHandlerMapping routes;

    @Test
    void everyV2RouteIsAnOperationOfTheDocumentAndEveryOperationARoute() throws IOException {
        Set<String> served = new TreeSet<>();
        for (RequestMappingInfo route : routes.getHandlerMethods().keySet()) {
            for (String pattern : route.getPatternValues()) {
                if (pattern.startsWith("/v2/")) {
                    route.getMethodsCondition().getMethods()
                            .forEach(method -> served.add(method.name() + " " + anyVariable(pattern)));
                }
            }
        }
        OpenAPI document = document();
        String base = document.getServers().get(0).getUrl();
        Set<String> described = new TreeSet<>();
        document.getPaths().forEach((path, item) -> item.readOperationsMap()
                .forEach((method, operation) -> described.add(method.name() + " " + anyVariable(base + path))));

        assertThat(described).isEqualTo(served);
    }

    @Test
    void theDocumentParsesWithoutWarningsAndMarksEveryExtension() throws IOException {
        SwaggerParseResult parsed = new OpenAPIV3Parser().readContents(Files.readString(ContractValidator.DOCUMENT));
        assertThat(parsed.getMessages()).isEmpty();
        OpenAPI document = parsed.getOpenAPI();

        Set<String> marked = new TreeSet<>();
        document.getPaths().forEach((path, item) -> item.readOperationsMap().forEach((method, operation) -> {
            if (isExtension(operation.getExtensions())) {
                marked.add(method + " " + path);
            }
        }));
        document.getComponents().getSchemas().forEach((name, schema) -> {
            if (isExtension(schema.getExtensions())) {
                marked.add(name);
            }
            if (schema.getProperties() != null) {
                schema.getProperties().forEach((property, value) -> {
                    if (isExtension(((Schema<?>) value).getExtensions())) {
                        marked.add(name + "." + property);
                    }
                });
            }
        });
        document.getComponents().getParameters().forEach((name, parameter) -> {
            if (isExtension(parameter.getExtensions())) {
                marked.add(parameter.getIn() + " " + parameter.getName());
            }
        });
        document.getComponents().getResponses().forEach((name, response) -> {
            if (isExtension(response.getExtensions())) {
                marked.add("response " + name);
            }
        });

        // DESIGN.md §5 and docs/api.md: what Montage adds to the Telnyx API
        assertThat(marked).containsExactlyInAnyOrder(
                "POST /room_recordings", "GET /room_compositions/{room_composition_id}/media",
                "GET /room_compositions/{room_composition_id}/webhook_deliveries", "GET /webhooks/public_key",
                "WebhookDelivery", "header Idempotency-Key",
                "GET /room_recordings/{room_recording_id}/activity", "RoomRecordingActivity", "response TooManyRequests",
                "response IdempotencyInProgress",
                "CreateRoomCompositionRequest.audio_sources", "CreateRoomCompositionRequest.audio_sources_excluded",
                "CreateRoomCompositionRequest.trim",
                "RoomComposition.progress_percent", "RoomComposition.failure_reason",
                "RoomComposition.audio_sources", "RoomComposition.audio_sources_excluded", "RoomComposition.trim",
                "VideoRegionRequest.video_sources_excluded", "VideoRegionRequest.cells_excluded",
                "VideoRegionRequest.reuse", "VideoRegion.video_sources_excluded", "VideoRegion.cells_excluded",
                "VideoRegion.reuse", "RoomRecording.track_name",
                "VideoRegionRequest.adaptive_grid", "VideoRegionRequest.exclude_shown_in", "VideoRegionRequest.expand_into",
                "VideoRegion.adaptive_grid", "VideoRegion.exclude_shown_in", "VideoRegion.expand_into",
                "VideoRegionRequest.focus", "VideoRegionRequest.min_dominance_ms", "VideoRegionRequest.min_hold_ms",
                "VideoRegion.focus", "VideoRegion.min_dominance_ms", "VideoRegion.min_hold_ms",

                // issue 11, labels and look
                "CreateRoomCompositionRequest.background_color", "RoomComposition.background_color",
                "VideoRegionRequest.show_labels", "VideoRegionRequest.cell_spacing", "VideoRegion.show_labels",
                "VideoRegion.cell_spacing",

                // issue 12, the composition preview
                "POST /room_compositions/preview", "RoomCompositionPreview",

                // issue 12, pictures of real output
                "GET /room_compositions/{room_composition_id}/thumbnail",
                "GET /room_compositions/{room_composition_id}/storyboard",
                "GET /room_compositions/{room_composition_id}/storyboard/image", "RoomCompositionStoryboard",
                "query frames", "query width", "response PicturesBusy",

                // issue 13, composition hooks
                "GET /room_composition_hooks", "POST /room_composition_hooks",
                "GET /room_composition_hooks/{composition_hook_id}",
                "PATCH /room_composition_hooks/{composition_hook_id}",
                "DELETE /room_composition_hooks/{composition_hook_id}", "CompositionHookRequest", "CompositionHook",
                "CompositionHookResponse", "RoomComposition.composition_hook_id",

                // issue 14, quality levels
                "CreateRoomCompositionRequest.quality", "RoomComposition.quality");
        assertThat(document.getInfo().getDescription()).contains("x-montage-extension: true");
    }

    @Test
    void anAnswerTheDocumentDoesNotDescribeFailsTheTestThatGotIt() {
        URI room = URI.create("http://127.0.0.1:" + port + "/v2/rooms/" + UUID.randomUUID());
        Map<String, List<String>> json = Map.of("Content-Type", List.of("application/json"));

        assertThatThrownBy(() -> ContractValidator.checkResponse("GET", room, 200, json, "{\"data\":{\"id\":\"x\"}}"))
                .as("a room without its fields").isInstanceOf(AssertionError.class).hasMessageContaining("contradicts");
        assertThatThrownBy(() -> ContractValidator.checkResponse("GET", room, 404, json, "{\"message\":\"gone\"}"))
                .as("an error outside the envelope").isInstanceOf(AssertionError.class);
        assertThatThrownBy(() -> ContractValidator.checkResponse("DELETE", room, 204, json, "{\"data\":{}}"))
                .as("a body on a 204").isInstanceOf(AssertionError.class);
        assertThatThrownBy(() -> ContractValidator.checkRequest("GET",
                URI.create("http://127.0.0.1:" + port + "/v2/rooms?page%5Bsize%5D=0"),
                Map.of("Authorization", List.of("Bearer KEYx")), null))
                .as("a request outside the document").isInstanceOf(AssertionError.class);
    }

    @Test
    void roomsSessionsParticipantsAndRecordings() {
        ApiClient strict = api.strict();
        String roomId = strict.post("/v2/rooms", """
                {"unique_name":"contract","max_participants":4,"enable_recording":true,
                 "webhook_event_url":"https://example.com/hooks","webhook_timeout_secs":5}""").data().path("id")
                .asString();
        Response upload = strict.upload("/v2/room_recordings", TestMedia.webm("red", 440, 1),
                "track.webm", Map.of("started_at", "2024-05-01T10:00:00Z", "room_id", roomId,
                        "participant_context", "alice"));
        assertThat(upload.status()).as("%s", upload).isEqualTo(201);
        String sessionId = upload.data().path(0).path("session_id").asString();
        String participantId = upload.data().path(0).path("participant_id").asString();
        String recordingId = upload.data().path(0).path("id").asString();

        assertOk(strict.get("/v2/rooms?filter[unique_name]=contract&page[number]=1&page[size]=5"
                .replace("[", "%5B").replace("]", "%5D")), 200);
        assertOk(strict.get("/v2/rooms/" + roomId + "?include_sessions=true"), 200);
        assertOk(strict.patch("/v2/rooms/" + roomId, "{\"max_participants\":5}"), 200);
        assertOk(strict.get("/v2/rooms/" + roomId + "/sessions?include_participants=true"), 200);
        assertOk(strict.get("/v2/room_sessions?filter%5Broom_id%5D=" + roomId
                + "&filter%5Bdate_created_at%5D%5Bgte%5D=2024-05-01&include_participants=true"), 200);
        assertOk(strict.get("/v2/room_sessions/" + sessionId + "?include_participants=true"), 200);
        assertOk(strict.get("/v2/room_sessions/" + sessionId + "/participants?filter%5Bcontext%5D=alice"), 200);
        assertOk(strict.get("/v2/room_participants?filter%5Bsession_id%5D=" + sessionId), 200);
        assertOk(strict.get("/v2/room_participants/" + participantId), 200);
        assertOk(strict.get("/v2/room_recordings?filter%5Bsession_id%5D=" + sessionId
                + "&filter%5Btype%5D=video&filter%5Bduration_secs%5D=0"), 200);
        assertOk(strict.get("/v2/room_recordings/" + recordingId), 200);
        for (JsonNode recording : upload.data()) {
            // the audio recording's speech activity; the video one's is a 404 that says why
            assertOk(strict.get("/v2/room_recordings/" + recording.path("id").asString() + "/activity"),
                    recording.path("type").asString().equals("audio") ? 200 : 404);
        }
        assertOk(strict.post("/v2/room_sessions/" + sessionId + "/actions/end", ""), 200);
        assertOk(strict.get("/v2/webhooks/public_key"), 200);
        assertOk(strict.delete("/v2/room_recordings/" + recordingId), 204);
        assertOk(strict.delete("/v2/room_recordings?filter%5Bsession_id%5D=" + sessionId), 201);
        assertOk(strict.delete("/v2/rooms/" + roomId), 204);
    }

    @Test
    void compositionsFromCreationToDownloadAndDeletion() {
        TwoParticipantSession session = twoParticipantSession(api);
        ApiClient strict = api.strict();
        Response created = strict.send("POST", "/v2/room_compositions", Map.of("Idempotency-Key", "contract-1"), """
                {"session_id":"%s","resolution":"320x240","webhook_event_url":"https://example.com/hooks",
                 "video_layout":{"main":{"x_pos":0,"y_pos":0,"z_pos":1,"width":320,"height":240,"max_rows":2,
                   "video_sources":["*"],"video_sources_excluded":[],"cells_excluded":[3],"reuse":"show_newest"}},
                 "audio_sources":["*"],"audio_sources_excluded":[],"trim":true}""".formatted(session.sessionId()));
        assertOk(created, 202);
        String id = created.data().path("id").asString();

        JsonNode done = awaitFinished(strict, id, 120);
        assertThat(done.path("status").asString()).isEqualTo("completed");
        assertOk(strict.get("/v2/room_compositions?filter%5Bstatus%5D=completed&filter%5Bsession_id%5D="
                + session.sessionId() + "&filter%5Bdate_created_at%5D%5Beq%5D=" + done.path("created_at").asString()
                        .substring(0, 10)), 200);
        String link = done.path("download_url").asString();
        Response media = api.withKey(null).strict().get(link.substring(link.indexOf("/v2/")));
        assertOk(media, 200);
        assertThat(media.headers().get("content-type")).isEqualTo("video/mp4");
        assertOk(strict.get("/v2/room_compositions/" + id + "/webhook_deliveries?page%5Bsize%5D=10"), 200);
        assertOk(strict.delete("/v2/room_compositions/" + id), 204);
    }

    @Test
    void everyOperationAnswers401WithoutAKey() {
        ApiClient anonymous = api.withKey(null);
        String id = "/" + UUID.randomUUID();
        List<Response> answers = List.of(
                anonymous.get("/v2/rooms"), anonymous.post("/v2/rooms", "{}"), anonymous.get("/v2/rooms" + id),
                anonymous.patch("/v2/rooms" + id, "{}"), anonymous.delete("/v2/rooms" + id),
                anonymous.get("/v2/rooms" + id + "/sessions"), anonymous.get("/v2/room_sessions"),
                anonymous.get("/v2/room_sessions" + id), anonymous.get("/v2/room_sessions" + id + "/participants"),
                anonymous.post("/v2/room_sessions" + id + "/actions/end", ""), anonymous.get("/v2/room_participants"),
                anonymous.get("/v2/room_participants" + id), anonymous.get("/v2/room_recordings"),
                anonymous.delete("/v2/room_recordings"), anonymous.get("/v2/room_recordings" + id),
                anonymous.delete("/v2/room_recordings" + id), anonymous.get("/v2/room_recordings" + id + "/activity"),
                anonymous.upload("/v2/room_recordings", new byte[] {1}, "x.webm", Map.of()),
                anonymous.get("/v2/room_compositions"), anonymous.post("/v2/room_compositions", "{}"),
                anonymous.get("/v2/room_compositions" + id), anonymous.delete("/v2/room_compositions" + id),
                anonymous.get("/v2/room_compositions" + id + "/webhook_deliveries"),
                anonymous.get("/v2/room_compositions" + id + "/thumbnail"),
                anonymous.get("/v2/room_compositions" + id + "/storyboard"),
                anonymous.get("/v2/room_compositions" + id + "/storyboard/image"),
                anonymous.get("/v2/webhooks/public_key"));

        assertThat(answers).allSatisfy(answer -> {
            assertThat(answer.status()).as("%s", answer).isEqualTo(401);
            assertThat(answer.headers().get("www-authenticate")).isEqualTo("Bearer");
        });
    }

    @Test
    void everyOperationOnAMissingResourceAnswers404() {
        ApiClient strict = api.strict();
        List<Response> answers = List.of(
                strict.get("/v2/rooms" + MISSING), strict.patch("/v2/rooms" + MISSING, "{}"),
                strict.delete("/v2/rooms" + MISSING), strict.get("/v2/rooms" + MISSING + "/sessions"),
                strict.get("/v2/room_sessions" + MISSING), strict.get("/v2/room_sessions" + MISSING + "/participants"),
                strict.post("/v2/room_sessions" + MISSING + "/actions/end", ""),
                strict.get("/v2/room_participants" + MISSING), strict.get("/v2/room_recordings" + MISSING),
                strict.delete("/v2/room_recordings" + MISSING), strict.get("/v2/room_recordings" + MISSING + "/activity"),
                strict.get("/v2/room_compositions" + MISSING),
                strict.delete("/v2/room_compositions" + MISSING),
                strict.get("/v2/room_compositions" + MISSING + "/webhook_deliveries"),
                strict.get("/v2/room_compositions" + MISSING + "/thumbnail"),
                strict.get("/v2/room_compositions" + MISSING + "/storyboard"),
                strict.get("/v2/room_compositions" + MISSING + "/storyboard/image"),
                api.get("/v2/room_compositions/not-a-uuid"));

        assertThat(answers).allSatisfy(answer -> {
            assertThat(answer.status()).as("%s", answer).isEqualTo(404);
            assertThat(answer.error().path("code").asString()).isEqualTo("10005");
        });
    }

    @Test
    void invalidRequestsAnswer422Or400InTheEnvelope() {
        String room = api.post("/v2/rooms", "{}").data().path("id").asString();
        List<Response> unprocessable = List.of(
                api.get("/v2/rooms?page%5Bsize%5D=0"), api.get("/v2/room_sessions?filter%5Bactive%5D=maybe"),
                api.get("/v2/room_participants?filter%5Bdate_joined_at%5D%5Beq%5D=yesterday"),
                api.get("/v2/room_recordings?filter%5Btype%5D=screen"),
                api.delete("/v2/room_recordings?filter%5Bsession_id%5D=nope"),
                api.get("/v2/room_compositions?filter%5Bstatus%5D=lost"),
                api.post("/v2/room_compositions", "{\"session_id\":\"" + UUID.randomUUID() + "\",\"format\":\"avi\"}"),
                api.post("/v2/rooms", "{\"max_participants\":51}"),
                api.patch("/v2/rooms/" + room, "{\"webhook_event_url\":\"not a url\"}"),
                api.upload("/v2/room_recordings", TestMedia.webm("red", 440, 1), "track.webm",
                        Map.of("started_at", "yesterday")));
        assertThat(unprocessable).allSatisfy(answer -> assertThat(answer.status()).as("%s", answer).isEqualTo(422));

        Response malformed = api.post("/v2/room_compositions", "{\"session_id\":");
        assertThat(malformed.status()).as("%s", malformed).isEqualTo(400);
        Response emptyKey = api.send("POST", "/v2/rooms", Map.of("Idempotency-Key", "k".repeat(256)), "{}");
        assertThat(emptyKey.status()).as("%s", emptyKey).isEqualTo(400);
    }

    private static boolean isExtension(Map<String, Object> extensions) {
        return extensions != null && Boolean.TRUE.equals(extensions.get("x-montage-extension"));
    }

    private static OpenAPI document() throws IOException {
        return new OpenAPIV3Parser().readContents(Files.readString(ContractValidator.DOCUMENT)).getOpenAPI();
    }

    private static void assertOk(Response answer, int status) {
        assertThat(answer.status()).as("%s", answer).isEqualTo(status);
    }

    /** {@code /v2/rooms/{roomId}} and {@code /v2/rooms/{room_id}} are one route. */
    private static String anyVariable(String path) {
        return path.replaceAll("\\{[^}]+}", "{}");
    }
}
