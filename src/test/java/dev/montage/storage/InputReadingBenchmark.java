package dev.montage.storage;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.montage.support.S3TestServer;
import dev.montage.support.TestMedia;

/**
 * The figures behind docs/storage.md's choice of how a render reads bucket inputs: ffmpeg decoding a 60 s 640x480
 * VP8 + Opus recording from a presigned URL, against copying it into the scratch folder first and decoding the
 * copy. Not a test: it runs only with {@code -Dbench.storage=true}.
 */
class InputReadingBenchmark {

    private static final String BUCKET = "montage-bench";

    @TempDir
    Path folder;

    @Test
    void presignedUrlAgainstLocalCopy() throws Exception {
        assumeTrue(Boolean.getBoolean("bench.storage"), "run with -Dbench.storage=true");
        S3TestServer s3 = S3TestServer.shared();
        s3.createBucket(BUCKET);
        var store = new S3BlobStore(new S3Settings(BUCKET, "", "us-east-1", Optional.of(s3.endpoint()), true));
        try {
            Path input = folder.resolve("input.webm");
            run(List.of(TestMedia.ffmpeg(), "-v", "error", "-f", "lavfi", "-i",
                    "testsrc2=s=640x480:r=30:d=60", "-f", "lavfi", "-i", "sine=f=440:d=60", "-c:v", "libvpx",
                    "-deadline", "realtime", "-cpu-used", "8", "-b:v", "1M", "-c:a", "libopus", "-shortest",
                    input.toString()));
            long size = Files.size(input);
            store.upload("recordings/input.webm", input);
            String url = store.presignedGet("recordings/input.webm", Duration.ofHours(1)).orElseThrow().toString();

            for (int round = 1; round <= 3; round++) {
                long start = System.nanoTime();
                Path copy = folder.resolve("copy-" + round + ".webm");
                store.fetchTo("recordings/input.webm", copy);
                long fetched = System.nanoTime();
                decode(copy.toString());
                long copyDone = System.nanoTime();
                decode(url);
                long urlDone = System.nanoTime();
                System.out.printf(Locale.ROOT, "round %d: %.1f MB; copy %.2f s + decode %.2f s = %.2f s; "
                        + "decode from presigned URL %.2f s%n", round, size / 1e6, secs(fetched - start),
                        secs(copyDone - fetched), secs(copyDone - start), secs(urlDone - copyDone));
            }
        } finally {
            store.destroy();
        }
    }

    private static void decode(String input) throws Exception {
        run(List.of(TestMedia.ffmpeg(), "-v", "error", "-i", input, "-f", "null", "-"));
    }

    private static void run(List<String> command) throws Exception {
        Process process = new ProcessBuilder(command).inheritIO().start();
        if (process.waitFor() != 0) {
            throw new IllegalStateException("failed: " + command);
        }
    }

    private static double secs(long nanos) {
        return nanos / 1e9;
    }
}
