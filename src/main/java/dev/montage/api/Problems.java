package dev.montage.api;

import java.util.ArrayList;
import java.util.List;

import org.springframework.http.HttpStatus;

/**
 * Collects every problem of one request so the client gets all of them at once (DESIGN.md §1),
 * then {@link #throwIfAny()} answers 422 with the lot.
 */
public final class Problems {

    private final List<ApiError> errors = new ArrayList<>();

    public void atPointer(ErrorCode code, String pointer, String detail) {
        errors.add(ApiError.atPointer(code, pointer, detail));
    }

    public void atParameter(ErrorCode code, String parameter, String detail) {
        errors.add(ApiError.atParameter(code, parameter, detail));
    }

    public boolean isEmpty() {
        return errors.isEmpty();
    }

    public void throwIfAny() {
        if (!errors.isEmpty()) {
            throw new ApiException(HttpStatus.UNPROCESSABLE_CONTENT, errors);
        }
    }
}
