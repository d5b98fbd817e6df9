package dev.montage.compositions;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * When a composition is rendered in parts across workers ({@code montage.compositions.*}; docs/compositions.md,
 * "Segmented rendering across workers").
 *
 * @param segmentLength the length of one video part, in whole seconds; {@code 0s} never splits. A composition is
 *                      split only when it is longer than one and a half parts: a part is a render of its own with a
 *                      start-up cost, and a join after them, which a short composition does not repay
 */
@ConfigurationProperties("montage.compositions")
record SegmentSettings(@DefaultValue("2m") Duration segmentLength) {

    SegmentSettings {
        if (segmentLength.isNegative()) {
            throw new IllegalArgumentException(
                    "montage.compositions.segment-length must not be negative, not " + segmentLength);
        }
        if (segmentLength.toMillis() % 1000 != 0) {
            throw new IllegalArgumentException(
                    "montage.compositions.segment-length must be whole seconds (or 0s, never split), not "
                            + segmentLength);
        }
    }

    /** Whether a composition of {@code durationMillis} is rendered in parts. */
    boolean splits(long durationMillis) {
        return !segmentLength.isZero() && durationMillis * 2 > segmentLength.toMillis() * 3;
    }
}
