package dev.montage.ratelimits;

import org.springframework.http.HttpMethod;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

import jakarta.servlet.http.HttpServletRequest;

/** The three kinds of request that have buckets of their own, so that reading never uses up writing. */
enum RequestKind {
    READ("reads"), WRITE("writes"), UPLOAD("uploads");

    /** The recording upload, matched as the router matches it. */
    private static final RequestMatcher UPLOADS = PathPatternRequestMatcher.pathPattern(HttpMethod.POST,
            "/v2/room_recordings");

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
            default -> UPLOADS.matches(request) ? UPLOAD : WRITE;
        };
    }
}
