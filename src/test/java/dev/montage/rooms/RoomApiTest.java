package dev.montage.rooms;

import static dev.montage.support.ApiAssertions.assertNotFound;
import static dev.montage.support.ApiAssertions.assertParameterProblem;
import static dev.montage.support.ApiAssertions.assertPointerProblem;
import static dev.montage.support.ApiAssertions.assertWireTimestamps;
import static dev.montage.support.ApiAssertions.encoded;
import static dev.montage.support.ApiAssertions.ids;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.montage.support.ApiClient;
import dev.montage.support.ApiClient.Response;
import dev.montage.support.ApiTest;
import dev.montage.support.StoredCounts;
import dev.montage.support.TestMedia;
import tools.jackson.databind.JsonNode;

/** {@code /v2/rooms}: create, read, update, delete, validation, list filters and the room's sessions. */
class RoomApiTest extends ApiTest {

    private static final String EVERY_FIELD = """
            {"unique_name": "standup", "max_participants": 25, "enable_recording": true,
             "webhook_event_url": "https://hooks.example.com/rooms",
             "webhook_event_failover_url": "http://failover.example.com/rooms", "webhook_timeout_secs": 12}
            """;

    @Test
    void createWithoutBodyGivesTheTelnyxDefaults() {
        Response created = api.post("/v2/rooms", "");

        assertThat(created.status()).isEqualTo(201);
        assertThat(created.headers().get("content-type")).startsWith("application/json");
        JsonNode room = created.data();
        assertThat(UUID.fromString(room.path("id").asString())).isNotNull();
        assertThat(room.path("record_type").asString()).isEqualTo("room");
        assertThat(room.path("unique_name").isNull()).isTrue();
        assertThat(room.path("max_participants").asInt()).isEqualTo(10);
        assertThat(room.path("enable_recording").isBoolean()).isTrue();
        assertThat(room.path("enable_recording").asBoolean()).isFalse();
        assertThat(room.path("webhook_event_url").isNull()).isTrue();
        assertThat(room.path("webhook_event_failover_url").asString()).isEmpty();
        assertThat(room.path("webhook_timeout_secs").isNull()).isTrue();
        assertThat(room.path("active_session_id").isNull()).isTrue();
        assertThat(room.has("sessions")).as("sessions only when asked for").isFalse();
        assertThat(room.path("updated_at").asString()).isEqualTo(room.path("created_at").asString());
        assertThat(assertWireTimestamps(room)).isEqualTo(2);

        assertThat(api.get("/v2/rooms/" + room.path("id").asString()).data()).isEqualTo(room);
    }

    @Test
    void createWithEveryFieldReadsBackAsSent() {
        JsonNode room = createRoom(api, EVERY_FIELD);

        assertThat(room.path("unique_name").asString()).isEqualTo("standup");
        assertThat(room.path("max_participants").asInt()).isEqualTo(25);
        assertThat(room.path("enable_recording").asBoolean()).isTrue();
        assertThat(room.path("webhook_event_url").asString()).isEqualTo("https://hooks.example.com/rooms");
        assertThat(room.path("webhook_event_failover_url").asString()).isEqualTo("http://failover.example.com/rooms");
        assertThat(room.path("webhook_timeout_secs").asInt()).isEqualTo(12);
        assertThat(api.get("/v2/rooms/" + room.path("id").asString()).data()).isEqualTo(room);
    }

    @Test
    void unknownFieldsAreIgnored() {
        JsonNode room = createRoom(api, "{\"unique_name\":\"kept\",\"colour\":\"blue\",\"nested\":{\"a\":1}}");

        assertThat(room.path("unique_name").asString()).isEqualTo("kept");
        assertThat(room.has("colour")).isFalse();
    }

    @Test
    void explicitNullsOnCreateMeanTheDefaults() {
        JsonNode room = createRoom(api, """
                {"unique_name": null, "max_participants": null, "enable_recording": null, "webhook_event_url": null,
                 "webhook_event_failover_url": null, "webhook_timeout_secs": null}
                """);

        assertThat(room.path("unique_name").isNull()).isTrue();
        assertThat(room.path("max_participants").asInt()).isEqualTo(10);
        assertThat(room.path("enable_recording").asBoolean()).isFalse();
        assertThat(room.path("webhook_event_url").isNull()).isTrue();
        assertThat(room.path("webhook_event_failover_url").asString()).isEmpty();
        assertThat(room.path("webhook_timeout_secs").isNull()).isTrue();
    }

