package dev.montage.compositions;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.montage.support.ApiTest;
import dev.montage.support.Frames;
import dev.montage.support.Rgb;
import dev.montage.support.TestMedia;
import tools.jackson.databind.JsonNode;

/**
 * Layouts that follow the session (expand_into, adaptive_grid, exclude_shown_in), proven by the pixels of real
 * output: recordings uploaded through the API, composed by the job, downloaded and read back with ffmpeg.
 */
class PhasedLayoutsTest extends ApiTest {

    /** Where docs/compositions.md takes its picture of the presentation layout from; set to write it. */
    private static final String PICTURE_PROPERTY = "montage.docs.presentation-picture";

    /**
     * Presentation over 320x180: "share" (240x180 at the left) shows the screen share, "cameras" (the 80x180 strip
     * at the right, one column) shows the cameras and expands into "share" while it shows nothing.
     * <pre>
     *   alice camera (red)   |0-----------------------------25|
     *   bob camera (blue)    |0-----------------------------25|
     *   alice's share (green)          |10--------20|
     *   cameras               whole frame | strip    | whole frame
     * </pre>
     */
    @Test
    void presentation_theShareTakesTheMainRegionOnlyWhileSomeoneShares() throws Exception {
        JsonNode alice = upload(api, TestMedia.webm("red", 440, 25),
                Map.of("started_at", "2024-05-01T10:00:00Z", "participant_context", "alice"));
        String session = alice.path(0).path("session_id").asString();
        String aliceId = alice.path(0).path("participant_id").asString();
        // bob joins a second later, so that alice (first in) has the top cell: sources starting together would be
        // ordered by their random recording ids
        upload(api, TestMedia.webm("blue", 660, 24),
                Map.of("started_at", "2024-05-01T10:00:01Z", "session_id", session, "participant_context", "bob"));
        JsonNode share = upload(api, TestMedia.videoOnly("green", 10),
                Map.of("started_at", "2024-05-01T10:00:10Z", "session_id", session, "participant_id", aliceId));
        String shareId = share.path(0).path("id").asString();

        Path out = composeAndDownload(api, """
                {"session_id": "%s", "resolution": "320x180",
                 "video_layout": {
                   "share":   {"x_pos": 0, "y_pos": 0, "width": 240, "height": 180, "video_sources": ["%s"]},
                   "cameras": {"x_pos": 240, "y_pos": 0, "width": 80, "height": 180, "max_columns": 1,
                               "video_sources": ["*"], "video_sources_excluded": ["%s"], "expand_into": ["share"]}}}
                """.formatted(session, shareId, shareId));

        // nobody shares: the cameras fill the frame, two rows of 320x90 cells with 120x90 pictures centred
        for (double t : new double[] {5, 23}) {
            assertColour(out, t, 160, 45, Rgb.RED);
            assertColour(out, t, 160, 135, Rgb.BLUE);
            assertColour(out, t, 60, 45, Rgb.BLACK);
        }
        // alice shares: the share fills its 240x180 region, the cameras are 80x60 pictures in the strip
        assertColour(out, 15, 120, 90, Rgb.GREEN);
        assertColour(out, 15, 20, 20, Rgb.GREEN);
        assertColour(out, 15, 280, 45, Rgb.RED);
        assertColour(out, 15, 280, 135, Rgb.BLUE);
        assertColour(out, 15, 280, 5, Rgb.BLACK);
        String picture = System.getProperty(PICTURE_PROPERTY);
        if (picture != null) {
            Frames.writePng(out, 15, Path.of(picture));
        }
    }

