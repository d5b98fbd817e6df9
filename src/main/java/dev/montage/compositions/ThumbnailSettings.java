package dev.montage.compositions;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How many pictures of compositions (thumbnails, storyboards) one node makes at once ({@code montage.thumbnails.*};
 * docs/api.md, "Thumbnails and storyboard"). A picture is made once, on its first request; later requests read it
 * from the blob store and take no slot.
 *
 * @param maxConcurrent ffmpeg processes making pictures at once on this node, each on one core at low priority
 * @param slotWait      how long a request waits for a free slot before it is answered 503 with {@code Retry-After}
 */
@ConfigurationProperties("montage.thumbnails")
record ThumbnailSettings(@DefaultValue("2") int maxConcurrent, @DefaultValue("10s") Duration slotWait) {

    ThumbnailSettings {
        if (maxConcurrent < 1) {
            throw new IllegalArgumentException(
                    "montage.thumbnails.max-concurrent must be at least 1, not " + maxConcurrent);
        }
        if (slotWait.isNegative()) {
            throw new IllegalArgumentException("montage.thumbnails.slot-wait must not be negative, not " + slotWait);
        }
    }
}
