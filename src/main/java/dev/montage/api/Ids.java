package dev.montage.api;

import java.util.UUID;

/** Ids in paths: anything that is not a UUID names no resource, so it answers 404 like an unknown id. */
public final class Ids {

    private Ids() {
    }

    public static UUID parse(String raw, String resource) {
        try {
            UUID id = UUID.fromString(raw);
            if (id.toString().equalsIgnoreCase(raw)) {
                return id;
            }
        } catch (IllegalArgumentException e) {
            // falls through: not a UUID
        }
        throw notFound(resource, raw);
    }

    public static ApiException notFound(String resource, Object id) {
        return ApiException.notFound(resource + " " + id + " was not found");
    }
}
