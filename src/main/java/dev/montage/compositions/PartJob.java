package dev.montage.compositions;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.dao.DataAccessException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import dev.montage.api.AccountId;
import dev.montage.api.Timestamps;
import dev.montage.layout.CompositionPlan;
import dev.montage.media.CompositionRenderer;
import dev.montage.media.Encoding;
import dev.montage.media.OutputFormat;
import dev.montage.media.OutputWindow;
import dev.montage.media.ProgressListener;
import dev.montage.media.RenderCancelledException;
import dev.montage.media.RenderException;
import dev.montage.media.RenderSource;
import dev.montage.node.NodeSettings;
import dev.montage.recordings.RecordingService;
import dev.montage.recordings.RoomRecording;
import dev.montage.storage.BlobStore;
import dev.montage.storage.OwnerOnlyFiles;
import tools.jackson.databind.json.JsonMapper;

/**
 * Renders one part of a segmented composition ({@link CompositionParts}): a window of the video, or the whole audio,
 * from the frozen plan and the recordings in the blob store, on whichever worker took its execution. The file goes
 * to the blob store under a key of this run's own and the part is marked done in one transaction with the
 * segmentation locked; the run that finds every part done schedules the join.
 *
 * <p>A run that finds its part done already (a second run of it, after its node was taken for dead) renders nothing;
 * one that finishes second keeps nothing: the first run's file is the part. A failed part fails the composition.
 */
@Component
class PartJob {

    private static final Logger log = LoggerFactory.getLogger(PartJob.class);
    private static final long PROGRESS_INTERVAL_MILLIS = 1000;
    /** Who rendered a part, as the queue names its nodes: for the operator, and the tests. */
    private static final String NODE = ManagementFactory.getRuntimeMXBean().getName();

    private final CompositionRepository compositions;
    private final SegmentRepository segments;
    private final CompositionParts parts;
    private final CompositionJob job;
    private final RecordingService recordings;
    private final CompositionRenderer renderer;
    private final BlobStore blobs;
    private final RunningCompositions running;
    private final FailedRenders failedRenders;
    private final TransactionTemplate transaction;
    private final List<CompositionStatusListener> listeners;
    private final JsonMapper mapper;
    private final Clock clock;
    private final Path workRoot;

    PartJob(CompositionRepository compositions, SegmentRepository segments, CompositionParts parts,
            CompositionJob job, RecordingService recordings, CompositionRenderer renderer, BlobStore blobs,
            RunningCompositions running, FailedRenders failedRenders, TransactionTemplate transaction,
            List<CompositionStatusListener> listeners, JsonMapper mapper, Clock clock, NodeSettings node) {
        this.compositions = compositions;
        this.segments = segments;
        this.parts = parts;
        this.job = job;
        this.recordings = recordings;
        this.renderer = renderer;
        this.blobs = blobs;
        this.running = running;
        this.failedRenders = failedRenders;
        this.transaction = transaction;
        this.listeners = List.copyOf(listeners);
        this.mapper = mapper;
        this.clock = clock;
        this.workRoot = node.dataDir().resolve("work");
    }

    /** Runs the part that the execution {@code instanceId} ({@code <composition id>/<part name>}) names. */
    void run(String instanceId) {
        int slash = instanceId.indexOf('/');
        UUID id = UUID.fromString(instanceId.substring(0, slash));
        String name = instanceId.substring(slash + 1);
        MDC.put("composition", id.toString());
        try {
            Optional<Composition> composition = compositions.find(id)
                    .filter(found -> found.status() == CompositionStatus.PROCESSING);
            Optional<SegmentRepository.FrozenPlan> frozen = segments.find(id);
            Optional<SegmentRepository.Part> part = segments.part(id, name).filter(found -> !found.done());
            if (composition.isPresent() && frozen.isPresent() && part.isPresent()) {
                render(composition.get(), frozen.get(), part.get());
            } else if (composition.isEmpty() && frozen.isPresent()) {
                // ended (failed, or deleted) with its parts left behind: a node killed between the failure's commit
                // and the discard after it. Nothing else would ever remove them.
                parts.discard(id);
            }
        } finally {
            MDC.remove("composition");
        }
    }

    private void render(Composition composition, SegmentRepository.FrozenPlan frozen, SegmentRepository.Part part) {
        RunningCompositions.Run run = running.startPart(composition.id(), part.name())
                .orElseThrow(() -> new IllegalStateException("part " + part.name() + " of composition "
                        + composition.id() + " is being rendered by another thread of this node; trying again later"));
        Path workDir = null;
        List<RenderSource> sources = List.of();
        String blobKey = null;
        try {
            OwnerOnlyFiles.createDirectories(workRoot);
            String prefix = composition.id() + "-" + part.name() + "-";
            removeEarlierAttempts(prefix);
            workDir = Files.createTempDirectory(workRoot, prefix);
            Optional<List<RoomRecording>> media = frozenRecordings(composition, frozen);
            if (media.isEmpty()) {
                failComposition(composition, "A recording of the composition was deleted while it was being composed");
                return;
            }
            sources = job.renderSources(media.get(), SessionMedia.orientations(media.get(), mapper), workDir);
            CompositionPlan plan = parts.plan(frozen);
            // the single pass's encoding: the composition's quality, and the frame rate of the sources in the plan
            Encoding encoding = job.encoding(composition, plan, media.get());
            OutputFormat format = encoding.format();
            Path output = workDir.resolve(part.name() + "." + format.extension());
            ProgressListener progress = progressWriter(composition, frozen, part);
            log.info("Rendering {} of composition {} with ffmpeg", part.name(), composition.id());
            long renderStarted = System.nanoTime();
            if (part.isAudio()) {
                renderer.renderAudio(plan, sources, format, workDir, output, progress);
            } else {
                renderer.renderVideoPart(plan, sources, job.look(composition), encoding,
                        new OutputWindow(part.startMillis(), part.endMillis()), workDir, output, progress);
            }
            // a key of this run's own (its working folder's unique name): a second run never overwrites the first
            blobKey = CompositionParts.folder(composition.id()) + "/" + workDir.getFileName() + "."
                    + format.extension();
            blobs.putFile(blobKey, output);
            if (parts.complete(composition.accountId(), composition.id(), part.name(), blobKey, NODE)) {
                // which node rendered what, for how long: the parts' spread over the workers (bench/segments.sh)
                log.info("Rendered {} of composition {} in {} ms", part.name(), composition.id(),
                        (System.nanoTime() - renderStarted) / 1_000_000);
            } else {
                removeQuietly(blobKey); // done by another run, or the composition is gone: keep no orphan
            }
        } catch (InterruptedException | RenderException | IOException | RuntimeException e) {
            removeQuietly(blobKey);
            cutShort(composition, part, run, e, sources);
        } finally {
            running.finishedPart(composition.id(), part.name(), run);
            Thread.interrupted(); // an interrupt must not leak into the scheduler's next job
            CompositionJob.deleteQuietly(workDir);
        }
    }

