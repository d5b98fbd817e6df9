package dev.montage.node;

import java.util.Arrays;
import java.util.Optional;

/** What a node does: serve the API, or run the composition queue (ffmpeg). See {@link NodeRoles}. */
public enum NodeRole {
    /** Serves {@code /v2}: validates, stores and schedules; probes uploads with ffprobe, never runs ffmpeg. */
    API("api"),
    /** Runs the composition queue: renders with ffmpeg. Serves no {@code /v2}, only its health. */
    WORKER("worker");

    private final String wireName;

    NodeRole(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    static Optional<NodeRole> named(String name) {
        return Arrays.stream(values()).filter(role -> role.wireName.equals(name)).findFirst();
    }
}