    /**
     * An adaptive strip over 320x120: alice alone fills it, bob's arrival at 3 s splits it in two, and his leaving at
     * 6 s gives alice the whole strip again.
     * <pre>
     *   alice (red)   |0--------------------9|
     *   bob (blue)           |3-----6|
     * </pre>
     */
    @Test
    void adaptiveGrid_theStripIsResizedWhenSomeoneJoinsAndLeaves() {
        JsonNode alice = upload(api, TestMedia.webm("red", 440, 9),
                Map.of("started_at", "2024-05-01T10:00:00Z", "participant_context", "alice"));
        String session = alice.path(0).path("session_id").asString();
        upload(api, TestMedia.webm("blue", 660, 3),
                Map.of("started_at", "2024-05-01T10:00:03Z", "session_id", session, "participant_context", "bob"));

        Path out = composeAndDownload(api, """
                {"session_id": "%s", "resolution": "320x120",
                 "video_layout": {"strip": {"video_sources": ["*"], "adaptive_grid": true}}}
                """.formatted(session));

        // alone: a 1x1 grid, alice's 160x120 picture centred at x 80..240 (a fixed 1x2 grid would leave 160..320 black)
        assertColour(out, 1.5, 200, 60, Rgb.RED);
        assertColour(out, 1.5, 40, 60, Rgb.BLACK);
        // together: 1x2, alice left, bob right
        assertColour(out, 4.5, 40, 60, Rgb.RED);
        assertColour(out, 4.5, 200, 60, Rgb.BLUE);
        // alone again
        assertColour(out, 7.5, 200, 60, Rgb.RED);
        assertColour(out, 7.5, 40, 60, Rgb.BLACK);
    }

    /**
     * Speaker view without the active-speaker option (another branch brings it): "big" is a 1x1 show_newest region
     * over everyone, so the newest arrival takes it; "strip" shows everyone big does not show at that instant.
     * <pre>
     *   alice (red)    |0-----------------8|    alice and bob start together: one of them (X) holds big,
     *   bob (blue)     |0-----------------8|    the other (Y) is in the strip's first cell
     *   carol (green)          |4---------8|    newest at 4: carol takes big, X moves to the strip's free cell
     * </pre>
     */
    @Test
    void excludeShownIn_theStripNeverShowsWhoIsInTheBigRegion() {
        JsonNode alice = upload(api, TestMedia.webm("red", 440, 8),
                Map.of("started_at", "2024-05-01T10:00:00Z", "participant_context", "alice"));
        String session = alice.path(0).path("session_id").asString();
        upload(api, TestMedia.webm("blue", 660, 8),
                Map.of("started_at", "2024-05-01T10:00:00Z", "session_id", session, "participant_context", "bob"));
        upload(api, TestMedia.webm("green", 550, 4),
                Map.of("started_at", "2024-05-01T10:00:04Z", "session_id", session, "participant_context", "carol"));

        Path out = composeAndDownload(api, """
                {"session_id": "%s", "resolution": "320x180",
                 "video_layout": {
                   "big":   {"x_pos": 0, "y_pos": 0, "width": 240, "height": 180, "max_rows": 1, "max_columns": 1,
                             "reuse": "show_newest", "video_sources": ["*"]},
                   "strip": {"x_pos": 240, "y_pos": 0, "width": 80, "height": 180, "max_columns": 1,
                             "video_sources": ["*"], "exclude_shown_in": ["big"]}}}
                """.formatted(session));

        Rgb firstInBig = Frames.colourAt(out, 2, 120, 90);
        assertThat(firstInBig.isNear(Rgb.RED) || firstInBig.isNear(Rgb.BLUE)).as("big shows %s", firstInBig).isTrue();
        Rgb other = firstInBig.isNear(Rgb.RED) ? Rgb.BLUE : Rgb.RED;
        // before carol: the strip shows only the one big does not show, in its first cell
        assertColour(out, 2, 280, 45, other);
        assertColour(out, 2, 280, 135, Rgb.BLACK);
        // carol takes big; the one she displaced moves into the strip's free cell, the other stays where it was
        assertColour(out, 6, 120, 90, Rgb.GREEN);
        assertColour(out, 6, 280, 45, other);
        assertColour(out, 6, 280, 135, firstInBig);
    }

    private static void assertColour(Path video, double seconds, int x, int y, Rgb expected) {
        Rgb actual = Frames.colourAt(video, seconds, x, y);
        assertThat(actual.isNear(expected)).as("colour at %.2f s (%d,%d): expected %s, was %s", seconds, x, y,
                expected, actual).isTrue();
    }
}
