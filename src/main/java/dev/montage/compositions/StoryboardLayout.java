package dev.montage.compositions;

import java.util.ArrayList;
import java.util.List;

import dev.montage.layout.Resolution;

/**
 * Where the frames of a storyboard come from and where they lie in its image: {@code frames} evenly spaced
 * instants, the i-th at {@code (i + 0.5) * duration / frames} (the middle of the i-th of N equal slices, so neither
 * the first black frame nor the end is ever one), laid out row by row in {@code columns} (at most
 * {@value #MAX_COLUMNS}) and as many rows as they need.
 *
 * <pre>{@code
 * StoryboardLayout.of(4000, 4, new Resolution(80, 60));
 *     // 4 columns x 1 row of 80x60; tiles at 500, 1500, 2500, 3500 ms, x 0, 80, 160, 240
 * }</pre>
 */
record StoryboardLayout(int frames, int columns, int rows, int tileWidth, int tileHeight, List<Tile> tiles) {

    static final int MAX_COLUMNS = 10;

    /** One frame: the instant it shows, and its top-left corner in the image. */
    record Tile(long atMillis, int x, int y) {
    }

    StoryboardLayout {
        tiles = List.copyOf(tiles);
        if (tiles.size() != frames || frames > columns * rows) {
            throw new IllegalArgumentException(frames + " frames do not match " + tiles.size() + " tiles in "
                    + columns + "x" + rows);
        }
    }

    static StoryboardLayout of(long durationMillis, int frames, Resolution tile) {
        if (frames < 1 || durationMillis < 1) {
            throw new IllegalArgumentException("a storyboard needs a frame and a duration, not " + frames + " of "
                    + durationMillis + " ms");
        }
        int columns = Math.min(frames, MAX_COLUMNS);
        int rows = (frames + columns - 1) / columns;
        List<Tile> tiles = new ArrayList<>(frames);
        for (int i = 0; i < frames; i++) {
            long at = Math.round((i + 0.5) * durationMillis / frames);
            tiles.add(new Tile(at, (i % columns) * tile.width(), (i / columns) * tile.height()));
        }
        return new StoryboardLayout(frames, columns, rows, tile.width(), tile.height(), tiles);
    }

    /** The size of the whole image. */
    Resolution imageSize() {
        return new Resolution(columns * tileWidth, rows * tileHeight);
    }

    List<Long> instants() {
        return tiles.stream().map(Tile::atMillis).toList();
    }
}
