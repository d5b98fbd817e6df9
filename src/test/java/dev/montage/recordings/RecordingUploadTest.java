package dev.montage.recordings;

import static dev.montage.support.ApiAssertions.assertParameterProblem;
import static dev.montage.support.ApiAssertions.assertWireTimestamps;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import dev.montage.support.ApiClient.Response;
import dev.montage.support.ApiTest;
import dev.montage.support.StoredCounts;
import dev.montage.support.TestMedia;
import tools.jackson.databind.JsonNode;

/**
 * {@code POST /v2/room_recordings} (multipart): what an upload creates, and that a refused upload stores nothing,
 * neither rows nor a blob.
 */
class RecordingUploadTest extends ApiTest {

    private static final String STARTED_AT = "2024-05-01T10:00:00Z";

    @Test
    void aWebmWithAudioAndVideoBecomesTwoRecordings() {
        Response response = api.upload("/v2/room_recordings", TestMedia.webm("red", 440, 2), "alice.webm",
                Map.of("started_at", STARTED_AT, "participant_context", "alice"));

        assertThat(response.status()).isEqualTo(201);
        JsonNode recordings = response.data();
        assertThat(recordings).hasSize(2);
        JsonNode audio = ofType(recordings, "audio");
        JsonNode video = ofType(recordings, "video");
        assertThat(audio.path("codec").asString()).isEqualTo("opus");
        assertThat(video.path("codec").asString()).isEqualTo("vp8");
        for (JsonNode recording : recordings) {
            assertThat(recording.path("record_type").asString()).isEqualTo("room_recording");
            assertThat(recording.path("status").asString()).isEqualTo("completed");
            assertThat(recording.path("duration_secs").isIntegralNumber()).isTrue();
            assertThat(recording.path("duration_secs").asInt()).isEqualTo(2);
            assertThat(recording.path("size_mb").isNumber()).isTrue();
            assertThat(recording.path("size_mb").decimalValue()).isPositive();
            assertThat(recording.path("started_at").asString()).isEqualTo("2024-05-01T10:00:00.000000Z");
            Duration span = Duration.between(Instant.parse(recording.path("started_at").asString()),
                    Instant.parse(recording.path("ended_at").asString()));
            assertThat(span).as("ended_at = started_at + probed duration")
                    .isBetween(Duration.ofMillis(1500), Duration.ofMillis(2499));
            assertThat(Math.round(span.toMillis() / 1000.0)).isEqualTo(recording.path("duration_secs").asLong());
            assertThat(recording.path("completed_at").isNull()).isFalse();
            assertThat(assertWireTimestamps(recording)).isEqualTo(5);
            // what the upload answered is what a later read gives
            assertThat(api.get("/v2/room_recordings/" + recording.path("id").asString()).data()).isEqualTo(recording);
        }
        assertThat(audio.path("session_id")).isEqualTo(video.path("session_id"));
        assertThat(audio.path("participant_id")).isEqualTo(video.path("participant_id"));
        assertThat(audio.path("room_id")).isEqualTo(video.path("room_id"));
        assertThat(audio.path("id")).isNotEqualTo(video.path("id"));
    }

    @Test
    void anUploadNamingNothingCreatesRoomSessionAndParticipant() {
        JsonNode recordings = upload(api, TestMedia.webm("red", 440, 2),
                Map.of("started_at", STARTED_AT, "participant_context", "alice"));
        JsonNode first = recordings.path(0);

        assertThat(StoredCounts.of(api)).isEqualTo(new StoredCounts(1, 1, 1, 2));
        JsonNode room = api.get("/v2/rooms/" + first.path("room_id").asString()).data();
        assertThat(room.path("enable_recording").asBoolean()).isTrue();
        assertThat(room.path("active_session_id").asString()).isEqualTo(first.path("session_id").asString());
        JsonNode session = api.get("/v2/room_sessions/" + first.path("session_id").asString()).data();
        assertThat(session.path("room_id").asString()).isEqualTo(first.path("room_id").asString());
        assertThat(session.path("active").asBoolean()).isTrue();
        JsonNode participant = api.get("/v2/room_participants/" + first.path("participant_id").asString()).data();
        assertThat(participant.path("session_id").asString()).isEqualTo(first.path("session_id").asString());
        assertThat(participant.path("context").asString()).isEqualTo("alice");
        assertThat(participant.path("joined_at").asString()).isEqualTo("2024-05-01T10:00:00.000000Z");
        assertThat(participant.path("left_at").asString()).isEqualTo(latestEnd(recordings));
    }

