package dev.montage.recordings;

import static dev.montage.support.ApiAssertions.assertNotFound;
import static dev.montage.support.ApiAssertions.assertParameterProblem;
import static dev.montage.support.ApiAssertions.encoded;
import static dev.montage.support.ApiAssertions.ids;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.montage.support.ApiClient;
import dev.montage.support.ApiClient.Response;
import dev.montage.support.ApiTest;
import dev.montage.support.StoredCounts;
import dev.montage.support.TestMedia;
import tools.jackson.databind.JsonNode;

/** {@code /v2/room_recordings}: read, every list filter, single delete and bulk delete by filter. */
class RecordingApiTest extends ApiTest {

    /**
     * Two sessions in two rooms:
     * <pre>
     * room A, session 1: alice  audio+video  2024-05-01 10:00:00 .. 10:00:02
     *                    bob    audio+video  2024-05-01 10:00:01 .. 10:00:03
     * room B, session 2: carol  audio        2024-05-01 23:59:59.5 .. 2024-05-02 00:00:00.5 (1 s)
     * </pre>
     */
    private TwoParticipantSession session1;
    private String session2;
    private String roomB;
    private String carol;
    private List<String> all;

    @BeforeEach
    void sevenRecordingsInTwoSessions() {
        session1 = twoParticipantSession(api);
        JsonNode carolRecordings = upload(api, TestMedia.audioOnly(440, 1),
                Map.of("started_at", "2024-05-01T23:59:59.500Z", "participant_context", "carol"));
        carol = carolRecordings.path(0).path("id").asString();
        session2 = carolRecordings.path(0).path("session_id").asString();
        roomB = carolRecordings.path(0).path("room_id").asString();
        all = List.of(alice("audio"), alice("video"), bob("audio"), bob("video"), carol);
    }

    @Test
    void listIsNewestStartFirst() {
        Response list = api.get("/v2/room_recordings");

        assertThat(list.json().path("meta").path("total_results").asInt()).isEqualTo(5);
        List<String> ids = ids(list);
        assertThat(ids).containsExactlyInAnyOrderElementsOf(all);
        assertThat(ids.get(0)).isEqualTo(carol);
        assertThat(ids.subList(1, 3)).containsExactlyInAnyOrder(bob("audio"), bob("video"));
        assertThat(ids.subList(3, 5)).containsExactlyInAnyOrder(alice("audio"), alice("video"));
        for (JsonNode recording : list.data()) {
            assertThat(recording).isEqualTo(api.get("/v2/room_recordings/" + recording.path("id").asString()).data());
        }
    }

    @Test
    void listFiltersByRoomSessionAndParticipant() {
        assertThat(ids(list("filter[room_id]=" + session1.roomId())))
                .containsExactlyInAnyOrder(alice("audio"), alice("video"), bob("audio"), bob("video"));
        assertThat(ids(list("filter[room_id]=" + roomB))).containsExactly(carol);
        assertThat(ids(list("filter[session_id]=" + session2))).containsExactly(carol);
        assertThat(ids(list("filter[session_id]=" + session1.sessionId()))).hasSize(4);
        assertThat(ids(list("filter[participant_id]=" + session1.participant(session1.bob()))))
                .containsExactlyInAnyOrder(bob("audio"), bob("video"));
        assertThat(ids(list("filter[participant_id]=" + UUID.randomUUID()))).isEmpty();
        assertThat(ids(list("filter[room_id]=" + roomB + "&filter[session_id]=" + session1.sessionId()))).isEmpty();
    }

    @Test
    void listFiltersByStatusAndType() {
        assertThat(ids(list("filter[status]=completed"))).containsExactlyInAnyOrderElementsOf(all);
        assertThat(ids(list("filter[status]=processing"))).isEmpty();
        assertThat(ids(list("filter[type]=audio"))).containsExactlyInAnyOrder(alice("audio"), bob("audio"), carol);
        assertThat(ids(list("filter[type]=video"))).containsExactlyInAnyOrder(alice("video"), bob("video"));
        assertThat(ids(list("filter[type]=video&filter[participant_id]=" + session1.participant(session1.alice()))))
                .containsExactly(alice("video"));
    }

