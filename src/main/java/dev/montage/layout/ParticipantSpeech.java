package dev.montage.layout;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Who speaks when, on the session clock: a participant's audio decides for that participant's video, so the
 * speech of all of a participant's audio recordings (a reconnect makes several) is one timeline, keyed by the
 * participant id their video tracks carry ({@link VideoTrack#participantId()}).
 *
 * <pre>
 * alice  recording 1 at 10 000: speech [0, 1000)         recording 2 at 60 000: speech [500, 800)
 * bob    recording at 12 000:   speech [0, 300) [400, 900)
 *
 * alice → [10 000, 11 000) [60 500, 60 800)
 * bob   → [12 000, 12 300) [12 400, 12 900)
 * </pre>
 */
public final class ParticipantSpeech {

    /**
     * The speech of one audio recording.
     *
     * @param startMillis where the recording starts on the session clock (its first window's start)
     * @param spans       its speech, in milliseconds from its start ({@link SpeechDetection#spans()})
     */
    public record RecordingSpeech(long startMillis, List<TimeSpan> spans) {

        public RecordingSpeech {
            spans = List.copyOf(spans);
        }
    }

    private ParticipantSpeech() {
    }

    /**
     * Each participant's spans of speech on the session clock, normalised (sorted, overlapping or touching spans
     * merged: two recordings of one participant that overlap say one thing). Participants without speech are
     * answered with an empty list, so "silent" and "unknown" stay apart. Ordered by participant id.
     */
    public static SortedMap<String, List<TimeSpan>> onSessionClock(
            Map<String, List<RecordingSpeech>> recordingsByParticipant) {
        SortedMap<String, List<TimeSpan>> speech = new TreeMap<>();
        recordingsByParticipant.forEach((participant, recordings) -> {
            if (participant == null || recordings == null) {
                throw new IllegalArgumentException("a participant id and its recordings must not be null: "
                        + participant + " → " + recordings);
            }
            List<TimeSpan> shifted = new ArrayList<>();
            for (RecordingSpeech recording : recordings) {
                for (TimeSpan span : recording.spans()) {
                    shifted.add(new TimeSpan(recording.startMillis() + span.startMillis(),
                            recording.startMillis() + span.endMillis()));
                }
            }
            speech.put(participant, TimeSpans.union(shifted));
        });
        return speech;
    }
}
