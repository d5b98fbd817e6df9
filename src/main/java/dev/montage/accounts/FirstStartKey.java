package dev.montage.accounts;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Component;

import dev.montage.jobs.JobQueues;
import dev.montage.node.NodeSettings;
import dev.montage.storage.OwnerOnlyFiles;

/**
 * On the very first start (no key at all), creates an account and a key, prints the key once and writes it to
 * {@code <data-dir>/api-key}, readable by the owner only, so the README quick start needs no other step.
 */
@Component
@Profile("!" + JobQueues.COMMAND_LINE_PROFILE) // no command creates a key unasked
class FirstStartKey implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(FirstStartKey.class);

    private final AccountService accounts;
    private final Path dataDir;

    FirstStartKey(AccountService accounts, NodeSettings node) {
        this.accounts = accounts;
        this.dataDir = node.dataDir();
    }

    @Override
    public void run(ApplicationArguments args) throws IOException {
        if (accounts.anyKeyExists()) {
            return;
        }
        AccountService.NewAccount account = accounts.createAccount();
        Path file = writeOwnerOnly(dataDir.resolve("api-key"), account.apiKey());
        log.info("First start: created account {} with API key {} (also saved in {})",
                account.accountId(), account.apiKey(), file.toAbsolutePath().normalize());
    }

    static Path writeOwnerOnly(Path file, String content) throws IOException {
        OwnerOnlyFiles.createDirectories(file.getParent());
        Files.deleteIfExists(file);
        try {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException e) {
            Files.createFile(file); // not a POSIX file system: the folder's own protection applies
        }
        Files.writeString(file, content + "\n", StandardCharsets.UTF_8, StandardOpenOption.TRUNCATE_EXISTING);
        return file;
    }
}
