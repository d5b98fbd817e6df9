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

/** {@code /v2/room_participants}: read and list filters. */
class ParticipantApiTest extends ApiTest {

    @Test
    void aParticipantIsPresentForTheSpanOfItsRecording() {
        TwoParticipantSession fixture = twoParticipantSession(api);
        String id = fixture.participant(fixture.alice());

        Response response = api.get("/v2/room_participants/" + id);

        assertThat(response.status()).isEqualTo(200);
        JsonNode participant = response.data();
        assertThat(participant.path("id").asString()).isEqualTo(id);
        assertThat(participant.path("record_type").asString()).isEqualTo("room_participant");
        assertThat(participant.path("session_id").asString()).isEqualTo(fixture.sessionId());
        assertThat(participant.path("context").asString()).isEqualTo("alice");
        assertThat(participant.path("joined_at").asString()).isEqualTo("2024-05-01T10:00:00.000000Z");
        assertThat(participant.path("left_at").asString()).isEqualTo(latestEnd(fixture.alice()));
        assertThat(assertWireTimestamps(participant)).isEqualTo(3);
    }

    @Test
    void aParticipantWithoutContextHasANullContext() {
        JsonNode uploaded = upload(api, TestMedia.audioOnly(440, 1), Map.of("started_at", "2024-05-01T10:00:00Z"));

        JsonNode participant = api.get("/v2/room_participants/" + uploaded.path(0).path("participant_id").asString())
                .data();

        assertThat(participant.path("context").isNull()).isTrue();
    }

    @Test
    void unknownMalformedAndForeignParticipantIdsAnswer404() {
        TwoParticipantSession fixture = twoParticipantSession(api);

        assertNotFound(api.get("/v2/room_participants/" + UUID.randomUUID()));
        assertNotFound(api.get("/v2/room_participants/not-a-uuid"));
        assertNotFound(newAccountClient().get("/v2/room_participants/" + fixture.participant(fixture.alice())));
    }

    @Test
    void listFiltersBySessionAndContext() {
        TwoParticipantSession first = twoParticipantSession(api);
        TwoParticipantSession second = twoParticipantSession(api);
        String alice1 = first.participant(first.alice());
        String bob1 = first.participant(first.bob());
        String alice2 = second.participant(second.alice());
        String bob2 = second.participant(second.bob());

        Response all = api.get("/v2/room_participants");
        assertThat(ids(all)).containsExactlyInAnyOrder(alice1, bob1, alice2, bob2);
        assertThat(all.json().path("meta").path("total_results").asInt()).isEqualTo(4);
        assertThat(ids(list("filter[session_id]=" + first.sessionId()))).containsExactlyInAnyOrder(alice1, bob1);
        assertThat(ids(list("filter[context]=alice"))).containsExactlyInAnyOrder(alice1, alice2);
        assertThat(ids(list("filter[context]=alice&filter[session_id]=" + second.sessionId())))
                .containsExactly(alice2);
        assertThat(ids(list("filter[context]=Alice"))).as("context is matched exactly").isEmpty();
        assertThat(ids(list("filter[session_id]=" + UUID.randomUUID()))).isEmpty();
    }

    @Test
    void listFiltersByJoinedLeftAndUpdatedDates() {
        String early = participantFrom("2024-05-01T23:59:59Z");
        String late = participantFrom("2024-05-02T10:00:00Z");
        JsonNode earlyParticipant = api.get("/v2/room_participants/" + early).data();
        LocalDate today = LocalDate.ofInstant(Instant.parse(earlyParticipant.path("updated_at").asString()),
                ZoneOffset.UTC);

        // the early one joins on May 1st and leaves after midnight, on May 2nd
        assertThat(earlyParticipant.path("left_at").asString()).startsWith("2024-05-02T00:00:0");
        assertThat(ids(list("filter[date_joined_at][eq]=2024-05-01"))).containsExactly(early);
        assertThat(ids(list("filter[date_joined_at][gte]=2024-05-02"))).containsExactly(late);
        assertThat(ids(list("filter[date_joined_at][lte]=2024-05-02"))).containsExactly(late, early);
        assertThat(ids(list("filter[date_left_at][eq]=2024-05-02"))).containsExactly(late, early);
        assertThat(ids(list("filter[date_left_at][eq]=2024-05-01"))).isEmpty();
        assertThat(ids(list("filter[date_left_at][lte]=2024-05-01"))).isEmpty();
        assertThat(ids(list("filter[date_updated_at][eq]=" + today))).containsExactly(late, early);
        assertThat(ids(list("filter[date_updated_at][gte]=" + today.plusDays(1)))).isEmpty();
        assertThat(ids(list("filter[date_updated_at][eq]=" + today.minusDays(1)))).isEmpty();
    }

    @Test
    void badFilterValuesAreRefusedWithTheirParameter() {
        Response response = list("filter[session_id]=nope&filter[date_joined_at][eq]=2024-02-30"
                + "&filter[date_left_at][gte]=tomorrow&filter[date_updated_at][lte]=05/01/2024&page[size]=abc");

        assertThat(response.json().path("errors")).hasSize(5);
        assertParameterProblem(response, "10026", "filter[session_id]");
        assertParameterProblem(response, "10026", "filter[date_joined_at][eq]");
        assertParameterProblem(response, "10026", "filter[date_left_at][gte]");
        assertParameterProblem(response, "10026", "filter[date_updated_at][lte]");
        assertParameterProblem(response, "10026", "page[size]");
    }

    private String participantFrom(String startedAt) {
        return upload(api, TestMedia.audioOnly(440, 1), Map.of("started_at", startedAt))
                .path(0).path("participant_id").asString();
    }

    private Response list(String query) {
        return api.get("/v2/room_participants?" + encoded(query));
    }

    private static String latestEnd(JsonNode recordings) {
        String latest = "";
        for (JsonNode recording : recordings) {
            String ended = recording.path("ended_at").asString();
            latest = ended.compareTo(latest) > 0 ? ended : latest;
        }
        return latest;
    }
}
