package dev.montage.accounts;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.montage.support.ApiClient.Response;
import dev.montage.support.ApiTest;
import dev.montage.support.RawHttp;
import tools.jackson.databind.JsonNode;

/**
 * Issue 8, defect 3: the key check must see the path the router sees. Every route is sent in the forms a client can
 * spell it that the servlet container or Spring MVC decode or normalise back to the route (percent-encoded
 * letters, path parameters, doubled slashes, dot segments), plus upper-case forms, over a raw socket so nothing
 * normalises them on the way. Without a key none may reach a controller; with a key none may fail with a 500.
 */
class PathVariantsTest extends ApiTest {

    private static final String JSON = "application/json";

    /** Encoded separators ({@code %2F}, {@code %5C}): Tomcat refuses them with a 400 before any filter runs. */
    private static final String CONTAINER_REFUSED = "encoded separator";

    private String roomId;

    @BeforeEach
    void aRoomToFind() {
        roomId = createRoom(api, "{\"unique_name\":\"secret-room\"}").path("id").asString();
    }

    /** Every route of the controllers, with real or well-formed ids; the public media route last. */
    private List<Route> routes() {
        String any = UUID.randomUUID().toString();
        return List.of(
                new Route("GET", "/v2/rooms"),
                new Route("POST", "/v2/rooms"),
                new Route("GET", "/v2/rooms/" + roomId),
                new Route("PATCH", "/v2/rooms/" + roomId),
                new Route("DELETE", "/v2/rooms/" + roomId),
                new Route("GET", "/v2/rooms/" + roomId + "/sessions"),
                new Route("GET", "/v2/room_sessions"),
                new Route("GET", "/v2/room_sessions/" + any),
                new Route("GET", "/v2/room_sessions/" + any + "/participants"),
                new Route("POST", "/v2/room_sessions/" + any + "/actions/end"),
                new Route("GET", "/v2/room_participants"),
                new Route("GET", "/v2/room_participants/" + any),
                new Route("GET", "/v2/room_recordings"),
                new Route("POST", "/v2/room_recordings"),
                new Route("DELETE", "/v2/room_recordings"),
                new Route("GET", "/v2/room_recordings/" + any),
                new Route("DELETE", "/v2/room_recordings/" + any),
                new Route("GET", "/v2/room_compositions"),
                new Route("POST", "/v2/room_compositions"),
                new Route("GET", "/v2/room_compositions/" + any),
                new Route("DELETE", "/v2/room_compositions/" + any),
                new Route("GET", "/v2/room_compositions/" + any + "/webhook_deliveries"),
                new Route("GET", "/v2/webhooks/public_key"),
                new Route("GET", "/v2/room_compositions/" + any + "/media"));
    }

    /**
     * The spellings of {@code path} ({@code /v2/<resource>...}) by kind. Each either decodes or normalises to
     * {@code path} in Tomcat or Spring MVC, or differs from it only in case.
     */
    static Map<String, List<String>> variants(String path) {
        String rest = path.substring("/v2".length());                    // "/rooms/..."
        String resource = rest.substring(1).split("/")[0];               // "rooms"
        String afterResource = rest.substring(1 + resource.length());   // "/..." or ""
        Map<String, List<String>> variants = new LinkedHashMap<>();
        variants.put("encoded", List.of(
                "/%76%32" + rest,
                "/v%32" + rest,
                "/v2/%" + hex(resource.charAt(0)) + resource.substring(1) + afterResource));
        variants.put(CONTAINER_REFUSED, List.of(
                "/v2%2F" + rest.substring(1),
                "/v2%2f" + rest.substring(1),
                "/v2%5C" + rest.substring(1)));
        variants.put("semicolon", List.of(
                "/v2;x" + rest,
                "/v2;jsessionid=0123456789ABCDEF" + rest,
                "/v2/" + resource + ";x" + afterResource,
                path + ";jsessionid=0123456789ABCDEF"));
        variants.put("double slash", List.of(
                "/" + path,
                "/v2/" + rest,
                "/v2/" + resource + "/" + afterResource));
        variants.put("dot segment", List.of(
                "/v2/." + rest,
                "/x/.." + path,
                "/v2/x/.." + rest,
                "/v2/%2e" + rest,
                "/x/%2e%2e" + path,
                "/x/%2E%2E" + path,
                "/x/.%2e" + path));
        variants.put("case", List.of(
                "/V2" + rest,
                "/v2/" + resource.toUpperCase(Locale.ROOT) + afterResource));
        return variants;
    }

    @Test
    void noSpellingOfAnyRouteGetsInWithoutAKey() {
        SoftAssertions softly = new SoftAssertions();
        int sent = 0;
        for (Route route : routes()) {
            for (Map.Entry<String, List<String>> kind : variants(route.path()).entrySet()) {
                for (String variant : kind.getValue()) {
                    Response response = send(route.method(), variant, null);
                    String what = kind.getKey() + " " + route.method() + " " + variant + " -> " + response;
                    softly.assertThat(response.status()).as(what).isBetween(400, 499);
                    assertEnvelope(softly, response, what);
                    softly.assertThat(response.body()).as(what).doesNotContain("\"data\"", "secret-room", "public_key");
                    sent++;
                }
            }
        }
        softly.assertAll();
        assertThat(sent).isGreaterThan(400);
        // and nothing changed: the room is still there, with its name
        assertThat(api.get("/v2/rooms/" + roomId).data().path("unique_name").asString()).isEqualTo("secret-room");
    }

