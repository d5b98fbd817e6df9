package dev.montage.console;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import dev.montage.support.ApiClient;
import dev.montage.support.ApiClient.Response;
import dev.montage.support.ApiTest;
import dev.montage.support.RawHttp;

/**
 * The console's files are served from the jar without a key, under a strict Content-Security-Policy, and making them
 * public makes nothing else public: {@code /v2} still needs a key.
 */
class ConsoleServedTest extends ApiTest {

    private ApiClient anonymous() {
        return api.withKey(null);
    }

    @Test
    void thePageIsServedWithoutAKeyAtItsBareNameAndWithASlash() {
        for (String path : new String[] {"/console", "/console/"}) {
            Response page = anonymous().get(path);
            assertThat(page.status()).as(path).isEqualTo(200);
            assertThat(page.headers().get("content-type")).as(path).startsWith("text/html");
            assertThat(page.body()).as(path).contains("<main id=\"main\"", "/console/js/app.js")
                    .doesNotContain("http://", "https://");
        }
        assertThat(RawHttp.to(port).send("HEAD", "/console").status()).isEqualTo(200);
    }

    @Test
    void theModulesAndStyleAreServedAsWhatTheyAre() {
        for (String module : new String[] {"app.js", "api.js", "fields.js", "dom.js"}) {
            Response file = anonymous().get("/console/js/" + module);
            assertThat(file.status()).as(module).isEqualTo(200);
            // browsers refuse to run a module served as anything but JavaScript
            assertThat(file.headers().get("content-type")).as(module).startsWith("text/javascript");
        }
        Response css = anonymous().get("/console/console.css");
        assertThat(css.status()).isEqualTo(200);
        assertThat(css.headers().get("content-type")).startsWith("text/css");
    }

    @Test
    void everyFileCarriesAStrictContentSecurityPolicy() {
        for (String path : new String[] {"/console", "/console/js/app.js"}) {
            String policy = anonymous().get(path).headers().get("content-security-policy");
            assertThat(policy).as(path)
                    .contains("default-src 'self'", "script-src 'self'", "style-src 'self'", "connect-src 'self'",
                            "object-src 'none'", "frame-ancestors 'none'")
                    .contains("media-src 'self' blob:;")
                    .doesNotContain("unsafe-inline", "unsafe-eval");
        }
    }

    @Test
    void theApiStillNeedsAKey() {
        Response sessions = anonymous().get("/v2/room_sessions");
        assertThat(sessions.status()).isEqualTo(401);
        assertThat(sessions.error().path("code").asString()).isEqualTo("10009");

        Response missing = anonymous().get("/console/js/no-such-module.js");
        assertThat(missing.status()).isEqualTo(404);

        Response post = anonymous().post("/console/", "{}");
        assertThat(post.status()).as("only reads of the console are public").isEqualTo(401);

        Response beside = anonymous().get("/consoles");
        assertThat(beside.status()).isEqualTo(401);
    }
}
