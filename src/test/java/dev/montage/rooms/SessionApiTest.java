package dev.montage.rooms;

import static dev.montage.support.ApiAssertions.assertNotFound;
import static dev.montage.support.ApiAssertions.assertParameterProblem;
import static dev.montage.support.ApiAssertions.assertWireTimestamps;
import static dev.montage.support.ApiAssertions.encoded;
import static dev.montage.support.ApiAssertions.ids;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import dev.montage.support.ApiClient.Response;
import dev.montage.support.ApiTest;
import dev.montage.support.TestMedia;
import tools.jackson.databind.JsonNode;

/** {@code /v2/room_sessions}: read, list filters, participants of a session and the end action. */
class SessionApiTest extends ApiTest {

    @Test
    void aSessionCreatedByAnUploadHasTheTelnyxShape() {
        TwoParticipantSession fixture = twoParticipantSession(api);

        Response response = api.get("/v2/room_sessions/" + fixture.sessionId());

        assertThat(response.status()).isEqualTo(200);
        JsonNode session = response.data();
        assertThat(session.path("id").asString()).isEqualTo(fixture.sessionId());
        assertThat(session.path("record_type").asString()).isEqualTo("room_session");
        assertThat(session.path("room_id").asString()).isEqualTo(fixture.roomId());
        assertThat(session.path("active").asBoolean()).isTrue();
        assertThat(session.path("ended_at").isNull()).isTrue();
        // a session begins with its first media sample
        assertThat(session.path("created_at").asString()).isEqualTo("2024-05-01T10:00:00.000000Z");
        assertThat(session.has("participants")).as("participants only when asked for").isFalse();
        assertThat(assertWireTimestamps(session)).isEqualTo(2);
    }

    @Test
    void includeParticipantsEmbedsTheSessionsParticipants() {
        TwoParticipantSession fixture = twoParticipantSession(api);

        JsonNode session = api.get("/v2/room_sessions/" + fixture.sessionId() + "?include_participants=true").data();

        assertThat(session.path("participants")).hasSize(2);
        assertThat(session.path("participants").path(0).path("context").asString()).isEqualTo("alice");
        assertThat(session.path("participants").path(1).path("context").asString()).isEqualTo("bob");
        assertThat(session.path("participants").path(0))
                .isEqualTo(api.get("/v2/room_participants/" + fixture.participant(fixture.alice())).data());

        JsonNode listed = api.get("/v2/room_sessions?include_participants=true").data().path(0);
        assertThat(listed.path("participants")).hasSize(2);
        assertThat(api.get("/v2/room_sessions").data().path(0).has("participants")).isFalse();
        assertParameterProblem(api.get("/v2/room_sessions/" + fixture.sessionId() + "?include_participants=yes"),
                "10026", "include_participants");
        assertParameterProblem(api.get("/v2/room_sessions?include_participants=yes"), "10026", "include_participants");
    }

