package dev.montage.compositions;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import com.github.kagkarlsson.scheduler.SchedulerClient;
import com.github.kagkarlsson.scheduler.task.TaskDescriptor;

import dev.montage.api.Timestamps;
import dev.montage.jobs.SchedulerLifecycle;
import dev.montage.layout.CompositionPlan;
import dev.montage.media.OutputWindow;
import dev.montage.recordings.RoomRecording;
import dev.montage.storage.BlobStore;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * A long composition rendered in parts by any workers (docs/compositions.md, "Segmented rendering across workers"):
 * the composition job plans it once and {@link #start starts} its parts here, one db-scheduler execution per window
 * of the video and one for the audio ({@link PartJob}); the part that completes last schedules the join
 * ({@link PartsJoinJob}), which stores the composition as a single-pass render does. The plan is frozen in the
 * database, so every part renders the same plan whatever arrives in the session meanwhile.
 *
 * <p>The composition stays {@code processing}, and keeps its rendering slot of the fair share, from the plan to the
 * join.
 */
@Component
@EnableConfigurationProperties(SegmentSettings.class)
class CompositionParts {

    static final TaskDescriptor<Void> PART_TASK = TaskDescriptor.of("render-composition-part");
    static final TaskDescriptor<Void> JOIN_TASK = TaskDescriptor.of("join-composition-parts");
    static final String AUDIO = "audio";
    /**
     * The audio's share of the progress, against the video's length: mixing and encoding sound costs a small
     * fraction of encoding pictures.
     */
    private static final int AUDIO_WEIGHT_DIVISOR = 10;
    /**
     * The join comes before everything else: it is one short pass that copies the streams, and it ends a composition
     * that holds its account's rendering slot.
     */
    private static final int JOIN_PRIORITY = FairShare.FIRST_PRIORITY + 1;
    private static final TypeReference<List<String>> IDS = new TypeReference<>() { };

    private static final Logger log = LoggerFactory.getLogger(CompositionParts.class);

    private final SegmentRepository segments;
    private final CompositionRepository compositions;
    private final SegmentSettings settings;
    private final BlobStore blobs;
    private final TransactionTemplate transaction;
    private final JsonMapper mapper;
    private final Clock clock;
    // looked up when used: the client's queue holds every task, the composition job's among them, which needs this
    private final ObjectProvider<SchedulerClient> scheduler;
    private final ObjectProvider<SchedulerLifecycle> queue;

    CompositionParts(SegmentRepository segments, CompositionRepository compositions, SegmentSettings settings,
            BlobStore blobs, TransactionTemplate transaction, JsonMapper mapper, Clock clock,
            ObjectProvider<SchedulerClient> scheduler, ObjectProvider<SchedulerLifecycle> queue) {
        this.segments = segments;
        this.compositions = compositions;
        this.settings = settings;
        this.blobs = blobs;
        this.transaction = transaction;
        this.mapper = mapper;
        this.clock = clock;
        this.scheduler = scheduler;
        this.queue = queue;
    }

    /** Whether {@code plan} is rendered in parts: long enough, with pictures to cut (both formats join). */
    boolean splits(CompositionPlan plan) {
        return settings.splits(plan.durationMillis()) && !plan.regions().isEmpty();
    }

    /** Whether the composition's parts were started already: a composition job run again has nothing to do. */
    boolean started(UUID compositionId) {
        return segments.find(compositionId).isPresent();
    }

    /**
     * Freezes the plan, writes one row per part and schedules their executions, all in one transaction: either the
     * composition has all its parts, or none and its job runs again. Answers false, having started nothing, for a
     * plan that does not read back from JSON equal to itself: the parts must render exactly this plan, so such a
     * composition is rendered in a single pass instead (and the log says so: it is a bug to fix).
     */
    boolean start(Composition composition, CompositionPlan plan, List<RoomRecording> recordings,
            int compositionPriority) {
        String planJson = mapper.writeValueAsString(plan);
        if (!survivesJson(planJson, plan)) {
            log.warn("The plan of composition {} does not read back from JSON equal to itself; rendering it in a"
                    + " single pass", composition.id());
            return false;
        }
        String recordingIds = mapper.writeValueAsString(recordings.stream().map(r -> r.id().toString()).toList());
        List<OutputWindow> windows = OutputWindow.split(plan.durationMillis(), settings.segmentLength());
        Instant now = Timestamps.now(clock);
        transaction.executeWithoutResult(status -> {
            segments.insert(new SegmentRepository.FrozenPlan(composition.id(), planJson, recordingIds, false, now));
            List<String> names = new ArrayList<>();
            for (int i = 0; i < windows.size(); i++) {
                OutputWindow window = windows.get(i);
                String name = "part-" + i;
                segments.insert(new SegmentRepository.Part(composition.id(), name, window.startMillis(),
                        window.endMillis(), window.durationMillis(), false, 0, null, null));
                names.add(name);
            }
            segments.insert(new SegmentRepository.Part(composition.id(), AUDIO, null, null,
                    Math.max(1, plan.durationMillis() / AUDIO_WEIGHT_DIVISOR), false, 0, null, null));
            names.add(AUDIO);
            SchedulerClient client = scheduler.getObject();
            for (int i = 0; i < names.size(); i++) {
                client.schedule(PART_TASK.instance(partInstance(composition.id(), names.get(i)))
                        .priority(partPriority(compositionPriority, names.get(i), i)).scheduledTo(now));
            }
            queue.getObject().wakeAfterCommit();
        });
        log.info("Composition {} split in {} video parts of {} and the audio", composition.id(), windows.size(),
                settings.segmentLength());
        return true;
    }

    /**
     * The queue priority of the composition's part {@code index}: each video part ranks one below the one before,
     * from the composition's own priority down, as if it were one more composition in its account's backlog. So
     * another account's composition (its first at {@link FairShare#FIRST_PRIORITY}) comes before all but the first of
     * a long composition's parts, and waits at most for the parts already rendering, as it would wait for a single
     * render under way. The audio, one short part whatever the length, ranks with the first video part.
     */
    static int partPriority(int compositionPriority, String name, int index) {
        return AUDIO.equals(name) ? compositionPriority : Math.max(0, compositionPriority - index);
    }

    private boolean survivesJson(String planJson, CompositionPlan plan) {
        try {
            return mapper.readValue(planJson, CompositionPlan.class).equals(plan);
        } catch (RuntimeException e) {
            log.warn("The plan does not read back from JSON", e);
            return false;
        }
    }

    /** The plan every part of the composition renders. */
    CompositionPlan plan(SegmentRepository.FrozenPlan frozen) {
        return mapper.readValue(frozen.planJson(), CompositionPlan.class);
    }

    /** The ids of the recordings the frozen plan was made from. */
    List<String> recordingIds(SegmentRepository.FrozenPlan frozen) {
        return mapper.readValue(frozen.recordingIdsJson(), IDS);
    }

    /** The instance id of a part's execution: the composition and the part's name. */
    static String partInstance(UUID compositionId, String partName) {
        return compositionId + "/" + partName;
    }

    /**
     * Part {@code partName} is done, with {@code blobKey}, the file of the run on node {@code renderedBy}; the
     * composition's progress follows, and the part that finds every part done schedules the join. One transaction,
     * with the segmentation locked: however many parts finish at the same moment on however many nodes, one of
     * them finds none left, and it claims the join once. False when another run completed the part first (its
     * file is the part's), or the composition is gone: the caller removes its own file.
     */
    boolean complete(UUID accountId, UUID compositionId, String partName, String blobKey, String renderedBy) {
        return Boolean.TRUE.equals(transaction.execute(status -> {
            if (!segments.lock(compositionId) || !segments.markDone(compositionId, partName, blobKey, renderedBy)) {
                return false;
            }
            Instant now = Timestamps.now(clock);
            compositions.updateProgress(accountId, compositionId, segments.percentOfParts(compositionId), now);
            if (segments.countNotDone(compositionId) == 0 && segments.claimJoin(compositionId)) {
                scheduler.getObject().schedule(JOIN_TASK.instance(compositionId.toString()).priority(JOIN_PRIORITY)
                        .scheduledTo(now));
                queue.getObject().wakeAfterCommit();
            }
            return true;
        }));
    }

    /**
     * Deletes the composition's row with its parts locked, so no part completes meanwhile, then removes the files of
     * the parts done and the executions of the parts not started. A part rendering on some node stops at its next
     * progress update and removes its own file. Answers whether there was a row to delete.
     *
     * <p>The rows go in the order every writer locks them: the segmentation, its parts, then the composition (a
     * part's progress write locks its row, then the composition's). Deleting the composition first would let its
     * cascade wait for a part's row while that part's progress write waits for the composition's: a deadlock.
     */
    boolean delete(UUID accountId, UUID compositionId) {
        List<SegmentRepository.Part> parts = new ArrayList<>();
        boolean deleted = Boolean.TRUE.equals(transaction.execute(status -> {
            if (segments.lock(compositionId)) {
                parts.addAll(segments.parts(compositionId));
                segments.delete(compositionId);
            }
            if (!compositions.delete(accountId, compositionId)) {
                status.setRollbackOnly(); // not this account's, or gone already: its parts stay as they were
                parts.clear();
                return false;
            }
            return true;
        }));
        if (deleted) {
            removeFilesAndExecutions(compositionId, parts);
        }
        return deleted;
    }

    /**
     * Removes what the parts of a composition that ended (joined, failed, or found gone) leave: their rows, their
     * files, and the executions of parts not run yet.
     */
    void discard(UUID compositionId) {
        List<SegmentRepository.Part> parts = transaction.execute(status -> {
            if (!segments.lock(compositionId)) {
                return List.<SegmentRepository.Part>of();
            }
            List<SegmentRepository.Part> found = segments.parts(compositionId);
            segments.delete(compositionId);
            return found;
        });
        removeFilesAndExecutions(compositionId, parts == null ? List.of() : parts);
    }

    /**
     * The files go by their folder, not by the rows' keys: a part whose worker died between its upload and marking it
     * done left a file no row names, and its next run uploaded another under a key of its own.
     */
    private void removeFilesAndExecutions(UUID compositionId, List<SegmentRepository.Part> parts) {
        if (parts.isEmpty()) {
            return; // never segmented, or removed already
        }
        try {
            blobs.deleteFolder(folder(compositionId));
        } catch (IOException e) {
            log.warn("Could not delete the parts of composition {}", compositionId, e);
        }
        for (SegmentRepository.Part part : parts) {
            if (part.blobKey() == null) {
                try {
                    scheduler.getObject().cancel(PART_TASK.instanceId(partInstance(compositionId, part.name())));
                } catch (RuntimeException e) {
                    // running now, or over: it finds its part gone and stops by itself
                }
            }
        }
    }

    /** Where the rendered parts of a composition are stored, each run's under a key of its own. */
    static String folder(UUID compositionId) {
        return "compositions/parts/" + compositionId;
    }

    /** How long the composition's parts have been rendering: for an estimate of the time left. */
    Duration elapsed(SegmentRepository.FrozenPlan frozen) {
        return Duration.between(frozen.createdAt(), Timestamps.now(clock));
    }
}
