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
