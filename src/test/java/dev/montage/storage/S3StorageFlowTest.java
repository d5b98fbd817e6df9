package dev.montage.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import dev.montage.support.ApiClient;
import dev.montage.support.ApiTest;
import dev.montage.support.Frames;
import dev.montage.support.MediaFacts;
import dev.montage.support.OwnDatabase;
import dev.montage.support.Rgb;
import dev.montage.support.S3TestServer;
import dev.montage.support.TestMedia;
import dev.montage.support.WebhookReceiver;
import tools.jackson.databind.JsonNode;

/**
 * The whole life of media on a bucket ({@code montage.storage.type=s3}) against a real S3-compatible server:
 * uploads land as objects, the render reads them and writes its output there, {@code download_url} is a presigned
 * GET on the bucket, {@code /media} serves ranges from it, and DELETE leaves no object that no row references.
 */
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class S3StorageFlowTest extends ApiTest {

    private static final String BUCKET = "montage-flow";
    private static final String PREFIX = "flow/";
    private static final S3TestServer S3 = S3TestServer.shared();

    @DynamicPropertySource
    static void bucket(DynamicPropertyRegistry registry) {
        S3.configure(registry, BUCKET, PREFIX);
        // the other test contexts run job queues on the shared database with the local store: one of them taking a
        // composition whose media is in the bucket would fail it (the context is closed after the class)
        OwnDatabase.register(registry, "s3_flow");
        registry.add("montage.webhooks.auto-start", () -> "true");
        registry.add("montage.webhooks.allow-private-targets", () -> "true");
    }

    @Autowired
    private DownloadLinks links;

    @Test
    void uploadComposeDownloadAndDeleteLeaveNoOrphan() throws Exception {
        try (WebhookReceiver receiver = WebhookReceiver.start(WebhookReceiver.status(200))) {
            flow(receiver);
        }
    }

    private void flow(WebhookReceiver receiver) throws Exception {
        List<String> before = S3.keys(BUCKET);
        TwoParticipantSession session = twoParticipantSession(api);
        List<String> recordingObjects = newKeys(before);
        assertThat(recordingObjects).as("one object per upload, under the prefix").hasSize(2)
                .allMatch(key -> key.startsWith(PREFIX + "recordings/"));

        JsonNode created = api.post("/v2/room_compositions", """
                {"session_id": "%s", "resolution": "320x120", "webhook_event_url": "%s"}"""
                .formatted(session.sessionId(), receiver.url())).data();
        String compositionId = created.path("id").asString();
        JsonNode done = awaitFinished(api, compositionId, 120);
        assertThat(done.path("status").asString()).as("%s", done).isEqualTo("completed");
        String compositionKey = newKeys(before).stream().filter(key -> !recordingObjects.contains(key))
                .findFirst().orElseThrow();
        assertThat(compositionKey).matches(PREFIX + "compositions/" + compositionId + "-[^/]+\\.mp4");

        String downloadUrl = done.path("download_url").asString();
        assertThat(downloadUrl).as("a presigned GET on the bucket, valid one hour")
                .startsWith(S3.endpoint() + "/" + BUCKET + "/" + compositionKey + "?")
                .contains("X-Amz-Signature=").contains("X-Amz-Expires=3600");
        Path video = download(downloadUrl); // no Authorization: the signature is the credential
        assertThat(MediaFacts.of(video).width()).isEqualTo(320);
        assertThat(Frames.colourAt(video, 1.5, 80, 60)).is(Frames.near(Rgb.RED));
        assertThat(Frames.colourAt(video, 1.5, 240, 60)).is(Frames.near(Rgb.BLUE));
        assertThat(Frames.colourAt(video, 0.5, 240, 60)).as("bob joins 1 s later").is(Frames.near(Rgb.BLACK));
        assertThat(S3.size(BUCKET, compositionKey)).isEqualTo(Files.size(video));
        JsonNode completed = receiver.await(1, Duration.ofSeconds(30)).get(0).data();
        assertThat(completed.path("event_type").asString()).isEqualTo("video.room.composition.completed");
        String eventUrl = completed.path("payload").path("download_url").asString();
        assertThat(eventUrl).as("the event's link is presigned too")
                .startsWith(S3.endpoint() + "/" + BUCKET + "/" + compositionKey + "?").contains("X-Amz-Expires=3600");
        assertThat(Files.readAllBytes(download(eventUrl))).isEqualTo(Files.readAllBytes(video));

        byte[] whole = Files.readAllBytes(video);
        String media = links.link("http://127.0.0.1:" + port, UUID.fromString(compositionId));
        HttpResponse<byte[]> part = get(media, "bytes=100-1123");
        assertThat(part.statusCode()).isEqualTo(206);
        assertThat(part.headers().firstValue("content-range")).hasValue("bytes 100-1123/" + whole.length);
        assertThat(part.body()).isEqualTo(Arrays.copyOfRange(whole, 100, 1124));
        HttpResponse<byte[]> suffix = get(media, "bytes=-10");
        assertThat(suffix.statusCode()).isEqualTo(206);
        assertThat(suffix.body()).isEqualTo(Arrays.copyOfRange(whole, whole.length - 10, whole.length));
        HttpResponse<byte[]> all = get(media, null);
        assertThat(all.statusCode()).isEqualTo(200);
        assertThat(all.body()).isEqualTo(whole);
        HttpResponse<byte[]> outside = get(media, "bytes=" + whole.length + "-");
        assertThat(outside.statusCode()).isEqualTo(416);
        assertThat(new String(outside.body())).contains("\"errors\"");

        // a thumbnail is made from the bucket's object (ffmpeg reads it through a signed link) and kept beside it
        ApiClient.BinaryResponse thumbnail = api.getBytes("/v2/room_compositions/" + compositionId
                + "/thumbnail?at=1.5", null);
        assertThat(thumbnail.status()).as("%s", thumbnail).isEqualTo(200);
        BufferedImage picture = ImageIO.read(new ByteArrayInputStream(thumbnail.body()));
        assertThat(picture.getWidth()).isEqualTo(320);
        int left = picture.getRGB(80, 60);
        int right = picture.getRGB(240, 60);
        assertThat(new Rgb((left >> 16) & 0xff, (left >> 8) & 0xff, left & 0xff)).is(Frames.near(Rgb.RED));
        assertThat(new Rgb((right >> 16) & 0xff, (right >> 8) & 0xff, right & 0xff)).is(Frames.near(Rgb.BLUE));
        String picturesFolder = PREFIX + "pictures/" + compositionKey.substring(PREFIX.length(),
                compositionKey.length() - ".mp4".length()) + "/";
        assertThat(S3.keys(BUCKET)).contains(picturesFolder + "thumbnail-1500ms-320w.jpg");

        assertThat(api.delete("/v2/room_compositions/" + compositionId).status()).isEqualTo(204);
        assertThat(S3.keys(BUCKET)).as("the composition's pictures are gone").noneMatch(
                key -> key.startsWith(picturesFolder));
        assertThat(S3.keys(BUCKET)).as("the composition's object is gone").doesNotContain(compositionKey)
                .containsAll(recordingObjects);

        List<String> recordingIds = new ArrayList<>();
        for (JsonNode upload : List.of(session.alice(), session.bob())) {
            upload.forEach(recording -> recordingIds.add(recording.path("id").asString()));
        }
        for (String id : recordingIds) {
            assertThat(api.delete("/v2/room_recordings/" + id).status()).isEqualTo(204);
        }
        assertThat(newKeys(before)).as("no object that no row references").isEmpty();
    }

    @Test
    void aRecordingWhoseObjectIsGoneFailsTheCompositionWithAClearReason() {
        List<String> before = S3.keys(BUCKET);
        JsonNode upload = upload(api, TestMedia.webm("red", 440, 2), Map.of("started_at", "2024-05-01T10:00:00Z"));
        String lost = newKeys(before).get(0);
        S3.delete(BUCKET, lost);

        JsonNode created = api.post("/v2/room_compositions", """
                {"session_id": "%s", "resolution": "160x120"}""".formatted(upload.path(0).path("session_id")
                .asString())).data();
        JsonNode done = awaitFinished(api, created.path("id").asString(), 60);
        assertThat(done.path("status").asString()).isEqualTo("failed");
        assertThat(done.path("failure_reason").asString()).contains("missing from storage")
                .doesNotContain(lost);
    }

    private List<String> newKeys(List<String> before) {
        return S3.keys(BUCKET).stream().filter(key -> !before.contains(key)).toList();
    }

    private static HttpResponse<byte[]> get(String url, String range) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url));
        if (range != null) {
            request.header("Range", range);
        }
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }
}
