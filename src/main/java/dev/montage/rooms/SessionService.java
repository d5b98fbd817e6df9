package dev.montage.rooms;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.util.IdGenerator;

import dev.montage.api.AccountId;
import dev.montage.api.Ids;
import dev.montage.api.DateFilter;
import dev.montage.api.ListResponse;
import dev.montage.api.PageRequest;
import dev.montage.api.Timestamps;
import dev.montage.api.WebhookTarget;
import dev.montage.webhooks.WebhookEvents;
import dev.montage.webhooks.WebhookPayload;

/**
 * Room sessions and their participants. Montage does not host live rooms: sessions and participants come
 * into being when a media server uploads their recordings, and a session is active until it is ended. Where
 * the room has a {@code webhook_event_url}, each of these changes records its event in the same transaction.
 */
@Service
public class SessionService {

    /** The {@code ended_reason} and {@code left_reason} of a session ended through the API, and its participants. */
    static final String ENDED_REASON = "ended_by_api";
    static final String LEFT_REASON = "session_ended";
    /** The {@code ended_reason} of a session ended because no media came for {@code montage.hooks.idle-end}. */
    public static final String IDLE_REASON = "idle";

    private final SessionRepository sessions;
    private final ParticipantRepository participants;
    private final RoomRepository rooms;
    private final WebhookEvents events;
    private final ApplicationEventPublisher publisher;
    private final Clock clock;
    private final IdGenerator ids;

    SessionService(SessionRepository sessions, ParticipantRepository participants, RoomRepository rooms,
            WebhookEvents events, ApplicationEventPublisher publisher, Clock clock, IdGenerator ids) {
        this.publisher = publisher;
        this.sessions = sessions;
        this.participants = participants;
        this.rooms = rooms;
        this.events = events;
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

    /**
     * One page of the account's sessions, of one room and active or not when given (each empty for any): the filters
     * of the Twilio protocol's room list, where a Twilio room is a Montage session.
     */
    public ListResponse<RoomSession> list(AccountId account, Optional<UUID> roomId, Optional<Boolean> active,
            PageRequest page) {
        DateFilter any = new DateFilter(Optional.empty(), Optional.empty(), Optional.empty());
        return list(account, new SessionQuery(roomId, active, any, any, any), page);
    }

    /** One page of a session's participants, first joined first. */
    public ListResponse<RoomParticipant> participants(AccountId account, UUID sessionId, PageRequest page) {
        DateFilter any = new DateFilter(Optional.empty(), Optional.empty(), Optional.empty());
        return listParticipants(account, new ParticipantQuery(Optional.of(sessionId), Optional.empty(), any, any, any),
                page);
    }

    ListResponse<RoomSession> list(AccountId account, SessionQuery query, PageRequest page) {
        return sessions.list(account.value(), query, page);
    }

    /**
     * Ends an active session now; its participants still present leave now. Ending an ended session is a no-op.
     * Only now is a participant's presence final (a later upload could still widen it), so this is when each
     * participant's {@code left} event is sent, before the session's {@code ended}. Listeners of
     * {@link RoomSessionEnded} (composition hooks) are told only by the transaction that ended the session (of two
     * concurrent ends, the second waits on the row and then finds it ended), and act after it commits.
     */
    @Transactional
    public void end(AccountId account, UUID id) {
        end(account, id, ENDED_REASON);
    }

    /** Ends a session as {@link #end(AccountId, UUID)} does, for {@code reason} ({@code ended_reason}). */
    @Transactional
    public void end(AccountId account, UUID id, String reason) {
        end(account, id, reason, Optional.empty());
    }

    /**
     * Ends a session found idle since {@code cutoff} ({@link #idleSince}), with the reason {@link #IDLE_REASON},
     * unless media arrived for it since it was found: that upload keeps it active.
     */
    @Transactional
    public void endIdle(AccountId account, UUID id, Instant cutoff) {
        end(account, id, IDLE_REASON, Optional.of(cutoff));
    }

    private void end(AccountId account, UUID id, String reason, Optional<Instant> idleSince) {
        RoomSession session = get(account, id);
        if (session.active()) {
            Instant now = Timestamps.now(clock);
            boolean ended = idleSince.isPresent() ? sessions.endIfIdle(account.value(), id, now, idleSince.get())
                    : sessions.end(account.value(), id, now);
            if (!ended) {
                return;
            }
            participants.leaveAll(account.value(), id, now);
            WebhookTarget webhooks = webhooksOf(account, session.roomId());
            for (RoomParticipant p : participants.listForSession(account.value(), id)) {
                events.record(account.value(), webhooks, p.leftAt(), new WebhookPayload.ParticipantLeft(p.context(),
                        seconds(p.joinedAt(), p.leftAt()), LEFT_REASON, p.id(), session.roomId(), id));
            }
            events.record(account.value(), webhooks, now, new WebhookPayload.SessionEnded(session.roomId(), id,
                    seconds(session.createdAt(), now), reason));
            publisher.publishEvent(new RoomSessionEnded(account, id));
        }
    }

    /**
     * Active sessions of every account to which no media has come since {@code cutoff} (uploads and recordings),
     * oldest first, at most {@code limit}: those that {@code montage.hooks.idle-end} ends.
     */
    public List<RoomSessionEnded> idleSince(Instant cutoff, int limit) {
        return sessions.idleSince(cutoff, limit);
    }

    private static long seconds(Instant from, Instant to) {
        return Math.round(java.time.Duration.between(from, to).toMillis() / 1000.0);
    }

    /** A deleted room keeps its sessions but sends nothing more. */
    private WebhookTarget webhooksOf(AccountId account, UUID roomId) {
        return rooms.find(account.value(), roomId).map(Room::webhooks).orElse(WebhookTarget.NONE);
    }

    /** A new active session of {@code roomId}, which began at {@code startedAt} (its first media sample). */
    @Transactional
    public RoomSession startSession(AccountId account, UUID roomId, Instant startedAt) {
        RoomSession session = new RoomSession(ids.generateId(), account.value(), roomId, true, startedAt,
                Timestamps.now(clock), null);
        sessions.insert(session);
        events.record(account.value(), webhooksOf(account, roomId), startedAt,
                new WebhookPayload.SessionStarted(roomId, session.id()));
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

    ListResponse<RoomParticipant> listParticipants(AccountId account, ParticipantQuery query, PageRequest page) {
        return participants.list(account.value(), query, page);
    }

    /** A participant that was present from {@code joinedAt} to {@code leftAt}, the span of its first recording. */
    @Transactional
    public RoomParticipant join(AccountId account, UUID sessionId, String context, Instant joinedAt, Instant leftAt) {
        RoomParticipant participant = new RoomParticipant(ids.generateId(), account.value(), sessionId, context,
                joinedAt, leftAt, Timestamps.now(clock));
        participants.insert(participant);
        sessions.touch(account.value(), sessionId, participant.updatedAt());
        RoomSession session = get(account, sessionId);
        events.record(account.value(), webhooksOf(account, session.roomId()), joinedAt,
                new WebhookPayload.ParticipantJoined(context, participant.id(), session.roomId(), sessionId));
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
        sessions.touch(participant.accountId(), participant.sessionId(), updated.updatedAt());
        return updated;
    }
}
