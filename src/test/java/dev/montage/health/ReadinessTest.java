package dev.montage.health;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import dev.montage.jobs.SchedulerLifecycle;
import dev.montage.support.ApiClient.Response;
import dev.montage.support.ApiTest;
import dev.montage.support.RawHttp;

/**
 * The probes on the API port, as a balancer sees them: UP or DOWN and nothing more ({@code show-details=never}),
 * readiness following what the node needs, liveness following only the JVM.
 */
class ReadinessTest extends ApiTest {

    /** The first probe runs ffmpeg and opens the store\'s client: slow on a loaded machine. */
    private static final int PROBE_TIMEOUT_MILLIS = 60_000;

    @Autowired
    private SchedulerLifecycle compositionQueue;

    @Test
    void readinessIsUpWhenDatabaseStoreFfmpegAndQueuesWork() {
        Response readiness = RawHttp.to(port).timeoutMillis(PROBE_TIMEOUT_MILLIS).send("GET", "/actuator/health/readiness");

        assertThat(readiness.status()).as("%s", readiness).isEqualTo(200);
        assertThat(readiness.body()).as("no details on the public port").isEqualTo("{\"status\":\"UP\"}");
    }

    @Test
    void aStoppedCompositionSchedulerMakesTheNodeUnreadyButNotDead() {
        compositionQueue.stop();
        try {
            Response readiness = RawHttp.to(port).timeoutMillis(PROBE_TIMEOUT_MILLIS).send("GET", "/actuator/health/readiness");
            assertThat(readiness.status()).as("%s", readiness).isEqualTo(503);
            assertThat(readiness.body()).as("the component is named in the log, not here")
                    .isEqualTo("{\"status\":\"DOWN\"}");
            assertThat(RawHttp.to(port).send("GET", "/actuator/health/liveness").status()).isEqualTo(200);
        } finally {
            compositionQueue.start();
        }
        assertThat(RawHttp.to(port).timeoutMillis(PROBE_TIMEOUT_MILLIS).send("GET", "/actuator/health/readiness").status()).isEqualTo(200);
    }
}
