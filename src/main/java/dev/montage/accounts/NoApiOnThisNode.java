package dev.montage.accounts;

import java.io.IOException;

import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;

import dev.montage.api.ApiError;
import dev.montage.api.ErrorCode;
import dev.montage.api.ErrorResponses;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * On a node without the api role ({@code montage.roles=worker}) every request but the health probe and the
 * metrics scrape is answered
 * 404 in the envelope, before any key is looked at: the node serves no {@code /v2}, whoever asks. A balancer
 * routes API calls to the api nodes; one that sends them here anyway gets a plain "not found", never a 401 that
 * would send the client looking for a key problem.
 */
final class NoApiOnThisNode extends OncePerRequestFilter {

    private final ErrorResponses errors;

    NoApiOnThisNode(ErrorResponses errors) {
        this.errors = errors;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return PublicRoutes.ACTUATOR.matches(request);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        errors.write(response, HttpStatus.NOT_FOUND, ApiError.of(ErrorCode.NOT_FOUND,
                "This node serves no API (it is a worker): send API calls to a node with the api role"));
    }
}
