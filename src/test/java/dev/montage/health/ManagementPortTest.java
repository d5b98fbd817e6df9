package dev.montage.health;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.util.FileSystemUtils;

import dev.montage.jobs.SchedulerLifecycle;
import dev.montage.support.ApiClient.Response;
import dev.montage.support.ApiTest;
import dev.montage.support.OwnDatabase;
import dev.montage.support.RawHttp;
import dev.montage.support.TestMedia;
import tools.jackson.databind.JsonNode;

/**
 * A node with {@code management.server.port} set, and health details shown there as docs/deployment.md
 * recommends for a private management port: the actuator answers on that port, without a key, and not on the API
 * port. Each readiness component is broken in turn, for real, and the details name it.
 *
 * <p>ffmpeg is a wrapper script of this test's (exec of the bundled build), so taking its execute bit away breaks
 * it without touching the build other tests use. The data folder is this context's own, and so is its database:
 * the blob folder it breaks holds no other context's media, and no other context's queue takes its jobs.
 */
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
@ExtendWith(OutputCaptureExtension.class)
class ManagementPortTest extends ApiTest {

    /** The first probe runs ffmpeg and opens the store\'s client: slow on a loaded machine. */
    private static final int PROBE_TIMEOUT_MILLIS = 60_000;

    private static final Path DATA = Path.of("target", "management-port-test").toAbsolutePath();
    /** Outside the data folder, whose files the node makes owner-only and not executable at its start. */
    private static final Path FFMPEG = Path.of("target", "management-port-test-bin", "ffmpeg").toAbsolutePath();

    @DynamicPropertySource
    static void managementPort(DynamicPropertyRegistry registry) throws IOException {
        FileSystemUtils.deleteRecursively(DATA);
        FileSystemUtils.deleteRecursively(FFMPEG.getParent());
        Files.createDirectories(FFMPEG.getParent());
        Files.writeString(FFMPEG, "#!/bin/sh\nexec '" + TestMedia.ffmpeg() + "' \"$@\"\n");
        Files.writeString(FFMPEG.resolveSibling("ffprobe"), "#!/bin/sh\nexec '" + TestMedia.ffprobe() + "' \"$@\"\n");
        executable(FFMPEG, true);
        executable(FFMPEG.resolveSibling("ffprobe"), true);
        registry.add("management.server.port", () -> "0");
        registry.add("management.endpoint.health.show-details", () -> "always");
        registry.add("montage.data-dir", () -> DATA.toString());
        registry.add("montage.media.ffmpeg-path", () -> FFMPEG.toString());
        OwnDatabase.register(registry, "management_port");
    }

    @LocalManagementPort
    private int managementPort;

    @Autowired
    private SchedulerLifecycle compositionQueue;

    @Test
    void theActuatorAnswersOnTheManagementPortWithoutAKey() {
        Response readiness = RawHttp.to(managementPort).timeoutMillis(PROBE_TIMEOUT_MILLIS).send("GET", "/actuator/health/readiness");
        assertThat(readiness.status()).as("%s", readiness).isEqualTo(200);
        JsonNode components = readiness.json().path("components");
        for (String component : new String[] {"readinessState", "db", "blobStore", "ffmpeg", "jobQueues"}) {
            assertThat(components.path(component).path("status").asString()).as("%s in %s", component, readiness)
                    .isEqualTo("UP");
        }
        assertThat(components.path("ffmpeg").path("details").path("ffmpeg").asString()).startsWith("ffmpeg version");
        assertThat(components.path("jobQueues").path("details").path("compositions").asString()).isEqualTo("running");
        assertThat(components.path("jobQueues").path("details").path("webhooks").asString())
                .isEqualTo("not run on this node"); // montage.webhooks.auto-start=false in the tests

        Response liveness = RawHttp.to(managementPort).send("GET", "/actuator/health/liveness");
        assertThat(liveness.status()).isEqualTo(200);
        assertThat(liveness.json().path("components").propertyNames()).containsExactly("livenessState");

        Response scrape = RawHttp.to(managementPort).send("GET", "/actuator/prometheus");
        assertThat(scrape.status()).as("%s", scrape).isEqualTo(200);
        assertThat(scrape.body()).contains("montage_queue_depth");
    }

