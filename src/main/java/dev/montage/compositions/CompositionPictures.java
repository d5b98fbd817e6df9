package dev.montage.compositions;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.util.FileSystemUtils;

import dev.montage.api.AccountId;
import dev.montage.api.ApiError;
import dev.montage.api.ApiException;
import dev.montage.api.ErrorCode;
import dev.montage.api.Ids;
import dev.montage.layout.Resolution;
import dev.montage.media.OutputFormat;
import dev.montage.media.PictureFormat;
import dev.montage.media.StillPictures;
import dev.montage.media.StillPictures.VideoTiming;
import dev.montage.node.NodeSettings;
import dev.montage.storage.BlobStore;
import dev.montage.storage.OwnerOnlyFiles;

import tools.jackson.databind.json.JsonMapper;

/**
 * Thumbnails and storyboards of completed compositions, made from the composed file on their first request and
 * kept in the blob store next to nothing else ({@link PictureKeys}); every later request reads the blob and runs no
 * ffmpeg. Made lazily rather than at completion: most compositions are never looked at, and the pictures asked for
 * (instant, width, format, number of frames) are the client's choice.
 *
 * <p>Two first requests for one picture may both make it: each writes its own scratch file and the store's put
 * replaces the blob whole, so either copy wins and both are the same picture.
 */
@Service
class CompositionPictures {

    private static final Logger log = LoggerFactory.getLogger(CompositionPictures.class);

    /**
     * Long enough for every ffmpeg of the longest storyboard to open the bucket's file through one signed link: ten
     * batches of seeks of up to five minutes each, then the grid.
     */
    private static final Duration INPUT_LINK_VALIDITY = Duration.ofHours(1);

    /**
     * Thumbnails are taken at a tenth of a second: a client scrubbing through a long composition millisecond by
     * millisecond would otherwise store a picture per millisecond, each made by an ffmpeg.
     */
    private static final long THUMBNAIL_STEP_MILLIS = 100;

    private final CompositionRepository compositions;
    private final BlobStore blobs;
    private final StillPictures stills;
    private final PictureSlots slots;
    private final JsonMapper mapper;
    private final Path workRoot;

    CompositionPictures(CompositionRepository compositions, BlobStore blobs, StillPictures stills, PictureSlots slots,
            JsonMapper mapper, NodeSettings node) {
        this.compositions = compositions;
        this.blobs = blobs;
        this.stills = stills;
        this.slots = slots;
        this.mapper = mapper;
        this.workRoot = node.dataDir().resolve("work");
    }

    /**
     * What a thumbnail request asks for, already checked on its own: at least 0 s, a width of 16 px or more when
     * given (else {@value PictureParameters#DEFAULT_THUMBNAIL_WIDTH}, or the composition's width if it is narrower).
     */
    record ThumbnailRequest(long atMillis, OptionalInt width, PictureFormat format) {
    }

    /**
     * What a storyboard request asks for, already checked on its own; without a width, tiles are
     * {@value PictureParameters#DEFAULT_TILE_WIDTH} px or the composition's width if it is narrower.
     */
    record StoryboardRequest(int frames, OptionalInt tileWidth) {
    }

    /** A storyboard's layout and its image. */
    record Storyboard(StoryboardLayout layout, byte[] image) {
    }

