package dev.montage.recordings;

import static dev.montage.support.ApiAssertions.assertNotFound;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;

import dev.montage.support.ApiClient.Response;
import dev.montage.support.ApiTest;
import dev.montage.support.TestMedia;

/** {@code montage.recordings.speech-analysis=false}: audio is stored as ever, with no timeline and no job. */
@TestPropertySource(properties = "montage.recordings.speech-analysis=false")
class SpeechAnalysisOffTest extends ApiTest {

    @Autowired
    private JdbcClient jdbc;

    @Test
    void anAudioUploadGetsNoJob_andItsActivitySaysWhy() {
        String id = upload(api, TestMedia.speaking(440, 2, 0, 1), Map.of("started_at", "2024-05-01T10:00:00Z"))
                .path(0).path("id").asString();

        Response activity = api.get("/v2/room_recordings/" + id + "/activity");

        assertNotFound(activity);
        assertThat(activity.error().path("detail").asString()).contains("has no speech-activity timeline")
                .contains("montage.recordings.speech-analysis");
        assertThat(jdbc.sql("select count(*) from speech_tasks where task_instance = :id").param("id", id)
                .query(Long.class).single()).isZero();
        assertThat(jdbc.sql("select count(*) from room_recordings where id = :id and speech_status is null")
                .param("id", UUID.fromString(id)).query(Long.class).single()).as("no speech status").isEqualTo(1);
    }
}
