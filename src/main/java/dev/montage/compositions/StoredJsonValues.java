package dev.montage.compositions;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;

import tools.jackson.databind.ObjectReader;

/**
 * The values of one JSON column, parsed once per distinct stored text. Most compositions of an installation are
 * asked for with the same few layouts and audio selections (an application sends its template), so a list of 20
 * compositions used to parse the same {@code video_layout} 20 times: Jackson binding the layout's records was the
 * largest single cost of a list answer. Looking a text up costs a hash of it, a small fraction of parsing it.
 *
 * <p>The values handed out are shared between rows, so they must never be changed: {@code frozen} makes each one
 * unmodifiable, or the caller copies it ({@link Composition}'s constructor copies the layout map; its regions and
 * the lists are immutable). At {@link #CAPACITY} distinct texts the cache starts afresh: a client that sends ever
 * new layouts costs a parse per row, as before, and no more memory than that.
 */
final class StoredJsonValues<T> {

    static final int CAPACITY = 1024;

    private final ObjectReader reader;
    private final UnaryOperator<T> frozen;
    private final Map<String, T> parsed = new ConcurrentHashMap<>();

    StoredJsonValues(ObjectReader reader, UnaryOperator<T> frozen) {
        this.reader = reader;
        this.frozen = frozen;
    }

    T read(String json) {
        T value = parsed.get(json);
        if (value == null) {
            value = frozen.apply(reader.readValue(json));
            if (parsed.size() >= CAPACITY) {
                parsed.clear();
            }
            parsed.put(json, value);
        }
        return value;
    }
}
