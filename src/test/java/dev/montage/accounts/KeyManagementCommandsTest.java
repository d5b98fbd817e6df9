package dev.montage.accounts;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.montage.support.ApiClient;
import dev.montage.support.ChildDatabase;
import dev.montage.support.MontageProcess;

/**
 * Keys managed from the command line, as an operator does it: {@code list-api-keys} and {@code revoke-api-key} are
 * child processes run beside a running node, on the same database, and the node refuses a revoked key on its next
 * request (the command returns only once no node can still remember the key: AuthenticationTest shows that wait
 * is what makes it so).
 */
class KeyManagementCommandsTest {

    private static final Pattern NEW_KEY = Pattern.compile("api_key=(\\S+)");

    @TempDir
    Path dataDir;

    @Test
    void aKeyListedByItsPrefixAndRevokedIsRefusedOnItsNextRequest() throws Exception {
        try (ChildDatabase database = ChildDatabase.sharedByProcesses(dataDir);
                MontageProcess node = MontageProcess.start(dataDir, database)) {
            String firstKey = Files.readString(dataDir.resolve("api-key")).trim();
            MontageProcess.Finished created = MontageProcess.run(dataDir, database, "create-api-key");
            assertThat(created.exitCode()).as(created.output()).isZero();
            Matcher matcher = NEW_KEY.matcher(created.output());
            assertThat(matcher.find()).as(created.output()).isTrue();
            String key = matcher.group(1);
            ApiClient client = node.api().withKey(key);
            assertThat(client.get("/v2/rooms").status()).isEqualTo(200);

            MontageProcess.Finished listed = MontageProcess.run(dataDir, database, "list-api-keys");

            assertThat(listed.exitCode()).as(listed.output()).isZero();
            String line = lineWith(listed.output(), key.substring(0, 11));
            assertThat(line).as("the used key's line shows when it was last used").doesNotContain("never")
                    .containsPattern("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{6}Z\\s+\\d{4}-");
            lineWith(listed.output(), firstKey.substring(0, 11));
            assertThat(listed.output()).as("never a key itself").doesNotContain(key).doesNotContain(firstKey)
                    .doesNotContain(key.substring(0, 12)).doesNotContain(firstKey.substring(0, 12));
            String id = line.trim().split("\\s+")[0];

            MontageProcess.Finished revoked = MontageProcess.run(dataDir, database, "revoke-api-key", id);

            assertThat(revoked.exitCode()).as(revoked.output()).isZero();
            assertThat(revoked.output()).contains("revoked " + id);
            assertThat(client.get("/v2/rooms").status()).as("the revoked key, on its next request").isEqualTo(401);
            assertThat(node.api().get("/v2/rooms").status()).as("another key").isEqualTo(200);

            MontageProcess.Finished unknown = MontageProcess.run(dataDir, database, "revoke-api-key",
                    "00000000-0000-0000-0000-000000000000");
            assertThat(unknown.exitCode()).as(unknown.output()).isEqualTo(1);
            assertThat(unknown.output()).contains("no key has the id");
        }
    }

    @Test
    void helpExplainsTheCommandsAndStartsNothing() throws Exception {
        try (ChildDatabase database = ChildDatabase.isolated(dataDir)) {
            MontageProcess.Finished help = MontageProcess.run(dataDir, database, "--help");

            assertThat(help.exitCode()).as(help.output()).isZero();
            assertThat(help.output()).contains("create-api-key", "list-api-keys", "revoke-api-key <id>",
                    "migrate-blobs").doesNotContain("Tomcat");
        }
    }

    @Test
    void anUnknownCommandExitsNonZeroWithoutStartingAServer() throws Exception {
        try (ChildDatabase database = ChildDatabase.isolated(dataDir)) {
            MontageProcess.Finished run = MontageProcess.run(dataDir, database, "frobnicate", "--server.port=0");

            assertThat(run.exitCode()).as(run.output()).isNotZero();
            assertThat(run.output()).contains("unknown command 'frobnicate'", "list-api-keys")
                    .doesNotContain("Tomcat");
        }
    }

    private static String lineWith(String output, String text) {
        return output.lines().filter(line -> line.contains(text)).findFirst()
                .orElseThrow(() -> new AssertionError("no line with " + text + " in:\n" + output));
    }
}
