package dev.montage.compositions;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

import dev.montage.support.ApiClient.Response;
import dev.montage.support.ApiTest;

/**
 * The list's filters by session, status and creation date. This node runs no jobs, so the compositions stay
 * enqueued for as long as the test reads them: on a loaded machine a running queue would start some between two
 * reads and a filter by status would have nothing stable to select.
 */
@TestPropertySource(properties = "montage.jobs.auto-start=false")
class CompositionListFiltersTest extends ApiTest {

    @Test
    void filtersBySessionStatusAndCreationDate() {
        TwoParticipantSession first = twoParticipantSession(api);
        TwoParticipantSession second = twoParticipantSession(api);
        String a = create(first.sessionId());
        String b = create(second.sessionId());
        String c = create(second.sessionId());

        assertThat(ids("filter%5Bsession_id%5D=" + first.sessionId())).containsExactly(a);
        assertThat(ids("filter%5Bsession_id%5D=" + second.sessionId())).containsExactlyInAnyOrder(b, c);
        // the raw-bracket encoding that curl sends selects the same
        assertThat(api.rawGet("/v2/room_compositions?filter[session_id]=" + second.sessionId()).json()
                .path("meta").path("total_results").asInt()).isEqualTo(2);

        assertThat(ids("filter%5Bstatus%5D=enqueued")).containsExactlyInAnyOrder(a, b, c);
        assertThat(ids("filter%5Bstatus%5D=completed")).isEmpty();
        assertThat(ids("filter%5Bstatus%5D=processing")).isEmpty();

        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        assertThat(ids("filter%5Bdate_created_at%5D%5Beq%5D=" + today)).containsExactlyInAnyOrder(a, b, c);
        assertThat(ids("filter%5Bdate_created_at%5D%5Beq%5D=" + today.minusDays(1))).isEmpty();
        assertThat(ids("filter%5Bdate_created_at%5D%5Bgte%5D=" + today)).hasSize(3);
        assertThat(ids("filter%5Bdate_created_at%5D%5Bgte%5D=" + today.plusDays(1))).isEmpty();
        assertThat(ids("filter%5Bdate_created_at%5D%5Blte%5D=" + today)).hasSize(3);
        assertThat(ids("filter%5Bdate_created_at%5D%5Blte%5D=" + today.minusDays(1))).isEmpty();
        assertThat(ids("filter%5Bsession_id%5D=" + first.sessionId() + "&filter%5Bstatus%5D=enqueued")).containsExactly(a);
    }

    private String create(String sessionId) {
        Response response = api.post("/v2/room_compositions", "{\"session_id\":\"" + sessionId + "\"}");
        assertThat(response.status()).isEqualTo(202);
        return response.data().path("id").asString();
    }

    private List<String> ids(String query) {
        Response response = api.get("/v2/room_compositions?" + query);
        assertThat(response.status()).as(query).isEqualTo(200);
        List<String> ids = new ArrayList<>();
        response.data().forEach(c -> ids.add(c.path("id").asString()));
        return ids;
    }
}
