package dev.montage.compositions;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.montage.support.ApiClient.Response;
import dev.montage.support.ApiTest;
import dev.montage.support.TestMedia;
import tools.jackson.databind.JsonNode;

/**
 * A preview refuses what a create refuses, with the same errors; refuses a bad {@code at} and an Accept it cannot
 * answer; and never creates anything.
 */
class CompositionPreviewValidationTest extends ApiTest {

    private static final String PREVIEW = "/v2/room_compositions/preview";

    private String session;

    @BeforeEach
    void twoSecondsOfAlice() {
        JsonNode alice = upload(api, TestMedia.webm("red", 440, 2),
                Map.of("started_at", "2024-05-01T10:00:00Z", "participant_context", "alice"));
        session = alice.path(0).path("session_id").asString();
    }

    @Test
    void aBadLayout_getsTheSameErrorsAsACreate() {
        String body = """
                {"session_id": "%s", "resolution": "320x240",
                 "video_layout": {"main": {"x_pos": 200, "width": 200, "reuse": "sometimes"}}}
                """.formatted(session);

        assertSameRefusalAsCreate(body);
    }

    @Test
    void anUnknownSession_getsTheSameErrorAsACreate() {
        assertSameRefusalAsCreate("""
                {"session_id": "6f1c1b1e-0000-4000-8000-000000000000", "video_layout": {"main": {}}}""");
    }

    @Test
    void malformedJson_getsTheSameErrorAsACreate() {
        assertSameRefusalAsCreate("{\"session_id\": ");
    }

    @Test
    void aRequestThatSelectsNothing_is422_sinceItsCompositionCouldOnlyFail() {
        Response answer = api.post(PREVIEW, """
                {"session_id": "%s", "video_layout": {"main": {"video_sources": ["nobody"]}}, "audio_sources": []}
                """.formatted(session));

        assertThat(answer.status()).as(answer.toString()).isEqualTo(422);
        assertThat(answer.error().path("code").asString()).isEqualTo("10015");
        assertThat(answer.error().path("source").path("pointer").asString()).isEqualTo("/session_id");
        assertThat(answer.error().path("detail").asString()).contains("nothing to compose");
        assertNothingCreated();
    }

    @Test
    void aBadAt_is422AtTheParameter() {
        String body = validBody();
        Map<String, String> svg = Map.of("Accept", "image/svg+xml");

        Response notANumber = api.send("POST", PREVIEW + "?at=soon", svg, body);
        assertThat(notANumber.status()).isEqualTo(422);
        assertThat(notANumber.error().path("code").asString()).isEqualTo("10026");
        assertThat(notANumber.error().path("source").path("parameter").asString()).isEqualTo("at");

        for (String at : new String[] {"-1", "99", "NaN", "1e3"}) {
            Response answer = api.send("POST", PREVIEW + "?at=" + at, svg, body);
            assertThat(answer.status()).as("at=%s: %s", at, answer).isEqualTo(422);
            assertThat(answer.error().path("source").path("parameter").asString()).isEqualTo("at");
        }
        Response beyond = api.send("POST", PREVIEW + "?at=99", svg, body);
        assertThat(beyond.error().path("code").asString()).isEqualTo("10033");
        assertThat(beyond.error().path("detail").asString()).contains("duration (2");
        assertNothingCreated();
    }

    @Test
    void anAcceptThatIsNeitherJsonNorSvg_is406InTheEnvelope() {
        for (String accept : new String[] {"text/html", "image/png", "application/json;q=0, image/svg+xml;q=0",
                "not a media type"}) {
            Response answer = api.send("POST", PREVIEW, Map.of("Accept", accept), validBody());
            assertThat(answer.status()).as("Accept %s: %s", accept, answer).isEqualTo(406);
            assertThat(answer.headers().get("content-type")).startsWith("application/json");
            assertThat(answer.error().path("code").asString()).isEqualTo("10015");
            assertThat(answer.error().path("detail").asString()).contains("application/json or image/svg+xml");
        }
    }

    @Test
    void accept_choosesJsonOrSvg_jsonWithoutAPreference() {
        assertThat(api.post(PREVIEW, validBody()).headers().get("content-type")).startsWith("application/json");
        assertThat(api.send("POST", PREVIEW, Map.of("Accept", "*/*"), validBody()).headers().get("content-type"))
                .startsWith("application/json");
        Response svg = api.send("POST", PREVIEW, Map.of("Accept", "application/json;q=0.5, image/*"), validBody());
        assertThat(svg.status()).isEqualTo(200);
        assertThat(svg.headers().get("content-type")).startsWith("image/svg+xml");
        assertThat(svg.body()).contains("<svg", "data-at-secs=\"0\"");
        assertNothingCreated();
    }

    @Test
    void aPreviewWithAnIdempotencyKey_answersThePlanAgainAndCreatesNothing() {
        Map<String, String> key = Map.of("Idempotency-Key", "preview-1");
        Response first = api.send("POST", PREVIEW, key, validBody());
        Response again = api.send("POST", PREVIEW, key, validBody());

        assertThat(first.status()).isEqualTo(200);
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.body()).isEqualTo(first.body());
        assertNothingCreated();
    }

    private String validBody() {
        return """
                {"session_id": "%s", "resolution": "320x240", "video_layout": {"main": {"video_sources": ["*"]}}}
                """.formatted(session);
    }

    /** The preview answers what the create answers, and neither creates anything. */
    private void assertSameRefusalAsCreate(String body) {
        Response created = api.post("/v2/room_compositions", body);
        Response previewed = api.post(PREVIEW, body);

        assertThat(created.status()).as(created.toString()).isBetween(400, 499);
        assertThat(previewed.status()).isEqualTo(created.status());
        assertThat(previewed.json()).isEqualTo(created.json());
        assertNothingCreated();
    }

    private void assertNothingCreated() {
        assertThat(api.get("/v2/room_compositions").data()).isEmpty();
    }
}
