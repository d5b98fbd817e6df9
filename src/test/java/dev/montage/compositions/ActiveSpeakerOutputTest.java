package dev.montage.compositions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.montage.support.ApiTest;
import dev.montage.support.AudioSpectrum;
import dev.montage.support.Frames;
import dev.montage.support.Rgb;
import dev.montage.support.TestMedia;
import tools.jackson.databind.JsonNode;

/**
 * Active-speaker regions end to end: participants with a colour and a voice (a tone, silent between their turns)
 * are uploaded through the API, their speech is found at upload, and the composed file is read back. The region
 * must show the colour of whoever holds the floor, switch within 0.3 s of the start of a turn, ignore a short
 * interjection and hold a new speaker for at least 2 s. The output runs at 15 fps, the rate of the cameras
 * ({@link TestMedia#talking}), so a switch is found to a fifteenth of a second.
 */
class ActiveSpeakerOutputTest extends ApiTest {

    private static final double FPS = 15;
    private static final double SWITCH_TOLERANCE = 0.3;
    private static final String STARTED_AT = "2024-05-01T10:00:00Z";
    /** Set to a path to write the speaker view's frame at 4.5 s there, the picture in docs/compositions.md. */
    private static final String PICTURE_PROPERTY = "montage.docs.speaker-view-picture";

    /**
     * Speaker view: the active speaker large on top, a strip below of everyone else ({@code exclude_shown_in}), its
     * grid sized for those present ({@code adaptive_grid}).
     * <pre>
     * seconds   0    1    2    3    4    5    6    7    8    9
     * red         [0.5 ======== 3)
     * green                          [3.5 ===== 6)
     * blue                                           [6.5 ===== 9)
     * speaker   red (look-ahead)---|green---------|blue----------
     * strip     green, blue        |red, blue     |red, green      (red takes the cell green left, and so on)
     * </pre>
     */
    @Test
    void threeParticipantsSpeakingInTurns_theRegionFollowsEachTurn_andTheStripNeverShowsTheSpeaker() {
        String session = session(
                TestMedia.talking("red", 440, 9.5, 0.5, 3),
                TestMedia.talking("green", 660, 9.5, 3.5, 6),
                TestMedia.talking("blue", 880, 9.5, 6.5, 9));

        Path out = composeAndDownload(api, """
                {"session_id": "%s", "resolution": "320x180",
                 "video_layout": {
                   "speaker": {"x_pos": 0, "y_pos": 0, "width": 320, "height": 132, "focus": "active_speaker"},
                   "strip": {"x_pos": 0, "y_pos": 132, "width": 320, "height": 48, "max_rows": 1,
                             "video_sources": ["*"], "exclude_shown_in": ["speaker"], "adaptive_grid": true}}}
                """.formatted(session));

        // the speaker region: a 176x132 picture centred at (160, 66)
        List<Rgb> speaker = Frames.coloursOverTime(out, 160, 66);
        assertThat(speaker.get(frame(0.1))).as("red before she speaks (look-ahead)").is(Frames.near(Rgb.RED));
        assertThat(framesNear(speaker, 0.0, 3.4, Rgb.RED)).as("red's turn").isTrue();
        assertSwitch(speaker, 3.5, Rgb.RED, Rgb.GREEN);
        assertThat(framesNear(speaker, 3.8, 6.4, Rgb.GREEN)).as("green's turn").isTrue();
        assertSwitch(speaker, 6.5, Rgb.GREEN, Rgb.BLUE);
        assertThat(framesNear(speaker, 6.8, 9.4, Rgb.BLUE)).as("blue's turn and after").isTrue();

        // the strip: two cells of 160x48 (everyone but the speaker), 64x48 pictures centred at (80, 156), (240, 156)
        List<List<Rgb>> strip = List.of(Frames.coloursOverTime(out, 80, 156), Frames.coloursOverTime(out, 240, 156));
        List<Rgb> people = List.of(Rgb.RED, Rgb.GREEN, Rgb.BLUE);
        int checked = 0;
        for (int i = 1; i + 1 < speaker.size(); i++) {
            Rgb shown = speaker.get(i);
            if (!shown.isNear(speaker.get(i - 1)) || !shown.isNear(speaker.get(i + 1))) {
                continue; // the frames either side of a switch
            }
            for (List<Rgb> cell : strip) {
                assertThat(cell.get(i)).as("frame %d (%.2f s): the strip shows the other two, not the speaker %s",
                        i, i / FPS, shown).isNot(Frames.near(shown))
                        .matches(colour -> people.stream().anyMatch(colour::isNear), "someone's colour");
            }
            checked++;
        }
        assertThat(checked).as("frames checked").isGreaterThan((int) (9 * FPS));
        // at a hand-over the previous speaker takes the strip cell the new one left
        int greensCell = cellShowing(strip, 2.0, Rgb.GREEN);
        assertThat(cellShowing(strip, 4.5, Rgb.RED)).as("red takes green's cell").isEqualTo(greensCell);
        int bluesCell = cellShowing(strip, 4.5, Rgb.BLUE);
        assertThat(cellShowing(strip, 8.0, Rgb.GREEN)).as("green takes blue's cell").isEqualTo(bluesCell);

        String picture = System.getProperty(PICTURE_PROPERTY);
        if (picture != null) {
            Frames.writePng(out, 4.5, Path.of(picture));
        }

        // and what is heard is who is seen
        assertThat(AudioSpectrum.present(out, 4.0, 5.5, 660)).isTrue();
        assertThat(AudioSpectrum.absent(out, 4.0, 5.5, 440)).isTrue();
        assertThat(AudioSpectrum.absent(out, 4.0, 5.5, 880)).isTrue();
        assertThat(AudioSpectrum.present(out, 7.0, 8.5, 880)).isTrue();
    }

