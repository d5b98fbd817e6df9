package dev.montage.compositions;

import static dev.montage.support.ApiAssertions.assertPointerProblem;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;

import dev.montage.media.EncoderPoint;
import dev.montage.media.Quality;
import dev.montage.media.QualitySettings;
import dev.montage.support.ApiClient.Response;
import dev.montage.support.ApiTest;
import dev.montage.support.Frames;
import dev.montage.support.MediaFacts;
import dev.montage.support.Rgb;
import dev.montage.support.TestMedia;
import tools.jackson.databind.JsonNode;

/**
 * {@code "quality"} (a Montage extension) reaches the encoder, and a composition follows the frame rate of the
 * pictures it shows: proven by the x264 options written into each file and by ffprobe's count of its frames.
 *
 * <pre>
 *   alice (red)   |0--------2|          left cell  (centre 40, 60 of 160x120)
 *   bob (blue)         |1--------3|     right cell (centre 120, 60)
 * </pre>
 */
class QualityAndFrameRateTest extends ApiTest {

    /** x264's own options string, which it writes into the stream as SEI user data. */
    private static final Pattern X264_OPTIONS = Pattern.compile("x264 - core \\d+[^\\n]*? options: ([^\\x00]+)");

    /** What each preset sets of the options x264 writes (x264 --fullhelp): enough to tell every preset apart. */
    private static final Map<String, String> SUBME_AND_REF = Map.of(
            "ultrafast", "subme=0 ref=1", "superfast", "subme=1 ref=1", "veryfast", "subme=2 ref=1",
            "faster", "subme=4 ref=2", "fast", "subme=6 ref=2", "medium", "subme=7 ref=3",
            "slow", "subme=8 ref=5", "slower", "subme=9 ref=8", "veryslow", "subme=10 ref=16");

    @Autowired
    private QualitySettings settings;

    @ParameterizedTest
    @ValueSource(strings = {"fast", "standard", "high"})
    void eachQualityIsEncodedWithItsPresetAndCrf(String level) throws IOException {
        TwoParticipantSession session = twoParticipantSession(api);
        Response created = api.post("/v2/room_compositions", """
                {"session_id": "%s", "resolution": "160x120", "quality": "%s",
                 "video_layout": {"grid": {"video_sources": ["*"]}}}""".formatted(session.sessionId(), level));
        assertThat(created.status()).as("%s", created).isEqualTo(202);
        assertThat(created.data().path("quality").asString()).isEqualTo(level);
        JsonNode done = awaitFinished(api, created.data().path("id").asString(), 120);
        assertThat(done.path("status").asString()).as("%s", done).isEqualTo("completed");
        assertThat(done.path("quality").asString()).isEqualTo(level);

        Map<String, String> options = x264Options(download(done.path("download_url").asString()));
        EncoderPoint point = settings.of(Quality.ofWireName(level).orElseThrow());
        assertThat(options.get("crf")).as("crf of %s", level).isEqualTo(point.x264Crf() + ".0");
        assertThat("subme=" + options.get("subme") + " ref=" + options.get("ref")).as("preset %s of %s",
                point.x264Preset(), level).isEqualTo(SUBME_AND_REF.get(point.x264Preset()));
    }

    @Test
    void theLevelsAreThreeDifferentEncoderPoints() {
        // otherwise the test above could pass with the level never reaching the encoder
        assertThat(settings.fast()).isNotEqualTo(settings.standard());
        assertThat(settings.high()).isNotEqualTo(settings.standard());
        assertThat(settings.fast()).isNotEqualTo(settings.high());
    }

    @Test
    void withoutQualityACompositionIsStandard() {
        TwoParticipantSession session = twoParticipantSession(api);
        Response created = api.post("/v2/room_compositions", """
                {"session_id": "%s", "quality": null}""".formatted(session.sessionId()));
        assertThat(created.status()).as("%s", created).isEqualTo(202);
        assertThat(created.data().path("quality").asString()).isEqualTo("standard");
        String id = created.data().path("id").asString();
        assertThat(api.get("/v2/room_compositions/" + id).data().path("quality").asString()).isEqualTo("standard");
    }

