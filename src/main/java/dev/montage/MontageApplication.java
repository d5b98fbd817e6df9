package dev.montage;

import java.time.Clock;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.util.IdGenerator;
import org.springframework.util.JdkIdGenerator;

import dev.montage.accounts.CreateApiKeyCommand;
import dev.montage.jobs.JobQueues;

/**
 * Montage: a self-hosted Room Compositions service speaking the Telnyx Video API.
 *
 * <p>{@code java -jar montage.jar} serves the API; {@code java -jar montage.jar create-api-key} creates a new
 * account with a key, prints the key and exits without starting the web server.
 */
@SpringBootApplication
public class MontageApplication {

    public static void main(String[] args) {
        if (args.length > 0 && CreateApiKeyCommand.NAME.equals(args[0])) {
            SpringApplication app = new SpringApplication(MontageApplication.class);
            app.setWebApplicationType(WebApplicationType.NONE);
            // a command-line run is not a node: it runs no job of either queue (JobQueues)
            app.setAdditionalProfiles(CreateApiKeyCommand.PROFILE, JobQueues.COMMAND_LINE_PROFILE);
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
