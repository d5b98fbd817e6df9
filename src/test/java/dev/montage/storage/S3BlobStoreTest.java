package dev.montage.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;
import java.util.Random;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.montage.support.S3TestServer;

/** {@link S3BlobStore} alone against a real S3-compatible server: what the flow test's small files do not reach. */
class S3BlobStoreTest {

    private static final String BUCKET = "montage-store";
    private static final S3TestServer S3 = S3TestServer.shared();
    private static S3BlobStore store;

    @TempDir
    Path folder;

    @BeforeAll
    static void start() {
        S3.createBucket(BUCKET);
        store = new S3BlobStore(new S3Settings(BUCKET, "p/", "us-east-1", Optional.of(S3.endpoint()), true));
    }

    @AfterAll
    static void stop() {
        store.destroy();
    }

    @Test
    void aFileLargerThanOnePartGoesUpInPartsAndComesBackWhole() throws Exception {
        byte[] content = new byte[(int) (2 * S3BlobStore.PART_SIZE + 12345)];
        new Random(9).nextBytes(content);
        Path file = Files.write(folder.resolve("big.bin"), content);

        store.putFile("recordings/big.bin", file);

        assertThat(file).as("the source is gone afterwards").doesNotExist();
        assertThat(S3.size(BUCKET, "p/recordings/big.bin")).isEqualTo(content.length);
        assertThat(S3.etag(BUCKET, "p/recordings/big.bin")).as("uploaded in three parts").matches("\"?[0-9a-f]+-3\"?");
        assertThat(store.size("recordings/big.bin")).isEqualTo(content.length);
        try (InputStream in = store.open("recordings/big.bin")) {
            assertThat(in.readAllBytes()).isEqualTo(content);
        }
        long offset = S3BlobStore.PART_SIZE - 5;
        try (InputStream in = store.openRange("recordings/big.bin", offset, 10)) {
            assertThat(in.readAllBytes()).isEqualTo(Arrays.copyOfRange(content, (int) offset, (int) offset + 10));
        }
        Path copy = folder.resolve("copy.bin");
        store.fetchTo("recordings/big.bin", copy);
        assertThat(Files.readAllBytes(copy)).isEqualTo(content);

        store.delete("recordings/big.bin");
        assertThat(S3.size(BUCKET, "p/recordings/big.bin")).isEqualTo(-1);
    }

    @Test
    void aPresignedGetNeedsNoCredentials() throws Exception {
        Path file = Files.writeString(folder.resolve("small.mp4"), "not really a video");
        store.putFile("compositions/small.mp4", file);

        URI link = store.presignedGet("compositions/small.mp4", Duration.ofHours(1)).orElseThrow();

        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(link).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("not really a video");
        HttpResponse<String> tampered = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create(link.toString().replace("X-Amz-Signature=", "X-Amz-Signature=0"))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(tampered.statusCode()).isEqualTo(403);
    }

    @Test
    void deletingAFolderDeletesEveryBlobUnderItAndNothingBeside() throws IOException {
        store.putFile("pictures/c-1/thumbnail.jpg", Files.writeString(folder.resolve("a"), "a"));
        store.putFile("pictures/c-1/storyboard.jpg", Files.writeString(folder.resolve("b"), "b"));
        store.putFile("pictures/c-10/thumbnail.jpg", Files.writeString(folder.resolve("c"), "c"));

        store.deleteFolder("pictures/c-1");
        store.deleteFolder("pictures/none"); // nothing there: no error

        assertThat(S3.size(BUCKET, "p/pictures/c-1/thumbnail.jpg")).isEqualTo(-1);
        assertThat(S3.size(BUCKET, "p/pictures/c-1/storyboard.jpg")).isEqualTo(-1);
        assertThat(S3.size(BUCKET, "p/pictures/c-10/thumbnail.jpg")).as("a folder whose name starts alike").isEqualTo(1);
        store.delete("pictures/c-10/thumbnail.jpg");
    }

    @Test
    void aMissingBlobIsNoSuchFileAndDeletingItIsNoError() throws IOException {
        assertThat(store.sizeIfPresent("recordings/none.webm")).isEmpty();
        assertThatThrownBy(() -> store.size("recordings/none.webm")).isInstanceOf(NoSuchFileException.class);
        assertThatThrownBy(() -> store.open("recordings/none.webm")).isInstanceOf(NoSuchFileException.class);
        assertThatThrownBy(() -> store.fetchTo("recordings/none.webm", folder.resolve("x")))
                .isInstanceOf(NoSuchFileException.class);
        store.delete("recordings/none.webm");
    }

    @Test
    void settingsThatCannotWorkAreRefusedWithTheirName() {
        assertThatThrownBy(() -> new S3Settings(" ", "", "us-east-1", Optional.empty(), false))
                .hasMessageContaining("montage.storage.s3.bucket");
        assertThatThrownBy(() -> new S3Settings("b", "", "us-east-1", Optional.of(URI.create("ftp://x")), false))
                .hasMessageContaining("montage.storage.s3.endpoint");
        assertThatThrownBy(() -> new S3Settings("b", "/p", "us-east-1", Optional.empty(), false))
                .hasMessageContaining("montage.storage.s3.prefix");
    }
}
