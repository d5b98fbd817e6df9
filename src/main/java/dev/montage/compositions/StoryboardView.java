package dev.montage.compositions;

import java.math.BigDecimal;
import java.util.List;
import java.util.UUID;

/** The JSON of a storyboard: where each frame lies in the image at {@code image_url}, and the instant it shows. */
record StoryboardView(String recordType, UUID compositionId, int frames, int columns, int rows, int tileWidth,
        int tileHeight, String imageUrl, List<TileView> tiles) {

    /** One tile: {@code at} in seconds, to the millisecond; {@code x}, {@code y} its top-left corner in pixels. */
    record TileView(BigDecimal at, int x, int y) {
    }

    static StoryboardView of(UUID compositionId, StoryboardLayout layout, String imageUrl) {
        return new StoryboardView("room_composition_storyboard", compositionId, layout.frames(), layout.columns(),
                layout.rows(), layout.tileWidth(), layout.tileHeight(), imageUrl, layout.tiles().stream()
                        .map(t -> new TileView(BigDecimal.valueOf(t.atMillis(), 3), t.x(), t.y())).toList());
    }
}