    @Test
    void endingASessionMakesItInactiveAndItsParticipantsLeave() {
        TwoParticipantSession fixture = twoParticipantSession(api);
        Instant before = Instant.now();

        Response ended = api.post("/v2/room_sessions/" + fixture.sessionId() + "/actions/end", "");

        assertThat(ended.status()).isEqualTo(200);
        assertThat(ended.json().toString()).isEqualTo("{\"data\":{\"result\":\"ok\"}}");
        JsonNode session = api.get("/v2/room_sessions/" + fixture.sessionId() + "?include_participants=true").data();
        assertThat(session.path("active").asBoolean()).isFalse();
        Instant endedAt = Instant.parse(session.path("ended_at").asString());
        assertThat(endedAt).isBetween(before.minusSeconds(5), Instant.now().plusSeconds(5));
        assertThat(session.path("updated_at").asString()).isEqualTo(session.path("ended_at").asString());
        for (JsonNode participant : session.path("participants")) {
            assertThat(participant.path("left_at").isNull()).as("left_at of %s", participant).isFalse();
            assertThat(Instant.parse(participant.path("left_at").asString())).isBeforeOrEqualTo(endedAt);
        }
        assertThat(assertWireTimestamps(session)).isEqualTo(3 + 2 * 3);

        // ending again changes nothing
        Response again = api.post("/v2/room_sessions/" + fixture.sessionId() + "/actions/end", "");
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.data().path("result").asString()).isEqualTo("ok");
        assertThat(api.get("/v2/room_sessions/" + fixture.sessionId()).data().path("ended_at").asString())
                .isEqualTo(session.path("ended_at").asString());
    }

    @Test
    void unknownAndMalformedSessionIdsAnswer404() {
        for (String id : new String[] {UUID.randomUUID().toString(), "not-a-uuid"}) {
            assertNotFound(api.get("/v2/room_sessions/" + id));
            assertNotFound(api.get("/v2/room_sessions/" + id + "/participants"));
            assertNotFound(api.post("/v2/room_sessions/" + id + "/actions/end", ""));
        }
    }

    @Test
    void listFiltersByRoomAndActivity() {
        String roomA = createRoom(api, "{}").path("id").asString();
        String roomB = createRoom(api, "{}").path("id").asString();
        String a1 = sessionIn(roomA, "2024-05-01T10:00:00Z");
        String a2 = sessionIn(roomA, "2024-05-01T11:00:00Z");
        String b1 = sessionIn(roomB, "2024-05-01T12:00:00Z");
        api.post("/v2/room_sessions/" + a1 + "/actions/end", "");

        assertThat(ids(api.get("/v2/room_sessions"))).containsExactly(b1, a2, a1);
        assertThat(ids(api.get("/v2/room_sessions?" + encoded("filter[room_id]=" + roomA)))).containsExactly(a2, a1);
        assertThat(ids(api.get("/v2/room_sessions?" + encoded("filter[room_id]=" + roomB)))).containsExactly(b1);
        assertThat(ids(api.get("/v2/room_sessions?" + encoded("filter[room_id]=" + UUID.randomUUID())))).isEmpty();
        assertThat(ids(api.get("/v2/room_sessions?" + encoded("filter[active]=true")))).containsExactly(b1, a2);
        assertThat(ids(api.get("/v2/room_sessions?" + encoded("filter[active]=false")))).containsExactly(a1);
        assertThat(ids(api.get("/v2/room_sessions?" + encoded("filter[active]=true&filter[room_id]=" + roomA))))
                .containsExactly(a2);
    }

    @Test
    void listFiltersByCreatedUpdatedAndEndedDates() {
        String room = createRoom(api, "{}").path("id").asString();
        String may1 = sessionIn(room, "2024-05-01T23:59:59Z");
        String may2 = sessionIn(room, "2024-05-02T00:00:00Z");
        api.post("/v2/room_sessions/" + may1 + "/actions/end", "");
        LocalDate today = dateOf(api.get("/v2/room_sessions/" + may1).data().path("ended_at").asString());

        assertThat(ids(list("filter[date_created_at][eq]=2024-05-01"))).containsExactly(may1);
        assertThat(ids(list("filter[date_created_at][eq]=2024-05-02"))).containsExactly(may2);
        assertThat(ids(list("filter[date_created_at][gte]=2024-05-02"))).containsExactly(may2);
        assertThat(ids(list("filter[date_created_at][lte]=2024-05-01"))).containsExactly(may1);
        assertThat(ids(list("filter[date_created_at][gte]=2024-05-01&filter[date_created_at][lte]=2024-05-02")))
                .containsExactly(may2, may1);
        assertThat(ids(list("filter[date_created_at][eq]=2024-04-30"))).isEmpty();

        assertThat(ids(list("filter[date_updated_at][eq]=" + today))).containsExactly(may2, may1);
        assertThat(ids(list("filter[date_updated_at][lte]=" + today.minusDays(1)))).isEmpty();

        // only the ended session has an end date; an active one matches no ended_at filter
        assertThat(ids(list("filter[date_ended_at][eq]=" + today))).containsExactly(may1);
        assertThat(ids(list("filter[date_ended_at][lte]=" + today))).containsExactly(may1);
        assertThat(ids(list("filter[date_ended_at][gte]=" + today.plusDays(1)))).isEmpty();
        assertThat(ids(list("filter[date_ended_at][eq]=" + today.minusDays(1)))).isEmpty();
    }

    @Test
    void badListParametersAreReportedTogether() {
        Response response = api.get("/v2/room_sessions?" + encoded("filter[active]=maybe&filter[room_id]=not-a-uuid"
                + "&filter[date_created_at][eq]=yesterday&filter[date_ended_at][gte]=2024-13-01"
                + "&filter[date_updated_at][lte]=2024-05-01T00:00:00Z&page[number]=0"));

        assertThat(response.json().path("errors")).hasSize(6);
        assertParameterProblem(response, "10026", "filter[active]");
        assertParameterProblem(response, "10026", "filter[room_id]");
        assertParameterProblem(response, "10026", "filter[date_created_at][eq]");
        assertParameterProblem(response, "10026", "filter[date_ended_at][gte]");
        assertParameterProblem(response, "10026", "filter[date_updated_at][lte]");
        assertParameterProblem(response, "10033", "page[number]");
    }

    @Test
    void participantsOfASessionAreListedWithTheParticipantFilters() {
        TwoParticipantSession fixture = twoParticipantSession(api);
        TwoParticipantSession other = twoParticipantSession(api);
        String alice = fixture.participant(fixture.alice());
        String bob = fixture.participant(fixture.bob());

        Response listed = api.get("/v2/room_sessions/" + fixture.sessionId() + "/participants");

        assertThat(ids(listed)).containsExactly(bob, alice);
        assertThat(listed.json().path("meta").path("total_results").asInt()).isEqualTo(2);
        for (JsonNode participant : listed.data()) {
            assertThat(participant.path("session_id").asString()).isEqualTo(fixture.sessionId());
        }
        assertThat(ids(api.get("/v2/room_sessions/" + fixture.sessionId() + "/participants?"
                + encoded("filter[context]=alice")))).containsExactly(alice);
        // the session in the path wins over a filter naming another session
        assertThat(ids(api.get("/v2/room_sessions/" + fixture.sessionId() + "/participants?"
                + encoded("filter[session_id]=" + other.sessionId())))).containsExactly(bob, alice);
        assertParameterProblem(api.get("/v2/room_sessions/" + fixture.sessionId() + "/participants?"
                + encoded("filter[date_joined_at][eq]=soon")), "10026", "filter[date_joined_at][eq]");
    }

    private String sessionIn(String roomId, String startedAt) {
        return upload(api, TestMedia.audioOnly(440, 1), Map.of("started_at", startedAt, "room_id", roomId))
                .path(0).path("session_id").asString();
    }

    private Response list(String query) {
        return api.get("/v2/room_sessions?" + encoded(query));
    }

    private static LocalDate dateOf(String timestamp) {
        return LocalDate.ofInstant(Instant.parse(timestamp), ZoneOffset.UTC);
    }
}
