package dev.montage.media;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * How much CPU a composition's encoder may spend on its pictures ({@code "quality"} on a composition, an extension).
 * Each level is an encoder point measured by {@code bench/quality.sh} ({@link QualitySettings}): {@code standard}
 * reaches the SSIM the service had before levels existed (x264 {@code veryfast}, CRF 23) at the least CPU,
 * {@code fast} gives a shade of it up for a smaller file, {@code high} spends the CPU of the old default for a better
 * picture.
 */
public enum Quality {
    FAST("fast"), STANDARD("standard"), HIGH("high");

    private final String wireName;

    Quality(String wireName) {
        this.wireName = wireName;
    }

    /** The name in the API and in the database. */
    public String wireName() {
        return wireName;
    }

    public static Optional<Quality> ofWireName(String name) {
        return Arrays.stream(values()).filter(quality -> quality.wireName.equals(name)).findFirst();
    }

    public static List<String> wireNames() {
        return Arrays.stream(values()).map(Quality::wireName).toList();
    }
}
