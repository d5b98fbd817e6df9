package dev.montage.compositions;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.dao.DataAccessException;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.RecoverableDataAccessException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.util.FileSystemUtils;
import org.springframework.transaction.support.TransactionTemplate;

import com.github.kagkarlsson.scheduler.task.CompletionHandler;
import com.github.kagkarlsson.scheduler.task.FailureHandler;
import com.github.kagkarlsson.scheduler.task.helper.CustomTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;

import dev.montage.api.AccountId;
import dev.montage.api.Megabytes;
import dev.montage.api.PublicBaseUrl;
import dev.montage.api.Timestamps;
import dev.montage.layout.CompositionPlan;
import dev.montage.layout.NothingToComposeException;
import dev.montage.layout.TimeSpan;
import dev.montage.media.CompositionRenderer;
import dev.montage.media.Encoding;
import dev.montage.media.Look;
import dev.montage.media.OutputFormat;
import dev.montage.media.Orientation;
import dev.montage.media.ProgressListener;
import dev.montage.media.Quality;
import dev.montage.media.QualitySettings;
import dev.montage.media.RenderCancelledException;
import dev.montage.media.RenderException;
import dev.montage.media.RenderSource;
import dev.montage.node.NodeSettings;
import dev.montage.recordings.RecordingService;
import dev.montage.recordings.RoomRecording;
import dev.montage.rooms.RoomParticipant;
import dev.montage.rooms.SessionService;
import dev.montage.storage.BlobStore;
import dev.montage.storage.DownloadLinks;
import dev.montage.storage.OwnerOnlyFiles;
import dev.montage.webhooks.WebhookEvents;
import dev.montage.webhooks.WebhookPayload;
import tools.jackson.databind.json.JsonMapper;

/**
 * The background job that turns an enqueued composition into a file: collect the session's recordings,
 * plan the layout, render with one ffmpeg, store the result. It runs on the durable queue, so a node that
 * dies mid-job leaves it to another node, which starts it again from the beginning; every step is safe to
 * repeat. Failures a client can understand end as status {@code failed} with a {@code failure_reason};
 * the working folder is removed whatever happens. Completing or failing records the webhook event in the same
 * transaction; the job itself never calls a receiver. A long composition is not rendered here: the job plans it
 * and hands it to {@link CompositionParts}, which has it rendered in parts by any workers and joined.
 */
@Configuration
class CompositionJob {

    static final String TASK_NAME = "compose-room-composition";

    private static final Logger log = LoggerFactory.getLogger(CompositionJob.class);
    /** The first wait before a job that met database trouble runs again; it grows with each such failure. */
    private static final Duration RETRY_AFTER_ERROR = Duration.ofSeconds(10);
    /** How often progress is written: often enough for a progress bar, rarely enough to spare the database. */
    private static final long PROGRESS_INTERVAL_MILLIS = 1000;

    private final CompositionRepository compositions;
    private final RecordingService recordings;
    private final CompositionRenderer renderer;
    private final BlobStore blobs;
    private final RunningCompositions running;
    private final JsonMapper mapper;
    private final Clock clock;
    private final Path workRoot;
    private final TransactionTemplate transaction;
    private final WebhookEvents events;
    private final List<CompositionStatusListener> listeners;
    private final DownloadLinks links;
    private final PublicBaseUrl baseUrl;
    private final MediaDurationCap mediaDurationCap;
    private final FairShare fairShare;
    private final FailedRenders failedRenders;
    private final SessionService sessions;
    private final CompositionPlanning planning;
    private final QualitySettings quality;
    private final CompositionParts parts;

    CompositionJob(CompositionRepository compositions, RecordingService recordings, CompositionRenderer renderer,
            BlobStore blobs, RunningCompositions running, JsonMapper mapper, Clock clock,
            NodeSettings node, TransactionTemplate transaction, WebhookEvents events,
            DownloadLinks links, PublicBaseUrl baseUrl, MediaDurationCap mediaDurationCap, FairShare fairShare,
            FailedRenders failedRenders, SessionService sessions, CompositionPlanning planning,
            QualitySettings quality, CompositionParts parts, List<CompositionStatusListener> listeners) {
        this.listeners = List.copyOf(listeners);
        this.compositions = compositions;
        this.recordings = recordings;
        this.renderer = renderer;
        this.blobs = blobs;
        this.running = running;
        this.mapper = mapper;
        this.clock = clock;
        this.workRoot = node.dataDir().resolve("work");
        this.transaction = transaction;
        this.events = events;
        this.links = links;
        this.baseUrl = baseUrl;
        this.mediaDurationCap = mediaDurationCap;
        this.fairShare = fairShare;
        this.failedRenders = failedRenders;
        this.sessions = sessions;
        this.planning = planning;
        this.quality = quality;
        this.parts = parts;
    }

