package dev.montage.twilio;

import java.util.List;

import org.springframework.security.authentication.AbstractAuthenticationToken;

import dev.montage.api.AccountId;

/** HTTP Basic's user name and password on their way to being checked, or the account they proved; never both. */
final class TwilioCredentials extends AbstractAuthenticationToken {

    private final String username;
    private final String password;
    private final AccountId account;

    private TwilioCredentials(String username, String password, AccountId account) {
        super(List.of());
        this.username = username;
        this.password = password;
        this.account = account;
        super.setAuthenticated(account != null);
    }

    static TwilioCredentials unchecked(String username, String password) {
        return new TwilioCredentials(username, password, null);
    }

    static TwilioCredentials of(AccountId account) {
        return new TwilioCredentials(null, null, account);
    }

    String username() {
        return username;
    }

    String password() {
        return password;
    }

    AccountId account() {
        return account;
    }

    @Override
    public Object getCredentials() {
        return password;
    }

    @Override
    public Object getPrincipal() {
        return account != null ? account : username;
    }

    @Override
    public void setAuthenticated(boolean authenticated) {
        if (authenticated && account == null) {
            throw new IllegalArgumentException("only checked credentials authenticate an account");
        }
        super.setAuthenticated(authenticated);
    }
}