    byte[] thumbnail(AccountId account, UUID id, ThumbnailRequest request) throws IOException {
        Composition composition = completed(account, id);
        int width = width(composition, request.width(), PictureParameters.DEFAULT_THUMBNAIL_WIDTH);
        Resolution size = pictureSize(composition, width);
        long atMillis = request.atMillis() / THUMBNAIL_STEP_MILLIS * THUMBNAIL_STEP_MILLIS;
        // the stored duration is whole seconds, rounded: far beyond it is refused before a slot and a probe are taken
        if (composition.durationSecs() != null && atMillis >= (composition.durationSecs() + 1) * 1000L) {
            throw beyondTheEnd(composition.durationSecs() * 1000L, request.atMillis());
        }
        String key = PictureKeys.thumbnail(composition.blobKey(), atMillis, width, request.format());
        Optional<byte[]> cached = read(key);
        if (cached.isPresent()) {
            return cached.get();
        }
        try (PictureSlots.Slot slot = slots.take(); Scratch scratch = new Scratch()) {
            cached = read(key); // made by another request while this one waited for its slot
            if (cached.isPresent()) {
                return cached.get();
            }
            String input = scratch.input(composition.blobKey());
            VideoTiming timing = stills.timing(input);
            if (request.atMillis() >= timing.durationMillis()) {
                throw beyondTheEnd(timing.durationMillis(), request.atMillis());
            }
            Path picture = scratch.file("thumbnail." + request.format().extension());
            stills.frame(input, timing.seekMillis(atMillis), size, request.format(), picture);
            byte[] bytes = Files.readAllBytes(picture);
            blobs.putFile(key, picture);
            forgetIfDeleted(account, composition);
            return bytes;
        }
    }

    private static ApiException beyondTheEnd(long durationMillis, long atMillis) {
        return ApiException.unprocessable(ApiError.atParameter(ErrorCode.OUT_OF_RANGE, "at",
                "at must be less than the composition's duration, " + seconds(durationMillis) + " s, not "
                        + seconds(atMillis)));
    }

    /** The layout of the storyboard; making it the first time makes its image too, which a client fetches next. */
    StoryboardLayout storyboardLayout(AccountId account, UUID id, StoryboardRequest request) throws IOException {
        Composition composition = completed(account, id);
        int tileWidth = width(composition, request.tileWidth(), PictureParameters.DEFAULT_TILE_WIDTH);
        Optional<byte[]> cached = read(PictureKeys.storyboardLayout(composition.blobKey(), request.frames(), tileWidth));
        if (cached.isPresent()) {
            return mapper.readValue(cached.get(), StoryboardLayout.class);
        }
        return storyboard(account, composition, request).layout();
    }

    byte[] storyboardImage(AccountId account, UUID id, StoryboardRequest request) throws IOException {
        Composition composition = completed(account, id);
        int tileWidth = width(composition, request.tileWidth(), PictureParameters.DEFAULT_TILE_WIDTH);
        Optional<byte[]> cached = read(PictureKeys.storyboardImage(composition.blobKey(), request.frames(), tileWidth));
        if (cached.isPresent()) {
            return cached.get();
        }
        return storyboard(account, composition, request).image();
    }

    /** Removes every cached picture of the composition (there may be none). */
    void deleteAll(Composition composition) throws IOException {
        if (composition.blobKey() != null) {
            blobs.deleteFolder(PictureKeys.folder(composition.blobKey()));
        }
    }

    private Storyboard storyboard(AccountId account, Composition composition, StoryboardRequest request)
            throws IOException {
        int tileWidth = width(composition, request.tileWidth(), PictureParameters.DEFAULT_TILE_WIDTH);
        Resolution tile = pictureSize(composition, tileWidth);
        String imageKey = PictureKeys.storyboardImage(composition.blobKey(), request.frames(), tileWidth);
        String layoutKey = PictureKeys.storyboardLayout(composition.blobKey(), request.frames(), tileWidth);
        try (PictureSlots.Slot slot = slots.take(); Scratch scratch = new Scratch()) {
            Optional<byte[]> image = read(imageKey);
            Optional<byte[]> layout = read(layoutKey);
            if (image.isPresent() && layout.isPresent()) {
                return new Storyboard(mapper.readValue(layout.get(), StoryboardLayout.class), image.get());
            }
            String input = scratch.input(composition.blobKey());
            VideoTiming timing = stills.timing(input);
            StoryboardLayout made = StoryboardLayout.of(timing.durationMillis(), request.frames(), tile);
            Path picture = scratch.file("storyboard.jpg");
            stills.storyboard(input, made.instants().stream().map(timing::seekMillis).toList(), tile,
                    made.columns(), made.rows(), picture);
            byte[] bytes = Files.readAllBytes(picture);
            // the image first: a layout in the store promises the image is there too
            blobs.putFile(imageKey, picture);
            Path json = scratch.file("storyboard.json");
            Files.write(json, mapper.writeValueAsBytes(made));
            blobs.putFile(layoutKey, json);
            forgetIfDeleted(account, composition);
            return new Storyboard(made, bytes);
        }
    }

