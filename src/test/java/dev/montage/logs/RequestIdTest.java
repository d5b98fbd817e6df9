package dev.montage.logs;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.logging.LogLevel;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import dev.montage.support.ApiTest;

@ExtendWith(OutputCaptureExtension.class)
class RequestIdTest extends ApiTest {

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void theClientsRequestIdIsEchoed() throws Exception {
        HttpResponse<String> response = get("/v2/rooms", key(), "client-id-42");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("X-Request-Id")).hasValue("client-id-42");
    }

    @Test
    void aRequestWithoutOneGetsAUuid() throws Exception {
        HttpResponse<String> response = get("/v2/rooms", key(), null);
        String id = response.headers().firstValue("X-Request-Id").orElseThrow();
        assertThat(UUID.fromString(id).toString()).isEqualTo(id);
    }

    @Test
    void anInsaneRequestIdIsReplacedByAUuid() throws Exception {
        for (String insane : new String[] {"a".repeat(129), "two words"}) {
            HttpResponse<String> response = get("/v2/rooms", key(), insane);
            String id = response.headers().firstValue("X-Request-Id").orElseThrow();
            assertThat(UUID.fromString(id).toString()).as(insane).isEqualTo(id);
        }
        HttpResponse<String> longest = get("/v2/rooms", key(), "b".repeat(128));
        assertThat(longest.headers().firstValue("X-Request-Id")).hasValue("b".repeat(128));
    }

    @Test
    void anUnauthorizedAnswerCarriesItToo() throws Exception {
        HttpResponse<String> refused = get("/v2/rooms", null, "refused-7");
        assertThat(refused.statusCode()).isEqualTo(401);
        assertThat(refused.headers().firstValue("X-Request-Id")).hasValue("refused-7");

        HttpResponse<String> generated = get("/v2/rooms", "KEYdoesnotexist", null);
        assertThat(generated.statusCode()).isEqualTo(401);
        assertThat(generated.headers().firstValue("X-Request-Id")).isPresent();
    }

    /** Spring Security's chain logs each request at DEBUG: that line, logged while the request runs, has its id. */
    @Test
    void theLinesLoggedDuringTheRequestCarryItsId(CapturedOutput output) throws Exception {
        LoggingSystem logging = LoggingSystem.get(getClass().getClassLoader());
        String logger = "org.springframework.security.web.FilterChainProxy";
        logging.setLogLevel(logger, LogLevel.DEBUG);
        try {
            get("/v2/rooms", key(), "traced-request-99");
        } finally {
            logging.setLogLevel(logger, null);
        }
        assertThat(output.getOut().lines().filter(line -> line.contains("Secur")))
                .anyMatch(line -> line.contains("traced-request-99"));
    }

    private String key() {
        return accounts.createAccount().apiKey();
    }

    private HttpResponse<String> get(String path, String apiKey, String requestId) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).GET();
        if (apiKey != null) {
            request.header("Authorization", "Bearer " + apiKey);
        }
        if (requestId != null) {
            request.header("X-Request-Id", requestId);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
