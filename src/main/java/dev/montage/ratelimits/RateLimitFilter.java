package dev.montage.ratelimits;

import java.io.IOException;
import java.util.concurrent.TimeUnit;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;

import dev.montage.api.AccountId;
import dev.montage.api.ApiError;
import dev.montage.api.ErrorCode;
import dev.montage.api.ErrorResponses;
import io.github.bucket4j.ConsumptionProbe;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Answers 429 (code 10011, with {@code Retry-After} in whole seconds, rounded up) to an account that has used up
 * its bucket for the kind of request. It runs after the key is checked, and counts only requests that carry an
 * account: requests without a valid key have already been answered 401, and the public routes (signed download
 * links, the health probe) carry none.
 *
 * <p>Not a bean, so that Spring Boot does not register it with the container outside the security chain.
 */
public final class RateLimitFilter extends OncePerRequestFilter {

    private final RateLimits limits;
    private final Refusal refusal;

    public RateLimitFilter(RateLimits limits, ErrorResponses errors) {
        this(limits, (response, detail) -> errors.write(response, HttpStatus.TOO_MANY_REQUESTS,
                ApiError.of(ErrorCode.TOO_MANY_REQUESTS, detail)));
    }

    /** With the 429's body written by {@code refusal}: the Twilio protocol under /v1 has an error shape of its own. */
    public RateLimitFilter(RateLimits limits, Refusal refusal) {
        this.limits = limits;
        this.refusal = refusal;
    }

    /** Writes the body of a 429 whose status and {@code Retry-After} are set already. */
    @FunctionalInterface
    public interface Refusal {
        void write(HttpServletResponse response, String detail) throws IOException;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !limits.enabled() || request.getAttribute(AccountId.REQUEST_ATTRIBUTE) == null;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        AccountId account = (AccountId) request.getAttribute(AccountId.REQUEST_ATTRIBUTE);
        RequestKind kind = RequestKind.of(request);
        ConsumptionProbe probe = limits.take(account, kind);
        if (probe.isConsumed()) {
            chain.doFilter(request, response);
            return;
        }
        long seconds = Math.max(1, ceilSeconds(probe.getNanosToWaitForRefill()));
        response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(seconds));
        response.setStatus(HttpStatus.TOO_MANY_REQUESTS.value());
        refusal.write(response, "Too many " + kind.settingName() + " for this account: try again in " + seconds + " s");
    }

    private static long ceilSeconds(long nanos) {
        return (nanos + TimeUnit.SECONDS.toNanos(1) - 1) / TimeUnit.SECONDS.toNanos(1);
    }
}