    @Test
    void startedAtWithAnOffsetIsStoredInUtcWithMicroseconds() {
        JsonNode recording = upload(api, TestMedia.audioOnly(440, 1),
                Map.of("started_at", "2024-05-01T12:30:00.1234567+02:00")).path(0);

        assertThat(recording.path("started_at").asString()).isEqualTo("2024-05-01T10:30:00.123456Z");
    }

    @Test
    void anAudioOnlyFileBecomesOneAudioRecording() {
        JsonNode recordings = upload(api, TestMedia.audioOnly(440, 1), Map.of("started_at", STARTED_AT));

        assertThat(recordings).hasSize(1);
        assertThat(recordings.path(0).path("type").asString()).isEqualTo("audio");
        assertThat(recordings.path(0).path("codec").asString()).isEqualTo("opus");
        assertThat(recordings.path(0).path("duration_secs").asInt()).isEqualTo(1);
    }

    @Test
    void aVideoOnlyFileBecomesOneVideoRecording() {
        JsonNode recordings = upload(api, TestMedia.videoOnly("green", 1), Map.of("started_at", STARTED_AT));

        assertThat(recordings).hasSize(1);
        assertThat(recordings.path(0).path("type").asString()).isEqualTo("video");
        assertThat(recordings.path(0).path("codec").asString()).isEqualTo("vp8");
    }

    @Test
    void aSecondUploadWithParticipantIdReusesThatParticipantAndWidensItsPresence() {
        JsonNode first = upload(api, TestMedia.webm("red", 440, 2),
                Map.of("started_at", STARTED_AT, "participant_context", "alice"));
        String participantId = first.path(0).path("participant_id").asString();

        JsonNode second = upload(api, TestMedia.webm("red", 440, 2),
                Map.of("started_at", "2024-05-01T10:00:10Z", "participant_id", participantId));

        for (JsonNode recording : second) {
            assertThat(recording.path("participant_id").asString()).isEqualTo(participantId);
            assertThat(recording.path("session_id")).isEqualTo(first.path(0).path("session_id"));
            assertThat(recording.path("room_id")).isEqualTo(first.path(0).path("room_id"));
        }
        assertThat(StoredCounts.of(api)).isEqualTo(new StoredCounts(1, 1, 1, 4));
        JsonNode participant = api.get("/v2/room_participants/" + participantId).data();
        assertThat(participant.path("context").asString()).isEqualTo("alice");
        assertThat(participant.path("joined_at").asString()).isEqualTo("2024-05-01T10:00:00.000000Z");
        assertThat(participant.path("left_at").asString()).isEqualTo(latestEnd(second));
    }

    @Test
    void aSecondUploadWithSessionIdAddsAParticipantToThatSession() {
        TwoParticipantSession fixture = twoParticipantSession(api);

        assertThat(StoredCounts.of(api)).isEqualTo(new StoredCounts(1, 1, 2, 4));
        assertThat(fixture.participant(fixture.bob())).isNotEqualTo(fixture.participant(fixture.alice()));
        for (JsonNode recording : fixture.bob()) {
            assertThat(recording.path("session_id").asString()).isEqualTo(fixture.sessionId());
            assertThat(recording.path("room_id").asString()).isEqualTo(fixture.roomId());
        }
        JsonNode bob = api.get("/v2/room_participants/" + fixture.participant(fixture.bob())).data();
        assertThat(bob.path("context").asString()).isEqualTo("bob");
        assertThat(bob.path("joined_at").asString()).isEqualTo("2024-05-01T10:00:01.000000Z");
    }

