package dev.montage.twilio;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import org.springframework.http.HttpHeaders;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.authentication.AuthenticationConverter;

import jakarta.servlet.http.HttpServletRequest;

/**
 * Reads {@code Authorization: Basic base64(user:password)}, what every Twilio helper library sends. Anything else
 * (no header, a Bearer key, bad base64, no colon) yields no credentials, so it ends in the same 401 as wrong ones.
 */
final class BasicCredentialsConverter implements AuthenticationConverter {

    private static final String BASIC = "Basic ";

    /** A SID and a key are well under a hundred characters each; a longer header is not worth a look-up. */
    private static final int MAX_HEADER_LENGTH = 400;

    @Override
    public Authentication convert(HttpServletRequest request) {
        String header = request.getHeader(HttpHeaders.AUTHORIZATION);
        if (header == null || header.length() > MAX_HEADER_LENGTH
                || !header.regionMatches(true, 0, BASIC, 0, BASIC.length())) {
            return null;
        }
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(header.substring(BASIC.length()).trim()),
                    StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return null;
        }
        int colon = decoded.indexOf(':');
        if (colon <= 0 || colon == decoded.length() - 1) {
            return null;
        }
        return TwilioCredentials.unchecked(decoded.substring(0, colon), decoded.substring(colon + 1));
    }
}
