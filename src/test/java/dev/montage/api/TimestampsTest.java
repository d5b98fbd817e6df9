package dev.montage.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The wire format names the proleptic ISO year, as ISO 8601 does: year 0 is 1 BC and has no era to hide. */
class TimestampsTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "2024-05-01T10:00:00.123456789Z,  2024-05-01T10:00:00.123456Z",
            "1970-01-01T00:00:00Z,            1970-01-01T00:00:00.000000Z",
            "0001-06-01T00:00:00Z,            0001-06-01T00:00:00.000000Z",
            "0000-06-01T00:00:00Z,            0000-06-01T00:00:00.000000Z",
            "-0001-06-01T00:00:00Z,           -0001-06-01T00:00:00.000000Z",
            "9999-12-31T23:59:59.999999Z,     9999-12-31T23:59:59.999999Z",
            "+10000-01-01T00:00:00Z,          +10000-01-01T00:00:00.000000Z",
            "+999999999-12-31T23:59:59.999999999Z, +999999999-12-31T23:59:59.999999Z"})
    void formatsTheProlepticYear(String instant, String wire) {
        assertThat(Timestamps.format(Instant.parse(instant))).isEqualTo(wire);
    }
}
