package dev.montage.twilio;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import dev.montage.support.ApiClient;
import dev.montage.support.ApiClient.Response;

/**
 * Calls {@code /v1} as Twilio's helper libraries do: HTTP Basic, form-encoded POST bodies with list parameters
 * repeated ({@code AudioSources=a&AudioSources=b}).
 */
final class TwilioClient {

    private final ApiClient http;

    private TwilioClient(ApiClient http) {
        this.http = http;
    }

    /** As Twilio's account SID and auth token: the account's SID and one of its keys. */
    static TwilioClient asAccount(int port, UUID accountId, String key) {
        return basic(port, "AC" + accountId.toString().replace("-", ""), key);
    }

    static TwilioClient basic(int port, String user, String password) {
        String token = Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
        return new TwilioClient(new ApiClient(port, null).withAuthorization("Basic " + token));
    }

    static TwilioClient withAuthorization(int port, String header) {
        return new TwilioClient(new ApiClient(port, null).withAuthorization(header));
    }

    Response get(String path) {
        return http.get(path);
    }

    Response delete(String path) {
        return http.delete(path);
    }

    /** A form POST; each entry is a name and a value, names may repeat. */
    Response post(String path, List<Map.Entry<String, String>> form) {
        String body = form.stream().map(e -> encode(e.getKey()) + "=" + encode(e.getValue()))
                .collect(Collectors.joining("&"));
        return http.post(path, body.getBytes(StandardCharsets.UTF_8), "application/x-www-form-urlencoded");
    }

    /** The path and query of an absolute URL the server handed out (a {@code meta} page URL). */
    static String pathOf(String url) {
        int path = url.indexOf('/', url.indexOf("//") + 2);
        return url.substring(path);
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