    /** The recordings the plan was made from, as stored now; empty when one of them was deleted since. */
    private Optional<List<RoomRecording>> frozenRecordings(Composition composition,
            SegmentRepository.FrozenPlan frozen) {
        Set<String> wanted = new HashSet<>(parts.recordingIds(frozen));
        List<RoomRecording> media = recordings.ofSession(new AccountId(composition.accountId()),
                composition.sessionId()).stream().filter(r -> wanted.contains(r.id().toString())).toList();
        return media.size() == wanted.size() ? Optional.of(media) : Optional.empty();
    }

    /**
     * Writes the part's progress at most once a second, and the composition's from all its parts'; answers false
     * (stop) when the part is gone: its composition deleted, or failed by another part.
     */
    private ProgressListener progressWriter(Composition composition, SegmentRepository.FrozenPlan frozen,
            SegmentRepository.Part part) {
        long[] last = {0, -1};
        return percent -> {
            long now = clock.millis();
            if (percent == last[1] || now - last[0] < PROGRESS_INTERVAL_MILLIS) {
                return true;
            }
            last[0] = now;
            last[1] = percent;
            try {
                return Boolean.TRUE.equals(transaction.execute(status -> {
                    if (!segments.updateProgress(composition.id(), part.name(), Math.min(99, percent))) {
                        return false;
                    }
                    Instant at = Timestamps.now(clock);
                    int previous = compositions.find(composition.id()).map(Composition::progressPercent).orElse(0);
                    int written = segments.percentOfParts(composition.id());
                    if (written > previous
                            && compositions.updateProgress(composition.accountId(), composition.id(), written, at)) {
                        long elapsed = parts.elapsed(frozen).toSeconds();
                        int secondsRemaining = written <= 0 ? 0
                                : (int) Math.round((double) elapsed * (100 - written) / written);
                        listeners.forEach(listener -> listener.progressed(composition, previous, written,
                                secondsRemaining, at));
                    }
                    return true;
                }));
            } catch (DataAccessException e) {
                log.warn("Could not record the progress of {}, rendering on: {}", part.name(), e.getMessage());
                return true;
            }
        };
    }

    /**
     * A part that did not get to its end. Stopped because its composition is gone (deleted, or failed by another
     * part): nothing more to do. A node stopping hands the part back to the queue, the composition still
     * processing. Database trouble: db-scheduler runs it again. Anything else fails the composition.
     */
    private void cutShort(Composition composition, SegmentRepository.Part part, RunningCompositions.Run run,
            Exception e, List<RenderSource> sources) {
        if (run.cancelled() || e instanceof RenderCancelledException && e.getCause() == null) {
            log.info("{} stopped: its composition was deleted or failed", part.name());
        } else if (e instanceof InterruptedException || Thread.currentThread().isInterrupted()) {
            Thread.interrupted();
            log.info("Node stopping: {} handed back to the queue, its ffmpeg was stopped", part.name());
            throw new CompositionJob.HandedBack(composition.id(), e);
        } else if (CompositionJob.isOutage(e)) {
            log.warn("{} stopped by a database error; it will run again", part.name(), e);
            throw (DataAccessException) e;
        } else if (e instanceof RenderException render) {
            CompositionJob.logFailedRender(render);
            render.filterScript().ifPresent(script -> failedRenders.keep(composition.id(), script));
            failComposition(composition, CompositionJob.withoutServerPaths(render.getMessage(), sources));
        } else {
            log.error("{} failed", part.name(), e);
            failComposition(composition, "Composing failed: " + e.getMessage());
        }
    }

    /** Fails the composition (its event, as a single-pass render's) and removes what its parts left. */
    private void failComposition(Composition composition, String reason) {
        job.fail(composition, reason);
        parts.discard(composition.id());
    }

    private void removeQuietly(String blobKey) {
        if (blobKey == null) {
            return;
        }
        try {
            blobs.delete(blobKey);
        } catch (IOException e) {
            log.warn("Could not delete the file {} of a part", blobKey, e);
        }
    }

    /** Working folders an earlier run of this part left on this node (one killed and started again). */
    private void removeEarlierAttempts(String prefix) throws IOException {
        try (Stream<Path> entries = Files.list(workRoot)) {
            entries.filter(entry -> entry.getFileName().toString().startsWith(prefix))
                    .forEach(CompositionJob::deleteQuietly);
        }
    }
}
