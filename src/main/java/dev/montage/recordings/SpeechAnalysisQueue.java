package dev.montage.recordings;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

import com.github.kagkarlsson.scheduler.SchedulerClient;
import com.github.kagkarlsson.scheduler.task.CompletionHandler;
import com.github.kagkarlsson.scheduler.task.FailureHandler;
import com.github.kagkarlsson.scheduler.task.helper.CustomTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;

import dev.montage.jobs.JobQueue;
import dev.montage.jobs.JobQueues;
import dev.montage.jobs.JobSettings;
import dev.montage.jobs.SchedulerLifecycle;
import dev.montage.media.SpeechAnalysis;
import dev.montage.node.NodeRoles;

/**
 * The speech analysis of uploads, after their 201: a durable queue of its own ({@code speech_tasks},
 * {@code montage.recordings.speech-threads} per node), run by the nodes with the {@code worker} role, so an upload
 * waits for no ffmpeg decode and an api node runs none. One execution per audio recording, named by its id and
 * scheduled in the upload's transaction: a recording is never stored without its job, and a job never runs for a
 * recording that was rolled back. A node that dies mid-analysis leaves the execution to another node; a restart
 * finds it in the table.
 *
 * <p>Each run analyses once ({@link SpeechTimelines}). A recording deleted, or analysed by a composition, before
 * its job runs ends the job quietly. Audio that cannot be decoded is recorded as failed at once: trying again would
 * fail again. Storage that cannot be read (a bucket away) is tried again after 10 s, 20 s, 40 s, … up to an hour
 * between tries, for as long as it takes: the recording stays pending meanwhile, so a composition that needs its
 * speech still analyses it itself, and an outage never turns into a timeline lost for good.
 */
@Component
class SpeechAnalysisQueue implements SmartLifecycle {

    static final String TASK_NAME = "analyse-speech";
    private static final Duration FIRST_RETRY = Duration.ofSeconds(10);
    private static final Duration LONGEST_WAIT = Duration.ofHours(1);

    private final CustomTask<Void> task;
    private final SchedulerClient client;
    private final SchedulerLifecycle lifecycle;

    SpeechAnalysisQueue(JobQueues queues, RecordingRepository recordings, SpeechTimelines timelines,
            RecordingSettings settings, JobSettings jobs, NodeRoles roles) {
        this.task = Tasks.custom(TASK_NAME, Void.class)
                .onFailure(failureHandler())
                .onDeadExecutionRevive()
                .execute((instance, context) -> {
                    analyse(recordings, timelines, UUID.fromString(instance.getId()));
                    return new CompletionHandler.OnCompleteRemove<>();
                });
        JobQueue queue = new JobQueue("speech", "speech_tasks", List.of(task), settings.speechThreads(),
                jobs.pollingInterval());
        this.client = queues.client(queue);
        this.lifecycle = queues.lifecycle(queue, jobs.autoStart() && roles.worker());
    }

    private static void analyse(RecordingRepository recordings, SpeechTimelines timelines, UUID recordingId) {
        Optional<RoomRecording> pending = recordings.findPendingSpeech(recordingId);
        if (pending.isEmpty()) {
            return; // deleted before its turn, or a composition analysed it first
        }
        try {
            timelines.analyse(pending.get(), SpeechAnalysis.Priority.BACKGROUND);
        } catch (IOException e) {
            if (Thread.interrupted()) {
                // not re-set: the failure handler gives the execution back on this thread, which needs the database
                throw new HandedBack(recordingId, e);
            }
            throw new StorageUnavailable(recordingId, e);
        }
    }

    /**
     * A run handed back by a stopping node is due again at once (another node, or this one after its restart, takes
     * it); one that could not read storage waits, doubling the wait each time up to {@link #LONGEST_WAIT}, and never
     * gives up (see the class comment).
     */
    static FailureHandler<Void> failureHandler() {
        FailureHandler<Void> atOnce = new FailureHandler.OnFailureRetryLater<>(Duration.ZERO);
        return (complete, operations) -> {
            if (complete.getCause().filter(HandedBack.class::isInstance).isPresent()) {
                atOnce.onFailure(complete, operations);
                return;
            }
            operations.reschedule(complete, Instant.now().plus(waitAfter(complete.getExecution().consecutiveFailures)));
        };
    }

    /** 10 s after the first failure, twice as long after each further one, at most an hour. */
    static Duration waitAfter(int consecutiveFailuresBefore) {
        Duration wait = FIRST_RETRY;
        for (int i = 0; i < consecutiveFailuresBefore && wait.compareTo(LONGEST_WAIT) < 0; i++) {
            wait = wait.multipliedBy(2);
        }
        return wait.compareTo(LONGEST_WAIT) < 0 ? wait : LONGEST_WAIT;
    }

    /** Schedules the analysis of a new audio recording, in the caller's (the upload's) transaction. */
    void schedule(UUID recordingId) {
        client.schedule(task.instance(recordingId.toString()), Instant.now());
        lifecycle.wakeAfterCommit();
    }

    @Override
    public boolean isAutoStartup() {
        return lifecycle.isAutoStartup();
    }

    @Override
    public void start() {
        lifecycle.start();
    }

    /** A run cut short by the stop is handed back to the queue and analysed again from the start. */
    @Override
    public void stop() {
        lifecycle.stop();
    }

    @Override
    public boolean isRunning() {
        return lifecycle.isRunning();
    }

    /** A run stopped by this node's shutdown, not by its recording. */
    private static final class HandedBack extends RuntimeException {
        HandedBack(UUID recordingId, Throwable cause) {
            super("the analysis of recording " + recordingId + " was stopped by the node's shutdown", cause);
        }
    }

    /** A run that could not read the recording's media from storage. */
    private static final class StorageUnavailable extends RuntimeException {
        StorageUnavailable(UUID recordingId, IOException cause) {
            super("could not read the media of recording " + recordingId + ": " + cause.getMessage(), cause);
        }
    }
}
