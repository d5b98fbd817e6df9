package dev.montage.layout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.arbitrary;
import static org.quicktheories.generators.SourceDSL.booleans;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;
import static org.quicktheories.generators.SourceDSL.longs;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;

/**
 * Properties of plans over random sessions: 1..8 video recordings of up to four participants with
 * random spans and camera-off gaps within one minute, up to three audio recordings, one or two
 * regions with random place, reuse, limits, exclusions and selections, trim on or off.
 *
 * <p>Each property is an ordinary JUnit test that checks {@value #TRIES} random scenarios with
 * QuickTheories; on failure it reports the shrunk scenario and the seed to reproduce it.
 */
class LayoutPropertiesTest {

    private static final long SESSION_MILLIS = 60_000;
    private static final Resolution CANVAS = new Resolution(1280, 720);
    private static final int TRIES = 300;

    /** A random session and request; only plans of scenarios with something to compose are checked. */
    record Scenario(List<VideoTrack> video, List<AudioTrack> audio, LayoutRequest request) {

        Optional<CompositionPlan> plan() {
            try {
                return Optional.of(LayoutPlanner.plan(video, audio, request));
            } catch (NothingToComposeException nothing) {
                return Optional.empty();
            }
        }

        /** The sources of a region, grouped as the planner groups them. */
        List<VideoSource> sourcesOf(RegionSpec region) {
            return VideoSource.group(video.stream().filter(track -> !track.span().isEmpty()).filter(region::selects).toList());
        }
    }

    @Test
    void everyCellAndFrameLiesInsideItsRegionInsideTheCanvas() {
        qt().withExamples(TRIES).forAll(scenarios()).checkAssert(scenario -> {
            scenario.plan().ifPresent(plan -> {
                for (RegionPlan region : plan.regions()) {
                    assertThat(CANVAS.asRect().contains(region.area())).as("region %s inside canvas", region.name()).isTrue();
                    assertThat(region.cells()).hasSize(region.rows() * region.cols());
                    for (Rect cell : region.cells()) {
                        assertThat(region.area().contains(cell)).as("cell %s inside %s", cell, region.area()).isTrue();
                        assertThat(cell.x() % 2 + cell.y() % 2 + cell.width() % 2 + cell.height() % 2).as("even cell %s", cell).isZero();
                    }
                    for (Placement placement : region.placements()) {
                        Rect cell = region.cells().get(placement.cell());
                        assertThat(cell.contains(placement.frame())).as("frame %s inside cell %s", placement.frame(), cell).isTrue();
                        assertThat(placement.frame().width() % 2 + placement.frame().height() % 2).isZero();
                    }
                }
            });
        });
    }

    @Test
    void noCellShowsTwoSourcesAtOnceAndNoSourceIsInTwoCellsAtOnce() {
        qt().withExamples(TRIES).forAll(scenarios()).checkAssert(scenario -> {
            scenario.plan().ifPresent(plan -> {
                for (RegionPlan region : plan.regions()) {
                    List<Placement> placements = region.placements();
                    for (int i = 0; i < placements.size(); i++) {
                        for (int j = i + 1; j < placements.size(); j++) {
                            Placement a = placements.get(i);
                            Placement b = placements.get(j);
                            if (a.cell() == b.cell() || a.sourceId().equals(b.sourceId())) {
                                assertThat(overlapAnywhere(a.assigned(), b.assigned()))
                                        .as("%s and %s held at the same time", a, b).isFalse();
                            }
                        }
                    }
                }
            });
        });
    }

    @Test
    void nothingIsVisibleOutsideItsActivityOrItsCellAssignment() {
        qt().withExamples(TRIES).forAll(scenarios()).checkAssert(scenario -> {
            scenario.plan().ifPresent(plan -> {
                for (RegionPlan region : plan.regions()) {
                    for (Placement placement : region.placements()) {
                        List<TimeSpan> activity = TimeSpans.union(scenario.video().stream()
                                .filter(track -> placement.recordingIds().contains(track.recordingId()))
                                .flatMap(track -> track.activity().stream())
                                .toList());
                        for (TimeSpan visible : placement.visible()) {
                            assertThat(TimeSpans.encloses(activity, visible)).as("%s within activity %s", visible, activity).isTrue();
                            assertThat(TimeSpans.encloses(placement.assigned(), visible)).isTrue();
                        }
                    }
                }
            });
        });
    }

