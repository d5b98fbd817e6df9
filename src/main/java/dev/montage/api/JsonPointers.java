package dev.montage.api;

/** RFC 6901 pointers as the error envelope's {@code source.pointer} carries them. */
public final class JsonPointers {

    private JsonPointers() {
    }

    /** {@code child("/video_layout", "a/b")} is {@code /video_layout/a~1b}. */
    public static String child(String parent, String name) {
        return parent + "/" + name.replace("~", "~0").replace("/", "~1");
    }

    public static String child(String parent, int index) {
        return parent + "/" + index;
    }
}
