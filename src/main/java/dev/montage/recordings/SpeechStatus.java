package dev.montage.recordings;

import java.util.Arrays;

/**
 * Where an audio recording's speech-activity timeline stands, as {@code room_recordings.speech_status} and the
 * activity's {@code status} spell it. An upload stores its audio {@link #PENDING}; the analysis job (or a
 * composition that needs the timeline first) moves it on once, to {@link #ANALYSED} or {@link #FAILED}.
 */
enum SpeechStatus {
    /** The analysis has not run yet. */
    PENDING("pending"),
    /** The timeline is stored. */
    ANALYSED("analysed"),
    /** The analysis gave up; {@code speech_failure} says why. */
    FAILED("failed");

    private final String wireName;

    SpeechStatus(String wireName) {
        this.wireName = wireName;
    }

    String wireName() {
        return wireName;
    }

    static SpeechStatus fromWire(String wireName) {
        return Arrays.stream(values()).filter(s -> s.wireName.equals(wireName)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown speech status: " + wireName));
    }
}