    /**
     * show_oldest: at any instant where a source is active but not shown, every usable cell of its
     * region is held by another source; and once shown, a source keeps its cell to its end.
     */
    @Test
    void showOldestShowsAnActiveSourceWheneverACellIsFree() {
        qt().withExamples(TRIES).forAll(scenarios()).checkAssert(scenario -> {
            scenario.plan().ifPresent(plan -> {
                for (RegionSpec spec : scenario.request().regions()) {
                    if (spec.reuse() != Reuse.SHOW_OLDEST) {
                        continue;
                    }
                    RegionPlan region = plan.region(spec.name()).orElseThrow();
                    List<Integer> usable = new Grid(region.rows(), region.cols()).usableCells(spec.cellsExcluded());
                    for (VideoSource source : scenario.sourcesOf(spec)) {
                        List<Placement> own = region.placements().stream().filter(p -> p.sourceId().equals(source.id())).toList();
                        assertThat(own).as("show_oldest never moves %s", source.id()).hasSizeLessThanOrEqualTo(1);
                        own.forEach(placement -> assertThat(placement.assigned()).singleElement()
                                .extracting(TimeSpan::endMillis).isEqualTo(source.span().endMillis()));
                        for (long instant : sampleInstants(source.activity())) {
                            boolean shown = own.stream().anyMatch(p -> TimeSpans.contains(p.visible(), instant));
                            if (!shown) {
                                for (int cell : usable) {
                                    assertThat(heldByAnotherSource(region, cell, source.id(), instant))
                                            .as("%s active at %d but not shown while cell %d is free", source.id(), instant, cell)
                                            .isTrue();
                                }
                            }
                        }
                    }
                }
            });
        });
    }

    /** Without row or column limits the grid has room for the peak, so no mode ever hides an active source. */
    @Test
    void withoutLimitsEverySourceIsVisibleWheneverActive() {
        qt().withExamples(TRIES).forAll(scenarios()).checkAssert(scenario -> {
            scenario.plan().ifPresent(plan -> {
                for (RegionSpec spec : scenario.request().regions()) {
                    if (spec.maxRows().isPresent() || spec.maxColumns().isPresent()) {
                        continue;
                    }
                    RegionPlan region = plan.region(spec.name()).orElseThrow();
                    for (VideoSource source : scenario.sourcesOf(spec)) {
                        List<TimeSpan> visible = TimeSpans.union(region.placements().stream()
                                .filter(p -> p.sourceId().equals(source.id()))
                                .flatMap(p -> p.visible().stream())
                                .toList());
                        assertThat(visible).as("%s in region %s", source.id(), spec.name()).isEqualTo(source.activity());
                    }
                }
            });
        });
    }

    @Test
    void keptSegmentsHoldAllMediaAndAddUpToTheDuration() {
        qt().withExamples(TRIES).forAll(scenarios()).checkAssert(scenario -> {
            scenario.plan().ifPresent(plan -> {
                assertThat(plan.keptSegments().stream().mapToLong(TimeSpan::durationMillis).sum()).isEqualTo(plan.durationMillis());
                assertThat(plan.toOutputMillis(Long.MAX_VALUE)).isEqualTo(plan.durationMillis());
                for (RegionPlan region : plan.regions()) {
                    for (Placement placement : region.placements()) {
                        for (TimeSpan visible : placement.visible()) {
                            assertThat(TimeSpans.encloses(plan.keptSegments(), visible)).as("%s kept", visible).isTrue();
                            assertThat(plan.toOutput(visible).durationMillis()).isEqualTo(visible.durationMillis());
                        }
                    }
                }
                for (AudioPlacement audio : plan.audio()) {
                    assertThat(TimeSpans.encloses(plan.keptSegments(), audio.span())).as("audio %s kept", audio.span()).isTrue();
                    assertThat(audio.outputOffsetMillis()).isEqualTo(plan.toOutputMillis(audio.span().startMillis()));
                }
                if (!scenario.request().trim()) {
                    assertThat(plan.keptSegments()).hasSize(1);
                }
            });
        });
    }

