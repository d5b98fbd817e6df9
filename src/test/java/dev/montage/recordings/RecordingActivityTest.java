package dev.montage.recordings;

import static dev.montage.support.ApiAssertions.assertNotFound;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import dev.montage.accounts.AccountService;
import dev.montage.layout.ParticipantSpeech;
import dev.montage.layout.TimeSpan;
import dev.montage.support.ApiClient;
import dev.montage.support.ApiClient.Response;
import dev.montage.support.ApiTest;
import dev.montage.support.TestMedia;
import tools.jackson.databind.JsonNode;

/**
 * {@code GET /v2/room_recordings/{id}/activity}: the speech-activity timeline made after the upload by the analysis
 * job, from real Opus audio. Tones at about -15 dBFS are the speech; the windows at a tone's edges may hold some of both (Opus
 * smears an edge over a few milliseconds), so levels are checked one window inside each edge and spans within a
 * window of it.
 */
class RecordingActivityTest extends ApiTest {

    private static final String STARTED_AT = "2024-05-01T10:00:00Z";

    @Autowired
    private JdbcClient jdbc;

    @Autowired
    private RecordingService recordingService;

    /**
     * <pre>
     * seconds   0       1       2       3
     * audio     ██tone██ silence ██tone██
     * speech   [0, 1000)        [2000, 3000)
     * </pre>
     */
    @Test
    void toneSilenceTone_levelsAndSpeechLieWhereTheToneIs() {
        JsonNode recording = upload(api, TestMedia.speaking(440, 3, 0, 1, 2, 3),
                Map.of("started_at", STARTED_AT, "participant_context", "alice")).path(0);

        JsonNode activity = awaitActivity(api, recording.path("id").asString());

        assertThat(activity.path("status").asString()).isEqualTo("analysed");
        assertThat(activity.path("failure_reason").isNull()).isTrue();
        assertThat(activity.path("record_type").asString()).isEqualTo("room_recording_activity");
        assertThat(activity.path("recording_id").asString()).isEqualTo(recording.path("id").asString());
        assertThat(activity.path("participant_id").asString()).isEqualTo(recording.path("participant_id").asString());
        assertThat(activity.path("session_id").asString()).isEqualTo(recording.path("session_id").asString());
        assertThat(activity.path("started_at").asString()).isEqualTo(recording.path("started_at").asString());
        assertThat(activity.path("session_offset_millis").asLong()).isZero();
        assertThat(activity.path("window_millis").asInt()).isEqualTo(100);

        List<Integer> levels = levels(activity);
        assertThat(levels).hasSizeBetween(30, 31);
        assertThat(levels.subList(1, 9)).allSatisfy(db -> assertThat(db).isBetween(-18, -12));
        assertThat(levels.subList(11, 19)).allSatisfy(db -> assertThat(db).isLessThan(-70));
        assertThat(levels.subList(21, 29)).allSatisfy(db -> assertThat(db).isBetween(-18, -12));

        List<long[]> speech = speech(activity);
        assertThat(speech).hasSize(2);
        assertNear(speech.get(0), 0, 1000);
        assertNear(speech.get(1), 2000, 3000);
    }

    /** The floor is the recording's own: a quiet voice over hiss is speech, the hiss is not. */
    @Test
    void speechOverHiss_isJudgedAgainstTheHiss() {
        JsonNode recording = upload(api, TestMedia.speakingOver(300, 4, 0.01, 1, 2.5),
                Map.of("started_at", STARTED_AT)).path(0);

        JsonNode activity = awaitActivity(api, recording.path("id").asString());

        assertThat(activity.path("noise_floor_db").asInt()).isBetween(-60, -40);
        assertThat(activity.path("speech_threshold_db").asInt())
                .isEqualTo(Math.max(-60, Math.min(-35, activity.path("noise_floor_db").asInt() + 12)));
        List<long[]> speech = speech(activity);
        assertThat(speech).hasSize(1);
        assertNear(speech.get(0), 1000, 2500);
    }

    /** Pauses shorter than the hangover (300 ms) do not end speech; longer ones do. */
    @Test
    void shortPausesAreBridged_longOnesSplit() {
        JsonNode recording = upload(api, TestMedia.speaking(500, 4, 0.5, 1, 1.2, 1.7, 2.5, 3),
                Map.of("started_at", STARTED_AT)).path(0);

        List<long[]> speech = speech(awaitActivity(api, recording.path("id").asString()));

        assertThat(speech).hasSize(2);
        assertNear(speech.get(0), 500, 1700);
        assertNear(speech.get(1), 2500, 3000);
    }

    @Test
    void aLaterRecordingIsPlacedOnTheSessionClock() {
        JsonNode first = upload(api, TestMedia.speaking(440, 3, 0, 1), Map.of("started_at", STARTED_AT)).path(0);
        JsonNode second = upload(api, TestMedia.speaking(660, 3, 1, 2), Map.of("started_at", "2024-05-01T10:00:02.5Z",
                "session_id", first.path("session_id").asString())).path(0);

        JsonNode activity = awaitActivity(api, second.path("id").asString());

        assertThat(activity.path("session_offset_millis").asLong()).isEqualTo(2500);
        assertThat(activity.path("started_at").asString()).isEqualTo("2024-05-01T10:00:02.500000Z");
        assertThat(activity.path("participant_id").asString()).isEqualTo(second.path("participant_id").asString());
        assertNear(speech(activity).get(0), 1000, 2000);
    }

    @Test
    void aVideoRecordingHasNoTimeline_andSaysWhere() {
        JsonNode both = upload(api, TestMedia.webm("red", 440, 2), Map.of("started_at", STARTED_AT));
        String video = recordingOfType(both, "video");
        String audio = recordingOfType(both, "audio");

        Response response = api.get("/v2/room_recordings/" + video + "/activity");

        assertNotFound(response);
        assertThat(response.error().path("detail").asString()).contains("is a video recording");
        assertThat(awaitActivity(api, audio).path("status").asString()).isEqualTo("analysed");
    }

