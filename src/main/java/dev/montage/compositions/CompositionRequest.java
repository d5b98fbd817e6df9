package dev.montage.compositions;

import java.util.LinkedHashMap;
import java.util.List;

import dev.montage.api.WebhookTarget;
import dev.montage.rooms.RoomSession;

/** A validated create request: everything the service stores, with defaults filled in. */
record CompositionRequest(RoomSession session, String format, int width, int height,
        LinkedHashMap<String, VideoRegion> videoLayout, List<String> audioSources, List<String> audioSourcesExcluded,
        boolean trim, WebhookTarget webhooks, String backgroundColor) {

    String resolution() {
        return width + "x" + height;
    }
}
