package dev.montage.api;

import java.io.IOException;

import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Errors raised before Spring MVC runs (a filter's exception, the container refusing a request) land on /error;
 * they get the envelope too, never an HTML page or a stack trace. /error asked for directly is no route of the API:
 * a 404 like any other unknown path, for every method. A path another protocol owns gets that protocol's shape
 * ({@link ErrorShape}: Twilio's under /v1).
 */
@RestController
class JsonErrorController implements ErrorController {

    private final ErrorResponses responses;

    JsonErrorController(ErrorResponses responses) {
        this.responses = responses;
    }

    @RequestMapping("/error")
    void error(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        if (code == null) {
            responses.write(response, HttpStatus.NOT_FOUND, ApiError.of(ErrorCode.NOT_FOUND, "No such route"));
            return;
        }
        HttpStatus status = code instanceof Integer value && HttpStatus.resolve(value) != null
                ? HttpStatus.valueOf(value) : HttpStatus.INTERNAL_SERVER_ERROR;
        ApiError error = switch (status) {
            case NOT_FOUND -> ApiError.of(ErrorCode.NOT_FOUND, "No such route");
            case UNAUTHORIZED -> ApiError.of(ErrorCode.AUTHENTICATION_FAILED, "Authentication failed");
            default -> status.is5xxServerError()
                    ? ApiError.of(ErrorCode.UNEXPECTED, "An unexpected error occurred; it has been logged")
                    : ApiError.of(ErrorCode.BAD_REQUEST, status.getReasonPhrase());
        };
        responses.write(originalPath(request), response, status, error);
    }

    /** The path the client asked for, before the container dispatched it to /error. */
    private static String originalPath(HttpServletRequest request) {
        Object uri = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
        return uri instanceof String path ? path.substring(Math.min(path.length(), request.getContextPath().length()))
                : null;
    }
}
