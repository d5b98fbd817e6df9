package dev.montage.recordings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import dev.montage.api.AccountId;
import dev.montage.layout.ParticipantSpeech;
import dev.montage.layout.TimeSpan;
import dev.montage.support.ApiClient.Response;
import dev.montage.support.ApiTest;
import dev.montage.support.OwnDatabase;
import dev.montage.support.TestMedia;
import tools.jackson.databind.JsonNode;

/**
 * The speech analysis after the upload, on a node whose analysis queue runs only when a test starts it: an api
 * node (no worker role), on a database of its own so no other test context's worker takes its jobs. What a client
 * sees before the job has run, what the job does when it runs late, and what a composition does that cannot wait.
 */
class SpeechAnalysisJobTest extends ApiTest {

    private static final String STARTED_AT = "2024-05-01T10:00:00Z";

    @DynamicPropertySource
    static void apiNodeOnItsOwnDatabase(DynamicPropertyRegistry registry) {
        OwnDatabase.register(registry, "speech_jobs");
        registry.add("montage.roles", () -> "api");
    }

    @Autowired
    private SpeechAnalysisQueue queue;

    @Autowired
    private RecordingService recordingService;

    @Autowired
    private JdbcClient jdbc;

    @AfterEach
    void stopTheQueue() {
        queue.stop();
    }

    @Test
    void untilItsJobRuns_theActivityIsPending_thenAnalysed() {
        String id = upload(api, TestMedia.speaking(440, 3, 1, 2), Map.of("started_at", STARTED_AT)).path(0)
                .path("id").asString();

        Response pending = api.get("/v2/room_recordings/" + id + "/activity");

        assertThat(pending.status()).as("%s", pending).isEqualTo(200);
        assertThat(pending.data().path("status").asString()).isEqualTo("pending");
        for (String field : List.of("failure_reason", "window_millis", "levels", "noise_floor_db",
                "speech_threshold_db", "speech")) {
            assertThat(pending.data().path(field).isNull()).as(field).isTrue();
        }
        assertThat(jobsOf(id)).as("the job, stored with the upload").isEqualTo(1);

        queue.start(); // a worker comes up

        JsonNode analysed = awaitActivity(api, id);
        assertThat(analysed.path("status").asString()).isEqualTo("analysed");
        assertThat(analysed.path("speech")).hasSize(1);
        assertThat(analysed.path("speech").path(0).path("start_millis").asLong()).isBetween(900L, 1100L);
        await().atMost(Duration.ofSeconds(10)).until(() -> jobsOf(id) == 0);
    }

    /**
     * A preview runs on an API node and decodes nothing: with analyses still pending it plans from the speech stored
     * so far and says what it went without; the recordings stay pending for their jobs.
     */
    @Test
    void aPreviewDecodesNothing_andSaysWhatIsPending() {
        JsonNode alice = upload(api, TestMedia.talking("red", 440, 3, 0, 1), Map.of("started_at", STARTED_AT));
        String session = alice.path(0).path("session_id").asString();
        upload(api, TestMedia.talking("blue", 660, 3, 1.5, 2.5), Map.of("started_at", STARTED_AT, "session_id",
                session));
        String aliceAudio = alice.path(0).path("type").asString().equals("audio") ? alice.path(0).path("id").asString()
                : alice.path(1).path("id").asString();

        Response preview = api.post("/v2/room_compositions/preview", """
                {"session_id": "%s", "resolution": "320x240",
                 "video_layout": {"speaker": {"focus": "active_speaker"}}}""".formatted(session));

        assertThat(preview.status()).as("%s", preview).isEqualTo(200);
        assertThat(preview.data().path("warnings").toString()).contains("the speech of 2 audio recordings are still"
                + " being analysed");
        assertThat(api.get("/v2/room_recordings/" + aliceAudio + "/activity").data().path("status").asString())
                .as("nothing decoded on the request's thread").isEqualTo("pending");
    }

