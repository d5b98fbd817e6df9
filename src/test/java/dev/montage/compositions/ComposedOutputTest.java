package dev.montage.compositions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.montage.support.ApiTest;
import dev.montage.support.AudioSpectrum;
import dev.montage.support.Frames;
import dev.montage.support.MediaFacts;
import dev.montage.support.Rgb;
import dev.montage.support.TestMedia;
import tools.jackson.databind.JsonNode;

/**
 * The composed file, proven by its pixels and its sound: recordings are made and uploaded through the API,
 * composed by the background job, downloaded through {@code download_url} and read back with ffmpeg.
 */
class ComposedOutputTest extends ApiTest {

    private static final Rgb MAGENTA = new Rgb(255, 0, 255);
    private static final Rgb WHITE = new Rgb(255, 255, 255);

    /**
     * Five participants joining half a second apart, {@code max_rows: 2}: a 2x3 grid, filled left to right,
     * top to bottom in join order; the sixth cell stays black.
     * <pre>
     *   red     |0----------4|
     *   green     |0.5---------4.5|
     *   blue        |1-----------5|
     *   yellow        |1.5---------5.5|
     *   white           |2-----------6|
     * </pre>
     */
    @Test
    void fiveSourceGridWithTwoRowsIsTwoByThree() {
        String[] colours = {"red", "green", "blue", "yellow", "white"};
        int[] tones = {440, 550, 660, 770, 880};
        String session = null;
        for (int i = 0; i < colours.length; i++) {
            JsonNode created = upload(api, TestMedia.webm(colours[i], tones[i], 4),
                    fields("2024-05-01T10:00:0" + (i / 2) + (i % 2 == 0 ? ".000Z" : ".500Z"), session));
            session = created.path(0).path("session_id").asString();
        }
        Path out = composeAndDownload(api, """
                {"session_id": "%s", "resolution": "480x240",
                 "video_layout": {"grid": {"width": 480, "height": 240, "max_rows": 2, "video_sources": ["*"]}}}
                """.formatted(session));

        MediaFacts facts = MediaFacts.of(out);
        assertThat(facts.width()).isEqualTo(480);
        assertThat(facts.height()).isEqualTo(240);
        assertThat(facts.durationSeconds()).isCloseTo(6.0, within(0.15));
        assertThat(facts.videoCodec()).isEqualTo("h264");
        assertThat(facts.audioCodec()).isEqualTo("aac");

        // cells are 160x120: centres at x = 80, 240, 400 and y = 60, 180
        Rgb[] expected = {Rgb.RED, Rgb.GREEN, Rgb.BLUE, Rgb.YELLOW, WHITE, Rgb.BLACK};
        for (int cell = 0; cell < 6; cell++) {
            assertColour(out, 3.0, 80 + 160 * (cell % 3), 60 + 120 * (cell / 3), expected[cell]);
        }
        // before the later ones join, their cells are black
        assertColour(out, 0.25, 80, 60, Rgb.RED);
        assertColour(out, 0.25, 240, 60, Rgb.BLACK);
        assertColour(out, 0.25, 80, 180, Rgb.BLACK);
        // after red leaves at 4 s, its cell is black while the others go on
        assertColour(out, 4.25, 80, 60, Rgb.BLACK);
        assertColour(out, 4.25, 240, 180, WHITE);
        for (int tone : tones) {
            assertThat(AudioSpectrum.present(out, 2.2, 3.8, tone)).as("%d Hz in the mix", tone).isTrue();
        }
        assertThat(AudioSpectrum.absent(out, 0.1, 0.4, 880)).as("white not heard before joining").isTrue();
    }

    /**
     * show_newest in a 1x2 region: carol, the newest, takes the cell of bob (who ends before alice);
     * bob comes back when carol leaves; after bob ends his cell is black.
     * <pre>
     *   alice  |0-----------------6|
     *   bob     |0.5-----------4.5|
     *   carol         |2--3|
     * </pre>
     */
    @Test
    void showNewestTakesOverTheCellOfTheSourceEndingFirst() {
        JsonNode alice = upload(api, TestMedia.webm("red", 440, 6), fields("2024-05-01T10:00:00Z", null));
        String session = alice.path(0).path("session_id").asString();
        upload(api, TestMedia.webm("green", 550, 4), fields("2024-05-01T10:00:00.500Z", session));
        upload(api, TestMedia.webm("blue", 660, 1), fields("2024-05-01T10:00:02Z", session));
        Path out = composeAndDownload(api, """
                {"session_id": "%s", "resolution": "320x120",
                 "video_layout": {"r": {"max_rows": 1, "max_columns": 2, "reuse": "show_newest",
                                        "video_sources": ["*"]}}}
                """.formatted(session));

        assertColour(out, 1.0, 80, 60, Rgb.RED);
        assertColour(out, 1.0, 240, 60, Rgb.GREEN);
        assertColour(out, 2.5, 80, 60, Rgb.RED);
        assertColour(out, 2.5, 240, 60, Rgb.BLUE);
        assertColour(out, 3.5, 240, 60, Rgb.GREEN);
        assertColour(out, 5.0, 80, 60, Rgb.RED);
        assertColour(out, 5.0, 240, 60, Rgb.BLACK);
    }

