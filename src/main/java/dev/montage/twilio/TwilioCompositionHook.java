package dev.montage.twilio;

import com.fasterxml.jackson.annotation.JsonInclude;

import dev.montage.hooks.CompositionHook;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** The CompositionHook resource of Twilio's Video v1, over a Montage composition hook. */
@JsonInclude(JsonInclude.Include.ALWAYS)
record TwilioCompositionHook(String accountSid, String friendlyName, boolean enabled, String dateCreated,
        String dateUpdated, String sid, JsonNode audioSources, JsonNode audioSourcesExcluded, JsonNode videoLayout,
        String resolution, boolean trim, String format, String statusCallback, String statusCallbackMethod,
        String url) {

    static TwilioCompositionHook of(CompositionHook hook, ObjectNode template, String baseUrl) {
        String sid = TwilioSid.HOOK.of(hook.id());
        return new TwilioCompositionHook(TwilioSid.ACCOUNT.of(hook.accountId()), hook.friendlyName(), hook.enabled(),
                TwilioDates.format(hook.createdAt()), TwilioDates.format(hook.updatedAt()), sid,
                listOr(template.get("audio_sources"), template), listOr(template.get("audio_sources_excluded"), template),
                template.has("video_layout") ? template.get("video_layout") : template.objectNode(),
                template.path("resolution").asString(CompositionForm.DEFAULT_RESOLUTION),
                template.path("trim").asBoolean(true), template.path("format").asString("mp4"),
                hook.statusCallback(), hook.statusCallbackMethod(), baseUrl + "/v1/CompositionHooks/" + sid);
    }

    private static JsonNode listOr(JsonNode list, ObjectNode template) {
        return list != null ? list : template.arrayNode();
    }
}
