package dev.montage.recordings;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.util.IdGenerator;
import org.springframework.web.multipart.MultipartFile;

import dev.montage.api.AccountId;
import dev.montage.api.ApiError;
import dev.montage.api.ApiException;
import dev.montage.api.ErrorCode;
import dev.montage.api.Megabytes;
import dev.montage.api.Ids;
import dev.montage.api.Problems;
import dev.montage.api.Timestamps;
import dev.montage.api.WebhookTarget;
import dev.montage.media.MediaInfo;
import dev.montage.media.MediaKind;
import dev.montage.media.MediaProbe;
import dev.montage.media.MediaProbeException;
import dev.montage.media.StreamInfo;
import dev.montage.node.NodeSettings;
import dev.montage.rooms.Room;
import dev.montage.rooms.RoomParticipant;
import dev.montage.rooms.RoomService;
import dev.montage.rooms.RoomSession;
import dev.montage.rooms.SessionService;
import dev.montage.storage.BlobStore;
import dev.montage.storage.OwnerOnlyFiles;
import dev.montage.webhooks.WebhookEvents;
import dev.montage.webhooks.WebhookPayload;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import tools.jackson.databind.json.JsonMapper;

/**
 * The upload path a media server uses: the file is spooled to disk by the container, probed once with
 * ffprobe, moved into the BlobStore and recorded as one RoomRecording per media kind it holds. Nothing is
 * stored unless all of that succeeds. The speech analysis of its audio is not part of it: the upload schedules
 * it in the same transaction, and a worker runs it after the 201 ({@link SpeechAnalysisQueue}).
 */
@Service
@EnableConfigurationProperties(RecordingSettings.class)
class RecordingIngest {

    /**
     * How far ahead of this server's clock a {@code started_at} may be: recordings are uploaded after they were
     * made, so a later instant is a wrong clock on the media server; a day leaves room for skew, never for years.
     * The earliest is the Unix epoch: nothing older is a room recording, and every database holds the range.
     */
    static final Duration STARTED_AT_AHEAD_OF_CLOCK = Duration.ofDays(1);

    private final RecordingRepository recordings;
    private final RoomService rooms;
    private final SessionService sessions;
    private final MediaProbe probe;
    private final SpeechAnalysisQueue speechQueue;
    private final boolean speechAnalysis;
    private final BlobStore blobs;
    private final TransactionTemplate transaction;
    private final WebhookEvents events;
    private final JsonMapper mapper;
    private final Clock clock;
    private final IdGenerator ids;
    private final Path spool;
    private final long maxUploadBytes;
    private final DistributionSummary uploaded;

    RecordingIngest(RecordingRepository recordings, RoomService rooms, SessionService sessions, MediaProbe probe,
            SpeechAnalysisQueue speechQueue, BlobStore blobs, TransactionTemplate transaction, WebhookEvents events,
            JsonMapper mapper, Clock clock, IdGenerator ids, NodeSettings node, RecordingSettings settings,
            MeterRegistry meters) {
        this.recordings = recordings;
        this.rooms = rooms;
        this.sessions = sessions;
        this.probe = probe;
        this.speechQueue = speechQueue;
        this.speechAnalysis = settings.speechAnalysis();
        this.blobs = blobs;
        this.transaction = transaction;
        this.events = events;
        this.mapper = mapper;
        this.clock = clock;
        this.ids = ids;
        this.spool = node.dataDir().resolve("tmp");
        this.maxUploadBytes = settings.maxUploadSize().toBytes();
        this.uploaded = DistributionSummary.builder("montage.recordings.uploaded")
                .description("Sizes of the recordings uploaded and stored by this node")
                .baseUnit("bytes")
                .register(meters);
    }

    /** The form fields of an upload, as sent; validated by {@link #ingest}. */
    record Upload(MultipartFile file, String startedAt, String sessionId, String roomId, String participantId,
            String participantContext, String trackName) {
    }

