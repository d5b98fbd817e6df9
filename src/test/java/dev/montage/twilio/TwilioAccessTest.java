package dev.montage.twilio;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.montage.accounts.AccountService.ApiKeyListing;
import dev.montage.accounts.AccountService.NewAccount;
import dev.montage.support.ApiClient;
import dev.montage.support.ApiClient.Response;
import dev.montage.support.ApiTest;
import tools.jackson.databind.JsonNode;

/**
 * {@code /v1} without rendering anything: who gets in (HTTP Basic with an account SID and any of its keys, or a
 * key SID and that key), Twilio's error shape for everyone else, the read-only rooms, participants and recordings,
 * and composition requests refused before anything is created.
 */
class TwilioAccessTest extends ApiTest {

    private NewAccount me;
    private ApiClient v2;
    private TwilioClient twilio;
    private TwoParticipantSession session;
    private String roomSid;

    @BeforeEach
    void twoParticipantRoom() {
        me = accounts.createAccount();
        v2 = new ApiClient(port, me.apiKey());
        twilio = TwilioClient.asAccount(port, me.accountId().value(), me.apiKey());
        session = twoParticipantSession(v2);
        roomSid = "RM" + hex(session.sessionId());
    }

    @Test
    void anAccountSidWithAnyOfItsKeysOrAKeySidWithItsSecretAuthenticate() {
        Response asAccount = twilio.get("/v1/Rooms");
        assertThat(asAccount.status()).as(asAccount.body()).isEqualTo(200);
        assertThat(asAccount.json().path("rooms").path(0).path("sid").asString()).isEqualTo(roomSid);
        assertThat(asAccount.json().path("rooms").path(0).path("account_sid").asString())
                .isEqualTo("AC" + hex(me.accountId().value().toString()));

        Response asKey = TwilioClient.basic(port, "SK" + hex(keyOf(me).id().toString()), me.apiKey()).get("/v1/Rooms");
        assertThat(asKey.status()).as(asKey.body()).isEqualTo(200);
        assertThat(asKey.json().path("rooms")).hasSize(1);
    }

    @Test
    void wrongOrMissingCredentialsAre401InTwilioShape() {
        NewAccount other = accounts.createAccount();
        String myAccountSid = "AC" + hex(me.accountId().value().toString());
        String myKeySid = "SK" + hex(keyOf(me).id().toString());
        List<TwilioClient> refused = List.of(
                TwilioClient.basic(port, myAccountSid, "not-a-key"),
                TwilioClient.basic(port, myAccountSid, other.apiKey()), // another account's key
                TwilioClient.basic(port, myKeySid, other.apiKey()), // the SID names one key
                TwilioClient.basic(port, "AC" + hex(UUID.randomUUID().toString()), me.apiKey()),
                TwilioClient.basic(port, "SKnot-a-sid", me.apiKey()),
                TwilioClient.withAuthorization(port, "Bearer " + me.apiKey()), // /v2's scheme is not /v1's
                TwilioClient.withAuthorization(port, "Basic !!!"));
        for (TwilioClient client : refused) {
            assertIsAuthenticateError(client.get("/v1/Compositions"));
        }
        assertIsAuthenticateError(TwilioClient.withAuthorization(port, null).get("/v1/Rooms/" + roomSid));
    }

    @Test
    void aRevokedKeyIsRefusedEitherWay() {
        ApiKeyListing key = keyOf(me);
        assertThat(accounts.revoke(key.id())).isEqualTo(dev.montage.accounts.AccountService.Revocation.REVOKED);
        assertIsAuthenticateError(twilio.get("/v1/Rooms"));
        assertIsAuthenticateError(TwilioClient.basic(port, "SK" + hex(key.id().toString()), me.apiKey())
                .get("/v1/Rooms"));
    }

    @Test
    void anotherAccountsResourcesAndMalformedSidsAre404() {
        NewAccount other = accounts.createAccount();
        TwilioClient stranger = TwilioClient.asAccount(port, other.accountId().value(), other.apiKey());
        String recordingSid = "RT" + hex(session.recording(session.alice(), "video"));
        for (String path : List.of("/v1/Rooms/" + roomSid, "/v1/Rooms/" + roomSid + "/Participants",
                "/v1/Recordings/" + recordingSid, "/v1/Compositions/CJ" + hex(UUID.randomUUID().toString()))) {
            assertIsNotFound(stranger.get(path), path);
        }
        for (String path : List.of("/v1/Rooms/RMnot-a-sid", "/v1/Recordings/" + recordingSid.toUpperCase(),
                "/v1/Compositions/" + session.sessionId(), "/v1/Rooms/" + roomSid + "/Recordings/RT123")) {
            assertIsNotFound(twilio.get(path), path);
        }
        assertThat(stranger.get("/v1/Recordings").json().path("recordings")).isEmpty();
    }

