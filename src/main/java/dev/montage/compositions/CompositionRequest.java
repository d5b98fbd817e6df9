package dev.montage.compositions;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.UUID;

import dev.montage.api.WebhookTarget;
import dev.montage.rooms.RoomSession;

/** A validated create request: everything the service stores, with defaults filled in. */
record CompositionRequest(RoomSession session, String format, int width, int height,
        LinkedHashMap<String, VideoRegion> videoLayout, List<String> audioSources, List<String> audioSourcesExcluded,
        boolean trim, WebhookTarget webhooks, String backgroundColor, String quality) {

    String resolution() {
        return width + "x" + height;
    }

    /** The composition this request asks for, {@code enqueued} and not yet started, as {@code account} made it now. */
    Composition toComposition(UUID id, UUID account, Instant now, UUID hookId) {
        return new Composition(id, account, session.roomId(), session.id(), CompositionStatus.ENQUEUED, format,
                resolution(), videoLayout, audioSources, audioSourcesExcluded, trim, webhooks, 0, null, null, null,
                null, null, null, null, now, now, backgroundColor, hookId, quality);
    }
}
