package dev.montage.compositions;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Stream;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import dev.montage.support.ApiClient.Response;
import dev.montage.support.ApiTest;
import dev.montage.support.StoredMedia;
import dev.montage.support.TestMedia;
import tools.jackson.databind.JsonNode;

/** Failure reporting, deletion while composing, and the signed download link. */
class CompositionLifecycleTest extends ApiTest {

    @Autowired
    private JdbcClient jdbc;

    @Test
    void nothingSelectedFailsWithAReason() {
        TwoParticipantSession session = twoParticipantSession(api);
        String id = create("""
                {"session_id": "%s", "video_layout": {"r": {"video_sources": []}}, "audio_sources": []}"""
                .formatted(session.sessionId()));
        JsonNode done = awaitFinished(api, id, 60);
        assertThat(done.path("status").asString()).isEqualTo("failed");
        assertThat(done.path("failure_reason").asString()).isEqualTo("The session has no video and no audio to compose");
        assertThat(done.path("download_url").isNull()).isTrue();
        assertThat(ids("filter%5Bstatus%5D=failed")).contains(id);
    }

    @Test
    void corruptRecordingFailsWithFfmpegsReason() throws IOException {
        TwoParticipantSession session = twoParticipantSession(api);
        String blobKey = jdbc.sql("select blob_key from room_recordings where id = :id")
                .param("id", java.util.UUID.fromString(session.recording(session.bob(), "video")))
                .query(String.class).single();
        Files.write(dataDir.resolve("blobs").resolve(blobKey), "this is no longer a WebM file".repeat(100).getBytes());

        String id = create("{\"session_id\": \"" + session.sessionId() + "\"}");
        JsonNode done = awaitFinished(api, id, 60);
        assertThat(done.path("status").asString()).isEqualTo("failed");
        assertThat(done.path("failure_reason").asString()).startsWith("ffmpeg failed").contains("Invalid data")
                .doesNotContain(dataDir.toAbsolutePath().toString()).doesNotContain("/blobs/");
        // the job records the failure, then removes its working folder on its way out
        Awaitility.await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(workFolders())
                .noneMatch(folder -> folder.getFileName().toString().startsWith(id)));
    }

    @Test
    void deletingAProcessingCompositionStopsItsFfmpeg() {
        JsonNode alice = upload(api, TestMedia.webm("red", 440, 120, 30), Map.of("started_at", "2024-05-01T10:00:00Z"));
        String id = create("{\"session_id\": \"" + alice.path(0).path("session_id").asString() + "\"}");
        awaitStatus(id, "processing");
        awaitFfmpeg(id, true);
        int progress = awaitProgress(id);
        assertThat(progress).as("ffmpeg's progress reaches the resource").isBetween(1, 99);

        assertThat(api.delete("/v2/room_compositions/" + id).status()).isEqualTo(204);
        assertThat(api.get("/v2/room_compositions/" + id).status()).isEqualTo(404);
        awaitFfmpeg(id, false);
        long deadline = System.currentTimeMillis() + 5000;
        while (!workFolders().isEmpty() && System.currentTimeMillis() < deadline) {
            sleep(100);
        }
        assertThat(workFolders()).as("no temporary file outlives its job").isEmpty();
        assertThat(StoredMedia.of(dataDir, id)).isEmpty();
        // db-scheduler removes the execution just after the job returns, moments after its folder went
        deadline = System.currentTimeMillis() + 5000;
        while (queuedExecutions(id) > 0 && System.currentTimeMillis() < deadline) {
            sleep(50);
        }
        assertThat(queuedExecutions(id)).isZero();
    }

    private long queuedExecutions(String id) {
        return jdbc.sql("select count(*) from scheduled_tasks where task_instance = :id").param("id", id)
                .query(Long.class).single();
    }

    @Test
    void deletingACompletedCompositionRemovesItsMedia() throws Exception {
        TwoParticipantSession session = twoParticipantSession(api);
        String id = create("{\"session_id\": \"" + session.sessionId() + "\", \"resolution\": \"160x120\"}");
        JsonNode done = awaitFinished(api, id, 60);
        Path media = StoredMedia.of(dataDir, id).get(0);

        assertThat(api.delete("/v2/room_compositions/" + id).status()).isEqualTo(204);
        assertThat(media).doesNotExist();
        assertThat(status(done.path("download_url").asString(), null)).isEqualTo(404);
    }

    @Test
    void downloadLinksServeRangesAndRefuseTampering() throws Exception {
        TwoParticipantSession session = twoParticipantSession(api);
        JsonNode done = awaitFinished(api, create("{\"session_id\": \"" + session.sessionId()
                + "\", \"resolution\": \"160x120\"}"), 60);
        String url = done.path("download_url").asString();
        long size = Files.size(download(url));

        HttpResponse<byte[]> range = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url))
                .header("Range", "bytes=100-199").build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(range.statusCode()).isEqualTo(206);
        assertThat(range.body()).hasSize(100);
        assertThat(range.headers().firstValue("Content-Range")).contains("bytes 100-199/" + size);
        assertThat(range.headers().firstValue("Content-Type")).contains("video/mp4");
        assertThat(range.headers().firstValue("Accept-Ranges")).contains("bytes");

        String signature = url.substring(url.indexOf("signature=") + "signature=".length());
        String tampered = url.replace(signature, (signature.charAt(0) == 'A' ? "B" : "A") + signature.substring(1));
        assertForbidden(tampered);
        assertForbidden(url.replaceFirst("expires=(\\d+)", "expires=9$1"));
        assertForbidden(url.substring(0, url.indexOf('?')));
        String otherId = create("{\"session_id\": \"" + session.sessionId() + "\"}");
        assertForbidden(url.replace(done.path("id").asString(), otherId));
        // and the key-authenticated API does not accept a link as a key, nor a key as a link
        assertThat(status(url.substring(0, url.indexOf('?')), api)).isEqualTo(403);
    }

    private void assertForbidden(String url) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(url).isEqualTo(403);
        assertThat(response.body()).contains("\"code\":\"10010\"");
    }

    private int status(String url, Object unused) {
        try {
            return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url)).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private String create(String json) {
        Response created = api.post("/v2/room_compositions", json);
        assertThat(created.status()).as(created.toString()).isEqualTo(202);
        return created.data().path("id").asString();
    }

    private java.util.List<String> ids(String query) {
        java.util.List<String> ids = new java.util.ArrayList<>();
        api.get("/v2/room_compositions?" + query).data().forEach(c -> ids.add(c.path("id").asString()));
        return ids;
    }

    private void awaitStatus(String id, String status) {
        long deadline = System.currentTimeMillis() + 30_000;
        while (System.currentTimeMillis() < deadline) {
            if (api.get("/v2/room_compositions/" + id).data().path("status").asString().equals(status)) {
                return;
            }
            sleep(50);
        }
        throw new AssertionError(id + " never became " + status);
    }

    /** Waits until the composition reports some progress (written about once a second) and answers it. */
    private int awaitProgress(String id) {
        long deadline = System.currentTimeMillis() + 30_000;
        while (System.currentTimeMillis() < deadline) {
            JsonNode data = api.get("/v2/room_compositions/" + id).data();
            int progress = data.path("progress_percent").asInt();
            if (progress > 0 || !data.path("status").asString().equals("processing")) {
                return progress;
            }
            sleep(100);
        }
        throw new AssertionError(id + " reported no progress");
    }

    /** Waits until an ffmpeg writing into this composition's working folder runs (or no longer runs). */
    private void awaitFfmpeg(String id, boolean running) {
        long deadline = System.currentTimeMillis() + 10_000;
        while (System.currentTimeMillis() < deadline) {
            boolean found = ProcessHandle.allProcesses().anyMatch(p -> p.info().commandLine()
                    .filter(line -> line.contains("ffmpeg") && line.contains("/work/" + id + "-")).isPresent());
            if (found == running) {
                return;
            }
            sleep(50);
        }
        throw new AssertionError("ffmpeg for " + id + (running ? " never started" : " still runs"));
    }

    private java.util.List<Path> workFolders() {
        Path work = dataDir.resolve("work");
        if (!Files.exists(work)) {
            return java.util.List.of();
        }
        try (Stream<Path> folders = Files.list(work)) {
            return folders.toList();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