    /**
     * One execution per composition, removed when the run is over. A run that found its account rendering as many
     * as it may ({@link FairShare}) is put back, due {@code busy-account-retry} later, as a success: its priority
     * stays, and it is no failure.
     */
    @Bean
    CustomTask<Void> composeTask() {
        return Tasks.custom(TASK_NAME, Void.class)
                .onFailure(failureHandler())
                .onDeadExecutionRevive()
                .execute((instance, context) -> {
                    // the priority FairShare gave the composition when it was requested: its parts rank from it
                    if (run(UUID.fromString(instance.getId()), instance.getPriority()) == FairShare.Slot.ACCOUNT_BUSY) {
                        return (complete, operations) -> operations.reschedule(complete,
                                complete.getTimeDone().plus(fairShare.busyAccountRetry()));
                    }
                    return new CompletionHandler.OnCompleteRemove<>();
                });
    }

    /**
     * What db-scheduler does with a run that ended in an exception. A job {@link HandedBack handed back} by a
     * stopping node is released at once (picked = false, due now), so another node, or this one after its
     * restart, takes it without waiting for dead-node detection. Anything else that escapes the job is database
     * trouble or a second run of a composition this node is still composing (every other failure ends as status
     * {@code failed}): tried again later, backing off.
     */
    static FailureHandler<Void> failureHandler() {
        FailureHandler<Void> atOnce = new FailureHandler.OnFailureRetryLater<>(Duration.ZERO);
        FailureHandler<Void> later = new FailureHandler.ExponentialBackoffFailureHandler<>(RETRY_AFTER_ERROR);
        return (complete, operations) -> {
            boolean handedBack = complete.getCause().filter(HandedBack.class::isInstance).isPresent();
            (handedBack ? atOnce : later).onFailure(complete, operations);
        };
    }

    /** Composes the composition {@code id}, whose execution has the queue priority {@code priority}. */
    FairShare.Slot run(UUID id, int priority) {
        MDC.put("composition", id.toString());
        try {
            return compositions.find(id).map(composition -> compose(composition, priority)).orElse(FairShare.Slot.GONE);
        } finally {
            MDC.remove("composition");
        }
    }

    /** Composes unless the account has no rendering slot free; answers which it was. */
    private FairShare.Slot compose(Composition composition, int priority) {
        if (parts.started(composition.id())) {
            return FairShare.Slot.TAKEN; // run again after it split the composition: its parts carry on
        }
        // a second run here would remove the first one's working folder and fail it: let it wait and see instead
        RunningCompositions.Run run = running.start(composition.id())
                .orElseThrow(() -> new IllegalStateException("composition " + composition.id()
                        + " is being composed by another thread of this node; trying again later"));
        Path workDir = null;
        List<RenderSource> sources = List.of();
        try {
            FairShare.Slot slot = fairShare.takeRenderingSlot(composition.accountId(), composition.id(),
                    Timestamps.now(clock));
            if (slot != FairShare.Slot.TAKEN) {
                return slot; // busy: still enqueued, back to the queue; gone: nothing left to do
            }
            CompositionPlanning.PlannedComposition planned = planning.plan(composition);
            List<RoomRecording> media = planned.recordings();
            CompositionPlan plan = planned.plan();
            plan.warnings().forEach(warning -> log.info("Plan warning: {}", warning));
            Optional<String> tooLong = mediaDurationCap.exceededBy(plan); // the session may have grown since POST
            if (tooLong.isPresent()) {
                fail(composition, tooLong.get());
                return FairShare.Slot.TAKEN;
            }
            if (parts.splits(plan) && parts.start(composition, plan, media, priority)) {
                return FairShare.Slot.TAKEN; // rendered in parts by any workers, then joined: CompositionParts
            }
            OwnerOnlyFiles.createDirectories(workRoot);
            removeEarlierAttempts(composition.id());
            workDir = Files.createTempDirectory(workRoot, composition.id() + "-");
            sources = renderSources(media, SessionMedia.orientations(media, mapper), workDir);
            Encoding encoding = encoding(composition, plan, media);
            Path output = workDir.resolve("composition." + encoding.format().extension());
            // which node renders what: with several nodes, the one whose log to read
            log.info("Rendering composition {} with ffmpeg ({} quality, {} fps)", composition.id(),
                    composition.quality(), encoding.frameRate());
            renderer.render(plan, sources, look(composition), encoding, workDir, output, progressWriter(composition));
            store(composition, plan, output, workDir.getFileName().toString());
        } catch (NothingToComposeException e) {
            fail(composition, "The session has no video and no audio to compose");
        } catch (InterruptedException | RenderException | IOException | RuntimeException e) {
            cutShort(composition, run, e, sources);
        } finally {
            running.finished(composition.id(), run);
            Thread.interrupted(); // an interrupt must not leak into the scheduler's next job
            deleteQuietly(workDir);
        }
        return FairShare.Slot.TAKEN;
    }

