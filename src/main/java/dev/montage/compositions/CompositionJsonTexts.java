package dev.montage.compositions;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

import org.springframework.stereotype.Component;

import tools.jackson.databind.json.JsonMapper;

/**
 * A composition's {@code video_layout}, {@code audio_sources} and {@code audio_sources_excluded} as the API writes
 * them, written once per distinct value and then handed to the answer as they are ({@code @JsonRawValue} in
 * {@link CompositionView}). A list of 20 compositions used to write the same layout's records 20 times; most
 * compositions of an installation share a few layouts (an application sends its template).
 *
 * <p>The text is the answer's own mapper writing the value, so it is what the answer held before, byte for byte.
 * It is not the stored column: a layout stored before a region option existed reads with the option's default
 * filled in ({@link VideoRegion}), and the answer shows the default, as it always did. Equal values write equal
 * text (records and lists of immutable values, compared in order: a layout's regions keep their order); at
 * {@link #CAPACITY} distinct values a cache starts afresh, so a client that sends ever new layouts costs one
 * writing per row, as before, and no more memory than that.
 */
@Component
class CompositionJsonTexts {

    static final int CAPACITY = 1024;

    private final JsonMapper mapper;
    // a layout is keyed by its regions in order: two maps with the same regions in another order are equal maps
    private final Map<List<Map.Entry<String, VideoRegion>>, String> layouts = new ConcurrentHashMap<>();
    private final Map<List<String>, String> ids = new ConcurrentHashMap<>();

    CompositionJsonTexts(JsonMapper mapper) {
        this.mapper = mapper;
    }

    String videoLayout(LinkedHashMap<String, VideoRegion> layout) {
        List<Map.Entry<String, VideoRegion>> regions = layout.entrySet().stream()
                .map(region -> Map.entry(region.getKey(), region.getValue())) // immutable keys: no live map nodes
                .toList();
        return text(layouts, regions, key -> mapper.writeValueAsString(layout));
    }

    /** {@code audio_sources} or {@code audio_sources_excluded}: a {@link Composition} holds them immutable. */
    String ids(List<String> ids) {
        return text(this.ids, List.copyOf(ids), mapper::writeValueAsString);
    }

    private static <K> String text(Map<K, String> texts, K value, Function<K, String> written) {
        String text = texts.get(value);
        if (text == null) {
            text = written.apply(value);
            if (texts.size() >= CAPACITY) {
                texts.clear();
            }
            texts.put(value, text);
        }
        return text;
    }
}
