package dev.montage.api;

import java.util.UUID;

/** Ids in paths: anything that is not a UUID names no resource, so it answers 404 like an unknown id. */
public final class Ids {

    private Ids() {
    }

    public static UUID parse(String raw, String resource) {
        try {
            return uuid(raw);
        } catch (IllegalArgumentException e) {
            throw notFound(resource, raw);
        }
    }

    /**
     * A UUID in its canonical 8-4-4-4-12 hex form, wherever a client sends one (path, query, form field):
     * {@link UUID#fromString} alone also takes {@code 1-1-1-1-1} and reads it as another id.
     *
     * @throws IllegalArgumentException if {@code raw} is not such a UUID
     */
    public static UUID uuid(String raw) {
        UUID id = UUID.fromString(raw);
        if (!id.toString().equalsIgnoreCase(raw)) {
            throw new IllegalArgumentException("not a UUID in canonical form: " + raw);
        }
        return id;
    }

    public static ApiException notFound(String resource, Object id) {
        return ApiException.notFound(resource + " " + id + " was not found");
    }
}
