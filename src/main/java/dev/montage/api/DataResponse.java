package dev.montage.api;

/** {@code {"data":{...}}}. */
public record DataResponse<T>(T data) {
}
