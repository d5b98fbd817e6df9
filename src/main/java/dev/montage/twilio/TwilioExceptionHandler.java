package dev.montage.twilio;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.apache.tomcat.util.http.InvalidParameterException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.ErrorResponse;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.util.DisconnectedClientHelper;

import dev.montage.api.ApiError;
import dev.montage.api.ApiException;

/**
 * Every error of a {@code /v1} controller in Twilio's shape. The services these controllers call speak Montage's
 * own errors ({@link ApiException}, with a JSON pointer into the /v2 body the request was translated into); their
 * pointer names the Twilio parameter the problem came from ({@link #PARAMETERS}). Errors raised before a controller is
 * chosen (no such route, a method the route lacks) are {@link TwilioErrorShape}'s.
 */
@RestControllerAdvice(basePackageClasses = TwilioExceptionHandler.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class TwilioExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(TwilioExceptionHandler.class);

    /** The first segment of a /v2 body pointer → the Twilio form parameter it was made from. */
    static final Map<String, String> PARAMETERS = Map.of("session_id", "RoomSid", "video_layout", "VideoLayout",
            "audio_sources", "AudioSources", "audio_sources_excluded", "AudioSourcesExcluded", "resolution",
            "Resolution", "format", "Format", "trim", "Trim");

    @ExceptionHandler(TwilioException.class)
    ResponseEntity<TwilioError> twilio(TwilioException e) {
        return answer(e.error());
    }

    @ExceptionHandler(ApiException.class)
    ResponseEntity<TwilioError> montage(ApiException e) {
        HttpStatus status = e.status();
        if (status == HttpStatus.NOT_FOUND) {
            return answer(TwilioError.of(404, TwilioError.NOT_FOUND, e.errors().get(0).detail()));
        }
        if (status == HttpStatus.TOO_MANY_REQUESTS) {
            return answer(TwilioError.of(429, TwilioError.TOO_MANY_REQUESTS, e.errors().get(0).detail()));
        }
        if (status.is4xxClientError()) {
            return answer(badRequest(e.errors()));
        }
        return unexpected(e);
    }

    /** Twilio answers one error: the first parameter's code, and every problem in the message. */
    static TwilioError badRequest(List<ApiError> errors) {
        String first = parameter(errors.get(0));
        int code = first.equals("RoomSid") ? TwilioError.ROOM_NOT_FOUND : TwilioError.INVALID_PARAMETER;
        String message = errors.stream().map(error -> "Invalid parameter " + parameter(error) + ": " + error.detail())
                .collect(Collectors.joining("; "));
        return TwilioError.of(400, code, message);
    }

    private static String parameter(ApiError error) {
        if (error.source() == null || error.source().pointer() == null) {
            return error.source() != null && error.source().parameter() != null ? error.source().parameter() : "body";
        }
        String pointer = error.source().pointer();
        String top = pointer.length() > 1 ? pointer.substring(1).split("/", 2)[0] : "";
        return PARAMETERS.getOrDefault(top, pointer);
    }

    /**
     * Tomcat refuses a whole query string or form body when one part is malformed (bad percent-encoding, an empty
     * name, too many parameters): the client's mistake, like any other bad parameter.
     */
    @ExceptionHandler(InvalidParameterException.class)
    ResponseEntity<TwilioError> malformedParameters(InvalidParameterException e) {
        return answer(TwilioError.of(400, TwilioError.INVALID_PARAMETER, ApiError.MALFORMED_PARAMETERS));
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<TwilioError> unexpected(Exception e) {
        if (DisconnectedClientHelper.isClientDisconnectedException(e)) {
            return null;
        }
        // what Spring MVC itself refuses (a missing or unreadable parameter, an unsupported media type) is the
        // client's 4xx, in Twilio's shape too
        if (e instanceof ErrorResponse refusal && refusal.getStatusCode().is4xxClientError()) {
            int status = refusal.getStatusCode().value();
            int code = status == 404 ? TwilioError.NOT_FOUND : TwilioError.INVALID_PARAMETER;
            String detail = refusal.getBody().getDetail();
            return answer(TwilioError.of(status, code, detail != null ? detail : "The request was refused"));
        }
        log.error("Unexpected error", e);
        return answer(TwilioError.of(500, TwilioError.INTERNAL, "An unexpected error occurred; it has been logged"));
    }

    private static ResponseEntity<TwilioError> answer(TwilioError error) {
        return ResponseEntity.status(error.status()).contentType(MediaType.APPLICATION_JSON).body(error);
    }
}