    @Test
    void listFiltersByDurationAtLeast() {
        assertThat(ids(list("filter[duration_secs]=0"))).hasSize(5);
        assertThat(ids(list("filter[duration_secs]=1"))).hasSize(5);
        assertThat(ids(list("filter[duration_secs]=2"))).hasSize(4).doesNotContain(carol);
        assertThat(ids(list("filter[duration_secs]=3"))).isEmpty();
    }

    /** A 1.8 s clip is shown as 2 s; asking for recordings of at least 2 s must include it. */
    @Test
    void durationFilterAgreesWithTheRoundedDurationShown() {
        JsonNode clip = upload(api, TestMedia.videoOnly("green", 1.8), Map.of("started_at", "2024-06-01T10:00:00Z"))
                .path(0);
        assertThat(clip.path("duration_secs").asInt()).isEqualTo(2);

        assertThat(ids(list("filter[duration_secs]=2"))).contains(clip.path("id").asString());
        assertThat(ids(list("filter[duration_secs]=3"))).doesNotContain(clip.path("id").asString());
    }

    @Test
    void listFiltersByStartAndEndDates() {
        // carol starts on May 1st and ends on May 2nd
        assertThat(ids(list("filter[date_started_at][eq]=2024-05-01"))).containsExactlyInAnyOrderElementsOf(all);
        assertThat(ids(list("filter[date_started_at][eq]=2024-05-02"))).isEmpty();
        assertThat(ids(list("filter[date_started_at][lte]=2024-05-01"))).hasSize(5);
        assertThat(ids(list("filter[date_started_at][gte]=2024-05-02"))).isEmpty();
        assertThat(ids(list("filter[date_started_at][lte]=2024-04-30"))).isEmpty();
        assertThat(ids(list("filter[date_ended_at][eq]=2024-05-02"))).containsExactly(carol);
        assertThat(ids(list("filter[date_ended_at][gte]=2024-05-02"))).containsExactly(carol);
        assertThat(ids(list("filter[date_ended_at][lte]=2024-05-01"))).hasSize(4).doesNotContain(carol);
        assertThat(ids(list("filter[date_ended_at][eq]=2024-05-01&filter[type]=audio")))
                .containsExactlyInAnyOrder(alice("audio"), bob("audio"));
    }

    @Test
    void badFilterValuesAreRefusedWithTheirParameter() {
        Response response = list("filter[type]=screen&filter[status]=done&filter[duration_secs]=long"
                + "&filter[room_id]=room&filter[session_id]=1234&filter[participant_id]=p"
                + "&filter[date_started_at][eq]=yesterday&filter[date_ended_at][lte]=2024-5-1");

        assertThat(response.json().path("errors")).hasSize(8);
        JsonNode type = assertParameterProblem(response, "10032", "filter[type]");
        assertThat(type.path("detail").asString()).contains("audio", "video", "screen");
        assertParameterProblem(response, "10032", "filter[status]");
        assertParameterProblem(response, "10026", "filter[duration_secs]");
        assertParameterProblem(response, "10026", "filter[room_id]");
        assertParameterProblem(response, "10026", "filter[session_id]");
        assertParameterProblem(response, "10026", "filter[participant_id]");
        assertParameterProblem(response, "10026", "filter[date_started_at][eq]");
        assertParameterProblem(response, "10026", "filter[date_ended_at][lte]");
        assertParameterProblem(list("filter[type]=Audio"), "10032", "filter[type]");
    }

    @Test
    void deleteOneAnswers204AndKeepsItsSiblingTrack() {
        long files = storedRecordingFiles();

        Response deleted = api.delete("/v2/room_recordings/" + alice("audio"));

        assertThat(deleted.status()).isEqualTo(204);
        assertThat(deleted.body()).isEmpty();
        assertNotFound(api.get("/v2/room_recordings/" + alice("audio")));
        assertNotFound(api.delete("/v2/room_recordings/" + alice("audio")));
        assertThat(api.get("/v2/room_recordings/" + alice("video")).status()).isEqualTo(200);
        assertThat(ids(api.get("/v2/room_recordings"))).hasSize(4).doesNotContain(alice("audio"));
        assertThat(storedRecordingFiles()).as("the video still uses the file").isEqualTo(files);

        assertThat(api.delete("/v2/room_recordings/" + alice("video")).status()).isEqualTo(204);
        assertThat(storedRecordingFiles()).as("the file goes with its last recording").isEqualTo(files - 1);
        // the session and participant are not the recording's to delete
        assertThat(StoredCounts.of(api)).isEqualTo(new StoredCounts(2, 2, 3, 3));
    }