    /**
     * The room (the session), its participants and its recordings, each recording grouped by its room and
     * participant SIDs, with Twilio's codec names and its start as the offset.
     */
    @Test
    void roomsParticipantsAndRecordingsReadAsTwilioShapesThem() {
        JsonNode room = twilio.get("/v1/Rooms/" + roomSid).json();
        assertThat(room.path("status").asString()).isEqualTo("in-progress");
        assertThat(room.path("type").asString()).isEqualTo("group");
        assertThat(room.path("date_created").asString()).isEqualTo("2024-05-01T10:00:00Z");
        assertThat(room.path("links").path("recordings").asString()).endsWith("/v1/Rooms/" + roomSid + "/Recordings");

        JsonNode participants = twilio.get("/v1/Rooms/" + roomSid + "/Participants").json().path("participants");
        assertThat(participants).hasSize(2);
        String aliceSid = "PA" + hex(session.participant(session.alice()));
        JsonNode alice = participants.valueStream()
                .filter(p -> p.path("sid").asString().equals(aliceSid)).findFirst().orElseThrow();
        assertThat(alice.path("identity").asString()).isEqualTo("alice");
        assertThat(alice.path("room_sid").asString()).isEqualTo(roomSid);
        assertThat(twilio.get("/v1/Rooms/" + roomSid + "/Participants/" + aliceSid).json().path("identity")
                .asString()).isEqualTo("alice");

        JsonNode recordings = twilio.get("/v1/Rooms/" + roomSid + "/Recordings").json().path("recordings");
        assertThat(recordings).hasSize(4);
        for (JsonNode r : recordings) {
            assertThat(r.path("grouping_sids").path("room_sid").asString()).isEqualTo(roomSid);
            assertThat(r.path("grouping_sids").path("participant_sid").asString()).startsWith("PA");
            assertThat(r.path("status").asString()).isEqualTo("completed");
            assertThat(r.path("container").asString()).isEqualTo("webm");
            assertThat(r.path("codec").asString()).isIn("VP8", "VP9", "OPUS");
            assertThat(r.path("size").asLong()).isPositive();
        }

        String aliceVideo = "RT" + hex(session.recording(session.alice(), "video"));
        JsonNode aliceVideos = twilio.get("/v1/Recordings?GroupingSid=" + aliceSid + "&MediaType=video").json()
                .path("recordings");
        assertThat(aliceVideos).hasSize(1);
        JsonNode video = aliceVideos.path(0);
        assertThat(video.path("sid").asString()).isEqualTo(aliceVideo);
        assertThat(video.path("type").asString()).isEqualTo("video");
        assertThat(video.path("duration").asLong()).isEqualTo(2);
        assertThat(video.path("offset").asLong()).isEqualTo(Instant.parse("2024-05-01T10:00:00Z").toEpochMilli());
        assertThat(twilio.get("/v1/Recordings?GroupingSid=" + roomSid + "&GroupingSid=" + aliceSid).json()
                .path("recordings")).hasSize(2);
        assertThat(twilio.get("/v1/Recordings/" + aliceVideo).json().path("grouping_sids").path("participant_sid")
                .asString()).isEqualTo(aliceSid);
    }

    /** A page of three, then the rest through {@code next_page_url}, each URL as the server gave it. */
    @Test
    void listsPageThroughTheirMetaUrlsToTheEnd() {
        Response first = twilio.get("/v1/Recordings?GroupingSid=" + roomSid + "&PageSize=3");
        JsonNode meta = first.json().path("meta");
        assertThat(meta.path("key").asString()).isEqualTo("recordings");
        assertThat(meta.path("page").asInt()).isZero();
        assertThat(meta.path("page_size").asInt()).isEqualTo(3);
        assertThat(meta.path("previous_page_url").isNull()).isTrue();
        assertThat(meta.path("first_page_url").asString()).contains("GroupingSid=" + roomSid).contains("Page=0");

        List<String> seen = new ArrayList<>();
        first.json().path("recordings").forEach(r -> seen.add(r.path("sid").asString()));
        Response next = twilio.get(TwilioClient.pathOf(meta.path("next_page_url").asString()));
        assertThat(next.status()).as(next.body()).isEqualTo(200);
        next.json().path("recordings").forEach(r -> seen.add(r.path("sid").asString()));
        JsonNode last = next.json().path("meta");
        assertThat(last.path("page").asInt()).isEqualTo(1);
        assertThat(last.path("next_page_url").isNull()).isTrue();
        assertThat(last.path("previous_page_url").asString()).contains("Page=0");
        assertThat(seen).hasSize(4).doesNotHaveDuplicates();

        assertIsBadParameter(twilio.get("/v1/Recordings?PageSize=0"), "PageSize");
        assertIsBadParameter(twilio.get("/v1/Recordings?Page=1&PageToken=PT2"), "PageToken");
        assertIsBadParameter(twilio.get("/v1/Rooms?Status=open"), "Status");
    }

