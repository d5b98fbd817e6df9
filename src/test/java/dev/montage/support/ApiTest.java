package dev.montage.support;

import java.io.IOException;
import java.io.UncheckedIOException;
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
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

import dev.montage.accounts.AccountService;
import dev.montage.support.ApiClient.Response;
import tools.jackson.databind.JsonNode;

/**
 * Base of the API tests: the whole application on a random port, on H2 by default or on the database
 * {@code MONTAGE_DB_URL} names. Each test works in an account of its own, so tests never see each other's data
 * and need no cleanup, on either database.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
public abstract class ApiTest {

    @LocalServerPort
    protected int port;

    @Autowired
    protected AccountService accounts;

    /** Where the application keeps its blobs and its upload spool. */
    @Value("${montage.data-dir}")
    protected Path dataDir;

    /** A client authenticated as a fresh account. */
    protected ApiClient api;

    @BeforeEach
    void freshAccount() {
        api = newAccountClient();
    }

    protected ApiClient newAccountClient() {
        return new ApiClient(port, accounts.createAccount().apiKey());
    }

    /** Uploads a recording and answers the recordings created (one per media kind). */
    protected JsonNode upload(ApiClient client, byte[] media, Map<String, String> fields) {
        Response response = client.upload("/v2/room_recordings", media, "track.webm", fields);
        if (response.status() != 201) {
            throw new AssertionError("upload failed: " + response);
        }
        return response.data();
    }

    /**
     * How many recording files the application keeps: blobs under {@code recordings/} and uploads being spooled.
     * Tests run one at a time, so a test can compare the count before and after a request.
     */
    protected long storedRecordingFiles() {
        return countFiles(dataDir.resolve("blobs").resolve("recordings")) + countFiles(dataDir.resolve("tmp"));
    }

    private static long countFiles(Path folder) {
        if (!Files.isDirectory(folder)) {
            return 0;
        }
        try (Stream<Path> files = Files.walk(folder)) {
            return files.filter(Files::isRegularFile).count();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Creates a room from {@code json} and answers it. */
    protected JsonNode createRoom(ApiClient client, String json) {
        Response response = client.post("/v2/rooms", json);
        if (response.status() != 201) {
            throw new AssertionError("room creation failed: " + response);
        }
        return response.data();
    }

    /** A session with two participants (red + 440 Hz, blue + 660 Hz; the second joins 1 s later). */
    protected TwoParticipantSession twoParticipantSession(ApiClient client) {
        JsonNode first = upload(client, TestMedia.webm("red", 440, 2),
                Map.of("started_at", "2024-05-01T10:00:00Z", "participant_context", "alice"));
        String sessionId = first.path(0).path("session_id").asString();
        JsonNode second = upload(client, TestMedia.webm("blue", 660, 2),
                Map.of("started_at", "2024-05-01T10:00:01Z", "session_id", sessionId, "participant_context", "bob"));
        return new TwoParticipantSession(first.path(0).path("room_id").asString(), sessionId, first, second);
    }

    /** Polls a composition until it is completed or failed (at most {@code seconds}) and answers its last state. */
    protected JsonNode awaitFinished(ApiClient client, String compositionId, int seconds) {
        long deadline = System.currentTimeMillis() + seconds * 1000L;
        JsonNode data;
        do {
            data = client.get("/v2/room_compositions/" + compositionId).data();
            String status = data.path("status").asString();
            if (status.equals("completed") || status.equals("failed")) {
                return data;
            }
            sleep(200);
        } while (System.currentTimeMillis() < deadline);
        throw new AssertionError("composition " + compositionId + " did not finish in " + seconds + " s: " + data);
    }

    /**
     * Polls an audio recording's speech activity until its analysis, which runs after the upload, is no longer
     * {@code pending} (at most 60 s: the analysing ffmpeg runs at a low priority on a busy machine) and answers it.
     */
    protected JsonNode awaitActivity(ApiClient client, String recordingId) {
        JsonNode[] last = new JsonNode[1];
        Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100)).until(() -> {
            Response response = client.get("/v2/room_recordings/" + recordingId + "/activity");
            if (response.status() != 200) {
                throw new AssertionError("activity of " + recordingId + ": " + response);
            }
            last[0] = response.data();
            return !last[0].path("status").asString().equals("pending");
        });
        return last[0];
    }

    /** Creates a composition, waits for it to complete and downloads its file through {@code download_url}. */
    protected Path composeAndDownload(ApiClient client, String json) {
        Response created = client.post("/v2/room_compositions", json);
        if (created.status() != 202) {
            throw new AssertionError("create failed: " + created);
        }
        JsonNode done = awaitFinished(client, created.data().path("id").asString(), 120);
        if (!done.path("status").asString().equals("completed")) {
            throw new AssertionError("composition did not complete: " + done);
        }
        return download(done.path("download_url").asString());
    }

    /** GETs a URL with no Authorization header, as a browser following a download link does. */
    protected static Path download(String url) {
        try {
            Path file = Files.createTempFile(Path.of("target"), "composition-", ".mp4");
            HttpResponse<Path> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url)).build(),
                    HttpResponse.BodyHandlers.ofFile(file));
            if (response.statusCode() != 200) {
                throw new AssertionError("download answered " + response.statusCode() + ": " + Files.readString(file));
            }
            return file;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    protected static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public record TwoParticipantSession(String roomId, String sessionId, JsonNode alice, JsonNode bob) {
        public String recording(JsonNode of, String type) {
            for (JsonNode r : of) {
                if (r.path("type").asString().equals(type)) {
                    return r.path("id").asString();
                }
            }
            throw new AssertionError("no " + type + " recording in " + of);
        }

        public String participant(JsonNode of) {
            return of.path(0).path("participant_id").asString();
        }
    }
}
