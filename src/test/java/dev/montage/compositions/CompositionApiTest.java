package dev.montage.compositions;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import dev.montage.support.ApiClient.Response;
import dev.montage.support.ApiTest;
import tools.jackson.databind.JsonNode;

/** The four composition endpoints, as room-compositions-api.txt describes them. */
class CompositionApiTest extends ApiTest {

    private static final String TIMESTAMP = "\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{6}Z";

    @Test
    void createAnswers202EnqueuedAndEchoesTheRequest() {
        TwoParticipantSession session = twoParticipantSession(api);
        String video = session.recording(session.alice(), "video");
        Response response = api.post("/v2/room_compositions", """
                {"session_id": "%s", "resolution": "800x600", "format": "mp4",
                 "video_layout": {"main": {"x_pos": 0, "y_pos": 0, "width": 800, "height": 600, "z_pos": 1,
                                           "max_rows": 2, "max_columns": 3, "video_sources": ["*"]},
                                  "pip": {"x_pos": 600, "y_pos": 450, "width": 200, "height": 150, "z_pos": 2,
                                          "video_sources": ["%s"], "reuse": "show_newest", "cells_excluded": [1],
                                          "video_sources_excluded": ["%s"]}},
                 "audio_sources_excluded": ["%s"], "trim": false,
                 "webhook_event_url": "https://example.com/hook", "webhook_event_failover_url": "https://failover.example.com",
                 "webhook_timeout_secs": 25}
                """.formatted(session.sessionId(), video, session.participant(session.bob()),
                session.participant(session.bob())));

        assertThat(response.status()).isEqualTo(202);
        assertThat(response.headers().get("content-type")).startsWith("application/json");
        JsonNode data = response.data();
        assertThat(data.path("status").asString()).isEqualTo("enqueued");
        assertThat(data.path("download_url").isNull()).isTrue();
        assertThat(data.path("record_type").asString()).isEqualTo("composition");
        assertThat(data.path("session_id").asString()).isEqualTo(session.sessionId());
        assertThat(data.path("room_id").asString()).isEqualTo(session.roomId());
        assertThat(data.path("resolution").asString()).isEqualTo("800x600");
        assertThat(data.path("format").asString()).isEqualTo("mp4");
        assertThat(data.path("user_id").asString()).matches("[0-9a-f-]{36}");
        assertThat(data.path("created_at").asString()).matches(TIMESTAMP);
        assertThat(data.path("updated_at").asString()).matches(TIMESTAMP);
        assertThat(data.path("completed_at").isNull()).isTrue();
        assertThat(data.path("webhook_event_url").asString()).isEqualTo("https://example.com/hook");
        assertThat(data.path("webhook_event_failover_url").asString()).isEqualTo("https://failover.example.com");
        assertThat(data.path("webhook_timeout_secs").asInt()).isEqualTo(25);
        assertThat(data.path("progress_percent").asInt()).isZero();
        assertThat(data.path("trim").asBoolean()).isFalse();
        assertThat(data.path("audio_sources").toString()).isEqualTo("[\"*\"]");
        assertThat(data.path("audio_sources_excluded").get(0).asString()).isEqualTo(session.participant(session.bob()));

        JsonNode main = data.path("video_layout").path("main");
        assertThat(main.path("width").asInt()).isEqualTo(800);
        assertThat(main.path("max_rows").asInt()).isEqualTo(2);
        assertThat(main.path("max_columns").asInt()).isEqualTo(3);
        assertThat(main.path("z_pos").asInt()).isEqualTo(1);
        assertThat(main.path("reuse").asString()).isEqualTo("show_oldest");
        JsonNode pip = data.path("video_layout").path("pip");
        assertThat(pip.path("x_pos").asInt()).isEqualTo(600);
        assertThat(pip.path("video_sources").get(0).asString()).isEqualTo(video);
        assertThat(pip.path("reuse").asString()).isEqualTo("show_newest");
        assertThat(pip.path("cells_excluded").toString()).isEqualTo("[1]");
        assertThat(pip.path("max_rows").isNull()).isTrue();

        // what GET answers is what POST answered
        Response fetched = api.get("/v2/room_compositions/" + data.path("id").asString());
        assertThat(fetched.status()).isEqualTo(200);
        assertThat(fetched.data()).isEqualTo(data);
    }

    @Test
    void defaultsFillEverythingButTheSession() {
        TwoParticipantSession session = twoParticipantSession(api);
        JsonNode data = api.post("/v2/room_compositions", "{\"session_id\":\"" + session.sessionId() + "\"}").data();
        assertThat(data.path("resolution").asString()).isEqualTo("1280x720");
        assertThat(data.path("format").asString()).isEqualTo("mp4");
        assertThat(data.path("trim").asBoolean()).isTrue();
        assertThat(data.path("webhook_event_url").isNull()).isTrue();
        assertThat(data.path("webhook_event_failover_url").asString()).isEmpty();
        assertThat(data.path("webhook_timeout_secs").isNull()).isTrue();
        JsonNode region = data.path("video_layout").path("default");
        assertThat(region.path("x_pos").asInt()).isZero();
        assertThat(region.path("width").asInt()).isEqualTo(1280);
        assertThat(region.path("height").asInt()).isEqualTo(720);
        assertThat(region.path("video_sources").toString()).isEqualTo("[\"*\"]");
    }