    @Test
    void unknownMalformedAndForeignRecordingIdsAnswer404() {
        assertNotFound(api.get("/v2/room_recordings/" + UUID.randomUUID()));
        assertNotFound(api.get("/v2/room_recordings/not-a-uuid"));
        assertNotFound(api.delete("/v2/room_recordings/" + UUID.randomUUID()));
        assertNotFound(api.delete("/v2/room_recordings/not-a-uuid"));
        assertNotFound(newAccountClient().delete("/v2/room_recordings/" + carol));
        assertThat(api.get("/v2/room_recordings/" + carol).status()).isEqualTo(200);
    }

    @Test
    void bulkDeleteRemovesExactlyTheMatchingRecordingsAndAnswersTheCount() {
        Response deleted = api.delete("/v2/room_recordings?" + encoded("filter[type]=audio"));

        assertThat(deleted.status()).isEqualTo(201);
        assertThat(deleted.json().toString()).isEqualTo("{\"data\":{\"room_recordings\":3}}");
        assertThat(ids(api.get("/v2/room_recordings"))).containsExactlyInAnyOrder(alice("video"), bob("video"));
        for (String gone : List.of(alice("audio"), bob("audio"), carol)) {
            assertNotFound(api.get("/v2/room_recordings/" + gone));
        }
    }

    @Test
    void bulkDeleteCombinesFilters() {
        Response deleted = api.delete("/v2/room_recordings?" + encoded("filter[session_id]=" + session1.sessionId()
                + "&filter[participant_id]=" + session1.participant(session1.bob()) + "&filter[type]=video"));

        assertThat(deleted.status()).isEqualTo(201);
        assertThat(deleted.data().path("room_recordings").asInt()).isEqualTo(1);
        assertThat(ids(api.get("/v2/room_recordings"))).hasSize(4).doesNotContain(bob("video"));
    }

    @Test
    void bulkDeleteByDateAndDuration() {
        Response deleted = api.delete("/v2/room_recordings?"
                + encoded("filter[date_ended_at][eq]=2024-05-01&filter[duration_secs]=2&filter[room_id]="
                        + session1.roomId()));

        assertThat(deleted.data().path("room_recordings").asInt()).isEqualTo(4);
        assertThat(ids(api.get("/v2/room_recordings"))).containsExactly(carol);
    }

    @Test
    void bulkDeleteMatchingNothingAnswersZero() {
        Response deleted = api.delete("/v2/room_recordings?" + encoded("filter[session_id]=" + UUID.randomUUID()));

        assertThat(deleted.status()).isEqualTo(201);
        assertThat(deleted.data().path("room_recordings").asInt()).isZero();
        assertThat(ids(api.get("/v2/room_recordings"))).hasSize(5);
    }

    @Test
    void bulkDeleteWithABadFilterDeletesNothing() {
        Response response = api.delete("/v2/room_recordings?" + encoded("filter[type]=audio&filter[status]=gone"));

        assertParameterProblem(response, "10032", "filter[status]");
        assertThat(ids(api.get("/v2/room_recordings"))).hasSize(5);
        assertParameterProblem(api.delete("/v2/room_recordings?" + encoded("filter[room_id]=nope")), "10026",
                "filter[room_id]");
        assertThat(ids(api.get("/v2/room_recordings"))).hasSize(5);
    }

    @Test
    void bulkDeleteWithoutFilterTouchesOnlyTheCallersRecordings() {
        ApiClient other = newAccountClient();
        upload(other, TestMedia.audioOnly(440, 1), Map.of("started_at", "2024-05-01T10:00:00Z"));
        long files = storedRecordingFiles();

        Response deleted = api.delete("/v2/room_recordings");

        assertThat(deleted.data().path("room_recordings").asInt()).isEqualTo(5);
        assertThat(ids(api.get("/v2/room_recordings"))).isEmpty();
        assertThat(ids(other.get("/v2/room_recordings"))).hasSize(1);
        assertThat(storedRecordingFiles()).as("alice's, bob's and carol's files are gone").isEqualTo(files - 3);
    }

    private Response list(String query) {
        return api.get("/v2/room_recordings?" + encoded(query));
    }

    private String alice(String type) {
        return session1.recording(session1.alice(), type);
    }

    private String bob(String type) {
        return session1.recording(session1.bob(), type);
    }
}
