package dev.montage.api;

import java.util.List;

/** The body of every error response: {@code {"errors":[...]}}. */
public record ErrorEnvelope(List<ApiError> errors) {
    public ErrorEnvelope {
        errors = List.copyOf(errors);
    }
}
