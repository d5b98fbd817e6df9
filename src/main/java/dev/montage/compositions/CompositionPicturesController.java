package dev.montage.compositions;

import java.io.IOException;
import java.util.List;
import java.util.UUID;

import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import dev.montage.api.AccountId;
import dev.montage.api.DataResponse;
import dev.montage.api.ErrorEnvelope;
import dev.montage.api.Ids;
import dev.montage.api.PublicBaseUrl;
import dev.montage.api.QueryParams;
import dev.montage.compositions.CompositionPictures.StoryboardRequest;
import dev.montage.compositions.CompositionPictures.ThumbnailRequest;
import dev.montage.media.PictureFormat;

/**
 * Pictures of a completed composition's output (docs/api.md, "Thumbnails and storyboard"): a thumbnail at an
 * instant, and a storyboard of evenly spaced frames with the JSON that says where each lies. They need the API key
 * like the rest of {@code /v2}.
 */
@RestController
@RequestMapping("/v2/room_compositions/{compositionId}")
class CompositionPicturesController {

    /** A picture of a composed file never changes; private, for it was fetched with a key. */
    private static final CacheControl IMMUTABLE = CacheControl.maxAge(java.time.Duration.ofDays(1)).cachePrivate();

    private final CompositionPictures pictures;
    private final PublicBaseUrl baseUrl;

    CompositionPicturesController(CompositionPictures pictures, PublicBaseUrl baseUrl) {
        this.pictures = pictures;
        this.baseUrl = baseUrl;
    }

    @GetMapping("/thumbnail")
    ResponseEntity<byte[]> thumbnail(AccountId account, @PathVariable String compositionId, QueryParams query,
            @RequestHeader(name = HttpHeaders.ACCEPT, required = false) String accept) throws IOException {
        UUID id = Ids.parse(compositionId, "Room composition");
        ThumbnailRequest request = PictureParameters.thumbnail(query, accept);
        return image(pictures.thumbnail(account, id, request), request.format());
    }

    @GetMapping("/storyboard")
    DataResponse<StoryboardView> storyboard(AccountId account, @PathVariable String compositionId, QueryParams query)
            throws IOException {
        UUID id = Ids.parse(compositionId, "Room composition");
        StoryboardRequest request = PictureParameters.storyboard(query);
        String imageUrl = baseUrl.forCurrentRequest() + "/v2/room_compositions/" + id + "/storyboard/image?frames="
                + request.frames() + "&width=" + request.tileWidth();
        return new DataResponse<>(StoryboardView.of(id, pictures.storyboardLayout(account, id, request), imageUrl));
    }

    @GetMapping("/storyboard/image")
    ResponseEntity<byte[]> storyboardImage(AccountId account, @PathVariable String compositionId, QueryParams query)
            throws IOException {
        UUID id = Ids.parse(compositionId, "Room composition");
        return image(pictures.storyboardImage(account, id, PictureParameters.storyboard(query)), PictureFormat.JPEG);
    }

    /** Every slot busy for too long: 503 with {@code Retry-After}, so a client (or the console) tries again. */
    @ExceptionHandler(PictureSlots.Busy.class)
    ResponseEntity<ErrorEnvelope> busy(PictureSlots.Busy e) {
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                .header(HttpHeaders.RETRY_AFTER, Integer.toString(PictureSlots.RETRY_AFTER_SECONDS))
                .contentType(MediaType.APPLICATION_JSON).body(new ErrorEnvelope(e.errors()));
    }

    private static ResponseEntity<byte[]> image(byte[] bytes, PictureFormat format) {
        return ResponseEntity.ok().contentType(MediaType.parseMediaType(format.mediaType()))
                .cacheControl(IMMUTABLE).varyBy(HttpHeaders.ACCEPT).contentLength(bytes.length).body(bytes);
    }
}
