package dev.montage.api;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Optional;

/**
 * The three webhook fields rooms and compositions share: {@code webhook_event_url},
 * {@code webhook_event_failover_url} (default "") and {@code webhook_timeout_secs} (0..30, default null).
 */
public record WebhookTarget(String eventUrl, String failoverUrl, Integer timeoutSecs) {

    public static final int MAX_URL_LENGTH = 2000;
    public static final int MAX_TIMEOUT_SECS = 30;

    public static final WebhookTarget NONE = new WebhookTarget(null, "", null);

    public WebhookTarget {
        failoverUrl = failoverUrl == null ? "" : failoverUrl;
    }

    /** Reads and validates the three fields of {@code fields}; defaults where absent or null. */
    public static WebhookTarget read(JsonFields fields) {
        return new WebhookTarget(
                url(fields, "webhook_event_url").orElse(null),
                url(fields, "webhook_event_failover_url").orElse(""),
                timeout(fields).orElse(null));
    }

    /** The same fields for a partial update: an absent field keeps {@code current}, null resets it. */
    public WebhookTarget patch(JsonFields fields) {
        return new WebhookTarget(
                fields.has("webhook_event_url") ? url(fields, "webhook_event_url").orElse(null) : eventUrl,
                fields.has("webhook_event_failover_url") ? url(fields, "webhook_event_failover_url").orElse("") : failoverUrl,
                fields.has("webhook_timeout_secs") ? timeout(fields).orElse(null) : timeoutSecs);
    }

    private static Optional<Integer> timeout(JsonFields fields) {
        return fields.integer("webhook_timeout_secs").filter(secs -> {
            boolean ok = secs >= 0 && secs <= MAX_TIMEOUT_SECS;
            if (!ok) {
                fields.problems().atPointer(ErrorCode.OUT_OF_RANGE, fields.pointer("webhook_timeout_secs"),
                        "webhook_timeout_secs must be between 0 and " + MAX_TIMEOUT_SECS + ", not " + secs);
            }
            return ok;
        });
    }

    /** An empty string means "no URL", as Telnyx's default for the failover URL is "". */
    private static Optional<String> url(JsonFields fields, String name) {
        return fields.string(name).filter(url -> !url.isEmpty()).filter(url -> {
            String problem = urlProblem(url);
            if (problem != null) {
                fields.problems().atPointer(ErrorCode.INVALID_URL, fields.pointer(name), name + " " + problem);
            }
            return problem == null;
        });
    }

    static String urlProblem(String url) {
        if (url.length() > MAX_URL_LENGTH) {
            return "must be at most " + MAX_URL_LENGTH + " characters, not " + url.length();
        }
        try {
            URI uri = new URI(url);
            String scheme = uri.getScheme();
            if (!uri.isAbsolute() || !("http".equalsIgnoreCase(scheme) || "https".equalsIgnoreCase(scheme))) {
                return "must be an absolute http or https URL, not '" + url + "'";
            }
            if (uri.getHost() == null || uri.getHost().isEmpty()) {
                return "must name a host: '" + url + "'";
            }
            return null;
        } catch (URISyntaxException e) {
            return "is not a valid URL: " + e.getMessage();
        }
    }
}
