package dev.montage.compositions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;

import dev.montage.media.CompositionRenderer;
import dev.montage.media.Encoding;
import dev.montage.media.RenderSource;
import dev.montage.support.ApiClient;
import dev.montage.support.ApiTest;
import dev.montage.support.AudioSpectrum;
import dev.montage.support.Frames;
import dev.montage.support.MediaFacts;
import dev.montage.support.Rgb;
import dev.montage.support.SinglePassComparison;
import dev.montage.support.TestMedia;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Issue 14, part 3, on H2 and one node: a composition longer than one and a half parts is rendered in parts of 2 s,
 * one after another on the node's one job thread, and joined; the result equals the single-pass render of the same
 * plan (made here with the same renderer, in one ffmpeg, at the encoding the job renders the composition with: its
 * quality's encoder settings and the frame rate of its sources, 15 fps here): same duration and frame count, the same
 * pictures on both sides of every seam, the tone starting at the same instant, and picture and sound of a participant
 * who joins exactly on a seam starting together.
 *
 * <pre>
 * output   0 s       2 s       4 s       6 s  7 s
 * parts    |-part-0--|-part-1--|-part-2--|-p3-|     + the audio in one piece
 * alice    [ counting frames at 15 fps, 440 Hz .....]
 * bob                          [ blue, 660 Hz ......]
 * </pre>
 */
@TestPropertySource(properties = {"montage.compositions.segment-length=2s", "montage.jobs.threads=1"})
class SegmentedCompositionTest extends ApiTest {

    private static final double MEDIA_SECONDS = 7;
    private static final double[] SEAMS = {2, 4, 6};
    private static final int WIDTH = 320;
    /** The centre of bob's cell: the right half of a 320x240 canvas with two cells side by side. */
    private static final int BOB_X = 240;
    private static final int BOB_Y = 120;

    @Autowired
    JdbcClient jdbc;
    @Autowired
    CompositionRepository compositions;
    @Autowired
    CompositionPlanning planning;
    @Autowired
    CompositionJob job;
    @Autowired
    CompositionRenderer renderer;
    @Autowired
    JsonMapper mapper;

    @Test
    void partsJoinedEqualTheSinglePassAndLeaveNothingBehind() throws Exception {
        String session = session();
        ApiClient.Response created = api.post("/v2/room_compositions", """
                {"session_id": "%s", "resolution": "320x240"}""".formatted(session));
        assertThat(created.status()).as("%s", created).isEqualTo(202);
        String id = created.data().path("id").asString();

        List<Integer> progress = new ArrayList<>();
        List<Integer> partRows = new ArrayList<>();
        JsonNode done = await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(50)).until(() -> {
            JsonNode data = api.get("/v2/room_compositions/" + id).data();
            if (data.path("status").asString().equals("processing")) {
                progress.add(data.path("progress_percent").asInt());
                partRows.add(partRows(id));
            }
            return data;
        }, data -> List.of("completed", "failed").contains(data.path("status").asString()));
        assertThat(done.path("status").asString()).as("%s", done).isEqualTo("completed");
        assertThat(done.path("progress_percent").asInt()).isEqualTo(100);
        assertThat(partRows).as("rows of the parts while processing: four windows and the audio").contains(5);
        assertThat(progress).as("progress while processing").isSorted().allMatch(p -> p < 100);
        assertThat(progress.stream().filter(p -> p > 0).distinct().count())
                .as("distinct percents between 0 and 100 seen while the parts rendered: %s", progress)
                .isGreaterThanOrEqualTo(2);

        Path segmented = download(done.path("download_url").asString());
        Path single = singlePass(id);
        SinglePassComparison.assertEqual(segmented, single, SEAMS, WIDTH, 660, 3, 5);
        SinglePassComparison.assertEqual(segmented, single, new double[0], WIDTH, 440, 0, 1);
        assertThat(MediaFacts.of(segmented).moovBeforeMdat()).as("index first, as a single pass").isTrue();
        assertThat(MediaFacts.of(segmented).frameRate()).as("the sources' frame rate, followed across the seams")
                .isEqualTo("15/1");
        double frame = SinglePassComparison.frameSeconds(single);

        // bob joins on the seam at 4 s: his picture and his tone start there, together, in both files
        for (Path file : List.of(segmented, single)) {
            assertThat(Frames.colourAt(file, 4 - 1.5 * frame, BOB_X, BOB_Y)).as("%s, the frame before 4 s", file)
                    .is(Frames.near(Rgb.BLACK));
            assertThat(Frames.colourAt(file, 4 - 0.5 * frame, BOB_X, BOB_Y)).as("%s, the frame at 4 s", file)
                    .is(Frames.near(Rgb.BLUE));
        }
        assertThat(AudioSpectrum.onset(segmented, 3, 5, 660).orElseThrow()).as("bob's tone in the joined file")
                .isCloseTo(4.0, within(frame));

        assertThat(partRows(id)).as("rows of the parts after the join").isZero();
        assertThat(segmentationRows(id)).isZero();
        assertThat(partFiles(id)).as("files of the parts after the join").isEmpty();
    }

    @Test
    void deleteWhileThePartsRenderRemovesTheirRowsFilesAndExecutions() {
        String session = session();
        String id = api.post("/v2/room_compositions", """
                {"session_id": "%s", "resolution": "320x240"}""".formatted(session)).data().path("id").asString();
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(20))
                .until(() -> donePartRows(id) > 0);

        assertThat(api.delete("/v2/room_compositions/" + id).status()).isEqualTo(204);

        assertThat(api.get("/v2/room_compositions/" + id).status()).isEqualTo(404);
        assertThat(partRows(id)).isZero();
        assertThat(segmentationRows(id)).isZero();
        // a part rendering at the DELETE stops at its next progress update, or finds its part gone when done
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            assertThat(partFiles(id)).as("files of the parts").isEmpty();
            assertThat(executionsOf(id)).as("executions of the parts and the join").isZero();
        });
        assertThat(jdbc.sql("select count(*) from compositions where id = :id").param("id", UUID.fromString(id))
                .query(Integer.class).single()).isZero();
    }

    /**
     * Alice from 0 s for 7 s (every frame different, 440 Hz); bob from 4 s for 3 s (blue, 660 Hz). Both at 15 fps, so
     * the composition follows their frame rate rather than the 30 fps ceiling.
     */
    private String session() {
        JsonNode alice = upload(api, TestMedia.counting(15, 440, MEDIA_SECONDS),
                Map.of("started_at", "2024-05-01T10:00:00Z", "participant_context", "alice"));
        String session = alice.path(0).path("session_id").asString();
        upload(api, TestMedia.webm("blue", 660, 3),
                Map.of("started_at", "2024-05-01T10:00:04Z", "session_id", session, "participant_context", "bob"));
        return session;
    }

    /**
     * The same composition in one ffmpeg: the plan made as the job makes it, rendered by {@link
     * CompositionRenderer#render} at the encoding the job gives it ({@link CompositionJob#encoding}), so parts that
     * ignored the quality or the frame rate would not match it.
     */
    private Path singlePass(String id) throws Exception {
        Composition composition = compositions.find(UUID.fromString(id)).orElseThrow();
        CompositionPlanning.PlannedComposition planned = planning.plan(composition);
        Path workDir = Files.createTempDirectory(Path.of("target"), "single-pass-");
        List<RenderSource> sources = job.renderSources(planned.recordings(),
                SessionMedia.orientations(planned.recordings(), mapper), workDir);
        Encoding encoding = job.encoding(composition, planned.plan(), planned.recordings());
        Path output = workDir.resolve("single." + encoding.format().extension());
        renderer.render(planned.plan(), sources, job.look(composition), encoding, workDir, output, percent -> true);
        return output;
    }

    private int partRows(String id) {
        return jdbc.sql("select count(*) from composition_parts where composition_id = :id")
                .param("id", UUID.fromString(id)).query(Integer.class).single();
    }

    private int donePartRows(String id) {
        return jdbc.sql("select count(*) from composition_parts where composition_id = :id and done")
                .param("id", UUID.fromString(id)).query(Integer.class).single();
    }

    private int segmentationRows(String id) {
        return jdbc.sql("select count(*) from composition_segmentations where composition_id = :id")
                .param("id", UUID.fromString(id)).query(Integer.class).single();
    }

    private int executionsOf(String id) {
        return jdbc.sql("select count(*) from scheduled_tasks where task_instance like :id")
                .param("id", id + "%").query(Integer.class).single();
    }

    private List<Path> partFiles(String id) throws IOException {
        Path folder = dataDir.resolve("blobs").resolve("compositions").resolve("parts").resolve(id);
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(folder)) {
            return files.filter(Files::isRegularFile).toList();
        }
    }
}
