package dev.montage.api;

import java.io.IOException;

import org.springframework.http.HttpStatus;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.security.web.firewall.RequestRejectedHandler;
import org.springframework.stereotype.Component;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * The firewall's refusals (a path not in canonical form: {@code ;}, encoded {@code /}, {@code \}, {@code .} or
 * {@code %}, {@code //}, dot segments; a method outside the usual seven; control characters in a header or
 * parameter) as a 400 in the envelope instead of the container's error page. The firewall checks parameter names
 * and header values when they are read, which may be inside Spring MVC: {@link ApiExceptionHandler} answers those
 * with the same {@link #error}. A path another protocol owns gets that protocol's shape ({@link ErrorShape}).
 */
@Component
public class FirewallRefusals implements RequestRejectedHandler {

    /** The firewall's reasons name the offending part and never more than the client itself sent. */
    private static final int MAX_DETAIL = 300;

    private final ErrorResponses errors;

    FirewallRefusals(ErrorResponses errors) {
        this.errors = errors;
    }

    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response, RequestRejectedException reason)
            throws IOException {
        String uri = request.getRequestURI();
        String path = uri == null ? null : uri.substring(Math.min(uri.length(), request.getContextPath().length()));
        errors.write(path, response, HttpStatus.BAD_REQUEST, error(reason));
    }

    /** A 400's error: code 10015 and the firewall's reason. */
    public static ApiError error(RequestRejectedException reason) {
        String message = reason.getMessage() == null ? "The request was rejected" : reason.getMessage();
        return ApiError.of(ErrorCode.BAD_REQUEST,
                message.length() <= MAX_DETAIL ? message : message.substring(0, MAX_DETAIL) + "...");
    }
}
