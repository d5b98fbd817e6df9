package dev.montage.compositions;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;

import org.junit.jupiter.api.Test;

import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.json.JsonMapper;

/** The JSON text of a layout or an audio selection is what the mapper writes for it, made once per value. */
class CompositionJsonTextsTest {

    private final JsonMapper mapper = JsonMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE).build();
    private final CompositionJsonTexts texts = new CompositionJsonTexts(mapper);

    @Test
    void aLayoutIsWhatTheMapperWritesForItAndTheSameTextForAnEqualLayout() {
        LinkedHashMap<String, VideoRegion> layout = layout("main", region(0, List.of("*")), "strip",
                region(1, List.of("alice")));

        String text = texts.videoLayout(layout);

        assertThat(text).isEqualTo(mapper.writeValueAsString(layout));
        assertThat(texts.videoLayout(layout("main", region(0, List.of("*")), "strip", region(1, List.of("alice")))))
                .isSameAs(text);
    }

    @Test
    void regionsInAnotherOrderAreAnotherText() {
        // equal as maps, written in their own order
        LinkedHashMap<String, VideoRegion> mainFirst = layout("main", region(0, List.of("*")), "strip",
                region(1, List.of("alice")));
        LinkedHashMap<String, VideoRegion> stripFirst = layout("strip", region(1, List.of("alice")), "main",
                region(0, List.of("*")));

        assertThat(texts.videoLayout(mainFirst)).isEqualTo(mapper.writeValueAsString(mainFirst));
        assertThat(texts.videoLayout(stripFirst)).isEqualTo(mapper.writeValueAsString(stripFirst))
                .isNotEqualTo(texts.videoLayout(mainFirst));
    }

    @Test
    void aRegionThatDiffersInOneOptionIsAnotherText() {
        VideoRegion plain = region(0, List.of("*"));
        VideoRegion labelled = new VideoRegion(0, 0, 0, 640, 360, null, null, List.of("*"), List.of(), List.of(),
                "show_oldest", false, List.of(), List.of(), null, null, null, true, 0);

        assertThat(texts.videoLayout(layout("main", plain, null, null))).contains("\"show_labels\":false");
        assertThat(texts.videoLayout(layout("main", labelled, null, null))).contains("\"show_labels\":true");
    }

    @Test
    void audioSelectionsAreWhatTheMapperWrites() {
        assertThat(texts.ids(List.of("*"))).isEqualTo("[\"*\"]");
        assertThat(texts.ids(List.of())).isEqualTo("[]");
        assertThat(texts.ids(List.of("alice", "bob"))).isEqualTo(mapper.writeValueAsString(List.of("alice", "bob")));
    }

    @Test
    void moreDistinctValuesThanItKeepsStillWriteRight() {
        for (int i = 0; i < CompositionJsonTexts.CAPACITY * 3; i++) {
            assertThat(texts.ids(List.of("participant-" + i))).isEqualTo("[\"participant-" + i + "\"]");
        }
    }

    private static VideoRegion region(int zPos, List<String> sources) {
        return new VideoRegion(0, 0, zPos, 640, 360, null, null, sources, List.of(), List.of(), "show_oldest");
    }

    private static LinkedHashMap<String, VideoRegion> layout(String first, VideoRegion a, String second,
            VideoRegion b) {
        LinkedHashMap<String, VideoRegion> layout = new LinkedHashMap<>();
        layout.put(first, a);
        if (second != null) {
            layout.put(second, b);
        }
        return layout;
    }
}
