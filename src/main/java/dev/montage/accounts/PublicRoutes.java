package dev.montage.accounts;

import java.util.regex.Pattern;

/**
 * The {@code /v2} routes that authenticate by other means than an API key: a composition's media, whose
 * signed download link carries its own HMAC (so a browser {@code <video>} can play it).
 */
final class PublicRoutes {

    private static final Pattern COMPOSITION_MEDIA = Pattern.compile("/v2/room_compositions/[^/]+/media");

    private PublicRoutes() {
    }

    static boolean isPublic(String method, String path) {
        return ("GET".equals(method) || "HEAD".equals(method)) && COMPOSITION_MEDIA.matcher(path).matches();
    }
}
