package dev.montage.layout;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import java.util.OptionalInt;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class GridDimensionsTest {

    /** DESIGN.md §4 step 3; an empty max means "no limit". */
    @ParameterizedTest(name = "{0} sources, max_rows {1}, max_columns {2} -> {3}x{4}")
    @CsvSource(nullValues = "-", textBlock = """
            # n, max_rows, max_columns, rows, cols
               0,   -,  -, 0, 0
               1,   -,  -, 1, 1
               2,   -,  -, 1, 2
               3,   -,  -, 2, 2
               4,   -,  -, 2, 2
               5,   -,  -, 2, 3
               6,   -,  -, 2, 3
               7,   -,  -, 3, 3
              10,   -,  -, 3, 4
              17,   -,  -, 4, 5
               7,   2,  -, 2, 4
               5,   -,  2, 3, 2
               9,   2,  7, 2, 5
               4,   1,  -, 1, 4
               4,   -,  1, 4, 1
               9,   2,  3, 2, 3
              10,   2,  2, 2, 2
               3,   1,  1, 1, 1
               5,   3,  -, 2, 3
               2,   -,  5, 1, 2
              12,   3,  3, 3, 3
            """)
    void gridDimensions(int n, Integer maxRows, Integer maxColumns, int rows, int cols) {
        assertThat(Grid.gridDimensions(n, optional(maxRows), optional(maxColumns))).isEqualTo(new Grid(rows, cols));
    }

    /** Excluded cells inside the grid count as sources to make room for, until the grid stops growing. */
    @ParameterizedTest(name = "{0} sources, cells_excluded {1}, max_rows {2}, max_columns {3} -> {4}x{5}")
    @CsvSource(nullValues = "-", textBlock = """
            # n, cells_excluded, max_rows, max_columns, rows, cols
               3, '0',          -, -, 2, 2
               4, '0',          -, -, 2, 3
               1, '0',          -, -, 1, 2
               2, '9',          -, -, 1, 2
               4, '0 1 2',      -, -, 3, 3
               4, '0',          1, -, 1, 5
               4, '0',          2, 2, 2, 2
               0, '0',          -, -, 0, 0
            """)
    void gridDimensionsWithExcludedCells(int n, String excluded, Integer maxRows, Integer maxColumns, int rows, int cols) {
        Set<Integer> cells = Arrays.stream(excluded.split(" ")).map(Integer::valueOf).collect(Collectors.toSet());

        assertThat(Grid.gridDimensions(n, optional(maxRows), optional(maxColumns), cells)).isEqualTo(new Grid(rows, cols));
    }

    @Test
    void usableCellsSkipExcludedOnes() {
        assertThat(new Grid(2, 2).usableCells(Set.of(1, 7))).containsExactly(0, 2, 3);
    }

    /*
     * time   0    10   20   30
     * a      |====|
     * b           |====|          touches a: never on screen together
     * c        |=======|          overlaps a and b
     */
    @Test
    void peakConcurrencyDoesNotCountTouchingSpansTogether() {
        List<VideoSource> sources = VideoSource.group(List.of(
                Fixtures.video("a", "pa", 0, 10),
                Fixtures.video("b", "pb", 10, 20),
                Fixtures.video("c", "pc", 5, 20)));

        assertThat(Grid.peakConcurrency(sources)).isEqualTo(2);
    }

    @Test
    void peakConcurrencyOfNoSourcesIsZero() {
        assertThat(Grid.peakConcurrency(List.of())).isZero();
    }

    private static OptionalInt optional(Integer value) {
        return value == null ? OptionalInt.empty() : OptionalInt.of(value);
    }
}
