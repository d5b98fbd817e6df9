package dev.montage.accounts;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Component;

/**
 * {@code java -jar montage.jar create-api-key} (or {@code mvn spring-boot:run -Dspring-boot.run.arguments=create-api-key}):
 * creates a new account with its key against the configured database and prints the key on standard output.
 */
@Component
@Profile(CreateApiKeyCommand.PROFILE)
public class CreateApiKeyCommand implements ApplicationRunner {

    public static final String NAME = "create-api-key";
    public static final String PROFILE = "create-api-key";

    private final AccountService accounts;

    CreateApiKeyCommand(AccountService accounts) {
        this.accounts = accounts;
    }

    @Override
    public void run(ApplicationArguments args) {
        AccountService.NewAccount account = accounts.createAccount();
        System.out.println("account_id=" + account.accountId());
        System.out.println("api_key=" + account.apiKey());
    }
}
