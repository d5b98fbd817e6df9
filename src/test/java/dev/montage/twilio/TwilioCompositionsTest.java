package dev.montage.twilio;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import dev.montage.accounts.AccountService.NewAccount;
import dev.montage.support.ApiClient;
import dev.montage.support.ApiClient.Response;
import dev.montage.support.ApiTest;
import dev.montage.support.AudioSpectrum;
import dev.montage.support.Frames;
import dev.montage.support.MediaFacts;
import dev.montage.support.Rgb;
import dev.montage.support.TestMedia;
import tools.jackson.databind.JsonNode;

/**
 * A composition made through {@code /v1} from Twilio's form fields, rendered once and read back: the same resource
 * under {@code /v2}, its pixels and tones, its media through the 302, the list and its paging, and its deletion.
 */
class TwilioCompositionsTest extends ApiTest {

    /**
     * Bob's video named by its RT SID on the left, Alice's tracks by the glob {@code alice*} on the right, only
     * Alice heard. Canvas 320x240:
     * <pre>
     *   +---------+---------+     alice  red   440 Hz  track "alice-cam"  |0------3|
     *   |  bob    |  alice  |     bob    blue  660 Hz  no track name      |0------3|
     *   | (blue)  |  (red)  |
     *   +---------+---------+
     * </pre>
     */
    @Test
    void aCompositionMadeUnderV1IsTheSameResourceUnderV2AndRendersItsLayout() {
        NewAccount me = accounts.createAccount();
        ApiClient v2 = new ApiClient(port, me.apiKey());
        TwilioClient twilio = TwilioClient.asAccount(port, me.accountId().value(), me.apiKey());
        JsonNode alice = upload(v2, TestMedia.webm("red", 440, 3), Map.of("started_at", "2024-05-01T10:00:00Z",
                "participant_context", "alice", "track_name", "alice-cam"));
        String sessionId = alice.path(0).path("session_id").asString();
        JsonNode bob = upload(v2, TestMedia.webm("blue", 660, 3), Map.of("started_at", "2024-05-01T10:00:00Z",
                "session_id", sessionId, "participant_context", "bob"));
        String roomSid = "RM" + hex(sessionId);
        String bobVideo = "RT" + hex(recording(bob, "video"));
        String layout = """
                {"bob": {"x_pos": 0, "y_pos": 0, "width": 160, "height": 240, "video_sources": ["%s"]},
                 "alice": {"x_pos": 160, "y_pos": 0, "width": 160, "height": 240, "video_sources": ["alice*"]}}
                """.formatted(bobVideo);

        Response created = twilio.post("/v1/Compositions", List.of(Map.entry("RoomSid", roomSid),
                Map.entry("VideoLayout", layout), Map.entry("AudioSources", "alice*"),
                Map.entry("Resolution", "320x240"), Map.entry("Format", "mp4"), Map.entry("Trim", "true"),
                Map.entry("StatusCallback", "https://example.com/callbacks"), Map.entry("StatusCallbackMethod", "POST")));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        JsonNode composition = created.json();
        String sid = composition.path("sid").asString();
        assertThat(sid).matches("CJ[0-9a-f]{32}");
        assertThat(composition.path("status").asString()).isEqualTo("enqueued");
        assertThat(composition.path("room_sid").asString()).isEqualTo(roomSid);
        assertThat(composition.path("account_sid").asString()).isEqualTo("AC" + hex(me.accountId().toString()));
        assertThat(composition.path("video_layout").path("bob").path("video_sources").path(0).asString())
                .as("the recording is named back by its SID").isEqualTo(bobVideo);
        assertThat(composition.path("audio_sources").path(0).asString()).isEqualTo("alice*");
        assertThat(composition.path("resolution").asString()).isEqualTo("320x240");
        assertThat(composition.path("url").asString()).endsWith("/v1/Compositions/" + sid);
        assertThat(composition.path("links").path("media").asString()).endsWith("/v1/Compositions/" + sid + "/Media");

        // the same composition under /v2, by the UUID its SID spells
        String id = uuidOf(sid.substring(2));
        JsonNode same = v2.get("/v2/room_compositions/" + id).data();
        assertThat(same.path("id").asString()).isEqualTo(id);
        assertThat(same.path("session_id").asString()).isEqualTo(sessionId);
        assertThat(same.path("video_layout").path("bob").path("video_sources").path(0).asString())
                .isEqualTo(recording(bob, "video"));

        JsonNode done = awaitCompleted(twilio, sid);
        assertThat(done.path("date_completed").asString()).matches("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}Z");
        assertThat(done.path("duration").asInt()).isEqualTo(3);
        assertThat(done.path("size").asLong()).isPositive();
        assertThat(done.path("bitrate").asInt()).isPositive();

        // the media: a 302 to a signed link, also in the body, that serves the file to anyone holding it
        Response media = twilio.get("/v1/Compositions/" + sid + "/Media?Ttl=60");
        assertThat(media.status()).as(media.body()).isEqualTo(302);
        String location = media.headers().get("location");
        assertThat(media.json().path("redirect_to").asString()).isEqualTo(location);
        long expires = Long.parseLong(location.replaceAll(".*expires=(\\d+).*", "$1"));
        assertThat(expires - System.currentTimeMillis() / 1000).isBetween(50L, 61L);
        Path file = download(location);
        assertColour(file, 1.5, 80, 120, Rgb.BLUE);
        assertColour(file, 1.5, 240, 120, Rgb.RED);
        assertThat(AudioSpectrum.present(file, 0.5, 2.5, 440)).as("alice is heard").isTrue();
        assertThat(AudioSpectrum.absent(file, 0.5, 2.5, 660)).as("bob is not").isTrue();
        assertThat(twilio.get("/v1/Compositions/" + sid + "/Media?Ttl=0").status()).isEqualTo(400);
        assertThat(twilio.get("/v1/Compositions/" + sid + "/Media?Ttl=3601").status()).isEqualTo(400);

        // two more (audio only), to page through three; then every one is deleted
        List<String> sids = new ArrayList<>(List.of(sid));
        for (int i = 0; i < 2; i++) {
            Response more = twilio.post("/v1/Compositions", List.of(Map.entry("RoomSid", roomSid),
                    Map.entry("AudioSources", "*"), Map.entry("Resolution", "160x120")));
            assertThat(more.status()).as(more.body()).isEqualTo(201);
            sids.add(more.json().path("sid").asString());
        }
        List<String> listed = new ArrayList<>();
        String next = "/v1/Compositions?RoomSid=" + roomSid + "&PageSize=2";
        int pages = 0;
        while (next != null) {
            JsonNode page = twilio.get(next).json();
            page.path("compositions").forEach(c -> listed.add(c.path("sid").asString()));
            assertThat(page.path("meta").path("key").asString()).isEqualTo("compositions");
            next = page.path("meta").path("next_page_url").isNull() ? null
                    : TwilioClient.pathOf(page.path("meta").path("next_page_url").asString());
            pages++;
        }
        assertThat(pages).isEqualTo(2);
        assertThat(listed).containsExactlyInAnyOrderElementsOf(sids);
        assertThat(twilio.get("/v1/Compositions?DateCreatedAfter=2999-01-01T00:00:00Z").json().path("compositions"))
                .isEmpty();
        assertThat(twilio.get("/v1/Compositions?Status=failed").json().path("compositions")).isEmpty();
        assertThat(twilio.get("/v1/Compositions?Status=deleted").json().path("compositions")).isEmpty();

        // another account sees none of it
        NewAccount other = accounts.createAccount();
        TwilioClient stranger = TwilioClient.asAccount(port, other.accountId().value(), other.apiKey());
        assertThat(stranger.get("/v1/Compositions/" + sid).status()).isEqualTo(404);
        assertThat(stranger.delete("/v1/Compositions/" + sid).status()).isEqualTo(404);

        // deleted: gone under both APIs (Twilio's "deleted" status is for media removed by retention, which
        // Montage does not do: docs/twilio.md)
        for (String each : sids) {
            Response deleted = twilio.delete("/v1/Compositions/" + each);
            assertThat(deleted.status()).as(deleted.body()).isEqualTo(204);
        }
        Response gone = twilio.get("/v1/Compositions/" + sid);
        assertThat(gone.status()).isEqualTo(404);
        assertThat(gone.json().path("code").asInt()).isEqualTo(20404);
        assertThat(v2.get("/v2/room_compositions/" + id).status()).isEqualTo(404);
        assertThat(twilio.get("/v1/Compositions/" + sid + "/Media").status()).isEqualTo(404);
    }

