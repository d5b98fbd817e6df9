package dev.montage.accounts;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.security.core.userdetails.UserDetailsService;

import dev.montage.support.ApiClient.Response;
import dev.montage.support.ApiTest;
import dev.montage.support.RawHttp;

/** What Spring Security adds around the API key check, and what it must not add. */
class ApiSecurityTest extends ApiTest {

    @Autowired
    ApplicationContext context;

    @Test
    void bootGeneratesNoDefaultUser() {
        assertThat(context.getBeanProvider(UserDetailsService.class).getIfAvailable()).isNull();
    }

    /** Spring Security's additions stay headers a client ignores: no session cookie, no redirect to a login page. */
    @Test
    void answersCarryNoSessionAndNoRedirect() {
        String key = key();
        for (String authorization : new String[] {"Bearer " + key, null, "Bearer KEYdoesnotexist"}) {
            for (String path : new String[] {"/v2/rooms", "/v2/nothing", "/login", "/"}) {
                Response response = RawHttp.to(port).header("Authorization", authorization).send("GET", path);
                assertThat(response.status()).as("%s %s", path, response).isIn(200, 401, 404);
                assertThat(response.headers()).as(path).doesNotContainKeys("set-cookie", "location");
                assertThat(response.headers().get("content-type")).as(path).startsWith("application/json");
                assertThat(response.headers().get("x-content-type-options")).as(path).isEqualTo("nosniff");
                if (response.status() == 401) {
                    assertThat(response.headers().get("www-authenticate")).as(path).isEqualTo("Bearer");
                    assertThat(response.error().path("code").asString()).isEqualTo("10009");
                }
            }
        }
    }

    /** The signed link is the media route's credential: whatever Authorization says, the signature decides. */
    @Test
    void theMediaRouteIgnoresTheAuthorizationHeader() {
        String media = "/v2/room_compositions/" + UUID.randomUUID() + "/media?expires=1&signature=AAAA";
        for (String authorization : new String[] {null, "Bearer " + key(), "Bearer KEYdoesnotexist", "Basic eDp5",
                "Bearer"}) {
            for (String method : new String[] {"GET", "HEAD"}) {
                Response response = RawHttp.to(port).header("Authorization", authorization).send(method, media);
                assertThat(response.status()).as("%s %s", method, authorization).isEqualTo(403);
                if (method.equals("GET")) {
                    assertThat(response.error().path("code").asString()).isEqualTo("10010");
                }
            }
        }
    }

    /**
     * A bad signature on the public route is its own error (403), whatever Accept asks for: never taken for a
     * request that needs a key, never HTML. Error dispatches to {@code /error} are let through without a key too.
     */
    @Test
    void aPublicRouteAsksForNoKeyWhateverAcceptSays() {
        String media = "/v2/room_compositions/" + UUID.randomUUID() + "/media?expires=1&signature=AAAA";
        Response response = RawHttp.to(port).header("Accept", "text/html").send("GET", media);
        assertThat(response.status()).as("%s", response).isEqualTo(403);
        assertThat(response.headers().get("content-type")).as("%s", response).startsWith("application/json");
        assertThat(response.error().path("code").asString()).as("%s", response).isEqualTo("10010");
    }

    /**
     * The balancer's probe needs no key, and a key that is wrong does not turn it into a 401: the health endpoint
     * ignores Authorization. The rest of the actuator is not exposed, and unknown paths beside it still need a key.
     */
    @Test
    void theHealthEndpointAsksForNoKey() {
        for (String authorization : new String[] {null, "Bearer " + key(), "Bearer KEYdoesnotexist"}) {
            for (String path : new String[] {"/actuator/health", "/actuator/health/liveness",
                    "/actuator/health/readiness"}) {
                for (String method : new String[] {"GET", "HEAD"}) {
                    Response response = RawHttp.to(port).header("Authorization", authorization).send(method, path);
                    assertThat(response.status()).as("%s %s %s: %s", method, path, authorization, response)
                            .isEqualTo(200);
                }
            }
        }
        assertThat(RawHttp.to(port).send("GET", "/actuator/env").status()).isEqualTo(401);
        assertThat(RawHttp.to(port).header("Authorization", "Bearer " + key()).send("GET", "/actuator/env").status())
                .isEqualTo(404);
    }

    @Test
    void firewallRefusalsAre400InTheEnvelope() {
        RawHttp http = RawHttp.to(port).header("Authorization", "Bearer " + key());
        assertBadRequest(http.send("GET", "/v2;x/rooms"));
        assertBadRequest(http.send("GET", "/v2/%2e/rooms"));
        assertBadRequest(http.send("GET", "//v2/rooms"));
        assertBadRequest(http.send("PROPFIND", "/v2/rooms"));
        assertBadRequest(RawHttp.to(port).send("GET", "/x/../v2/rooms"));
    }

    /**
     * The firewall checks parameter names and header values when they are read, which for a query parameter or the
     * Accept header is inside Spring MVC: that refusal must be a 400 too, not an unexpected error. (Parameter values
     * it lets through: they are data.)
     */
    @Test
    void controlCharactersInParametersAndHeadersAre400NotA500() {
        RawHttp http = RawHttp.to(port).header("Authorization", "Bearer " + key());
        assertBadRequest(http.send("GET", "/v2/rooms?%C2%85=x"));
        assertBadRequest(RawHttp.to(port).header("Authorization", "Bearer " + key())
                .header("Accept", "application/json\u0085").send("GET", "/v2/rooms"));
        assertBadRequest(RawHttp.to(port).header("Authorization", "Bearer " + key() + "\u0085")
                .send("GET", "/v2/rooms"));
    }

    private String key() {
        return accounts.createAccount().apiKey();
    }

    private static void assertBadRequest(Response response) {
        assertThat(response.status()).as("%s", response).isEqualTo(400);
        assertThat(response.headers().get("content-type")).as("%s", response).startsWith("application/json");
        assertThat(response.error().path("code").asString()).isEqualTo("10015");
        assertThat(response.error().path("detail").asString()).startsWith("The request was rejected");
        assertThat(response.body()).doesNotContain("\"data\"");
    }
}