    List<RoomRecording> ingest(AccountId account, Upload upload) throws IOException {
        Problems problems = new Problems();
        Instant startedAt = startedAt(upload.startedAt(), problems);
        Target target = target(account, upload, problems);
        Optional<String> trackName = trackName(upload.trackName(), problems);
        if (upload.participantContext() != null && upload.participantContext().length() > 255) {
            problems.atParameter(ErrorCode.BAD_REQUEST, "participant_context",
                    "participant_context must be at most 255 characters");
        }
        if (upload.file().isEmpty()) {
            problems.atParameter(ErrorCode.BAD_REQUEST, "file", "file is empty");
        } else if (upload.file().getSize() > maxUploadBytes) {
            problems.atParameter(ErrorCode.BAD_REQUEST, "file",
                    "file exceeds the size limit of " + maxUploadBytes + " bytes");
        }
        problems.throwIfAny();

        OwnerOnlyFiles.createDirectories(spool);
        Path spooled = Files.createTempFile(spool, "upload-", ".part"); // rw------- on POSIX
        try {
            upload.file().transferTo(spooled);
            MediaInfo info = probed(spooled);
            String blobKey = "recordings/" + ids.generateId() + extension(upload.file().getOriginalFilename());
            blobs.putFile(blobKey, spooled);
            List<RoomRecording> created;
            try {
                created = transaction.execute(status -> store(account, target, upload, info, blobKey, startedAt,
                        trackName));
            } catch (RuntimeException e) {
                blobs.delete(blobKey);
                throw e;
            }
            uploaded.record(upload.file().getSize()); // montage_recordings_uploaded_bytes_sum: the bytes stored
            return created;
        } finally {
            Files.deleteIfExists(spooled);
        }
    }

    private List<RoomRecording> store(AccountId account, Target target, Upload upload, MediaInfo info,
            String blobKey, Instant startedAt, Optional<String> trackName) {
        Instant endedAt = startedAt.plusMillis(longest(info));
        UUID roomId = target.session().map(RoomSession::roomId)
                .orElseGet(() -> target.room().orElseGet(() -> rooms.createDefault(account)).id());
        RoomSession session = target.session().orElseGet(() -> sessions.startSession(account, roomId, startedAt));
        RoomParticipant participant = target.participant()
                .map(p -> sessions.cover(p, upload.participantContext(), startedAt, endedAt))
                .orElseGet(() -> sessions.join(account, session.id(), upload.participantContext(), startedAt, endedAt));
        Instant now = Timestamps.now(clock);
        String mediaInfoJson = mapper.writeValueAsString(info);
        List<RoomRecording> created = new ArrayList<>();
        for (MediaKind kind : MediaKind.values()) {
            info.first(kind).ifPresent(stream -> {
                RoomRecording recording = new RoomRecording(ids.generateId(), account.value(), roomId, session.id(),
                        participant.id(), kind, stream.codec(), RoomRecording.COMPLETED, blobKey, stream.index(),
                        stream.durationMillis(), info.sizeBytes(), mediaInfoJson, startedAt,
                        startedAt.plusMillis(stream.durationMillis()), now, now, now, trackName);
                recordings.insert(recording);
                if (kind == MediaKind.AUDIO && speechAnalysis) {
                    recordings.markSpeechPending(account.value(), recording.id());
                    speechQueue.schedule(recording.id());
                }
                created.add(recording);
            });
        }
        // the session and the participant have sent their events already, in this same transaction
        WebhookTarget webhooks = rooms.find(account, roomId).map(Room::webhooks).orElse(WebhookTarget.NONE);
        for (RoomRecording r : created) {
            events.record(account.value(), webhooks, r.endedAt(), new WebhookPayload.RecordingCompleted(r.codec(),
                    null, RecordingView.durationSecs(r.durationMillis()), r.participantId(), r.id(), roomId,
                    r.sessionId(), Megabytes.of(r.sizeBytes()), r.kind().wireName()));
        }
        return created;
    }

    private MediaInfo probed(Path file) throws IOException {
        MediaInfo info;
        try {
            info = probe.probe(file);
        } catch (MediaProbeException e) {
            throw unprocessable(e.getMessage());
        }
        if (info.first(MediaKind.AUDIO).isEmpty() && info.first(MediaKind.VIDEO).isEmpty()) {
            throw unprocessable("the file has no audio and no video stream");
        }
        return info;
    }

    private static long longest(MediaInfo info) {
        return info.streams().stream().mapToLong(StreamInfo::durationMillis).max().orElse(0);
    }

    private static ApiException unprocessable(String detail) {
        return ApiException.unprocessable(ApiError.atParameter(ErrorCode.BAD_REQUEST, "file", detail));
    }

    /** Where the recording goes: an existing participant, an existing session, a room, or all new. */
    private record Target(Optional<RoomSession> session, Optional<Room> room, Optional<RoomParticipant> participant) {
    }

