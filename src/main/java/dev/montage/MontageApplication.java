package dev.montage;

import java.time.Clock;
import java.util.Arrays;
import java.util.List;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.util.IdGenerator;
import org.springframework.util.JdkIdGenerator;

import dev.montage.accounts.CreateApiKeyCommand;
import dev.montage.accounts.ListApiKeysCommand;
import dev.montage.accounts.RevokeApiKeyCommand;
import dev.montage.jobs.JobQueues;
import dev.montage.storage.MigrateBlobsCommand;

/**
 * Montage: a self-hosted Room Compositions service speaking the Telnyx Video API.
 *
 * <p>{@code java -jar montage.jar} serves the API; {@code java -jar montage.jar create-api-key} creates a new
 * account with a key, prints the key and exits without starting the web server; {@code migrate-blobs} copies the
 * local folder's blobs into the configured bucket (see docs/storage.md) and exits likewise; {@code list-api-keys}
 * and {@code revoke-api-key <id>} manage keys. {@code --help} lists the commands; an unknown one exits 2.
 */
@SpringBootApplication
public class MontageApplication {

    /** The commands a first argument may name, in the order {@code --help} lists them. */
    private static final List<Command> COMMANDS = List.of(
            new Command(CreateApiKeyCommand.NAME, CreateApiKeyCommand.PROFILE, "",
                    "creates an account with a new API key and prints the key (shown this once only)"),
            new Command(ListApiKeysCommand.NAME, ListApiKeysCommand.PROFILE, "",
                    "lists every key: id, account, first characters, created, last used, revoked (never the key)"),
            new Command(RevokeApiKeyCommand.NAME, RevokeApiKeyCommand.PROFILE, " <id>",
                    "revokes the key with that id: every node refuses it from its next request on"),
            new Command(MigrateBlobsCommand.NAME, MigrateBlobsCommand.PROFILE, "",
                    "copies the local folder's blobs into the configured S3 bucket (docs/storage.md)"));

    /** A first argument that runs a task and exits instead of serving: its name, profile and what {@code --help} says. */
    private record Command(String name, String profile, String operands, String description) {
    }

    public static void main(String[] args) {
        if (Arrays.asList(args).contains("--help") || Arrays.asList(args).contains("-h")) {
            System.out.print(usage());
            return;
        }
        if (args.length > 0 && !args[0].startsWith("-")) {
            // a first argument that is no option names a command; a mistyped one must not start a server instead
            Command command = COMMANDS.stream().filter(c -> c.name().equals(args[0])).findFirst().orElse(null);
            if (command == null) {
                System.err.print("montage: unknown command '" + args[0] + "'\n\n" + usage());
                System.exit(2);
            }
            SpringApplication app = new SpringApplication(MontageApplication.class);
            app.setWebApplicationType(WebApplicationType.NONE);
            // a command-line run is not a node: it runs no job of either queue (JobQueues)
            app.setAdditionalProfiles(command.profile(), JobQueues.COMMAND_LINE_PROFILE);
            System.exit(SpringApplication.exit(app.run(args)));
        }
        SpringApplication.run(MontageApplication.class, args);
    }

    private static String usage() {
        StringBuilder usage = new StringBuilder("""
                usage: java -jar montage.jar [--setting=value ...]            serve the API (and run jobs)
                       java -jar montage.jar <command> [operands] [--setting=value ...]

                commands (each runs against the configured database and exits; it runs no jobs):
                """);
        for (Command command : COMMANDS) {
            usage.append(String.format("  %-22s %s%n", command.name() + command.operands(), command.description()));
        }
        usage.append("""

                Settings are Spring properties (--montage.data-dir=/srv/montage, or MONTAGE_DATA_DIR in the
                environment); the database is MONTAGE_DB_URL, MONTAGE_DB_USER, MONTAGE_DB_PASSWORD. On the embedded
                database, run commands with the service stopped. See README.md.
                """);
        return usage.toString();
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
