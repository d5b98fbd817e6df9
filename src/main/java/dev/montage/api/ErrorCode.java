package dev.montage.api;

/**
 * The Telnyx error codes Montage answers with (DESIGN.md §1). The HTTP status is chosen by the caller:
 * 10015, for one, is a 400 for malformed JSON and a 422 for a semantic problem.
 */
public enum ErrorCode {
    INVALID_URL("10003", "Invalid URL"),
    MISSING_PARAMETER("10004", "Missing required parameter"),
    NOT_FOUND("10005", "Resource not found"),
    UNEXPECTED("10007", "Unexpected error"),
    AUTHENTICATION_FAILED("10009", "Authentication failed"),
    FORBIDDEN("10010", "Authorization failed"),
    TOO_MANY_REQUESTS("10011", "Too many requests"),
    BAD_REQUEST("10015", "Bad Request"),
    WRONG_TYPE("10026", "Invalid parameter type"),
    INVALID_ENUM("10032", "Invalid enumerated value"),
    OUT_OF_RANGE("10033", "Value out of range");

    private final String code;
    private final String title;

    ErrorCode(String code, String title) {
        this.code = code;
        this.title = title;
    }

    public String code() {
        return code;
    }

    public String title() {
        return title;
    }
}
