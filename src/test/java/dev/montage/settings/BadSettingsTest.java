package dev.montage.settings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import dev.montage.MontageApplication;
import dev.montage.jobs.JobQueues;

/**
 * A setting that cannot work stops the start with a message that names it, whether its settings record refuses the
 * value or Spring Boot cannot convert it to the record component's type. The application starts as a command-line
 * run does (no web server, no job queue), on the test profile's database, with the bad value as an operator's
 * command-line argument.
 */
class BadSettingsTest {

    @TempDir
    Path dataDir;

    @ParameterizedTest(name = "{0}={1}")
    @CsvSource(delimiter = '|', value = {
            "montage.webhooks.attempts           | 0        | montage.webhooks.attempts must be at least 1, not 0",
            "montage.webhooks.base-delay         | -1s      | montage.webhooks.base-delay must be >= 0",
            "montage.media.keep-failed-scripts   | -1h      | montage.media.keep-failed-scripts must not be negative",
            "montage.media.quality.standard.x264-preset | quick | x264-preset must be one of x264's presets",
            "montage.media.quality.high.x264-crf | 60       | x264-crf must be 0 to 51, not 60",
            "montage.compositions.max-resolution | big      | montage.compositions.max-resolution must be WxH",
            "montage.compositions.max-regions    | 0        | max-regions >= 1, not 1280x720 and 0",
            "montage.compositions.segment-length | -2m      | montage.compositions.segment-length must not be negative",
            "montage.compositions.segment-length | 1500ms   | montage.compositions.segment-length must be whole seconds",
            "montage.jobs.shutdown-grace         | -5s      | montage.jobs.shutdown-grace must not be negative",
            "montage.jobs.threads                | many     | montage.jobs.threads",
            "montage.jobs.heartbeat-interval     | soon     | montage.jobs.heartbeat-interval",
            "montage.recordings.max-upload-size  | lots     | montage.recordings.max-upload-size",
            "montage.hooks.idle-end              | -1m      | montage.hooks.idle-end must not be negative",
            "montage.hooks.idle-check-interval   | 0s       | montage.hooks.idle-check-interval must be positive",
            "montage.roles                       | wroker   | montage.roles=wroker: unknown role wroker"})
    void refusesTheStartNamingTheSetting(String setting, String value, String message) {
        assertThatThrownBy(() -> start("--" + setting + "=" + value).close())
                .satisfies(failure -> assertThat(messages(failure)).as("the failure and its causes")
                        .anySatisfy(m -> assertThat(m).contains(message)));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "montage.storage.s3.endpoint=ftp://minio | montage.storage.s3.endpoint must be an http(s) URL",
            "montage.storage.s3.prefix=/videos       | montage.storage.s3.prefix must not start with '/'",
            "montage.storage.s3.region=              | montage.storage.s3.region must not be empty"})
    void refusesABucketThatCannotWork(String setting, String message) {
        assertThatThrownBy(() -> start("--montage.storage.type=s3", "--montage.storage.s3.bucket=videos",
                "--" + setting).close())
                .satisfies(failure -> assertThat(messages(failure)).as("the failure and its causes")
                        .anySatisfy(m -> assertThat(m).contains(message)));
    }

    @Test
    void refusesABucketStoreWithoutABucket() {
        assertThatThrownBy(() -> start("--montage.storage.type=s3").close())
                .satisfies(failure -> assertThat(messages(failure)).as("the failure and its causes")
                        .anySatisfy(m -> assertThat(m).contains("montage.storage.s3.bucket must name a bucket")));
    }

    private ConfigurableApplicationContext start(String... settings) {
        List<String> args = new ArrayList<>(List.of("--montage.data-dir=" + dataDir));
        args.addAll(List.of(settings));
        return new SpringApplicationBuilder(MontageApplication.class)
                .web(WebApplicationType.NONE)
                .profiles("test", JobQueues.COMMAND_LINE_PROFILE)
                .run(args.toArray(String[]::new));
    }

    private static List<String> messages(Throwable failure) {
        List<String> messages = new ArrayList<>();
        for (Throwable t = failure; t != null; t = t.getCause()) {
            messages.add(String.valueOf(t.getMessage()));
        }
        return messages;
    }
}
