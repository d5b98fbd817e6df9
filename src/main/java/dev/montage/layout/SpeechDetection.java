package dev.montage.layout;

import java.util.List;

/**
 * Where one recording has speech, as {@link SpeechDetector} found it: the spans in milliseconds from the
 * recording's start, and the two numbers that decided them, so a reader can see why.
 *
 * @param noiseFloorDb the recording's own background level in dBFS
 * @param thresholdDb  a window at or above this level is loud
 * @param spans        normalised (sorted, disjoint) spans of speech
 */
public record SpeechDetection(int noiseFloorDb, int thresholdDb, List<TimeSpan> spans) {

    public SpeechDetection {
        spans = List.copyOf(spans);
    }
}
