package dev.montage.compositions;

import static dev.montage.support.Frames.near;
import static org.assertj.core.api.Assertions.anyOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import dev.montage.support.ApiClient.Response;
import dev.montage.support.ApiTest;
import dev.montage.support.Frames;
import dev.montage.support.Frames.Picture;
import dev.montage.support.MediaFacts;
import dev.montage.support.Rgb;
import dev.montage.support.TestMedia;
import tools.jackson.databind.JsonNode;

/**
 * A recording whose display matrix turns or mirrors its pictures (what a phone writes instead of turning its
 * sensor's pictures) is composed upright, as a player shows it: the probe reports its upright size, the planner
 * fits that to the cell with black bars, the renderer turns the pictures.
 *
 * <p>Each recording is a 160x120 H.264 MP4, blue with a red top-left quadrant, uploaded through the API and
 * composed alone at 1280x720. Where the red quadrant lands is where a player puts it (ffmpeg's own autorotation
 * agrees, see docs/compositions.md); a quarter turn gives a 120x160 portrait picture, pillarboxed to 540x720.
 * <pre>
 *   stored          -display_rotation 90    180        270        hflip      vflip     90 + hflip
 *   R B             B                       B B        B R        B R        B B       B
 *   B B             B                       B R        B B        B B        R B       B
 *                   R B (portrait)                     (portrait)                     B R (portrait)
 * </pre>
 */
class UprightRecordingsTest extends ApiTest {

    @Autowired
    private JdbcClient jdbc;

    private static final int CANVAS_WIDTH = 1280;
    private static final int CANVAS_HEIGHT = 720;

    enum Corner { TOP_LEFT, TOP_RIGHT, BOTTOM_LEFT, BOTTOM_RIGHT }

    /** A display matrix as ffmpeg's options set it, and how a player shows the picture. */
    enum Turn {
        NONE(false, Corner.TOP_LEFT),
        COUNTER_CLOCKWISE_90(true, Corner.BOTTOM_LEFT, "-display_rotation", "90"),
        HALF_TURN(false, Corner.BOTTOM_RIGHT, "-display_rotation", "180"),
        CLOCKWISE_90(true, Corner.TOP_RIGHT, "-display_rotation", "270"),
        MIRRORED(false, Corner.TOP_RIGHT, "-display_hflip"),
        UPSIDE_DOWN(false, Corner.BOTTOM_LEFT, "-display_vflip"),
        TRANSPOSED(true, Corner.BOTTOM_RIGHT, "-display_rotation", "90", "-display_hflip");

        final boolean portrait;
        final Corner red;
        final String[] options;

        Turn(boolean portrait, Corner red, String... options) {
            this.portrait = portrait;
            this.red = red;
            this.options = options;
        }
    }

