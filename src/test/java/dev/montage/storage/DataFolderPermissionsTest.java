package dev.montage.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.montage.support.ApiClient;
import dev.montage.support.ApiClient.Response;
import dev.montage.support.ChildDatabase;
import dev.montage.support.MontageProcess;
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

        try (MontageProcess service = MontageProcess.start(data, ChildDatabase.embedded(data))) {
            ApiClient api = service.api();
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
            assertThat(modes.keySet()).anyMatch(p -> p.matches("blobs/compositions/[0-9a-f-]{36}-\\d+\\.mp4"));
            Map<String, String> ownerOnly = new TreeMap<>();
            modes.keySet().forEach(path -> ownerOnly.put(path,
                    Files.isDirectory(data.resolve(path)) ? OWNER_ONLY_FOLDER : OWNER_ONLY_FILE));
            assertThat(modes).as("modes under the data folder").isEqualTo(ownerOnly);
        }
    }

    private static JsonNode upload(ApiClient api) {
        Response response = api.upload("/v2/room_recordings", TestMedia.webm("blue", 660, 2), "bob.webm",
                Map.of("started_at", "2024-05-01T10:00:00Z", "participant_context", "bob"));
        assertThat(response.status()).as("%s", response).isEqualTo(201);
        return response.data();
    }

    private static JsonNode awaitFinished(ApiClient api, String id) {
        return Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                .until(() -> api.get("/v2/room_compositions/" + id).data(),
                        data -> List.of("completed", "failed").contains(data.path("status").asString()));
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
}
