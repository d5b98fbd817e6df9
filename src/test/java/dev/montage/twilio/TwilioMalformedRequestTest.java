package dev.montage.twilio;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.montage.accounts.AccountService.NewAccount;
import dev.montage.support.ApiClient;
import dev.montage.support.ApiClient.Response;
import dev.montage.support.ApiTest;

/**
 * Requests Tomcat or Spring MVC refuse before a {@code /v1} controller reads them are the client's 4xx in Twilio's
 * shape, never a 500: a query or form body with broken percent-encoding, a body of a type the route does not take.
 */
class TwilioMalformedRequestTest extends ApiTest {

    private ApiClient v1;

    @BeforeEach
    void basicClient() {
        NewAccount me = accounts.createAccount();
        String sid = "AC" + me.accountId().value().toString().replace("-", "");
        String token = Base64.getEncoder().encodeToString((sid + ":" + me.apiKey()).getBytes(StandardCharsets.UTF_8));
        v1 = new ApiClient(port, null).withAuthorization("Basic " + token);
    }

    @Test
    void brokenPercentEncodingInAQueryIs400() {
        assertIsBadRequest(v1.rawGet("/v1/Compositions?Status=%zz"), 400);
        assertIsBadRequest(v1.rawGet("/v1/Rooms?PageSize=%e0%a4"), 400);
    }

    @Test
    void brokenPercentEncodingInAFormBodyIs400() {
        Response response = v1.post("/v1/Compositions", "RoomSid=%zz&VideoLayout=%7B%7D".getBytes(StandardCharsets.UTF_8),
                "application/x-www-form-urlencoded");

        assertIsBadRequest(response, 400);
        assertThat(v1.get("/v1/Compositions").json().path("compositions")).isEmpty();
    }

    @Test
    void aBodyOfAnotherTypeIsRefusedInTwilioShape() {
        Response response = v1.post("/v1/Compositions", "{\"RoomSid\":\"RM0\"}".getBytes(StandardCharsets.UTF_8),
                "application/json");

        assertThat(response.status()).as(response.body()).isBetween(400, 499);
        assertThat(response.json().path("status").asInt()).isEqualTo(response.status());
        assertThat(response.json().path("code").asInt()).isNotEqualTo(20500);
        assertThat(response.json().path("more_info").asString()).startsWith("https://www.twilio.com/docs/errors/");
    }

    private static void assertIsBadRequest(Response response, int status) {
        assertThat(response.status()).as(response.body()).isEqualTo(status);
        assertThat(response.json().path("code").asInt()).isEqualTo(20001);
        assertThat(response.json().path("status").asInt()).isEqualTo(status);
        assertThat(response.json().path("message").asString()).contains("malformed");
    }
}
