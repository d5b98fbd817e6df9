package dev.montage.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import dev.montage.MontageApplication;
import dev.montage.jobs.JobQueues;
import dev.montage.support.ChildDatabase;
import dev.montage.support.MontageProcess;
import dev.montage.support.S3TestServer;

/**
 * {@code migrate-blobs} copies a local folder installation's blobs into a bucket: all of them the first time, none
 * the second, and only what is missing or differs after an interrupted run.
 */
class MigrateBlobsCommandTest {

    private static final String BUCKET = "montage-migrate";
    private static final S3TestServer S3 = S3TestServer.shared();

    @TempDir
    Path dataDir;

    @Test
    void copiesEveryBlobOnceAndResumesAfterAnInterruptedRun() throws Exception {
        S3.createBucket(BUCKET);
        Path blobs = dataDir.resolve("blobs");
        Files.createDirectories(blobs.resolve("recordings"));
        Files.createDirectories(blobs.resolve("compositions"));
        Files.writeString(blobs.resolve("recordings/a.webm"), "alice");
        Files.writeString(blobs.resolve("recordings/b.webm"), "bob's recording");
        Files.writeString(blobs.resolve("compositions/c-1.mp4"), "composed");

        try (ConfigurableApplicationContext command = run("s3")) {
            // under this test's prefix: the other test of the class shares the bucket, in either order
            assertThat(S3.keys(BUCKET)).filteredOn(key -> key.startsWith("m/")).containsExactlyInAnyOrder(
                    "m/recordings/a.webm", "m/recordings/b.webm", "m/compositions/c-1.mp4");
            assertThat(S3.size(BUCKET, "m/recordings/b.webm")).isEqualTo(15);

            MigrateBlobsCommand migration = command.getBean(MigrateBlobsCommand.class);
            S3BlobStore bucket = command.getBean(S3BlobStore.class);
            assertThat(migration.migrate(bucket)).isEqualTo(new MigrateBlobsCommand.Result(0, 3, 0));

            // an interrupted run: one object missing, one cut short
            S3.delete(BUCKET, "m/recordings/a.webm");
            Files.writeString(dataDir.resolve("short"), "bob");
            bucket.upload("recordings/b.webm", dataDir.resolve("short"));
            assertThat(migration.migrate(bucket)).isEqualTo(new MigrateBlobsCommand.Result(2, 1, 5 + 15));
            assertThat(S3.size(BUCKET, "m/recordings/a.webm")).isEqualTo(5);
            assertThat(S3.size(BUCKET, "m/recordings/b.webm")).isEqualTo(15);
        }
        assertThat(blobs.resolve("recordings/a.webm")).as("the local files stay").exists();
    }

    /** As an operator runs it: {@code java … MontageApplication migrate-blobs}, a JVM that prints and exits. */
    @Test
    void theCommandLinePrintsItsCountsAndExits() throws Exception {
        S3.createBucket(BUCKET);
        Path blobs = dataDir.resolve("blobs");
        Files.createDirectories(blobs.resolve("recordings"));
        Files.writeString(blobs.resolve("recordings/x.webm"), "x");
        Files.writeString(blobs.resolve("recordings/y.webm"), "yy");
        String[] settings = {"--montage.storage.type=s3", "--montage.storage.s3.bucket=" + BUCKET,
                "--montage.storage.s3.prefix=cli/", "--montage.storage.s3.endpoint=" + S3.endpoint(),
                "--montage.storage.s3.path-style-access=true"};
        try (ChildDatabase database = ChildDatabase.isolated(dataDir)) {
            MontageProcess.Finished first = MontageProcess.run(dataDir, database, MigrateBlobsCommand.NAME, settings);
            assertThat(first.exitCode()).as(first.output()).isZero();
            assertThat(first.output()).contains("copied=2 skipped=0 bytes_copied=3")
                    .doesNotContain("Tomcat started");
            MontageProcess.Finished again = MontageProcess.run(dataDir, database, MigrateBlobsCommand.NAME, settings);
            assertThat(again.exitCode()).as(again.output()).isZero();
            assertThat(again.output()).contains("copied=0 skipped=2 bytes_copied=0");
        }
        assertThat(S3.size(BUCKET, "cli/recordings/y.webm")).isEqualTo(2);
    }

    @Test
    void withoutABucketTheCommandSaysWhatToSet() {
        assertThatThrownBy(() -> run("local").close())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("montage.storage.type=s3");
    }

    @Test
    void anUnknownStoreTypeIsRefusedAtStartWithTheSettingsName() {
        assertThatThrownBy(() -> run("gcs").close())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("montage.storage.type must be 'local' or 's3', not 'gcs'");
    }

    /** The command as {@code java -jar montage.jar migrate-blobs} runs it: no web server, no job queue. */
    private ConfigurableApplicationContext run(String storageType) {
        return new SpringApplicationBuilder(MontageApplication.class)
                .web(WebApplicationType.NONE)
                .profiles("test", MigrateBlobsCommand.PROFILE, JobQueues.COMMAND_LINE_PROFILE)
                // as command-line arguments: they win over the test profile's data folder, as an operator's do
                .run(MigrateBlobsCommand.NAME, "--montage.data-dir=" + dataDir,
                        "--montage.storage.type=" + storageType,
                        "--montage.storage.s3.bucket=" + BUCKET,
                        "--montage.storage.s3.prefix=m/",
                        "--montage.storage.s3.endpoint=" + S3.endpoint(),
                        "--montage.storage.s3.path-style-access=true");
    }
}
