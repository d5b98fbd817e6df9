package dev.montage.twilio;

import java.util.List;
import java.util.Map;
import java.util.Set;

import org.springframework.util.MultiValueMap;

import dev.montage.api.JsonBody;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The form of {@code POST /v1/Compositions} translated into the body of {@code POST /v2/room_compositions}, so that
 * one parser validates both and a composition is one resource under both. What only Twilio has is settled here:
 * <ul>
 *   <li>{@code RoomSid} is the session's {@code RM} SID;</li>
 *   <li>without {@code AudioSources} a composition is silent, and without {@code VideoLayout} it has no video, as
 *       on Twilio (one of the two is required); /v2's defaults are the other way round;</li>
 *   <li>{@code Resolution} defaults to 640x480, Twilio's default;</li>
 *   <li>{@code Format} is mp4 by default; webm (Twilio's default) is not produced yet, and is refused;</li>
 *   <li>{@code StatusCallback} and {@code StatusCallbackMethod} are checked and not yet used (docs/twilio.md).</li>
 * </ul>
 */
final class CompositionForm {

    static final String DEFAULT_RESOLUTION = "640x480";
    private static final Set<String> SOURCE_LISTS = Set.of("video_sources", "video_sources_excluded");
    private static final Set<String> CALLBACK_METHODS = Set.of("GET", "POST");

    private CompositionForm() {
    }

    static JsonBody toBody(MultiValueMap<String, String> form, JsonMapper json) {
        ObjectNode body = json.createObjectNode();
        String roomSid = single(form, "RoomSid");
        if (roomSid == null || roomSid.isEmpty()) {
            throw TwilioException.badParameter("RoomSid", "is required: the SID of the room (RM…) to compose");
        }
        body.put("session_id", TwilioSid.ROOM.parse(roomSid).map(Object::toString).orElseThrow(
                () -> TwilioException.badParameter(TwilioError.ROOM_NOT_FOUND, "RoomSid",
                        "'" + roomSid + "' is not a room SID: RM and 32 lower-case hex digits")));
        body.setAll(template(form, json));
        return new JsonBody(body);
    }

    /**
     * The composition parameters of a form (all but {@code RoomSid}) as a /v2 body without {@code session_id}: a
     * composition's, or a composition hook's template.
     */
    static ObjectNode template(MultiValueMap<String, String> form, JsonMapper json) {
        ObjectNode body = json.createObjectNode();
        String layout = single(form, "VideoLayout");
        List<String> audio = form.getOrDefault("AudioSources", List.of());
        if (layout == null && audio.isEmpty()) {
            throw TwilioException.badParameter("VideoLayout", "VideoLayout or AudioSources (or both) is required");
        }
        body.set("video_layout", layout == null ? json.createObjectNode() : videoLayout(layout, json));
        body.set("audio_sources", sources(audio, "AudioSources", json));
        body.set("audio_sources_excluded", sources(form.getOrDefault("AudioSourcesExcluded", List.of()),
                "AudioSourcesExcluded", json));

        String resolution = single(form, "Resolution");
        body.put("resolution", resolution == null ? DEFAULT_RESOLUTION : resolution);
        String format = single(form, "Format");
        if (format != null && !format.equals("mp4")) {
            throw TwilioException.badParameter("Format", format.equals("webm")
                    ? "webm is not produced yet; send Format=mp4 (docs/twilio.md)"
                    : "must be mp4 (or, later, webm), not '" + format + "'");
        }
        body.put("format", "mp4");
        String trim = single(form, "Trim");
        if (trim != null && !trim.equals("true") && !trim.equals("false")) {
            throw TwilioException.badParameter("Trim", "must be true or false, not '" + trim + "'");
        }
        body.put("trim", trim == null || Boolean.parseBoolean(trim));
        String method = single(form, "StatusCallbackMethod");
        if (method != null && !CALLBACK_METHODS.contains(method)) {
            throw TwilioException.badParameter("StatusCallbackMethod", "must be GET or POST, not '" + method + "'");
        }
        return body;
    }

    /**
     * Twilio's VideoLayout, whose region fields are /v2's; only the sources change, RT and PA SIDs to ids. Anything
     * else in it is for the /v2 parser to judge.
     */
    private static JsonNode videoLayout(String raw, JsonMapper json) {
        JsonNode layout;
        try {
            layout = json.readTree(raw);
        } catch (JacksonException e) {
            throw TwilioException.badParameter("VideoLayout", "is not valid JSON: " + e.getOriginalMessage());
        }
        if (!(layout instanceof ObjectNode regions)) {
            throw TwilioException.badParameter("VideoLayout", "must be a JSON object of regions by name");
        }
        for (Map.Entry<String, JsonNode> region : regions.properties()) {
            if (!(region.getValue() instanceof ObjectNode fields)) {
                continue; // the /v2 parser names the region that is not an object
            }
            for (String list : SOURCE_LISTS) {
                if (fields.get(list) instanceof ArrayNode entries) {
                    for (int i = 0; i < entries.size(); i++) {
                        if (entries.get(i).isString()) {
                            entries.set(i, json.getNodeFactory().stringNode(
                                    SourceSids.toMontage(entries.get(i).asString(), "VideoLayout")));
                        }
                    }
                }
            }
        }
        return regions;
    }

    private static ArrayNode sources(List<String> values, String parameter, JsonMapper json) {
        ArrayNode array = json.createArrayNode();
        values.forEach(value -> array.add(SourceSids.toMontage(value, parameter)));
        return array;
    }

    /** A parameter sent at most once; a repeat of one that is not a list is a mistake worth telling. */
    static String single(MultiValueMap<String, String> form, String name) {
        List<String> values = form.get(name);
        if (values == null || values.isEmpty()) {
            return null;
        }
        if (values.size() > 1) {
            throw TwilioException.badParameter(name, "may be sent once");
        }
        return values.get(0);
    }
}
