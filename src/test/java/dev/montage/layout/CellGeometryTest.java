package dev.montage.layout;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CellGeometryTest {

    @Test
    void cellsAreNumberedLeftToRightThenTopToBottom() {
        List<Rect> cells = CellGeometry.cellRectangles(new Rect(0, 0, 1280, 720), new Grid(2, 2));

        assertThat(cells).containsExactly(
                new Rect(0, 0, 640, 360), new Rect(640, 0, 640, 360),
                new Rect(0, 360, 640, 360), new Rect(640, 360, 640, 360));
    }

    @Test
    void cellSizesRoundDownToEvenPixelsAndStayInsideTheRegion() {
        Rect region = new Rect(100, 50, 1000, 501);

        List<Rect> cells = CellGeometry.cellRectangles(region, new Grid(2, 3));

        // 1000 / 3 = 333.3 -> 332, 501 / 2 = 250.5 -> 250
        assertThat(cells).hasSize(6).allSatisfy(cell -> {
            assertThat(cell.width()).isEqualTo(332);
            assertThat(cell.height()).isEqualTo(250);
            assertThat(region.contains(cell)).isTrue();
        });
        assertThat(cells.get(5)).isEqualTo(new Rect(100 + 2 * 332, 50 + 250, 332, 250));
    }

    @Test
    void anOddRegionOriginMovesTheCellsInwardsToAnEvenPixel() {
        Rect region = new Rect(101, 51, 400, 300);

        List<Rect> cells = CellGeometry.cellRectangles(region, new Grid(1, 2));

        assertThat(cells).containsExactly(new Rect(102, 52, 198, 298), new Rect(300, 52, 198, 298));
        assertThat(cells).allSatisfy(cell -> assertThat(region.contains(cell)).isTrue());
    }

    @Test
    void anEmptyGridHasNoCells() {
        assertThat(CellGeometry.cellRectangles(new Rect(0, 0, 640, 480), Grid.EMPTY)).isEmpty();
    }

    /**
     * cell_spacing puts the gap between neighbouring cells only, none along the region's edges; cells stay equal.
     * <pre>
     *   |0 ---- 310|gap 20|330 ---- 640|
     * </pre>
     */
    @Test
    void spacingSeparatesNeighboursButNotTheRegionEdges() {
        List<Rect> cells = CellGeometry.cellRectangles(new Rect(0, 0, 640, 240), new Grid(1, 2), 20);

        assertThat(cells).containsExactly(new Rect(0, 0, 310, 240), new Rect(330, 0, 310, 240));
    }

    @Test
    void spacingAppliesBetweenRowsAndColumnsAlike() {
        Rect region = new Rect(0, 0, 640, 360);

        List<Rect> cells = CellGeometry.cellRectangles(region, new Grid(2, 2), 10);

        // (640 - 10) / 2 = 315 -> 314 wide, (360 - 10) / 2 = 175 -> 174 high; leftovers stay at the right and bottom
        assertThat(cells).containsExactly(
                new Rect(0, 0, 314, 174), new Rect(324, 0, 314, 174),
                new Rect(0, 184, 314, 174), new Rect(324, 184, 314, 174));
        assertThat(cells).allSatisfy(cell -> assertThat(region.contains(cell)).isTrue());
    }

    /** Requested spacing, grid → gap drawn: odd gaps widen to even pixels; a gap too wide for the grid narrows. */
    @ParameterizedTest(name = "spacing {0} in 640x360 as {1}x{2} -> gap {3}")
    @CsvSource(textBlock = """
            # spacing, rows, cols, gap
                 0,   2,   2,    0
                 7,   2,   2,    8
                20,   1,   1,   20
               100,   1,   3,  100
               700,   1,   2,  636
               400,   1,   4,  210
               400,  60,   1,    4
            """)
    void gap(int spacing, int rows, int cols, int gap) {
        Rect region = new Rect(0, 0, 640, 360);

        assertThat(CellGeometry.gap(region, new Grid(rows, cols), spacing)).isEqualTo(gap);
        assertThat(CellGeometry.cellRectangles(region, new Grid(rows, cols), spacing)).allSatisfy(cell -> {
            assertThat(cell.width()).isGreaterThanOrEqualTo(CellGeometry.MIN_CELL_SIDE);
            assertThat(cell.height()).isGreaterThanOrEqualTo(CellGeometry.MIN_CELL_SIDE);
            assertThat(region.contains(cell)).isTrue();
        });
    }

    @Test
    void spacingOnAnOddRegionOriginKeepsEveryEdgeEven() {
        List<Rect> cells = CellGeometry.cellRectangles(new Rect(101, 51, 400, 300), new Grid(1, 2), 9);

        // the region starts at 102; (398 - 10) / 2 = 194 per cell
        assertThat(cells).containsExactly(new Rect(102, 52, 194, 298), new Rect(306, 52, 194, 298));
    }

    /** Picture size, cell → fitted frame: scaled to touch two edges, centred, black bars elsewhere. */
    @ParameterizedTest(name = "{0}x{1} in {4}x{5}@({2},{3}) -> {8}x{9}@({6},{7})")
    @CsvSource(textBlock = """
            # picture w, h, cell x, y, w, h, frame x, y, w, h
              160, 120,   0,   0, 640, 240,  160,   0, 320, 240
              160, 120, 640,   0, 640, 240,  800,   0, 320, 240
              640, 480,   0,   0, 640, 480,    0,   0, 640, 480
             1280, 720,   0,   0, 640, 480,    0,  60, 640, 360
              480, 640,   0,   0, 640, 480,  140,   0, 360, 480
              320, 180,  10,  20, 426, 360,   10,  80, 426, 240
              100,   3,   0,   0, 640, 480,    0, 230, 640,  20
            """)
    void fitInside(int pictureWidth, int pictureHeight, int cellX, int cellY, int cellWidth, int cellHeight,
            int x, int y, int width, int height) {
        Rect cell = new Rect(cellX, cellY, cellWidth, cellHeight);

        Rect frame = CellGeometry.fitInside(pictureWidth, pictureHeight, cell);

        assertThat(frame).isEqualTo(new Rect(x, y, width, height));
        assertThat(cell.contains(frame)).isTrue();
    }
}