    /** Each request is answered 400 in Twilio's shape, naming the parameter; none creates a composition. */
    @Test
    void badCompositionRequestsAre400AndCreateNothing() {
        String layout = "{\"grid\":{\"video_sources\":[\"*\"]}}";
        assertIsBadParameter(twilio.post("/v1/Compositions", List.of(Map.entry("VideoLayout", layout))), "RoomSid");
        Response malformedRoom = twilio.post("/v1/Compositions",
                List.of(Map.entry("RoomSid", "RM1234"), Map.entry("VideoLayout", layout)));
        assertIsBadParameter(malformedRoom, "RoomSid");
        assertThat(malformedRoom.json().path("code").asInt()).isEqualTo(53106);
        Response unknownRoom = twilio.post("/v1/Compositions", List.of(
                Map.entry("RoomSid", "RM" + hex(UUID.randomUUID().toString())), Map.entry("VideoLayout", layout)));
        assertIsBadParameter(unknownRoom, "RoomSid");
        assertThat(unknownRoom.json().path("code").asInt()).isEqualTo(53106);

        assertIsBadParameter(compose(Map.entry("VideoLayout", "{\"grid\": [")), "VideoLayout");
        assertIsBadParameter(compose(Map.entry("VideoLayout", "[1, 2]")), "VideoLayout");
        assertIsBadParameter(compose(Map.entry("VideoLayout", "{\"grid\":{\"width\":-5,\"video_sources\":[\"*\"]}}")),
                "VideoLayout");
        // a recording SID in upper-case hex is no SID of ours (RT12 would be a track name, and is allowed)
        String upperCaseSid = "RT" + hex(session.recording(session.alice(), "video")).toUpperCase();
        assertIsBadParameter(compose(Map.entry("VideoLayout", "{\"grid\":{\"video_sources\":[\"" + upperCaseSid
                + "\"]}}")), "VideoLayout");
        // neither VideoLayout nor AudioSources: nothing to compose
        assertIsBadParameter(twilio.post("/v1/Compositions", List.of(Map.entry("RoomSid", roomSid))), "VideoLayout");
        assertIsBadParameter(compose(Map.entry("VideoLayout", layout), Map.entry("Resolution", "big")), "Resolution");
        assertIsBadParameter(compose(Map.entry("VideoLayout", layout), Map.entry("Resolution", "99999x2")),
                "Resolution");
        Response avi = compose(Map.entry("VideoLayout", layout), Map.entry("Format", "avi"));
        assertIsBadParameter(avi, "Format");
        assertThat(avi.json().path("message").asString()).contains("must be webm or mp4, not 'avi'");
        assertIsBadParameter(compose(Map.entry("VideoLayout", layout), Map.entry("Trim", "yes")), "Trim");
        assertIsBadParameter(compose(Map.entry("VideoLayout", layout), Map.entry("StatusCallbackMethod", "PUT")),
                "StatusCallbackMethod");

        assertThat(v2.get("/v2/room_compositions").json().path("meta").path("total_results").asLong()).isZero();
        assertThat(twilio.get("/v1/Compositions").json().path("compositions")).isEmpty();
    }

    /** A composition request for this test's room with the given fields. */
    @SafeVarargs
    private Response compose(Map.Entry<String, String>... fields) {
        List<Map.Entry<String, String>> form = new ArrayList<>();
        form.add(Map.entry("RoomSid", roomSid));
        form.addAll(List.of(fields));
        return twilio.post("/v1/Compositions", form);
    }

    private ApiKeyListing keyOf(NewAccount account) {
        return accounts.listKeys().stream().filter(k -> k.accountId().equals(account.accountId())).findFirst()
                .orElseThrow();
    }

    private static String hex(String uuid) {
        return uuid.replace("-", "");
    }

    private static void assertIsAuthenticateError(Response response) {
        assertThat(response.status()).as(response.body()).isEqualTo(401);
        JsonNode error = response.json();
        assertThat(error.path("code").asInt()).isEqualTo(20003);
        assertThat(error.path("message").asString()).isEqualTo("Authenticate");
        assertThat(error.path("more_info").asString()).isEqualTo("https://www.twilio.com/docs/errors/20003");
        assertThat(error.path("status").asInt()).isEqualTo(401);
        assertThat(response.headers().get("www-authenticate")).startsWith("Basic");
    }

    private static void assertIsNotFound(Response response, String path) {
        assertThat(response.status()).as(path + ": " + response.body()).isEqualTo(404);
        assertThat(response.json().path("code").asInt()).isEqualTo(20404);
        assertThat(response.json().path("status").asInt()).isEqualTo(404);
        assertThat(response.json().path("more_info").asString()).isEqualTo("https://www.twilio.com/docs/errors/20404");
    }

    private static void assertIsBadParameter(Response response, String parameter) {
        assertThat(response.status()).as(response.body()).isEqualTo(400);
        assertThat(response.json().path("status").asInt()).isEqualTo(400);
        assertThat(response.json().path("message").asString()).as(response.body())
                .contains("Invalid parameter " + parameter);
        assertThat(response.json().path("more_info").asString())
                .isEqualTo("https://www.twilio.com/docs/errors/" + response.json().path("code").asInt());
    }
}
