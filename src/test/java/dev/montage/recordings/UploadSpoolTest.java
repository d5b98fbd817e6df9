package dev.montage.recordings;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import dev.montage.support.ApiTest;

/**
 * An upload still arriving lies in the owner-only data folder, not in the container's temp folder under /tmp where
 * every local user could read it (issue 8, defect 4).
 */
class UploadSpoolTest extends ApiTest {

    @Test
    void anUploadInTransitIsSpooledInsideTheDataFolder() throws Exception {
        Path spool = dataDir.resolve("tmp");
        List<Path> before = files(spool);
        String key = accounts.createAccount().apiKey();
        String head = "--b\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.webm\"\r\n"
                + "Content-Type: video/webm\r\n\r\n";
        byte[] firstBytes = new byte[256 * 1024];
        try (Socket socket = new Socket("127.0.0.1", port)) {
            OutputStream out = socket.getOutputStream();
            out.write(("POST /v2/room_recordings HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " + key + "\r\n"
                    + "Content-Type: multipart/form-data; boundary=b\r\nContent-Length: " + (4 * firstBytes.length)
                    + "\r\n\r\n" + head).getBytes(StandardCharsets.ISO_8859_1));
            out.write(firstBytes);
            out.flush();

            // the rest never comes: while the container waits for it, its spool file must be in the data folder
            Awaitility.await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                    assertThat(files(spool)).as("files spooled under %s", spool).hasSizeGreaterThan(before.size()));
        }
    }

    private static List<Path> files(Path folder) throws Exception {
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(folder)) {
            return files.filter(Files::isRegularFile).toList();
        }
    }
}
