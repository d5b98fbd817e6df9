package dev.montage.accounts;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.context.annotation.Import;

import dev.montage.support.ApiClient.Response;
import dev.montage.support.ApiTest;
import dev.montage.support.FailingFilter;
import dev.montage.support.RawHttp;

/**
 * An exception thrown by a filter after the security chain (a servlet filter of a library, say) makes the container
 * dispatch the request again to {@code /error}. That dispatch carries no API key of its own: the security chain
 * must let it through, or a public route's failure would come out as a 401 asking for a key it never needed.
 */
@Import(FailingFilter.class)
class ErrorDispatchTest extends ApiTest {

    @Test
    void theErrorDispatchOfAPublicRouteIsNotAskedForAKey() {
        String media = "/v2/room_compositions/" + UUID.randomUUID() + "/media?expires=1&signature=AAAA";

        Response response = RawHttp.to(port).header(FailingFilter.HEADER, "yes").send("GET", media);

        assertThat(response.status()).as("%s", response).isEqualTo(500);
        assertThat(response.headers().get("content-type")).as("%s", response).startsWith("application/json");
        assertThat(response.error().path("code").asString()).as("%s", response).isEqualTo("10007");
        assertThat(response.body()).doesNotContain("a filter failed", "IllegalStateException");
    }
}
