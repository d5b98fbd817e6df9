package dev.montage.compositions;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import dev.montage.support.ApiClient.Response;
import dev.montage.support.ApiTest;
import dev.montage.support.StoredMedia;
import dev.montage.support.TestMedia;
import tools.jackson.databind.JsonNode;

/**
 * A composition is of the recordings that exist when it is rendered, and none that was deleted before it completed
 * appears in it (issue 8, lesser findings): what a recording's DELETE promises a client who deletes for privacy.
 * A failure reason names a missing recording by its id, never by where the server kept its file.
 */
class RecordingGoneTest extends ApiTest {

    @Autowired
    private JdbcClient jdbc;

    @Test
    void aRecordingFileMissingFromDiskFailsTheCompositionNamingTheRecording() throws Exception {
        TwoParticipantSession session = twoParticipantSession(api);
        String bobVideo = session.recording(session.bob(), "video");
        String bobAudio = session.recording(session.bob(), "audio");
        String blobKey = jdbc.sql("select blob_key from room_recordings where id = :id")
                .param("id", UUID.fromString(bobVideo)).query(String.class).single();
        Files.delete(dataDir.resolve("blobs").resolve(blobKey));

        JsonNode done = awaitFinished(api, create("{\"session_id\": \"" + session.sessionId()
                + "\", \"resolution\": \"160x120\"}"), 60);

        assertThat(done.path("status").asString()).isEqualTo("failed");
        String reason = done.path("failure_reason").asString();
        assertThat(reason).containsAnyOf(bobVideo, bobAudio).contains("missing")
                .doesNotContain("recordings/").doesNotContain(blobKey)
                .doesNotContain(dataDir.toAbsolutePath().toString()).doesNotContain("/blobs");
    }

    @Test
    void aRecordingDeletedWhileItsCompositionIsProcessingFailsIt() {
        // 30 fps: the standard quality's x264 (ultrafast) makes short work of a still colour at the usual 15
        JsonNode alice = upload(api, TestMedia.webm("red", 440, 33, 30), Map.of("started_at", "2024-05-01T10:00:00Z"));
        String id = create("{\"session_id\": \"" + alice.path(0).path("session_id").asString() + "\"}");
        awaitProgress(id);

        String deleted = alice.path(0).path("id").asString();
        assertThat(api.delete("/v2/room_recordings/" + deleted).status()).isEqualTo(204);

        JsonNode done = awaitFinished(api, id, 120);
        assertThat(done.path("status").asString()).isEqualTo("failed");
        assertThat(done.path("failure_reason").asString()).contains(deleted).contains("deleted");
        assertThat(StoredMedia.of(dataDir, id)).isEmpty();
    }

    @Test
    void aRecordingDeletedBeforeTheRenderStartsIsLeftOut() {
        TwoParticipantSession session = twoParticipantSession(api);
        // bob's recordings go before any composition is requested: the session is alice's alone
        assertThat(api.delete("/v2/room_recordings/" + session.recording(session.bob(), "video")).status())
                .isEqualTo(204);
        assertThat(api.delete("/v2/room_recordings/" + session.recording(session.bob(), "audio")).status())
                .isEqualTo(204);

        JsonNode done = awaitFinished(api, create("{\"session_id\": \"" + session.sessionId()
                + "\", \"resolution\": \"160x120\"}"), 60);

        assertThat(done.path("status").asString()).isEqualTo("completed");
        assertThat(done.path("duration_secs").asInt()).as("alice's 2 s; bob ended at 3 s").isEqualTo(2);
    }

    private String create(String json) {
        Response created = api.post("/v2/room_compositions", json);
        assertThat(created.status()).as(created.toString()).isEqualTo(202);
        return created.data().path("id").asString();
    }

    /** Waits until ffmpeg reports progress: the render has opened its inputs and runs. */
    private void awaitProgress(String id) {
        long deadline = System.currentTimeMillis() + 60_000;
        while (System.currentTimeMillis() < deadline) {
            JsonNode data = api.get("/v2/room_compositions/" + id).data();
            assertThat(data.path("status").asString()).as("still composing").isIn("enqueued", "processing");
            if (data.path("progress_percent").asInt() > 0) {
                return;
            }
            sleep(100);
        }
        throw new AssertionError(id + " reported no progress");
    }
}
