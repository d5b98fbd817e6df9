package dev.montage.compositions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;

import dev.montage.storage.BlobStore;
import dev.montage.support.ApiTest;
import dev.montage.support.TestMedia;

/**
 * What a segmented composition's parts leave when their composition ended without them, and how the progress they
 * write behaves. The queue does not run: the part's run is called as db-scheduler would call it.
 */
@TestPropertySource(properties = "montage.jobs.auto-start=false")
class PartsLeftBehindTest extends ApiTest {

    @Autowired
    PartJob partJob;
    @Autowired
    SegmentRepository segments;
    @Autowired
    CompositionRepository compositions;
    @Autowired
    BlobStore blobs;
    @Autowired
    JdbcClient jdbc;

    @TempDir
    Path temp;

    /**
     * A part failed the composition and its node was killed before the discard that follows the failure: the part's
     * execution, revived on another node, finds the composition failed and removes the rows and files left, also the
     * file of a run of part-0 that died between its upload and marking its part done, which no row names.
     */
    @Test
    void revivedPartOfFailedComposition_removesTheRowsAndFilesLeftBehind() throws Exception {
        UUID id = composition();
        String doneFile = "compositions/parts/" + id + "/part-1-run.mp4";
        String unmarkedFile = "compositions/parts/" + id + "/part-0-died-before-marking.mp4";
        String otherComposition = "compositions/parts/" + UUID.randomUUID() + "/part-0-run.mp4";
        for (String key : new String[] {doneFile, unmarkedFile, otherComposition}) {
            blobs.putFile(key, Files.writeString(temp.resolve("part.mp4"), "a rendered part")); // moved, not copied
        }
        segmentation(id);
        part(id, "part-0", false, null);
        part(id, "part-1", true, doneFile);
        jdbc.sql("update compositions set status = 'failed' where id = :id").param("id", id).update();

        partJob.run(CompositionParts.partInstance(id, "part-0"));

        assertThat(segments.find(id)).as("segmentation").isEmpty();
        assertThat(segments.parts(id)).as("part rows").isEmpty();
        assertThatThrownBy(() -> blobs.size(doneFile)).as("the done part's file").isInstanceOf(NoSuchFileException.class);
        assertThatThrownBy(() -> blobs.size(unmarkedFile)).as("the file no row names")
                .isInstanceOf(NoSuchFileException.class);
        assertThat(blobs.size(otherComposition)).as("another composition's part").isPositive();
        assertThat(compositions.find(id).orElseThrow().status()).isEqualTo(CompositionStatus.FAILED);
    }

    /** A part started again from 0 % (its node killed at 60 %) does not pull its own or the composition's back. */
    @Test
    void progressOfARestartedPart_neverGoesBackwards() {
        UUID id = composition();
        jdbc.sql("update compositions set status = 'processing' where id = :id").param("id", id).update();
        UUID account = compositions.find(id).orElseThrow().accountId();
        segmentation(id);
        part(id, "part-0", false, null);

        assertThat(segments.updateProgress(id, "part-0", 60)).isTrue();
        assertThat(compositions.updateProgress(account, id, 60, Instant.now())).isTrue();
        assertThat(segments.updateProgress(id, "part-0", 5)).as("still there, still rendering").isTrue();
        assertThat(compositions.updateProgress(account, id, 5, Instant.now())).isTrue();

        assertThat(segments.part(id, "part-0").orElseThrow().progressPercent()).isEqualTo(60);
        assertThat(compositions.find(id).orElseThrow().progressPercent()).isEqualTo(60);

        segments.updateProgress(id, "part-0", 75);
        compositions.updateProgress(account, id, 75, Instant.now());
        assertThat(segments.part(id, "part-0").orElseThrow().progressPercent()).isEqualTo(75);
        assertThat(compositions.find(id).orElseThrow().progressPercent()).isEqualTo(75);
    }

    private UUID composition() {
        String session = upload(api, TestMedia.webm("red", 440, 1), Map.of("started_at", "2024-05-01T10:00:00Z"))
                .path(0).path("session_id").asString();
        return UUID.fromString(api.post("/v2/room_compositions", """
                {"session_id": "%s"}""".formatted(session)).data().path("id").asString());
    }

    private void segmentation(UUID id) {
        jdbc.sql("""
                insert into composition_segmentations (composition_id, plan, recording_ids, join_scheduled, created_at)
                values (:id, '{}', '[]', false, :now)
                """).param("id", id).param("now", OffsetDateTime.now(ZoneOffset.UTC)).update();
    }

    private void part(UUID id, String name, boolean done, String blobKey) {
        jdbc.sql("""
                insert into composition_parts (composition_id, part_name, start_millis, end_millis, weight_millis,
                                               done, progress_percent, blob_key)
                values (:id, :part, 0, 1000, 1000, :done, :percent, :blob_key)
                """).param("id", id).param("part", name).param("done", done).param("percent", done ? 100 : 0)
                .param("blob_key", blobKey).update();
    }
}
