package dev.montage.rooms;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.util.IdGenerator;

import dev.montage.api.AccountId;
import dev.montage.api.Ids;
import dev.montage.api.ListResponse;
import dev.montage.api.PageRequest;
import dev.montage.api.SqlFilter;
import dev.montage.api.Timestamps;

/**
 * Room sessions and their participants. Montage does not host live rooms: sessions and participants come
 * into being when a media server uploads their recordings, and a session is active until it is ended.
 */
@Service
public class SessionService {

    private final SessionRepository sessions;
    private final ParticipantRepository participants;
    private final Clock clock;
    private final IdGenerator ids;

    SessionService(SessionRepository sessions, ParticipantRepository participants, Clock clock, IdGenerator ids) {
        this.sessions = sessions;
        this.participants = participants;
        this.clock = clock;
        this.ids = ids;
    }

    public RoomSession get(AccountId account, UUID id) {
        return find(account, id).orElseThrow(() -> Ids.notFound("Room session", id));
    }

    public Optional<RoomSession> find(AccountId account, UUID id) {
        return sessions.find(account.value(), id);
    }

    public Optional<RoomSession> activeSession(AccountId account, UUID roomId) {
        return sessions.findActive(account.value(), roomId);
    }

    public List<RoomSession> sessionsOfRoom(AccountId account, UUID roomId) {
        return sessions.listForRoom(account.value(), roomId);
    }

    public ListResponse<RoomSession> list(SqlFilter filter, PageRequest page) {
        return sessions.list(filter, page);
    }

    /** Ends an active session now; its participants still present leave now. Ending an ended session is a no-op. */
    @Transactional
    public void end(AccountId account, UUID id) {
        RoomSession session = get(account, id);
        if (session.active()) {
            Instant now = Timestamps.now(clock);
            sessions.end(account.value(), id, now);
            participants.leaveAll(account.value(), id, now);
        }
    }

    /** A new active session of {@code roomId}, which began at {@code startedAt} (its first media sample). */
    @Transactional
    public RoomSession startSession(AccountId account, UUID roomId, Instant startedAt) {
        RoomSession session = new RoomSession(ids.generateId(), account.value(), roomId, true, startedAt,
                Timestamps.now(clock), null);
        sessions.insert(session);
        return session;
    }

    public RoomParticipant getParticipant(AccountId account, UUID id) {
        return findParticipant(account, id).orElseThrow(() -> Ids.notFound("Room participant", id));
    }

    public Optional<RoomParticipant> findParticipant(AccountId account, UUID id) {
        return participants.find(account.value(), id);
    }

    public List<RoomParticipant> participantsOf(AccountId account, UUID sessionId) {
        return participants.listForSession(account.value(), sessionId);
    }

    public ListResponse<RoomParticipant> listParticipants(SqlFilter filter, PageRequest page) {
        return participants.list(filter, page);
    }

    /** A participant that was present from {@code joinedAt} to {@code leftAt}, the span of its first recording. */
    @Transactional
    public RoomParticipant join(AccountId account, UUID sessionId, String context, Instant joinedAt, Instant leftAt) {
        RoomParticipant participant = new RoomParticipant(ids.generateId(), account.value(), sessionId, context,
                joinedAt, leftAt, Timestamps.now(clock));
        participants.insert(participant);
        sessions.touch(sessionId, participant.updatedAt());
        return participant;
    }

    /** Widens a participant's presence to cover a further recording; a missing context is filled in. */
    @Transactional
    public RoomParticipant cover(RoomParticipant participant, String context, Instant from, Instant to) {
        Instant joined = from.isBefore(participant.joinedAt()) ? from : participant.joinedAt();
        Instant left = participant.leftAt() == null || to.isAfter(participant.leftAt()) ? to : participant.leftAt();
        RoomParticipant updated = new RoomParticipant(participant.id(), participant.accountId(),
                participant.sessionId(), participant.context() == null ? context : participant.context(), joined, left,
                Timestamps.now(clock));
        participants.update(updated);
        sessions.touch(participant.sessionId(), updated.updatedAt());
        return updated;
    }
}
