package dev.montage.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The application as an operator runs it: a JVM of its own ({@code java -cp … dev.montage.MontageApplication}),
 * started by a shell with the usual umask 022, on a port of its choosing, a data folder and a
 * {@link ChildDatabase}, with its output in {@code <data-dir>/process-N.log}. What only a real process shows — a
 * SIGTERM, the JVM's shutdown hooks, an exit, the modes of the files it creates — is tested with it.
 */
public final class MontageProcess implements AutoCloseable {

    /** The application from this JVM's class path: what the tests run, before any jar is packaged. */
    private static final List<String> TEST_CLASSES =
            List.of("-cp", System.getProperty("java.class.path"), "dev.montage.MontageApplication");
    private static final Duration READY_WITHIN = Duration.ofSeconds(90);
    /** Spring Boot's line once Tomcat listens: the port it chose for {@code server.port=0}. */
    private static final Pattern LISTENING = Pattern.compile("Tomcat started on port (\\d+)");

    private final Process process;
    private final Path log;
    private ApiClient api;

    private MontageProcess(Process process, Path log) {
        this.process = process;
        this.log = log;
    }

    /** Starts a node and returns once it answers API calls with the key of its first start. */
    public static MontageProcess start(Path dataDir, ChildDatabase database, String... settings) {
        return startNode(TEST_CLASSES, dataDir, database, "/v2/rooms", settings);
    }

    /**
     * Starts a node that serves no API ({@code montage.roles=worker} among the settings) and returns once its
     * health endpoint answers 200; its {@link #api()} client carries the key of the data folder's first start.
     */
    public static MontageProcess startWithoutApi(Path dataDir, ChildDatabase database, String... settings) {
        return startNode(TEST_CLASSES, dataDir, database, "/actuator/health", settings);
    }

    /** Starts a node that is expected to refuse to start, and answers its exit code and output once it ended. */
    public static Finished startRefused(Path dataDir, ChildDatabase database, String... settings) {
        return run(dataDir, database, "--server.port=0", settings);
    }