    /** A full-frame region of everyone but bob, with bob in a picture-in-picture region above it. */
    @Test
    void pictureInPictureRegionIsDrawnAboveTheFullFrameOne() {
        TwoParticipantSession session = twoParticipantSession(api);
        String bob = session.participant(session.bob());
        Path out = composeAndDownload(api, """
                {"session_id": "%s", "resolution": "320x240",
                 "video_layout": {
                   "pip":  {"x_pos": 200, "y_pos": 150, "width": 96, "height": 72, "z_pos": 5, "video_sources": ["%s"]},
                   "main": {"x_pos": 0, "y_pos": 0, "width": 320, "height": 240, "z_pos": 0,
                            "video_sources": ["*"], "video_sources_excluded": ["%s"]}}}
                """.formatted(session.sessionId(), bob, bob));

        // alice 0..2 s, bob 1..3 s: at 1.5 s both show
        assertColour(out, 1.5, 248, 186, Rgb.BLUE);
        assertColour(out, 1.5, 100, 100, Rgb.RED);
        assertColour(out, 1.5, 190, 186, Rgb.RED);
        // before bob joins, the PiP area shows alice underneath
        assertColour(out, 0.5, 248, 186, Rgb.RED);
        // after alice leaves, only the PiP is left
        assertColour(out, 2.5, 100, 100, Rgb.BLACK);
        assertColour(out, 2.5, 248, 186, Rgb.BLUE);
        assertThat(AudioSpectrum.present(out, 1.2, 1.8, 440)).isTrue();
        assertThat(AudioSpectrum.present(out, 1.2, 1.8, 660)).isTrue();
    }

    /** A camera turned off for two seconds shows black, not its last frame, and its cell comes back after. */
    @Test
    void cameraOffGapShowsBlack() {
        JsonNode gap = upload(api, TestMedia.withGap("red", 1.0, 2.0, 1.5), fields("2024-05-01T10:00:00Z", null));
        String session = gap.path(0).path("session_id").asString();
        upload(api, TestMedia.webm("blue", 660, 4), fields("2024-05-01T10:00:00.500Z", session));
        Path out = composeAndDownload(api, """
                {"session_id": "%s", "resolution": "320x120",
                 "video_layout": {"r": {"video_sources": ["*"]}}}""".formatted(session));

        assertColour(out, 0.5, 80, 60, Rgb.RED);
        assertColour(out, 1.5, 80, 60, Rgb.BLACK);
        assertColour(out, 2.8, 80, 60, Rgb.BLACK);
        assertColour(out, 3.7, 80, 60, Rgb.RED);
        assertColour(out, 2.0, 240, 60, Rgb.BLUE);
    }

    /**
     * Bob joins 30 s after alice: his picture and his voice start at the same instant, within one frame. Both
     * cameras run at 15 fps, and so does the composition.
     */
    @Test
    void lateJoinerIsInSync() {
        JsonNode alice = upload(api, TestMedia.webm("red", 440, 33), fields("2024-05-01T10:00:00Z", null));
        String session = alice.path(0).path("session_id").asString();
        upload(api, TestMedia.webm("blue", 1000, 2), fields("2024-05-01T10:00:30Z", session));
        Path out = composeAndDownload(api, """
                {"session_id": "%s", "resolution": "160x60",
                 "video_layout": {"r": {"video_sources": ["*"]}}}""".formatted(session));

        assertThat(MediaFacts.of(out).durationSeconds()).isCloseTo(33.0, within(0.15));
        assertThat(MediaFacts.of(out).frameRate()).isEqualTo("15/1");
        List<Rgb> bobCell = Frames.coloursOverTime(out, 120, 30);
        int firstBlue = -1;
        for (int frame = 0; frame < bobCell.size(); frame++) {
            if (bobCell.get(frame).isNear(Rgb.BLUE)) {
                firstBlue = frame;
                break;
            }
        }
        assertThat(firstBlue).as("bob is seen").isPositive();
        double seen = firstBlue / 15.0;
        double heard = AudioSpectrum.onset(out, 28.0, 32.0, 1000).orElseThrow();
        assertThat(seen).isCloseTo(30.0, within(1 / 15.0 + 0.001));
        assertThat(heard).isCloseTo(seen, within(1 / 15.0 + 0.001));
    }

