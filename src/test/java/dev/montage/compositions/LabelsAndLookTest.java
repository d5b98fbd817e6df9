package dev.montage.compositions;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.montage.layout.Rect;
import dev.montage.support.ApiTest;
import dev.montage.support.Frames;
import dev.montage.support.Frames.Picture;
import dev.montage.support.Rgb;
import dev.montage.support.TestMedia;
import tools.jackson.databind.JsonNode;

/**
 * Name labels, {@code background_color} and {@code cell_spacing} (issue 11), proven on the pixels of real output
 * composed through the API.
 *
 * <p>The session: alice (red, {@code participant_context} "alice") from 0 to 2 s, bob (blue, "bob") from 1 to 3 s,
 * both 160x120. In a 640x180 canvas they get a 1x2 grid of 320x180 cells, and each 4:3 picture is 240x180, centred
 * with bars left and right:
 * <pre>
 *   x:  0   40               280  320  360               600  640
 *       |bar|  alice 240x180  |bar|bar|   bob 240x180     |bar|
 *                 [alice]               [bob]      ← labels at the bottom left of each picture
 * </pre>
 */
class LabelsAndLookTest extends ApiTest {

    private static final Rgb SLATE_BLUE = new Rgb(0x33, 0x66, 0xCC);
    private static final Rect ALICE = new Rect(40, 0, 240, 180);
    private static final Rect BOB = new Rect(360, 0, 240, 180);
    /** The bottom of a picture where its label may be: the box is 24 pixels high, 6 in from the edge (15 px text). */
    private static final int LABEL_BAND = 40;

    @Test
    void labelsAreDrawnAtTheBottomOfTheirOwnPicturesOnly_andOnlyWhileThosePicturesShow() {
        TwoParticipantSession session = twoParticipantSession(api);
        Path plain = composeAndDownload(api, twoCells(session, ""));
        Path labelled = composeAndDownload(api, twoCells(session, ", \"show_labels\": true"));

        Picture without = Frames.pictureAt(plain, 1.5, 640);
        Picture with = Frames.pictureAt(labelled, 1.5, 640);
        int differing = 0;
        for (int y = 0; y < 180; y++) {
            for (int x = 0; x < 640; x++) {
                if (!with.colourAt(x, y).isNear(without.colourAt(x, y))) {
                    differing++;
                    assertThat(inLabelBand(ALICE, x, y) || inLabelBand(BOB, x, y))
                            .as("(%d, %d) differs: %s with labels, %s without", x, y, with.colourAt(x, y),
                                    without.colourAt(x, y))
                            .isTrue();
                }
            }
        }
        assertThat(differing).as("pixels changed by the labels").isGreaterThan(200);
        assertLegibleLabel(with, ALICE, Rgb.RED);
        assertLegibleLabel(with, BOB, Rgb.BLUE);

        // at 0.5 s bob has not joined and at 2.5 s alice has left: their empty cells carry no label
        assertSameIn(Frames.pictureAt(labelled, 0.5, 640), Frames.pictureAt(plain, 0.5, 640), new Rect(320, 0, 320, 180));
        assertSameIn(Frames.pictureAt(labelled, 2.5, 640), Frames.pictureAt(plain, 2.5, 640), new Rect(0, 0, 320, 180));
        assertLegibleLabel(Frames.pictureAt(labelled, 0.5, 640), ALICE, Rgb.RED);
    }

    /**
     * A 20 pixel gap between the two cells: (640 - 20) / 2 = 310 pixels each, at x 0 and 330; each 240x180 picture
     * centred in its cell at x 34 and 364. The bars and the gap show the background colour, and so does bob's cell
     * before he joins. This output is the picture in docs/compositions.md.
     */
    @Test
    void backgroundColourFillsTheBarsTheGapAndEmptyCells() {
        TwoParticipantSession session = twoParticipantSession(api);
        Path out = composeAndDownload(api, """
                {"session_id": "%s", "resolution": "640x180", "background_color": "#3366cc",
                 "video_layout": {"grid": {"video_sources": ["*"], "cell_spacing": 20, "show_labels": true}}}
                """.formatted(session.sessionId()));

        Picture both = Frames.pictureAt(out, 1.5, 640);
        for (int x : new int[] {2, 30, 276, 300, 312, 320, 328, 340, 360, 606, 637}) {
            assertThat(both.colourAt(x, 90)).as("x = %d: a bar or the gap", x).is(Frames.near(SLATE_BLUE));
        }
        assertThat(both.colourAt(150, 60)).is(Frames.near(Rgb.RED));
        assertThat(both.colourAt(480, 60)).is(Frames.near(Rgb.BLUE));
        assertLegibleLabel(both, new Rect(34, 0, 240, 180), Rgb.RED);
        assertLegibleLabel(both, new Rect(364, 0, 240, 180), Rgb.BLUE);
        assertThat(Frames.colourAt(out, 0.5, 480, 60)).as("bob's cell before he joins").is(Frames.near(SLATE_BLUE));
    }

