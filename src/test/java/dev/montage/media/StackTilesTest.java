package dev.montage.media;

import static org.assertj.core.api.Assertions.assertThat;

import dev.montage.layout.Rect;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

class StackTilesTest {

    @Test
    void fourByThreePicturesInA2x2Grid_growIntoTheirCells_andCoverTheCanvas() {
        StackTiles tiles = StackTiles.of(List.of(new Rect(80, 0, 480, 360), new Rect(720, 0, 480, 360),
                new Rect(80, 360, 480, 360), new Rect(720, 360, 480, 360)), 1280, 720);

        assertThat(tiles.tiles()).containsExactly(new Rect(0, 0, 640, 360), new Rect(640, 0, 640, 360),
                new Rect(0, 360, 640, 360), new Rect(640, 360, 640, 360));
        assertThat(tiles.coverCanvas()).isTrue();
    }

    @Test
    void threePicturesInA2x2Grid_theLoneOneOfItsRowTakesTheRow() {
        StackTiles tiles = StackTiles.of(List.of(new Rect(80, 0, 480, 360), new Rect(720, 0, 480, 360),
                new Rect(80, 360, 480, 360)), 1280, 720);

        assertThat(tiles.tiles()).containsExactly(new Rect(0, 0, 640, 360), new Rect(640, 0, 640, 360),
                new Rect(0, 360, 1280, 360));
        assertThat(tiles.coverCanvas()).isTrue();
    }

    @Test
    void cellsWithAGapAndLeftoverPixels_splitTheGapEvenly_andReachTheEdges() {
        // three 426 px cells over 1280 with a 20 px gap, pictures filling their cells, 6 px left over at the right
        StackTiles tiles = StackTiles.of(List.of(new Rect(0, 0, 406, 720), new Rect(426, 0, 406, 720),
                new Rect(852, 0, 406, 720)), 1280, 720);

        assertThat(tiles.tiles()).containsExactly(new Rect(0, 0, 416, 720), new Rect(416, 0, 426, 720),
                new Rect(842, 0, 438, 720));
        assertThat(tiles.coverCanvas()).isTrue();
    }

    @Test
    void rowsThatDoNotLineUp_leaveTheCanvasPartlyUncovered_andSaySo() {
        // a tall picture at the left beside two short ones at the right, the lower of which is narrower
        StackTiles tiles = StackTiles.of(List.of(new Rect(0, 0, 400, 720), new Rect(600, 0, 600, 300),
                new Rect(800, 400, 200, 300)), 1280, 720);

        assertThat(tiles.coverCanvas()).isFalse();
        assertDisjointInsideTheCanvasAndAroundTheirFrames(tiles, List.of(new Rect(0, 0, 400, 720),
                new Rect(600, 0, 600, 300), new Rect(800, 400, 200, 300)), 1280, 720);
    }

    @Test
    void onePicture_takesTheWholeCanvas() {
        StackTiles tiles = StackTiles.of(List.of(new Rect(160, 0, 960, 720)), 1280, 720);

        assertThat(tiles.tiles()).containsExactly(new Rect(0, 0, 1280, 720));
        assertThat(tiles.coverCanvas()).isTrue();
    }

    @Test
    void anyNonOverlappingFrames_giveDisjointTilesAroundThem_insideTheCanvas() {
        Random random = new Random(14);
        for (int run = 0; run < 2_000; run++) {
            List<Rect> frames = randomFrames(random, 64, 48, 1 + random.nextInt(6));
            StackTiles tiles = StackTiles.of(frames, 64, 48);

            assertDisjointInsideTheCanvasAndAroundTheirFrames(tiles, frames, 64, 48);
            assertThat(tiles.coverCanvas()).as("run %d: %s", run, frames)
                    .isEqualTo(coveredPixels(tiles.tiles(), 64, 48) == 64 * 48);
        }
    }

    private static void assertDisjointInsideTheCanvasAndAroundTheirFrames(StackTiles tiles, List<Rect> frames,
            int width, int height) {
        assertThat(tiles.tiles()).hasSameSizeAs(frames);
        for (int i = 0; i < frames.size(); i++) {
            Rect tile = tiles.tiles().get(i);
            assertThat(tile.contains(frames.get(i))).as("%s contains %s", tile, frames.get(i)).isTrue();
            assertThat(new Rect(0, 0, width, height).contains(tile)).as("%s inside the canvas", tile).isTrue();
            assertThat(tile.x() % 2 + tile.y() % 2 + tile.width() % 2 + tile.height() % 2).as("%s even", tile)
                    .isZero();
            for (int j = i + 1; j < frames.size(); j++) {
                assertThat(overlap(tile, tiles.tiles().get(j))).as("%s and %s", tile, tiles.tiles().get(j))
                        .isFalse();
            }
        }
    }

    /** Up to {@code count} even-aligned frames placed at random where they overlap none placed before. */
    private static List<Rect> randomFrames(Random random, int width, int height, int count) {
        List<Rect> frames = new java.util.ArrayList<>();
        for (int attempt = 0; attempt < 50 && frames.size() < count; attempt++) {
            int w = 2 * (1 + random.nextInt(width / 4));
            int h = 2 * (1 + random.nextInt(height / 4));
            Rect frame = new Rect(2 * random.nextInt((width - w) / 2 + 1), 2 * random.nextInt((height - h) / 2 + 1),
                    w, h);
            if (frames.stream().noneMatch(other -> overlap(other, frame))) {
                frames.add(frame);
            }
        }
        return frames;
    }

    private static boolean overlap(Rect a, Rect b) {
        return a.x() < b.right() && b.x() < a.right() && a.y() < b.bottom() && b.y() < a.bottom();
    }

    private static int coveredPixels(List<Rect> tiles, int width, int height) {
        int covered = 0;
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int px = x;
                int py = y;
                if (tiles.stream().anyMatch(t -> t.x() <= px && px < t.right() && t.y() <= py && py < t.bottom())) {
                    covered++;
                }
            }
        }
        return covered;
    }
}
