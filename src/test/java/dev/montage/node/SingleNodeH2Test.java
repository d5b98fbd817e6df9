package dev.montage.node;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.montage.support.ChildDatabase;
import dev.montage.support.MontageProcess;

/**
 * The embedded H2 database serves one node: a second node on the same data folder refuses to start and says why
 * and what to do, and the first one serves on undisturbed. Always on H2, whatever database the suite runs on.
 */
class SingleNodeH2Test {

    @TempDir
    Path dataDir;

    @Test
    void aSecondNodeOnOneH2FileRefusesToStartAndPointsToPostgreSQL() throws Exception {
        ChildDatabase h2 = ChildDatabase.embedded(dataDir);
        try (MontageProcess first = MontageProcess.start(dataDir, h2)) {
            MontageProcess.Finished second = MontageProcess.startRefused(dataDir, h2);

            assertThat(second.exitCode()).as(second.output()).isNotZero();
            assertThat(second.output()).contains("APPLICATION FAILED TO START")
                    .contains("The embedded database serves one node only")
                    .contains("To run several nodes, use PostgreSQL: set MONTAGE_DB_URL");
            assertThat(first.api().get("/v2/rooms").status()).isEqualTo(200);
            // the balancer's probe needs no key
            assertThat(first.api().withKey(null).get("/actuator/health").status()).isEqualTo(200);
        }
    }
}
