package dev.montage.media;

/** The kinds of stream a recording can hold; the wire names are Telnyx's recording {@code type}. */
public enum MediaKind {
    AUDIO("audio"), VIDEO("video");

    private final String wireName;

    MediaKind(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    public static MediaKind fromWire(String name) {
        for (MediaKind kind : values()) {
            if (kind.wireName.equals(name)) {
                return kind;
            }
        }
        throw new IllegalArgumentException("unknown media kind: " + name);
    }
}
