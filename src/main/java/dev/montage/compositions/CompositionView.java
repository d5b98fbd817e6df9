package dev.montage.compositions;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.UUID;

import dev.montage.api.Megabytes;
import dev.montage.api.Timestamps;

/**
 * The Telnyx RoomComposition shape, plus Montage's extensions ({@code progress_percent}, {@code failure_reason},
 * {@code audio_sources}, {@code audio_sources_excluded}, {@code trim}, {@code background_color}), which a Telnyx client ignores.
 */
record CompositionView(String completedAt, String createdAt, String downloadUrl, Integer durationSecs,
        String endedAt, String format, UUID id, String recordType, String resolution, UUID roomId, UUID sessionId,
        BigDecimal sizeMb, String startedAt, String status, String updatedAt, UUID userId,
        LinkedHashMap<String, VideoRegion> videoLayout, String webhookEventFailoverUrl, String webhookEventUrl,
        Integer webhookTimeoutSecs, int progressPercent, String failureReason, List<String> audioSources,
        List<String> audioSourcesExcluded, boolean trim, String backgroundColor) {

    static CompositionView of(Composition c, String downloadUrl) {
        return new CompositionView(Timestamps.format(c.completedAt()), Timestamps.format(c.createdAt()), downloadUrl,
                c.durationSecs(), Timestamps.format(c.endedAt()), c.format(), c.id(), "composition", c.resolution(),
                c.roomId(), c.sessionId(), Megabytes.of(c.sizeBytes()), Timestamps.format(c.startedAt()),
                c.status().wireName(), Timestamps.format(c.updatedAt()), c.accountId(), c.videoLayout(),
                c.webhooks().failoverUrl(), c.webhooks().eventUrl(), c.webhooks().timeoutSecs(), c.progressPercent(),
                c.failureReason(), c.audioSources(), c.audioSourcesExcluded(), c.trim(), c.backgroundColor());
    }
}
