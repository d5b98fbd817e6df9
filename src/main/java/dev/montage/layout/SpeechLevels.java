package dev.montage.layout;

import java.util.Arrays;

/**
 * A recording's speech-activity timeline: the loudness of its audio in consecutive windows of
 * {@code windowMillis}, the first starting at the recording's first instant, as whole dBFS from
 * {@link #SILENCE_DB} (digital silence and anything quieter) to 0 (full scale). One byte a window, so
 * {@link #toBytes()} is what is stored: an hour at 100 ms is 36 KB.
 *
 * <pre>{@code
 * SpeechLevels levels = SpeechLevels.ofDecibels(100, -100, -21, -21, -100);
 * levels.decibels(1);        // -21
 * levels.window(1);          // [100, 200)
 * }</pre>
 */
public final class SpeechLevels {

    /** The quietest level: 16-bit audio cannot say anything quieter than about -96 dBFS. */
    public static final int SILENCE_DB = -100;

    private final int windowMillis;
    private final byte[] attenuations;

    private SpeechLevels(int windowMillis, byte[] attenuations) {
        if (windowMillis <= 0) {
            throw new IllegalArgumentException("a window must last at least 1 ms, not " + windowMillis);
        }
        for (byte attenuation : attenuations) {
            if (attenuation < 0 || attenuation > -SILENCE_DB) {
                throw new IllegalArgumentException("a stored level must lie between 0 and " + -SILENCE_DB
                        + " dB below full scale, not " + attenuation);
            }
        }
        this.windowMillis = windowMillis;
        this.attenuations = attenuations;
    }

    /** Levels in dBFS, each clamped to {@code [SILENCE_DB, 0]}. */
    public static SpeechLevels ofDecibels(int windowMillis, int... decibels) {
        byte[] stored = new byte[decibels.length];
        for (int i = 0; i < decibels.length; i++) {
            stored[i] = (byte) -Math.max(SILENCE_DB, Math.min(0, decibels[i]));
        }
        return new SpeechLevels(windowMillis, stored);
    }

    /** Reads what {@link #toBytes()} wrote: one byte a window, the level's distance below full scale. */
    public static SpeechLevels fromBytes(int windowMillis, byte[] stored) {
        return new SpeechLevels(windowMillis, stored.clone());
    }

    public int windowMillis() {
        return windowMillis;
    }

    /** How many windows the timeline has. */
    public int size() {
        return attenuations.length;
    }

    /** The level of window {@code index} in dBFS. */
    public int decibels(int index) {
        return -attenuations[index];
    }

    /** Every window's level in dBFS, in time order. */
    public int[] decibels() {
        int[] all = new int[attenuations.length];
        for (int i = 0; i < all.length; i++) {
            all[i] = -attenuations[i];
        }
        return all;
    }

    /** The instants window {@code index} covers, in milliseconds from the recording's start. */
    public TimeSpan window(int index) {
        return new TimeSpan((long) index * windowMillis, (long) (index + 1) * windowMillis);
    }

    public byte[] toBytes() {
        return attenuations.clone();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof SpeechLevels levels && levels.windowMillis == windowMillis
                && Arrays.equals(levels.attenuations, attenuations);
    }

    @Override
    public int hashCode() {
        return 31 * windowMillis + Arrays.hashCode(attenuations);
    }

    @Override
    public String toString() {
        return "SpeechLevels[windowMillis=" + windowMillis + ", decibels=" + Arrays.toString(decibels()) + "]";
    }
}