    @Test
    void uniqueNameIsUniqueWithinAnAccount() {
        createRoom(api, "{\"unique_name\":\"standup\"}");

        Response duplicate = api.post("/v2/rooms", "{\"unique_name\":\"standup\"}");

        JsonNode error = assertPointerProblem(duplicate, "10015", "/unique_name");
        assertThat(error.path("detail").asString()).contains("standup");
        assertThat(StoredCounts.of(api).rooms()).isEqualTo(1);
        // another account has names of its own
        assertThat(newAccountClient().post("/v2/rooms", "{\"unique_name\":\"standup\"}").status()).isEqualTo(201);
        // and rooms without a name never clash
        createRoom(api, "{}");
        createRoom(api, "{}");
        assertThat(StoredCounts.of(api).rooms()).isEqualTo(3);
    }

    @Test
    void concurrentCreatesWithOneUniqueNameMakeOneRoomAndRefuseTheRest() throws Exception {
        int attempts = 16;
        ExecutorService pool = Executors.newFixedThreadPool(attempts);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Response>> answers = new ArrayList<>();
            for (int i = 0; i < attempts; i++) {
                answers.add(pool.submit(() -> {
                    start.await();
                    return api.post("/v2/rooms", "{\"unique_name\":\"race\"}");
                }));
            }
            start.countDown();
            List<Integer> statuses = new ArrayList<>();
            for (Future<Response> answer : answers) {
                Response response = answer.get(60, TimeUnit.SECONDS);
                statuses.add(response.status());
                if (response.status() != 201) {
                    assertPointerProblem(response, "10015", "/unique_name");
                }
            }
            assertThat(statuses).containsOnlyOnce(201).containsOnly(201, 422);
        } finally {
            pool.shutdownNow();
        }
        assertThat(StoredCounts.of(api).rooms()).isEqualTo(1);
    }

    @Test
    void uniqueNameMustBeANonBlankStringOfAtMost255() {
        assertPointerProblem(api.post("/v2/rooms", "{\"unique_name\":42}"), "10026", "/unique_name");
        assertPointerProblem(api.post("/v2/rooms", "{\"unique_name\":\"   \"}"), "10015", "/unique_name");
        assertPointerProblem(api.post("/v2/rooms", "{\"unique_name\":\"" + "n".repeat(256) + "\"}"), "10015",
                "/unique_name");
        assertThat(StoredCounts.of(api).rooms()).isZero();

        assertThat(createRoom(api, "{\"unique_name\":\"" + "n".repeat(255) + "\"}").path("unique_name").asString())
                .hasSize(255);
    }

    @ParameterizedTest
    @ValueSource(strings = {"1", "51", "0", "-3", "2147483647"})
    void maxParticipantsOutsideTwoToFiftyIsOutOfRange(String value) {
        Response response = api.post("/v2/rooms", "{\"max_participants\":" + value + "}");

        JsonNode error = assertPointerProblem(response, "10033", "/max_participants");
        assertThat(error.path("detail").asString()).contains(value);
        assertThat(StoredCounts.of(api).rooms()).isZero();
    }

    @ParameterizedTest
    @ValueSource(strings = {"\"ten\"", "10.5", "true", "[10]", "99999999999"})
    void maxParticipantsMustBeAnInteger(String value) {
        assertPointerProblem(api.post("/v2/rooms", "{\"max_participants\":" + value + "}"), "10026",
                "/max_participants");
        assertThat(StoredCounts.of(api).rooms()).isZero();
    }

    @Test
    void maxParticipantsBoundsAreInclusive() {
        assertThat(createRoom(api, "{\"max_participants\":2}").path("max_participants").asInt()).isEqualTo(2);
        assertThat(createRoom(api, "{\"max_participants\":50}").path("max_participants").asInt()).isEqualTo(50);
    }

    @ParameterizedTest
    @ValueSource(strings = {"\"true\"", "1", "\"yes\"", "{}"})
    void enableRecordingMustBeABoolean(String value) {
        assertPointerProblem(api.post("/v2/rooms", "{\"enable_recording\":" + value + "}"), "10026",
                "/enable_recording");
        assertThat(StoredCounts.of(api).rooms()).isZero();
    }

    @ParameterizedTest
    @ValueSource(strings = {"ftp://example.com/hook", "/relative/hook", "example.com/hook", "https://", "not a url",
            "mailto:ops@example.com", "javascript:alert(1)"})
    void webhookUrlsMustBeAbsoluteHttpUrls(String url) {
        for (String field : new String[] {"webhook_event_url", "webhook_event_failover_url"}) {
            Response response = api.post("/v2/rooms", "{\"" + field + "\":\"" + url + "\"}");
            assertPointerProblem(response, "10003", "/" + field);
        }
        assertThat(StoredCounts.of(api).rooms()).isZero();
    }

    @Test
    void webhookUrlsMayBeAtMost2000Characters() {
        String prefix = "https://example.com/";
        String longest = prefix + "a".repeat(2000 - prefix.length());

        assertPointerProblem(api.post("/v2/rooms", "{\"webhook_event_url\":\"" + longest + "b\"}"), "10003",
                "/webhook_event_url");
        assertPointerProblem(api.post("/v2/rooms", "{\"webhook_event_failover_url\":\"" + longest + "b\"}"),
                "10003", "/webhook_event_failover_url");
        assertThat(StoredCounts.of(api).rooms()).isZero();

        JsonNode room = createRoom(api, "{\"webhook_event_url\":\"" + longest + "\"}");
        assertThat(room.path("webhook_event_url").asString()).isEqualTo(longest);
        assertThat(api.get("/v2/rooms/" + room.path("id").asString()).data().path("webhook_event_url").asString())
                .isEqualTo(longest);
    }

    @Test
    void webhookUrlsMustBeStrings() {
        assertPointerProblem(api.post("/v2/rooms", "{\"webhook_event_url\":42}"), "10026", "/webhook_event_url");
    }

    @Test
    void webhookTimeoutIsZeroToThirtySeconds() {
        assertPointerProblem(api.post("/v2/rooms", "{\"webhook_timeout_secs\":-1}"), "10033", "/webhook_timeout_secs");
        assertPointerProblem(api.post("/v2/rooms", "{\"webhook_timeout_secs\":31}"), "10033", "/webhook_timeout_secs");
        assertPointerProblem(api.post("/v2/rooms", "{\"webhook_timeout_secs\":\"5\"}"), "10026",
                "/webhook_timeout_secs");
        assertThat(StoredCounts.of(api).rooms()).isZero();

        assertThat(createRoom(api, "{\"webhook_timeout_secs\":0}").path("webhook_timeout_secs").asInt()).isZero();
        assertThat(createRoom(api, "{\"webhook_timeout_secs\":30}").path("webhook_timeout_secs").asInt()).isEqualTo(30);
    }

    @Test
    void everyProblemOfABodyIsReportedAtOnce() {
        Response response = api.post("/v2/rooms", """
                {"unique_name": 7, "max_participants": 1, "enable_recording": "no", "webhook_event_url": "ftp://x",
                 "webhook_event_failover_url": "nope", "webhook_timeout_secs": 99}
                """);

        assertThat(response.json().path("errors")).hasSize(6);
        assertPointerProblem(response, "10026", "/unique_name");
        assertPointerProblem(response, "10033", "/max_participants");
        assertPointerProblem(response, "10026", "/enable_recording");
        assertPointerProblem(response, "10003", "/webhook_event_url");
        assertPointerProblem(response, "10003", "/webhook_event_failover_url");
        assertPointerProblem(response, "10033", "/webhook_timeout_secs");
        assertThat(StoredCounts.of(api).rooms()).isZero();
    }

    @Test
    void malformedJsonIs400AndANonObjectBodyIs422() {
        Response malformed = api.post("/v2/rooms", "{\"unique_name\":");
        assertThat(malformed.status()).isEqualTo(400);
        assertThat(malformed.error().path("code").asString()).isEqualTo("10015");

        assertPointerProblem(api.post("/v2/rooms", "[1,2]"), "10026", "");
        assertThat(StoredCounts.of(api).rooms()).isZero();
    }

    @Test
    void patchChangesOnlyTheGivenFields() {
        JsonNode room = createRoom(api, EVERY_FIELD);
        String id = room.path("id").asString();

        Response patched = api.patch("/v2/rooms/" + id, "{\"max_participants\":3,\"webhook_timeout_secs\":5}");

        assertThat(patched.status()).isEqualTo(200);
        JsonNode after = patched.data();
        assertThat(after.path("max_participants").asInt()).isEqualTo(3);
        assertThat(after.path("webhook_timeout_secs").asInt()).isEqualTo(5);
        for (String unchanged : new String[] {"id", "unique_name", "enable_recording", "webhook_event_url",
                "webhook_event_failover_url", "created_at", "record_type"}) {
            assertThat(after.path(unchanged)).as(unchanged).isEqualTo(room.path(unchanged));
        }
        assertThat(Instant.parse(after.path("updated_at").asString()))
                .isAfter(Instant.parse(room.path("updated_at").asString()));
        assertThat(api.get("/v2/rooms/" + id).data()).isEqualTo(after);
    }

    @Test
    void patchWithAnEmptyBodyChangesNothingButUpdatedAt() {
        JsonNode room = createRoom(api, EVERY_FIELD);

        JsonNode after = api.patch("/v2/rooms/" + room.path("id").asString(), "{}").data();

        assertThat(after.path("unique_name").asString()).isEqualTo("standup");
        assertThat(after.path("max_participants").asInt()).isEqualTo(25);
        assertThat(after.path("webhook_timeout_secs").asInt()).isEqualTo(12);
    }

    @Test
    void patchWithExplicitNullResetsEachFieldToItsDefault() {
        JsonNode room = createRoom(api, EVERY_FIELD);
        String id = room.path("id").asString();

        Response patched = api.patch("/v2/rooms/" + id, """
                {"unique_name": null, "max_participants": null, "enable_recording": null, "webhook_event_url": null,
                 "webhook_event_failover_url": null, "webhook_timeout_secs": null}
                """);

        assertThat(patched.status()).isEqualTo(200);
        JsonNode after = api.get("/v2/rooms/" + id).data();
        assertThat(after.path("unique_name").isNull()).isTrue();
        assertThat(after.path("max_participants").asInt()).isEqualTo(10);
        assertThat(after.path("enable_recording").asBoolean()).isFalse();
        assertThat(after.path("webhook_event_url").isNull()).isTrue();
        assertThat(after.path("webhook_event_failover_url").asString()).isEmpty();
        assertThat(after.path("webhook_timeout_secs").isNull()).isTrue();
        // the name is free again
        assertThat(createRoom(api, "{\"unique_name\":\"standup\"}").path("unique_name").asString()).isEqualTo("standup");
    }

    @Test
    void patchValidatesLikeCreateAndLeavesTheRoomUnchangedOnError() {
        JsonNode room = createRoom(api, EVERY_FIELD);
        String id = room.path("id").asString();

        Response response = api.patch("/v2/rooms/" + id, """
                {"unique_name": "renamed", "max_participants": 51, "enable_recording": 0,
                 "webhook_event_url": "/relative", "webhook_timeout_secs": 31}
                """);

        assertThat(response.json().path("errors")).hasSize(4);
        assertPointerProblem(response, "10033", "/max_participants");
        assertPointerProblem(response, "10026", "/enable_recording");
        assertPointerProblem(response, "10003", "/webhook_event_url");
        assertPointerProblem(response, "10033", "/webhook_timeout_secs");
        assertThat(api.get("/v2/rooms/" + id).data()).isEqualTo(room);
    }

    @Test
    void patchMayKeepItsOwnUniqueNameButNotTakeAnothers() {
        JsonNode standup = createRoom(api, "{\"unique_name\":\"standup\"}");
        JsonNode retro = createRoom(api, "{\"unique_name\":\"retro\"}");

        Response same = api.patch("/v2/rooms/" + standup.path("id").asString(), "{\"unique_name\":\"standup\"}");
        assertThat(same.status()).isEqualTo(200);
        assertThat(same.data().path("unique_name").asString()).isEqualTo("standup");

        Response taken = api.patch("/v2/rooms/" + retro.path("id").asString(), "{\"unique_name\":\"standup\"}");
        assertPointerProblem(taken, "10015", "/unique_name");
        assertThat(api.get("/v2/rooms/" + retro.path("id").asString()).data().path("unique_name").asString())
                .isEqualTo("retro");
    }

    @Test
    void unknownAndMalformedRoomIdsAnswer404() {
        for (String id : new String[] {UUID.randomUUID().toString(), "not-a-uuid", "1-1-1-1-1"}) {
            assertNotFound(api.get("/v2/rooms/" + id));
            assertNotFound(api.patch("/v2/rooms/" + id, "{\"max_participants\":3}"));
            assertNotFound(api.delete("/v2/rooms/" + id));
            assertNotFound(api.get("/v2/rooms/" + id + "/sessions"));
        }
    }

    @Test
    void deleteAnswers204ThenTheRoomIsGoneButItsSessionsAndRecordingsStay() {
        TwoParticipantSession session = twoParticipantSession(api);
        String roomId = session.roomId();
        api.patch("/v2/rooms/" + roomId, "{\"unique_name\":\"doomed\"}");

        Response deleted = api.delete("/v2/rooms/" + roomId);

        assertThat(deleted.status()).isEqualTo(204);
        assertThat(deleted.body()).isEmpty();
        assertNotFound(api.get("/v2/rooms/" + roomId));
        assertNotFound(api.get("/v2/rooms/" + roomId + "/sessions"));
        assertNotFound(api.delete("/v2/rooms/" + roomId));
        assertThat(StoredCounts.of(api)).isEqualTo(new StoredCounts(0, 1, 2, 4));

        Response kept = api.get("/v2/room_sessions/" + session.sessionId());
        assertThat(kept.status()).isEqualTo(200);
        assertThat(kept.data().path("room_id").asString()).isEqualTo(roomId);
        assertThat(ids(api.get("/v2/room_sessions?" + encoded("filter[room_id]=" + roomId))))
                .containsExactly(session.sessionId());
        assertThat(ids(api.get("/v2/room_recordings?" + encoded("filter[room_id]=" + roomId)))).hasSize(4);
        // the unique name is free again
        assertThat(createRoom(api, "{\"unique_name\":\"doomed\"}").path("unique_name").asString()).isEqualTo("doomed");
    }

    @Test
    void listFiltersByUniqueName() {
        JsonNode standup = createRoom(api, "{\"unique_name\":\"standup\"}");
        createRoom(api, "{\"unique_name\":\"standup-2\"}");
        createRoom(api, "{}");

        assertThat(ids(api.get("/v2/rooms?" + encoded("filter[unique_name]=standup"))))
                .containsExactly(standup.path("id").asString());
        assertThat(ids(api.get("/v2/rooms?" + encoded("filter[unique_name]=stand")))).isEmpty();
        assertThat(ids(api.get("/v2/rooms"))).hasSize(3);
        // another account's room of the same name is not listed
        createRoom(newAccountClient(), "{\"unique_name\":\"standup\"}");
        assertThat(ids(api.get("/v2/rooms?" + encoded("filter[unique_name]=standup")))).hasSize(1);
    }

    @Test
    void listIsNewestFirst() {
        String first = createRoom(api, "{}").path("id").asString();
        String second = createRoom(api, "{}").path("id").asString();
        String third = createRoom(api, "{}").path("id").asString();

        assertThat(ids(api.get("/v2/rooms"))).containsExactly(third, second, first);
    }

    @Test
    void includeSessionsEmbedsTheRoomsSessionsInListAndGet() {
        TwoParticipantSession session = twoParticipantSession(api);
        String empty = createRoom(api, "{}").path("id").asString();

        JsonNode withSessions = api.get("/v2/rooms/" + session.roomId() + "?include_sessions=true").data();
        assertThat(withSessions.path("sessions")).hasSize(1);
        JsonNode embedded = withSessions.path("sessions").path(0);
        assertThat(embedded.path("id").asString()).isEqualTo(session.sessionId());
        assertThat(embedded.path("record_type").asString()).isEqualTo("room_session");
        assertThat(embedded.path("room_id").asString()).isEqualTo(session.roomId());
        assertThat(embedded.path("active").asBoolean()).isTrue();
        assertThat(embedded).isEqualTo(api.get("/v2/room_sessions/" + session.sessionId()).data());

        assertThat(api.get("/v2/rooms/" + session.roomId()).data().has("sessions")).isFalse();
        assertThat(api.get("/v2/rooms/" + session.roomId() + "?include_sessions=false").data().has("sessions"))
                .isFalse();

        Response list = api.get("/v2/rooms?include_sessions=true");
        assertThat(list.status()).isEqualTo(200);
        for (JsonNode room : list.data()) {
            int expected = room.path("id").asString().equals(empty) ? 0 : 1;
            assertThat(room.path("sessions").isArray()).isTrue();
            assertThat(room.path("sessions")).hasSize(expected);
        }
        assertThat(api.get("/v2/rooms").data().path(0).has("sessions")).isFalse();

        assertParameterProblem(api.get("/v2/rooms?include_sessions=maybe"), "10026", "include_sessions");
        assertParameterProblem(api.get("/v2/rooms/" + empty + "?include_sessions=1"), "10026", "include_sessions");
    }

    @Test
    void activeSessionIdNamesTheActiveSessionUntilItEnds() {
        TwoParticipantSession session = twoParticipantSession(api);

        JsonNode room = api.get("/v2/rooms/" + session.roomId()).data();
        assertThat(room.path("active_session_id").asString()).isEqualTo(session.sessionId());

        api.post("/v2/room_sessions/" + session.sessionId() + "/actions/end", "");
        assertThat(api.get("/v2/rooms/" + session.roomId()).data().path("active_session_id").isNull()).isTrue();
    }

    @Test
    void roomSessionsListsOnlyThatRoomsSessionsWithTheSessionFilters() {
        String roomA = createRoom(api, "{\"unique_name\":\"a\"}").path("id").asString();
        String roomB = createRoom(api, "{\"unique_name\":\"b\"}").path("id").asString();
        String a1 = sessionOf(upload(api, TestMedia.audioOnly(440, 1),
                Map.of("started_at", "2024-05-01T10:00:00Z", "room_id", roomA)));
        String a2 = sessionOf(upload(api, TestMedia.audioOnly(440, 1),
                Map.of("started_at", "2024-05-02T10:00:00Z", "room_id", roomA)));
        String b1 = sessionOf(upload(api, TestMedia.audioOnly(440, 1),
                Map.of("started_at", "2024-05-01T10:00:00Z", "room_id", roomB)));
        api.post("/v2/room_sessions/" + a1 + "/actions/end", "");

        Response ofA = api.get("/v2/rooms/" + roomA + "/sessions");
        assertThat(ids(ofA)).containsExactlyInAnyOrder(a1, a2);
        assertThat(ofA.json().path("meta").path("total_results").asInt()).isEqualTo(2);
        assertThat(ids(api.get("/v2/rooms/" + roomB + "/sessions"))).containsExactly(b1);
        assertThat(ids(api.get("/v2/rooms/" + roomA + "/sessions?" + encoded("filter[active]=false"))))
                .containsExactly(a1);
        assertThat(ids(api.get("/v2/rooms/" + roomA + "/sessions?" + encoded("filter[date_created_at][eq]=2024-05-02"))))
                .containsExactly(a2);
        // the room in the path wins over a filter naming another room
        assertThat(ids(api.get("/v2/rooms/" + roomA + "/sessions?" + encoded("filter[room_id]=" + roomB))))
                .containsExactlyInAnyOrder(a1, a2);

        JsonNode withParticipants = api.get("/v2/rooms/" + roomB + "/sessions?include_participants=true").data().path(0);
        assertThat(withParticipants.path("participants")).hasSize(1);
        assertParameterProblem(api.get("/v2/rooms/" + roomA + "/sessions?" + encoded("filter[active]=maybe")), "10026",
                "filter[active]");
        assertParameterProblem(api.get("/v2/rooms/" + roomA + "/sessions?" + encoded("page[size]=0")), "10033",
                "page[size]");
    }

    @Test
    void anotherAccountCannotReadChangeOrDeleteTheRoom() {
        JsonNode room = createRoom(api, EVERY_FIELD);
        String id = room.path("id").asString();
        ApiClient other = newAccountClient();

        assertNotFound(other.get("/v2/rooms/" + id));
        assertNotFound(other.patch("/v2/rooms/" + id, "{\"unique_name\":\"mine now\"}"));
        assertNotFound(other.delete("/v2/rooms/" + id));
        assertThat(ids(other.get("/v2/rooms"))).isEmpty();
        assertThat(api.get("/v2/rooms/" + id).data()).isEqualTo(room);
    }

    private static String sessionOf(JsonNode uploaded) {
        return uploaded.path(0).path("session_id").asString();
    }
}
