package dev.montage.layout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;

import dev.montage.layout.LayoutPropertiesTest.Scenario;

/**
 * Properties of phased regions over the random sessions of {@link LayoutPropertiesTest}, with the
 * extensions switched on at random: the first region may get {@code adaptive_grid}; a second region
 * may get {@code adaptive_grid}, {@code exclude_shown_in} and {@code expand_into} naming the first.
 */
class PhasedRegionPropertiesTest {

    private static final Resolution CANVAS = new Resolution(1280, 720);
    private static final int TRIES = 300;

    @Test
    void phasesCoverTheTimelineAndEveryCellAndFrameLiesInItsPhase() {
        qt().withExamples(TRIES).forAll(phasedScenarios()).checkAssert(scenario -> {
            scenario.plan().ifPresent(plan -> {
                for (RegionPlan region : plan.regions()) {
                    List<RegionPhase> phases = region.phases();
                    // phases cover the session timeline, of which trim keeps parts
                    assertThat(phases.get(0).span().startMillis()).isLessThanOrEqualTo(plan.originMillis());
                    assertThat(phases.get(phases.size() - 1).span().endMillis())
                            .isGreaterThanOrEqualTo(plan.keptSegments().get(plan.keptSegments().size() - 1).endMillis());
                    for (int p = 0; p < phases.size(); p++) {
                        RegionPhase phase = phases.get(p);
                        assertThat(phase.span().isEmpty()).as("phase %s of %s", p, region.name()).isFalse();
                        if (p > 0) {
                            assertThat(phase.span().startMillis()).isEqualTo(phases.get(p - 1).span().endMillis());
                            assertThat(phase).as("neighbouring phases differ").isNotEqualTo(phases.get(p - 1));
                        }
                        assertThat(CANVAS.asRect().contains(phase.area())).isTrue();
                        assertThat(phase.area().contains(region.area())).isTrue();
                        phase.cells().forEach(cell -> assertThat(phase.area().contains(cell)).isTrue());
                    }
                    for (Placement placement : region.placements()) {
                        RegionPhase phase = phases.get(placement.phase());
                        assertThat(phase.cells().get(placement.cell()).contains(placement.frame())).isTrue();
                        placement.assigned().forEach(span -> assertThat(phase.span().encloses(span)).isTrue());
                    }
                }
            });
        });
    }

    @Test
    void noTwoPlacementsShareACellAtOnceAndNoSourceIsInTwoCellsAtOnce() {
        qt().withExamples(TRIES).forAll(phasedScenarios()).checkAssert(scenario -> {
            scenario.plan().ifPresent(plan -> {
                for (RegionPlan region : plan.regions()) {
                    List<Placement> placements = region.placements();
                    for (int i = 0; i < placements.size(); i++) {
                        for (int j = i + 1; j < placements.size(); j++) {
                            Placement a = placements.get(i);
                            Placement b = placements.get(j);
                            boolean sameCell = a.phase() == b.phase() && a.cell() == b.cell();
                            if (sameCell || a.sourceId().equals(b.sourceId())) {
                                assertThat(overlapAnywhere(a.assigned(), b.assigned()))
                                        .as("%s and %s held at the same time", a, b).isFalse();
                            }
                            if (a.phase() == b.phase() && overlapAnywhere(a.visible(), b.visible())) {
                                assertThat(overlap(a.frame(), b.frame())).as("%s and %s overlap", a, b).isFalse();
                            }
                        }
                    }
                }
            });
        });
    }

    @Test
    void aRegionNeverShowsAParticipantWhileARegionItExcludesShowsThem() {
        qt().withExamples(TRIES).forAll(phasedScenarios()).checkAssert(scenario -> {
            scenario.plan().ifPresent(plan -> {
                for (RegionSpec spec : scenario.request().regions()) {
                    for (String named : spec.excludeShownIn()) {
                        for (Placement here : plan.region(spec.name()).orElseThrow().placements()) {
                            for (Placement there : plan.region(named).orElseThrow().placements()) {
                                if (here.participantId().equals(there.participantId())) {
                                    assertThat(overlapAnywhere(here.assigned(), there.assigned()))
                                            .as("%s shown in %s while %s shows it", here.participantId(), spec.name(), named)
                                            .isFalse();
                                }
                            }
                        }
                    }
                }
            });
        });
    }

    @Test
    void anExpandingRegionCoversANamedRegionOnlyWhileItShowsNothing() {
        qt().withExamples(TRIES).forAll(phasedScenarios()).checkAssert(scenario -> {
            scenario.plan().ifPresent(plan -> {
                for (RegionSpec spec : scenario.request().regions()) {
                    RegionPlan region = plan.region(spec.name()).orElseThrow();
                    for (String named : spec.expandInto()) {
                        List<TimeSpan> held = RegionPhases.heldSpans(plan.region(named).orElseThrow());
                        for (RegionPhase phase : region.phases()) {
                            if (TimeSpans.contains(held, phase.span().startMillis())) {
                                assertThat(phase.area()).as("%s while %s shows something", phase, named)
                                        .isEqualTo(RegionPhases.expandedArea(spec.area(), List.of(), 0));
                            }
                        }
                    }
                }
            });
        });
    }

    @Test
    void plansAreDeterministicWhateverTheInputOrder() {
        qt().withExamples(TRIES).forAll(phasedScenarios()).checkAssert(scenario -> {
            Optional<CompositionPlan> first = scenario.plan();
            List<VideoTrack> shuffled = new ArrayList<>(scenario.video());
            Collections.shuffle(shuffled, new Random(shuffled.size()));
            assertThat(new Scenario(shuffled, scenario.audio(), scenario.request()).plan()).isEqualTo(first);
        });
    }

    /** The scenarios of LayoutPropertiesTest with the extensions switched on by the bits of a random number. */
    private static Gen<Scenario> phasedScenarios() {
        return LayoutPropertiesTest.scenarios().zip(integers().between(0, 15), (scenario, bits) -> {
            List<RegionSpec> regions = new ArrayList<>();
            RegionSpec first = scenario.request().regions().get(0);
            regions.add(with(first, (bits & 1) != 0, List.of(), List.of()));
            if (scenario.request().regions().size() > 1) {
                RegionSpec second = scenario.request().regions().get(1);
                regions.add(with(second, (bits & 2) != 0,
                        (bits & 4) != 0 ? List.of(first.name()) : List.of(),
                        (bits & 8) != 0 ? List.of(first.name()) : List.of()));
            }
            LayoutRequest request = new LayoutRequest(CANVAS, regions, AudioSelection.ALL, scenario.request().trim());
            return new Scenario(scenario.video(), scenario.audio(), request);
        });
    }

    private static RegionSpec with(RegionSpec spec, boolean adaptive, List<String> excludeShownIn, List<String> expandInto) {
        return new RegionSpec(spec.name(), spec.x(), spec.y(), spec.width(), spec.height(), spec.z(), spec.maxRows(),
                spec.maxColumns(), spec.videoSources(), spec.videoSourcesExcluded(), spec.cellsExcluded(), spec.reuse(),
                adaptive, excludeShownIn, expandInto, spec.activeSpeaker(), spec.cellSpacing());
    }

    private static boolean overlapAnywhere(List<TimeSpan> first, List<TimeSpan> second) {
        return first.stream().anyMatch(a -> second.stream().anyMatch(a::overlaps));
    }

    private static boolean overlap(Rect a, Rect b) {
        return a.x() < b.right() && b.x() < a.right() && a.y() < b.bottom() && b.y() < a.bottom();
    }
}
