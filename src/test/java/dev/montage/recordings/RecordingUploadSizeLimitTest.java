package dev.montage.recordings;

import static dev.montage.support.ApiAssertions.assertParameterProblem;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

import dev.montage.support.ApiClient.Response;
import dev.montage.support.ApiTest;
import dev.montage.support.StoredCounts;
import dev.montage.support.TestMedia;
import tools.jackson.databind.JsonNode;

/** {@code montage.recordings.max-upload-size} refuses larger uploads with a 422 that says why. */
@TestPropertySource(properties = "montage.recordings.max-upload-size=64KB")
class RecordingUploadSizeLimitTest extends ApiTest {

    private static final Map<String, String> FIELDS = Map.of("started_at", "2024-05-01T10:00:00Z");

    @Test
    void anUploadOverTheLimitIsRefusedAndStoresNothing() {
        byte[] large = new byte[200 * 1024];
        new Random(1).nextBytes(large);
        long files = storedRecordingFiles();

        Response response = api.upload("/v2/room_recordings", large, "large.webm", FIELDS);

        JsonNode error = assertParameterProblem(response, "10015", "file");
        assertThat(error.path("detail").asString()).contains("size limit").contains(String.valueOf(64 * 1024));
        assertThat(StoredCounts.of(api)).isEqualTo(new StoredCounts(0, 0, 0, 0));
        assertThat(storedRecordingFiles()).isEqualTo(files);
    }

    @Test
    void anUploadUnderTheLimitIsAccepted() {
        byte[] media = TestMedia.webm("red", 440, 2);
        assertThat(media.length).isLessThan(64 * 1024);

        assertThat(upload(api, media, FIELDS)).hasSize(2);
    }
}