    @Test
    void plansAreDeterministicWhateverTheInputOrder() {
        qt().withExamples(TRIES).forAll(scenarios()).checkAssert(scenario -> {
            Optional<CompositionPlan> first = scenario.plan();
            List<VideoTrack> shuffledVideo = new ArrayList<>(scenario.video());
            List<AudioTrack> shuffledAudio = new ArrayList<>(scenario.audio());
            Collections.shuffle(shuffledVideo, new Random(shuffledVideo.size()));
            Collections.shuffle(shuffledAudio, new Random(7));

            assertThat(scenario.plan()).isEqualTo(first);
            assertThat(new Scenario(shuffledVideo, shuffledAudio, scenario.request()).plan()).isEqualTo(first);
        });
    }

    // --- generators ---------------------------------------------------------------------------

    static Gen<Scenario> scenarios() {
        return lists().of(videoTrack()).ofSizeBetween(1, 8).zip(
                        lists().of(audioTrack()).ofSizeBetween(0, 3),
                        lists().of(region()).ofSizeBetween(1, 2),
                        booleans().all(),
                        (videoShapes, audioShapes, regions, trim) -> {
                            List<VideoTrack> video = new ArrayList<>();
                            for (int i = 0; i < videoShapes.size(); i++) {
                                video.add(videoShapes.get(i).toTrack("r" + i));
                            }
                            List<AudioTrack> audio = new ArrayList<>();
                            for (int i = 0; i < audioShapes.size(); i++) {
                                audio.add(audioShapes.get(i).toTrack("a" + i));
                            }
                            List<RegionSpec> named = new ArrayList<>();
                            for (int i = 0; i < regions.size(); i++) {
                                named.add(regions.get(i).toSpec("region" + i));
                            }
                            return new Scenario(video, audio, new LayoutRequest(CANVAS, named, AudioSelection.ALL, trim));
                        });
    }

    record VideoShape(int participant, long start, long length, List<Long> gapEdges, int width, int height) {
        VideoTrack toTrack(String recordingId) {
            TimeSpan span = new TimeSpan(start, Math.min(SESSION_MILLIS, start + length));
            List<TimeSpan> activity = List.of(span);
            for (int i = 0; i + 1 < gapEdges.size(); i += 2) {
                TimeSpan gap = new TimeSpan(Math.min(gapEdges.get(i), gapEdges.get(i + 1)), Math.max(gapEdges.get(i), gapEdges.get(i + 1)));
                activity = minus(activity, gap);
            }
            return new VideoTrack(recordingId, "p" + participant, span, activity, width, height);
        }
    }

    record AudioShape(int participant, long start, long length) {
        AudioTrack toTrack(String recordingId) {
            return new AudioTrack(recordingId, "p" + participant, new TimeSpan(start, Math.min(SESSION_MILLIS, start + length)));
        }
    }

    record RegionShape(int x, int y, int width, int height, int z, Reuse reuse, Optional<Integer> maxRows,
            Optional<Integer> maxColumns, Set<Integer> cellsExcluded, List<String> sources, List<String> excluded) {
        RegionSpec toSpec(String name) {
            int clampedWidth = 1 + width % (CANVAS.width() - x);
            int clampedHeight = 1 + height % (CANVAS.height() - y);
            return new RegionSpec(name, x, y, clampedWidth, clampedHeight, z,
                    maxRows.map(OptionalInt::of).orElse(OptionalInt.empty()),
                    maxColumns.map(OptionalInt::of).orElse(OptionalInt.empty()),
                    sources, excluded, cellsExcluded, reuse);
        }
    }

