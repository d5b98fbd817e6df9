package dev.montage.compositions;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.montage.support.ApiTest;
import dev.montage.support.AudioSpectrum;
import dev.montage.support.Frames;
import dev.montage.support.Rgb;
import dev.montage.support.TestMedia;
import tools.jackson.databind.JsonNode;

/**
 * Track-name patterns in a composition's sources, end to end: recordings uploaded with and without
 * {@code track_name}, composed through the API, read back as pixels and tones.
 */
class TrackNamePatternsTest extends ApiTest {

    /**
     * A screen share in a region of its own, selected by {@code "screen*"}; the cameras in a strip that excludes
     * {@code "screen*"}; the share's sound left out of the mix by the same pattern. Canvas 320x180:
     * <pre>
     *   +------------------+----+       alice camera  red    440 Hz  |0--------4|   no track name
     *   |                  |red |       alice screen  blue   660 Hz     |1--3|      "screen-1"
     *   |      share       +----+       bob camera    green  550 Hz   |0.5------4|  "camera-bob"
     *   |    (240x180)     |grn |
     *   +------------------+----+
     * </pre>
     */
    @Test
    void aRegionSelectsScreenSharesByPatternAndTheStripExcludesThem() {
        JsonNode alice = upload(api, TestMedia.webm("red", 440, 4), Map.of("started_at", "2024-05-01T10:00:00Z"));
        String session = alice.path(0).path("session_id").asString();
        String participant = alice.path(0).path("participant_id").asString();
        JsonNode screen = upload(api, TestMedia.webm("blue", 660, 2), Map.of("started_at", "2024-05-01T10:00:01Z",
                "participant_id", participant, "track_name", "screen-1"));
        upload(api, TestMedia.webm("green", 550, 3.5), Map.of("started_at", "2024-05-01T10:00:00.500Z",
                "session_id", session, "track_name", "camera-bob"));
        assertThat(screen.path(0).path("track_name").asString()).isEqualTo("screen-1");

        Path out = composeAndDownload(api, """
                {"session_id": "%s", "resolution": "320x180",
                 "video_layout": {
                   "share": {"x_pos": 0, "y_pos": 0, "width": 240, "height": 180, "video_sources": ["screen*"]},
                   "cams": {"x_pos": 240, "y_pos": 0, "width": 80, "height": 180, "max_columns": 1,
                            "video_sources": ["*"], "video_sources_excluded": ["screen*"]}},
                 "audio_sources_excluded": ["screen*"]}
                """.formatted(session));

        // while alice shares: the share fills its region, the cameras are in the strip, never the share
        assertColour(out, 2.0, 120, 90, Rgb.BLUE);
        assertColour(out, 2.0, 280, 45, Rgb.RED);
        assertColour(out, 2.0, 280, 135, Rgb.GREEN);
        // before and after the share, its region is black; the cameras go on
        assertColour(out, 0.7, 120, 90, Rgb.BLACK);
        assertColour(out, 3.5, 120, 90, Rgb.BLACK);
        assertColour(out, 3.5, 280, 45, Rgb.RED);
        assertColour(out, 3.5, 280, 135, Rgb.GREEN);
        // the cameras are heard, the share is not
        assertThat(AudioSpectrum.present(out, 1.2, 2.8, 440)).as("alice's camera sound").isTrue();
        assertThat(AudioSpectrum.present(out, 1.2, 2.8, 550)).as("bob's camera sound").isTrue();
        assertThat(AudioSpectrum.absent(out, 1.2, 2.8, 660)).as("the screen share's sound").isTrue();
    }

    private static void assertColour(Path video, double seconds, int x, int y, Rgb expected) {
        Rgb actual = Frames.colourAt(video, seconds, x, y);
        assertThat(actual.isNear(expected)).as("colour at %.2f s (%d,%d): expected %s, was %s", seconds, x, y,
                expected, actual).isTrue();
    }
}
