package dev.montage.hooks;

import java.time.Clock;
import java.time.Instant;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import dev.montage.api.Timestamps;
import dev.montage.rooms.RoomSessionEnded;
import dev.montage.rooms.SessionService;

/**
 * Ends the sessions to which no media has come for {@link HookSettings#idleEnd()}, each as the API's own end does
 * (so the hooks fire once, as they do for an explicit end), with {@code ended_reason} {@code idle}.
 */
@Component
class IdleSessions {

    /** Sessions ended per run at most; the next run takes the rest. */
    static final int BATCH = 100;

    private static final Logger log = LoggerFactory.getLogger(IdleSessions.class);

    private final HookSettings settings;
    private final SessionService sessions;
    private final Clock clock;

    IdleSessions(HookSettings settings, SessionService sessions, Clock clock) {
        this.settings = settings;
        this.sessions = sessions;
        this.clock = clock;
    }

    /** Answers how many sessions this call ended; none when {@code montage.hooks.idle-end} is 0. */
    int endIdle() {
        if (!settings.endsIdleSessions()) {
            return 0;
        }
        int ended = 0;
        Instant cutoff = Timestamps.now(clock).minus(settings.idleEnd());
        for (RoomSessionEnded idle : sessions.idleSince(cutoff, BATCH)) {
            sessions.endIdle(idle.account(), idle.sessionId(), cutoff);
            log.info("Ended session {}: no media for {}", idle.sessionId(), settings.idleEnd());
            ended++;
        }
        return ended;
    }
}
