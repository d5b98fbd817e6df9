package dev.montage.api;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import tools.jackson.databind.JsonNode;

/**
 * Typed, lenient reading of one JSON object of a request body. A missing field and an explicit {@code null}
 * both read as empty ("use the default", DESIGN.md §1); a value of the wrong type is recorded in
 * {@link Problems} with its pointer and also reads as empty, so validation goes on and reports everything.
 */
public final class JsonFields {

    private final JsonNode node;
    private final String pointer;
    private final Problems problems;

    private JsonFields(JsonNode node, String pointer, Problems problems) {
        this.node = node;
        this.pointer = pointer;
        this.problems = problems;
    }

    /** The body's top-level object; a body that is not an object is a problem at pointer "". */
    public static JsonFields root(JsonBody body, Problems problems) {
        JsonNode root = body.root();
        if (!root.isObject()) {
            problems.atPointer(ErrorCode.WRONG_TYPE, "", "The request body must be a JSON object");
        }
        return new JsonFields(root, "", problems);
    }

    public String pointer() {
        return pointer;
    }

    public String pointer(String name) {
        return JsonPointers.child(pointer, name);
    }

    public Problems problems() {
        return problems;
    }

    public Set<String> names() {
        return node.isObject() ? Set.copyOf(node.propertyNames()) : Set.of();
    }

    /** Field names in the order the client wrote them. */
    public List<String> orderedNames() {
        return node.isObject() ? List.copyOf(node.propertyNames()) : List.of();
    }

    public boolean isPresent(String name) {
        return value(name).isPresent();
    }

    /** Whether the client wrote {@code name} at all, even as null: a partial update tells the two apart. */
    public boolean has(String name) {
        return node.isObject() && node.has(name);
    }

    public Optional<String> string(String name) {
        return value(name).filter(v -> expect(v.isString(), name, "a string")).map(JsonNode::stringValue);
    }

    public Optional<Integer> integer(String name) {
        return value(name).filter(v -> expect(v.isIntegralNumber() && v.canConvertToInt(), name, "an integer"))
                .map(JsonNode::intValue);
    }

    public Optional<Boolean> bool(String name) {
        return value(name).filter(v -> expect(v.isBoolean(), name, "a boolean")).map(JsonNode::booleanValue);
    }

    public Optional<JsonFields> object(String name) {
        return value(name).filter(v -> expect(v.isObject(), name, "an object"))
                .map(v -> new JsonFields(v, pointer(name), problems));
    }

    /** A list of strings; a non-string element is a problem at its own pointer and is left out. */
    public Optional<List<String>> strings(String name) {
        return value(name).filter(v -> expect(v.isArray(), name, "an array of strings")).map(array -> {
            List<String> out = new ArrayList<>();
            for (int i = 0; i < array.size(); i++) {
                JsonNode item = array.get(i);
                if (item.isString()) {
                    out.add(item.stringValue());
                } else {
                    problems.atPointer(ErrorCode.WRONG_TYPE, JsonPointers.child(pointer(name), i), "must be a string");
                }
            }
            return out;
        });
    }

    /** A list of integers; a non-integer element is a problem at its own pointer and is left out. */
    public Optional<List<Integer>> integers(String name) {
        return value(name).filter(v -> expect(v.isArray(), name, "an array of integers")).map(array -> {
            List<Integer> out = new ArrayList<>();
            for (int i = 0; i < array.size(); i++) {
                JsonNode item = array.get(i);
                if (item.isIntegralNumber() && item.canConvertToInt()) {
                    out.add(item.intValue());
                } else {
                    problems.atPointer(ErrorCode.WRONG_TYPE, JsonPointers.child(pointer(name), i), "must be an integer");
                }
            }
            return out;
        });
    }

    private Optional<JsonNode> value(String name) {
        if (!node.isObject()) {
            return Optional.empty();
        }
        JsonNode value = node.get(name);
        return value == null || value.isNull() ? Optional.empty() : Optional.of(value);
    }

    private boolean expect(boolean ok, String name, String what) {
        if (!ok) {
            problems.atPointer(ErrorCode.WRONG_TYPE, pointer(name), name + " must be " + what);
        }
        return ok;
    }
}
