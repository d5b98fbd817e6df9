package dev.montage.accounts;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.TestPropertySource;

import dev.montage.support.ApiClient;

/**
 * The first start of an installation on the embedded default: a database of its own with no key at all. The
 * service creates an account, writes its key to {@code <data-dir>/api-key} for the owner only, and the key works.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
@TestPropertySource(properties = {
        "spring.datasource.url=jdbc:h2:mem:first-start;DB_CLOSE_DELAY=-1;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE",
        "montage.data-dir=target/test-data-first-start"})
class FirstStartKeyTest {

    @LocalServerPort
    private int port;

    @Value("${montage.data-dir}")
    private Path dataDir;

    @Test
    void firstStartWritesAWorkingKeyReadableOnlyByItsOwner() throws IOException {
        Path file = dataDir.resolve("api-key");
        assertThat(file).exists();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        String key = Files.readString(file).strip();
        assertThat(key).startsWith("KEY").hasSizeGreaterThan(40);

        ApiClient client = new ApiClient(port, key);
        assertThat(client.get("/v2/rooms").status()).isEqualTo(200);
        assertThat(client.post("/v2/rooms", "{\"unique_name\": \"first\"}").data().path("unique_name").asString())
                .isEqualTo("first");
    }

    @Test
    void createApiKeyCommandMakesANewAccountWithAWorkingKey(@Autowired AccountService accounts) {
        ByteArrayOutputStream before = new ByteArrayOutputStream();
        PrintStream out = System.out;
        System.setOut(new PrintStream(before, true));
        try {
            new CreateApiKeyCommand(accounts).run(null);
        } finally {
            System.setOut(out);
        }
        String printed = before.toString();
        assertThat(printed).containsPattern("account_id=[0-9a-f-]{36}").contains("api_key=KEY");
        String key = printed.substring(printed.indexOf("api_key=") + "api_key=".length()).strip();
        ApiClient client = new ApiClient(port, key);
        assertThat(client.get("/v2/rooms").json().path("meta").path("total_results").asInt())
                .as("a new account sees nothing of the first").isZero();
    }
}
