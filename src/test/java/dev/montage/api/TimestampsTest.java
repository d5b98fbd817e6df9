package dev.montage.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Random;

import org.junit.jupiter.api.Test;
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

    /** The four-digit years are written by hand; they must read exactly as the formatter prints them. */
    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "-0001-12-31T23:59:59.999999999Z", "0000-01-01T00:00:00Z", "0000-02-29T12:00:00Z",
            "1969-12-31T23:59:59.999999Z", "1970-01-01T00:00:00.000001Z", "2000-02-29T23:59:59Z",
            "2100-03-01T00:00:00Z", "9999-12-31T23:59:59.999999999Z", "+10000-01-01T00:00:00Z"})
    void writesWhatTheFormatterPrintsAtTheEdges(String instant) {
        assertSameAsFormatter(Instant.parse(instant));
    }

    @Test
    void writesWhatTheFormatterPrintsAcrossTheFourDigitYears() {
        Random random = new Random(20261129);
        long from = Instant.parse("0000-01-01T00:00:00Z").getEpochSecond();
        long until = Instant.parse("+10000-01-01T00:00:00Z").getEpochSecond();
        for (int i = 0; i < 100_000; i++) {
            assertSameAsFormatter(Instant.ofEpochSecond(from + Math.floorMod(random.nextLong(), until - from),
                    random.nextInt(1_000_000_000)));
        }
    }

    private static void assertSameAsFormatter(Instant instant) {
        assertThat(Timestamps.format(instant)).as(instant.toString()).isEqualTo(FORMATTER.format(instant));
    }

    private static final DateTimeFormatter FORMATTER =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSS'Z'").withZone(ZoneOffset.UTC);
}
