package dev.montage.idempotency;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import dev.montage.support.ApiClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** POSTs with an optional Idempotency-Key, and the answer headers the key's tests look at. */
final class KeyedClient {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String base;
    private final String apiKey;
    private final ApiClient api;

    KeyedClient(int port, String apiKey, ApiClient api) {
        this.base = "http://127.0.0.1:" + port;
        this.apiKey = apiKey;
        this.api = api;
    }

    /** The same account, for requests without a key. */
    ApiClient api() {
        return api;
    }

    Answer postJson(String path, String json, String idempotencyKey) {
        return idempotencyKey == null ? postJsonWithKeys(path, json) : postJsonWithKeys(path, json, idempotencyKey);
    }

    /** With one Idempotency-Key header per key given. */
    Answer postJsonWithKeys(String path, String json, String... idempotencyKeys) {
        return post(path, json.getBytes(StandardCharsets.UTF_8), "application/json", idempotencyKeys);
    }

    /** multipart/form-data to /v2/room_recordings with a new boundary each time, as every client attempt has. */
    Answer upload(byte[] file, Map<String, String> fields, String idempotencyKey) {
        String boundary = "montage-" + UUID.randomUUID();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        for (Map.Entry<String, String> field : fields.entrySet()) {
            body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + field.getKey()
                    + "\"\r\n\r\n" + field.getValue() + "\r\n").getBytes(StandardCharsets.UTF_8));
        }
        body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"track.webm\""
                + "\r\nContent-Type: application/octet-stream\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        body.writeBytes(file);
        body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return post("/v2/room_recordings", body.toByteArray(), "multipart/form-data; boundary=" + boundary,
                idempotencyKey == null ? new String[0] : new String[] {idempotencyKey});
    }

    private Answer post(String path, byte[] body, String contentType, String... idempotencyKeys) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(60))
                .header("Authorization", "Bearer " + apiKey)
                .header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        for (String key : idempotencyKeys) {
            request.header("Idempotency-Key", key);
        }
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Answer(response.statusCode(), response.body(),
                    response.headers().firstValue("Content-Type").orElse(""),
                    response.headers().firstValue("Idempotent-Replayed").isPresent());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    record Answer(int status, String body, String contentType, boolean replayed) {
        JsonNode data() {
            return JSON.readTree(body).path("data");
        }

        JsonNode error() {
            return JSON.readTree(body).path("errors").path(0);
        }

        @Override
        public String toString() {
            return status + " " + body;
        }
    }
}
