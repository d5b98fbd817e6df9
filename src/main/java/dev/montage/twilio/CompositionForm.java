package dev.montage.twilio;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.springframework.util.MultiValueMap;

import dev.montage.api.JsonBody;
import dev.montage.media.OutputFormat;
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
 *   <li>{@code Format} is webm (VP8 and Opus) by default, as on Twilio; mp4 is H.264 and AAC;</li>
 *   <li>{@code StatusCallback} (an absolute http or https URL) and {@code StatusCallbackMethod} ({@code GET} or
 *       {@code POST}, the default) say where the status callbacks go: {@link #statusCallback}.</li>
 * </ul>
 */
final class CompositionForm {

    static final String DEFAULT_RESOLUTION = "640x480";
    /** Twilio's default, so code that never sends Format gets the file it got from Twilio. */
    static final OutputFormat DEFAULT_FORMAT = OutputFormat.WEBM;
    private static final Set<String> SOURCE_LISTS = Set.of("video_sources", "video_sources_excluded");
    private static final Set<String> CALLBACK_METHODS = Set.of("GET", "POST");
    /** As long as the webhook URLs of /v2 may be (their column's size). */
    private static final int MAX_CALLBACK_URL_LENGTH = 2000;

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
        if (format != null && OutputFormat.ofWireName(format).isEmpty()) {
            throw TwilioException.badParameter("Format", "must be webm or mp4, not '" + format + "'");
        }
        body.put("format", format == null ? DEFAULT_FORMAT.wireName() : format);
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

    /** Where the composition's status callbacks go and how: {@code StatusCallback} and its method. */
    record Callback(String url, String method) {
    }

    /** The form's {@code StatusCallback}, checked; empty when it has none. */
    static Optional<Callback> statusCallback(MultiValueMap<String, String> form) {
        String url = single(form, "StatusCallback");
        String method = single(form, "StatusCallbackMethod");
        if (method != null && !CALLBACK_METHODS.contains(method)) {
            throw TwilioException.badParameter("StatusCallbackMethod", "must be GET or POST, not '" + method + "'");
        }
        if (url == null || url.isEmpty()) {
            return Optional.empty();
        }
        if (url.length() > MAX_CALLBACK_URL_LENGTH) {
            throw TwilioException.badParameter("StatusCallback", "is longer than " + MAX_CALLBACK_URL_LENGTH
                    + " characters");
        }
        try {
            URI uri = new URI(url);
            if (!"http".equalsIgnoreCase(uri.getScheme()) && !"https".equalsIgnoreCase(uri.getScheme())
                    || uri.getHost() == null || uri.getRawFragment() != null) {
                throw TwilioException.badParameter("StatusCallback",
                        "must be an absolute http or https URL without a fragment, not '" + url + "'");
            }
        } catch (URISyntaxException e) {
            throw TwilioException.badParameter("StatusCallback", "is not a URL: " + e.getMessage());
        }
        return Optional.of(new Callback(url, method == null ? "POST" : method));
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