    @ParameterizedTest
    @EnumSource(Turn.class)
    void aTurnedRecordingComposedAloneIsUprightWithBlackBars(Turn turn) {
        JsonNode recordings = uploadMp4(TestMedia.turned(160, 120, 2, turn.options));
        JsonNode video = recordings.path(0);
        String session = video.path("session_id").asString();

        Path out = composeAndDownload(api, """
                {"session_id": "%s", "resolution": "1280x720"}""".formatted(session));

        // the upright picture fitted to 1280x720: 960x720 for 4:3, 540x720 for 3:4, centred
        int width = turn.portrait ? 540 : 960;
        int left = (CANVAS_WIDTH - width) / 2;
        Picture frame = Frames.pictureAt(out, 1.0, CANVAS_WIDTH);
        assertThat(frame.colourAt(left / 2, CANVAS_HEIGHT / 2)).as("bar left of the picture").is(near(Rgb.BLACK));
        assertThat(frame.colourAt(left + width + left / 2, CANVAS_HEIGHT / 2)).as("bar right of the picture")
                .is(near(Rgb.BLACK));
        for (Corner corner : Corner.values()) {
            int x = left + (corner == Corner.TOP_LEFT || corner == Corner.BOTTOM_LEFT ? width / 4 : 3 * width / 4);
            int y = corner == Corner.TOP_LEFT || corner == Corner.TOP_RIGHT ? CANVAS_HEIGHT / 4 : 3 * CANVAS_HEIGHT / 4;
            Rgb expected = corner == turn.red ? Rgb.RED : Rgb.BLUE;
            assertThat(frame.colourAt(x, y)).as("%s quadrant of the picture", corner).is(near(expected));
        }
        // just inside the picture's edges, the picture; just outside, black: the frame is neither stretched nor cut
        int upper = CANVAS_HEIGHT / 4;
        assertThat(frame.colourAt(left + 6, upper)).as("left edge, inside").is(anyOf(near(Rgb.BLUE), near(Rgb.RED)));
        assertThat(frame.colourAt(left - 6, upper)).as("left edge, outside").is(near(Rgb.BLACK));
        assertThat(frame.colourAt(left + width - 6, upper)).as("right edge, inside")
                .is(anyOf(near(Rgb.BLUE), near(Rgb.RED)));
        assertThat(frame.colourAt(left + width + 6, upper)).as("right edge, outside").is(near(Rgb.BLACK));
    }

    /**
     * A sender that turns its own pictures when the phone turns: 160x120 for 2 s, then 120x160 for 2 s (the
     * resolution changes; no display matrix). The planner fits the first shape, 960x720 at x 160; after the turn the
     * portrait pictures are fitted into that frame unstretched, 540x720 centred (x 370..910), black beside them,
     * and the composition runs through the change to its end.
     */
    @Test
    void aRecordingThatTurnsMidStreamComposesThroughUprightAndUnstretched() {
        JsonNode recordings = upload(api, TestMedia.turnsMidStream(2), Map.of("started_at", "2024-05-01T10:00:00Z"));
        String session = recordings.path(0).path("session_id").asString();

        Path out = composeAndDownload(api, """
                {"session_id": "%s", "resolution": "1280x720"}""".formatted(session));

        assertThat(MediaFacts.of(out).durationSeconds()).isCloseTo(4.0, within(0.15));
        Picture before = Frames.pictureAt(out, 1.0, CANVAS_WIDTH);
        assertThat(before.colourAt(160 + 240, 180)).as("landscape, top left").is(near(Rgb.RED));
        assertThat(before.colourAt(160 + 720, 180)).as("landscape, top right").is(near(Rgb.BLUE));
        assertThat(before.colourAt(160 + 240, 540)).as("landscape, bottom left").is(near(Rgb.BLUE));
        assertThat(before.colourAt(80, 360)).as("bar").is(near(Rgb.BLACK));

        Picture after = Frames.pictureAt(out, 3.0, CANVAS_WIDTH);
        assertThat(after.colourAt(370 + 135, 180)).as("portrait, top left").is(near(Rgb.RED));
        assertThat(after.colourAt(370 + 405, 180)).as("portrait, top right").is(near(Rgb.BLUE));
        assertThat(after.colourAt(370 + 135, 540)).as("portrait, bottom left").is(near(Rgb.BLUE));
        assertThat(after.colourAt(370 - 6, 180)).as("left of the portrait picture").is(near(Rgb.BLACK));
        assertThat(after.colourAt(910 + 6, 180)).as("right of the portrait picture").is(near(Rgb.BLACK));
        assertThat(after.colourAt(200, 360)).as("inside the planned frame, beside the picture").is(near(Rgb.BLACK));
    }

