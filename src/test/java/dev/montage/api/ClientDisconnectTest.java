package dev.montage.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.LoggerFactory;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import dev.montage.support.ApiTest;

/**
 * A client that goes away mid-response is not the server's error: it is noted at DEBUG in one line, never an
 * ERROR with a stack trace (issue 8, defect 5).
 */
@ExtendWith(OutputCaptureExtension.class)
class ClientDisconnectTest extends ApiTest {

    /** Twenty rooms with two long webhook URLs each: a list of them is some 90 KB, more than the socket takes at once. */
    private static final int ROOMS = 20;

    private final Logger handlerLog = (Logger) LoggerFactory.getLogger(ApiExceptionHandler.class);
    private Level levelBefore;
    private String key;

    @BeforeEach
    void debugTheHandlerAndFillAPage() {
        levelBefore = handlerLog.getLevel();
        handlerLog.setLevel(Level.DEBUG);
        key = accounts.createAccount().apiKey();
        String url = "http://example.com/" + "a".repeat(1950);
        var client = api.withKey(key);
        for (int i = 0; i < ROOMS; i++) {
            assertThat(client.post("/v2/rooms", "{\"unique_name\":\"room-" + i + "\",\"webhook_event_url\":\"" + url
                    + "\",\"webhook_event_failover_url\":\"" + url + "\"}").status()).isEqualTo(201);
        }
    }

    @AfterEach
    void restoreLevel() {
        handlerLog.setLevel(levelBefore);
    }

    @Test
    void aClientThatLeavesMidResponseIsNotAnError(CapturedOutput output) throws IOException {
        // The client asks and hangs up at once; the server finds out when its writes fail. Whether the first write
        // already fails depends on timing, so the client tries a few times until the server has noticed.
        boolean noticed = false;
        for (int attempt = 0; attempt < 5 && !noticed; attempt++) {
            askAndHangUp();
            noticed = awaitQuietly(() -> output.getOut().contains("Client went away"));
        }

        assertThat(noticed).as("the server noticed the client leaving:%n%s", output).isTrue();
        assertThat(output.getAll()).doesNotContain(" ERROR ").doesNotContain("\tat ");
    }

    private void askAndHangUp() throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            OutputStream out = socket.getOutputStream();
            out.write(("GET /v2/rooms?page[size]=" + ROOMS + " HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer "
                    + key + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
        }
    }

    private static boolean awaitQuietly(java.util.concurrent.Callable<Boolean> condition) {
        try {
            Awaitility.await().atMost(Duration.ofSeconds(3)).pollInterval(Duration.ofMillis(50)).until(condition);
            return true;
        } catch (ConditionTimeoutException e) {
            return false;
        }
    }
}