    /**
     * A composition created right after the uploads reads the session's speech before any job has run: the
     * pending recordings are analysed on the spot, and their jobs later find nothing to do.
     */
    @Test
    void speechOfSession_analysesWhatIsStillPending() {
        JsonNode alice = upload(api, TestMedia.speaking(440, 3, 0, 1), Map.of("started_at", STARTED_AT)).path(0);
        String session = alice.path("session_id").asString();
        JsonNode bob = upload(api, TestMedia.speaking(660, 3, 1.5, 2.5), Map.of("started_at", STARTED_AT,
                "session_id", session)).path(0);
        String aliceRecording = alice.path("id").asString();
        assertThat(api.get("/v2/room_recordings/" + aliceRecording + "/activity").data().path("status").asString())
                .isEqualTo("pending");

        Map<String, List<TimeSpan>> speech = ParticipantSpeech.onSessionClock(recordingService.speechOfSession(
                accountOf(alice), UUID.fromString(session)));

        long t0 = Instant.parse(STARTED_AT).toEpochMilli();
        assertThat(speech).containsOnlyKeys(alice.path("participant_id").asString(),
                bob.path("participant_id").asString());
        TimeSpan aliceSpeaks = speech.get(alice.path("participant_id").asString()).get(0);
        TimeSpan bobSpeaks = speech.get(bob.path("participant_id").asString()).get(0);
        assertThat(aliceSpeaks.startMillis() - t0).isBetween(-100L, 100L);
        assertThat(aliceSpeaks.endMillis() - t0).isBetween(900L, 1100L);
        assertThat(bobSpeaks.startMillis() - t0).isBetween(1400L, 1600L);
        assertThat(bobSpeaks.endMillis() - t0).isBetween(2400L, 2600L);
        // stored: the activity answers it, and the jobs, when a worker runs them, end without analysing again
        assertThat(api.get("/v2/room_recordings/" + aliceRecording + "/activity").data().path("status").asString())
                .isEqualTo("analysed");
        queue.start();
        await().atMost(Duration.ofSeconds(10)).until(() -> jobsOf(aliceRecording) == 0
                && jobsOf(bob.path("id").asString()) == 0);
        assertThat(awaitActivity(api, aliceRecording).path("speech")).hasSize(1);
    }

    @Test
    void aRecordingDeletedBeforeItsJobRuns_endsTheJobQuietly() {
        String id = upload(api, TestMedia.speaking(440, 2, 0, 1), Map.of("started_at", STARTED_AT)).path(0)
                .path("id").asString();
        assertThat(api.delete("/v2/room_recordings/" + id).status()).isEqualTo(204);

        queue.start();

        await().atMost(Duration.ofSeconds(10)).until(() -> jobsOf(id) == 0);
        assertThat(api.get("/v2/room_recordings/" + id + "/activity").status()).isEqualTo(404);
        assertThat(jdbc.sql("select count(*) from speech_tasks where consecutive_failures > 0").query(Long.class)
                .single()).as("failed runs").isZero();
    }

    /**
     * Audio that ffprobe reads but no decoder can: the upload is stored as ever, and its timeline is failed, once,
     * with the reason; the participant is then left out of the session's speech, not taken as silent.
     */
    @Test
    void undecodableAudio_failsTheTimelineNotTheRecording() {
        JsonNode recording = upload(api, undecodableAudio(), Map.of("started_at", STARTED_AT)).path(0);
        String id = recording.path("id").asString();

        queue.start();

        JsonNode activity = awaitActivity(api, id);
        assertThat(activity.path("status").asString()).isEqualTo("failed");
        assertThat(activity.path("failure_reason").asString()).startsWith("the audio could not be decoded")
                .doesNotContain(dataDir.toString());
        assertThat(activity.path("levels").isNull()).isTrue();
        assertThat(api.get("/v2/room_recordings/" + id).status()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(10)).until(() -> jobsOf(id) == 0);
        assertThat(recordingService.speechOfSession(accountOf(recording),
                UUID.fromString(recording.path("session_id").asString()))).isEmpty();
    }

    /** An Opus WebM whose codec id names a codec that does not exist ({@code A_OPUX}): probed, never decoded. */
    private static byte[] undecodableAudio() {
        byte[] opus = TestMedia.speaking(440, 2, 0, 1);
        byte[] codec = "A_OPUS".getBytes(StandardCharsets.US_ASCII);
        for (int i = 0; i <= opus.length - codec.length; i++) {
            if (Arrays.equals(opus, i, i + codec.length, codec, 0, codec.length)) {
                byte[] patched = opus.clone();
                patched[i + codec.length - 1] = 'X';
                return patched;
            }
        }
        throw new IllegalStateException("no A_OPUS codec id in the WebM ffmpeg made");
    }

    private AccountId accountOf(JsonNode recording) {
        return new AccountId(jdbc.sql("select account_id from room_recordings where id = :id")
                .param("id", UUID.fromString(recording.path("id").asString())).query(UUID.class).single());
    }

    private long jobsOf(String recordingId) {
        return jdbc.sql("select count(*) from speech_tasks where task_instance = :id").param("id", recordingId)
                .query(Long.class).single();
    }
}
