package dev.montage.compositions;

import static dev.montage.support.ApiAssertions.assertNotFound;
import static dev.montage.support.ApiAssertions.assertParameterProblem;
import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Executors;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import dev.montage.support.ApiClient;
import dev.montage.support.ApiClient.BinaryResponse;
import dev.montage.support.ApiClient.Response;
import dev.montage.support.ApiTest;
import dev.montage.support.Frames;
import dev.montage.support.Rgb;
import dev.montage.support.StoredMedia;
import tools.jackson.databind.JsonNode;

/**
 * Thumbnails and storyboards of a real composition, proven by their pixels against the composed file's own frames
 * at the same instants. One composition is rendered for the whole class (its deletion comes last).
 *
 * <pre>
 *   alice (red)   |0--------2|          left cell  (centre 80, 120 of 320x240)
 *   bob (blue)         |1--------3|     right cell (centre 240, 120)
 *   at 0.5: red | black    1.5: red | blue    2.5: black | blue
 * </pre>
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CompositionPicturesTest extends ApiTest {

    /** Rendered once for the class: the owner's key, the composition's id and its downloaded file. */
    private static String ownerKey;
    private static String compositionId;
    private static Path video;

    private ApiClient owner() {
        if (compositionId == null) {
            ownerKey = accounts.createAccount().apiKey();
            ApiClient client = new ApiClient(port, ownerKey);
            TwoParticipantSession session = twoParticipantSession(client);
            Response created = client.post("/v2/room_compositions", """
                    {"session_id": "%s", "resolution": "320x240",
                     "video_layout": {"grid": {"video_sources": ["*"]}}}
                    """.formatted(session.sessionId()));
            assertThat(created.status()).as("%s", created).isEqualTo(202);
            String id = created.data().path("id").asString();
            JsonNode done = awaitFinished(client, id, 120);
            assertThat(done.path("status").asString()).isEqualTo("completed");
            video = download(done.path("download_url").asString());
            compositionId = id;
        }
        return new ApiClient(port, ownerKey);
    }

    private String path(String picture) {
        owner();
        return "/v2/room_compositions/" + compositionId + "/" + picture;
    }

    @Test
    @Order(1)
    void aThumbnailShowsTheFrameOfTheComposedFileAtItsInstant() throws IOException {
        for (double at : new double[] {0.5, 2.5}) {
            Image thumbnail = get(path("thumbnail?at=" + at), null);
            assertThat(thumbnail.status()).as("%s", thumbnail).isEqualTo(200);
            assertThat(thumbnail.contentType()).isEqualTo("image/jpeg");
            BufferedImage picture = thumbnail.decoded();
            assertThat(picture.getWidth()).as("default width: the composition's 320").isEqualTo(320);
            assertThat(picture.getHeight()).isEqualTo(240);
            Frames.Picture frame = Frames.pictureAt(video, at, 320);
            for (int x : new int[] {80, 240}) {
                assertThat(colour(picture, x, 120)).as("%s s at x %d", at, x).is(Frames.near(frame.colourAt(x, 120)));
            }
        }
        Image early = get(path("thumbnail?at=0.5"), null);
        assertThat(colour(early.decoded(), 80, 120)).is(Frames.near(Rgb.RED));
        assertThat(colour(early.decoded(), 240, 120)).is(Frames.near(Rgb.BLACK));
        Image late = get(path("thumbnail?at=2.5"), null);
        assertThat(colour(late.decoded(), 80, 120)).is(Frames.near(Rgb.BLACK));
        assertThat(colour(late.decoded(), 240, 120)).is(Frames.near(Rgb.BLUE));
    }

    @Test
    @Order(2)
    void theWidthScalesThePictureKeepingItsAspect() throws IOException {
        BufferedImage small = get(path("thumbnail?at=1.5&width=160"), null).decoded();
        assertThat(small.getWidth()).isEqualTo(160);
        assertThat(small.getHeight()).isEqualTo(120);
        assertThat(colour(small, 40, 60)).is(Frames.near(Rgb.RED));
        assertThat(colour(small, 120, 60)).is(Frames.near(Rgb.BLUE));

        BufferedImage odd = get(path("thumbnail?at=1.5&width=50"), null).decoded();
        assertThat(odd.getWidth()).isEqualTo(50);
        assertThat(odd.getHeight()).as("37.5 rounded to even pixels").isEqualTo(38);
    }

    @Test
    @Order(3)
    void webpWhenAskedForByNameOrByAccept() throws IOException {
        Image named = get(path("thumbnail?at=1.5&format=webp&width=160"), null);
        Image accepted = get(path("thumbnail?at=1.5&width=160"), "image/avif,image/webp,*/*;q=0.8");
        Image jpeg = get(path("thumbnail?at=1.5&width=160"), "*/*");
        assertThat(named.contentType()).isEqualTo("image/webp");
        assertThat(accepted.contentType()).isEqualTo("image/webp");
        assertThat(accepted.body()).isEqualTo(named.body());
        assertThat(jpeg.contentType()).isEqualTo("image/jpeg");
        assertThat(new String(named.body(), 0, 4, StandardCharsets.US_ASCII)).isEqualTo("RIFF");
        assertThat(new String(named.body(), 8, 4, StandardCharsets.US_ASCII)).isEqualTo("WEBP");
        // ImageIO reads no WebP: ffmpeg decodes it
        Path file = Files.write(Files.createTempFile(Path.of("target"), "thumbnail-", ".webp"), named.body());
        Frames.Picture picture = Frames.pictureAt(file, 0, 160);
        assertThat(picture.height()).isEqualTo(120);
        assertThat(picture.colourAt(40, 60)).is(Frames.near(Rgb.RED));
        assertThat(picture.colourAt(120, 60)).is(Frames.near(Rgb.BLUE));
    }

    @Test
    @Order(4)
    void aStoryboardIsEvenlySpacedFramesWhosePixelsAreTheFramesAtTheirTimes() throws IOException {
        Response answer = owner().get(path("storyboard?frames=3&width=80"));
        assertThat(answer.status()).as("%s", answer).isEqualTo(200);
        JsonNode board = answer.data();
        assertThat(board.path("record_type").asString()).isEqualTo("room_composition_storyboard");
        assertThat(board.path("composition_id").asString()).isEqualTo(compositionId);
        assertThat(board.path("frames").asInt()).isEqualTo(3);
        assertThat(board.path("columns").asInt()).isEqualTo(3);
        assertThat(board.path("rows").asInt()).isEqualTo(1);
        assertThat(board.path("tile_width").asInt()).isEqualTo(80);
        assertThat(board.path("tile_height").asInt()).isEqualTo(60);
        assertThat(board.path("image_url").asString())
                .isEqualTo("http://127.0.0.1:" + port + path("storyboard/image?frames=3&width=80"));
        // the composition lasts 3 s: the middles of its three thirds
        assertThat(board.path("tiles")).hasSize(3);
        double[] expected = {0.5, 1.5, 2.5};
        for (int i = 0; i < 3; i++) {
            JsonNode tile = board.path("tiles").path(i);
            assertThat(tile.path("at").asDouble()).isEqualTo(expected[i]);
            assertThat(tile.path("x").asInt()).isEqualTo(80 * i);
            assertThat(tile.path("y").asInt()).isZero();
        }

        Image image = get(board.path("image_url").asString().substring(("http://127.0.0.1:" + port).length()), null);
        assertThat(image.contentType()).isEqualTo("image/jpeg");
        BufferedImage picture = image.decoded();
        assertThat(picture.getWidth()).isEqualTo(3 * 80);
        assertThat(picture.getHeight()).isEqualTo(60);
        for (JsonNode tile : board.path("tiles")) {
            Frames.Picture frame = Frames.pictureAt(video, tile.path("at").asDouble(), 320);
            int x = tile.path("x").asInt();
            int y = tile.path("y").asInt();
            // the tile is the frame at a quarter of its size: (80, 120) of the frame is (20, 30) of the tile
            assertThat(colour(picture, x + 20, y + 30)).as("left of tile at %s", tile)
                    .is(Frames.near(frame.colourAt(80, 120)));
            assertThat(colour(picture, x + 60, y + 30)).as("right of tile at %s", tile)
                    .is(Frames.near(frame.colourAt(240, 120)));
        }
        assertThat(colour(picture, 20, 30)).is(Frames.near(Rgb.RED));
        assertThat(colour(picture, 80 + 60, 30)).is(Frames.near(Rgb.BLUE));
        assertThat(colour(picture, 160 + 20, 30)).is(Frames.near(Rgb.BLACK));
    }

    @Test
    @Order(5)
    void moreFramesThanTenColumnsWrapIntoRowsAndTheRestOfTheLastRowIsBlack() throws IOException {
        JsonNode board = owner().get(path("storyboard?frames=12&width=32")).data();
        assertThat(board.path("columns").asInt()).isEqualTo(10);
        assertThat(board.path("rows").asInt()).isEqualTo(2);
        assertThat(board.path("tile_height").asInt()).isEqualTo(24);
        assertThat(board.path("tiles").path(10).path("x").asInt()).isZero();
        assertThat(board.path("tiles").path(10).path("y").asInt()).isEqualTo(24);
        assertThat(board.path("tiles").path(11).path("at").asDouble()).isEqualTo(2.875);

        BufferedImage picture = get(path("storyboard/image?frames=12&width=32"), null).decoded();
        assertThat(picture.getWidth()).isEqualTo(320);
        assertThat(picture.getHeight()).isEqualTo(48);
        // a tile is the frame at a tenth of its size: the cells' centres are at (8, 12) and (24, 12) of it
        assertThat(colour(picture, 8, 12)).as("tile 0 at 0.125 s, left").is(Frames.near(Rgb.RED));
        assertThat(colour(picture, 32 + 24, 24 + 12)).as("tile 11 at 2.875 s, right").is(Frames.near(Rgb.BLUE));
        assertThat(colour(picture, 300, 36)).as("no tile 19").is(Frames.near(Rgb.BLACK));
    }

    @Test
    @Order(6)
    void aPictureIsMadeOnceThenReadFromTheBlobStore() throws IOException {
        Image first = get(path("thumbnail?at=0.25&width=64"), null);
        Path cached = pictureFolder().resolve("thumbnail-200ms-64w.jpg");
        assertThat(cached).as("taken down to a tenth of a second").exists();
        assertThat(Files.readAllBytes(cached)).isEqualTo(first.body());
        assertThat(get(path("thumbnail?at=0.299&width=64"), null).body()).as("same tenth of a second")
                .isEqualTo(first.body());

        // what the store holds is what is answered: no ffmpeg ran again
        byte[] marked = first.body().clone();
        marked[marked.length - 3] ^= 1;
        Files.write(cached, marked);
        assertThat(get(path("thumbnail?at=0.25&width=64"), null).body()).isEqualTo(marked);

        Image image = get(path("storyboard/image?frames=3&width=80"), null);
        assertThat(pictureFolder().resolve("storyboard-3f-80w.jpg")).exists();
        assertThat(Files.readAllBytes(pictureFolder().resolve("storyboard-3f-80w.jpg"))).isEqualTo(image.body());
        Path layout = pictureFolder().resolve("storyboard-3f-80w.json");
        assertThat(layout).exists();

        // the storyboard's JSON too is what the store holds (this one claims a taller tile)
        String kept = Files.readString(layout);
        assertThat(kept).contains("\"tile_height\":60");
        Files.writeString(layout, kept.replace("\"tile_height\":60", "\"tile_height\":62"));
        assertThat(owner().get(path("storyboard?frames=3&width=80")).data().path("tile_height").asInt()).isEqualTo(62);
        Files.writeString(layout, kept);
        assertThat(owner().get(path("storyboard?frames=3&width=80")).data().path("tiles").path(2).path("at").asDouble())
                .isEqualTo(2.5);
    }

    @Test
    @Order(7)
    void twoFirstRequestsForOnePictureAtOnceBothGetIt() throws Exception {
        String thumbnail = path("thumbnail?at=1.75&width=96");
        var pool = Executors.newFixedThreadPool(2);
        try {
            var first = pool.submit(() -> get(thumbnail, null));
            var second = pool.submit(() -> get(thumbnail, null));
            for (Image answer : List.of(first.get(), second.get())) {
                BufferedImage picture = answer.decoded();
                assertThat(colour(picture, 24, 36)).is(Frames.near(Rgb.RED));
                assertThat(colour(picture, 72, 36)).is(Frames.near(Rgb.BLUE));
            }
            byte[] stored = Files.readAllBytes(pictureFolder().resolve("thumbnail-1700ms-96w.jpg"));
            assertThat(List.of(first.get().body(), second.get().body())).anySatisfy(
                    body -> assertThat(body).isEqualTo(stored));
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    @Order(8)
    void badParametersAre422AtTheirParameter() {
        ApiClient client = owner();
        assertParameterProblem(client.get(path("thumbnail?at=soon")), "10026", "at");
        assertParameterProblem(client.get(path("thumbnail?at=-1")), "10033", "at");
        assertParameterProblem(client.get(path("thumbnail?at=3")), "10033", "at");
        assertParameterProblem(client.get(path("thumbnail?at=99.5")), "10033", "at");
        assertParameterProblem(client.get(path("thumbnail?width=8")), "10033", "width");
        assertParameterProblem(client.get(path("thumbnail?width=321")), "10033", "width");
        assertParameterProblem(client.get(path("thumbnail?width=wide")), "10026", "width");
        assertParameterProblem(client.get(path("thumbnail?format=png")), "10032", "format");
        Response both = client.get(path("thumbnail?at=x&format=gif"));
        assertParameterProblem(both, "10026", "at");
        assertParameterProblem(both, "10032", "format");
        assertParameterProblem(client.get(path("storyboard?frames=0")), "10033", "frames");
        assertParameterProblem(client.get(path("storyboard?frames=101")), "10033", "frames");
        assertParameterProblem(client.get(path("storyboard/image?frames=ten")), "10026", "frames");
        assertParameterProblem(client.get(path("storyboard?width=400")), "10033", "width");
        assertParameterProblem(client.get(path("storyboard/image?width=4")), "10033", "width");
    }

    @Test
    @Order(9)
    void onlyTheOwnerOfACompletedCompositionGetsPictures() throws IOException {
        owner();
        for (String picture : List.of("thumbnail", "storyboard", "storyboard/image")) {
            assertNotFound(api.get(path(picture)));
            assertNotFound(api.get("/v2/room_compositions/" + UUID.randomUUID() + "/" + picture));
            assertNotFound(api.get("/v2/room_compositions/not-an-id/" + picture));
        }
        // an error is JSON whatever Accept asked for
        Image refused = get("/v2/room_compositions/" + UUID.randomUUID() + "/thumbnail", "image/webp");
        assertThat(refused.status()).isEqualTo(404);
        assertThat(refused.contentType()).startsWith("application/json");

        TwoParticipantSession session = twoParticipantSession(api);
        Response created = api.post("/v2/room_compositions", """
                {"session_id": "%s", "resolution": "160x120", "video_layout": {"grid": {"video_sources": ["*"]}}}
                """.formatted(session.sessionId()));
        String id = created.data().path("id").asString();
        Response early = api.get("/v2/room_compositions/" + id + "/thumbnail");
        assertThat(early.status()).as("%s", early).isEqualTo(422);
        assertThat(early.error().path("code").asString()).isEqualTo("10015");
        assertThat(early.error().path("detail").asString()).contains("pictures exist only of a completed composition");
        assertThat(api.get("/v2/room_compositions/" + id + "/storyboard").status()).isEqualTo(422);
        assertThat(awaitFinished(api, id, 120).path("status").asString()).isEqualTo("completed");

        // completed, and narrower than the default 320: the default width is its own
        BinaryResponse narrow = api.getBytes("/v2/room_compositions/" + id + "/thumbnail?at=1.5", null);
        BufferedImage picture = new Image(narrow.status(), narrow.contentType(), narrow.body()).decoded();
        assertThat(picture.getWidth()).isEqualTo(160);
        assertThat(picture.getHeight()).isEqualTo(120);
    }

    @Test
    @Order(10)
    void deletingTheCompositionDeletesItsPictures() throws IOException {
        ApiClient client = owner();
        assertThat(pictureFolder()).isDirectory();
        Path folder = pictureFolder();

        assertThat(client.delete("/v2/room_compositions/" + compositionId).status()).isEqualTo(204);

        assertThat(folder).doesNotExist();
        assertThat(StoredMedia.of(dataDir, compositionId)).isEmpty();
        assertNotFound(client.get(path("thumbnail")));
        compositionId = null; // a later run of a test makes a new one
    }

    /** {@code <data-dir>/blobs/pictures/compositions/<id>-<run>/}: the folder named after the composed file. */
    private Path pictureFolder() {
        List<Path> media = StoredMedia.of(dataDir, compositionId);
        assertThat(media).hasSize(1);
        String file = media.get(0).getFileName().toString();
        return dataDir.resolve("blobs").resolve("pictures").resolve("compositions")
                .resolve(file.substring(0, file.length() - ".mp4".length()));
    }

    private static Rgb colour(BufferedImage image, int x, int y) {
        int rgb = image.getRGB(x, y);
        return new Rgb((rgb >> 16) & 0xff, (rgb >> 8) & 0xff, rgb & 0xff);
    }

    /** A picture's answer, decoded by ImageIO after checking it is a 200. */
    private record Image(int status, String contentType, byte[] body) {
        BufferedImage decoded() throws IOException {
            assertThat(status).as("status").isEqualTo(200);
            BufferedImage image = ImageIO.read(new ByteArrayInputStream(body));
            assertThat(image).as("a picture ImageIO can read (%s)", contentType).isNotNull();
            return image;
        }
    }

    /** GETs a picture with the owner's key. */
    private Image get(String path, String accept) {
        BinaryResponse answer = owner().getBytes(path, accept);
        return new Image(answer.status(), answer.contentType(), answer.body());
    }
}
