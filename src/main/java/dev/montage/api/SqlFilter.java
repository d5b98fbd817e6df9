package dev.montage.api;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The WHERE clause of a list query, built from the filters a client sent, with named parameters. Every list
 * is paged with a stable order, so walking the pages returns each row exactly once.
 */
public final class SqlFilter {

    private final List<String> clauses = new ArrayList<>();
    private final Map<String, Object> params = new LinkedHashMap<>();

    /** Adds {@code clause} (which names {@code :param}) with its value. */
    public SqlFilter where(String clause, String param, Object value) {
        clauses.add(clause);
        params.put(param, value);
        return this;
    }

    public <T> SqlFilter whereIfPresent(String clause, String param, Optional<T> value) {
        value.ifPresent(v -> where(clause, param, v));
        return this;
    }

    /** Inclusive UTC calendar days: {@code eq} is [day, day+1), {@code lte} is before day+1. */
    public SqlFilter dates(String column, DateFilter filter) {
        filter.eq().ifPresent(day -> {
            where(column + " >= :" + column + "_eq_from", column + "_eq_from", startOf(day));
            where(column + " < :" + column + "_eq_to", column + "_eq_to", startOf(day.plusDays(1)));
        });
        filter.gte().ifPresent(day -> where(column + " >= :" + column + "_gte", column + "_gte", startOf(day)));
        filter.lte().ifPresent(day -> where(column + " < :" + column + "_lte", column + "_lte", startOf(day.plusDays(1))));
        return this;
    }

    public String sql() {
        return clauses.isEmpty() ? "" : " where " + String.join(" and ", clauses);
    }

    public JdbcClient.StatementSpec bind(JdbcClient.StatementSpec statement) {
        return statement.params(params);
    }

    /** Counts and fetches one page of {@code select <columns> from <table> <filter> order by <order>}. */
    public <T> ListResponse<T> page(JdbcClient jdbc, String table, String order, PageRequest page,
            org.springframework.jdbc.core.RowMapper<T> mapper) {
        long total = bind(jdbc.sql("select count(*) from " + table + sql())).query(Long.class).single();
        List<T> rows = bind(jdbc.sql("select * from " + table + sql() + " order by " + order
                + " limit :page_limit offset :page_offset"))
                .param("page_limit", page.size())
                .param("page_offset", page.offset())
                .query(mapper)
                .list();
        return new ListResponse<>(rows, PageMeta.of(page, total));
    }

    private static java.time.OffsetDateTime startOf(LocalDate day) {
        return day.atStartOfDay().atOffset(ZoneOffset.UTC);
    }
}
