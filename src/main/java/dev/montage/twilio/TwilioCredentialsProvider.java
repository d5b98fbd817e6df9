package dev.montage.twilio;

import java.util.Optional;

import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.core.Authentication;

import dev.montage.accounts.AccountService;
import dev.montage.api.AccountId;

/**
 * Checks Twilio's HTTP Basic credentials against Montage's accounts and keys (docs/twilio.md):
 * <ul>
 *   <li>user name an account SID ({@code AC} + the account's UUID), password any of that account's keys, as Twilio's
 *       account SID and auth token;</li>
 *   <li>user name an API key SID ({@code SK} + the key's UUID), password that key, as Twilio's API key and secret.</li>
 * </ul>
 * Revoked keys are refused, as on {@code /v2}. Not a bean: the application's one provider bean stays the
 * {@code /v2} key check, which keeps Spring Boot from making a default user.
 */
final class TwilioCredentialsProvider implements AuthenticationProvider {

    private final AccountService accounts;

    TwilioCredentialsProvider(AccountService accounts) {
        this.accounts = accounts;
    }

    @Override
    public Authentication authenticate(Authentication authentication) {
        TwilioCredentials credentials = (TwilioCredentials) authentication;
        return account(credentials.username(), credentials.password()).map(TwilioCredentials::of)
                .orElseThrow(() -> new BadCredentialsException("unknown account or key SID, or wrong secret"));
    }

    private Optional<AccountId> account(String username, String password) {
        Optional<AccountId> byAccount = TwilioSid.ACCOUNT.parse(username)
                .flatMap(account -> accounts.authenticateAccountKey(account, password));
        if (byAccount.isPresent()) {
            return byAccount;
        }
        return TwilioSid.API_KEY.parse(username).flatMap(key -> accounts.authenticateKeyById(key, password));
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return TwilioCredentials.class.isAssignableFrom(authentication);
    }
}
