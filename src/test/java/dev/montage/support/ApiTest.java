package dev.montage.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;

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