    @Test
    void theApiPortServesNoActuatorAndStillAsksForKeys() {
        for (String path : new String[] {"/actuator/health", "/actuator/health/readiness", "/actuator/prometheus"}) {
            Response response = RawHttp.to(port).send("GET", path);
            assertThat(response.status()).as("%s: %s", path, response).isEqualTo(404);
            assertThat(response.error().path("code").asString()).as("%s", response).isEqualTo("10005");
        }
        assertThat(RawHttp.to(port).send("GET", "/v2/rooms").status()).isEqualTo(401);
        assertThat(api.get("/v2/rooms").status()).isEqualTo(200);
        // and the management port serves no API, whatever the key
        Response noApi = RawHttp.to(managementPort).header("Authorization", "Bearer " + accounts.createAccount().apiKey())
                .send("GET", "/v2/rooms");
        assertThat(noApi.status()).as("%s", noApi).isEqualTo(404);
    }

    @Test
    void anFfmpegThatCannotRunMakesTheNodeUnready(CapturedOutput log) {
        executable(FFMPEG, false);
        try {
            JsonNode ffmpeg = unreadyComponent("ffmpeg");
            assertThat(ffmpeg.path("details").path("problem").asString()).contains(FFMPEG.toString());
            assertThat(log.getOut()).contains("Not ready: ffmpeg is down: ffmpeg (" + FFMPEG + ")");
            assertThat(RawHttp.to(managementPort).send("GET", "/actuator/health/liveness").status())
                    .as("liveness depends on nothing").isEqualTo(200);
        } finally {
            executable(FFMPEG, true);
        }
        assertReady();
        assertThat(log.getOut()).contains("ffmpeg is up again");
    }

    @Test
    void aBlobFolderThatTakesNoFileMakesTheNodeUnready() throws IOException {
        Path blobs = DATA.resolve("blobs");
        Path moved = DATA.resolve("blobs-aside");
        Files.move(blobs, moved);
        Files.writeString(blobs, "not a folder"); // the test runs as any user, root included: a mode would not stop root
        try {
            JsonNode store = unreadyComponent("blobStore");
            assertThat(store.path("details").path("problem").asString()).contains(blobs.toString());
        } finally {
            Files.delete(blobs);
            Files.move(moved, blobs);
        }
        assertReady();
    }

    @Test
    void aStoppedSchedulerMakesTheNodeUnready() {
        compositionQueue.stop();
        try {
            JsonNode queues = unreadyComponent("jobQueues");
            assertThat(queues.path("details").path("compositions").asString()).isEqualTo("stopped");
        } finally {
            compositionQueue.start();
        }
        assertReady();
    }

    /** Readiness answers 503 with {@code component} down and every other component up; answers the component. */
    private JsonNode unreadyComponent(String component) {
        Response readiness = RawHttp.to(managementPort).timeoutMillis(PROBE_TIMEOUT_MILLIS).send("GET", "/actuator/health/readiness");
        assertThat(readiness.status()).as("%s", readiness).isEqualTo(503);
        JsonNode components = readiness.json().path("components");
        for (String name : components.propertyNames()) {
            assertThat(components.path(name).path("status").asString()).as("%s in %s", name, readiness)
                    .isEqualTo(name.equals(component) ? "DOWN" : "UP");
        }
        return components.path(component);
    }

    private void assertReady() {
        Response readiness = RawHttp.to(managementPort).timeoutMillis(PROBE_TIMEOUT_MILLIS).send("GET", "/actuator/health/readiness");
        assertThat(readiness.status()).as("%s", readiness).isEqualTo(200);
    }

    private static void executable(Path file, boolean executable) {
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(executable ? "rwx------" : "rw-------"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
