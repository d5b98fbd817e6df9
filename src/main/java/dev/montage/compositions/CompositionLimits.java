package dev.montage.compositions;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Limits of a composition request that a deployment may raise ({@code montage.compositions.*}; the fair share of
 * the queue is {@link FairShareSettings}).
 *
 * @param maxRegions       regions per layout (Telnyx allows 2)
 * @param maxResolution    the largest output, {@code WxH}: each side at most the larger of the two numbers, the area
 *                         at most their product
 * @param maxMediaDuration the longest composition (after trim) a request may ask for, so that one request cannot hold
 *                         a render thread for a day; longer ones are answered 422
 */
@ConfigurationProperties("montage.compositions")
record CompositionLimits(@DefaultValue("2") int maxRegions, @DefaultValue("1280x720") String maxResolution,
        @DefaultValue("4h") Duration maxMediaDuration) {

    static final Pattern RESOLUTION = Pattern.compile("(\\d{1,5})x(\\d{1,5})");
    static final int MIN_SIDE = 16;

    CompositionLimits {
        if (!RESOLUTION.matcher(maxResolution).matches() || maxRegions < 1) {
            throw new IllegalArgumentException("montage.compositions.max-resolution must be WxH and max-regions >= 1, not "
                    + maxResolution + " and " + maxRegions);
        }
        if (maxMediaDuration.toMillis() < 1) {
            throw new IllegalArgumentException("montage.compositions.max-media-duration must be positive, not "
                    + maxMediaDuration);
        }
    }

    int maxSide() {
        Matcher m = resolution();
        return Math.max(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)));
    }

    long maxArea() {
        Matcher m = resolution();
        return (long) Integer.parseInt(m.group(1)) * Integer.parseInt(m.group(2));
    }

    private Matcher resolution() {
        Matcher m = RESOLUTION.matcher(maxResolution);
        m.matches(); // checked when bound
        return m;
    }
}
