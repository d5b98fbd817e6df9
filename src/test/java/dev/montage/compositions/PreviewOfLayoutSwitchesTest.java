package dev.montage.compositions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.montage.support.ApiClient.Response;
import dev.montage.support.ApiTest;
import dev.montage.support.TestMedia;
import tools.jackson.databind.JsonNode;

/**
 * The preview shows the layouts that change over time before anything is rendered: who the active-speaker region
 * shows from when to when, and the phases of a region that expands into another while it is empty. The renders of
 * the same layouts are checked frame by frame in {@link ActiveSpeakerOutputTest} and {@link PhasedLayoutsTest};
 * here only the plan is read, so nothing is composed.
 */
class PreviewOfLayoutSwitchesTest extends ApiTest {

    private static final String STARTED_AT = "2024-05-01T10:00:00Z";

    @Test
    void theActiveSpeakerRegionSwitchesAtEachTurn() {
        String session = null;
        List<String> audio = new ArrayList<>();
        String[][] people = {{"red", "440", "0.5", "3"}, {"green", "660", "3.5", "6"}, {"blue", "880", "6.5", "9"}};
        for (String[] person : people) {
            Map<String, String> fields = new HashMap<>(Map.of("started_at", STARTED_AT,
                    "participant_context", person[0]));
            if (session != null) {
                fields.put("session_id", session);
            }
            JsonNode created = upload(api, TestMedia.talking(person[0], Integer.parseInt(person[1]), 9.5,
                    Double.parseDouble(person[2]), Double.parseDouble(person[3])), fields);
            session = created.path(0).path("session_id").asString();
            created.forEach(recording -> {
                if (recording.path("type").asString().equals("audio")) {
                    audio.add(recording.path("id").asString());
                }
            });
        }
        audio.forEach(id -> assertThat(awaitActivity(api, id).path("status").asString()).isEqualTo("analysed"));

        JsonNode preview = preview("""
                {"session_id": "%s", "resolution": "320x180",
                 "video_layout": {"speaker": {"focus": "active_speaker"}}}""".formatted(session));

        List<JsonNode> shown = entriesOf(preview, "speaker");
        assertThat(shown).extracting(entry -> entry.path("participant_context").asString())
                .containsExactly("red", "green", "blue");
        assertThat(shown.get(0).path("start_secs").asDouble()).isCloseTo(0, within(0.05));
        assertThat(shown.get(1).path("start_secs").asDouble()).as("green's turn").isCloseTo(3.5, within(0.3));
        assertThat(shown.get(2).path("start_secs").asDouble()).as("blue's turn").isCloseTo(6.5, within(0.3));
        assertThat(shown.get(0).path("end_secs").asDouble()).isEqualTo(shown.get(1).path("start_secs").asDouble());
        assertThat(shown.get(2).path("end_secs").asDouble()).isCloseTo(9.5, within(0.1));
        assertThat(preview.path("warnings").toString()).doesNotContain("still being analysed");
    }

    /** As {@link PhasedLayoutsTest}'s presentation: the cameras fill the frame except while alice shares. */
    @Test
    void theCamerasExpandIntoTheShareWhileNobodyShares() {
        JsonNode alice = upload(api, TestMedia.webm("red", 440, 25),
                Map.of("started_at", STARTED_AT, "participant_context", "alice"));
        String session = alice.path(0).path("session_id").asString();
        upload(api, TestMedia.webm("blue", 660, 24),
                Map.of("started_at", "2024-05-01T10:00:01Z", "session_id", session, "participant_context", "bob"));
        String shareId = upload(api, TestMedia.videoOnly("green", 10), Map.of("started_at", "2024-05-01T10:00:10Z",
                "session_id", session, "participant_id", alice.path(0).path("participant_id").asString()))
                .path(0).path("id").asString();

        JsonNode preview = preview("""
                {"session_id": "%s", "resolution": "320x180",
                 "video_layout": {
                   "share":   {"x_pos": 0, "y_pos": 0, "width": 240, "height": 180, "video_sources": ["%s"]},
                   "cameras": {"x_pos": 240, "y_pos": 0, "width": 80, "height": 180, "max_columns": 1,
                               "video_sources": ["*"], "video_sources_excluded": ["%s"], "expand_into": ["share"]}}}
                """.formatted(session, shareId, shareId));

        JsonNode cameras = region(preview, "cameras");
        List<String> phases = new ArrayList<>();
        cameras.path("phases").forEach(phase -> phases.add(Math.round(phase.path("start_secs").asDouble()) + "-"
                + Math.round(phase.path("end_secs").asDouble()) + " " + phase.path("x_pos").asInt() + ","
                + phase.path("width").asInt() + " " + phase.path("cells").size() + " cells"));
        assertThat(phases).containsExactly("0-10 0,320 2 cells", "10-20 240,80 2 cells", "20-25 0,320 2 cells");
        List<JsonNode> share = entriesOf(preview, "share");
        assertThat(share).hasSize(1);
        assertThat(share.get(0).path("recording_id").asString()).isEqualTo(shareId);
        assertThat(share.get(0).path("start_secs").asDouble()).isCloseTo(10, within(0.05));
        assertThat(share.get(0).path("end_secs").asDouble()).isCloseTo(20, within(0.05));
    }

    private JsonNode preview(String body) {
        Response response = api.post("/v2/room_compositions/preview", body);
        assertThat(response.status()).as("%s", response).isEqualTo(200);
        return response.data();
    }

    private static JsonNode region(JsonNode preview, String name) {
        for (JsonNode region : preview.path("regions")) {
            if (region.path("name").asString().equals(name)) {
                return region;
            }
        }
        throw new AssertionError("no region " + name + " in " + preview);
    }

    /** The region's timeline entries in time order. */
    private static List<JsonNode> entriesOf(JsonNode preview, String region) {
        List<JsonNode> entries = new ArrayList<>();
        preview.path("timeline").forEach(entry -> {
            if (entry.path("region").asString().equals(region)) {
                entries.add(entry);
            }
        });
        entries.sort((a, b) -> Double.compare(a.path("start_secs").asDouble(), b.path("start_secs").asDouble()));
        return entries;
    }
}