    /** The format asked for; the parser accepts only known ones, so an unknown one is a bug, not a user's error. */
    static OutputFormat outputFormat(Composition composition) {
        return OutputFormat.ofWireName(composition.format()).orElseThrow(
                () -> new IllegalStateException("unknown output format '" + composition.format() + "'"));
    }

    /**
     * The composition's format, the encoder point of its quality, and the frame rate of the fastest video it shows.
     * The parser accepts only known levels, so an unknown one is a bug, not a user's error.
     */
    Encoding encoding(Composition composition, CompositionPlan plan, List<RoomRecording> media) {
        Quality level = Quality.ofWireName(composition.quality()).orElseThrow(
                () -> new IllegalStateException("unknown quality '" + composition.quality() + "'"));
        return new Encoding(outputFormat(composition), quality.of(level),
                Encoding.frameRateFollowing(SessionMedia.frameRates(plan, media, mapper)));
    }

    /** The composition's colour and labels; the participants' labels are read only when some region shows them. */
    Look look(Composition composition) {
        List<RoomParticipant> participants = SessionMedia.wantsLabels(composition)
                ? sessions.participantsOf(new AccountId(composition.accountId()), composition.sessionId())
                : List.of();
        return SessionMedia.look(composition, participants);
    }

    /**
     * A run that did not get to its end. Only a DELETE cancels (recorded by {@link RunningCompositions}, or the
     * row found gone at a progress update); an interrupt that is not one is this node stopping past its grace,
     * and the composition goes back to the queue. Database trouble neither fails nor finishes it: db-scheduler
     * runs the job again. Anything else is a failure the client is told about.
     */
    private void cutShort(Composition composition, RunningCompositions.Run run, Exception e,
            List<RenderSource> sources) {
        // the progress listener says no only when the row is gone; one that threw is a failure like any other
        if (run.cancelled() || e instanceof RenderCancelledException && e.getCause() == null) {
            log.info("Composition deleted while it was being composed; its ffmpeg was stopped");
        } else if (e instanceof InterruptedException || Thread.currentThread().isInterrupted()) {
            throw handBack(composition, e);
        } else if (isOutage(e)) {
            log.warn("Composition job stopped by a database error; it will run again", e);
            throw (DataAccessException) e;
        } else if (e instanceof RenderException render) {
            logFailedRender(render);
            render.filterScript().ifPresent(script -> failedRenders.keep(composition.id(), script));
            fail(composition, withoutServerPaths(render.getMessage(), sources));
        } else {
            log.error("Composition job failed", e);
            fail(composition, "Composing failed: " + e.getMessage());
        }
    }

    /** The evidence for the operator: what ran, and what ffmpeg said last (the client sees only the reason). */
    static void logFailedRender(RenderException render) {
        if (render.commandLine().isEmpty()) {
            log.warn("Render failed before ffmpeg ran: {}", render.getMessage(), render.getCause());
            return;
        }
        log.warn("Render failed: {}; command line: {}; stderr tail:\n{}", render.getMessage(),
                String.join(" ", render.commandLine()), render.stderrTail());
    }

    /**
     * The database is away or failed for a moment: worth running the job again later. A permanent error (a
     * constraint, bad SQL) would fail the same way every time, so it fails the composition instead.
     */
    static boolean isOutage(Exception e) {
        return e instanceof TransientDataAccessException || e instanceof RecoverableDataAccessException
                || e instanceof DataAccessResourceFailureException;
    }

