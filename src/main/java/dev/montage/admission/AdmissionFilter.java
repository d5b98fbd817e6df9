package dev.montage.admission;

import java.io.IOException;
import java.util.List;
import java.util.Locale;

import org.apache.tomcat.util.http.InvalidParameterException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;

import dev.montage.api.ApiError;
import dev.montage.api.ErrorCode;
import dev.montage.api.ErrorResponses;
import dev.montage.api.ReadAheadRequest;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Runs each API request in a turn of {@link ApiTurns}; a request that finds the queue full, or waits too long, is
 * answered 503 with {@code Retry-After} (code 10011) and runs nothing.
 *
 * <p>A turn is taken only when the request is all there: a small body (JSON, a form) is read first, so a client that
 * sends its body slowly holds its own thread, not a turn. What streams (uploads, downloads, bodies of unknown or
 * large length) and what has limits of its own (thumbnails and storyboard images, made by ffmpeg in slots of their
 * own) takes no turn: their time is the network's or ffmpeg's, and a turn held for minutes would stop everyone else.
 * The health probes and the console are outside {@code /v1} and {@code /v2} and never wait.
 */
final class AdmissionFilter extends OncePerRequestFilter {

    static final int RETRY_AFTER_SECONDS = 1;
    /** Routes that stream or are bounded by ffmpeg slots of their own. */
    private static final List<String> OWN_PACE = List.of("/media", "/Media", "/thumbnail", "/storyboard/image");

    private final ApiTurns turns;
    private final ErrorResponses errors;

    AdmissionFilter(ApiTurns turns, ErrorResponses errors) {
        this.turns = turns;
        this.errors = errors;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String path = ErrorResponses.pathOf(request);
        return !(path.startsWith("/v2/") || path.startsWith("/v1/")) || OWN_PACE.stream().anyMatch(path::endsWith);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        HttpServletRequest whole;
        try {
            whole = readAhead(request);
        } catch (InvalidParameterException e) {
            // Tomcat refuses a malformed form once; the controller would find no parameters at all
            errors.write(ErrorResponses.pathOf(request), response, HttpStatus.BAD_REQUEST,
                    ApiError.of(ErrorCode.BAD_REQUEST, ApiError.MALFORMED_PARAMETERS));
            return;
        } catch (IOException e) {
            errors.writeUnreadableBody(ErrorResponses.pathOf(request), response, e);
            return;
        }
        if (whole == null) {
            chain.doFilter(request, response); // a body that streams: no turn
            return;
        }
        ApiTurns.Turn turn = turns.take();
        if (turn == null) {
            response.setHeader(HttpHeaders.RETRY_AFTER, Integer.toString(RETRY_AFTER_SECONDS));
            errors.write(ErrorResponses.pathOf(request), response, HttpStatus.SERVICE_UNAVAILABLE, ApiError.of(
                    ErrorCode.TOO_MANY_REQUESTS, "This node has more requests than it can take at the moment; try "
                            + "again in " + RETRY_AFTER_SECONDS + " s"));
            return;
        }
        request.setAttribute(ApiTurns.ATTRIBUTE, turn);
        try {
            chain.doFilter(whole, response);
        } finally {
            turn.close();
            request.removeAttribute(ApiTurns.ATTRIBUTE);
        }
    }

    /**
     * The request with its body in memory (the request itself when it has none, or a form Tomcat has parsed), or
     * null for a body that is not read here: multipart, of unknown length, or over the JSON body limit.
     */
    private static HttpServletRequest readAhead(HttpServletRequest request) throws IOException {
        long length = request.getContentLengthLong();
        if (length == 0 || (length < 0 && request.getHeader(HttpHeaders.TRANSFER_ENCODING) == null)) {
            return request;
        }
        String type = request.getContentType() == null ? "" : request.getContentType().toLowerCase(Locale.ROOT);
        if (length < 0 || length > ReadAheadRequest.MAX_BYTES || type.startsWith("multipart/")) {
            return null;
        }
        if (type.startsWith("application/x-www-form-urlencoded")) {
            request.getParameterMap(); // Tomcat reads and parses it now; the controller reads the parameters
            return request;
        }
        byte[] body = request.getInputStream().readNBytes((int) length);
        if (body.length < length) {
            throw new IOException("The body ended after " + body.length + " of " + length + " bytes");
        }
        return new ReadAheadRequest(request, body);
    }
}
