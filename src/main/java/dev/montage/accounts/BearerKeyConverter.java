package dev.montage.accounts;

import org.springframework.http.HttpHeaders;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.authentication.AuthenticationConverter;

import jakarta.servlet.http.HttpServletRequest;

/**
 * Reads {@code Authorization: Bearer <key>}. A header that is absent or not of that form yields no
 * authentication at all, so it ends in the same 401 as an unknown key: the answer never says which it was.
 */
final class BearerKeyConverter implements AuthenticationConverter {

    private static final String BEARER = "Bearer ";

    /** Keys are 46 characters; anything much longer is not worth a database look-up. */
    private static final int MAX_KEY_LENGTH = 200;

    @Override
    public Authentication convert(HttpServletRequest request) {
        String header = request.getHeader(HttpHeaders.AUTHORIZATION);
        if (header == null || !header.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            return null;
        }
        String key = header.substring(BEARER.length()).trim();
        return key.isEmpty() || key.length() > MAX_KEY_LENGTH ? null : ApiKeyAuthentication.unchecked(key);
    }
}
