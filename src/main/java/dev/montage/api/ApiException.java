package dev.montage.api;

import java.util.List;

import org.springframework.http.HttpStatus;

/** A client-caused problem, answered with {@code status} and the Telnyx envelope; never logged as an error. */
public class ApiException extends RuntimeException {

    private final HttpStatus status;
    private final List<ApiError> errors;

    public ApiException(HttpStatus status, List<ApiError> errors) {
        super(errors.isEmpty() ? status.toString() : errors.get(0).detail());
        if (errors.isEmpty()) {
            throw new IllegalArgumentException("an ApiException needs at least one error");
        }
        this.status = status;
        this.errors = List.copyOf(errors);
    }

    public ApiException(HttpStatus status, ApiError error) {
        this(status, List.of(error));
    }

    public static ApiException notFound(String detail) {
        return new ApiException(HttpStatus.NOT_FOUND, ApiError.of(ErrorCode.NOT_FOUND, detail));
    }

    public static ApiException unprocessable(ApiError error) {
        return new ApiException(HttpStatus.UNPROCESSABLE_CONTENT, error);
    }

    public HttpStatus status() {
        return status;
    }

    public List<ApiError> errors() {
        return errors;
    }
}
