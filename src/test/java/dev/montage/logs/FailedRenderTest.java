package dev.montage.logs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.jdbc.core.simple.JdbcClient;

import dev.montage.support.ApiClient.Response;
import dev.montage.support.ApiTest;
import tools.jackson.databind.JsonNode;

/** The evidence of a failed render: its log lines name the composition, and its command and filter script stay. */
@ExtendWith(OutputCaptureExtension.class)
class FailedRenderTest extends ApiTest {

    @Autowired
    private JdbcClient jdbc;

    @Test
    void everyLineOfTheJobCarriesTheCompositionId(CapturedOutput output) throws Exception {
        String id = failedComposition();
        // "Composition failed: <reason>" does not name the composition itself: the MDC does
        assertThat(output.getOut().lines().filter(line -> line.contains("Composition failed:")))
                .anyMatch(line -> line.contains("composition=" + id + " "));
    }

    @Test
    void aFailedRenderLogsItsCommandLineAndStderrTailAndKeepsItsScript(CapturedOutput output) throws Exception {
        String id = failedComposition();
        List<String> warnings = output.getOut().lines()
                .filter(line -> line.contains(" WARN ") && line.contains("composition=" + id)).toList();
        assertThat(warnings).anyMatch(line -> line.contains("ffmpeg") && line.contains("-filter_complex_script"));
        // the stderr tail is logged too: ffmpeg says it could not read the corrupt input
        String out = output.getOut();
        assertThat(out.substring(out.indexOf("stderr tail:"))).contains("Invalid data found when processing input");

        List<Path> kept = keptScripts(id);
        assertThat(kept).hasSize(1);
        assertThat(Files.readString(kept.get(0))).contains("[canvas]");
    }

    /** A session whose only recording has been overwritten with garbage after its upload: ffmpeg cannot read it. */
    private String failedComposition() throws IOException {
        TwoParticipantSession session = twoParticipantSession(api);
        for (JsonNode who : List.of(session.alice(), session.bob())) {
            String video = session.recording(who, "video");
            String blobKey = jdbc.sql("select blob_key from room_recordings where id = :id")
                    .param("id", UUID.fromString(video)).query(String.class).single();
            Files.writeString(dataDir.resolve("blobs").resolve(blobKey), "this is no webm".repeat(100),
                    StandardCharsets.US_ASCII);
        }
        Response created = api.post("/v2/room_compositions",
                "{\"session_id\": \"" + session.sessionId() + "\", \"resolution\": \"160x120\"}");
        assertThat(created.status()).as(created.toString()).isEqualTo(202);
        String id = created.data().path("id").asString();
        JsonNode done = awaitFinished(api, id, 60);
        assertThat(done.path("status").asString()).isEqualTo("failed");
        return id;
    }

    private List<Path> keptScripts(String id) throws IOException {
        Path folder = dataDir.resolve("failed-renders");
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(file -> file.getFileName().toString().startsWith(id + "-")).toList();
        }
    }
}
