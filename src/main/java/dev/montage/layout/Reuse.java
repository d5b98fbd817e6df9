package dev.montage.layout;

import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * What a region does when more sources want a cell than it has cells (the {@code reuse} extension).
 *
 * <pre>{@code
 * Reuse.fromWire("show_newest");   // SHOW_NEWEST
 * Reuse.SHOW_OLDEST.wireName();     // "show_oldest"
 * }</pre>
 */
public enum Reuse {
    /** A cell is used once; later sources that find no fresh cell are not shown. */
    NONE("none"),
    /** The default: a new source waits until a cell becomes idle, then keeps it to the end of its span. */
    SHOW_OLDEST("show_oldest"),
    /** A new source takes over the cell whose source ends first; that source returns when a cell frees. */
    SHOW_NEWEST("show_newest");

    private final String wireName;

    Reuse(String wireName) {
        this.wireName = wireName;
    }

    /** The value as it appears in the JSON API. */
    public String wireName() {
        return wireName;
    }

    /** The constant for an API value; unknown values (and other casing) are rejected, naming the accepted ones. */
    public static Reuse fromWire(String wireName) {
        for (Reuse reuse : values()) {
            if (reuse.wireName.equals(wireName)) {
                return reuse;
            }
        }
        throw new IllegalArgumentException("reuse must be one of "
                + Arrays.stream(values()).map(Reuse::wireName).collect(Collectors.joining(", "))
                + ", was " + (wireName == null ? "null" : "'" + wireName + "'"));
    }
}
