package dev.montage.compositions;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import java.util.Optional;

import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;

import dev.montage.api.ErrorCode;
import dev.montage.api.Problems;
import dev.montage.api.QueryParams;
import dev.montage.compositions.CompositionPictures.StoryboardRequest;
import dev.montage.compositions.CompositionPictures.ThumbnailRequest;
import dev.montage.media.PictureFormat;

/**
 * Reads the query of a thumbnail or storyboard request into typed values, every problem at once with its
 * {@code source.parameter}. What depends on the composition (a width beyond its own, an instant beyond its end) is
 * checked later, against it.
 */
final class PictureParameters {

    static final int MIN_WIDTH = 16;
    static final int DEFAULT_THUMBNAIL_WIDTH = 320;
    static final int DEFAULT_TILE_WIDTH = 160;
    static final int DEFAULT_FRAMES = 10;
    static final int MAX_FRAMES = 100;

    private static final MediaType WEBP = MediaType.parseMediaType(PictureFormat.WEBP.mediaType());
    private static final MediaType JPEG = MediaType.parseMediaType(PictureFormat.JPEG.mediaType());

    private PictureParameters() {
    }

    /**
     * {@code at} (seconds, decimal, default 0, rounded to milliseconds), {@code width} (default 320) and
     * {@code format} ({@code jpeg} or {@code webp}; without it, what {@code Accept} prefers).
     */
    static ThumbnailRequest thumbnail(QueryParams query, String accept) {
        Problems problems = new Problems();
        long at = atMillis(query, problems);
        int width = integer(query, "width", DEFAULT_THUMBNAIL_WIDTH, MIN_WIDTH, Integer.MAX_VALUE, problems);
        Optional<String> named = query.string("format");
        PictureFormat format = named.map(name -> PictureFormat.ofWireName(name).orElseGet(() -> {
            problems.atParameter(ErrorCode.INVALID_ENUM, "format", "format must be one of "
                    + String.join(", ", PictureFormat.wireNames()) + ", not '" + name + "'");
            return PictureFormat.JPEG;
        })).orElseGet(() -> preferred(accept));
        problems.throwIfAny();
        return new ThumbnailRequest(at, width, format);
    }

    /** {@code frames} (1..100, default 10) and {@code width} of a tile (default 160). */
    static StoryboardRequest storyboard(QueryParams query) {
        Problems problems = new Problems();
        int frames = integer(query, "frames", DEFAULT_FRAMES, 1, MAX_FRAMES, problems);
        int width = integer(query, "width", DEFAULT_TILE_WIDTH, MIN_WIDTH, Integer.MAX_VALUE, problems);
        problems.throwIfAny();
        return new StoryboardRequest(frames, width);
    }

    /**
     * WebP when {@code Accept} names {@code image/webp} with a quality no lower than JPEG gets (by name or by a
     * wildcard): a browser's {@code image/avif,image/webp,*}{@code /*;q=0.8} gets WebP, {@code *}{@code /*} or
     * none gets JPEG.
     */
    static PictureFormat preferred(String accept) {
        if (accept == null || accept.isBlank()) {
            return PictureFormat.JPEG;
        }
        List<MediaType> types;
        try {
            types = MediaType.parseMediaTypes(accept);
        } catch (InvalidMediaTypeException e) {
            return PictureFormat.JPEG; // an unreadable Accept is no preference
        }
        double webp = types.stream().filter(t -> t.equalsTypeAndSubtype(WEBP)).mapToDouble(MediaType::getQualityValue)
                .max().orElse(0);
        double jpeg = types.stream().filter(t -> t.includes(JPEG)).mapToDouble(MediaType::getQualityValue)
                .max().orElse(0);
        return webp > 0 && webp >= jpeg ? PictureFormat.WEBP : PictureFormat.JPEG;
    }

    private static long atMillis(QueryParams query, Problems problems) {
        Optional<String> raw = query.string("at");
        if (raw.isEmpty()) {
            return 0;
        }
        BigDecimal seconds;
        try {
            seconds = new BigDecimal(raw.get().trim());
        } catch (NumberFormatException e) {
            problems.atParameter(ErrorCode.WRONG_TYPE, "at", "at must be a number of seconds such as 1.5, not '"
                    + raw.get() + "'");
            return 0;
        }
        // a day is more than any composition lasts (max-media-duration is hours), and keeps the millis in a long
        if (seconds.signum() < 0 || seconds.compareTo(BigDecimal.valueOf(86_400)) > 0) {
            problems.atParameter(ErrorCode.OUT_OF_RANGE, "at", "at must be between 0 and the composition's duration"
                    + " in seconds, not " + raw.get());
            return 0;
        }
        return seconds.movePointRight(3).setScale(0, RoundingMode.HALF_UP).longValueExact();
    }

    private static int integer(QueryParams query, String key, int absent, int min, int max, Problems problems) {
        Optional<String> raw = query.string(key);
        if (raw.isEmpty()) {
            return absent;
        }
        int value;
        try {
            value = Integer.parseInt(raw.get());
        } catch (NumberFormatException e) {
            problems.atParameter(ErrorCode.WRONG_TYPE, key, key + " must be an integer, not '" + raw.get() + "'");
            return absent;
        }
        if (value < min || value > max) {
            String bound = max == Integer.MAX_VALUE ? "at least " + min + " (and at most the composition's width)"
                    : "between " + min + " and " + max;
            problems.atParameter(ErrorCode.OUT_OF_RANGE, key, key + " must be " + bound + ", not " + value);
            return absent;
        }
        return value;
    }
}
