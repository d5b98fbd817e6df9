package dev.montage.media;

import java.util.Objects;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.NestedConfigurationProperty;

/**
 * {@code montage.media.quality.*}: the encoder point behind each {@link Quality} level. The defaults, in
 * application.properties, are points measured by {@code bench/quality.sh} (bench/RESULTS.md, "Quality per
 * CPU-second (issue 14)"; docs/compositions.md, "Quality and frame rate").
 *
 * @param fast     the point of {@code "quality": "fast"}: a slightly softer picture than standard's in a smaller file
 * @param standard the point of {@code "quality": "standard"}, the default: the SSIM of x264 veryfast at CRF 23 for
 *                 the least CPU
 * @param high     the point of {@code "quality": "high"}: a better picture for more CPU and a larger file
 */
@ConfigurationProperties("montage.media.quality")
public record QualitySettings(@NestedConfigurationProperty EncoderPoint fast,
        @NestedConfigurationProperty EncoderPoint standard, @NestedConfigurationProperty EncoderPoint high) {

    public QualitySettings {
        Objects.requireNonNull(fast, "montage.media.quality.fast");
        Objects.requireNonNull(standard, "montage.media.quality.standard");
        Objects.requireNonNull(high, "montage.media.quality.high");
    }

    /** The encoder point of a level. */
    public EncoderPoint of(Quality quality) {
        return switch (quality) {
            case FAST -> fast;
            case STANDARD -> standard;
            case HIGH -> high;
        };
    }
}
