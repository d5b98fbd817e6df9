package dev.montage.compositions;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.dao.DataAccessException;
import org.springframework.stereotype.Component;

import dev.montage.media.CompositionRenderer;
import dev.montage.media.OutputFormat;
import dev.montage.media.RenderCancelledException;
import dev.montage.media.RenderException;
import dev.montage.node.NodeSettings;
import dev.montage.storage.BlobStore;
import dev.montage.storage.OwnerOnlyFiles;

/**
 * The last step of a segmented composition ({@link CompositionParts}): joins the video parts end to end and muxes
 * the audio, copying the streams (no re-encode), then stores the file as a single-pass render does (event,
 * listeners, the check for recordings deleted meanwhile) and removes the parts' files and rows. Scheduled once, by
 * the part that completed last; a run of it that finds its composition ended or gone only tidies up.
 */
@Component
class PartsJoinJob {

    private static final Logger log = LoggerFactory.getLogger(PartsJoinJob.class);

    private final CompositionRepository compositions;
    private final SegmentRepository segments;
    private final CompositionParts parts;
    private final CompositionJob job;
    private final CompositionRenderer renderer;
    private final BlobStore blobs;
    private final RunningCompositions running;
    private final Path workRoot;

    PartsJoinJob(CompositionRepository compositions, SegmentRepository segments, CompositionParts parts,
            CompositionJob job, CompositionRenderer renderer, BlobStore blobs, RunningCompositions running,
            NodeSettings node) {
        this.compositions = compositions;
        this.segments = segments;
        this.parts = parts;
        this.job = job;
        this.renderer = renderer;
        this.blobs = blobs;
        this.running = running;
        this.workRoot = node.dataDir().resolve("work");
    }

    void run(UUID id) {
        MDC.put("composition", id.toString());
        try {
            Optional<Composition> composition = compositions.find(id)
                    .filter(found -> found.status() == CompositionStatus.PROCESSING);
            Optional<SegmentRepository.FrozenPlan> frozen = segments.find(id);
            if (composition.isPresent() && frozen.isPresent()) {
                join(composition.get(), frozen.get());
            } else {
                parts.discard(id);
            }
        } finally {
            MDC.remove("composition");
        }
    }

    private void join(Composition composition, SegmentRepository.FrozenPlan frozen) {
        // the composition's render began with its parts: its wall time, for the metrics, counts from there
        RunningCompositions.Run run = running.start(composition.id(), parts.elapsed(frozen))
                .orElseThrow(() -> new IllegalStateException("composition " + composition.id()
                        + " is being joined by another thread of this node; trying again later"));
        Path workDir = null;
        Map<Path, String> partFiles = new LinkedHashMap<>(); // for a failure reason that names no server path
        try {
            OwnerOnlyFiles.createDirectories(workRoot);
            workDir = Files.createTempDirectory(workRoot, composition.id() + "-join-");
            List<SegmentRepository.Part> all = segments.parts(composition.id());
            List<Path> video = new ArrayList<>();
            Path audio = null;
            for (SegmentRepository.Part part : all.stream()
                    .sorted(Comparator.comparing(SegmentRepository.Part::startMillis,
                            Comparator.nullsLast(Comparator.naturalOrder())))
                    .toList()) {
                if (!part.done()) {
                    throw new IllegalStateException("the join of composition " + composition.id()
                            + " found " + part.name() + " not done");
                }
                Path file = fetch(part, workDir);
                partFiles.put(file, part.name());
                if (part.isAudio()) {
                    audio = file;
                } else {
                    video.add(file);
                }
            }
            OutputFormat format = CompositionJob.outputFormat(composition);
            Path output = workDir.resolve("composition." + format.extension());
            log.info("Joining {} parts of composition {}", video.size(), composition.id());
            long joinStarted = System.nanoTime();
            renderer.join(video, audio, format, workDir, output, percent -> compositionRemains(composition));
            // the join's own cost, for the operator and bench/segments.sh: what every extra worker cannot shorten
            log.info("Joined {} parts of composition {} in {} ms", video.size(), composition.id(),
                    (System.nanoTime() - joinStarted) / 1_000_000);
            job.store(composition, parts.plan(frozen), output, workDir.getFileName().toString());
            parts.discard(composition.id());
        } catch (InterruptedException | RenderException | IOException | RuntimeException e) {
            cutShort(composition, run, e, partFiles, workDir);
        } finally {
            running.finished(composition.id(), run);
            Thread.interrupted();
            CompositionJob.deleteQuietly(workDir);
        }
    }

    /** A part's file as a local one: the blob itself for a local store, a copy in the working folder for a bucket. */
    private Path fetch(SegmentRepository.Part part, Path workDir) throws IOException, RenderException {
        try {
            return blobs.localOrCopy(part.blobKey(), workDir.resolve(part.name()
                    + CompositionJob.extension(part.blobKey())));
        } catch (NoSuchFileException e) {
            throw new RenderException("The rendered " + part.name() + " is missing from storage", List.of(), "", e);
        }
    }

    /**
     * A failure reason is for the client (as {@link CompositionJob#withoutServerPaths}): ffmpeg's message names the
     * parts' files and the working folder by their paths on this server; it gets the parts' names instead, and
     * "the working folder" for the folder and anything else in it.
     */
    static String withoutServerPaths(String reason, Map<Path, String> partFiles, Path workDir) {
        String cleaned = reason;
        for (Map.Entry<Path, String> file : partFiles.entrySet()) {
            cleaned = cleaned.replace(file.getKey().toString(), file.getValue());
        }
        return workDir == null ? cleaned : cleaned.replace(workDir.toString(), "the working folder");
    }

    private boolean compositionRemains(Composition composition) {
        try {
            return compositions.find(composition.id()).isPresent();
        } catch (DataAccessException e) {
            return true; // whether the file is kept is decided when it is stored
        }
    }

    /** As a part's: gone stops, a stopping node hands back, database trouble retries, anything else fails. */
    private void cutShort(Composition composition, RunningCompositions.Run run, Exception e,
            Map<Path, String> partFiles, Path workDir) {
        if (run.cancelled() || e instanceof RenderCancelledException && e.getCause() == null) {
            log.info("Composition deleted while its parts were being joined");
            parts.discard(composition.id());
        } else if (e instanceof InterruptedException || Thread.currentThread().isInterrupted()) {
            Thread.interrupted();
            log.info("Node stopping: the join handed back to the queue");
            throw new CompositionJob.HandedBack(composition.id(), e);
        } else if (CompositionJob.isOutage(e)) {
            log.warn("Join stopped by a database error; it will run again", e);
            throw (DataAccessException) e;
        } else {
            if (e instanceof RenderException render) {
                CompositionJob.logFailedRender(render);
            } else {
                log.error("Join failed", e);
            }
            job.fail(composition, withoutServerPaths("Joining the parts failed: " + e.getMessage(), partFiles,
                    workDir));
            parts.discard(composition.id());
        }
    }
}