    /** Runs a command ({@code create-api-key}) to its end and answers its exit code and output. */
    public static Finished run(Path dataDir, ChildDatabase database, String command, String... settings) {
        List<String> args = new ArrayList<>(List.of(command));
        args.addAll(List.of(settings));
        MontageProcess run = launch(dataDir, database, args);
        try {
            if (!run.process.waitFor(READY_WITHIN.toSeconds(), TimeUnit.SECONDS)) {
                run.close();
                throw new AssertionError("'" + command + "' did not end within " + READY_WITHIN + ":\n" + run.log());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        return new Finished(run.process.exitValue(), run.log());
    }

    /** What a command run left: its exit code and everything it printed. */
    public record Finished(int exitCode, String output) {
    }

    /**
     * Starts a node from the packaged jar ({@code java -jar}), the way an operator deploys it, and returns once it
     * answers API calls. For integration tests, which run after {@code package}.
     */
    public static MontageProcess startJar(Path jar, Path dataDir, ChildDatabase database, String... settings) {
        return startNode(List.of("-jar", jar.toAbsolutePath().toString()), dataDir, database, "/v2/rooms", settings);
    }

    /** The jar {@code package} built, as an operator deploys it: what integration tests start. */
    public static Path packagedJar() throws IOException {
        try (Stream<Path> files = Files.list(Path.of("target"))) {
            return files.filter(f -> f.getFileName().toString().matches("montage-.*\\.jar")).findFirst()
                    .orElseThrow(() -> new IllegalStateException("no montage jar in target/: run after package"));
        }
    }

    /** Starts {@code program} as a node and returns once {@code probe} answers 200 with the first start's key. */
    private static MontageProcess startNode(List<String> program, Path dataDir, ChildDatabase database, String probe,
            String... settings) {
        // port 0: the node binds a free port itself, so no other process can take it between a probe and the bind
        List<String> args = new ArrayList<>(List.of("--server.port=0"));
        args.addAll(List.of(settings));
        MontageProcess node = launch(program, dataDir, database, args);
        node.awaitReady(dataDir.resolve("api-key"), probe);
        return node;
    }

    private static MontageProcess launch(Path dataDir, ChildDatabase database, List<String> args) {
        return launch(TEST_CLASSES, dataDir, database, args);
    }

    private static MontageProcess launch(List<String> program, Path dataDir, ChildDatabase database,
            List<String> args) {
        try {
            Files.createDirectories(dataDir);
            Path log = Files.createTempFile(dataDir, "process-", ".log");
            List<String> command = new ArrayList<>(List.of(
                    // this JVM's umask cannot be set, and the service must not depend on it: the usual one
                    "sh", "-c", "umask 022 && exec \"$@\"", "sh",
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    // a small, quickly started JVM: these processes live for seconds on a shared machine
                    "-Xmx384m", "-XX:TieredStopAtLevel=1"));
            command.addAll(program);
            command.addAll(args); // a command's name must come first
            command.add("--montage.data-dir=" + dataDir.toAbsolutePath());
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(log.toFile());
            builder.environment().remove("MONTAGE_DB_URL");
            builder.environment().remove("MONTAGE_DB_USER");
            builder.environment().putAll(database.environment());
            // a node pointed at the tests' S3 server (S3TestServer) finds its credentials where an operator's
            // would be: in the environment, read by the AWS SDK's default chain
            if (System.getProperty("aws.accessKeyId") != null) {
                builder.environment().put("AWS_ACCESS_KEY_ID", System.getProperty("aws.accessKeyId"));
                builder.environment().put("AWS_SECRET_ACCESS_KEY", System.getProperty("aws.secretAccessKey"));
            }
            return new MontageProcess(builder.start(), log);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Waits for the key of the first start (kept from an earlier start) and for {@code probe} to answer 200. */
    private void awaitReady(Path keyFile, String probe) {
        long deadline = System.nanoTime() + READY_WITHIN.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new AssertionError("the node exited with " + process.exitValue() + " while starting:\n" + log());
            }
            Matcher listening = LISTENING.matcher(log());
            try {
                if (listening.find() && Files.exists(keyFile)) {
                    ApiClient client = new ApiClient(Integer.parseInt(listening.group(1)),
                            Files.readString(keyFile).trim());
                    if (client.get(probe).status() == 200) {
                        api = client;
                        return;
                    }
                }
            } catch (IOException | IllegalStateException e) {
                // not listening yet, or the key file is being written
            }
            pause(200);
        }
        close();
        throw new AssertionError("the node did not answer within " + READY_WITHIN + ":\n" + log());
    }

    /** A client for this node with the key its first start wrote. */
    public ApiClient api() {
        return api;
    }

    /**
     * Sends SIGTERM ({@link Process#destroy()} on Linux), as {@code kill}, systemd or Kubernetes stop a service,
     * and waits for the JVM to exit: answers how long that took.
     */
    public Duration terminate(Duration atMost) {
        long start = System.nanoTime();
        process.destroy();
        try {
            if (!process.waitFor(atMost.toMillis(), TimeUnit.MILLISECONDS)) {
                close();
                throw new AssertionError("the node did not exit within " + atMost + " of SIGTERM:\n" + log());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        return Duration.ofNanos(System.nanoTime() - start);
    }

    /** The process id: db-scheduler names a node's schedulers {@code <pid>@<host>/<queue>}. */
    public long pid() {
        return process.pid();
    }

    /** SIGKILL, as the OOM killer or a power cut stop a node: nothing runs on the way out. Waits for the exit. */
    public void kill() {
        try {
            process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Everything the process printed so far. */
    public String log() {
        try {
            return Files.readString(log, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    /** Kills the process if it still runs, and waits for it: its files and schema are removed after this. */
    @Override
    public void close() {
        if (process.isAlive()) {
            try {
                process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
