package dev.montage.compositions;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import dev.montage.api.Timestamps;

/**
 * The frozen plan of a composition rendered in parts ({@code composition_segmentations}) and its parts
 * ({@code composition_parts}). Both go with their composition (foreign keys with {@code on delete cascade}); the
 * join removes them when it is done.
 */
@Repository
class SegmentRepository {

    private final JdbcClient jdbc;

    SegmentRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The plan every part renders, as JSON, and the recordings it was made from. */
    record FrozenPlan(UUID compositionId, String planJson, String recordingIdsJson, boolean joinScheduled,
            Instant createdAt) {
    }

    /**
     * One part of a composition: a window of the video ({@code start/endMillis}) or the audio (both null).
     * {@code blobKey} is set once a run completed it.
     */
    record Part(UUID compositionId, String name, Long startMillis, Long endMillis, long weightMillis, boolean done,
            int progressPercent, String blobKey, String renderedBy) {

        boolean isAudio() {
            return startMillis == null;
        }
    }

    void insert(FrozenPlan frozen) {
        jdbc.sql("""
                insert into composition_segmentations (composition_id, plan, recording_ids, join_scheduled, created_at)
                values (:composition_id, :plan, :recording_ids, false, :now)
                """)
                .param("composition_id", frozen.compositionId())
                .param("plan", frozen.planJson())
                .param("recording_ids", frozen.recordingIdsJson())
                .param("now", Timestamps.toDb(frozen.createdAt()))
                .update();
    }

    void insert(Part part) {
        jdbc.sql("""
                insert into composition_parts (composition_id, part_name, start_millis, end_millis, weight_millis,
                                               done, progress_percent)
                values (:composition_id, :part_name, :start_millis, :end_millis, :weight_millis, false, 0)
                """)
                .param("composition_id", part.compositionId())
                .param("part_name", part.name())
                .param("start_millis", part.startMillis())
                .param("end_millis", part.endMillis())
                .param("weight_millis", part.weightMillis())
                .update();
    }

    Optional<FrozenPlan> find(UUID compositionId) {
        return jdbc.sql("select * from composition_segmentations where composition_id = :id")
                .param("id", compositionId)
                .query((rs, row) -> new FrozenPlan(rs.getObject("composition_id", UUID.class), rs.getString("plan"),
                        rs.getString("recording_ids"), rs.getBoolean("join_scheduled"),
                        Timestamps.fromDb(rs, "created_at")))
                .optional();
    }

    /**
     * Locks the composition's segmentation until the caller's transaction ends, answering whether there is one:
     * the parts that finish, the join and a DELETE take it one at a time, on every node.
     */
    boolean lock(UUID compositionId) {
        return jdbc.sql("select composition_id from composition_segmentations where composition_id = :id for update")
                .param("id", compositionId)
                .query(UUID.class)
                .optional()
                .isPresent();
    }

    List<Part> parts(UUID compositionId) {
        return jdbc.sql("select * from composition_parts where composition_id = :id order by part_name")
                .param("id", compositionId)
                .query(SegmentRepository::part)
                .list();
    }

    Optional<Part> part(UUID compositionId, String name) {
        return jdbc.sql("select * from composition_parts where composition_id = :id and part_name = :name")
                .param("id", compositionId)
                .param("name", name)
                .query(SegmentRepository::part)
                .optional();
    }

    /**
     * Answers false when the part is gone (its composition deleted or failed), or done already. The percent never
     * goes down: a part started again from 0 % (its node killed) counts what the earlier run reached until it passes
     * it, so the composition's progress never goes backwards.
     */
    boolean updateProgress(UUID compositionId, String name, int percent) {
        return jdbc.sql("""
                update composition_parts set progress_percent = greatest(progress_percent, :percent)
                 where composition_id = :id and part_name = :name and not done
                """)
                .param("id", compositionId)
                .param("name", name)
                .param("percent", percent)
                .update() > 0;
    }

    /**
     * The part is done, with the file of this run; false when another run completed it first (that run's file
     * stays) or the composition is gone.
     */
    boolean markDone(UUID compositionId, String name, String blobKey, String renderedBy) {
        return jdbc.sql("""
                update composition_parts set done = true, progress_percent = 100, blob_key = :blob_key,
                                             rendered_by = :rendered_by
                 where composition_id = :id and part_name = :name and not done
                """)
                .param("id", compositionId)
                .param("name", name)
                .param("blob_key", blobKey)
                .param("rendered_by", renderedBy)
                .update() > 0;
    }

    int countNotDone(UUID compositionId) {
        return jdbc.sql("select count(*) from composition_parts where composition_id = :id and not done")
                .param("id", compositionId)
                .query(Integer.class)
                .single();
    }

    /** Claims the join for the caller; false when some other caller claimed it before. */
    boolean claimJoin(UUID compositionId) {
        return jdbc.sql("""
                update composition_segmentations set join_scheduled = true
                 where composition_id = :id and not join_scheduled
                """)
                .param("id", compositionId)
                .update() > 0;
    }

    /**
     * The composition's progress from its parts': each part's percent weighted by its share of the work, over all
     * parts. At most 99: only the join completes a composition.
     */
    int percentOfParts(UUID compositionId) {
        Integer percent = jdbc.sql("""
                select cast(sum(weight_millis * progress_percent) / sum(weight_millis) as integer)
                  from composition_parts where composition_id = :id
                """)
                .param("id", compositionId)
                .query(Integer.class)
                .optional()
                .orElse(0);
        return Math.min(99, percent == null ? 0 : percent);
    }

    /** Removes the segmentation and, with it, its parts' rows. */
    void delete(UUID compositionId) {
        jdbc.sql("delete from composition_segmentations where composition_id = :id")
                .param("id", compositionId)
                .update();
    }

    private static Part part(ResultSet rs, int row) throws SQLException {
        return new Part(rs.getObject("composition_id", UUID.class), rs.getString("part_name"),
                rs.getObject("start_millis", Long.class), rs.getObject("end_millis", Long.class),
                rs.getLong("weight_millis"), rs.getBoolean("done"), rs.getInt("progress_percent"),
                rs.getString("blob_key"), rs.getString("rendered_by"));
    }
}