    /** A participant whose camera changes resolution mid-file composes through the change. */
    @Test
    void resolutionChangeInsideAnInputComposesThrough() {
        JsonNode changing = upload(api, TestMedia.resolutionChange("red", "blue", 2),
                fields("2024-05-01T10:00:00Z", null));
        String session = changing.path(0).path("session_id").asString();
        upload(api, TestMedia.webm("green", 550, 4), fields("2024-05-01T10:00:00Z", session));
        Path out = composeAndDownload(api, """
                {"session_id": "%s", "resolution": "320x120",
                 "video_layout": {"r": {"video_sources": ["*"]}}}""".formatted(session));

        MediaFacts facts = MediaFacts.of(out);
        assertThat(facts.durationSeconds()).isCloseTo(4.0, within(0.15));
        assertThat(facts.videoFrames()).as("4 s at 15 fps, the rate of both sources").isEqualTo(60);
        assertColour(out, 1.0, 80, 60, Rgb.RED);
        assertColour(out, 3.0, 80, 60, Rgb.BLUE);
        assertColour(out, 1.0, 240, 60, Rgb.GREEN);
        assertColour(out, 3.0, 240, 60, Rgb.GREEN);
    }

    /** One participant with only audio: nothing to draw for them, but their voice is in the mix. */
    @Test
    void audioOnlyParticipantIsHeard() {
        JsonNode alice = upload(api, TestMedia.webm("red", 440, 3), fields("2024-05-01T10:00:00Z", null));
        String session = alice.path(0).path("session_id").asString();
        upload(api, TestMedia.audioOnly(1200, 3), fields("2024-05-01T10:00:00Z", session));
        Path out = composeAndDownload(api, "{\"session_id\": \"%s\", \"resolution\": \"160x120\"}".formatted(session));

        assertColour(out, 1.5, 80, 60, Rgb.RED);
        assertThat(AudioSpectrum.present(out, 0.5, 2.5, 440)).isTrue();
        assertThat(AudioSpectrum.present(out, 0.5, 2.5, 1200)).isTrue();
    }

    /** The completed resource tells what was composed: its span on the wall clock, duration, size, a link. */
    @Test
    void completedCompositionDescribesItsMedia() {
        TwoParticipantSession session = twoParticipantSession(api);
        String id = api.post("/v2/room_compositions", "{\"session_id\": \"" + session.sessionId()
                + "\", \"resolution\": \"320x240\"}").data().path("id").asString();
        JsonNode done = awaitFinished(api, id, 60);

        assertThat(done.path("status").asString()).isEqualTo("completed");
        assertThat(done.path("progress_percent").asInt()).isEqualTo(100);
        assertThat(done.path("duration_secs").asInt()).isEqualTo(3);
        // alice's first sample at 10:00:00, bob's (joining at 10:00:01 for 2 s) last at 10:00:03 (+ Opus padding)
        assertThat(done.path("started_at").asString()).isEqualTo("2024-05-01T10:00:00.000000Z");
        assertThat(Instant.parse(done.path("ended_at").asString()))
                .isBetween(Instant.parse("2024-05-01T10:00:03Z"), Instant.parse("2024-05-01T10:00:03.050Z"));
        assertThat(done.path("completed_at").asString()).isNotEmpty();
        assertThat(done.path("size_mb").asDouble()).isPositive();
        assertThat(done.path("failure_reason").isNull()).isTrue();
        assertThat(done.path("download_url").asString())
                .startsWith("http://127.0.0.1:" + port + "/v2/room_compositions/" + id + "/media?expires=");
        Path file = download(done.path("download_url").asString());
        assertThat(file.toFile().length()).isCloseTo((long) (done.path("size_mb").asDouble() * 1_000_000), within(1000L));
    }

    private static Map<String, String> fields(String startedAt, String sessionId) {
        return sessionId == null ? Map.of("started_at", startedAt)
                : Map.of("started_at", startedAt, "session_id", sessionId);
    }

    private static void assertColour(Path video, double seconds, int x, int y, Rgb expected) {
        Rgb actual = Frames.colourAt(video, seconds, x, y);
        assertThat(actual.isNear(expected)).as("colour at %.2f s (%d,%d): expected %s, was %s", seconds, x, y,
                expected, actual).isTrue();
    }
}
