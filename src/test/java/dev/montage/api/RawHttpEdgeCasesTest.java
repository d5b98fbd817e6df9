package dev.montage.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import dev.montage.support.ApiClient.Response;
import dev.montage.support.ApiTest;
import dev.montage.support.RawHttp;
import tools.jackson.databind.JsonNode;

/**
 * Ordinary client input that once got a 500 or Tomcat's HTML page (issue 8, defect 5). Each request is sent over a
 * raw socket exactly as written, where an HTTP client would refuse to, and each must get a 4xx (5xx only where
 * HTTP itself says so) in the Telnyx envelope: {@code application/json}, a code, a title, no HTML, no stack trace.
 * {@code {key}} in a request stands for a valid API key, so the request gets past authentication.
 */
class RawHttpEdgeCasesTest extends ApiTest {

    private static final String SOME_ID = "5219b3af-87c6-4c08-9b58-5a533d893e21";

    private String key;

    @BeforeEach
    void key() {
        key = accounts.createAccount().apiKey();
    }

    static Stream<Arguments> requests() {
        return Stream.of(
                // malformed percent-encoding and empty names in a query: Tomcat refuses to decode the parameters
                get("query: invalid hex escape", "/v2/rooms?page[size]=%ZZ", 400, "10015"),
                get("query: overlong UTF-8", "/v2/rooms?page[size]=%C0%80", 400, "10015"),
                get("query: empty names", "/v2/rooms?=&=", 400, "10015"),
                get("query: 10 000 parameters", "/v2/rooms?" + IntStream.range(0, 10_000)
                        .mapToObj(i -> "p" + i + "=1").collect(Collectors.joining("&")), 400, "10015"),
                get("query: over 8 KB", "/v2/rooms?x=" + "a".repeat(9000), 400, "10015"),
                get("query: raw angle brackets", "/v2/rooms?a=<b>", 400, "10015"),

                // the envelope is JSON whatever Accept asks for
                get("Accept text/html on a 404", "/v2/nothing", "Accept: text/html\r\n", 404, "10005"),
                get("Accept application/xml on a 404", "/v2/rooms/" + SOME_ID, "Accept: application/xml\r\n",
                        404, "10005"),
                get("Accept application/xml on a 422", "/v2/rooms?page[size]=0", "Accept: application/xml\r\n",
                        422, "10033"),
                get("Accept text/html on a 401", "/v2/rooms", "Accept: text/html\r\nX-No-Key: 1\r\n", 401, "10009"),
                get("Accept text/html where JSON is all there is", "/v2/rooms", "Accept: text/html\r\n", 406, "10015"),
                get("Accept unparseable", "/v2/rooms", "Accept: ;;;/\r\n", 406, "10015"),

                // numbers and dates past what java.time holds
                get("download link expiring at Long.MAX_VALUE",
                        "/v2/room_compositions/" + SOME_ID + "/media?expires=9223372036854775807&signature=x",
                        403, "10010"),
                get("download link expiring at Long.MIN_VALUE",
                        "/v2/room_compositions/" + SOME_ID + "/media?expires=-9223372036854775808&signature=x",
                        403, "10010"),
                get("date filter in year 999 999 999", "/v2/room_recordings?filter[date_started_at][eq]=%2B999999999-12-31",
                        422, "10026"),
                get("date filter lte in year 999 999 999",
                        "/v2/room_compositions?filter[date_created_at][lte]=%2B999999999-12-31", 422, "10026"),
                get("date filter on sessions in year 999 999 999",
                        "/v2/room_sessions?filter[date_created_at][gte]=%2B999999999-12-31", 422, "10026"),
                upload("started_at in year 999 999 999", "+999999999-12-31T23:59:59Z", 422, "10033"),
                upload("started_at in year 1", "0001-06-01T00:00:00Z", 422, "10033"),
                upload("started_at before 1970", "1969-12-31T23:59:59Z", 422, "10033"),
                upload("started_at in year 1 000 000 000", "+1000000000-01-01T00:00:00Z", 422, "10026"),

                // the container's error path, asked for directly
                get("GET /error", "/error", 404, "10005"),
                raw("POST /error", "POST /error HTTP/1.1\r\nHost: localhost\r\nContent-Length: 0\r\n"
                        + "Authorization: Bearer {key}\r\nConnection: close\r\n\r\n", 404, "10005"),

                // refused by Tomcat before any filter or servlet runs
                get("path: encoded slash", "/v2/rooms%2F" + SOME_ID, 400, "10015"),
                get("path: encoded NUL", "/v2/rooms%00", 400, "10015"),
                get("path: encoded backslash", "/v2/rooms%5C" + SOME_ID, 400, "10015"),
                get("path: invalid hex escape", "/v2/rooms/%ZZ", 400, "10015"),
                raw("path: raw space", "GET /v2/ro oms HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n",
                        400, "10015"),
                raw("Host: with a space", "GET /v2/rooms HTTP/1.1\r\nHost: a b\r\nConnection: close\r\n\r\n",
                        400, "10015"),
                raw("Host: unclosed IPv6 literal", "GET /v2/rooms HTTP/1.1\r\nHost: [::1\r\n"
                        + "Connection: close\r\n\r\n", 400, "10015"),
                raw("Host: missing in HTTP/1.1", "GET /v2/rooms HTTP/1.1\r\nConnection: close\r\n\r\n", 400, "10015"),
                raw("Host: two of them", "GET /v2/rooms HTTP/1.1\r\nHost: a\r\nHost: b\r\n"
                        + "Connection: close\r\n\r\n", 400, "10015"),
                raw("Host: differs from the absolute URI", "GET http://elsewhere/v2/rooms HTTP/1.1\r\n"
                        + "Host: localhost\r\nConnection: close\r\n\r\n", 400, "10015"),
                get("path: dot segments above the root", "/v2/../../etc/passwd", 400, "10015"),
                get("path: raw byte 0xFF", "/v2/rooms/\u00ff", 400, "10015"),
                get("path: a fragment", "/v2/rooms#top", 400, "10015"),
                raw("request line: TLS handshake on the plain port", "\u0016\u0003\u0001\u0000\u00a5\u0001\u0000"
                        + "\u0000\u00a1\u0003\u0003" + "\0".repeat(40) + "\r\n\r\n", 400, "10015"),
                raw("request line: method over 8 KB", "G".repeat(9000) + " /v2/rooms HTTP/1.1\r\nHost: localhost\r\n"
                        + "Connection: close\r\n\r\n", 400, "10015"),
                get("header: 101 of them", "/v2/rooms", IntStream.range(0, 101).mapToObj(i -> "X-H" + i + ": 1\r\n")
                        .collect(Collectors.joining()), 400, "10015"),
                get("header: over 8 KB", "/v2/rooms", "X-Big: " + "a".repeat(9000) + "\r\n", 400, "10015"),
                get("header: NUL in a value", "/v2/rooms", "X-Nul: a\0b\r\n", 400, "10015"),
                get("header: line without a colon", "/v2/rooms", "NoColon\r\n", 400, "10015"),
                post("Content-Length: negative", "Content-Length: -1\r\n", "{}", 400, "10015"),
                post("Content-Length: two different", "Content-Length: 2\r\nContent-Length: 3\r\n", "{}", 400,
                        "10015"),
                post("Content-Length: past Long.MAX_VALUE", "Content-Length: 99999999999999999999\r\n", "{}", 400,
                        "10015"),
                post("Content-Length: not a number", "Content-Length: two\r\n", "{}", 400, "10015"),
                post("chunked body with a bad chunk header", "Transfer-Encoding: chunked\r\n", "zz\r\n{}\r\n0\r\n\r\n",
                        400, "10015"),
                post("Expect: something unknown", "Expect: 200-ok\r\nContent-Length: 2\r\n", "{}", 417, "10015"),
                raw("request line: extra token", "GET /v2/rooms HTTP/1.1 extra\r\nHost: localhost\r\n"
                        + "Connection: close\r\n\r\n", 400, "10015"),
                raw("request line: illegal method", "G(T /v2/rooms HTTP/1.1\r\nHost: localhost\r\n"
                        + "Connection: close\r\n\r\n", 400, "10015"),
                // HTTP names a 5xx for these two: the server cannot do what was asked, whatever the client fixes
                raw("request line: HTTP/9.9", "GET /v2/rooms HTTP/9.9\r\nHost: localhost\r\n"
                        + "Connection: close\r\n\r\n", 505, "10015"),
                post("Transfer-Encoding: unknown coding", "Transfer-Encoding: gzip\r\n", "{}", 501, "10015"),
                raw("CONNECT", "CONNECT example.com:443 HTTP/1.1\r\nHost: example.com:443\r\n"
                        + "Connection: close\r\n\r\n", 501, "10015"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("requests")
    void answersInTheEnvelope(String name, String request, int status, String code) {
        Response response = RawHttp.to(port).exchange(request.replace("{key}", key));

        assertThat(response.status()).as("%s: %s", name, response).isEqualTo(status);
        assertThat(response.headers().get("content-type")).as("%s: %s", name, response)
                .startsWith("application/json");
        JsonNode error = response.error();
        assertThat(error.path("code").asString()).as("%s: %s", name, response).isEqualTo(code);
        assertThat(error.path("title").asString()).as(name).isNotBlank();
        assertThat(error.path("detail").asString()).as(name).isNotBlank();
        assertThat(response.body()).as(name).doesNotContainIgnoringCase("<html").doesNotContain("Exception")
                .doesNotContain("\tat ").doesNotContain("Tomcat");
    }

    private static Arguments get(String name, String target, int status, String code) {
        return get(name, target, "", status, code);
    }

    /** A GET with a valid key unless {@code extraHeaders} says {@code X-No-Key}. */
    private static Arguments get(String name, String target, String extraHeaders, int status, String code) {
        String authorization = extraHeaders.contains("X-No-Key") ? "" : "Authorization: Bearer {key}\r\n";
        return raw(name, "GET " + target + " HTTP/1.1\r\nHost: localhost\r\n" + authorization + extraHeaders
                + "Connection: close\r\n\r\n", status, code);
    }

    /** A room creation (a JSON POST with a valid key) with these framing headers and body. */
    private static Arguments post(String name, String framingHeaders, String body, int status, String code) {
        return raw(name, "POST /v2/rooms HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer {key}\r\n"
                + "Content-Type: application/json\r\n" + framingHeaders + "Connection: close\r\n\r\n" + body,
                status, code);
    }

    /** A recording upload whose {@code started_at} is the problem; its file is never probed. */
    private static Arguments upload(String name, String startedAt, int status, String code) {
        String body = "--b\r\nContent-Disposition: form-data; name=\"started_at\"\r\n\r\n" + startedAt + "\r\n"
                + "--b\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.webm\"\r\n"
                + "Content-Type: application/octet-stream\r\n\r\nnot media\r\n--b--\r\n";
        return raw(name, "POST /v2/room_recordings HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer {key}\r\n"
                + "Content-Type: multipart/form-data; boundary=b\r\nContent-Length: " + body.length() + "\r\n"
                + "Connection: close\r\n\r\n" + body, status, code);
    }

    private static Arguments raw(String name, String request, int status, String code) {
        return Arguments.of(name, request, status, code);
    }
}
