package dev.montage.node;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.montage.support.ApiClient;
import dev.montage.support.ChildDatabase;
import dev.montage.support.MontageProcess;

/**
 * {@code montage.roles} on a real node: a worker-only node serves its health and no API; a wrong setting stops
 * the start with a message that names it. (The split of the work between an api and a worker node is
 * {@link ApiAndWorkerNodesTest}.)
 */
class NodeRolesProcessTest {

    @TempDir
    Path dataDir;

    @Test
    void aWorkerOnlyNodeAnswers404OnTheApiAnd200OnItsHealth() throws Exception {
        try (ChildDatabase database = ChildDatabase.isolated(dataDir);
                MontageProcess worker = MontageProcess.startWithoutApi(dataDir, database, "--montage.roles=worker")) {
            ApiClient withKey = worker.api();
            ApiClient withoutKey = withKey.withKey(null);

            for (ApiClient client : new ApiClient[] {withKey, withoutKey}) {
                ApiClient.Response rooms = client.get("/v2/rooms");
                assertThat(rooms.status()).as(rooms.toString()).isEqualTo(404);
                assertThat(rooms.error().path("code").asString()).isEqualTo("10005");
                ApiClient.Response create = client.post("/v2/room_compositions", "{}");
                assertThat(create.status()).as(create.toString()).isEqualTo(404);
            }
            for (String probe : new String[] {"/actuator/health", "/actuator/health/liveness",
                    "/actuator/health/readiness"}) {
                ApiClient.Response health = withoutKey.get(probe);
                assertThat(health.status()).as(probe + ": " + health).isEqualTo(200);
                assertThat(health.json().path("status").asString()).isEqualTo("UP");
            }
            // health only: nothing else of the actuator is exposed
            assertThat(withKey.get("/actuator/env").status()).isEqualTo(404);
        }
    }

    @Test
    void anUnknownRoleStopsTheStartWithAClearMessage() throws Exception {
        try (ChildDatabase database = ChildDatabase.isolated(dataDir)) {
            MontageProcess.Finished refused = MontageProcess.startRefused(dataDir, database,
                    "--montage.roles=api,wroker");

            assertThat(refused.exitCode()).as(refused.output()).isNotZero();
            assertThat(refused.output()).contains("APPLICATION FAILED TO START")
                    .contains("montage.roles=api,wroker: unknown role wroker")
                    .contains("Set montage.roles (MONTAGE_ROLES) to api, worker or api,worker");
        }
    }

    @Test
    void anEmptyListOfRolesStopsTheStart() throws Exception {
        try (ChildDatabase database = ChildDatabase.isolated(dataDir)) {
            MontageProcess.Finished refused = MontageProcess.startRefused(dataDir, database, "--montage.roles=");

            assertThat(refused.exitCode()).as(refused.output()).isNotZero();
            assertThat(refused.output()).contains("APPLICATION FAILED TO START")
                    .contains("montage.roles is empty");
        }
    }
}