    @Test
    void anUploadWithRoomIdStartsANewSessionInThatRoom() {
        String roomId = createRoom(api, "{\"unique_name\":\"standup\"}").path("id").asString();

        JsonNode recordings = upload(api, TestMedia.audioOnly(440, 1),
                Map.of("started_at", STARTED_AT, "room_id", roomId));

        assertThat(recordings.path(0).path("room_id").asString()).isEqualTo(roomId);
        assertThat(StoredCounts.of(api)).isEqualTo(new StoredCounts(1, 1, 1, 1));
        assertThat(api.get("/v2/rooms/" + roomId).data().path("active_session_id").asString())
                .isEqualTo(recordings.path(0).path("session_id").asString());
    }

    @Test
    void anUploadWithMatchingSessionParticipantAndRoomIsAccepted() {
        TwoParticipantSession fixture = twoParticipantSession(api);

        JsonNode recordings = upload(api, TestMedia.audioOnly(440, 1), Map.of("started_at", "2024-05-01T10:00:05Z",
                "session_id", fixture.sessionId(), "room_id", fixture.roomId(),
                "participant_id", fixture.participant(fixture.alice())));

        assertThat(recordings.path(0).path("participant_id").asString())
                .isEqualTo(fixture.participant(fixture.alice()));
        assertThat(StoredCounts.of(api)).isEqualTo(new StoredCounts(1, 1, 2, 5));
    }

    // Refused uploads: each answers 422 at its parameter and stores nothing.

    @Test
    void randomBytesAreNotMedia() {
        byte[] noise = new byte[4096];
        new Random(7).nextBytes(noise);

        JsonNode error = assertRefused(noise, Map.of("started_at", STARTED_AT), "10015", "file");

        assertThat(error.path("detail").asString())
                .isEqualTo("the file is not media ffprobe can read (Invalid data found when processing input)")
                .as("where the server keeps the upload is not the client's business").doesNotContain("/");
    }

    @Test
    void aFileWithoutAudioOrVideoIsRefused() {
        JsonNode error = assertRefused(TestMedia.subtitlesOnly(), Map.of("started_at", STARTED_AT), "10015", "file");

        assertThat(error.path("detail").asString()).contains("no audio and no video");
    }

    @Test
    void anEmptyFileIsRefused() {
        JsonNode error = assertRefused(new byte[0], Map.of("started_at", STARTED_AT), "10015", "file");

        assertThat(error.path("detail").asString()).contains("empty");
    }

    @Test
    void aMissingFileIsAMissingParameter() {
        assertRefused(null, Map.of("started_at", STARTED_AT), "10004", "file");
    }

    @Test
    void aMissingStartedAtIsAMissingParameter() {
        assertRefused(TestMedia.audioOnly(440, 1), Map.of("participant_context", "alice"), "10004", "started_at");
        assertRefused(TestMedia.audioOnly(440, 1), Map.of("started_at", " "), "10004", "started_at");
    }

    @Test
    void aMalformedStartedAtIsTheWrongType() {
        for (String malformed : new String[] {"yesterday", "2024-05-01", "2024-05-01T10:00:00", "1714557600"}) {
            JsonNode error = assertRefused(TestMedia.audioOnly(440, 1), Map.of("started_at", malformed), "10026",
                    "started_at");
            assertThat(error.path("detail").asString()).contains(malformed);
        }
    }

    @Test
    void anUnknownSessionIsRefused() {
        twoParticipantSession(api);

        assertRefused(TestMedia.audioOnly(440, 1),
                Map.of("started_at", STARTED_AT, "session_id", UUID.randomUUID().toString()), "10015", "session_id");
    }

    @Test
    void aSessionIdThatIsNotAUuidIsTheWrongType() {
        assertRefused(TestMedia.audioOnly(440, 1), Map.of("started_at", STARTED_AT, "session_id", "session-1"),
                "10026", "session_id");
        assertRefused(TestMedia.audioOnly(440, 1), Map.of("started_at", STARTED_AT, "session_id", "1-1-1-1-1"),
                "10026", "session_id");
    }