    private Target target(AccountId account, Upload upload, Problems problems) {
        Optional<UUID> participantId = uuid("participant_id", upload.participantId(), problems);
        Optional<UUID> sessionId = uuid("session_id", upload.sessionId(), problems);
        Optional<UUID> roomId = uuid("room_id", upload.roomId(), problems);

        Optional<RoomParticipant> participant = participantId.flatMap(id -> found(
                sessions.findParticipant(account, id), "participant_id", "room participant " + id, problems));
        Optional<RoomSession> session = sessionId.flatMap(id -> found(
                sessions.find(account, id), "session_id", "room session " + id, problems));
        Optional<Room> room = roomId.flatMap(id -> found(rooms.find(account, id), "room_id", "room " + id, problems));

        if (participant.isPresent() && session.isPresent()
                && !participant.get().sessionId().equals(session.get().id())) {
            problems.atParameter(ErrorCode.BAD_REQUEST, "participant_id", "participant " + participant.get().id()
                    + " is not in session " + session.get().id());
        }
        if (participant.isPresent() && session.isEmpty()) {
            session = sessions.find(account, participant.get().sessionId());
        }
        if (room.isPresent() && session.isPresent() && !room.get().id().equals(session.get().roomId())) {
            problems.atParameter(ErrorCode.BAD_REQUEST, "room_id", "session " + session.get().id()
                    + " is not in room " + room.get().id());
        }
        return new Target(session, room, participant);
    }

    private static <T> Optional<T> found(Optional<T> value, String parameter, String what, Problems problems) {
        if (value.isEmpty()) {
            problems.atParameter(ErrorCode.BAD_REQUEST, parameter, what + " was not found");
        }
        return value;
    }

    private static Optional<UUID> uuid(String parameter, String raw, Problems problems) {
        if (raw == null || raw.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Ids.uuid(raw.trim()));
        } catch (IllegalArgumentException e) {
            problems.atParameter(ErrorCode.WRONG_TYPE, parameter, parameter + " must be a UUID, not '" + raw + "'");
            return Optional.empty();
        }
    }

    /**
     * The track's name as sent, spaces included (see {@link TrackNames}); empty when absent or blank, as the other
     * optional fields of the form, since form encoders send absent fields as empty ones.
     */
    private static Optional<String> trackName(String raw, Problems problems) {
        if (raw == null || raw.isBlank()) {
            return Optional.empty();
        }
        Optional<String> problem = TrackNames.problem("track_name", raw);
        problem.ifPresent(detail -> problems.atParameter(ErrorCode.BAD_REQUEST, "track_name", detail));
        return problem.isPresent() ? Optional.empty() : Optional.of(raw);
    }

    private Instant startedAt(String raw, Problems problems) {
        if (raw == null || raw.isBlank()) {
            problems.atParameter(ErrorCode.MISSING_PARAMETER, "started_at",
                    "started_at is required: the ISO 8601 instant of the first media sample");
            return Instant.EPOCH;
        }
        Instant startedAt;
        try {
            startedAt = OffsetDateTime.parse(raw.trim()).toInstant().truncatedTo(java.time.temporal.ChronoUnit.MICROS);
        } catch (DateTimeParseException e) {
            problems.atParameter(ErrorCode.WRONG_TYPE, "started_at",
                    "started_at must be an ISO 8601 instant such as 2024-05-01T10:00:00Z, not '" + raw + "'");
            return Instant.EPOCH;
        }
        Instant latest = clock.instant().plus(STARTED_AT_AHEAD_OF_CLOCK);
        if (startedAt.isBefore(Instant.EPOCH) || startedAt.isAfter(latest)) {
            problems.atParameter(ErrorCode.OUT_OF_RANGE, "started_at", "started_at must lie between "
                    + Timestamps.format(Instant.EPOCH) + " and a day after the server's clock ("
                    + Timestamps.format(latest) + "), not '" + raw + "'");
            return Instant.EPOCH;
        }
        return startedAt;
    }

    /** Keeps a short alphanumeric extension so stored files stay recognisable; anything else becomes ".bin". */
    private static String extension(String filename) {
        if (filename != null) {
            int dot = filename.lastIndexOf('.');
            String ext = dot < 0 ? "" : filename.substring(dot + 1).toLowerCase(java.util.Locale.ROOT);
            if (ext.matches("[a-z0-9]{1,8}")) {
                return "." + ext;
            }
        }
        return ".bin";
    }
}
