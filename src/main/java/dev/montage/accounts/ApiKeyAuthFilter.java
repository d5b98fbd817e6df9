package dev.montage.accounts;

import java.io.IOException;
import java.util.Optional;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

import dev.montage.api.AccountId;
import dev.montage.api.ApiError;
import dev.montage.api.ErrorCode;
import dev.montage.api.ErrorResponses;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Every {@code /v2} request needs {@code Authorization: Bearer <key>}. Missing, malformed and unknown keys
 * all answer the same 401 (10009), so the answer tells an attacker nothing about which keys exist.
 */
@Component
class ApiKeyAuthFilter extends OncePerRequestFilter {

    private static final String BEARER = "Bearer ";

    private final AccountService accounts;
    private final ErrorResponses errors;

    ApiKeyAuthFilter(AccountService accounts, ErrorResponses errors) {
        this.accounts = accounts;
        this.errors = errors;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        return !(path.equals("/v2") || path.startsWith("/v2/")) || PublicRoutes.isPublic(request.getMethod(), path);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Optional<AccountId> account = bearerKey(request).flatMap(accounts::authenticate);
        if (account.isEmpty()) {
            response.setHeader("WWW-Authenticate", "Bearer");
            errors.write(response, HttpStatus.UNAUTHORIZED, ApiError.of(ErrorCode.AUTHENTICATION_FAILED,
                    "Send a valid API key in the header Authorization: Bearer <key>"));
            return;
        }
        request.setAttribute(AccountId.REQUEST_ATTRIBUTE, account.get());
        chain.doFilter(request, response);
    }

    private static Optional<String> bearerKey(HttpServletRequest request) {
        String header = request.getHeader("Authorization");
        if (header == null || !header.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            return Optional.empty();
        }
        String key = header.substring(BEARER.length()).trim();
        return key.isEmpty() || key.length() > 200 ? Optional.empty() : Optional.of(key);
    }
}
