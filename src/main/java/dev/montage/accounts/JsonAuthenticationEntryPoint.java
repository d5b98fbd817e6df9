package dev.montage.accounts;

import java.io.IOException;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.stereotype.Component;

import dev.montage.api.ApiError;
import dev.montage.api.ErrorCode;
import dev.montage.api.ErrorResponses;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * The one answer to every request without a valid key, whatever was wrong with it: 401, code 10009,
 * {@code WWW-Authenticate: Bearer}. Never a redirect to a login page.
 */
@Component
class JsonAuthenticationEntryPoint implements AuthenticationEntryPoint {

    private final ErrorResponses errors;

    JsonAuthenticationEntryPoint(ErrorResponses errors) {
        this.errors = errors;
    }

    @Override
    public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException reason)
            throws IOException {
        response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
        errors.write(response, HttpStatus.UNAUTHORIZED, ApiError.of(ErrorCode.AUTHENTICATION_FAILED,
                "Send a valid API key in the header Authorization: Bearer <key>"));
    }
}
