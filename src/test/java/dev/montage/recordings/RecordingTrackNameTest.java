package dev.montage.recordings;

import static dev.montage.support.ApiAssertions.assertParameterProblem;
import static dev.montage.support.ApiAssertions.encoded;
import static dev.montage.support.ApiAssertions.ids;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.montage.support.ApiClient.Response;
import dev.montage.support.ApiTest;
import dev.montage.support.TestMedia;
import tools.jackson.databind.JsonNode;

/** {@code track_name} (extension): given at upload, shown on every recording, and a list filter with globs. */
class RecordingTrackNameTest extends ApiTest {

    /**
     * One session, four uploads:
     * <pre>
     * camera     audio+video  no track name
     * screen-1   video        "screen-1"
     * screen-10  video        "screen-10"
     * Screen_2   audio        "Screen_2"     (a LIKE wildcard in the name, upper case)
     * </pre>
     */
    private String camera;
    private String cameraAudio;
    private String screen1;
    private String screen10;
    private String screen2;
    private String session;

    @BeforeEach
    void recordingsWithAndWithoutTrackNames() {
        JsonNode cam = upload(api, TestMedia.webm("red", 440, 1), Map.of("started_at", "2024-05-01T10:00:00Z"));
        session = cam.path(0).path("session_id").asString();
        camera = recording(cam, "video");
        cameraAudio = recording(cam, "audio");
        screen1 = named("screen-1", TestMedia.videoOnly("blue", 1)).path(0).path("id").asString();
        screen10 = named("screen-10", TestMedia.videoOnly("green", 1)).path(0).path("id").asString();
        screen2 = named("Screen_2", TestMedia.audioOnly(660, 1)).path(0).path("id").asString();
    }

    @Test
    void theNameIsShownOnEveryRecordingOfTheUploadAndNullWithoutOne() {
        JsonNode both = named("presenter cam", TestMedia.webm("yellow", 550, 1));

        assertThat(both).hasSize(2);
        for (JsonNode recording : both) {
            assertThat(recording.path("track_name").asString()).isEqualTo("presenter cam");
            String id = recording.path("id").asString();
            assertThat(api.get("/v2/room_recordings/" + id).data().path("track_name").asString())
                    .isEqualTo("presenter cam");
        }
        JsonNode unnamed = api.get("/v2/room_recordings/" + camera).data();
        assertThat(unnamed.has("track_name")).isTrue();
        assertThat(unnamed.path("track_name").isNull()).isTrue();
        for (JsonNode listed : api.get("/v2/room_recordings").data()) {
            assertThat(listed.has("track_name")).as("%s", listed).isTrue();
        }
    }

    @Test
    void aBlankTrackNameIsNone() {
        JsonNode blank = named("  ", TestMedia.videoOnly("white", 1));

        assertThat(blank.path(0).path("track_name").isNull()).isTrue();
    }

    @Test
    void theNameIsKeptAsSentUpTo256CharactersOfAnyScript() {
        String longest = "\uD83C\uDFA5".repeat(6) + "é".repeat(250); // 256 code points, 262 UTF-16 units
        assertThat(named(longest, TestMedia.videoOnly("white", 1)).path(0).path("track_name").asString())
                .isEqualTo(longest);
        assertThat(named(" padded ", TestMedia.videoOnly("white", 1)).path(0).path("track_name").asString())
                .isEqualTo(" padded ");
    }

    @Test
    void listFiltersByExactTrackName() {
        assertThat(ids(list("filter[track_name]=screen-1"))).containsExactly(screen1);
        assertThat(ids(list("filter[track_name]=Screen_2"))).containsExactly(screen2);
        assertThat(ids(list("filter[track_name]=screen"))).isEmpty();
    }

