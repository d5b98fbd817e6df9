package dev.montage.compositions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;

import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** A JSON column's values parsed once per distinct text, shared between rows and never changed. */
class StoredJsonValuesTest {

    private final StoredJsonValues<List<String>> ids = new StoredJsonValues<>(
            JsonMapper.builder().build().readerFor(new TypeReference<List<String>>() { }), List::copyOf);

    @Test
    void theSameTextReadsAsTheSameValueParsedOnce() {
        List<String> first = ids.read("[\"alice\",\"bob\"]");

        assertThat(first).containsExactly("alice", "bob");
        assertThat(ids.read("[\"alice\",\"bob\"]")).isSameAs(first);
        assertThat(ids.read("[\"bob\"]")).containsExactly("bob");
    }

    @Test
    void aSharedValueCannotBeChanged() {
        List<String> shared = ids.read("[\"*\"]");

        assertThatThrownBy(() -> shared.add("carol")).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void moreDistinctTextsThanItKeepsStillReadRight() {
        for (int i = 0; i < StoredJsonValues.CAPACITY * 3; i++) {
            assertThat(ids.read("[\"participant-" + i + "\"]")).containsExactly("participant-" + i);
        }
        assertThat(ids.read("[\"participant-0\"]")).containsExactly("participant-0");
    }
}
