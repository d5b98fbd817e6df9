package dev.montage.layout;

import java.util.ArrayList;
import java.util.List;

/**
 * Pixel geometry of a region's grid: where each cell is and where a picture goes inside its cell.
 *
 * <p>All sizes and positions this class produces are even, because the output is yuv420p, where
 * chroma is sampled per 2x2 block: an odd edge would smear a colour seam along it. Rounding always
 * goes inwards, so a cell never leaves its region and a picture never leaves its cell; the few
 * pixels left over stay black at the right and bottom of the region.
 *
 * <pre>{@code
 * cellRectangles(new Rect(0, 0, 1280, 720), new Grid(2, 3))
 *     // six cells of 426x360: 426x360@(0,0), 426x360@(426,0), 426x360@(852,0), 426x360@(0,360), ...
 * fitInside(160, 120, new Rect(0, 0, 640, 240))   // 320x240@(160,0): scaled x2, bars left and right
 * cellRectangles(new Rect(0, 0, 640, 240), new Grid(1, 2), 20)
 *     // 310x240@(0,0) and 310x240@(330,0): a 20 pixel gap between them, none at the region's edges
 * }</pre>
 *
 * <p><b>cell_spacing.</b> The gap lies only <em>between</em> neighbouring cells, never along the region's outer
 * edges: a region's edge is where the caller put it (a strip beside a main region, a picture-in-picture box), and
 * a margin there would move it. Two regions that should be apart are placed apart. An odd gap is widened by one
 * pixel to keep cells on even pixels, and a gap so wide that the grid's cells would be narrower or lower than
 * {@value #MIN_CELL_SIDE} pixels shrinks until they are not ({@link #gap} says how wide it ends up).
 */
final class CellGeometry {

    private CellGeometry() {
    }

    /** The smallest side a cell keeps however wide the requested gap between cells. */
    static final int MIN_CELL_SIDE = 2;

    /** The cells of {@code grid} over {@code region}, numbered left to right, top to bottom, with no gap. */
    static List<Rect> cellRectangles(Rect region, Grid grid) {
        return cellRectangles(region, grid, 0);
    }

    /**
     * The cells of {@code grid} over {@code region}, numbered left to right, top to bottom, {@link #gap} pixels
     * apart. All cells have the same size.
     */
    static List<Rect> cellRectangles(Rect region, Grid grid, int spacing) {
        if (grid.cellCount() == 0) {
            return List.of();
        }
        int gap = gap(region, grid, spacing);
        int left = evenCeil(region.x());
        int top = evenCeil(region.y());
        int cellWidth = evenFloor((region.right() - left - (grid.cols() - 1) * gap) / grid.cols());
        int cellHeight = evenFloor((region.bottom() - top - (grid.rows() - 1) * gap) / grid.rows());
        List<Rect> cells = new ArrayList<>(grid.cellCount());
        for (int row = 0; row < grid.rows(); row++) {
            for (int col = 0; col < grid.cols(); col++) {
                cells.add(new Rect(left + col * (cellWidth + gap), top + row * (cellHeight + gap), cellWidth,
                        cellHeight));
            }
        }
        return List.copyOf(cells);
    }

    /**
     * The gap drawn between neighbouring cells for a requested {@code spacing}: rounded up to even pixels, then
     * narrowed (in even steps) until every cell keeps at least {@value #MIN_CELL_SIDE} pixels each way.
     */
    static int gap(Rect region, Grid grid, int spacing) {
        if (spacing < 0) {
            throw new IllegalArgumentException("cell spacing must not be negative, was " + spacing);
        }
        int gap = evenCeil(spacing);
        if (grid.cellCount() == 0) {
            return gap;
        }
        int width = region.right() - evenCeil(region.x());
        int height = region.bottom() - evenCeil(region.y());
        if (grid.cols() > 1) {
            gap = Math.min(gap, evenFloor((width - grid.cols() * MIN_CELL_SIDE) / (grid.cols() - 1)));
        }
        if (grid.rows() > 1) {
            gap = Math.min(gap, evenFloor((height - grid.rows() * MIN_CELL_SIDE) / (grid.rows() - 1)));
        }
        return Math.max(0, gap);
    }

    /**
     * The largest rectangle with the picture's aspect ratio that fits {@code cell}, centred in it:
     * the picture is scaled (up or down) to touch two opposite edges and black bars fill the rest.
     */
    static Rect fitInside(int pictureWidth, int pictureHeight, Rect cell) {
        if (pictureWidth < 1 || pictureHeight < 1) {
            throw new IllegalArgumentException("a picture needs a positive size, was " + pictureWidth + "x" + pictureHeight);
        }
        int width;
        int height;
        // compare aspect ratios by cross-multiplying, so no floating point decides a tie
        if ((long) pictureWidth * cell.height() <= (long) pictureHeight * cell.width()) {
            height = cell.height();
            width = nearestEven((long) pictureWidth * cell.height(), pictureHeight);
        } else {
            width = cell.width();
            height = nearestEven((long) pictureHeight * cell.width(), pictureWidth);
        }
        // an extreme aspect ratio may round a side to 0; keep a visible sliver where the cell allows
        width = Math.min(Math.max(width, 2), cell.width());
        height = Math.min(Math.max(height, 2), cell.height());
        int x = cell.x() + evenFloor((cell.width() - width) / 2);
        int y = cell.y() + evenFloor((cell.height() - height) / 2);
        return new Rect(x, y, width, height);
    }

    /** {@code numerator / denominator} rounded to the nearest even integer (halves round up). */
    private static int nearestEven(long numerator, long denominator) {
        return (int) ((numerator + denominator) / (2 * denominator) * 2);
    }

    private static int evenFloor(int value) {
        return value & ~1;
    }

    private static int evenCeil(int value) {
        return (value + 1) & ~1;
    }
}
