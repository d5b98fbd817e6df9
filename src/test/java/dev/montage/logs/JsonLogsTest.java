package dev.montage.logs;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.montage.support.ApiClient;
import dev.montage.support.ApiClient.Response;
import dev.montage.support.ChildDatabase;
import dev.montage.support.MontageProcess;
import dev.montage.support.TestMedia;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * JSON logs, one object a line, by Spring Boot's structured logging ({@code logging.structured.format.console}).
 * A process of its own: the logging system is the JVM's, and turning it to JSON here would do so for every test.
 */
class JsonLogsTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @TempDir
    Path temp;

    @Test
    void withEcsFormatEveryLineIsJsonAndAJobsLinesCarryTheCompositionId() {
        Path data = temp.resolve("data");
        try (MontageProcess service = MontageProcess.start(data, ChildDatabase.embedded(data),
                "--logging.structured.format.console=ecs")) {
            ApiClient api = service.api();
            Response uploaded = api.upload("/v2/room_recordings", TestMedia.webm("blue", 660, 1), "bob.webm",
                    Map.of("started_at", "2024-05-01T10:00:00Z", "participant_context", "bob"));
            assertThat(uploaded.status()).as("%s", uploaded).isEqualTo(201);
            Response created = api.post("/v2/room_compositions", """
                    {"session_id": "%s", "resolution": "160x120"}
                    """.formatted(uploaded.data().path(0).path("session_id").asString()));
            String id = created.data().path("id").asString();
            Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                    .until(() -> api.get("/v2/room_compositions/" + id).data().path("status").asString(),
                            status -> List.of("completed", "failed").contains(status));

            List<String> lines = service.log().lines().filter(line -> !line.isBlank()).toList();
            List<JsonNode> objects = lines.stream().filter(line -> line.startsWith("{")).map(JSON::readTree).toList();
            assertThat(objects).as("JSON lines in:\n%s", service.log()).isNotEmpty();
            assertThat(lines).as("lines that are not JSON objects").allMatch(line -> line.startsWith("{"));
            assertThat(objects).anyMatch(line -> line.path("message").asString().startsWith("Rendering composition")
                    && line.path("composition").asString().equals(id) && line.has("@timestamp")
                    && line.path("log").path("level").asString().equals("INFO"));
        }
    }
}