    @Test
    void anUnknownQualityIs422AtQualityNamingTheLevelsAndCreatesNothing() {
        TwoParticipantSession session = twoParticipantSession(api);
        Response refused = api.post("/v2/room_compositions", """
                {"session_id": "%s", "quality": "ultra"}""".formatted(session.sessionId()));
        JsonNode error = assertPointerProblem(refused, "10032", "/quality");
        assertThat(error.path("detail").asString()).contains("fast, standard, high").contains("'ultra'");
        Response wrongType = api.post("/v2/room_compositions", """
                {"session_id": "%s", "quality": 3}""".formatted(session.sessionId()));
        assertThat(wrongType.status()).as("%s", wrongType).isEqualTo(422);
        assertThat(wrongType.json().path("errors").path(0).path("source").path("pointer").asString())
                .isEqualTo("/quality");
        assertThat(api.get("/v2/room_compositions").json().path("meta").path("total_results").asLong()).isZero();
    }

    /** Both cameras run at 15 fps: so does the composition, every picture where it belongs. */
    @Test
    void fifteenFpsSourcesMakeAFifteenFpsComposition() {
        TwoParticipantSession session = twoParticipantSession(api); // TestMedia.webm: 15 fps
        Path out = composeAndDownload(api, """
                {"session_id": "%s", "resolution": "160x120",
                 "video_layout": {"grid": {"video_sources": ["*"]}}}""".formatted(session.sessionId()));

        MediaFacts facts = MediaFacts.of(out);
        assertThat(facts.frameRate()).isEqualTo("15/1");
        assertThat(facts.averageFrameRate()).as("constant").isEqualTo("15/1");
        assertThat(facts.videoFrames()).as("3 s at 15 fps").isEqualTo(45);
        assertPictures(out);
    }

    /** One camera at 15 fps, one at 30: the composition runs at 30, the faster one's rate. */
    @Test
    void fifteenAndThirtyFpsSourcesMakeAThirtyFpsComposition() {
        JsonNode alice = upload(api, TestMedia.webm("red", 440, 2),
                Map.of("started_at", "2024-05-01T10:00:00Z"));
        String sessionId = alice.path(0).path("session_id").asString();
        upload(api, TestMedia.webm("blue", 660, 2, 30), Map.of("started_at", "2024-05-01T10:00:01Z",
                "session_id", sessionId));
        Path out = composeAndDownload(api, """
                {"session_id": "%s", "resolution": "160x120",
                 "video_layout": {"grid": {"video_sources": ["*"]}}}""".formatted(sessionId));

        MediaFacts facts = MediaFacts.of(out);
        assertThat(facts.frameRate()).isEqualTo("30/1");
        assertThat(facts.averageFrameRate()).as("constant").isEqualTo("30/1");
        assertThat(facts.videoFrames()).as("3 s at 30 fps").isEqualTo(90);
        assertPictures(out);
    }

    private static void assertPictures(Path out) {
        assertThat(Frames.colourAt(out, 0.5, 40, 60)).is(Frames.near(Rgb.RED));
        assertThat(Frames.colourAt(out, 0.5, 120, 60)).is(Frames.near(Rgb.BLACK));
        assertThat(Frames.colourAt(out, 1.5, 40, 60)).is(Frames.near(Rgb.RED));
        assertThat(Frames.colourAt(out, 1.5, 120, 60)).is(Frames.near(Rgb.BLUE));
        assertThat(Frames.colourAt(out, 2.5, 40, 60)).is(Frames.near(Rgb.BLACK));
        assertThat(Frames.colourAt(out, 2.5, 120, 60)).is(Frames.near(Rgb.BLUE));
    }

    /** The options x264 wrote into the file, by name: {@code crf -> "23.0"}, {@code subme -> "2"}. */
    private static Map<String, String> x264Options(Path file) throws IOException {
        String bytes = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
        Matcher options = X264_OPTIONS.matcher(bytes);
        assertThat(options.find()).as("x264's options in %s", file).isTrue();
        Map<String, String> byName = new HashMap<>();
        for (String option : options.group(1).split(" ")) {
            int equals = option.indexOf('=');
            if (equals > 0) {
                byName.put(option.substring(0, equals), option.substring(equals + 1));
            }
        }
        return byName;
    }
}
