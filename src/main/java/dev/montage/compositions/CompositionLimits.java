package dev.montage.compositions;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Limits a deployment may raise: {@code montage.compositions.max-regions} (default 2, as Telnyx) and
 * {@code montage.compositions.max-resolution} (default 1280x720: each side at most the larger of the two,
 * the area at most their product).
 */
@Component
class CompositionLimits {

    static final Pattern RESOLUTION = Pattern.compile("(\\d{1,5})x(\\d{1,5})");
    static final int MIN_SIDE = 16;

    private final int maxRegions;
    private final int maxSide;
    private final long maxArea;
    private final String maxResolution;

    CompositionLimits(@Value("${montage.compositions.max-regions:2}") int maxRegions,
            @Value("${montage.compositions.max-resolution:1280x720}") String maxResolution) {
        Matcher m = RESOLUTION.matcher(maxResolution);
        if (!m.matches() || maxRegions < 1) {
            throw new IllegalArgumentException("montage.compositions.max-resolution must be WxH and max-regions >= 1, not "
                    + maxResolution + " and " + maxRegions);
        }
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
}
