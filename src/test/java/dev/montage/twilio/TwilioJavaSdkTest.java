package dev.montage.twilio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import com.twilio.exception.ApiException;
import com.twilio.http.HttpMethod;
import com.twilio.http.NetworkHttpClient;
import com.twilio.http.Request;
import com.twilio.http.Response;
import com.twilio.http.TwilioRestClient;
import com.twilio.rest.video.v1.Composition;
import com.twilio.rest.video.v1.Recording;
import com.twilio.rest.video.v1.Room;

import dev.montage.accounts.AccountService.NewAccount;
import dev.montage.support.ApiClient;
import dev.montage.support.ApiTest;
import dev.montage.support.Frames;
import dev.montage.support.Rgb;
import dev.montage.support.TestMedia;
import tools.jackson.databind.JsonNode;

/**
 * The official Twilio Java helper library ({@code com.twilio.sdk:twilio}), unchanged but for the host its HTTP
 * client sends to: what a Twilio customer's composition code does, against Montage.
 */
class TwilioJavaSdkTest extends ApiTest {

    private static final String TWILIO_VIDEO = "https://video.twilio.com";

    /** Twilio's own HTTP client; each request goes to Montage instead of video.twilio.com, nothing else changes. */
    private static final class MontageHttpClient extends NetworkHttpClient {
        private final String base;

        MontageHttpClient(String base) {
            this.base = base;
        }

        @Override
        public Response makeRequest(Request request) {
            Request moved = new Request(request.getMethod(), request.getUrl().replace(TWILIO_VIDEO, base));
            moved.setAuth(request.getUsername(), request.getPassword());
            request.getQueryParams().forEach((name, values) -> values.forEach(v -> moved.addQueryParam(name, v)));
            request.getPostParams().forEach((name, values) -> values.forEach(v -> moved.addPostParam(name, v)));
            request.getHeaderParams().forEach((name, values) -> values.forEach(v -> moved.addHeaderParam(name, v)));
            return super.makeRequest(moved);
        }
    }

    @Test
    void theJavaHelperLibraryListsComposesFollowsDownloadsPagesAndDeletes() throws Exception {
        NewAccount me = accounts.createAccount();
        ApiClient v2 = new ApiClient(port, me.apiKey());
        JsonNode alice = upload(v2, TestMedia.webm("red", 440, 3), Map.of("started_at", "2024-05-01T10:00:00Z",
                "participant_context", "alice", "track_name", "alice-cam"));
        String sessionId = alice.path(0).path("session_id").asString();
        upload(v2, TestMedia.webm("blue", 660, 3), Map.of("started_at", "2024-05-01T10:00:00Z",
                "session_id", sessionId, "participant_context", "bob", "track_name", "bob-cam"));
        String accountSid = "AC" + me.accountId().value().toString().replace("-", "");
        String roomSid = "RM" + sessionId.replace("-", "");
        TwilioRestClient client = new TwilioRestClient.Builder(accountSid, me.apiKey())
                .httpClient(new MontageHttpClient("http://127.0.0.1:" + port)).build();

        List<String> rooms = new ArrayList<>();
        Room.reader().setStatus(Room.RoomStatus.IN_PROGRESS).read(client).forEach(room -> rooms.add(room.getSid()));
        assertThat(rooms).containsExactly(roomSid);
        List<Recording> recordings = new ArrayList<>();
        Recording.reader().setGroupingSid(roomSid).read(client).forEach(recordings::add);
        assertThat(recordings).hasSize(4).allSatisfy(r -> assertThat(r.getTrackName()).endsWith("-cam"));

        // a grid with reuse and a track-name glob in each region, Trim, as Twilio's documentation writes them
        Composition created = Composition.creator(roomSid)
                .setVideoLayout(Map.of(
                        "left", Map.of("x_pos", 0, "y_pos", 0, "width", 160, "height", 240, "reuse", "show_oldest",
                                "video_sources", List.of("bob*")),
                        "right", Map.of("x_pos", 160, "y_pos", 0, "width", 160, "height", 240, "reuse", "show_newest",
                                "video_sources", List.of("alice*"))))
                .setAudioSources(List.of("*")).setResolution("320x240").setFormat(Composition.Format.MP4)
                .setTrim(true).create(client);
        assertThat(created.getSid()).startsWith("CJ");
        assertThat(created.getRoomSid()).isEqualTo(roomSid);

        Composition[] done = new Composition[1];
        Awaitility.await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(250)).until(() -> {
            done[0] = Composition.fetcher(created.getSid()).fetch(client);
            assertThat(done[0].getStatus()).isNotEqualTo(Composition.Status.FAILED);
            return done[0].getStatus() == Composition.Status.COMPLETED;
        });
        assertThat(done[0].getDuration()).isEqualTo(3);

        // the media as Twilio's documentation fetches it: the 302's redirect_to, downloaded without credentials
        Response media = client.request(new Request(HttpMethod.GET, done[0].getLinks().get("media")
                .replace("http://127.0.0.1:" + port, TWILIO_VIDEO) + "?Ttl=120"));
        Path file;
        if (media.getStatusCode() == 302) {
            String location = new tools.jackson.databind.json.JsonMapper().readTree(media.getContent())
                    .path("redirect_to").asString();
            file = download(location);
        } else {
            assertThat(media.getStatusCode()).as("followed to the file itself").isEqualTo(200);
            file = Files.createTempFile(Path.of("target"), "composition-", ".mp4");
            try (var in = media.getStream()) {
                Files.copy(in, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
        }
        assertThat(Frames.colourAt(file, 1.5, 80, 120).isNear(Rgb.BLUE)).as("bob on the left").isTrue();
        assertThat(Frames.colourAt(file, 1.5, 240, 120).isNear(Rgb.RED)).as("alice on the right").isTrue();

        // one a page: the library follows next_page_url to the second
        Composition second = Composition.creator(roomSid).setAudioSources("*").setResolution("160x120").create(client);
        List<String> listed = new ArrayList<>();
        Composition.reader().setRoomSid(roomSid).setPageSize(1L).read(client).forEach(c -> listed.add(c.getSid()));
        assertThat(listed).containsExactlyInAnyOrder(created.getSid(), second.getSid());

        assertThat(Composition.deleter(second.getSid()).delete(client)).isTrue();
        assertThat(Composition.deleter(created.getSid()).delete(client)).isTrue();
        assertThatThrownBy(() -> Composition.fetcher(created.getSid()).fetch(client))
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.getStatusCode()).isEqualTo(404);
                    assertThat(e.getCode()).isEqualTo(20404);
                });
        TwilioRestClient wrong = new TwilioRestClient.Builder(accountSid, "not-a-key")
                .httpClient(new MontageHttpClient("http://127.0.0.1:" + port)).build();
        assertThatThrownBy(() -> Room.reader().read(wrong).forEach(room -> { }))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.getCode()).isEqualTo(20003));
    }
}
