package dev.montage.compositions;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

import dev.montage.api.AccountId;
import dev.montage.api.ApiError;
import dev.montage.api.ApiException;
import dev.montage.api.DataResponse;
import dev.montage.api.ErrorCode;
import dev.montage.api.JsonBody;
import dev.montage.api.QueryParams;

/**
 * {@code POST /v2/room_compositions/preview} (extension): the plan of a composition request, as JSON or as an SVG
 * picture at {@code ?at=seconds}, chosen by Accept. Creates nothing.
 */
@RestController
class CompositionPreviewController {

    static final MediaType SVG = MediaType.parseMediaType("image/svg+xml");
    /** Plain decimal seconds: no exponent, no "NaN" or "Infinity" that Double.parseDouble would take. */
    private static final Pattern DECIMAL = Pattern.compile("-?[0-9]{1,9}(\\.[0-9]{1,9})?");

    private final CompositionPreviews previews;

    CompositionPreviewController(CompositionPreviews previews) {
        this.previews = previews;
    }

    @PostMapping("/v2/room_compositions/preview")
    ResponseEntity<?> preview(AccountId account, JsonBody body, QueryParams query,
            @RequestHeader(name = HttpHeaders.ACCEPT, required = false) String accept) {
        MediaType answer = negotiate(accept);
        Optional<Double> at = at(query);
        PreviewView view = PreviewView.of(previews.preview(account, body));
        double atSecs = at.orElse(0.0);
        if (atSecs > view.durationSecs()) {
            throw new ApiException(HttpStatus.UNPROCESSABLE_CONTENT, ApiError.atParameter(ErrorCode.OUT_OF_RANGE, "at",
                    "at must lie between 0 and the composition's duration (" + PreviewPicture.number(view.durationSecs())
                            + " s), was " + PreviewPicture.number(atSecs)));
        }
        if (answer.equals(SVG)) {
            return ResponseEntity.ok().contentType(new MediaType(SVG, StandardCharsets.UTF_8))
                    .body(PreviewPicture.svg(view, atSecs));
        }
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(new DataResponse<>(view));
    }

    /** {@code at}: seconds on the output clock, a decimal number from 0; its upper bound needs the plan. */
    private static Optional<Double> at(QueryParams query) {
        Optional<String> raw = query.string("at");
        if (raw.isEmpty()) {
            return Optional.empty();
        }
        if (!DECIMAL.matcher(raw.get()).matches()) {
            throw new ApiException(HttpStatus.UNPROCESSABLE_CONTENT, ApiError.atParameter(ErrorCode.WRONG_TYPE, "at",
                    "at must be a number of seconds such as 2 or 2.5, not '" + raw.get() + "'"));
        }
        double value = Double.parseDouble(raw.get());
        if (value < 0) {
            throw new ApiException(HttpStatus.UNPROCESSABLE_CONTENT, ApiError.atParameter(ErrorCode.OUT_OF_RANGE, "at",
                    "at must not be negative, was " + raw.get()));
        }
        return Optional.of(value);
    }

    /**
     * JSON or SVG, whichever Accept prefers (JSON when it has no preference or no Accept); anything else is a 406.
     * The most specific range that names a type gives its quality, as RFC 9110 says.
     */
    private static MediaType negotiate(String accept) {
        if (accept == null || accept.isBlank()) {
            return MediaType.APPLICATION_JSON;
        }
        List<MediaType> ranges;
        try {
            ranges = MediaType.parseMediaTypes(accept);
        } catch (InvalidMediaTypeException e) {
            throw notAcceptable(accept);
        }
        double json = quality(ranges, MediaType.APPLICATION_JSON);
        double svg = quality(ranges, SVG);
        if (json <= 0 && svg <= 0) {
            throw notAcceptable(accept);
        }
        return svg > json ? SVG : MediaType.APPLICATION_JSON;
    }

    private static double quality(List<MediaType> ranges, MediaType type) {
        MediaType best = null;
        for (MediaType range : ranges) {
            if (range.includes(type) && (best == null || specificity(range) > specificity(best))) {
                best = range;
            }
        }
        return best == null ? 0 : best.getQualityValue();
    }

    private static int specificity(MediaType range) {
        return range.isWildcardType() ? 0 : range.isWildcardSubtype() ? 1 : 2;
    }

    private static ApiException notAcceptable(String accept) {
        return new ApiException(HttpStatus.NOT_ACCEPTABLE, ApiError.of(ErrorCode.BAD_REQUEST,
                "The preview is application/json or image/svg+xml; Accept '" + accept + "' names neither"));
    }
}
