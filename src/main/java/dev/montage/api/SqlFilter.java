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

    /** The count of all matches, next to the columns of each row of a page; no table has a column of this name. */
    private static final String TOTAL_COLUMN = "page_total_results";

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

    /**
     * Fetches one page of {@code select * from <table> <filter> order by <order>} and the number of all the rows
     * that match, in one statement: every row of the page carries the count as a scalar subquery, which the
     * database runs once (an init plan). A list under load spent a good part of its time in a second statement
     * of its own for the count: one more connection taken from the pool and given back, one more round trip, one
     * more statement for the database to bind and run. Only a page past the end, which has no row to carry the
     * count, asks for it on its own.
     */
    public <T> ListResponse<T> page(JdbcClient jdbc, String table, String order, PageRequest page,
            org.springframework.jdbc.core.RowMapper<T> mapper) {
        return page(jdbc, "*", table, order, page, mapper);
    }

    /** The same page, of only {@code columns} of each row: a narrower statement where a caller needs no more. */
    public <T> ListResponse<T> page(JdbcClient jdbc, String columns, String table, String order, PageRequest page,
            org.springframework.jdbc.core.RowMapper<T> mapper) {
        long[] total = {0};
        List<T> rows = bind(jdbc.sql("select " + columns + ", (select count(*) from " + table + sql() + ") as "
                + TOTAL_COLUMN + " from " + table + sql() + " order by " + order
                + " limit :page_limit offset :page_offset"))
                .param("page_limit", page.size())
                .param("page_offset", page.offset())
                .query((rs, row) -> {
                    if (row == 0) {
                        total[0] = rs.getLong(TOTAL_COLUMN);
                    }
                    return mapper.mapRow(rs, row);
                })
                .list();
        if (rows.isEmpty() && page.offset() > 0) {
            total[0] = bind(jdbc.sql("select count(*) from " + table + sql())).query(Long.class).single();
        }
        return new ListResponse<>(rows, PageMeta.of(page, total[0]));
    }

    private static java.time.OffsetDateTime startOf(LocalDate day) {
        return day.atStartOfDay().atOffset(ZoneOffset.UTC);
    }
}
