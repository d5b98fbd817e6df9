package dev.montage.compositions;

import java.util.Locale;

import dev.montage.media.PictureFormat;

/**
 * The blob keys of a composition's cached pictures: one folder per composed file, named after its key
 * ({@code compositions/<id>-<run>.mp4} → {@code pictures/compositions/<id>-<run>/}), so deleting the composition
 * deletes the folder, and a picture's name says what it shows.
 *
 * <pre>{@code
 * thumbnail 1.5 s, 320 px, JPEG:  pictures/compositions/<id>-<run>/thumbnail-1500ms-320w.jpg
 * storyboard 10 frames of 160 px: pictures/compositions/<id>-<run>/storyboard-10f-160w.jpg (and .json)
 * }</pre>
 */
final class PictureKeys {

    private PictureKeys() {
    }

    static String folder(String compositionBlobKey) {
        int dot = compositionBlobKey.lastIndexOf('.');
        int slash = compositionBlobKey.lastIndexOf('/');
        return "pictures/" + (dot > slash ? compositionBlobKey.substring(0, dot) : compositionBlobKey);
    }

    static String thumbnail(String compositionBlobKey, long atMillis, int width, PictureFormat format) {
        return String.format(Locale.ROOT, "%s/thumbnail-%dms-%dw.%s", folder(compositionBlobKey), atMillis, width,
                format.extension());
    }

    static String storyboardImage(String compositionBlobKey, int frames, int tileWidth) {
        return storyboard(compositionBlobKey, frames, tileWidth) + ".jpg";
    }

    /** The layout of the storyboard (its tiles' times and places), kept so its JSON needs no ffprobe either. */
    static String storyboardLayout(String compositionBlobKey, int frames, int tileWidth) {
        return storyboard(compositionBlobKey, frames, tileWidth) + ".json";
    }

    private static String storyboard(String compositionBlobKey, int frames, int tileWidth) {
        return String.format(Locale.ROOT, "%s/storyboard-%df-%dw", folder(compositionBlobKey), frames, tileWidth);
    }
}
