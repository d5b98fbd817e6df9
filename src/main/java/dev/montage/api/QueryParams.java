package dev.montage.api;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Typed reading of bracketed query keys ({@code filter[status]}, {@code page[size]}). The servlet container has
 * already percent-decoded the keys, so {@code filter%5Bstatus%5D} arrives as {@code filter[status]}: both
 * encodings the SDKs use read the same. Bad values are collected; {@link #throwIfInvalid()} answers 422 with
 * {@code source.parameter} for each.
 */
public final class QueryParams {

    public static final int DEFAULT_PAGE_SIZE = 20;
    public static final int MAX_PAGE_SIZE = 250;
    private static final Pattern FOUR_DIGIT_YEAR_DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");

    private final Map<String, String[]> values;
    private final Problems problems = new Problems();

    public QueryParams(Map<String, String[]> values) {
        this.values = Map.copyOf(values);
    }

    public Optional<String> string(String key) {
        String[] all = values.get(key);
        if (all == null || all.length == 0) {
            return Optional.empty();
        }
        return Optional.of(all[0]);
    }

    public Optional<UUID> uuid(String key) {
        return parsed(key, "a UUID", Ids::uuid);
    }

    public Optional<Boolean> bool(String key) {
        return string(key).flatMap(v -> switch (v) {
            case "true" -> Optional.of(true);
            case "false" -> Optional.of(false);
            default -> {
                problems.atParameter(ErrorCode.WRONG_TYPE, key, key + " must be true or false, not '" + v + "'");
                yield Optional.empty();
            }
        });
    }

    public Optional<Integer> integer(String key) {
        return parsed(key, "an integer", Integer::valueOf);
    }

    /** A value out of {@code allowed}, case-sensitive as the wire names are. */
    public Optional<String> oneOf(String key, String... allowed) {
        return string(key).filter(v -> {
            boolean ok = Arrays.asList(allowed).contains(v);
            if (!ok) {
                problems.atParameter(ErrorCode.INVALID_ENUM, key,
                        key + " must be one of " + String.join(", ", allowed) + ", not '" + v + "'");
            }
            return ok;
        });
    }

    /** A free-text value that {@code problem} finds nothing wrong with; else a 10015 with its answer as detail. */
    public Optional<String> text(String key, Function<String, Optional<String>> problem) {
        return string(key).filter(v -> {
            Optional<String> wrong = problem.apply(v);
            wrong.ifPresent(detail -> problems.atParameter(ErrorCode.BAD_REQUEST, key, detail));
            return wrong.isEmpty();
        });
    }

    /** {@code filter[<name>][eq|gte|lte]} as inclusive calendar dates in UTC. */
    public DateFilter dateFilter(String name) {
        String base = "filter[" + name + "]";
        return new DateFilter(date(base + "[eq]"), date(base + "[gte]"), date(base + "[lte]"));
    }

    public PageRequest page() {
        int number = integer("page[number]").filter(n -> inRange("page[number]", n, 1, Integer.MAX_VALUE)).orElse(1);
        int size = integer("page[size]").filter(n -> inRange("page[size]", n, 1, MAX_PAGE_SIZE))
                .orElse(DEFAULT_PAGE_SIZE);
        return new PageRequest(number, size);
    }

    public void throwIfInvalid() {
        problems.throwIfAny();
    }

    private Optional<LocalDate> date(String key) {
        return parsed(key, "an ISO 8601 date (YYYY-MM-DD)", QueryParams::calendarDate);
    }

    /**
     * Four-digit years only: {@link LocalDate#parse} also takes {@code +999999999-12-31}, whose next day, the end of
     * an inclusive filter, no date can hold.
     */
    private static LocalDate calendarDate(String value) {
        if (!FOUR_DIGIT_YEAR_DATE.matcher(value).matches()) {
            throw new IllegalArgumentException("not YYYY-MM-DD: " + value);
        }
        return LocalDate.parse(value);
    }

    private boolean inRange(String key, int n, int min, int max) {
        boolean ok = n >= min && n <= max;
        if (!ok) {
            String bound = max == Integer.MAX_VALUE ? "at least " + min : "between " + min + " and " + max;
            problems.atParameter(ErrorCode.OUT_OF_RANGE, key, key + " must be " + bound + ", not " + n);
        }
        return ok;
    }

    private <T> Optional<T> parsed(String key, String what, Function<String, T> parser) {
        return string(key).flatMap(v -> {
            try {
                return Optional.of(parser.apply(v.trim()));
            } catch (IllegalArgumentException | DateTimeParseException e) {
                problems.atParameter(ErrorCode.WRONG_TYPE, key, key + " must be " + what + ", not '" + v + "'");
                return Optional.empty();
            }
        });
    }
}
