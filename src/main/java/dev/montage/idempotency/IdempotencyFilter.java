package dev.montage.idempotency;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.ContentCachingResponseWrapper;

import dev.montage.admission.ApiTurns;
import dev.montage.api.AccountId;
import dev.montage.api.ApiError;
import dev.montage.api.ErrorCode;
import dev.montage.api.ErrorResponses;
import dev.montage.api.ReadAheadRequest;
import dev.montage.api.Timestamps;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.Part;

/**
 * The {@code Idempotency-Key} header on a POST under {@code /v2} (docs/api.md#idempotency-key): the first request with
 * a key runs and its answer is kept; a repeat from the same account gets that answer again and runs nothing. It runs
 * after Spring Security, so the account is known, and before anything else reads the body.
 *
 * <p>The key is claimed by inserting its row before the request runs; the table's primary key makes one of two
 * simultaneous requests the one that runs. The other waits for the stored answer, up to
 * {@link IdempotencySettings#inProgressWait()}, then answers 409 as Stripe does.
 */
final class IdempotencyFilter extends OncePerRequestFilter {

    static final String HEADER = "Idempotency-Key";
    /** Twilio's name for the same idea, on {@code /v1} POSTs. */
    static final String TWILIO_HEADER = "I-Twilio-Idempotency-Token";
    static final String REPLAYED_HEADER = "Idempotent-Replayed";
    static final int MAX_KEY_LENGTH = 255;
    /** The largest body hashed in memory: the JSON body limit. Uploads are hashed part by part from disk. */
    static final int MAX_BODY_BYTES = ReadAheadRequest.MAX_BYTES;
    /** The answer headers a repeat gets again; the rest are the same on every answer (or Spring Security's). */
    private static final List<String> KEPT_HEADERS = List.of("Location", "Allow");

    private static final Logger log = LoggerFactory.getLogger(IdempotencyFilter.class);

    private final String header;
    private final IdempotencyKeys keys;
    private final IdempotencySettings settings;
    private final ErrorResponses errors;
    private final Clock clock;
    private final AtomicReference<Instant> nextSweep = new AtomicReference<>(Instant.MIN);

    IdempotencyFilter(String header, IdempotencyKeys keys, IdempotencySettings settings, ErrorResponses errors,
            Clock clock) {
        this.header = header;
        this.keys = keys;
        this.settings = settings;
        this.errors = errors;
        this.clock = clock;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !"POST".equals(request.getMethod()) || request.getHeader(header) == null
                || !(request.getAttribute(AccountId.REQUEST_ATTRIBUTE) instanceof AccountId);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        AccountId account = (AccountId) request.getAttribute(AccountId.REQUEST_ATTRIBUTE);
        List<String> values = Collections.list(request.getHeaders(header));
        String key = values.get(0);
        if (values.size() > 1 || key.isEmpty() || key.length() > MAX_KEY_LENGTH) {
            errors.write(ErrorResponses.pathOf(request), response, HttpStatus.BAD_REQUEST,
                    ApiError.atParameter(ErrorCode.BAD_REQUEST, header,
                    values.size() > 1 ? header + " may be sent once"
                            : header + " must be 1 to " + MAX_KEY_LENGTH + " characters long, not " + key.length()));
            return;
        }

        HttpServletRequest replayable;
        String requestHash;
        try {
            if (isMultipart(request)) {
                replayable = request; // the parts stay spooled for the controller to read again
                requestHash = multipartHash(request);
            } else if (isForm(request)) {
                // /v1's form bodies: the controller reads the parameters Tomcat parsed, not the stream, so the filter
                // reads them the same way and leaves the body to the container
                replayable = request;
                requestHash = fingerprint(request).body(formBytes(request)).hex();
            } else {
                byte[] body = request.getInputStream().readNBytes(MAX_BODY_BYTES + 1);
                if (body.length > MAX_BODY_BYTES) {
                    errors.write(ErrorResponses.pathOf(request), response, HttpStatus.CONTENT_TOO_LARGE,
                            ApiError.of(ErrorCode.BAD_REQUEST,
                            "The request body exceeds " + MAX_BODY_BYTES + " bytes"));
                    return;
                }
                replayable = new ReadAheadRequest(request, body);
                requestHash = fingerprint(request).body(body).hex();
            }
        } catch (ServletException | IllegalStateException e) {
            // An upload the container cannot parse (not multipart after all, too large): it fails the same way in
            // the controller, which answers as it would without a key. Nothing ran, so there is nothing to keep.
            chain.doFilter(request, response);
            return;
        } catch (IOException e) {
            errors.writeUnreadableBody(ErrorResponses.pathOf(request), response, e);
            return;
        }
        handle(account, key, requestHash, replayable, response, chain);
    }