    /** Twilio's default format is webm, and code that never sends Format expects that file: it gets it here too. */
    @Test
    void formatIsWebmByDefaultAsOnTwilioAndMp4WhenAsked() {
        NewAccount me = accounts.createAccount();
        ApiClient v2 = new ApiClient(port, me.apiKey());
        TwilioClient twilio = TwilioClient.asAccount(port, me.accountId().value(), me.apiKey());
        String roomSid = "RM" + hex(twoParticipantSession(v2).sessionId());

        Response mp4 = twilio.post("/v1/Compositions", List.of(Map.entry("RoomSid", roomSid),
                Map.entry("AudioSources", "*"), Map.entry("Resolution", "160x120"), Map.entry("Format", "mp4")));
        assertThat(mp4.status()).as(mp4.body()).isEqualTo(201);
        assertThat(mp4.json().path("format").asString()).isEqualTo("mp4");
        assertThat(twilio.delete("/v1/Compositions/" + mp4.json().path("sid").asString()).status()).isEqualTo(204);

        Response created = twilio.post("/v1/Compositions", List.of(Map.entry("RoomSid", roomSid),
                Map.entry("AudioSources", "*"), Map.entry("Resolution", "160x120")));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        assertThat(created.json().path("format").asString()).isEqualTo("webm");
        String sid = created.json().path("sid").asString();
        assertThat(awaitCompleted(twilio, sid).path("format").asString()).isEqualTo("webm");
        Path file = download(twilio.get("/v1/Compositions/" + sid + "/Media").headers().get("location"));
        MediaFacts facts = MediaFacts.of(file);
        assertThat(facts.container()).isEqualTo("matroska,webm");
        assertThat(facts.videoCodec()).isEqualTo("vp8");
        assertThat(facts.audioCodec()).isEqualTo("opus");
        assertThat(AudioSpectrum.present(file, 0.2, 0.8, 440)).as("alice, alone at first").isTrue();
        assertThat(AudioSpectrum.present(file, 2.2, 2.8, 660)).as("bob, alone at the end").isTrue();
    }

