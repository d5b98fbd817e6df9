package dev.montage.accounts;

import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Component;

/**
 * Checks an API key against the stored digests. Being a bean, it also tells Spring Boot that this application
 * authenticates on its own, so Boot creates no default user with a generated password.
 */
@Component
class ApiKeyAuthenticationProvider implements AuthenticationProvider {

    private final AccountService accounts;

    ApiKeyAuthenticationProvider(AccountService accounts) {
        this.accounts = accounts;
    }

    @Override
    public Authentication authenticate(Authentication authentication) {
        String key = ((ApiKeyAuthentication) authentication).key();
        return accounts.authenticate(key).map(ApiKeyAuthentication::of)
                .orElseThrow(() -> new BadCredentialsException("unknown API key"));
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return ApiKeyAuthentication.class.isAssignableFrom(authentication);
    }
}
