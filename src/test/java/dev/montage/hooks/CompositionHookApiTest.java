package dev.montage.hooks;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;

import org.junit.jupiter.api.Test;

import dev.montage.support.ApiClient;
import dev.montage.support.ApiClient.Response;
import dev.montage.support.ApiTest;
import dev.montage.support.Frames;
import dev.montage.support.Rgb;
import dev.montage.support.TestMedia;
import tools.jackson.databind.JsonNode;

/**
 * {@code /v2/room_composition_hooks}: the resource itself, and the compositions a hook makes when a session ends
 * (one per enabled hook and session, however many times or from however many threads the session is ended).
 */
class CompositionHookApiTest extends ApiTest {

    private static final String GRID_HOOK = """
            {"friendly_name": "grid", "resolution": "160x120",
             "video_layout": {"main": {"x_pos": 0, "y_pos": 0, "width": 160, "height": 120, "video_sources": ["*"]}}}
            """;

    @Test
    void hooksAreCreatedReadListedChangedAndDeletedInTheirAccountOnly() {
        Response created = api.post("/v2/room_composition_hooks", GRID_HOOK);
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        JsonNode hook = created.data();
        String id = hook.path("id").asString();
        assertThat(hook.path("record_type").asString()).isEqualTo("composition_hook");
        assertThat(hook.path("friendly_name").asString()).isEqualTo("grid");
        assertThat(hook.path("enabled").asBoolean()).as("enabled by default").isTrue();
        assertThat(hook.path("resolution").asString()).isEqualTo("160x120");
        assertThat(hook.path("video_layout").path("main").path("width").asInt()).isEqualTo(160);
        assertThat(api.get("/v2/room_composition_hooks/" + id).data()).isEqualTo(hook);

        Response changed = api.patch("/v2/room_composition_hooks/" + id,
                "{\"enabled\": false, \"friendly_name\": \"off\", \"resolution\": null}");
        assertThat(changed.status()).as(changed.body()).isEqualTo(200);
        assertThat(changed.data().path("enabled").asBoolean()).isFalse();
        assertThat(changed.data().path("friendly_name").asString()).isEqualTo("off");
        assertThat(changed.data().has("resolution")).as("null: back to the default").isFalse();
        assertThat(changed.data().path("video_layout")).as("untouched").isEqualTo(hook.path("video_layout"));

        api.post("/v2/room_composition_hooks", GRID_HOOK);
        JsonNode enabledOnes = api.get("/v2/room_composition_hooks?filter[enabled]=true").json();
        assertThat(enabledOnes.path("meta").path("total_results").asInt()).isEqualTo(1);
        assertThat(enabledOnes.path("data").path(0).path("friendly_name").asString()).isEqualTo("grid");
        JsonNode all = api.get("/v2/room_composition_hooks?page[size]=1").json();
        assertThat(all.path("meta").path("total_pages").asInt()).isEqualTo(2);

        ApiClient other = newAccountClient();
        assertThat(other.get("/v2/room_composition_hooks/" + id).status()).isEqualTo(404);
        assertThat(other.patch("/v2/room_composition_hooks/" + id, "{\"enabled\": true}").status()).isEqualTo(404);
        assertThat(other.delete("/v2/room_composition_hooks/" + id).status()).isEqualTo(404);
        assertThat(other.get("/v2/room_composition_hooks").json().path("meta").path("total_results").asInt())
                .isZero();
        assertThat(api.get("/v2/room_composition_hooks/not-a-uuid").status()).isEqualTo(404);

        assertThat(api.delete("/v2/room_composition_hooks/" + id).status()).isEqualTo(204);
        assertThat(api.get("/v2/room_composition_hooks/" + id).status()).isEqualTo(404);
    }

    @Test
    void anInvalidHookIsRefusedWithEveryProblemAndNothingStored() {
        Response bad = api.post("/v2/room_composition_hooks", """
                {"enabled": "yes", "resolution": "160x120",
                 "video_layout": {"main": {"x_pos": 100, "y_pos": 0, "width": 160, "height": 120}}}
                """);
        assertThat(bad.status()).as(bad.body()).isEqualTo(422);
        List<String> pointers = new ArrayList<>();
        bad.json().path("errors").forEach(e -> pointers.add(e.path("source").path("pointer").asString()));
        assertThat(pointers).contains("/friendly_name", "/enabled");
        assertThat(pointers).anyMatch(p -> p.startsWith("/video_layout/main"));

        Response sessionSource = api.post("/v2/room_composition_hooks", """
                {"friendly_name": "x", "audio_sources": ["4b0e5e4c-0000-4000-8000-000000000000"]}
                """);
        assertThat(sessionSource.status()).as("no session's recording can be named before it exists")
                .isEqualTo(422);
        assertThat(api.get("/v2/room_composition_hooks").json().path("meta").path("total_results").asInt())
                .isZero();

        String id = api.post("/v2/room_composition_hooks", GRID_HOOK).data().path("id").asString();
        Response badPatch = api.patch("/v2/room_composition_hooks/" + id, "{\"resolution\": \"wide\"}");
        assertThat(badPatch.status()).isEqualTo(422);
        assertThat(badPatch.error().path("source").path("pointer").asString()).isEqualTo("/resolution");
        assertThat(api.get("/v2/room_composition_hooks/" + id).data().path("resolution").asString())
                .as("unchanged").isEqualTo("160x120");
    }

