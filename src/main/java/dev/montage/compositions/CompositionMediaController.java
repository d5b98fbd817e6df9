package dev.montage.compositions;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import org.springframework.core.io.AbstractResource;
import org.springframework.core.io.FileSystemResource;
import org.springframework.core.io.InputStreamResource;
import org.springframework.core.io.Resource;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpRange;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import dev.montage.api.ApiError;
import dev.montage.api.ApiException;
import dev.montage.api.ErrorCode;
import dev.montage.api.ErrorEnvelope;
import dev.montage.api.Ids;
import dev.montage.media.OutputFormat;
import dev.montage.storage.BlobStore;
import dev.montage.storage.DownloadLinks;

/**
 * {@code GET /v2/room_compositions/{id}/media}: the composed MP4 (or WebM) behind a signed {@code download_url}. No API
 * key: the link's signature is the credential. Satisfiable {@code Range} requests are served by Spring (206), so a
 * browser can seek; the rest as RFC 9110 says (see {@link #byteRanges}).
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
    ResponseEntity<?> media(@PathVariable String compositionId,
            @RequestParam(name = "expires", required = false) String expires,
            @RequestParam(name = "signature", required = false) String signature,
            @RequestHeader(name = HttpHeaders.RANGE, required = false) String range) throws IOException {
        var id = Ids.parse(compositionId, "Room composition");
        if (!links.isValid(id, parseExpires(expires), signature)) {
            throw new ApiException(HttpStatus.FORBIDDEN, ApiError.of(ErrorCode.FORBIDDEN,
                    "This download link is invalid or has expired; fetch the composition again for a fresh one"));
        }
        Composition composition = compositions.find(id)
                .filter(c -> c.status() == CompositionStatus.COMPLETED && c.blobKey() != null)
                .orElseThrow(() -> Ids.notFound("Room composition", id));
        String key = composition.blobKey();
        // by the stored file itself: its key ends as its format does (compositions stored before WebM are MP4)
        OutputFormat format = OutputFormat.ofKey(key);
        MediaType type = MediaType.parseMediaType(format.mediaType());
        String disposition = ContentDisposition.inline().filename(id + "." + format.extension()).build().toString();
        Optional<Path> localFile = blobs.localFile(key);
        Resource file = localFile.<Resource>map(FileSystemResource::new).orElseGet(() -> new StoredBlob(key));
        ResponseEntity.BodyBuilder ok = ResponseEntity.ok()
                .contentType(type)
                .header(HttpHeaders.CONTENT_DISPOSITION, disposition);
        List<HttpRange> ranges = byteRanges(range);
        long length = file.contentLength();
        if (!ranges.isEmpty() && ranges.stream().noneMatch(r -> r.getRangeStart(length) < length)) {
            return ResponseEntity.status(HttpStatus.REQUESTED_RANGE_NOT_SATISFIABLE)
                    .header(HttpHeaders.CONTENT_RANGE, "bytes */" + length)
                    .contentType(MediaType.APPLICATION_JSON)
                    .body(new ErrorEnvelope(List.of(ApiError.atParameter(ErrorCode.OUT_OF_RANGE, "Range",
                            "Range '" + range + "' lies outside the file of " + length + " bytes"))));
        }
        // a bucket's blob is range-served here with one ranged GetObject; several ranges at once (rare) are
        // ignored, as RFC 9110 allows, rather than read by skipping through the whole object
        boolean remoteRange = localFile.isEmpty() && ranges.size() == 1;
        if (ranges.isEmpty() || !servable(ranges, file) || localFile.isEmpty() && !remoteRange) {
            // Spring would answer any Range header it sees on a Resource (416 with the whole file for a malformed
            // one, 206 with no part for an empty one): a stream is not range-served, so the header is ignored.
            // The stream is opened only when the body is written, so an answer never sent leaks no descriptor.
            return ok.header(HttpHeaders.ACCEPT_RANGES, "bytes").contentLength(length)
                    .body(new InputStreamResource(file::getInputStream));
        }
        if (remoteRange) {
            long start = ranges.get(0).getRangeStart(length);
            long end = ranges.get(0).getRangeEnd(length);
            return ResponseEntity.status(HttpStatus.PARTIAL_CONTENT)
                    .contentType(type)
                    .header(HttpHeaders.CONTENT_DISPOSITION, disposition)
                    .header(HttpHeaders.ACCEPT_RANGES, "bytes")
                    .header(HttpHeaders.CONTENT_RANGE, "bytes " + start + "-" + end + "/" + length)
                    .contentLength(end - start + 1)
                    .body(new InputStreamResource(() -> blobs.openRange(key, start, end - start + 1)));
        }
        return ok.body(file); // Spring serves the ranges (206), as it would for any satisfiable header
    }

    /** A blob of a remote store as a Resource: its length asked once, its bytes read only when written out. */
    private final class StoredBlob extends AbstractResource {
        private final String key;
        private long length = -1;

        StoredBlob(String key) {
            this.key = key;
        }

        @Override
        public long contentLength() throws IOException {
            if (length < 0) {
                length = blobs.size(key);
            }
            return length;
        }

        @Override
        public InputStream getInputStream() throws IOException {
            return blobs.open(key);
        }

        @Override
        public String getDescription() {
            return "blob " + key;
        }
    }

    /**
     * Whether Spring will serve these ranges, at least one of which is satisfiable. It refuses ranges that add up to
     * the whole file or more ({@code bytes=0-,0-}): RFC 9110 lets a server ignore such a header and send the file.
     */
    private static boolean servable(List<HttpRange> ranges, Resource file) {
        try {
            HttpRange.toResourceRegions(ranges, file);
            return true;
        } catch (IllegalArgumentException tooMuch) {
            return false;
        }
    }

    /**
     * The byte ranges a Range header asks for; none when it is absent, empty, of another unit or malformed, all of
     * which RFC 9110 (§14.2) lets a server ignore and answer with the whole file.
     */
    private static List<HttpRange> byteRanges(String header) {
        if (header == null || header.isBlank()) {
            return List.of();
        }
        try {
            return HttpRange.parseRanges(header);
        } catch (IllegalArgumentException malformed) {
            return List.of();
        }
    }

    private static long parseExpires(String expires) {
        try {
            return expires == null ? 0 : Long.parseLong(expires);
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
