package dev.montage.compositions;

import static dev.montage.support.ApiAssertions.assertPointerProblem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;

import dev.montage.support.ApiClient;
import dev.montage.support.ApiClient.BinaryResponse;
import dev.montage.support.ApiClient.Response;
import dev.montage.support.ApiTest;
import dev.montage.support.AudioSpectrum;
import dev.montage.support.Frames;
import dev.montage.support.MediaFacts;
import dev.montage.support.Rgb;
import dev.montage.support.StoredMedia;
import tools.jackson.databind.JsonNode;

/**
 * {@code "format": "webm"} (a Montage extension): VP8 and Opus in a WebM file, proven by ffprobe, its pixels and its
 * tones; served as {@code video/webm}, and pictured by thumbnails like an MP4. One render for all of it.
 *
 * <pre>
 *   alice (red, 440 Hz)  |0--------2|          left cell  (centre 40, 60 of 160x120)
 *   bob (blue, 660 Hz)        |1--------3|     right cell (centre 120, 60)
 * </pre>
 */
class WebmOutputTest extends ApiTest {

    @Test
    void aWebmCompositionIsVp8AndOpusServedAsVideoWebmAndPictured() throws IOException {
        ApiClient client = newAccountClient();
        TwoParticipantSession session = twoParticipantSession(client);
        Response created = client.post("/v2/room_compositions", """
                {"session_id": "%s", "resolution": "160x120", "format": "webm",
                 "video_layout": {"grid": {"video_sources": ["*"]}}}
                """.formatted(session.sessionId()));
        assertThat(created.status()).as("%s", created).isEqualTo(202);
        assertThat(created.data().path("format").asString()).isEqualTo("webm");
        String id = created.data().path("id").asString();
        JsonNode done = awaitFinished(client, id, 120);
        assertThat(done.path("status").asString()).as("%s", done).isEqualTo("completed");
        assertThat(done.path("format").asString()).isEqualTo("webm");
        assertThat(StoredMedia.of(dataDir, id)).singleElement()
                .satisfies(file -> assertThat(file.getFileName().toString()).endsWith(".webm"));

        String url = done.path("download_url").asString();
        BinaryResponse media = client.getBytes(url.substring(("http://127.0.0.1:" + port).length()), null);
        assertThat(media.status()).as("%s", media).isEqualTo(200);
        assertThat(media.contentType()).isEqualTo("video/webm");
        byte[] header = Arrays.copyOf(media.body(), 64);
        assertThat(Arrays.copyOf(header, 4)).as("EBML magic").containsExactly(0x1A, 0x45, 0xDF, 0xA3);
        assertThat(new String(header, StandardCharsets.ISO_8859_1)).as("EBML DocType").contains("webm");
        Path file = Files.write(Files.createTempFile(Path.of("target"), "composition-", ".webm"), media.body());

        MediaFacts facts = MediaFacts.of(file);
        assertThat(facts.container()).isEqualTo("matroska,webm");
        assertThat(facts.videoCodec()).isEqualTo("vp8");
        assertThat(facts.audioCodec()).isEqualTo("opus");
        assertThat(facts.width()).isEqualTo(160);
        assertThat(facts.height()).isEqualTo(120);
        assertThat(facts.sampleRate()).isEqualTo(48_000);
        assertThat(facts.channels()).isEqualTo(2);
        assertThat(facts.durationSeconds()).isBetween(2.9, 3.1);

        assertThat(Frames.colourAt(file, 1.5, 40, 60)).is(Frames.near(Rgb.RED));
        assertThat(Frames.colourAt(file, 1.5, 120, 60)).is(Frames.near(Rgb.BLUE));
        assertThat(Frames.colourAt(file, 2.5, 40, 60)).is(Frames.near(Rgb.BLACK));
        assertThat(AudioSpectrum.present(file, 0.2, 0.8, 440)).as("alice alone at first").isTrue();
        assertThat(AudioSpectrum.absent(file, 0.2, 0.8, 660)).as("bob not yet").isTrue();
        assertThat(AudioSpectrum.present(file, 2.2, 2.8, 660)).as("bob at the end").isTrue();
        assertThat(AudioSpectrum.absent(file, 2.2, 2.8, 440)).as("alice gone").isTrue();

        // thumbnails and storyboards read the stored WebM as they read an MP4
        BinaryResponse thumbnail = client.getBytes("/v2/room_compositions/" + id + "/thumbnail?at=1.5", null);
        assertThat(thumbnail.status()).as("%s", thumbnail).isEqualTo(200);
        assertThat(thumbnail.contentType()).isEqualTo("image/jpeg");
        BufferedImage picture = ImageIO.read(new ByteArrayInputStream(thumbnail.body()));
        assertThat(picture.getWidth()).isEqualTo(160);
        assertThat(colour(picture, 40, 60)).is(Frames.near(Rgb.RED));
        assertThat(colour(picture, 120, 60)).is(Frames.near(Rgb.BLUE));
        Response storyboard = client.get("/v2/room_compositions/" + id + "/storyboard?frames=3&width=80");
        assertThat(storyboard.status()).as("%s", storyboard).isEqualTo(200);
        // the middle of the last third; WebM's length includes Opus's last 20 ms packet and its pre-skip: up to
        // about 30 ms past 3 s, less than a frame
        assertThat(storyboard.data().path("tiles").path(2).path("at").asDouble()).as("a 3 s file's last third")
                .isCloseTo(2.5, within(0.03));
    }

    @Test
    void anUnknownFormatIs422AtFormatNamingBothAndCreatesNothing() {
        ApiClient client = newAccountClient();
        TwoParticipantSession session = twoParticipantSession(client);
        Response refused = client.post("/v2/room_compositions", """
                {"session_id": "%s", "format": "avi"}
                """.formatted(session.sessionId()));
        JsonNode error = assertPointerProblem(refused, "10032", "/format");
        assertThat(error.path("detail").asString()).contains("mp4, webm").contains("'avi'");
        assertThat(client.get("/v2/room_compositions").json().path("meta").path("total_results").asLong()).isZero();
    }

    private static Rgb colour(BufferedImage image, int x, int y) {
        int rgb = image.getRGB(x, y);
        return new Rgb((rgb >> 16) & 0xff, (rgb >> 8) & 0xff, rgb & 0xff);
    }
}
