package dev.montage.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import dev.montage.support.ApiClient.Response;
import tools.jackson.databind.JsonNode;

/** Assertions on the wire format every resource shares: the error envelope, lists and timestamps. */
public final class ApiAssertions {

    /** ISO 8601 UTC with exactly six fractional digits and {@code Z} (DESIGN.md §1). */
    public static final Pattern TIMESTAMP = Pattern.compile("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{6}Z");

    private ApiAssertions() {
    }

    /** A 422 whose errors include {@code code} at query parameter {@code parameter}; answers that error. */
    public static JsonNode assertParameterProblem(Response response, String code, String parameter) {
        return assertProblem(response, 422, code, "parameter", parameter);
    }

    /** A 422 whose errors include {@code code} at body pointer {@code pointer}; answers that error. */
    public static JsonNode assertPointerProblem(Response response, String code, String pointer) {
        return assertProblem(response, 422, code, "pointer", pointer);
    }

    /** {@code status} with an error of {@code code} whose source has {@code sourceKey} = {@code sourceValue}. */
    public static JsonNode assertProblem(Response response, int status, String code, String sourceKey,
            String sourceValue) {
        assertThat(response.status()).as("status of %s", response).isEqualTo(status);
        assertThat(response.headers().get("content-type")).startsWith("application/json");
        for (JsonNode error : response.json().path("errors")) {
            if (error.path("code").asString().equals(code)
                    && error.path("source").path(sourceKey).asString().equals(sourceValue)) {
                assertThat(error.path("title").asString()).isNotBlank();
                assertThat(error.path("detail").asString()).isNotBlank();
                assertThat(error.path("meta").isObject()).isTrue();
                return error;
            }
        }
        throw new AssertionError("no error " + code + " at " + sourceKey + " " + sourceValue + " in " + response);
    }

    /** The one error of a 404 for a resource that does not exist (or is not the caller's). */
    public static void assertNotFound(Response response) {
        assertThat(response.status()).as("status of %s", response).isEqualTo(404);
        assertThat(response.json().path("errors")).hasSize(1);
        assertThat(response.error().path("code").asString()).isEqualTo("10005");
        assertThat(response.error().path("detail").asString()).isNotBlank();
    }

    /** The {@code id}s of a list answer, in order, after checking it is a 200 list. */
    public static List<String> ids(Response list) {
        assertThat(list.status()).as("status of %s", list).isEqualTo(200);
        assertThat(list.json().path("data").isArray()).as("data of %s", list).isTrue();
        List<String> ids = new ArrayList<>();
        for (JsonNode item : list.data()) {
            ids.add(item.path("id").asString());
        }
        return ids;
    }

    /** Every field named {@code *_at}, at any depth, is null or a wire timestamp; answers how many were checked. */
    public static int assertWireTimestamps(JsonNode node) {
        int checked = 0;
        if (node.isObject()) {
            for (String name : node.propertyNames()) {
                JsonNode value = node.get(name);
                if (name.endsWith("_at") && !value.isNull()) {
                    assertThat(value.isString()).as("%s in %s", name, node).isTrue();
                    assertThat(value.asString()).as("%s in %s", name, node).matches(TIMESTAMP);
                    checked++;
                } else {
                    checked += assertWireTimestamps(value);
                }
            }
        } else if (node.isArray()) {
            for (JsonNode item : node) {
                checked += assertWireTimestamps(item);
            }
        }
        return checked;
    }

    /** {@code filter[a][b]=x} with its brackets percent-encoded, as the current SDKs send it. */
    public static String encoded(String query) {
        return query.replace("[", "%5B").replace("]", "%5D");
    }
}