    private static int cellShowing(List<List<Rgb>> cells, double seconds, Rgb colour) {
        for (int c = 0; c < cells.size(); c++) {
            if (cells.get(c).get(frame(seconds)).isNear(colour)) {
                return c;
            }
        }
        throw new AssertionError("no strip cell shows " + colour + " at " + seconds + " s");
    }

    /**
     * <pre>
     * seconds   0    1    2    3    4    5    6    7    8    9    10
     * red        [0.2 ==== 2.8)   [3.7 === 5.8)      [7.7 ====== 10)
     * blue                   [3-3.5)         [6 ==== 7.5)
     * shown     red--------------------------|blue-----|red----------
     *                        0.5 s: no switch  1.5 s: switch, held 2 s (to 8, though red speaks from 7.7)
     * </pre>
     */
    @Test
    void aHalfSecondInterjectionDoesNotSwitch_aSecondAndAHalfDoesAndHoldsTwoSeconds() {
        String session = session(
                TestMedia.talking("red", 440, 10.5, 0.2, 2.8, 3.7, 5.8, 7.7, 10),
                TestMedia.talking("blue", 880, 10.5, 3, 3.5, 6, 7.5));

        Path out = composeAndDownload(api, """
                {"session_id": "%s", "resolution": "320x180",
                 "video_layout": {"speaker": {"focus": "active_speaker"}}}
                """.formatted(session));

        List<Rgb> shown = Frames.coloursOverTime(out, 160, 90);
        assertThat(framesNear(shown, 0.0, 5.9, Rgb.RED)).as("red throughout blue's half second at 3 s").isTrue();
        double blueFrom = assertSwitch(shown, 6.0, Rgb.RED, Rgb.BLUE);
        double redAgain = firstFrameNear(shown, blueFrom, Rgb.RED) / FPS;
        assertThat(redAgain - blueFrom).as("blue holds the region").isGreaterThanOrEqualTo(2.0 - 0.001);
        assertThat(redAgain).as("red takes it back when the hold ends").isCloseTo(blueFrom + 2.0, within(0.05));
        assertThat(framesNear(shown, redAgain, 10.4, Rgb.RED)).isTrue();
        assertThat(AudioSpectrum.present(out, 3.05, 3.45, 880)).as("the interjection is heard").isTrue();
    }

    /** The session: one upload per participant, all starting at {@link #STARTED_AT}. */
    private String session(byte[]... participants) {
        String session = null;
        for (byte[] media : participants) {
            JsonNode created = upload(api, media, session == null ? Map.of("started_at", STARTED_AT)
                    : Map.of("started_at", STARTED_AT, "session_id", session));
            session = created.path(0).path("session_id").asString();
        }
        return session;
    }

    /** Finds the first frame of {@code to} after {@code before} near {@code expectedSeconds}; answers its time. */
    private static double assertSwitch(List<Rgb> colours, double expectedSeconds, Rgb before, Rgb to) {
        int first = firstFrameNear(colours, expectedSeconds - 1.0, to);
        assertThat(first).as("a switch to %s near %.1f s", to, expectedSeconds).isNotNegative();
        double at = first / FPS;
        assertThat(at).as("the switch to %s", to).isCloseTo(expectedSeconds, within(SWITCH_TOLERANCE));
        assertThat(colours.get(first - 1)).as("the frame before the switch").is(Frames.near(before));
        return at;
    }

    private static int firstFrameNear(List<Rgb> colours, double fromSeconds, Rgb expected) {
        for (int i = Math.max(0, frame(fromSeconds)); i < colours.size(); i++) {
            if (colours.get(i).isNear(expected)) {
                return i;
            }
        }
        return -1;
    }

    /** True when every frame from {@code fromSeconds} to {@code toSeconds} shows {@code expected}. */
    private static boolean framesNear(List<Rgb> colours, double fromSeconds, double toSeconds, Rgb expected) {
        for (int i = frame(fromSeconds); i <= Math.min(frame(toSeconds), colours.size() - 1); i++) {
            if (!colours.get(i).isNear(expected)) {
                throw new AssertionError("frame " + i + " (" + i / FPS + " s) is " + colours.get(i) + ", not "
                        + expected);
            }
        }
        return true;
    }

    private static int frame(double seconds) {
        return (int) Math.ceil(seconds * FPS - 1e-9);
    }
}
