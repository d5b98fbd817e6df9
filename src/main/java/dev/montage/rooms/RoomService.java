package dev.montage.rooms;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.util.IdGenerator;

import dev.montage.api.AccountId;
import dev.montage.api.ApiError;
import dev.montage.api.ApiException;
import dev.montage.api.ErrorCode;
import dev.montage.api.Ids;
import dev.montage.api.JsonBody;
import dev.montage.api.JsonFields;
import dev.montage.api.DateFilter;
import dev.montage.api.ListResponse;
import dev.montage.api.PageRequest;
import dev.montage.api.Problems;
import dev.montage.api.Timestamps;
import dev.montage.api.WebhookTarget;

/** Rooms: create, read, update, delete. Deleting a room keeps its sessions, recordings and compositions. */
@Service
public class RoomService {

    static final int DEFAULT_MAX_PARTICIPANTS = 10;
    static final int MIN_PARTICIPANTS = 2;
    static final int MAX_PARTICIPANTS = 50;
    static final int MAX_UNIQUE_NAME = 255;

    private final RoomRepository rooms;
    private final Clock clock;
    private final IdGenerator ids;

    RoomService(RoomRepository rooms, Clock clock, IdGenerator ids) {
        this.rooms = rooms;
        this.clock = clock;
        this.ids = ids;
    }

    @Transactional
    public Room create(AccountId account, JsonBody body) {
        Problems problems = new Problems();
        JsonFields fields = JsonFields.root(body, problems);
        Instant now = Timestamps.now(clock);
        UUID id = ids.generateId();
        Room room = new Room(id, account.value(),
                uniqueName(fields, account, id).orElse(null),
                maxParticipants(fields).orElse(DEFAULT_MAX_PARTICIPANTS),
                fields.bool("enable_recording").orElse(false),
                WebhookTarget.read(fields), now, now);
        problems.throwIfAny();
        try {
            rooms.insert(room);
        } catch (DuplicateKeyException e) {
            throw uniqueNameTakenMeanwhile(room);
        }
        return room;
    }

    /** A room created implicitly, by a recording upload that names no session and no room. */
    @Transactional
    public Room createDefault(AccountId account) {
        Instant now = Timestamps.now(clock);
        Room room = new Room(ids.generateId(), account.value(), null, DEFAULT_MAX_PARTICIPANTS, true,
                WebhookTarget.NONE, now, now);
        rooms.insert(room);
        return room;
    }

    @Transactional
    public Room update(AccountId account, UUID id, JsonBody body) {
        Room current = get(account, id);
        Problems problems = new Problems();
        JsonFields fields = JsonFields.root(body, problems);
        Room updated = new Room(current.id(), current.accountId(),
                fields.has("unique_name") ? uniqueName(fields, account, id).orElse(null) : current.uniqueName(),
                fields.has("max_participants") ? maxParticipants(fields).orElse(DEFAULT_MAX_PARTICIPANTS)
                        : current.maxParticipants(),
                fields.has("enable_recording") ? fields.bool("enable_recording").orElse(false)
                        : current.enableRecording(),
                current.webhooks().patch(fields), current.createdAt(), Timestamps.now(clock));
        problems.throwIfAny();
        try {
            rooms.update(updated);
        } catch (DuplicateKeyException e) {
            throw uniqueNameTakenMeanwhile(updated);
        }
        return updated;
    }

    public Room get(AccountId account, UUID id) {
        return find(account, id).orElseThrow(() -> Ids.notFound("Room", id));
    }

    public Optional<Room> find(AccountId account, UUID id) {
        return rooms.find(account.value(), id);
    }

    @Transactional
    public void delete(AccountId account, UUID id) {
        if (!rooms.delete(account.value(), id)) {
            throw Ids.notFound("Room", id);
        }
    }

    /** The account's room of that unique name (unique per account), if any. */
    public Optional<Room> findByUniqueName(AccountId account, String uniqueName) {
        DateFilter any = new DateFilter(Optional.empty(), Optional.empty(), Optional.empty());
        return list(account, new RoomQuery(any, any, Optional.of(uniqueName)), new PageRequest(1, 1)).data().stream()
                .findFirst();
    }

    ListResponse<Room> list(AccountId account, RoomQuery query, PageRequest page) {
        return rooms.list(account.value(), query, page);
    }

    private Optional<String> uniqueName(JsonFields fields, AccountId account, UUID roomId) {
        return fields.string("unique_name").filter(name -> {
            String problem = name.isBlank() ? "unique_name must not be blank"
                    : name.length() > MAX_UNIQUE_NAME ? "unique_name must be at most " + MAX_UNIQUE_NAME + " characters"
                    : rooms.uniqueNameTaken(account.value(), name, roomId) ? alreadyUsed(name)
                    : null;
            if (problem != null) {
                fields.problems().atPointer(ErrorCode.BAD_REQUEST, fields.pointer("unique_name"), problem);
            }
            return problem == null;
        });
    }

    /**
     * The check in {@link #uniqueName} cannot see a room another request is creating at the same moment; the unique
     * index can, and its refusal gets the same answer as the check's.
     */
    private static ApiException uniqueNameTakenMeanwhile(Room room) {
        return ApiException.unprocessable(ApiError.atPointer(ErrorCode.BAD_REQUEST, "/unique_name",
                alreadyUsed(room.uniqueName())));
    }

    private static String alreadyUsed(String uniqueName) {
        return "unique_name '" + uniqueName + "' is already used by another room";
    }

    private static Optional<Integer> maxParticipants(JsonFields fields) {
        return fields.integer("max_participants").filter(n -> {
            boolean ok = n >= MIN_PARTICIPANTS && n <= MAX_PARTICIPANTS;
            if (!ok) {
                fields.problems().atPointer(ErrorCode.OUT_OF_RANGE, fields.pointer("max_participants"),
                        "max_participants must be between " + MIN_PARTICIPANTS + " and " + MAX_PARTICIPANTS + ", not " + n);
            }
            return ok;
        });
    }
}
