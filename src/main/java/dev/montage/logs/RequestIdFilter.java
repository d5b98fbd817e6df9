package dev.montage.logs;

import java.io.IOException;
import java.util.UUID;
import java.util.function.Supplier;

import org.slf4j.MDC;
import org.springframework.web.filter.OncePerRequestFilter;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Names every request: the client's {@code X-Request-Id} when it is sane (1 to 128 visible ASCII characters), a
 * fresh UUID otherwise. The id goes back in the response's {@code X-Request-Id} before anything else runs, so an
 * answer from the security chain (a 401) carries it too, and it is in the MDC as {@code request_id} while the
 * request is served, so every log line of the request carries it.
 */
final class RequestIdFilter extends OncePerRequestFilter {

    static final String HEADER = "X-Request-Id";
    static final String MDC_KEY = "request_id";
    static final int MAX_LENGTH = 128;

    private final Supplier<UUID> ids;

    RequestIdFilter(Supplier<UUID> ids) {
        this.ids = ids;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String given = request.getHeader(HEADER);
        String answered = response.getHeader(HEADER); // an error dispatch keeps the id of its request
        String id = answered != null ? answered : isSane(given) ? given : ids.get().toString();
        response.setHeader(HEADER, id);
        MDC.put(MDC_KEY, id);
        try {
            chain.doFilter(request, response);
        } finally {
            MDC.remove(MDC_KEY);
        }
    }

    /** The error dispatch of a failed request is still that request: its lines carry the same id. */
    @Override
    protected boolean shouldNotFilterErrorDispatch() {
        return false;
    }

    /** Visible ASCII only: an id with spaces or control characters could forge or split log lines. */
    static boolean isSane(String id) {
        if (id == null || id.isEmpty() || id.length() > MAX_LENGTH) {
            return false;
        }
        for (int i = 0; i < id.length(); i++) {
            char c = id.charAt(i);
            if (c < 0x21 || c > 0x7e) {
                return false;
            }
        }
        return true;
    }
}