    private static Gen<VideoShape> videoTrack() {
        Gen<int[]> size = arbitrary().pick(List.of(new int[] {160, 120}, new int[] {640, 480}, new int[] {1280, 720}, new int[] {480, 640}));
        return integers().between(0, 3).zip(
                        longs().between(0, SESSION_MILLIS - 1),
                        longs().between(0, SESSION_MILLIS),
                        lists().of(longs().between(0, SESSION_MILLIS)).ofSizeBetween(0, 4),
                        size,
                        (participant, start, length, gaps, wh) -> new VideoShape(participant, start, length, gaps, wh[0], wh[1]));
    }

    private static Gen<AudioShape> audioTrack() {
        return integers().between(0, 3).zip(
                longs().between(0, SESSION_MILLIS - 1),
                longs().between(1, SESSION_MILLIS),
                AudioShape::new);
    }

    private static Gen<RegionShape> region() {
        Gen<String> ids = arbitrary().pick(List.of("p0", "p1", "p2", "p3", "r0", "r1", "r2", "r3", "r4", "r5", "r6", "r7"));
        // "*" two times in three, otherwise 1..4 named ids
        Gen<List<String>> sources = integers().between(0, 2).zip(lists().of(ids).ofSizeBetween(1, 4),
                (pick, named) -> pick < 2 ? List.of("*") : named);
        Gen<Integer> limit = integers().between(1, 3);
        Gen<Set<Integer>> cellsExcluded = lists().of(integers().between(0, 6)).ofSizeBetween(0, 2).map(cells -> Set.copyOf(cells));
        Gen<Geometry> geometry = integers().between(0, CANVAS.width() - 1).zip(
                integers().between(0, CANVAS.height() - 1),
                integers().between(0, 1_279),
                integers().between(0, 719),
                Geometry::new);
        return geometry.zip(
                        integers().between(-1, 2),
                        arbitrary().enumValues(Reuse.class),
                        limit.toOptionals(50).zip(limit.toOptionals(50), Limits::new),
                        cellsExcluded.zip(sources, lists().of(ids).ofSizeBetween(0, 2), Selection::new),
                        (place, z, reuse, limits, selection) -> new RegionShape(place.x(), place.y(), place.width(), place.height(), z,
                                reuse, limits.maxRows(), limits.maxColumns(), selection.cellsExcluded(), selection.included(),
                                selection.excluded()));
    }

    record Geometry(int x, int y, int width, int height) {
    }

    record Limits(Optional<Integer> maxRows, Optional<Integer> maxColumns) {
    }

    record Selection(Set<Integer> cellsExcluded, List<String> included, List<String> excluded) {
    }

    // --- helpers ------------------------------------------------------------------------------

    private static List<TimeSpan> minus(List<TimeSpan> spans, TimeSpan gap) {
        List<TimeSpan> result = new ArrayList<>();
        for (TimeSpan span : spans) {
            if (!span.overlaps(gap)) {
                result.add(span);
                continue;
            }
            if (span.startMillis() < gap.startMillis()) {
                result.add(new TimeSpan(span.startMillis(), gap.startMillis()));
            }
            if (gap.endMillis() < span.endMillis()) {
                result.add(new TimeSpan(gap.endMillis(), span.endMillis()));
            }
        }
        return result;
    }

    private static boolean overlapAnywhere(List<TimeSpan> first, List<TimeSpan> second) {
        return first.stream().anyMatch(a -> second.stream().anyMatch(a::overlaps));
    }

    private static boolean heldByAnotherSource(RegionPlan region, int cell, String sourceId, long instant) {
        return region.placements().stream().anyMatch(p -> p.cell() == cell && !p.sourceId().equals(sourceId)
                && TimeSpans.contains(p.assigned(), instant));
    }

    /** Every edge of the activity (and the instant before each end), plus a 250 ms raster across it. */
    private static Set<Long> sampleInstants(List<TimeSpan> activity) {
        Set<Long> instants = new TreeSet<>();
        for (TimeSpan span : activity) {
            instants.add(span.startMillis());
            instants.add(span.endMillis() - 1);
            for (long t = span.startMillis(); t < span.endMillis(); t += 250) {
                instants.add(t);
            }
        }
        return new HashSet<>(instants);
    }
}