    private JsonNode awaitCompleted(TwilioClient twilio, String sid) {
        JsonNode[] last = new JsonNode[1];
        Awaitility.await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(200)).until(() -> {
            last[0] = twilio.get("/v1/Compositions/" + sid).json();
            String status = last[0].path("status").asString();
            if (status.equals("failed")) {
                throw new AssertionError("composition failed: " + last[0]);
            }
            return status.equals("completed");
        });
        return last[0];
    }

    private static String recording(JsonNode uploaded, String type) {
        for (JsonNode r : uploaded) {
            if (r.path("type").asString().equals(type)) {
                return r.path("id").asString();
            }
        }
        throw new AssertionError("no " + type + " recording in " + uploaded);
    }

    private static String hex(String uuid) {
        return uuid.replace("-", "");
    }

    private static String uuidOf(String hex) {
        return hex.replaceFirst("(.{8})(.{4})(.{4})(.{4})(.{12})", "$1-$2-$3-$4-$5");
    }

    private static void assertColour(Path video, double seconds, int x, int y, Rgb expected) {
        Rgb actual = Frames.colourAt(video, seconds, x, y);
        assertThat(actual.isNear(expected)).as("colour at %.2f s (%d,%d): expected %s, was %s", seconds, x, y,
                expected, actual).isTrue();
    }
}
