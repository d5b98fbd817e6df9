package dev.montage.ratelimits;

import org.springframework.http.HttpMethod;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

import jakarta.servlet.http.HttpServletRequest;

/**
 * The three kinds of request that have buckets of their own, so that reading never uses up writing. The composition
 * preview counts as a read.
 */
enum RequestKind {
    READ("reads"), WRITE("writes"), UPLOAD("uploads");

    /** The recording upload, matched as the router matches it. */
    private static final RequestMatcher UPLOADS = PathPatternRequestMatcher.pathPattern(HttpMethod.POST,
            "/v2/room_recordings");
    /**
     * The composition preview is a POST that creates nothing: it reads like a GET, and the console asks for one at
     * every edit of a layout, which must not use up the writes that create the composition.
     */
    private static final RequestMatcher PREVIEWS = PathPatternRequestMatcher.pathPattern(HttpMethod.POST,
            "/v2/room_compositions/preview");

    private final String settingName;

    RequestKind(String settingName) {
        this.settingName = settingName;
    }

    /** The part of the setting's name, as in {@code montage.rate-limits.reads}. */
    String settingName() {
        return settingName;
    }

    static RequestKind of(HttpServletRequest request) {
        return switch (request.getMethod()) {
            case "GET", "HEAD", "OPTIONS" -> READ;
            default -> UPLOADS.matches(request) ? UPLOAD : PREVIEWS.matches(request) ? READ : WRITE;
        };
    }
}
