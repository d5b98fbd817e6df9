package dev.montage.twilio;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;

import dev.montage.compositions.Composition;
import dev.montage.compositions.CompositionStatus;
import dev.montage.compositions.VideoRegion;
import dev.montage.webhooks.StatusCallbackTarget;

/**
 * The Composition resource of Twilio's Video v1. {@code status_callback} and its method are null for a
 * composition without callbacks (one made under /v2, or without {@code StatusCallback}); {@code date_deleted} is always null, since a deleted composition is gone (404).
 */
record TwilioComposition(String accountSid, String status, String dateCreated, String dateCompleted,
        String dateDeleted, String sid, String roomSid, List<String> audioSources, List<String> audioSourcesExcluded,
        Map<String, Region> videoLayout, String resolution, boolean trim, String format, int bitrate, long size,
        int duration, String mediaExternalLocation, String statusCallback, String statusCallbackMethod, String url,
        Map<String, String> links) {

    static TwilioComposition of(Composition c, Optional<StatusCallbackTarget> callback, String baseUrl,
            Supplier<Set<UUID>> recordingIds) {
        String url = baseUrl + "/v1/Compositions/" + TwilioSid.COMPOSITION.of(c.id());
        Map<String, Region> layout = new LinkedHashMap<>();
        c.videoLayout().forEach((name, region) -> layout.put(name, Region.of(region, recordingIds)));
        boolean completed = c.status() == CompositionStatus.COMPLETED;
        long size = completed && c.sizeBytes() != null ? c.sizeBytes() : 0;
        int duration = completed && c.durationSecs() != null ? c.durationSecs() : 0;
        return new TwilioComposition(TwilioSid.ACCOUNT.of(c.accountId()), c.status().wireName(),
                TwilioDates.format(c.createdAt()), TwilioDates.format(c.completedAt()), null,
                TwilioSid.COMPOSITION.of(c.id()), TwilioSid.ROOM.of(c.sessionId()),
                SourceSids.toTwilio(c.audioSources(), recordingIds),
                SourceSids.toTwilio(c.audioSourcesExcluded(), recordingIds), layout, c.resolution(), c.trim(),
                c.format(), bitrateKbps(size, duration), size, duration, null,
                callback.map(StatusCallbackTarget::url).orElse(null),
                callback.map(StatusCallbackTarget::method).orElse(null), url,
                Map.of("media", url + "/Media"));
    }

    /** The average bit rate in kbit/s, as Twilio gives it; 0 until there is a file. */
    static int bitrateKbps(long sizeBytes, int durationSecs) {
        return durationSecs <= 0 ? 0 : (int) Math.round(sizeBytes * 8.0 / durationSecs / 1000);
    }

    /** One region of {@code video_layout} with Twilio's fields only. */
    record Region(int xPos, int yPos, int zPos, int width, int height, Integer maxColumns, Integer maxRows,
            List<Integer> cellsExcluded, String reuse, List<String> videoSources, List<String> videoSourcesExcluded) {

        static Region of(VideoRegion r, Supplier<Set<UUID>> recordingIds) {
            return new Region(r.xPos(), r.yPos(), r.zPos(), r.width(), r.height(), r.maxColumns(), r.maxRows(),
                    r.cellsExcluded(), r.reuse(), SourceSids.toTwilio(r.videoSources(), recordingIds),
                    SourceSids.toTwilio(r.videoSourcesExcluded(), recordingIds));
        }
    }
}
