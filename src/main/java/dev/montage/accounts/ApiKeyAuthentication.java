package dev.montage.accounts;

import java.util.List;

import org.springframework.security.authentication.AbstractAuthenticationToken;

import dev.montage.api.AccountId;

/** An API key on its way to being checked, or the account it proved; never both. */
final class ApiKeyAuthentication extends AbstractAuthenticationToken {

    private final String key;
    private final AccountId account;

    private ApiKeyAuthentication(String key, AccountId account) {
        super(List.of());
        this.key = key;
        this.account = account;
        super.setAuthenticated(account != null);
    }

    static ApiKeyAuthentication unchecked(String key) {
        return new ApiKeyAuthentication(key, null);
    }

    static ApiKeyAuthentication of(AccountId account) {
        return new ApiKeyAuthentication(null, account);
    }

    String key() {
        return key;
    }

    AccountId account() {
        return account;
    }

    @Override
    public Object getCredentials() {
        return key;
    }

    @Override
    public Object getPrincipal() {
        return account;
    }

    @Override
    public void setAuthenticated(boolean authenticated) {
        if (authenticated && account == null) {
            throw new IllegalArgumentException("only a checked key authenticates an account");
        }
        super.setAuthenticated(authenticated);
    }
}
