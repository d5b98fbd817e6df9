package dev.montage.twilio;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.context.annotation.Import;

import dev.montage.accounts.AccountService.NewAccount;
import dev.montage.support.ApiClient.Response;
import dev.montage.support.ApiTest;
import dev.montage.support.FailingFilter;
import dev.montage.support.RawHttp;

/**
 * Errors raised before a {@code /v1} controller is chosen are in Twilio's shape too, so a Twilio helper library reads
 * them: no such route, a method the route lacks, the firewall's refusal, the container's {@code /error} dispatch.
 * The same errors under /v2 stay in the envelope.
 */
@Import(FailingFilter.class)
class TwilioRouteErrorsTest extends ApiTest {

    private String basic;
    private String bearer;

    @BeforeEach
    void keys() {
        NewAccount me = accounts.createAccount();
        String sid = "AC" + me.accountId().value().toString().replace("-", "");
        basic = "Basic " + Base64.getEncoder()
                .encodeToString((sid + ":" + me.apiKey()).getBytes(StandardCharsets.UTF_8));
        bearer = "Bearer " + me.apiKey();
    }

    @Test
    void anUnknownRouteIs20404() {
        Response response = RawHttp.to(port).header("Authorization", basic).send("GET", "/v1/NoSuchThing");

        assertTwilioError(response, 404, 20404);
        assertThat(response.json().path("message").asString()).contains("/v1/NoSuchThing");
    }

    @Test
    void aMethodTheRouteLacksIs20004WithAllow() {
        Response response = RawHttp.to(port).header("Authorization", basic).send("PUT", "/v1/Compositions");

        assertTwilioError(response, 405, 20004);
        assertThat(response.headers().get("allow")).as("%s", response).contains("GET", "POST");
    }

    @Test
    void theFirewallsRefusalIs20001() {
        Response response = RawHttp.to(port).header("Authorization", basic).send("GET", "/v1/Rooms;x=y");

        assertTwilioError(response, 400, 20001);
    }

    @Test
    void theErrorDispatchOfAV1RequestIs20500WithoutTheCause() {
        Response response = RawHttp.to(port).header("Authorization", basic).header(FailingFilter.HEADER, "yes")
                .send("GET", "/v1/Compositions");

        assertTwilioError(response, 500, 20500);
        assertThat(response.body()).doesNotContain("a filter failed", "IllegalStateException");
    }

    @Test
    void theSameErrorsUnderV2StayInTheEnvelope() {
        RawHttp v2 = RawHttp.to(port).header("Authorization", bearer);

        assertEnvelope(v2.send("GET", "/v2/no_such_thing"), 404, "10005");
        assertEnvelope(v2.send("PUT", "/v2/room_compositions"), 405, "10015");
        assertEnvelope(v2.send("GET", "/v2/rooms;x=y"), 400, "10015");
        assertEnvelope(RawHttp.to(port).header("Authorization", bearer).header(FailingFilter.HEADER, "yes")
                .send("GET", "/v2/room_compositions"), 500, "10007");
    }

    private static void assertTwilioError(Response response, int status, int code) {
        assertThat(response.status()).as("%s", response).isEqualTo(status);
        assertThat(response.headers().get("content-type")).as("%s", response).startsWith("application/json");
        assertThat(response.json().path("code").asInt()).as("%s", response).isEqualTo(code);
        assertThat(response.json().path("status").asInt()).as("%s", response).isEqualTo(status);
        assertThat(response.json().path("more_info").asString())
                .isEqualTo("https://www.twilio.com/docs/errors/" + code);
        assertThat(response.json().has("errors")).as("%s", response).isFalse();
    }

    private static void assertEnvelope(Response response, int status, String code) {
        assertThat(response.status()).as("%s", response).isEqualTo(status);
        assertThat(response.error().path("code").asString()).as("%s", response).isEqualTo(code);
    }
}
