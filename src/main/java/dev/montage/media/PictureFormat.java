package dev.montage.media;

import java.util.List;
import java.util.Optional;

/**
 * The image formats a still picture of a composition is encoded in, with their wire names ({@code format=jpeg})
 * and how the bundled ffmpeg 6.1 writes them: JPEG with its own {@code mjpeg} encoder, WebP with {@code libwebp},
 * which the bundled GPL build includes.
 */
public enum PictureFormat {
    JPEG("jpeg", "image/jpeg", "jpg", List.of("-c:v", "mjpeg", "-q:v", "3", "-f", "mjpeg")),
    WEBP("webp", "image/webp", "webp", List.of("-c:v", "libwebp", "-quality", "80", "-f", "webp"));

    private final String wireName;
    private final String mediaType;
    private final String extension;
    private final List<String> encoderArguments;

    PictureFormat(String wireName, String mediaType, String extension, List<String> encoderArguments) {
        this.wireName = wireName;
        this.mediaType = mediaType;
        this.extension = extension;
        this.encoderArguments = encoderArguments;
    }

    public String wireName() {
        return wireName;
    }

    /** The {@code Content-Type} of a picture in this format. */
    public String mediaType() {
        return mediaType;
    }

    /** The end of a file name in this format, without the dot. */
    public String extension() {
        return extension;
    }

    List<String> encoderArguments() {
        return encoderArguments;
    }

    public static Optional<PictureFormat> ofWireName(String name) {
        for (PictureFormat format : values()) {
            if (format.wireName.equals(name)) {
                return Optional.of(format);
            }
        }
        return Optional.empty();
    }

    public static String[] wireNames() {
        return java.util.Arrays.stream(values()).map(PictureFormat::wireName).toArray(String[]::new);
    }
}