    /** Two people present throughout: the pictures are stacked, not overlaid, and the fill is the colour too. */
    @Test
    void stackedPicturesGetTheBackgroundColourAroundThem() {
        JsonNode alice = upload(api, TestMedia.webm("red", 440, 2), Map.of("started_at", "2024-05-01T10:00:00Z"));
        String sessionId = alice.path(0).path("session_id").asString();
        upload(api, TestMedia.webm("blue", 660, 2), Map.of("started_at", "2024-05-01T10:00:00Z", "session_id", sessionId));
        Path out = composeAndDownload(api, """
                {"session_id": "%s", "resolution": "400x120", "background_color": "#3366CC",
                 "video_layout": {"grid": {"width": 360, "video_sources": ["*"], "cell_spacing": 20}}}
                """.formatted(sessionId));

        // cells (360 - 20) / 2 = 170 wide at x 0 and 190, pictures 160 wide at x 4 and 194; canvas beyond 360
        Picture picture = Frames.pictureAt(out, 1.0, 400);
        for (int x : new int[] {1, 166, 176, 186, 356, 380, 398}) {
            assertThat(picture.colourAt(x, 60)).as("x = %d", x).is(Frames.near(SLATE_BLUE));
        }
        // joining together, they take the cells in the order of their recording ids: red and blue, either way round
        Rgb left = picture.colourAt(84, 60);
        Rgb right = picture.colourAt(274, 60);
        assertThat(left.isNear(Rgb.RED) && right.isNear(Rgb.BLUE) || left.isNear(Rgb.BLUE) && right.isNear(Rgb.RED))
                .as("the pictures: %s and %s", left, right).isTrue();
    }

    @Test
    void theLookIsEchoedWithItsDefaults() {
        TwoParticipantSession session = twoParticipantSession(api);

        JsonNode plain = api.post("/v2/room_compositions", "{\"session_id\": \"" + session.sessionId() + "\"}").data();
        JsonNode styled = api.post("/v2/room_compositions", twoCells(session, ", \"show_labels\": true, "
                + "\"cell_spacing\": 7").replace("\"resolution\"", "\"background_color\": \"#a0b1c2\", \"resolution\""))
                .data();

        assertThat(plain.path("background_color").asString()).isEqualTo("#000000");
        assertThat(plain.path("video_layout").path("default").path("show_labels").asBoolean()).isFalse();
        assertThat(plain.path("video_layout").path("default").path("cell_spacing").asInt()).isZero();
        assertThat(styled.path("background_color").asString()).isEqualTo("#A0B1C2");
        JsonNode grid = api.get("/v2/room_compositions/" + styled.path("id").asString()).data()
                .path("video_layout").path("grid");
        assertThat(grid.path("show_labels").asBoolean()).isTrue();
        assertThat(grid.path("cell_spacing").asInt()).isEqualTo(7);
    }

    private static String twoCells(TwoParticipantSession session, String regionOptions) {
        return """
                {"session_id": "%s", "resolution": "640x180",
                 "video_layout": {"grid": {"video_sources": ["*"]%s}}}""".formatted(session.sessionId(), regionOptions);
    }

    private static boolean inLabelBand(Rect picture, int x, int y) {
        return x >= picture.x() && x < picture.right() && y >= picture.bottom() - LABEL_BAND && y < picture.bottom();
    }

    /**
     * A label in the bottom band of {@code picture}: light text on a box darker than the picture's own colour, the
     * box at least 20 pixels high and its letters at least 10 pixels high (legible at 320x180 cells).
     */
    private static void assertLegibleLabel(Picture frame, Rect picture, Rgb pictureColour) {
        int boxRows = 0;
        int textTop = Integer.MAX_VALUE;
        int textBottom = -1;
        int boxEdge = picture.x() + 8; // inside the box's left padding: box, never text
        for (int y = picture.bottom() - LABEL_BAND; y < picture.bottom(); y++) {
            Rgb edge = frame.colourAt(boxEdge, y);
            if (edge.red() + edge.green() + edge.blue() < (pictureColour.red() + pictureColour.green()
                    + pictureColour.blue()) * 0.6) {
                boxRows++;
            }
            for (int x = picture.x(); x < picture.x() + picture.width() / 2; x++) {
                Rgb pixel = frame.colourAt(x, y);
                if (pixel.red() > 190 && pixel.green() > 190 && pixel.blue() > 190) {
                    textTop = Math.min(textTop, y);
                    textBottom = Math.max(textBottom, y);
                }
            }
        }
        assertThat(boxRows).as("rows of the dark box in %s", picture).isGreaterThanOrEqualTo(20);
        assertThat(textBottom - textTop + 1).as("height of the light letters in %s", picture)
                .isGreaterThanOrEqualTo(10);
        assertThat(frame.colourAt(picture.x() + picture.width() / 2, picture.y() + picture.height() / 3))
                .as("the picture above its label").is(Frames.near(pictureColour));
    }

    private static void assertSameIn(Picture actual, Picture expected, Rect area) {
        for (int y = area.y(); y < area.bottom(); y++) {
            for (int x = area.x(); x < area.right(); x++) {
                assertThat(actual.colourAt(x, y).isNear(expected.colourAt(x, y)))
                        .as("(%d, %d): %s, expected %s", x, y, actual.colourAt(x, y), expected.colourAt(x, y)).isTrue();
            }
        }
    }
}
