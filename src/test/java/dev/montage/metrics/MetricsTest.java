package dev.montage.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import dev.montage.jobs.SchedulerLifecycle;
import dev.montage.support.ApiClient.Response;
import dev.montage.support.ApiTest;
import dev.montage.support.OwnDatabase;
import dev.montage.support.TestMedia;
import dev.montage.support.WebhookReceiver;
import tools.jackson.databind.JsonNode;

/**
 * {@code /actuator/prometheus} after real work: uploads, a composition that completes (its webhook delivered to a
 * real receiver), one that fails, and the queue they waited in. Every figure is read as the difference between two
 * scrapes around the action that should move it.
 *
 * <p>The context has its own database, so no other test context's queue renders its compositions (their meters are
 * another registry's), and its composition queue starts only when the test has seen the backlog.
 */
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class MetricsTest extends ApiTest {

    private static final String COMPOSE = "compose-room-composition";

    @DynamicPropertySource
    static void ownQueues(DynamicPropertyRegistry registry) {
        OwnDatabase.register(registry, "metrics");
        registry.add("montage.jobs.auto-start", () -> "false");
        registry.add("montage.webhooks.auto-start", () -> "true");
        registry.add("montage.webhooks.allow-private-targets", () -> "true");
    }

    @Autowired
    private SchedulerLifecycle compositionQueue;

    @Test
    void uploadsCompositionsQueueFfmpegAndWebhooksMoveTheirMeters() throws IOException {
        Scrape start = Scrape.of(port);

        // uploads: the bytes of the files stored
        byte[] red = TestMedia.webm("red", 440, 8);
        byte[] blue = TestMedia.webm("blue", 660, 8);
        JsonNode alice = upload(api, red, Map.of("started_at", "2024-05-01T10:00:00Z", "participant_context", "alice"));
        String session = alice.path(0).path("session_id").asString();
        upload(api, blue, Map.of("started_at", "2024-05-01T10:00:01Z", "session_id", session,
                "participant_context", "bob"));
        Set<Path> before = recordingBlobs();
        JsonNode lost = upload(api, red, Map.of("started_at", "2024-05-02T10:00:00Z", "participant_context", "carol"));
        Scrape uploaded = Scrape.of(port);
        assertThat(uploaded.value("montage_recordings_uploaded_bytes_count") - start.value(
                "montage_recordings_uploaded_bytes_count")).isEqualTo(3);
        assertThat(uploaded.value("montage_recordings_uploaded_bytes_sum") - start.value(
                "montage_recordings_uploaded_bytes_sum")).isEqualTo(2.0 * red.length + blue.length);

        // a composition whose media is gone from storage will fail; one of the full session will complete
        Set<Path> lostBlob = recordingBlobs();
        lostBlob.removeAll(before);
        assertThat(lostBlob).hasSize(1);
        Files.delete(lostBlob.iterator().next());
        try (WebhookReceiver receiver = WebhookReceiver.start(WebhookReceiver.status(200))) {
            Instant created = Instant.now();
            String completing = create("""
                    {"session_id": "%s", "resolution": "1280x720", "webhook_event_url": "%s"}"""
                    .formatted(session, receiver.url()));
            String failing = create("""
                    {"session_id": "%s"}""".formatted(lost.path(0).path("session_id").asString()));

            // the queue: both due, neither picked while this node's queue is stopped
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(
                    Scrape.of(port).value("montage_queue_depth", "queue", "compositions", "task", COMPOSE))
                    .isEqualTo(2));
            // the oldest waits longer and longer, never longer than since it was created
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(Scrape.of(port).value(
                    "montage_queue_oldest_age_seconds", "queue", "compositions", "task", COMPOSE))
                    .isGreaterThanOrEqualTo(1.0));
            assertThat(Scrape.of(port).value("montage_queue_oldest_age_seconds", "queue", "compositions", "task",
                    COMPOSE)).isLessThanOrEqualTo(Duration.between(created, Instant.now()).toMillis() / 1000.0);
            assertThat(Scrape.of(port).value("montage_queue_depth", "queue", "webhooks", "task", "deliver-webhook"))
                    .isZero();

            Scrape queued = Scrape.of(port);
            compositionQueue.start();

            // ffmpeg shows while the 8 s at 1280x720 renders
            double mostFfmpeg = 0;
            long deadline = System.currentTimeMillis() + 120_000;
            while (!finished(completing) && System.currentTimeMillis() < deadline) {
                mostFfmpeg = Math.max(mostFfmpeg, Scrape.of(port).value("montage_ffmpeg_processes", "tool", "ffmpeg"));
                sleep(50);
            }
            assertThat(mostFfmpeg).as("ffmpeg processes seen during the render").isGreaterThanOrEqualTo(1);
            JsonNode completed = awaitFinished(api, completing, 120);
            assertThat(completed.path("status").asString()).isEqualTo("completed");
            // the composed span (no gaps here, so the media duration), in milliseconds
            double mediaSeconds = Duration.between(Instant.parse(completed.path("started_at").asString()),
                    Instant.parse(completed.path("ended_at").asString())).toMillis() / 1000.0;
            assertThat(awaitFinished(api, failing, 60).path("status").asString()).isEqualTo("failed");
            receiver.await(1, Duration.ofSeconds(30));

            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
                Scrape done = Scrape.of(port);
                assertThat(done.value("montage_queue_depth", "queue", "compositions", "task", COMPOSE)).isZero();
                assertThat(done.value("montage_queue_oldest_age_seconds", "queue", "compositions", "task",
                        COMPOSE)).isZero();
                assertThat(done.value("montage_ffmpeg_processes", "tool", "ffmpeg")).isZero();
                assertThat(delta(done, queued, "montage_webhook_attempts_total", "outcome", "delivered",
                        "target", "primary")).isEqualTo(1);
            });
            Scrape done = Scrape.of(port);
            assertThat(delta(done, queued, "montage_compositions_ended_total", "status", "completed")).isEqualTo(1);
            assertThat(delta(done, queued, "montage_compositions_ended_total", "status", "failed")).isEqualTo(1);
            assertThat(delta(done, queued, "montage_composition_wall_time_seconds_count", "status", "completed"))
                    .isEqualTo(1);
            assertThat(delta(done, queued, "montage_composition_wall_time_seconds_count", "status", "failed"))
                    .isEqualTo(1);
            assertThat(delta(done, queued, "montage_composition_realtime_factor_count")).isEqualTo(1);
            // the realtime factor is the wall time over the media duration
            double wall = delta(done, queued, "montage_composition_wall_time_seconds_sum", "status", "completed");
            double factor = delta(done, queued, "montage_composition_realtime_factor_sum");
            assertThat(wall).isGreaterThan(0);
            assertThat(factor).isCloseTo(wall / mediaSeconds, Offset.offset(0.01));
            // histograms: buckets, cumulative up to +Inf
            assertThat(delta(done, queued, "montage_composition_wall_time_seconds_bucket", "status", "completed",
                    "le", "+Inf")).isEqualTo(1);
            assertThat(delta(done, queued, "montage_composition_realtime_factor_bucket", "le", "+Inf"))
                    .isEqualTo(1);
        }
    }

    @Test
    void requestLatencyIsAHistogramPerRouteTemplate() {
        String missing = "/v2/room_compositions/00000000-0000-0000-0000-000000000001";
        Scrape before = Scrape.of(port);
        for (int i = 0; i < 3; i++) {
            assertThat(api.get(missing).status()).isEqualTo(404);
        }
        Scrape after = Scrape.of(port);

        String[] route = {"method", "GET", "uri", "/v2/room_compositions/{compositionId}", "status", "404"};
        assertThat(delta(after, before, "http_server_requests_seconds_count", route)).isEqualTo(3);
        List<Scrape.Sample> buckets = after.find("http_server_requests_seconds_bucket", route);
        assertThat(buckets).as("histogram buckets").hasSizeGreaterThan(5);
        assertThat(after.text()).as("raw paths never become labels").doesNotContain("00000000-0000-0000-0000");
        // Spring Security's observations of its own filters are off (ApiSecurity): a timer per filter per request
        assertThat(after.text()).doesNotContain("spring_security_");
    }

    private String create(String json) {
        Response created = api.post("/v2/room_compositions", json);
        assertThat(created.status()).as("%s", created).isEqualTo(202);
        return created.data().path("id").asString();
    }

    private boolean finished(String id) {
        String status = api.get("/v2/room_compositions/" + id).data().path("status").asString();
        return status.equals("completed") || status.equals("failed");
    }

    private static double delta(Scrape after, Scrape before, String name, String... labels) {
        return after.value(name, labels) - before.value(name, labels);
    }

    private Set<Path> recordingBlobs() throws IOException {
        Path folder = dataDir.resolve("blobs").resolve("recordings");
        if (!Files.isDirectory(folder)) {
            return new java.util.HashSet<>();
        }
        try (Stream<Path> files = Files.list(folder)) {
            return files.collect(Collectors.toSet());
        }
    }
}