    @Test
    void unknownOrMalformedRoomAndParticipantIdsAreRefused() {
        assertRefused(TestMedia.audioOnly(440, 1),
                Map.of("started_at", STARTED_AT, "room_id", UUID.randomUUID().toString()), "10015", "room_id");
        assertRefused(TestMedia.audioOnly(440, 1), Map.of("started_at", STARTED_AT, "room_id", "room-1"),
                "10026", "room_id");
        assertRefused(TestMedia.audioOnly(440, 1),
                Map.of("started_at", STARTED_AT, "participant_id", UUID.randomUUID().toString()), "10015",
                "participant_id");
        assertRefused(TestMedia.audioOnly(440, 1), Map.of("started_at", STARTED_AT, "participant_id", "alice"),
                "10026", "participant_id");
    }

    @Test
    void aParticipantOfAnotherSessionIsRefused() {
        TwoParticipantSession first = twoParticipantSession(api);
        TwoParticipantSession second = twoParticipantSession(api);

        JsonNode error = assertRefused(TestMedia.audioOnly(440, 1), Map.of("started_at", STARTED_AT,
                "session_id", first.sessionId(), "participant_id", second.participant(second.alice())), "10015",
                "participant_id");

        assertThat(error.path("detail").asString()).contains(first.sessionId());
    }

    @Test
    void aRoomThatIsNotTheSessionsRoomIsRefused() {
        TwoParticipantSession fixture = twoParticipantSession(api);
        String otherRoom = createRoom(api, "{}").path("id").asString();

        assertRefused(TestMedia.audioOnly(440, 1),
                Map.of("started_at", STARTED_AT, "session_id", fixture.sessionId(), "room_id", otherRoom),
                "10015", "room_id");
        // also when the session is implied by the participant
        assertRefused(TestMedia.audioOnly(440, 1), Map.of("started_at", STARTED_AT,
                "participant_id", fixture.participant(fixture.alice()), "room_id", otherRoom), "10015", "room_id");
    }

    @Test
    void anotherAccountsSessionIsUnknown() {
        TwoParticipantSession foreign = twoParticipantSession(newAccountClient());

        assertRefused(TestMedia.audioOnly(440, 1),
                Map.of("started_at", STARTED_AT, "session_id", foreign.sessionId()), "10015", "session_id");
    }

    @Test
    void everyProblemOfAnUploadIsReportedAtOnce() {
        Map<String, String> fields = new HashMap<>();
        fields.put("started_at", "noon");
        fields.put("session_id", "x");
        fields.put("room_id", UUID.randomUUID().toString());
        fields.put("participant_context", "c".repeat(256));

        Response response = api.upload("/v2/room_recordings", new byte[0], "a.webm", fields);

        assertThat(response.json().path("errors")).hasSize(5);
        assertParameterProblem(response, "10026", "started_at");
        assertParameterProblem(response, "10026", "session_id");
        assertParameterProblem(response, "10015", "room_id");
        assertParameterProblem(response, "10015", "participant_context");
        assertParameterProblem(response, "10015", "file");
    }

    /** Uploads, expects 422 with {@code code} at {@code parameter}, and checks that nothing was stored. */
    private JsonNode assertRefused(byte[] file, Map<String, String> fields, String code, String parameter) {
        StoredCounts before = StoredCounts.of(api);
        long blobsBefore = storedRecordingFiles();

        Response response = api.upload("/v2/room_recordings", file, "track.webm", fields);

        JsonNode error = assertParameterProblem(response, code, parameter);
        assertThat(StoredCounts.of(api)).isEqualTo(before);
        assertThat(storedRecordingFiles()).as("blobs and spooled files").isEqualTo(blobsBefore);
        return error;
    }

    private static JsonNode ofType(JsonNode recordings, String type) {
        for (JsonNode recording : recordings) {
            if (recording.path("type").asString().equals(type)) {
                return recording;
            }
        }
        throw new AssertionError("no " + type + " recording in " + recordings);
    }

    private static String latestEnd(JsonNode recordings) {
        String latest = "";
        for (JsonNode recording : recordings) {
            String ended = recording.path("ended_at").asString();
            latest = ended.compareTo(latest) > 0 ? ended : latest;
        }
        return latest;
    }
}
