package dev.montage.hooks;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * When sessions end by themselves, so that composition hooks fire without an explicit
 * {@code POST /v2/room_sessions/{id}/actions/end} ({@code montage.hooks.*}; docs/api.md, "Composition hooks").
 *
 * @param idleEnd           a session to which no media has come for this long (no upload, and every recording
 *                          ended this long ago) is ended, with {@code ended_reason} {@code idle}; {@code 0} never
 *                          ends a session by itself
 * @param idleCheckInterval how often one node of the cluster (one with the worker role) looks for such sessions
 */
@ConfigurationProperties("montage.hooks")
record HookSettings(@DefaultValue("0s") Duration idleEnd, @DefaultValue("1m") Duration idleCheckInterval) {

    HookSettings {
        if (idleEnd.isNegative()) {
            throw new IllegalArgumentException("montage.hooks.idle-end must not be negative, not " + idleEnd);
        }
        if (idleCheckInterval.isNegative() || idleCheckInterval.isZero()) {
            throw new IllegalArgumentException(
                    "montage.hooks.idle-check-interval must be positive, not " + idleCheckInterval);
        }
    }

    boolean endsIdleSessions() {
        return !idleEnd.isZero();
    }
}
