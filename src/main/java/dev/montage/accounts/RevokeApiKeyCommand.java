package dev.montage.accounts;

import java.util.List;
import java.util.UUID;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.ExitCodeGenerator;
import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Component;

/**
 * {@code java -jar montage.jar revoke-api-key <id>} (the id {@code list-api-keys} shows): the key is refused from
 * its next request on, by every node: it returns once the nodes' short-lived memory of valid keys has lapsed
 * ({@link AccountService#revoke}, a few seconds). Revoking a key already revoked changes nothing and succeeds; an
 * id that names no key exits 1, a missing or malformed one 2.
 */
@Component
@Profile(RevokeApiKeyCommand.PROFILE)
public class RevokeApiKeyCommand implements ApplicationRunner, ExitCodeGenerator {

    public static final String NAME = "revoke-api-key";
    public static final String PROFILE = "revoke-api-key";

    private final AccountService accounts;
    private int exitCode;

    RevokeApiKeyCommand(AccountService accounts) {
        this.accounts = accounts;
    }

    @Override
    public void run(ApplicationArguments args) {
        List<String> operands = args.getNonOptionArgs();
        if (operands.size() != 2) {
            fail(2, "usage: revoke-api-key <id>  (the id list-api-keys shows)");
            return;
        }
        UUID id;
        try {
            id = UUID.fromString(operands.get(1));
        } catch (IllegalArgumentException e) {
            fail(2, "revoke-api-key: '" + operands.get(1) + "' is not a key id (list-api-keys shows them)");
            return;
        }
        switch (accounts.revoke(id)) {
            case REVOKED -> System.out.println("revoked " + id);
            case ALREADY_REVOKED -> System.out.println("already revoked " + id);
            case NO_SUCH_KEY -> fail(1, "revoke-api-key: no key has the id " + id);
        }
    }

    private void fail(int code, String message) {
        System.err.println(message);
        exitCode = code;
    }

    @Override
    public int getExitCode() {
        return exitCode;
    }
}
