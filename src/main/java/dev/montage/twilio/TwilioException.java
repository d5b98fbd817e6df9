package dev.montage.twilio;

import org.springframework.http.HttpStatus;

/** A client's mistake under {@code /v1}, answered in Twilio's error shape by {@link TwilioExceptionHandler}. */
final class TwilioException extends RuntimeException {

    private final TwilioError error;

    private TwilioException(TwilioError error) {
        super(error.message());
        this.error = error;
    }

    TwilioError error() {
        return error;
    }

    /** A 400 naming the parameter in its message, as Twilio's do. */
    static TwilioException badParameter(int code, String parameter, String detail) {
        return new TwilioException(TwilioError.of(HttpStatus.BAD_REQUEST.value(), code,
                "Invalid parameter " + parameter + ": " + detail));
    }

    static TwilioException badParameter(String parameter, String detail) {
        return badParameter(TwilioError.INVALID_PARAMETER, parameter, detail);
    }

    /** Twilio answers an unknown SID in a path with 404, its code 20404 and the path it looked up. */
    static TwilioException notFound(String path) {
        return new TwilioException(TwilioError.of(HttpStatus.NOT_FOUND.value(), TwilioError.NOT_FOUND,
                "The requested resource " + path + " was not found"));
    }
}