    /**
     * Puts the composition back to {@code enqueued} at 0 % and answers the exception that makes db-scheduler
     * release the job (see {@link #failureHandler()}). ffmpeg is already stopped; the caller removes the working
     * folder before the exception leaves the job.
     */
    private HandedBack handBack(Composition composition, Exception cause) {
        Thread.interrupted(); // the write below, and db-scheduler's release after it, must not be interrupted
        log.info("Node stopping: composition handed back to the queue, its ffmpeg was stopped");
        try {
            compositions.requeue(composition.accountId(), composition.id(), Timestamps.now(clock));
        } catch (DataAccessException e) {
            // a re-run takes a composition left processing just as well
            log.warn("Could not mark the composition enqueued again", e);
        }
        return new HandedBack(composition.id(), cause);
    }

    /** The job of this composition was given back to the queue unfinished, by a node that is stopping. */
    static final class HandedBack extends RuntimeException {
        HandedBack(UUID id, Throwable cause) {
            super("composition " + id + " handed back to the queue: this node is stopping", cause);
        }
    }

    /**
     * Stores the file under a key of this run's own ({@code runName}, unique like its working folder): should two
     * runs of one composition overlap (a database outage long enough for dead-node detection), the one that loses
     * the race to complete removes only its own file, never the winner's.
     */
    void store(Composition composition, CompositionPlan plan, Path output, String runName)
            throws IOException {
        String blobKey = "compositions/" + runName + "." + outputFormat(composition).extension();
        long size = Files.size(output);
        blobs.putFile(blobKey, output);
        List<TimeSpan> kept = plan.keptSegments();
        var media = new CompositionRepository.CompletedMedia(blobKey, size,
                (int) Math.round(plan.durationMillis() / 1000.0), Instant.ofEpochMilli(plan.originMillis()),
                Instant.ofEpochMilli(kept.get(kept.size() - 1).endMillis()));
        Instant now = Timestamps.now(clock);
        boolean completed = Boolean.TRUE.equals(transaction.execute(status -> {
            // checked with the recordings locked: a recording DELETE answered before this has failed the
            // composition, one answered after it deleted a recording of a composition already complete
            Optional<String> deleted = deletedWhileRendering(composition, plan);
            if (deleted.isPresent()) {
                fail(composition, deleted.get());
                return false;
            }
            if (!compositions.complete(composition.accountId(), composition.id(), media, now)) {
                return false;
            }
            // the link in the event is signed now and valid for DownloadLinks.VALIDITY, like the one a GET shows
            events.record(composition.accountId(), composition.webhooks(), now,
                    new WebhookPayload.CompositionCompleted(composition.id(), composition.roomId(),
                            composition.sessionId(), links.link(baseUrl.get(), composition.id(), blobKey),
                            media.durationSecs(),
                            composition.format(), composition.resolution(), Megabytes.of(size)));
            listeners.forEach(listener -> listener.completed(composition, media.durationSecs(), size, now));
            return true;
        }));
        if (completed) {
            running.ended(composition.id(), CompositionStatus.COMPLETED,
                    Optional.of(Duration.ofMillis(plan.durationMillis())));
        } else {
            blobs.delete(blobKey); // failed, or deleted meanwhile: keep no orphan
        }
    }

    void fail(Composition composition, String reason) {
        log.info("Composition failed: {}", reason);
        String kept = CompositionRepository.failureReason(reason);
        Instant now = Timestamps.now(clock);
        boolean failed = Boolean.TRUE.equals(transaction.execute(status -> {
            if (!compositions.fail(composition.accountId(), composition.id(), kept, now)) {
                return false;
            }
            events.record(composition.accountId(), composition.webhooks(), now,
                    new WebhookPayload.CompositionFailed(composition.id(), composition.roomId(),
                            composition.sessionId(), kept));
            listeners.forEach(listener -> listener.failed(composition, kept, now));
            return true;
        }));
        if (failed) {
            running.ended(composition.id(), CompositionStatus.FAILED, Optional.empty());
        }
    }

