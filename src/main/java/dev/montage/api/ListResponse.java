package dev.montage.api;

import java.util.List;
import java.util.function.Function;

/** {@code {"data":[...],"meta":{...}}}. */
public record ListResponse<T>(List<T> data, PageMeta meta) {

    public ListResponse {
        data = List.copyOf(data);
    }

    public <R> ListResponse<R> map(Function<T, R> mapper) {
        return new ListResponse<>(data.stream().map(mapper).toList(), meta);
    }
}
