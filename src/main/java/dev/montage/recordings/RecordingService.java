package dev.montage.recordings;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import dev.montage.api.AccountId;
import dev.montage.api.DateFilter;
import dev.montage.api.Ids;
import dev.montage.api.ListResponse;
import dev.montage.api.PageRequest;
import dev.montage.layout.ParticipantSpeech;
import dev.montage.layout.SpeechDetector;
import dev.montage.media.MediaKind;
import dev.montage.media.SpeechAnalysis;
import dev.montage.storage.BlobStore;

/** Reading and deleting recordings. A blob goes when the last recording that uses it goes. */
@Service
public class RecordingService {

    private static final Logger log = LoggerFactory.getLogger(RecordingService.class);

    private final RecordingRepository recordings;
    private final BlobStore blobs;
    private final TransactionTemplate transaction;
    private final SpeechTimelines timelines;

    RecordingService(RecordingRepository recordings, BlobStore blobs, TransactionTemplate transaction,
            SpeechTimelines timelines) {
        this.recordings = recordings;
        this.blobs = blobs;
        this.transaction = transaction;
        this.timelines = timelines;
    }

    public RoomRecording get(AccountId account, UUID id) {
        return recordings.find(account.value(), id).orElseThrow(() -> Ids.notFound("Room recording", id));
    }

    /** Every recording of a session, in start order: what a composition draws from. */
    public List<RoomRecording> ofSession(AccountId account, UUID sessionId) {
        return recordings.listForSession(account.value(), sessionId);
    }

    /**
     * The ids of a session's recordings, locked until the caller's transaction ends: a DELETE of one of them waits
     * for that transaction, so what the caller decides on these ids (a composition completed with them) comes
     * before the DELETE's answer, or after it, never across it.
     */
    public List<UUID> lockOfSession(AccountId account, UUID sessionId) {
        return recordings.lockForSession(account.value(), sessionId);
    }

    /**
     * The speech of a session's audio recordings by participant id, each recording placed at its {@code started_at}
     * in epoch milliseconds (the layout's session clock); {@link ParticipantSpeech#onSessionClock} joins them. Audio
     * without a timeline (uploaded before timelines existed, or whose analysis failed) is left out, so its
     * participant is absent, not silent.
     *
     * <p>A composition created right after an upload must not miss its speech because the analysis job has not run
     * yet: any audio recording still pending is analysed here first, at normal priority, and its timeline stored,
     * one recording after the other. Its job then finds it analysed and ends.
     *
     * @throws UncheckedIOException the media of a pending recording could not be read from storage, or the
     *                              analysis was interrupted
     */
    public Map<String, List<ParticipantSpeech.RecordingSpeech>> speechOfSession(AccountId account, UUID sessionId) {
        for (RoomRecording pending : recordings.listPendingSpeechForSession(account.value(), sessionId)) {
            try {
                timelines.analyse(pending, SpeechAnalysis.Priority.NORMAL);
            } catch (IOException e) {
                throw new UncheckedIOException("could not analyse the speech of recording " + pending.id(), e);
            }
        }
        return storedSpeechOfSession(account, sessionId);
    }

    /**
     * How many of the session's audio recordings still wait for their speech analysis: what
     * {@link #storedSpeechOfSession} leaves out and {@link #speechOfSession} would decode first.
     */
    public int pendingSpeechOfSession(AccountId account, UUID sessionId) {
        return recordings.listPendingSpeechForSession(account.value(), sessionId).size();
    }

    /**
     * As {@link #speechOfSession}, from the timelines stored so far only: decodes nothing, so an API node may answer
     * with it (a preview) without running ffmpeg on a request's thread.
     */
    public Map<String, List<ParticipantSpeech.RecordingSpeech>> storedSpeechOfSession(AccountId account,
            UUID sessionId) {
        Map<String, List<ParticipantSpeech.RecordingSpeech>> speech = new TreeMap<>();
        for (RecordingRepository.StoredSpeech stored : recordings.listSpeechForSession(account.value(), sessionId)) {
            speech.computeIfAbsent(stored.participantId().toString(), participant -> new ArrayList<>())
                    .add(new ParticipantSpeech.RecordingSpeech(stored.startedAt().toEpochMilli(),
                            SpeechDetector.detect(stored.levels()).spans()));
        }
        return speech;
    }

    /**
     * One page of the account's recordings, of one session, participant, status or kind when given (each empty for
     * any): the filters the Twilio protocol's recording lists have.
     */
    public ListResponse<RoomRecording> list(AccountId account, Optional<UUID> sessionId, Optional<UUID> participantId,
            Optional<String> status, Optional<MediaKind> kind, PageRequest page) {
        DateFilter any = new DateFilter(Optional.empty(), Optional.empty(), Optional.empty());
        return list(account, new RecordingQuery(any, any, Optional.empty(), sessionId, participantId, status,
                kind.map(MediaKind::wireName), Optional.empty(), Optional.empty()), page);
    }

    ListResponse<RoomRecording> list(AccountId account, RecordingQuery query, PageRequest page) {
        return recordings.list(account.value(), query, page);
    }

    void delete(AccountId account, UUID id) {
        deleteAll(List.of(get(account, id)));
    }

    /** Deletes every recording of the account that {@code query} selects and answers how many. */
    int deleteMatching(AccountId account, RecordingQuery query) {
        List<RoomRecording> matching = recordings.listAll(account.value(), query);
        deleteAll(matching);
        return matching.size();
    }

    /** Rows first, in one transaction; then the blobs no row uses any more. */
    private void deleteAll(List<RoomRecording> doomed) {
        Set<String> blobKeys = new LinkedHashSet<>();
        transaction.executeWithoutResult(status -> doomed.forEach(r -> {
            recordings.delete(r.accountId(), r.id());
            blobKeys.add(r.blobKey());
        }));
        for (String key : blobKeys) {
            if (!recordings.blobInUse(key)) {
                try {
                    blobs.delete(key);
                } catch (IOException e) {
                    // The rows are gone; an orphaned blob wastes space but loses nothing a client can see.
                    log.warn("Could not delete blob {}", key, e);
                }
            }
        }
    }
}
