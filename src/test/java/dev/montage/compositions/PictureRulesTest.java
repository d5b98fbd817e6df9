package dev.montage.compositions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import dev.montage.layout.Resolution;
import dev.montage.media.PictureFormat;

/** The rules of pictures that need no composition: the Accept preference, the storyboard grid, the slots. */
class PictureRulesTest {

    @ParameterizedTest(name = "Accept: {0} → {1}")
    @CsvSource(delimiter = '|', nullValues = "none", value = {
            "none                                   | JPEG",
            "*/*                                    | JPEG",
            "image/*                                | JPEG",
            "image/webp                             | WEBP",
            "image/avif,image/webp,*/*;q=0.8        | WEBP",
            "image/jpeg,image/webp;q=0.5            | JPEG",
            "image/webp;q=0.9,image/jpeg            | JPEG",
            "image/webp;q=0                         | JPEG",
            "not a media type                       | JPEG"})
    void webpOnlyWhenAcceptPrefersIt(String accept, PictureFormat expected) {
        assertThat(PictureParameters.preferred(accept)).isEqualTo(expected);
    }

    /**
     * 12 frames of a 3 s composition, 32 px tiles of 24:
     * <pre>
     *   | 0 | 1 | 2 | 3 | 4 | 5 | 6 | 7 | 8 | 9 |      at 0.125, 0.375, ... (the middles of 12 slices of 250 ms)
     *   | 10| 11|   black ...                   |
     * </pre>
     */
    @Test
    void framesWrapAfterTenColumnsAtTheMiddlesOfEqualSlices() {
        StoryboardLayout layout = StoryboardLayout.of(3000, 12, new Resolution(32, 24));

        assertThat(layout.columns()).isEqualTo(10);
        assertThat(layout.rows()).isEqualTo(2);
        assertThat(layout.imageSize()).isEqualTo(new Resolution(320, 48));
        assertThat(layout.instants()).containsExactly(125L, 375L, 625L, 875L, 1125L, 1375L, 1625L, 1875L, 2125L,
                2375L, 2625L, 2875L);
        assertThat(layout.tiles().get(9)).isEqualTo(new StoryboardLayout.Tile(2375, 288, 0));
        assertThat(layout.tiles().get(10)).isEqualTo(new StoryboardLayout.Tile(2625, 0, 24));
    }

    @Test
    void fewFramesMakeOneRowOfThatManyColumns() {
        StoryboardLayout one = StoryboardLayout.of(1001, 1, new Resolution(160, 90));
        assertThat(one.columns()).isEqualTo(1);
        assertThat(one.rows()).isEqualTo(1);
        assertThat(one.instants()).containsExactly(501L);
    }

    @Test
    void aRequestFindingEverySlotTakenPastItsWaitIsBusy() {
        PictureSlots slots = new PictureSlots(new ThumbnailSettings(1, Duration.ZERO));
        PictureSlots.Slot first = slots.take();

        assertThatThrownBy(slots::take).isInstanceOf(PictureSlots.Busy.class)
                .hasMessageContaining("making 1 pictures already");

        first.close();
        slots.take().close(); // given back: free again
    }

    @Test
    void settingsThatCannotWorkAreRefusedWithTheirName() {
        assertThatThrownBy(() -> new ThumbnailSettings(0, Duration.ofSeconds(1)))
                .hasMessageContaining("montage.thumbnails.max-concurrent");
        assertThatThrownBy(() -> new ThumbnailSettings(1, Duration.ofSeconds(-1)))
                .hasMessageContaining("montage.thumbnails.slot-wait");
    }
}