    /** The caller's composition, which must be completed: pictures are of the composed file. */
    private Composition completed(AccountId account, UUID id) {
        Composition composition = compositions.find(account.value(), id)
                .orElseThrow(() -> Ids.notFound("Room composition", id));
        if (composition.status() != CompositionStatus.COMPLETED || composition.blobKey() == null) {
            throw ApiException.unprocessable(ApiError.of(ErrorCode.BAD_REQUEST, "Room composition " + id + " is "
                    + composition.status().wireName() + "; pictures exist only of a completed composition"));
        }
        return composition;
    }

    /** The width asked for, else the default, narrowed to a composition narrower than that. */
    private static int width(Composition composition, OptionalInt asked, int byDefault) {
        return asked.orElse(Math.min(byDefault, resolution(composition).width()));
    }

    /** {@code width} wide with the composition's aspect, the height rounded to even pixels (2 at least). */
    private static Resolution pictureSize(Composition composition, int width) {
        Resolution canvas = resolution(composition);
        if (width > canvas.width()) {
            throw ApiException.unprocessable(ApiError.atParameter(ErrorCode.OUT_OF_RANGE, "width",
                    "width must be at most the composition's width, " + canvas.width() + ", not " + width));
        }
        long height = Math.round((double) width * canvas.height() / canvas.width() / 2) * 2;
        return new Resolution(width, (int) Math.max(2, height));
    }

    private static Resolution resolution(Composition composition) {
        String[] sides = composition.resolution().split("x");
        return new Resolution(Integer.parseInt(sides[0]), Integer.parseInt(sides[1]));
    }

    /**
     * A composition deleted while its picture was made had its pictures deleted before this one was stored: this
     * one goes too, so no picture outlives its composition.
     */
    private void forgetIfDeleted(AccountId account, Composition composition) {
        if (compositions.find(account.value(), composition.id()).isEmpty()) {
            try {
                deleteAll(composition);
            } catch (IOException e) {
                log.warn("Could not delete the pictures of deleted composition {}", composition.id(), e);
            }
        }
    }

    private Optional<byte[]> read(String key) throws IOException {
        try (InputStream in = blobs.open(key)) {
            return Optional.of(in.readAllBytes());
        } catch (NoSuchFileException missing) {
            return Optional.empty();
        }
    }

    private static String seconds(long millis) {
        return BigDecimal.valueOf(millis, 3).toPlainString();
    }

    /** A scratch folder of one picture under {@code <data-dir>/work}, removed when closed. */
    private final class Scratch implements AutoCloseable {
        private Path folder;

        /** Where ffmpeg reads the composed file: the store's own file, a signed link, or else a copy in here. */
        String input(String blobKey) throws IOException {
            Optional<Path> local = blobs.localFile(blobKey);
            if (local.isPresent()) {
                return local.get().toString();
            }
            Optional<URI> link = blobs.presignedGet(blobKey, INPUT_LINK_VALIDITY);
            if (link.isPresent()) {
                return link.get().toString();
            }
            // named as the stored file is: ffmpeg probes the content, but a reader of the folder sees what it holds
            Path copy = file("composition." + OutputFormat.ofKey(blobKey).extension());
            blobs.fetchTo(blobKey, copy);
            return copy.toString();
        }

        Path file(String name) throws IOException {
            if (folder == null) {
                OwnerOnlyFiles.createDirectories(workRoot);
                folder = Files.createTempDirectory(workRoot, "picture-");
            }
            return folder.resolve(name);
        }

        @Override
        public void close() {
            if (folder != null) {
                try {
                    FileSystemUtils.deleteRecursively(folder);
                } catch (IOException e) {
                    log.warn("Could not remove the scratch folder {}", folder, e);
                }
            }
        }
    }
}
