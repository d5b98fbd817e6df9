package dev.montage.compositions;

import java.math.BigDecimal;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonRawValue;

import dev.montage.api.Megabytes;
import dev.montage.api.Timestamps;

/**
 * The Telnyx RoomComposition shape, plus Montage's extensions ({@code progress_percent}, {@code failure_reason},
 * {@code audio_sources}, {@code audio_sources_excluded}, {@code trim}, {@code background_color}, {@code quality}), which a Telnyx
 * client ignores.
 *
 * <p>{@code videoLayout}, {@code audioSources} and {@code audioSourcesExcluded} are JSON text, written once per
 * distinct value by {@link CompositionJsonTexts} and copied into the answer as they are.
 */
record CompositionView(String completedAt, String createdAt, String downloadUrl, Integer durationSecs,
        String endedAt, String format, UUID id, String recordType, String resolution, UUID roomId, UUID sessionId,
        BigDecimal sizeMb, String startedAt, String status, String updatedAt, UUID userId,
        @JsonRawValue String videoLayout, String webhookEventFailoverUrl, String webhookEventUrl,
        Integer webhookTimeoutSecs, int progressPercent, String failureReason, @JsonRawValue String audioSources,
        @JsonRawValue String audioSourcesExcluded, boolean trim, String backgroundColor,
        UUID compositionHookId, String quality) {

    static CompositionView of(Composition c, String downloadUrl, CompositionJsonTexts json) {
        return new CompositionView(Timestamps.format(c.completedAt()), Timestamps.format(c.createdAt()), downloadUrl,
                c.durationSecs(), Timestamps.format(c.endedAt()), c.format(), c.id(), "composition", c.resolution(),
                c.roomId(), c.sessionId(), Megabytes.of(c.sizeBytes()), Timestamps.format(c.startedAt()),
                c.status().wireName(), Timestamps.format(c.updatedAt()), c.accountId(),
                json.videoLayout(c.videoLayout()), c.webhooks().failoverUrl(), c.webhooks().eventUrl(),
                c.webhooks().timeoutSecs(), c.progressPercent(), c.failureReason(), json.ids(c.audioSources()),
                json.ids(c.audioSourcesExcluded()), c.trim(), c.backgroundColor(), c.hookId(),
                c.quality());
    }
}
