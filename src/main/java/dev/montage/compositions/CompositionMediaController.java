package dev.montage.compositions;

import java.io.IOException;

import org.springframework.core.io.FileSystemResource;
import org.springframework.core.io.Resource;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import dev.montage.api.ApiError;
import dev.montage.api.ApiException;
import dev.montage.api.ErrorCode;
import dev.montage.api.Ids;
import dev.montage.storage.BlobStore;
import dev.montage.storage.DownloadLinks;

/**
 * {@code GET /v2/room_compositions/{id}/media}: the composed MP4 behind a signed {@code download_url}. No API
 * key: the link's signature is the credential. Spring answers {@code Range} requests on a resource, so a
 * browser can seek.
 */
@RestController
class CompositionMediaController {

    private final CompositionRepository compositions;
    private final DownloadLinks links;
    private final BlobStore blobs;

    CompositionMediaController(CompositionRepository compositions, DownloadLinks links, BlobStore blobs) {
        this.compositions = compositions;
        this.links = links;
        this.blobs = blobs;
    }

    @GetMapping("/v2/room_compositions/{compositionId}/media")
    ResponseEntity<Resource> media(@PathVariable String compositionId,
            @RequestParam(name = "expires", required = false) String expires,
            @RequestParam(name = "signature", required = false) String signature) throws IOException {
        var id = Ids.parse(compositionId, "Room composition");
        if (!links.isValid(id, parseExpires(expires), signature)) {
            throw new ApiException(HttpStatus.FORBIDDEN, ApiError.of(ErrorCode.FORBIDDEN,
                    "This download link is invalid or has expired; fetch the composition again for a fresh one"));
        }
        Composition composition = compositions.find(id)
                .filter(c -> c.status() == CompositionStatus.COMPLETED && c.blobKey() != null)
                .orElseThrow(() -> Ids.notFound("Room composition", id));
        return ResponseEntity.ok()
                .contentType(MediaType.parseMediaType("video/mp4"))
                .header(HttpHeaders.CONTENT_DISPOSITION,
                        ContentDisposition.inline().filename(id + ".mp4").build().toString())
                .body(new FileSystemResource(blobs.localPath(composition.blobKey())));
    }

    private static long parseExpires(String expires) {
        try {
            return expires == null ? 0 : Long.parseLong(expires);
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
