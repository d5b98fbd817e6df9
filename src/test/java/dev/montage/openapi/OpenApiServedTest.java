package dev.montage.openapi;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import dev.montage.support.ApiClient;
import dev.montage.support.ApiClient.Response;
import dev.montage.support.ApiTest;
import dev.montage.support.ContractValidator;
import dev.montage.support.RawHttp;

/**
 * The document and Swagger UI are served without a key, every asset of the page from the application itself (a
 * machine without internet access shows it), and nothing else around them becomes public.
 */
class OpenApiServedTest extends ApiTest {

    private static final Pattern ASSET = Pattern.compile("(?:src|href)=\"(?:\\./)?([^\"]+)\"");

    private ApiClient anonymous() {
        return api.withKey(null);
    }

    @Test
    void theDocumentIsServedWithoutAKeyAsYaml() throws IOException {
        Response document = anonymous().get("/openapi.yaml");

        assertThat(document.status()).as("%s", document.headers()).isEqualTo(200);
        assertThat(document.headers().get("content-type")).startsWith("application/yaml");
        assertThat(document.body()).isEqualTo(Files.readString(ContractValidator.DOCUMENT));
        assertThat(document.body()).startsWith("openapi: 3.0.3").contains("x-montage-extension: true");

        Response head = RawHttp.to(port).send("HEAD", "/openapi.yaml");
        assertThat(head.status()).isEqualTo(200);
    }

    @Test
    void swaggerUiLoadsEveryAssetFromTheApplicationAndPointsAtTheDocument() {
        Response bare = anonymous().get("/swagger-ui");
        assertThat(bare.status()).isEqualTo(302);
        assertThat(bare.headers().get("location")).isEqualTo("/swagger-ui/index.html");

        Response page = anonymous().get("/swagger-ui/index.html");
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.headers().get("content-type")).startsWith("text/html");
        assertThat(page.body()).doesNotContain("http://", "https://");

        List<String> assets = new ArrayList<>();
        Matcher asset = ASSET.matcher(page.body());
        while (asset.find()) {
            assets.add(asset.group(1));
        }
        assertThat(assets).contains("swagger-ui-bundle.js", "swagger-ui-standalone-preset.js",
                "swagger-initializer.js", "swagger-ui.css", "index.css");
        for (String name : assets) {
            Response file = anonymous().get("/swagger-ui/" + name);
            assertThat(file.status()).as(name).isEqualTo(200);
            assertThat(file.body()).as(name).isNotEmpty();
        }

        Response initializer = anonymous().get("/swagger-ui/swagger-initializer.js");
        assertThat(initializer.body()).as("Montage's initializer, not the jar's Petstore one")
                .contains("url: \"../openapi.yaml\"").contains("validatorUrl: null").doesNotContain("petstore");
    }

    @Test
    void onlyReadsOfTheDocumentAndThePageArePublic() {
        Response missing = anonymous().get("/swagger-ui/no-such-file.js");
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.error().path("code").asString()).isEqualTo("10005");

        Response post = anonymous().post("/openapi.yaml", "{}");
        assertThat(post.status()).as("%s", post).isEqualTo(401);

        Response beside = anonymous().get("/openapi.json");
        assertThat(beside.status()).as("%s", beside).isEqualTo(401);

        Response webjarsElsewhere = anonymous().get("/webjars/swagger-ui/5.34.1/index.html");
        assertThat(webjarsElsewhere.status()).isEqualTo(401);
        assertThat(api.get("/webjars/swagger-ui/5.34.1/index.html").status())
                .as("no other path serves the jar's files").isEqualTo(404);
    }

    @Test
    void anAcceptThatExcludesYamlGets406InTheEnvelope() {
        Response json = RawHttp.to(port).header("Accept", "application/json").send("GET", "/openapi.yaml");
        assertThat(json.status()).isEqualTo(406);
        assertThat(json.headers().get("content-type")).startsWith("application/json");
        assertThat(json.body()).contains("\"errors\"");
    }
}
