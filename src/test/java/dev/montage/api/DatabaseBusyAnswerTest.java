package dev.montage.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.dao.CannotAcquireLockException;
import org.springframework.dao.DataAccessException;
import org.springframework.dao.PessimisticLockingFailureException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.CannotGetJdbcConnectionException;

/** A deadlock, a lock timeout or an unreachable database answers 503 with Retry-After, never a 500. */
class DatabaseBusyAnswerTest {

    static DataAccessException[] transientTrouble() {
        return new DataAccessException[] {
                new PessimisticLockingFailureException("deadlock detected", new SQLException("40P01")),
                new CannotAcquireLockException("lock timeout"),
                new CannotGetJdbcConnectionException("connection refused", new SQLException("08001")),
        };
    }

    @ParameterizedTest
    @MethodSource("transientTrouble")
    void transientDatabaseTrouble_answers503WithRetryAfterInTheEnvelope(DataAccessException trouble) {
        ResponseEntity<ErrorEnvelope> answer = new ApiExceptionHandler(null).databaseBusy(trouble);

        assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
        assertThat(answer.getHeaders().getFirst("Retry-After")).isEqualTo("1");
        assertThat(answer.getBody().errors()).singleElement().satisfies(error -> {
            assertThat(error.code()).isEqualTo("10011");
            assertThat(error.detail()).contains("Try again").doesNotContain("deadlock", "40P01", "refused");
        });
    }
}
