package dev.montage.accounts;

import java.io.IOException;

import org.springframework.http.HttpStatus;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.security.web.firewall.RequestRejectedHandler;
import org.springframework.stereotype.Component;

import dev.montage.api.ApiError;
import dev.montage.api.ErrorCode;
import dev.montage.api.ErrorResponses;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * The firewall's refusals (a path not in canonical form: {@code ;}, encoded {@code /}, {@code \}, {@code .} or
 * {@code %}, {@code //}, dot segments; a method outside the usual seven; control characters in a header or
 * parameter) as a 400 in the envelope instead of the container's error page.
 */
@Component
class JsonRequestRejectedHandler implements RequestRejectedHandler {

    /** The firewall's reasons name the offending part and never more than the client itself sent. */
    private static final int MAX_DETAIL = 300;

    private final ErrorResponses errors;

    JsonRequestRejectedHandler(ErrorResponses errors) {
        this.errors = errors;
    }

    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response, RequestRejectedException reason)
            throws IOException {
        errors.write(response, HttpStatus.BAD_REQUEST, ApiError.of(ErrorCode.BAD_REQUEST, detail(reason)));
    }

    private static String detail(RequestRejectedException reason) {
        String message = reason.getMessage() == null ? "The request was rejected" : reason.getMessage();
        return message.length() <= MAX_DETAIL ? message : message.substring(0, MAX_DETAIL) + "...";
    }
}
