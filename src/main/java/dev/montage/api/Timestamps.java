package dev.montage.api;

import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

/** Timestamps on the wire are ISO 8601 UTC with exactly six fractional digits and {@code Z} (DESIGN.md §1). */
public final class Timestamps {

    // uuuu is the proleptic year ISO 8601 means; yyyy, the year of era, would print 1 BC as 0001 and drop the era
    private static final DateTimeFormatter WIRE =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSS'Z'").withZone(ZoneOffset.UTC);

    private Timestamps() {
    }

    /** 0000-01-01T00:00:00Z and 10000-01-01T00:00:00Z: the years that print as four digits with no sign. */
    private static final long FOUR_DIGIT_YEARS_FROM = -62_167_219_200L;
    private static final long FOUR_DIGIT_YEARS_UNTIL = 253_402_300_800L;
    private static final int SECONDS_PER_DAY = 86_400;

    public static String format(Instant instant) {
        if (instant == null) {
            return null;
        }
        long seconds = instant.getEpochSecond();
        if (seconds < FOUR_DIGIT_YEARS_FROM || seconds >= FOUR_DIGIT_YEARS_UNTIL) {
            return WIRE.format(instant); // a sign and more digits: the formatter knows how
        }
        return fourDigitYear(seconds, instant.getNano());
    }

    /**
     * What {@link #WIRE} prints, written out by hand: a list of 20 compositions prints 100 timestamps, and the
     * formatter's field-by-field printing through a ZonedDateTime cost several per cent of such an answer
     * (TimestampsTest holds the two to the same output).
     */
    private static String fourDigitYear(long epochSecond, int nano) {
        LocalDate date = LocalDate.ofEpochDay(Math.floorDiv(epochSecond, SECONDS_PER_DAY));
        int secondOfDay = (int) Math.floorMod(epochSecond, SECONDS_PER_DAY);
        byte[] out = new byte[27];
        digits(out, 0, date.getYear(), 4);
        out[4] = '-';
        digits(out, 5, date.getMonthValue(), 2);
        out[7] = '-';
        digits(out, 8, date.getDayOfMonth(), 2);
        out[10] = 'T';
        digits(out, 11, secondOfDay / 3600, 2);
        out[13] = ':';
        digits(out, 14, secondOfDay / 60 % 60, 2);
        out[16] = ':';
        digits(out, 17, secondOfDay % 60, 2);
        out[19] = '.';
        digits(out, 20, nano / 1000, 6); // truncated to microseconds, as SSSSSS does
        out[26] = 'Z';
        return new String(out, StandardCharsets.US_ASCII);
    }

    private static void digits(byte[] out, int at, int value, int width) {
        for (int i = at + width - 1; i >= at; i--) {
            out[i] = (byte) ('0' + value % 10);
            value /= 10;
        }
    }

    /** Now, truncated to what the database keeps, so a value reads back equal to what was written. */
    public static Instant now(Clock clock) {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }

    public static OffsetDateTime toDb(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }

    public static Instant fromDb(ResultSet rs, String column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }
}