    @Test
    void explicitNullsMeanDefaults() {
        TwoParticipantSession session = twoParticipantSession(api);
        Response response = api.post("/v2/room_compositions", """
                {"session_id":"%s","resolution":null,"format":null,"video_layout":null,"webhook_timeout_secs":null,
                 "trim":null,"some_unknown_field":{"ignored":true}}""".formatted(session.sessionId()));
        assertThat(response.status()).isEqualTo(202);
        assertThat(response.data().path("resolution").asString()).isEqualTo("1280x720");
        assertThat(response.data().path("video_layout").path("default").isObject()).isTrue();
        assertThat(response.data().has("some_unknown_field")).isFalse();
    }

    @Test
    void participantIdsMayNameVideoSources() {
        TwoParticipantSession session = twoParticipantSession(api);
        Response response = api.post("/v2/room_compositions", """
                {"session_id":"%s","video_layout":{"r":{"video_sources":["%s"]}}}"""
                .formatted(session.sessionId(), session.participant(session.alice())));
        assertThat(response.status()).isEqualTo(202);
        JsonNode region = response.data().path("video_layout").path("r");
        assertThat(region.path("video_sources").get(0).asString()).isEqualTo(session.participant(session.alice()));
        assertThat(region.path("width").asInt()).isEqualTo(1280);
        assertThat(region.path("video_sources_excluded").size()).isZero();
    }

    @Test
    void deleteAnswers204AndTheCompositionIsGone() {
        TwoParticipantSession session = twoParticipantSession(api);
        String id = api.post("/v2/room_compositions", "{\"session_id\":\"" + session.sessionId() + "\"}")
                .data().path("id").asString();
        Response deleted = api.delete("/v2/room_compositions/" + id);
        assertThat(deleted.status()).isEqualTo(204);
        assertThat(deleted.body()).isEmpty();
        Response gone = api.get("/v2/room_compositions/" + id);
        assertThat(gone.status()).isEqualTo(404);
        assertThat(gone.error().path("code").asString()).isEqualTo("10005");
        assertThat(api.delete("/v2/room_compositions/" + id).status()).isEqualTo(404);
        assertThat(api.get("/v2/room_compositions").json().path("meta").path("total_results").asInt()).isZero();
    }

    @Test
    void listPagesThroughEveryCompositionExactlyOnce() {
        TwoParticipantSession session = twoParticipantSession(api);
        Set<String> created = new HashSet<>();
        for (int i = 0; i < 7; i++) {
            created.add(api.post("/v2/room_compositions", "{\"session_id\":\"" + session.sessionId() + "\"}")
                    .data().path("id").asString());
        }
        List<String> seen = new ArrayList<>();
        for (int page = 1; page <= 3; page++) {
            Response response = api.get("/v2/room_compositions?page%5Bsize%5D=3&page%5Bnumber%5D=" + page);
            assertThat(response.status()).isEqualTo(200);
            JsonNode meta = response.json().path("meta");
            assertThat(meta.path("page_number").asInt()).isEqualTo(page);
            assertThat(meta.path("page_size").asInt()).isEqualTo(3);
            assertThat(meta.path("total_pages").asInt()).isEqualTo(3);
            assertThat(meta.path("total_results").asInt()).isEqualTo(7);
            response.data().forEach(c -> seen.add(c.path("id").asString()));
        }
        assertThat(seen).hasSize(7).containsExactlyInAnyOrderElementsOf(created);
        assertThat(api.get("/v2/room_compositions?page[size]=3&page[number]=4".replace("[", "%5B").replace("]", "%5D"))
                .data().size()).isZero();
        JsonNode defaults = api.get("/v2/room_compositions").json().path("meta");
        assertThat(defaults.path("page_number").asInt()).isEqualTo(1);
        assertThat(defaults.path("page_size").asInt()).isEqualTo(20);
        assertThat(defaults.path("total_pages").asInt()).isEqualTo(1);
    }

    @Test
    void badQueryValuesAnswer422WithTheParameter() {
        assertQueryProblem("filter%5Bstatus%5D=done", "filter[status]", "10032");
        assertQueryProblem("filter%5Bsession_id%5D=abc", "filter[session_id]", "10026");
        assertQueryProblem("filter%5Bdate_created_at%5D%5Beq%5D=2024-13-01", "filter[date_created_at][eq]", "10026");
        assertQueryProblem("page%5Bsize%5D=0", "page[size]", "10033");
        assertQueryProblem("page%5Bsize%5D=251", "page[size]", "10033");
        assertQueryProblem("page%5Bnumber%5D=0", "page[number]", "10033");
        assertQueryProblem("page%5Bnumber%5D=first", "page[number]", "10026");
        Response raw = api.rawGet("/v2/room_compositions?page[size]=999");
        assertThat(raw.status()).isEqualTo(422);
        assertThat(raw.error().path("source").path("parameter").asString()).isEqualTo("page[size]");
    }

    private void assertQueryProblem(String query, String parameter, String code) {
        Response response = api.get("/v2/room_compositions?" + query);
        assertThat(response.status()).as(query).isEqualTo(422);
        assertThat(response.error().path("code").asString()).as(query).isEqualTo(code);
        assertThat(response.error().path("source").path("parameter").asString()).as(query).isEqualTo(parameter);
        assertThat(response.error().path("detail").asString()).as(query).isNotBlank();
    }
}
