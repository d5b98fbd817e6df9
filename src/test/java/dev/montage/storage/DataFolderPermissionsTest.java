package dev.montage.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.montage.MontageApplication;
import dev.montage.support.ApiClient;
import dev.montage.support.ApiClient.Response;
import dev.montage.support.TestMedia;
import tools.jackson.databind.JsonNode;

/**
 * Issue 8, defect 4: the data folder holds the database (with the webhook signing key and the download secret),
 * every recording and composition, and the first API key. Started under the usual umask 022, as an operator's
 * shell starts it, on an embedded H2 file, the service keeps every folder in it rwx------ and every file
 * rw-------; a folder left readable by an earlier version is tightened when the service starts.
 */
class DataFolderPermissionsTest {

    private static final String OWNER_ONLY_FOLDER = "rwx------";
    private static final String OWNER_ONLY_FILE = "rw-------";

    @TempDir
    private Path temp;

    @Test
    void underUmask022EveryFolderIsOwnerOnlyAndEveryFileToo() throws Exception {
        Path data = temp.resolve("data");
        Path oldBlob = data.resolve("blobs/recordings/from-an-earlier-version.webm");
        Files.createDirectories(oldBlob.getParent());
        Files.write(oldBlob, TestMedia.webm("red", 440, 1));
        for (Path path : List.of(data, data.resolve("blobs"), oldBlob.getParent())) {
            Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
        Files.setPosixFilePermissions(oldBlob, PosixFilePermissions.fromString("rw-r--r--"));

        int port = freePort();
        Process service = startUnderUmask022(data, port, temp.resolve("service.log"));
        try {
            ApiClient api = new ApiClient(port, awaitStarted(data, port, service));
            JsonNode recordings = upload(api);
            Response created = api.post("/v2/room_compositions", """
                    {"session_id": "%s", "resolution": "160x120"}
                    """.formatted(recordings.path(0).path("session_id").asString()));
            assertThat(created.status()).as("%s", created).isEqualTo(202);
            assertThat(awaitFinished(api, created.data().path("id").asString()).path("status").asString())
                    .isEqualTo("completed");

            Map<String, String> modes = modes(data);
            assertThat(modes).containsKeys("", "api-key", "db", "db/montage.mv.db", "blobs", "blobs/recordings",
                    "blobs/recordings/from-an-earlier-version.webm", "blobs/compositions", "work", "tmp");
            assertThat(modes.keySet()).anyMatch(p -> p.matches("blobs/recordings/[0-9a-f-]{36}\\.webm"));
            assertThat(modes.keySet()).anyMatch(p -> p.matches("blobs/compositions/[0-9a-f-]{36}\\.mp4"));
            Map<String, String> ownerOnly = new TreeMap<>();
            modes.keySet().forEach(path -> ownerOnly.put(path,
                    Files.isDirectory(data.resolve(path)) ? OWNER_ONLY_FOLDER : OWNER_ONLY_FILE));
            assertThat(modes).as("modes under the data folder").isEqualTo(ownerOnly);
        } finally {
            service.destroy();
            if (!service.waitFor(30, TimeUnit.SECONDS)) {
                service.destroyForcibly();
            }
        }
    }

    /**
     * The application as a child JVM on the test class path, started by a shell whose umask is 022: the umask of
     * this JVM cannot be changed, and the point is that the service does not depend on it.
     */
    private static Process startUnderUmask022(Path data, int port, Path log) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of("sh", "-c", "umask 022 && exec \"$@\"", "sh", java,
                "-cp", System.getProperty("java.class.path"), MontageApplication.class.getName(),
                "--spring.profiles.active=test",
                "--server.port=" + port,
                "--montage.data-dir=" + data,
                "--spring.datasource.url=jdbc:h2:file:" + data.resolve("db/montage")
                        + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH",
                "--spring.datasource.username=sa", "--spring.datasource.password="));
        return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }

    /** Waits for the first start's key file and a listening server; answers the key. */
    private static String awaitStarted(Path data, int port, Process service) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        Path keyFile = data.resolve("api-key");
        while (System.nanoTime() < deadline) {
            if (!service.isAlive()) {
                throw new AssertionError("the service exited with " + service.exitValue());
            }
            if (Files.exists(keyFile) && !Files.readString(keyFile).isBlank()) {
                String key = Files.readString(keyFile).strip();
                try {
                    if (new ApiClient(port, key).get("/v2/rooms").status() == 200) {
                        return key;
                    }
                } catch (RuntimeException notListeningYet) {
                    // keep waiting
                }
            }
            Thread.sleep(250);
        }
        throw new AssertionError("the service did not start in 120 s");
    }

    private static JsonNode upload(ApiClient api) {
        Response response = api.upload("/v2/room_recordings", TestMedia.webm("blue", 660, 2), "bob.webm",
                Map.of("started_at", "2024-05-01T10:00:00Z", "participant_context", "bob"));
        assertThat(response.status()).as("%s", response).isEqualTo(201);
        return response.data();
    }

    private static JsonNode awaitFinished(ApiClient api, String id) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        JsonNode data;
        do {
            data = api.get("/v2/room_compositions/" + id).data();
            if (List.of("completed", "failed").contains(data.path("status").asString())) {
                return data;
            }
            Thread.sleep(200);
        } while (System.nanoTime() < deadline);
        throw new AssertionError("composition did not finish: " + data);
    }

    /** Every path under {@code data} (relative, "" for itself) with its permissions. */
    private static Map<String, String> modes(Path data) throws IOException {
        Map<String, String> modes = new TreeMap<>();
        try (Stream<Path> paths = Files.walk(data)) {
            for (Path path : paths.toList()) {
                modes.put(data.relativize(path).toString(),
                        PosixFilePermissions.toString(Files.getPosixFilePermissions(path)));
            }
        }
        return modes;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
