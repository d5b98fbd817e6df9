package dev.montage.compositions;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Limits a deployment may raise: {@code montage.compositions.max-regions} (default 2, as Telnyx),
 * {@code montage.compositions.max-resolution} (default 1280x720: each side at most the larger of the two,
 * the area at most their product) and {@code montage.compositions.max-media-duration} (default 4 hours: the
 * longest composition a request may ask for, so one request cannot hold a render thread for a day).
 */
@Component
class CompositionLimits {

    static final Pattern RESOLUTION = Pattern.compile("(\\d{1,5})x(\\d{1,5})");
    static final int MIN_SIDE = 16;

    private final int maxRegions;
    private final int maxSide;
    private final long maxArea;
    private final String maxResolution;
    private final Duration maxMediaDuration;

    CompositionLimits(@Value("${montage.compositions.max-regions:2}") int maxRegions,
            @Value("${montage.compositions.max-resolution:1280x720}") String maxResolution,
            @Value("${montage.compositions.max-media-duration:4h}") Duration maxMediaDuration) {
        Matcher m = RESOLUTION.matcher(maxResolution);
        if (!m.matches() || maxRegions < 1) {
            throw new IllegalArgumentException("montage.compositions.max-resolution must be WxH and max-regions >= 1, not "
                    + maxResolution + " and " + maxRegions);
        }
        if (maxMediaDuration.toMillis() < 1) {
            throw new IllegalArgumentException("montage.compositions.max-media-duration must be positive, not "
                    + maxMediaDuration);
        }
        this.maxMediaDuration = maxMediaDuration;
        int w = Integer.parseInt(m.group(1));
        int h = Integer.parseInt(m.group(2));
        this.maxRegions = maxRegions;
        this.maxSide = Math.max(w, h);
        this.maxArea = (long) w * h;
        this.maxResolution = maxResolution;
    }

    int maxRegions() {
        return maxRegions;
    }

    int maxSide() {
        return maxSide;
    }

    long maxArea() {
        return maxArea;
    }

    String maxResolution() {
        return maxResolution;
    }

    Duration maxMediaDuration() {
        return maxMediaDuration;
    }
}