    /**
     * Two parts with different display matrices joined into one MP4 (turned a quarter clockwise, then none): the
     * container keeps one matrix for the track, the first part's, and that is what is honoured, for the whole
     * recording. The composition runs through the join to its end; both parts are turned, portrait, 540x720 at
     * x 370, red top right, never stretched. The second part, recorded upright, is shown turned too: what a player
     * shows as well, since the file says so.
     */
    @Test
    void partsWithDifferentMatricesJoinedInOneFile_theFirstMatrixHoldsForTheWholeRecording() {
        JsonNode recordings = api.upload("/v2/room_recordings", TestMedia.turnedThenUpright(2), "joined.mp4",
                Map.of("started_at", "2024-05-01T10:00:00Z")).data();
        String session = recordings.path(0).path("session_id").asString();

        Path out = composeAndDownload(api, """
                {"session_id": "%s", "resolution": "1280x720"}""".formatted(session));

        assertThat(MediaFacts.of(out).durationSeconds()).isCloseTo(4.0, within(0.15));
        for (double at : new double[] {1.0, 3.0}) {
            Picture frame = Frames.pictureAt(out, at, CANVAS_WIDTH);
            assertThat(frame.colourAt(370 + 405, 180)).as("%s s: red top-right quadrant", at).is(near(Rgb.RED));
            assertThat(frame.colourAt(370 + 135, 180)).as("%s s: top left", at).is(near(Rgb.BLUE));
            assertThat(frame.colourAt(370 + 135, 540)).as("%s s: bottom left", at).is(near(Rgb.BLUE));
            assertThat(frame.colourAt(370 - 6, 180)).as("%s s: left of the picture", at).is(near(Rgb.BLACK));
            assertThat(frame.colourAt(910 + 6, 180)).as("%s s: right of the picture", at).is(near(Rgb.BLACK));
        }
    }

    /**
     * A phone recording uploaded before orientations were probed: its media info has the coded 160x120 and no
     * orientation (made here by rewriting what the upload stored). ffmpeg's autorotation turns it, as it did then;
     * its frame was planned landscape, 960x720 at x 160, and the portrait picture is fitted inside it upright and
     * unstretched, 540x720 at x 370, where it used to be stretched over the whole frame.
     */
    @Test
    void aRecordingStoredBeforeOrientationsWereProbedIsTurnedByFfmpegAndNotStretched() {
        JsonNode recordings = uploadMp4(TestMedia.turned(160, 120, 2, "-display_rotation", "270"));
        String session = recordings.path(0).path("session_id").asString();
        String mediaInfo = jdbc.sql("select media_info from room_recordings where session_id = :session")
                .param("session", UUID.fromString(session)).query(String.class).list().get(0);
        String legacy = mediaInfo.replaceAll(",\"orientation\":\\{[^}]*\\}", "")
                .replace("\"width\":120,\"height\":160", "\"width\":160,\"height\":120");
        assertThat(legacy).doesNotContain("orientation").contains("\"width\":160,\"height\":120");
        jdbc.sql("update room_recordings set media_info = :legacy where session_id = :session")
                .param("legacy", legacy).param("session", UUID.fromString(session)).update();

        Path out = composeAndDownload(api, """
                {"session_id": "%s", "resolution": "1280x720"}""".formatted(session));

        Picture frame = Frames.pictureAt(out, 1.0, CANVAS_WIDTH);
        assertThat(frame.colourAt(370 + 405, 180)).as("red top-right quadrant").is(near(Rgb.RED));
        assertThat(frame.colourAt(370 + 135, 180)).as("top left").is(near(Rgb.BLUE));
        assertThat(frame.colourAt(370 + 135, 540)).as("bottom left").is(near(Rgb.BLUE));
        assertThat(frame.colourAt(370 - 6, 180)).as("left of the picture").is(near(Rgb.BLACK));
        assertThat(frame.colourAt(910 + 6, 180)).as("right of the picture").is(near(Rgb.BLACK));
    }

    private JsonNode uploadMp4(byte[] media) {
        Response response = api.upload("/v2/room_recordings", media, "phone.mp4",
                Map.of("started_at", "2024-05-01T10:00:00Z"));
        assertThat(response.status()).as("upload: %s", response).isEqualTo(201);
        return response.data();
    }
}
