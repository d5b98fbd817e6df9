package dev.montage.compositions;

import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.util.IdGenerator;

import com.github.kagkarlsson.scheduler.SchedulerClient;
import com.github.kagkarlsson.scheduler.task.TaskInstanceId;
import com.github.kagkarlsson.scheduler.task.Task;

import dev.montage.api.AccountId;
import dev.montage.api.Ids;
import dev.montage.api.JsonBody;
import dev.montage.api.ListResponse;
import dev.montage.api.PageRequest;
import dev.montage.api.Timestamps;
import dev.montage.jobs.SchedulerLifecycle;
import dev.montage.storage.BlobStore;

/**
 * Creates, reads, lists and deletes compositions. Public for the Twilio protocol ({@code dev.montage.twilio}), which
 * translates its requests into these calls so that a composition is one resource under both APIs.
 */
@Service
public class CompositionService {

    private static final Logger log = LoggerFactory.getLogger(CompositionService.class);

    private final CompositionRepository compositions;
    private final CompositionRequestParser parser;
    private final SchedulerClient scheduler;
    private final SchedulerLifecycle queue;
    private final Task<Void> composeTask;
    private final FairShare fairShare;
    private final RunningCompositions running;
    private final MediaDurationCap mediaDurationCap;
    private final BlobStore blobs;
    private final CompositionPictures pictures;
    private final CompositionParts parts;
    private final Clock clock;
    private final IdGenerator ids;

    CompositionService(CompositionRepository compositions, CompositionRequestParser parser,
            SchedulerClient scheduler, SchedulerLifecycle queue, Task<Void> composeTask, FairShare fairShare,
            RunningCompositions running, MediaDurationCap mediaDurationCap, BlobStore blobs, CompositionPictures pictures,
            CompositionParts parts, Clock clock, IdGenerator ids) {
        this.compositions = compositions;
        this.parser = parser;
        this.scheduler = scheduler;
        this.queue = queue;
        this.composeTask = composeTask;
        this.fairShare = fairShare;
        this.running = running;
        this.mediaDurationCap = mediaDurationCap;
        this.blobs = blobs;
        this.pictures = pictures;
        this.parts = parts;
        this.clock = clock;
        this.ids = ids;
    }

    @Transactional
    public Composition create(AccountId account, JsonBody body) {
        return create(account, body, null);
    }

    /** A composition made by the composition hook {@code hookId} (null: by the API), which it carries. */
    @Transactional
    public Composition create(AccountId account, JsonBody body, UUID hookId) {
        CompositionRequest request = parser.parse(account, body);
        Instant now = Timestamps.now(clock);
        Composition composition = request.toComposition(ids.generateId(), account.value(), now, hookId);
        mediaDurationCap.check(account, composition);
        int priority = fairShare.admit(account); // last: the account stays locked until the commit
        compositions.insert(composition);
        // same transaction: the job exists exactly when the composition does
        scheduler.schedule(composeTask.instanceBuilder(composition.id().toString()).priority(priority).build(), now);
        queue.wakeAfterCommit();
        return composition;
    }

    /**
     * Checks a composition body that names no session yet, the template of a composition hook: 422 with every
     * problem as a create would answer, except that {@code session_id} is neither required nor read. Source ids
     * can only be {@code "*"} and track names, since no session's recordings are known.
     */
    public void checkTemplate(AccountId account, JsonBody body) {
        parser.checkTemplate(account, body);
    }

    public Composition get(AccountId account, UUID id) {
        return compositions.find(account.value(), id).orElseThrow(() -> Ids.notFound("Room composition", id));
    }

    public ListResponse<Composition> list(AccountId account, CompositionQuery query, PageRequest page) {
        return compositions.list(account.value(), query, page);
    }

    /**
     * Deletes the row first, so the composition is gone for every reader at once; then stops a render running
     * on this node (one on another node stops at its next progress update), drops a job not yet started,
     * and removes the media of a completed composition and its cached pictures. A composition rendered in parts
     * loses them too: their rows, their files and the executions of those not started ({@link CompositionParts}).
     */
    public void delete(AccountId account, UUID id) {
        Composition composition = get(account, id);
        if (!parts.delete(account.value(), id)) {
            throw Ids.notFound("Room composition", id);
        }
        running.cancel(id);
        try {
            scheduler.cancel(TaskInstanceId.of(CompositionJob.TASK_NAME, id.toString()));
        } catch (RuntimeException e) {
            // already running or finished: the job sees the row is gone and stops by itself
        }
        if (composition.blobKey() != null) {
            try {
                blobs.delete(composition.blobKey());
            } catch (IOException e) {
                log.warn("Could not delete the media of composition {}", id, e);
            }
            try {
                pictures.deleteAll(composition);
            } catch (IOException e) {
                log.warn("Could not delete the pictures of composition {}", id, e);
            }
        }
    }
}
