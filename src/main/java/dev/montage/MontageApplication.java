package dev.montage;

import java.time.Clock;
import java.util.Map;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.util.IdGenerator;
import org.springframework.util.JdkIdGenerator;

import dev.montage.accounts.CreateApiKeyCommand;
import dev.montage.jobs.JobQueues;
import dev.montage.storage.MigrateBlobsCommand;

/**
 * Montage: a self-hosted Room Compositions service speaking the Telnyx Video API.
 *
 * <p>{@code java -jar montage.jar} serves the API; {@code java -jar montage.jar create-api-key} creates a new
 * account with a key, prints the key and exits without starting the web server; {@code migrate-blobs} copies the
 * local folder's blobs into the configured bucket (see docs/storage.md) and exits likewise.
 */
@SpringBootApplication
public class MontageApplication {

    /** The commands a first argument may name, each with the profile of its runner. */
    private static final Map<String, String> COMMANDS = Map.of(
            CreateApiKeyCommand.NAME, CreateApiKeyCommand.PROFILE,
            MigrateBlobsCommand.NAME, MigrateBlobsCommand.PROFILE);

    public static void main(String[] args) {
        String command = args.length > 0 ? COMMANDS.get(args[0]) : null;
        if (command != null) {
            SpringApplication app = new SpringApplication(MontageApplication.class);
            app.setWebApplicationType(WebApplicationType.NONE);
            // a command-line run is not a node: it runs no job of either queue (JobQueues)
            app.setAdditionalProfiles(command, JobQueues.COMMAND_LINE_PROFILE);
            System.exit(SpringApplication.exit(app.run(args)));
        }
        SpringApplication.run(MontageApplication.class, args);
    }

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    @Bean
    IdGenerator idGenerator() {
        return new JdkIdGenerator();
    }
}