    /**
     * Writes progress at most once a second; answers false (cancel) when the composition is gone. A write that
     * fails (the database is away) does not stop the render: whether its file is kept is decided when it is
     * stored, and a render is never failed for a progress bar.
     */
    private ProgressListener progressWriter(Composition composition) {
        long startedAt = clock.millis();
        long[] last = {0, -1};
        return percent -> {
            long now = clock.millis();
            if (percent == last[1] || now - last[0] < PROGRESS_INTERVAL_MILLIS) {
                return true;
            }
            int previous = (int) Math.max(0, last[1]);
            last[0] = now;
            last[1] = percent;
            int written = Math.min(99, percent);
            int secondsRemaining = written <= 0 ? 0
                    : (int) Math.round((now - startedAt) / 1000.0 * (100 - written) / written);
            try {
                return Boolean.TRUE.equals(transaction.execute(status -> {
                    Instant at = Timestamps.now(clock);
                    if (!compositions.updateProgress(composition.accountId(), composition.id(), written, at)) {
                        return false;
                    }
                    listeners.forEach(listener -> listener.progressed(composition, Math.min(99, previous), written,
                            secondsRemaining, at));
                    return true;
                }));
            } catch (DataAccessException e) {
                log.warn("Could not record progress {}%, rendering on: {}", percent, e.getMessage());
                return true;
            }
        };
    }

    /** A failure reason is for the client: it names recordings by id, never by where the server keeps them. */
    static String withoutServerPaths(String reason, List<RenderSource> sources) {
        String cleaned = reason;
        for (RenderSource source : sources) {
            cleaned = cleaned.replace(source.file().toString(), "recording " + source.recordingId());
        }
        return cleaned;
    }

    /**
     * The inputs of the render as local files: the blobs themselves for a local store, copies in the run's working
     * folder for a bucket (removed with it). ffmpeg reads local files rather than presigned URLs: see
     * docs/storage.md for the figures.
     */
    List<RenderSource> renderSources(List<RoomRecording> media, Map<String, Orientation> orientations,
            Path workDir) throws IOException, RenderException {
        List<RenderSource> sources = new ArrayList<>();
        Map<String, Path> fetched = new HashMap<>(); // one upload is an audio and a video recording: fetch it once
        for (RoomRecording recording : media) {
            Path file;
            try {
                file = fetched.get(recording.blobKey());
                if (file == null) {
                    file = blobs.localOrCopy(recording.blobKey(),
                            workDir.resolve("input-" + fetched.size() + extension(recording.blobKey())));
                    fetched.put(recording.blobKey(), file);
                }
            } catch (NoSuchFileException e) {
                // the blob key is where the server keeps the file: the client knows the recording by its id
                throw new RenderException("The media of recording " + recording.id() + " is missing from storage",
                        List.of(), "", e);
            }
            sources.add(new RenderSource(recording.id().toString(), file, recording.streamIndex(), recording.kind(),
                    recording.startedAt().toEpochMilli(),
                    Optional.ofNullable(orientations.get(recording.id().toString()))));
        }
        return sources;
    }

    /** The end of a blob key's file name from its dot on ({@code ".webm"}), or nothing: for a local copy's name. */
    static String extension(String key) {
        int dot = key.lastIndexOf('.');
        return dot > key.lastIndexOf('/') ? key.substring(dot) : "";
    }

    /**
     * A recording deleted while its composition renders must not appear in it (ffmpeg, having opened the file,
     * reads it to the end): the composition fails instead. One deleted before the render began was never collected.
     */
    Optional<String> deletedWhileRendering(Composition composition, CompositionPlan plan) {
        Set<String> remaining = new HashSet<>();
        recordings.lockOfSession(new AccountId(composition.accountId()), composition.sessionId())
                .forEach(id -> remaining.add(id.toString()));
        return SessionMedia.recordingsIn(plan).stream().filter(id -> !remaining.contains(id)).findFirst()
                .map(id -> "Recording " + id + " was deleted while the composition was being composed");
    }

    /**
     * Removes what an earlier run of this job left on this node: a node killed mid-job that was started again
     * runs it again here. No other run of it is active on this node ({@link RunningCompositions#start}), so
     * those folders are nobody's.
     */
    private void removeEarlierAttempts(UUID id) throws IOException {
        try (Stream<Path> entries = Files.list(workRoot)) {
            entries.filter(entry -> entry.getFileName().toString().startsWith(id + "-"))
                    .forEach(CompositionJob::deleteQuietly);
        }
    }

    static void deleteQuietly(Path dir) {
        if (dir == null) {
            return;
        }
        try {
            FileSystemUtils.deleteRecursively(dir);
        } catch (IOException e) {
            log.warn("Could not remove the working folder {}", dir, e);
        }
    }
}
