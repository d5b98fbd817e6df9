package dev.montage.compositions;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.UUID;

import dev.montage.api.WebhookTarget;

/**
 * A composition: what was asked for (validated) and how far its job has come. {@code backgroundColor} is
 * {@code "#RRGGBB"}, {@code "#000000"} unless the client chose another. {@code hookId} is the composition hook that made it, null for one made through the API.
 * {@code quality} is a {@link dev.montage.media.Quality} wire name, {@code "standard"} unless the client chose another.
 */
public record Composition(UUID id, UUID accountId, UUID roomId, UUID sessionId, CompositionStatus status,
        String format, String resolution, LinkedHashMap<String, VideoRegion> videoLayout, List<String> audioSources,
        List<String> audioSourcesExcluded, boolean trim, WebhookTarget webhooks, int progressPercent,
        String failureReason, Integer durationSecs, Long sizeBytes, String blobKey, Instant startedAt,
        Instant endedAt, Instant completedAt, Instant createdAt, Instant updatedAt, String backgroundColor,
        UUID hookId, String quality) {

    public Composition {
        videoLayout = new LinkedHashMap<>(videoLayout);
        audioSources = List.copyOf(audioSources);
        audioSourcesExcluded = List.copyOf(audioSourcesExcluded);
    }

    @Override
    public LinkedHashMap<String, VideoRegion> videoLayout() {
        return new LinkedHashMap<>(videoLayout);
    }
}
