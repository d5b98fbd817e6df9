package dev.montage.accounts;

/**
 * The {@code /v2} routes that authenticate by other means than an API key. None yet: signed download links
 * (which carry their own HMAC) will be listed here.
 */
final class PublicRoutes {

    private PublicRoutes() {
    }

    static boolean isPublic(String method, String path) {
        return false;
    }
}
