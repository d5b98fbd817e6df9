package dev.montage.layout;

import java.util.ArrayList;
import java.util.List;

/** Checks on ids and id lists shared by the request and track types. */
final class Ids {

    /** In a sources list, selects every recording. */
    static final String ALL = "*";

    private Ids() {
    }

    static void requireId(String id, String what) {
        if (id == null || id.isBlank()) {
            throw new IllegalArgumentException(what + " must not be blank, was " + (id == null ? "null" : "'" + id + "'"));
        }
    }

    /** A defensive copy of an id list that rejects null and blank entries, naming the list. */
    static List<String> copyOfIds(List<String> ids, String what) {
        if (ids == null) {
            throw new IllegalArgumentException(what + " must not be null (use an empty list)");
        }
        List<String> copy = new ArrayList<>(ids.size());
        for (int i = 0; i < ids.size(); i++) {
            requireId(ids.get(i), what + "[" + i + "]");
            copy.add(ids.get(i));
        }
        return List.copyOf(copy);
    }

    /**
     * The selection rule shared by regions and audio: a recording is selected when {@code included}
     * names it (by recording id or participant id) or holds {@code "*"}, and {@code excluded} names it
     * neither way nor holds {@code "*"}.
     */
    static boolean selects(List<String> included, List<String> excluded, String recordingId, String participantId) {
        return names(included, recordingId, participantId) && !names(excluded, recordingId, participantId);
    }

    private static boolean names(List<String> ids, String recordingId, String participantId) {
        return ids.contains(ALL) || ids.contains(recordingId) || ids.contains(participantId);
    }
}