    @Test
    void withAKeyEverySpellingWorksLikeTheRouteOrIsRefusedInTheEnvelope() {
        String key = newAccountKey();
        createRoomAs(key);
        SoftAssertions softly = new SoftAssertions();
        for (Route route : routes()) {
            if (!route.method().equals("GET")) {
                continue; // a write through a variant that works would change what the next variant sees
            }
            int canonical = send("GET", route.path(), key).status();
            for (Map.Entry<String, List<String>> kind : variants(route.path()).entrySet()) {
                for (String variant : kind.getValue()) {
                    Response response = send("GET", variant, key);
                    String what = kind.getKey() + " GET " + variant + " -> " + response;
                    softly.assertThat(response.status()).as(what).isLessThan(500);
                    if (response.status() != canonical) {
                        softly.assertThat(response.status()).as(what).isBetween(400, 499);
                        assertEnvelope(softly, response, what);
                    }
                }
            }
        }
        softly.assertAll();
    }

    /**
     * A client announces a 1 GB upload and sends only its first bytes: the 401 must come without the rest, so the
     * body was never parsed nor spooled. A server that parsed first would wait for the body and the read time out.
     */
    @Test
    void anUploadWithoutAKeyIsRefusedBeforeItsBodyIsRead() {
        long before = storedRecordingFiles();
        String boundary = "b0undary";
        byte[] start = ("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.webm\"\r\n"
                + "Content-Type: application/octet-stream\r\n\r\n" + "x".repeat(64 * 1024))
                .getBytes(StandardCharsets.UTF_8);
        for (String target : List.of("/v2/room_recordings", "/%76%32/room_recordings", "/v%32/room_recordings",
                "/v2;x/room_recordings", "/V2/room_recordings", "/v2/room_recordings;jsessionid=0123456789ABCDEF")) {
            for (String key : new String[] {null, "KEYdoesnotexist"}) {
                Response response = RawHttp.to(port).timeoutMillis(5_000)
                        .header("Authorization", key == null ? null : "Bearer " + key)
                        .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                        .send("POST", target, start, 1L << 30);
                assertThat(response.status()).as("%s %s", target, response).isBetween(400, 499);
                assertThat(response.headers().get("content-type")).as(target).startsWith(JSON);
                assertThat(response.error().path("code").asString()).as(target).matches("100\\d\\d");
            }
        }
        Response canonical = RawHttp.to(port).timeoutMillis(5_000)
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .send("POST", "/v2/room_recordings", start, 1L << 30);
        assertThat(canonical.status()).isEqualTo(401);
        assertThat(canonical.headers().get("www-authenticate")).isEqualTo("Bearer");
        assertThat(canonical.error().path("code").asString()).isEqualTo("10009");
        assertThat(storedRecordingFiles()).isEqualTo(before);
    }

    private String newAccountKey() {
        return accounts.createAccount().apiKey();
    }

    private void createRoomAs(String key) {
        Response created = RawHttp.to(port).header("Authorization", "Bearer " + key).header("Content-Type", JSON)
                .send("POST", "/v2/rooms", "{}".getBytes(StandardCharsets.UTF_8));
        assertThat(created.status()).as("%s", created).isEqualTo(201);
    }

    /** The request a client would send to {@code method} with a small valid-looking body where one belongs. */
    private Response send(String method, String target, String key) {
        RawHttp http = RawHttp.to(port).header("Authorization", key == null ? null : "Bearer " + key);
        if (target.contains("room_recordings") && method.equals("POST")) {
            String boundary = "b0undary";
            byte[] body = ("--" + boundary + "\r\nContent-Disposition: form-data; name=\"started_at\"\r\n\r\n"
                    + "2024-05-01T10:00:00Z\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8);
            return http.header("Content-Type", "multipart/form-data; boundary=" + boundary).send(method, target, body);
        }
        if (method.equals("POST") || method.equals("PATCH")) {
            return http.header("Content-Type", JSON).send(method, target, "{}".getBytes(StandardCharsets.UTF_8));
        }
        return http.send(method, target);
    }

    private static void assertEnvelope(SoftAssertions softly, Response response, String what) {
        softly.assertThat(response.headers().get("content-type")).as(what).startsWith(JSON);
        if (response.headers().get("content-type").startsWith(JSON)) {
            JsonNode error = response.error();
            softly.assertThat(error.path("code").asString()).as(what).matches("100\\d\\d");
            softly.assertThat(error.path("title").asString()).as(what).isNotBlank();
            softly.assertThat(error.path("detail").asString()).as(what).isNotBlank();
            softly.assertThat(response.body()).as(what).doesNotContain("Exception", "at org.", "at dev.");
        }
    }

    private static String hex(char c) {
        return String.format("%02X", (int) c);
    }

    record Route(String method, String path) {
    }

    /** Keeps this class's own list honest: each variant of a path is distinct and spells something else. */
    @Test
    void variantsAreDistinctSpellings() {
        List<String> all = new ArrayList<>();
        variants("/v2/rooms/abc/sessions").values().forEach(all::addAll);
        assertThat(all).doesNotHaveDuplicates().doesNotContain("/v2/rooms/abc/sessions").hasSize(22);
    }
}
