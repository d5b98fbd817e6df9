package dev.montage.layout;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

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
     * The selection rule shared by regions and audio: a recording is selected when an entry of {@code included}
     * {@linkplain #names names} it and no entry of {@code excluded} does.
     */
    static boolean selects(List<String> included, List<String> excluded, String recordingId, String participantId,
            Optional<String> trackName) {
        return namedByAny(included, recordingId, participantId, trackName)
                && !namedByAny(excluded, recordingId, participantId, trackName);
    }

    private static boolean namedByAny(List<String> entries, String recordingId, String participantId,
            Optional<String> trackName) {
        return entries.stream().anyMatch(entry -> names(entry, recordingId, participantId, trackName));
    }

    /**
     * True when a sources entry names a recording: {@code "*"} names every recording; any other entry names the
     * recording with that id, the recordings of the participant with that id, and the recordings whose track name
     * it matches as a {@link TrackNameGlob}. A recording without a track name is named by "*" and its ids only.
     *
     * <p>Ids and track names need no marker to tell them apart: the API's ids are UUIDs, which hold no wildcard, so
     * an id matches a track name only when the name is that very UUID (Twilio's default name for a track is its
     * UUID), and a pattern such as {@code "screen*"} never equals an id.
     */
    static boolean names(String entry, String recordingId, String participantId, Optional<String> trackName) {
        return entry.equals(ALL) || entry.equals(recordingId) || entry.equals(participantId)
                || trackName.filter(name -> TrackNameGlob.matches(entry, name)).isPresent();
    }

    /** A track name is absent or has a visible character: a blank name could be named by no pattern but "*". */
    static Optional<String> checkedTrackName(Optional<String> trackName, String what) {
        if (trackName == null) {
            throw new IllegalArgumentException(what + ": track name must not be null (use Optional.empty())");
        }
        trackName.ifPresent(name -> requireId(name, what + ": track name"));
        return trackName;
    }
}