    /**
     * One red participant for 2 s; three hooks: the grid (renders the red picture), one disabled (makes nothing),
     * one whose sources match nothing (its composition is made and fails with the reason, as a create would).
     */
    @Test
    void endingASessionMakesOneCompositionPerEnabledHookOnceEvenWhenEndedTwice() {
        String grid = api.post("/v2/room_composition_hooks", GRID_HOOK).data().path("id").asString();
        api.post("/v2/room_composition_hooks", "{\"friendly_name\": \"off\", \"enabled\": false}");
        String nobody = api.post("/v2/room_composition_hooks", """
                {"friendly_name": "nobody", "resolution": "160x120", "audio_sources": ["nobody*"],
                 "video_layout": {"main": {"video_sources": ["nobody*"]}}}
                """).data().path("id").asString();
        String sessionId = upload(api, TestMedia.webm("red", 440, 2), Map.of("started_at", "2024-05-01T10:00:00Z"))
                .path(0).path("session_id").asString();
        assertThat(compositionsOf(sessionId)).as("nothing before the end").isEmpty();

        assertThat(api.post("/v2/room_sessions/" + sessionId + "/actions/end", "").status()).isEqualTo(200);
        assertThat(api.post("/v2/room_sessions/" + sessionId + "/actions/end", "").status()).isEqualTo(200);

        List<JsonNode> made = compositionsOf(sessionId);
        assertThat(made).extracting(c -> c.path("composition_hook_id").asString())
                .containsExactlyInAnyOrder(grid, nobody);
        JsonNode gridComposition = made.stream()
                .filter(c -> c.path("composition_hook_id").asString().equals(grid)).findFirst().orElseThrow();
        JsonNode failed = awaitFinished(api, made.stream().filter(c -> c != gridComposition).findFirst().orElseThrow()
                .path("id").asString(), 60);
        assertThat(failed.path("status").asString()).isEqualTo("failed");
        assertThat(failed.path("failure_reason").asString()).contains("no video and no audio to compose");

        JsonNode done = awaitFinished(api, gridComposition.path("id").asString(), 120);
        assertThat(done.path("status").asString()).as(done.toString()).isEqualTo("completed");
        assertThat(done.path("composition_hook_id").asString()).isEqualTo(grid);
        assertThat(done.path("resolution").asString()).isEqualTo("160x120");
        Path file = download(done.path("download_url").asString());
        Rgb centre = Frames.colourAt(file, 1.0, 80, 60);
        assertThat(centre.isNear(Rgb.RED)).as("centre was %s", centre).isTrue();
    }

    @Test
    void twoConcurrentEndsMakeOneComposition() throws Exception {
        String hook = api.post("/v2/room_composition_hooks", "{\"friendly_name\": \"audio\", \"video_layout\": {}}")
                .data().path("id").asString();
        String sessionId = upload(api, TestMedia.audioOnly(440, 1), Map.of("started_at", "2024-05-01T10:00:00Z"))
                .path(0).path("session_id").asString();
        CountDownLatch start = new CountDownLatch(1);
        List<CompletableFuture<Integer>> ends = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            ends.add(CompletableFuture.supplyAsync(() -> {
                try {
                    start.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return api.post("/v2/room_sessions/" + sessionId + "/actions/end", "").status();
            }));
        }
        start.countDown();
        for (CompletableFuture<Integer> end : ends) {
            assertThat(end.get()).isEqualTo(200);
        }
        List<JsonNode> made = compositionsOf(sessionId);
        assertThat(made).hasSize(1);
        assertThat(made.get(0).path("composition_hook_id").asString()).isEqualTo(hook);
        api.delete("/v2/room_compositions/" + made.get(0).path("id").asString()); // no need to render it
    }

    private List<JsonNode> compositionsOf(String sessionId) {
        List<JsonNode> found = new ArrayList<>();
        api.get("/v2/room_compositions?filter[session_id]=" + sessionId).json().path("data").forEach(found::add);
        return found;
    }
}
