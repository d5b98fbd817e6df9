package dev.montage.media;

import dev.montage.layout.Rect;
import java.util.ArrayList;
import java.util.List;

/**
 * The tile each stacked picture is padded to before {@code xstack} copies it into place: its frame grown into the
 * background around it, halfway towards its neighbours and up to the canvas's edges, so that the tiles together
 * usually cover the whole canvas. Then {@code xstack} copies each tile once and does nothing else: no fill of the
 * whole picture before the copies, no {@code pad} of the stacked picture to the canvas after them. Those two passed
 * over every pixel of every output frame on ffmpeg's filtering thread, which bounds the wall time when the encoder is
 * cheap (bench/RESULTS.md, "The service's graph with tiles").
 *
 * <p>The picture is the same with or without tiles: a tile only adds background around its frame, tiles never overlap
 * (a neighbour's tile stops at the same midpoint from the other side) and never leave the canvas. Where they do not
 * cover it (pictures of different rows that do not line up), {@link #coverCanvas} is false and {@code xstack} keeps
 * filling the rest with the background.
 *
 * <pre>{@code
 * // a 2x2 grid of 4:3 pictures at 1280x720: 480x360 frames centred in 640x360 cells
 * StackTiles.of(List.of(new Rect(80, 0, 480, 360), new Rect(720, 0, 480, 360),
 *         new Rect(80, 360, 480, 360), new Rect(720, 360, 480, 360)), new Resolution(1280, 720)).tiles();
 *     // 640x360@(0,0), 640x360@(640,0), 640x360@(0,360), 640x360@(640,360): the cells, covering the canvas
 * }</pre>
 *
 * @param tiles       one per frame, in the frames' order, each containing its frame
 * @param coverCanvas true when the tiles cover every pixel of the canvas
 */
record StackTiles(List<Rect> tiles, boolean coverCanvas) {

    StackTiles {
        tiles = List.copyOf(tiles);
    }

    /**
     * Grows each frame sideways first, to the midpoint of the gap to the nearest frame beside it (one sharing some
     * row) or to the canvas's edge, then up and down the same way against the grown tiles above and below it. Frames
     * must not overlap one another and lie inside the canvas with even positions and sizes (the planner's); tiles
     * keep positions even, as yuv420p wants.
     */
    static StackTiles of(List<Rect> frames, int canvasWidth, int canvasHeight) {
        List<Rect> wide = new ArrayList<>(frames.size());
        for (Rect frame : frames) {
            int left = 0;
            int right = canvasWidth;
            for (Rect other : frames) {
                if (other == frame || !rowsShared(frame, other)) {
                    continue;
                }
                if (other.right() <= frame.x()) {
                    left = Math.max(left, midpoint(other.right(), frame.x()));
                } else if (other.x() >= frame.right()) {
                    right = Math.min(right, midpoint(frame.right(), other.x()));
                }
            }
            wide.add(new Rect(left, frame.y(), right - left, frame.height()));
        }
        List<Rect> tiles = new ArrayList<>(frames.size());
        for (Rect tile : wide) {
            int top = 0;
            int bottom = canvasHeight;
            for (Rect other : wide) {
                if (other == tile || !columnsShared(tile, other)) {
                    continue;
                }
                if (other.bottom() <= tile.y()) {
                    top = Math.max(top, midpoint(other.bottom(), tile.y()));
                } else if (other.y() >= tile.bottom()) {
                    bottom = Math.min(bottom, midpoint(tile.bottom(), other.y()));
                }
            }
            tiles.add(new Rect(tile.x(), top, tile.width(), bottom - top));
        }
        long area = tiles.stream().mapToLong(tile -> (long) tile.width() * tile.height()).sum();
        return new StackTiles(tiles, area == (long) canvasWidth * canvasHeight);
    }

    private static boolean rowsShared(Rect a, Rect b) {
        return a.y() < b.bottom() && b.y() < a.bottom();
    }

    private static boolean columnsShared(Rect a, Rect b) {
        return a.x() < b.right() && b.x() < a.right();
    }

    /** The even column (or row) halfway between two even edges; both neighbours compute the same one. */
    private static int midpoint(int from, int to) {
        return from + (to - from) / 4 * 2;
    }
}