    private void handle(AccountId account, String key, String requestHash, HttpServletRequest request,
            HttpServletResponse response, FilterChain chain) throws ServletException, IOException {
        long waitUntil = System.nanoTime() + settings.inProgressWait().toNanos();
        while (true) {
            Instant now = Timestamps.now(clock);
            if (keys.claim(account.value(), key, requestHash, now)) {
                sweepExpired(now);
                runAndKeep(account, key, now, request, response, chain);
                return;
            }
            Optional<IdempotencyKeys.Row> found = keys.find(account.value(), key);
            if (found.isEmpty()) {
                continue; // released (a 5xx, a failure) or swept since the claim failed: claim it anew
            }
            IdempotencyKeys.Row row = found.get();
            if (row.claimedAt().isBefore(now.minus(settings.retention()))
                    || (row.answer().isEmpty() && row.claimedAt().isBefore(now.minus(settings.abandonAfter())))) {
                keys.release(account.value(), key, row.claimedAt()); // expired, or its request died with its node
                continue;
            }
            if (!row.requestHash().equals(requestHash)) {
                errors.write(ErrorResponses.pathOf(request), response, HttpStatus.UNPROCESSABLE_CONTENT,
                        ApiError.atParameter(ErrorCode.BAD_REQUEST,
                        header, "This " + header + " was used with a different request (method, path or body); "
                                + "a key may be sent again only with the request it was first sent with"));
                return;
            }
            if (row.answer().isPresent()) {
                replay(row.answer().get(), response);
                return;
            }
            ApiTurns.stepAside(request); // the twin may need the turn to finish; reading its answer needs none
            if (System.nanoTime() - waitUntil >= 0 || !pause()) {
                errors.write(ErrorResponses.pathOf(request), response, HttpStatus.CONFLICT,
                        ApiError.atParameter(ErrorCode.BAD_REQUEST, header,
                        "A request with this " + header + " is still in progress; send it again later for its answer"));
                return;
            }
        }
    }

    private void runAndKeep(AccountId account, String key, Instant claimedAt, HttpServletRequest request,
            HttpServletResponse response, FilterChain chain) throws ServletException, IOException {
        CapturedAnswer answer = new CapturedAnswer(response);
        boolean kept = false;
        try {
            chain.doFilter(request, answer);
            if (keepable(answer.getStatus()) && !answer.sentError) {
                keys.answer(account.value(), key, claimedAt, new StoredAnswer(answer.getStatus(), headersOf(answer),
                        answer.getContentAsByteArray()));
                kept = true;
            }
        } finally {
            if (!kept) {
                keys.release(account.value(), key, claimedAt); // a retry runs again
            }
        }
        answer.copyBodyToResponse();
    }

    /**
     * Every answer is kept but those a retry may change: a server error (5xx), and the transient 408, 409 (another
     * request in progress) and 429 (a rate limit). A validation error (4xx) is the request's own answer and stays.
     */
    static boolean keepable(int status) {
        return status < 500 && status != 408 && status != 409 && status != 429;
    }

    private static Map<String, String> headersOf(CapturedAnswer answer) {
        Map<String, String> headers = new LinkedHashMap<>();
        if (answer.getContentType() != null) {
            headers.put("Content-Type", answer.getContentType());
        }
        for (String name : KEPT_HEADERS) {
            String value = answer.getHeader(name);
            if (value != null) {
                headers.put(name, value);
            }
        }
        return headers;
    }

    private static void replay(StoredAnswer answer, HttpServletResponse response) throws IOException {
        response.setStatus(answer.status());
        answer.headers().forEach(response::setHeader);
        response.setHeader(REPLAYED_HEADER, "true");
        response.setContentLength(answer.body().length);
        response.getOutputStream().write(answer.body());
    }

    /** Deletes expired keys at most once per sweep interval on this node, on the way of a new key. */
    private void sweepExpired(Instant now) {
        Instant due = nextSweep.get();
        if (now.isBefore(due) || !nextSweep.compareAndSet(due, now.plus(settings.sweepInterval()))) {
            return;
        }
        int deleted = keys.deleteClaimedBefore(now.minus(settings.retention()));
        if (deleted > 0) {
            log.debug("Deleted {} expired idempotency keys", deleted);
        }
    }

    private static boolean pause() {
        try {
            Thread.sleep(50);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static boolean isForm(HttpServletRequest request) {
        String type = request.getContentType();
        return type != null && type.toLowerCase(Locale.ROOT).startsWith("application/x-www-form-urlencoded");
    }

    /** The parameters in the order sent, each name and value length-prefixed so no two forms read the same. */
    private static byte[] formBytes(HttpServletRequest request) {
        StringBuilder form = new StringBuilder();
        request.getParameterMap().forEach((name, values) -> {
            for (String value : values) {
                form.append(name.length()).append(':').append(name).append(value.length()).append(':').append(value);
            }
        });
        return form.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static boolean isMultipart(HttpServletRequest request) {
        String type = request.getContentType();
        return type != null && type.toLowerCase(Locale.ROOT).startsWith("multipart/");
    }

    private static RequestFingerprint fingerprint(HttpServletRequest request) {
        String path = request.getServletPath() + (request.getPathInfo() == null ? "" : request.getPathInfo());
        return new RequestFingerprint(request.getMethod(), path, request.getQueryString());
    }

    private static String multipartHash(HttpServletRequest request) throws IOException, ServletException {
        RequestFingerprint fingerprint = fingerprint(request);
        for (Part part : request.getParts()) {
            try (InputStream content = part.getInputStream()) {
                fingerprint.part(part.getName(), part.getSubmittedFileName(), content);
            }
        }
        return fingerprint.hex();
    }

    /**
     * The answer, held back until it is kept. An answer left to the container's error page ({@code sendError}) has
     * its body written after this filter: it is not kept, so a repeat runs again rather than replay an empty body.
     */
    private static final class CapturedAnswer extends ContentCachingResponseWrapper {
        private boolean sentError;

        CapturedAnswer(HttpServletResponse response) {
            super(response);
        }

        @Override
        public void sendError(int status) throws IOException {
            sentError = true;
            super.sendError(status);
        }

        @Override
        public void sendError(int status, String message) throws IOException {
            sentError = true;
            super.sendError(status, message);
        }
    }
}
