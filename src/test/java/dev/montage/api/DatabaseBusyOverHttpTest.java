package dev.montage.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.UUID;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import dev.montage.support.ApiClient.Response;
import dev.montage.support.ApiTest;
import tools.jackson.databind.JsonNode;

/**
 * A request that cannot get a row lock in time answers 503 with {@code Retry-After} in the envelope over HTTP, and
 * changes nothing: the unit test {@link DatabaseBusyAnswerTest} maps each kind of trouble, this one makes a real
 * lock timeout on the database the suite runs on. This test's pool waits 500 ms for a lock (PostgreSQL waits for
 * ever by default); the test holds the row of a room in a transaction of its own while a PATCH of that room waits
 * for it.
 */
class DatabaseBusyOverHttpTest extends ApiTest {

    @Autowired
    private DataSource dataSource;

    @DynamicPropertySource
    static void shortLockTimeout(DynamicPropertyRegistry registry) {
        String url = System.getenv().getOrDefault("MONTAGE_DB_URL", System.getProperty("MONTAGE_DB_URL", ""));
        registry.add("spring.datasource.hikari.connection-init-sql",
                () -> url.startsWith("jdbc:postgresql:") ? "set lock_timeout = 500" : "SET LOCK_TIMEOUT 500");
    }

    @Test
    void aRowHeldLongerThanTheLockTimeoutAnswers503AndTheRequestChangesNothing() throws Exception {
        JsonNode room = api.post("/v2/rooms", "{\"unique_name\":\"before\",\"max_participants\":5}").data();
        String id = room.path("id").asString();

        try (Connection holder = dataSource.getConnection()) {
            holder.setAutoCommit(false);
            try (PreparedStatement lock = holder.prepareStatement("select id from rooms where id = ? for update")) {
                lock.setObject(1, UUID.fromString(id));
                try (ResultSet locked = lock.executeQuery()) {
                    assertThat(locked.next()).as("the room's row, locked").isTrue();
                }
            }

            Response busy = api.patch("/v2/rooms/" + id, "{\"unique_name\":\"after\",\"max_participants\":9}");

            assertThat(busy.status()).as("%s", busy).isEqualTo(503);
            assertThat(busy.headers().get("retry-after")).isEqualTo("1");
            assertThat(busy.error().path("code").asString()).isEqualTo("10011");
            assertThat(busy.error().path("detail").asString()).contains("nothing was changed")
                    .doesNotContain("lock", "timeout", "55P03", "50200");
            holder.rollback();
        }

        JsonNode after = api.get("/v2/rooms/" + id).data();
        assertThat(after.path("unique_name").asString()).isEqualTo("before");
        assertThat(after.path("max_participants").asInt()).isEqualTo(5);
        // the moment has passed: the same request succeeds
        Response again = api.patch("/v2/rooms/" + id, "{\"unique_name\":\"after\",\"max_participants\":9}");
        assertThat(again.status()).as("%s", again).isEqualTo(200);
        assertThat(again.data().path("unique_name").asString()).isEqualTo("after");
    }
}