    @Test
    void listFiltersByTwilioGlobCaseSensitively() {
        assertThat(ids(strictList("filter[track_name]=screen*"))).containsExactlyInAnyOrder(screen1, screen10);
        assertThat(ids(strictList("filter[track_name]=screen-?"))).containsExactly(screen1);
        assertThat(ids(strictList("filter[track_name]=?creen*"))).containsExactlyInAnyOrder(screen1, screen10, screen2);
        assertThat(ids(strictList("filter[track_name]=*"))).as("every named recording, no unnamed one")
                .containsExactlyInAnyOrder(screen1, screen10, screen2).doesNotContain(camera, cameraAudio);
        assertThat(ids(strictList("filter[track_name]=SCREEN*"))).isEmpty();
        assertThat(ids(strictList("filter[track_name]=screen*&filter[type]=audio"))).isEmpty();
        assertThat(ids(strictList("filter[track_name]=screen*&filter[session_id]=" + session))).hasSize(2);
    }

    /** LIKE's own wildcards in a filter stand for themselves: {@code _} is not "any character" here. */
    @Test
    void sqlWildcardsInTheFilterAreLiteral() {
        assertThat(ids(list("filter[track_name]=Screen_2"))).containsExactly(screen2);
        assertThat(ids(list("filter[track_name]=Screen-2"))).isEmpty();
        assertThat(ids(list("filter[track_name]=screen%25"))).as("screen%").isEmpty();
        assertThat(ids(list("filter[track_name]=%25"))).as("%").isEmpty();
    }

    @Test
    void bulkDeleteByTrackName() {
        Response deleted = api.delete("/v2/room_recordings?" + encoded("filter[track_name]=screen*"));

        assertThat(deleted.status()).isEqualTo(201);
        assertThat(deleted.data().path("room_recordings").asInt()).isEqualTo(2);
        assertThat(ids(api.get("/v2/room_recordings"))).containsExactlyInAnyOrder(camera, cameraAudio, screen2);
    }

    @Test
    void tooLongAndControlCharactersAreRefusedAndNothingIsStored() {
        long files = storedRecordingFiles();
        for (String bad : List.of("s".repeat(257), "screen\u00001", "screen\t1", "line\nbreak", "del\u007F")) {
            Response response = api.upload("/v2/room_recordings", TestMedia.videoOnly("white", 1), "track.webm",
                    Map.of("started_at", "2024-05-01T10:00:05Z", "session_id", session, "track_name", bad));

            JsonNode error = assertParameterProblem(response, "10015", "track_name");
            assertThat(error.path("detail").asString()).startsWith("track_name must");
        }
        assertThat(ids(api.get("/v2/room_recordings"))).hasSize(5);
        assertThat(storedRecordingFiles()).isEqualTo(files);
        Response tooLong = api.upload("/v2/room_recordings", TestMedia.videoOnly("white", 1), "track.webm",
                Map.of("started_at", "2024-05-01T10:00:05Z", "track_name", "s".repeat(257)));
        assertThat(tooLong.error().path("detail").asString())
                .isEqualTo("track_name must be at most 256 characters, not 257");
    }

    @Test
    void badTrackNameFiltersAreRefusedWithTheirParameter() {
        assertParameterProblem(list("filter[track_name]=" + "x".repeat(257)), "10015", "filter[track_name]");
        assertParameterProblem(list("filter[track_name]=a%09b"), "10015", "filter[track_name]");
        assertParameterProblem(list("filter[track_name]="), "10015", "filter[track_name]");
        assertParameterProblem(api.delete("/v2/room_recordings?" + encoded("filter[track_name]=a%00")), "10015",
                "filter[track_name]");
        assertThat(ids(api.get("/v2/room_recordings"))).hasSize(5);
    }

    private JsonNode named(String trackName, byte[] media) {
        return upload(api.strict(), media, Map.of("started_at", "2024-05-01T10:00:01Z", "session_id", session, "track_name",
                trackName));
    }

    /** A list request the OpenAPI document must allow, parameter and all. */
    private Response strictList(String query) {
        return api.strict().get("/v2/room_recordings?" + encoded(query));
    }

    private Response list(String query) {
        return api.get("/v2/room_recordings?" + encoded(query));
    }

    private static String recording(JsonNode created, String type) {
        for (JsonNode r : created) {
            if (r.path("type").asString().equals(type)) {
                return r.path("id").asString();
            }
        }
        throw new AssertionError("no " + type + " recording in " + created);
    }
}
