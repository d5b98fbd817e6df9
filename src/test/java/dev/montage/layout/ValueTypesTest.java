package dev.montage.layout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The compact-constructor checks of the request and track types, and the wire names of Reuse. */
class ValueTypesTest {

    @ParameterizedTest
    @EnumSource(Reuse.class)
    void reuseRoundTripsThroughItsWireName(Reuse reuse) {
        assertThat(Reuse.fromWire(reuse.wireName())).isEqualTo(reuse);
    }

    @Test
    void reuseWireNamesAreSnakeCase() {
        assertThat(List.of(Reuse.values())).extracting(Reuse::wireName).containsExactly("none", "show_oldest", "show_newest");
    }

    @Test
    void reuseRejectsUnknownValuesNamingTheAcceptedOnes() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> Reuse.fromWire("SHOW_OLDEST"))
                .withMessage("reuse must be one of none, show_oldest, show_newest, was 'SHOW_OLDEST'");
        assertThatIllegalArgumentException().isThrownBy(() -> Reuse.fromWire(null));
    }

    @Test
    void regionDefaultsAreShowOldestWithoutLimitsAndWithoutVideo() {
        RegionSpec region = RegionSpec.builder("main", 0, 0, 640, 480).build();

        assertThat(region.reuse()).isEqualTo(Reuse.SHOW_OLDEST);
        assertThat(region.maxRows()).isEmpty();
        assertThat(region.maxColumns()).isEmpty();
        assertThat(region.videoSources()).isEmpty();
        assertThat(region.z()).isZero();
    }

    @Test
    void regionRejectsAZeroLimit() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> RegionSpec.builder("main", 0, 0, 640, 480).maxRows(0).build())
                .withMessage("region main: max_rows must be at least 1, was 0");
    }

    @Test
    void regionRejectsANegativeExcludedCell() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> RegionSpec.builder("main", 0, 0, 640, 480).cellsExcluded(-1).build())
                .withMessageContaining("cells_excluded");
    }

    @Test
    void regionCopiesItsListsAndSortsItsExcludedCells() {
        List<String> sources = new ArrayList<>(List.of("alice"));
        RegionSpec region = new RegionSpec("main", 0, 0, 640, 480, 0, OptionalInt.empty(), OptionalInt.empty(),
                sources, List.of(), Set.of(5, 1, 3), Reuse.NONE);

        sources.add("bob");

        assertThat(region.videoSources()).containsExactly("alice");
        assertThat(region.cellsExcluded()).containsExactly(1, 3, 5);
    }

    @Test
    void requestRejectsARegionOutsideTheCanvas() {
        RegionSpec wide = RegionSpec.builder("main", 1000, 0, 400, 100).build();

        assertThatIllegalArgumentException()
                .isThrownBy(() -> new LayoutRequest(new Resolution(1280, 720), List.of(wide), AudioSelection.ALL, false))
                .withMessage("region main: x_pos + width (1000 + 400) exceeds the canvas width (1280)");
    }

    @Test
    void requestRejectsDuplicateRegionNames() {
        RegionSpec region = RegionSpec.builder("main", 0, 0, 100, 100).build();

        assertThatIllegalArgumentException()
                .isThrownBy(() -> new LayoutRequest(new Resolution(1280, 720), List.of(region, region), AudioSelection.ALL, false))
                .withMessageContaining("'main' appears twice");
    }

    @Test
    void videoTrackRejectsActivityOutsideItsSpan() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new VideoTrack("rec-1", "alice", new TimeSpan(0, 10), List.of(new TimeSpan(5, 11)), 640, 480))
                .withMessage("video recording rec-1: activity [5, 11) lies outside the recording's span [0, 10)");
    }

    @Test
    void videoTrackNormalisesItsActivity() {
        VideoTrack track = new VideoTrack("rec-1", "alice", new TimeSpan(0, 10),
                List.of(new TimeSpan(6, 10), new TimeSpan(0, 3), new TimeSpan(2, 4)), 640, 480);

        assertThat(track.activity()).containsExactly(new TimeSpan(0, 4), new TimeSpan(6, 10));
    }

    @Test
    void blankIdsAreRejected() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new AudioTrack(" ", "alice", new TimeSpan(0, 1)))
                .withMessageContaining("audio recording id must not be blank");
    }

    @Test
    void rectAndResolutionRejectImpossibleSizes() {
        assertThatIllegalArgumentException().isThrownBy(() -> new Rect(0, 0, -2, 4));
        assertThatIllegalArgumentException().isThrownBy(() -> new Resolution(0, 720));
    }

    @Test
    void planRejectsADurationThatDisagreesWithItsSegments() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new CompositionPlan(new Resolution(640, 480), 5, 0, List.of(new TimeSpan(0, 10)),
                        List.of(), List.of(), List.of(), List.of()))
                .withMessageContaining("durationMillis (5)");
    }
}