    @Test
    void aRecordingUploadedBeforeTimelinesHasNone() {
        JsonNode recording = upload(api, TestMedia.speaking(440, 2, 0, 1), Map.of("started_at", STARTED_AT)).path(0);
        String id = recording.path("id").asString();
        awaitActivity(api, id);
        // what a row written before migration V14 holds
        jdbc.sql("""
                update room_recordings set speech_levels = null, speech_window_millis = null, speech_status = null
                 where id = :id
                """).param("id", UUID.fromString(id)).update();

        Response response = api.get("/v2/room_recordings/" + id + "/activity");

        assertNotFound(response);
        assertThat(response.error().path("detail").asString()).contains("has no speech-activity timeline");
        assertThat(api.get("/v2/room_recordings/" + id).status()).isEqualTo(200);
    }

    @Test
    void unknownMalformedAndOtherAccountsRecordingsAreNotFound() {
        JsonNode recording = upload(api, TestMedia.speaking(440, 2, 0, 1), Map.of("started_at", STARTED_AT)).path(0);
        String id = recording.path("id").asString();

        assertNotFound(api.get("/v2/room_recordings/" + UUID.randomUUID() + "/activity"));
        assertNotFound(api.get("/v2/room_recordings/not-a-uuid/activity"));
        Response otherAccount = newAccountClient().get("/v2/room_recordings/" + id + "/activity");
        assertNotFound(otherAccount);
        assertThat(otherAccount.error().path("detail").asString()).contains("was not found");
        assertThat(api.get("/v2/room_recordings/" + id + "/activity").status()).isEqualTo(200);
    }

    @Test
    void aKeyIsNeeded() {
        JsonNode recording = upload(api, TestMedia.speaking(440, 2, 0, 1), Map.of("started_at", STARTED_AT)).path(0);

        Response response = api.withAuthorization("Bearer wrong").get("/v2/room_recordings/"
                + recording.path("id").asString() + "/activity");

        assertThat(response.status()).isEqualTo(401);
        assertThat(response.error().path("code").asString()).isEqualTo("10009");
    }

    /**
     * What the active-speaker layouts will read: every participant's speech on the session clock (epoch ms), a
     * participant's reconnects joined, video-only participants absent.
     * <pre>
     * seconds from 10:00:00   0     1     2     3     4     5     6     7
     * alice (two recordings)  [speak]                       [ .. [speak] ]
     * bob (from 2 s)                      [ .. [speak] ]
     * carol (video only)            [ ......... ]
     * </pre>
     */
    @Test
    void aSessionsSpeechByParticipant_onTheSessionClock() {
        AccountService.NewAccount account = accounts.createAccount();
        ApiClient client = new ApiClient(port, account.apiKey());
        JsonNode alice = upload(client, TestMedia.speaking(440, 2, 0, 1), Map.of("started_at", STARTED_AT)).path(0);
        String session = alice.path("session_id").asString();
        String aliceId = alice.path("participant_id").asString();
        upload(client, TestMedia.speaking(440, 2, 0.5, 1.5), Map.of("started_at", "2024-05-01T10:00:05Z",
                "participant_id", aliceId));
        String bobId = upload(client, TestMedia.speaking(660, 3, 1, 2), Map.of("started_at", "2024-05-01T10:00:02Z",
                "session_id", session)).path(0).path("participant_id").asString();
        upload(client, TestMedia.videoOnly("blue", 3), Map.of("started_at", "2024-05-01T10:00:01Z",
                "session_id", session));

        Map<String, List<TimeSpan>> speech = ParticipantSpeech.onSessionClock(
                recordingService.speechOfSession(account.accountId(), UUID.fromString(session)));

        long t0 = Instant.parse(STARTED_AT).toEpochMilli();
        assertThat(speech).containsOnlyKeys(aliceId, bobId);
        assertThat(speech.get(aliceId)).hasSize(2);
        assertNear(span(speech.get(aliceId).get(0)), t0, t0 + 1000);
        assertNear(span(speech.get(aliceId).get(1)), t0 + 5500, t0 + 6500);
        assertThat(speech.get(bobId)).hasSize(1);
        assertNear(span(speech.get(bobId).get(0)), t0 + 3000, t0 + 4000);
        assertThat(recordingService.speechOfSession(accounts.createAccount().accountId(), UUID.fromString(session)))
                .as("another account's session").isEmpty();
    }

    private static long[] span(TimeSpan span) {
        return new long[] {span.startMillis(), span.endMillis()};
    }

    private static void assertNear(long[] span, long startMillis, long endMillis) {
        assertThat(span[0]).as("start of speech").isBetween(startMillis - 100, startMillis + 100);
        assertThat(span[1]).as("end of speech").isBetween(endMillis - 100, endMillis + 100);
    }

    private static List<Integer> levels(JsonNode activity) {
        List<Integer> levels = new ArrayList<>();
        activity.path("levels").forEach(level -> levels.add(level.asInt()));
        return levels;
    }

    private static List<long[]> speech(JsonNode activity) {
        List<long[]> spans = new ArrayList<>();
        activity.path("speech").forEach(span -> spans.add(
                new long[] {span.path("start_millis").asLong(), span.path("end_millis").asLong()}));
        return spans;
    }

    private static String recordingOfType(JsonNode recordings, String type) {
        for (JsonNode r : recordings) {
            if (r.path("type").asString().equals(type)) {
                return r.path("id").asString();
            }
        }
        throw new AssertionError("no " + type + " recording in " + recordings);
    }
}
