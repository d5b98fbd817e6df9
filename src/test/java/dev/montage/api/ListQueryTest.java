package dev.montage.api;

import static dev.montage.support.ApiAssertions.assertParameterProblem;
import static dev.montage.support.ApiAssertions.encoded;
import static dev.montage.support.ApiAssertions.ids;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import dev.montage.support.ApiClient.Response;
import dev.montage.support.ApiTest;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * What every list shares (DESIGN.md §1): paging with {@code page[number]} and {@code page[size]}, the meta the
 * SDKs page by, bracketed query keys sent raw or percent-encoded, and inclusive UTC calendar-day date filters.
 */
class ListQueryTest extends ApiTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Test
    void walkingThePagesReturnsEveryRoomExactlyOnce() {
        List<String> created = sevenRooms();

        List<String> seen = new ArrayList<>();
        for (int number = 1; number <= 3; number++) {
            Response page = api.get("/v2/rooms?" + encoded("page[size]=3&page[number]=" + number));
            assertThat(page.json().path("meta")).isEqualTo(meta(number, 3, 3, 7));
            assertThat(ids(page)).hasSize(number < 3 ? 3 : 1);
            seen.addAll(ids(page));
        }

        assertThat(seen).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(created);
        Collections.reverse(created);
        assertThat(seen).as("newest first, across pages").containsExactlyElementsOf(created);
    }

    @Test
    void aPageBeyondTheEndIsEmpty() {
        sevenRooms();

        Response page = api.get("/v2/rooms?" + encoded("page[size]=3&page[number]=4"));

        assertThat(page.status()).isEqualTo(200);
        assertThat(page.json().path("data").isArray()).isTrue();
        assertThat(page.data()).isEmpty();
        assertThat(page.json().path("meta")).isEqualTo(meta(4, 3, 3, 7));
        assertThat(ids(api.get("/v2/rooms?" + encoded("page[number]=1000000")))).isEmpty();
    }

    @Test
    void theDefaultPageIsTheFirstOfTwenty() {
        sevenRooms();

        Response page = api.get("/v2/rooms");

        assertThat(page.json().path("meta")).isEqualTo(meta(1, 20, 1, 7));
        assertThat(page.data()).hasSize(7);
    }

    @Test
    void pageSizeBoundsAreInclusive() {
        sevenRooms();

        assertThat(api.get("/v2/rooms?" + encoded("page[size]=1")).json().path("meta")).isEqualTo(meta(1, 1, 7, 7));
        assertThat(api.get("/v2/rooms?" + encoded("page[size]=250")).json().path("meta"))
                .isEqualTo(meta(1, 250, 1, 7));
    }

    @ParameterizedTest
    @CsvSource({
        "page[size]=0,       10033, page[size]",
        "page[size]=251,     10033, page[size]",
        "page[size]=-1,      10033, page[size]",
        "page[size]=abc,     10026, page[size]",
        "page[size]=2.5,     10026, page[size]",
        "page[number]=0,     10033, page[number]",
        "page[number]=-3,    10033, page[number]",
        "page[number]=first, 10026, page[number]",
    })
    void badPageParametersAreRefusedOnEveryList(String query, String code, String parameter) {
        String room = createRoom(api, "{}").path("id").asString();
        String session = twoParticipantSession(api).sessionId();
        for (String list : new String[] {"/v2/rooms", "/v2/room_sessions", "/v2/room_participants",
                "/v2/room_recordings", "/v2/rooms/" + room + "/sessions", "/v2/room_sessions/" + session + "/participants"}) {
            Response encodedKey = api.get(list + "?" + encoded(query));
            assertParameterProblem(encodedKey, code, parameter);
            assertThat(encodedKey.json().path("errors")).as(list).hasSize(1);
            assertParameterProblem(api.rawGet(list + "?" + query), code, parameter);
        }
    }

    @Test
    void rawAndPercentEncodedBracketsFilterTheSame() {
        sevenRooms();
        String named = createRoom(api, "{\"unique_name\":\"x\"}").path("id").asString();

        Response raw = api.rawGet("/v2/rooms?filter[unique_name]=x");
        Response encodedKey = api.get("/v2/rooms?filter%5Bunique_name%5D=x");

        assertThat(ids(raw)).containsExactly(named);
        assertThat(raw.json()).isEqualTo(encodedKey.json());
        assertThat(ids(api.rawGet("/v2/rooms?page[size]=3&page[number]=3")))
                .isEqualTo(ids(api.get("/v2/rooms?page%5Bsize%5D=3&page%5Bnumber%5D=3")));
    }

    @Test
    void rawAndPercentEncodedBracketsWorkOnEveryResource() {
        TwoParticipantSession session = twoParticipantSession(api);
        twoParticipantSession(api);
        String today = dayOf(api.get("/v2/room_sessions/" + session.sessionId()).data().path("updated_at"))
                .toString();

        for (String query : new String[] {
                "/v2/room_sessions?filter[room_id]=" + session.roomId(),
                "/v2/room_sessions?filter[active]=true&filter[date_updated_at][eq]=" + today,
                "/v2/room_participants?filter[session_id]=" + session.sessionId(),
                "/v2/room_participants?filter[context]=bob&filter[date_joined_at][gte]=2024-05-01",
                "/v2/room_recordings?filter[session_id]=" + session.sessionId() + "&filter[type]=video",
                "/v2/room_recordings?filter[date_started_at][lte]=2024-05-01&filter[duration_secs]=2"}) {
            Response raw = api.rawGet(query);
            assertThat(raw.status()).as(query).isEqualTo(200);
            assertThat(raw.json().path("meta").path("total_results").asInt()).as(query).isPositive();
            assertThat(raw.json()).as(query).isEqualTo(api.get(encoded(query)).json());
        }
        assertThat(ids(api.rawGet("/v2/room_recordings?filter[session_id]=" + session.sessionId()))).hasSize(4);
        assertThat(ids(api.rawGet("/v2/room_participants?filter[context]=bob"))).hasSize(2);
    }

    @Test
    void badFilterValuesAnswer422WithTheirParameterInBothEncodings() {
        for (String[] bad : new String[][] {
                {"/v2/rooms?filter[date_created_at][eq]=yesterday", "10026", "filter[date_created_at][eq]"},
                {"/v2/rooms?filter[date_updated_at][gte]=2024-02-30", "10026", "filter[date_updated_at][gte]"},
                {"/v2/room_sessions?filter[active]=maybe", "10026", "filter[active]"},
                {"/v2/room_sessions?filter[room_id]=not-a-uuid", "10026", "filter[room_id]"},
                {"/v2/room_recordings?filter[room_id]=not-a-uuid", "10026", "filter[room_id]"},
                // java.util.UUID reads this as 00000001-0001-0001-0001-000000000001; it is not a UUID on the wire
                {"/v2/room_recordings?filter[session_id]=1-1-1-1-1", "10026", "filter[session_id]"},
                {"/v2/room_participants?filter[session_id]=1-1-1-1-1", "10026", "filter[session_id]"},
                {"/v2/room_recordings?filter[type]=screen", "10032", "filter[type]"},
                {"/v2/room_participants?filter[date_left_at][lte]=now", "10026", "filter[date_left_at][lte]"}}) {
            JsonNode rawError = assertParameterProblem(api.rawGet(bad[0]), bad[1], bad[2]);
            JsonNode encodedError = assertParameterProblem(api.get(encoded(bad[0])), bad[1], bad[2]);
            assertThat(rawError).isEqualTo(encodedError);
        }
    }

    @Test
    void dateFiltersAreInclusiveUtcCalendarDays() {
        JsonNode room = createRoom(api, "{}");
        String id = room.path("id").asString();
        // a room created now falls on today's UTC date; read it from the room so a test at midnight holds too
        LocalDate today = dayOf(room.path("created_at"));

        for (String field : new String[] {"date_created_at", "date_updated_at"}) {
            assertThat(ids(rooms(field, "eq", today))).as(field + " eq today").containsExactly(id);
            assertThat(ids(rooms(field, "gte", today))).as(field + " gte today").containsExactly(id);
            assertThat(ids(rooms(field, "lte", today))).as(field + " lte today").containsExactly(id);
            assertThat(ids(rooms(field, "eq", today.minusDays(1)))).as(field + " eq yesterday").isEmpty();
            assertThat(ids(rooms(field, "gte", today.plusDays(1)))).as(field + " gte tomorrow").isEmpty();
            assertThat(ids(rooms(field, "lte", today.minusDays(1)))).as(field + " lte yesterday").isEmpty();
            assertThat(ids(rooms(field, "gte", today.minusDays(1)))).as(field + " gte yesterday").containsExactly(id);
            assertThat(ids(rooms(field, "lte", today.plusDays(1)))).as(field + " lte tomorrow").containsExactly(id);
        }
        assertThat(ids(api.get("/v2/rooms?" + encoded("filter[date_created_at][gte]=" + today.plusDays(1)
                + "&filter[date_created_at][lte]=" + today.minusDays(1))))).isEmpty();
    }

    @Test
    void severalQueryProblemsAreReportedTogether() {
        Response response = api.get("/v2/rooms?" + encoded("page[size]=0&page[number]=x&include_sessions=sometimes"
                + "&filter[date_created_at][eq]=today"));

        assertThat(response.json().path("errors")).hasSize(4);
        assertParameterProblem(response, "10033", "page[size]");
        assertParameterProblem(response, "10026", "page[number]");
        assertParameterProblem(response, "10026", "include_sessions");
        assertParameterProblem(response, "10026", "filter[date_created_at][eq]");
    }

    private List<String> sevenRooms() {
        List<String> created = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            created.add(createRoom(api, "{\"unique_name\":\"room-" + i + "\"}").path("id").asString());
        }
        return created;
    }

    private Response rooms(String field, String bound, LocalDate day) {
        return api.get("/v2/rooms?" + encoded("filter[" + field + "][" + bound + "]=" + day));
    }

    private static JsonNode meta(int pageNumber, int pageSize, int totalPages, int totalResults) {
        return JSON.createObjectNode()
                .put("page_number", pageNumber)
                .put("page_size", pageSize)
                .put("total_pages", totalPages)
                .put("total_results", totalResults);
    }

    private static LocalDate dayOf(JsonNode timestamp) {
        return LocalDate.ofInstant(Instant.parse(timestamp.asString()), ZoneOffset.UTC);
    }
}
