package dev.montage.compositions;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.montage.support.ApiClient.Response;
import dev.montage.support.ApiTest;
import tools.jackson.databind.JsonNode;

/**
 * Every validation rule of POST /v2/room_compositions: 422, the Telnyx code, the pointer to the offending
 * value, a detail a human can act on, and nothing stored.
 */
class CompositionValidationTest extends ApiTest {

    private TwoParticipantSession session;

    @BeforeEach
    void session() {
        session = twoParticipantSession(api);
    }

    @Test
    void sessionIdIsRequiredAndMustBeOneOfTheAccountsSessions() {
        assertProblem("{}", "/session_id", "10004");
        assertProblem("{\"session_id\": null}", "/session_id", "10004");
        assertProblem("{\"session_id\": 42}", "/session_id", "10026");
        assertProblem("{\"session_id\": \"not-a-uuid\"}", "/session_id", "10015");
        assertProblem("{\"session_id\": \"0ccc7b54-4df3-4bca-a65a-3da1ecc777b0\"}", "/session_id", "10015");
        // a recording id is not a session id
        assertProblem(body("\"session_id\": \"" + session.recording(session.alice(), "video") + "\"")
                .replace("\"session_id\": \"" + session.sessionId() + "\",", ""), "/session_id", "10015");
    }

    @Test
    void resolutionIsWidthByHeightWithinTheLimits() {
        assertProblem(body("\"resolution\": \"1280*720\""), "/resolution", "10015");
        assertProblem(body("\"resolution\": \"x720\""), "/resolution", "10015");
        assertProblem(body("\"resolution\": 1280"), "/resolution", "10026");
        assertProblem(body("\"resolution\": \"15x720\""), "/resolution", "10033");
        assertProblem(body("\"resolution\": \"1281x16\""), "/resolution", "10033");
        assertProblem(body("\"resolution\": \"1280x1280\""), "/resolution", "10033");
        assertProblem(body("\"resolution\": \"1000x1000\""), "/resolution", "10033");
        assertAccepted(body("\"resolution\": \"16x16\""));
        assertAccepted(body("\"resolution\": \"720x1280\""));
    }

    @Test
    void formatIsMp4OrWebm() {
        assertProblem(body("\"format\": \"avi\""), "/format", "10032");
        assertProblem(body("\"format\": \"WEBM\""), "/format", "10032");
        assertProblem(body("\"format\": true"), "/format", "10026");
    }

    @Test
    void atMostTwoRegions() {
        Response response = assertProblem(body("""
                "video_layout": {"a": {}, "b": {}, "c": {}}"""), "/video_layout", "10015");
        assertThat(response.error().path("detail").asString()).contains("at most 2");
        assertProblem(body("\"video_layout\": [1, 2]"), "/video_layout", "10026");
        assertProblem(body("\"video_layout\": {\"a\": 5}"), "/video_layout/a", "10026");
    }

    @Test
    void regionGeometryStaysInsideTheCanvas() {
        assertProblem(region("\"width\": 15"), "/video_layout/r/width", "10033");
        assertProblem(region("\"height\": 8"), "/video_layout/r/height", "10033");
        assertProblem(region("\"width\": 1281"), "/video_layout/r/width", "10033");
        assertProblem(region("\"x_pos\": -1"), "/video_layout/r/x_pos", "10033");
        assertProblem(region("\"y_pos\": 719"), "/video_layout/r/y_pos", "10033");
        Response overflow = assertProblem(region("\"x_pos\": 1000, \"width\": 400"), "/video_layout/r/width", "10033");
        assertThat(overflow.error().path("detail").asString())
                .isEqualTo("video_layout.r: x_pos + width (1400) exceeds the canvas width (1280)");
        assertProblem(region("\"y_pos\": 700, \"height\": 100"), "/video_layout/r/height", "10033");
        assertProblem(region("\"width\": \"wide\""), "/video_layout/r/width", "10026");
        assertProblem(region("\"width\": 100.5"), "/video_layout/r/width", "10026");
    }

    @Test
    void zPositionAndGridLimits() {
        assertProblem(region("\"z_pos\": 100"), "/video_layout/r/z_pos", "10033");
        assertProblem(region("\"z_pos\": -100"), "/video_layout/r/z_pos", "10033");
        assertProblem(region("\"max_rows\": 0"), "/video_layout/r/max_rows", "10033");
        assertProblem(region("\"max_rows\": 1001"), "/video_layout/r/max_rows", "10033");
        assertProblem(region("\"max_columns\": 0"), "/video_layout/r/max_columns", "10033");
        assertProblem(region("\"max_columns\": 1001"), "/video_layout/r/max_columns", "10033");
        assertAccepted(region("\"z_pos\": -99, \"max_rows\": 1000, \"max_columns\": 1"));
    }

    @Test
    void videoSourcesNameRecordingsOrParticipantsOfTheSession() {
        String audio = session.recording(session.alice(), "audio");
        assertProblem(region("\"video_sources\": [\"*\", \"" + UUID.randomUUID() + "\"]"),
                "/video_layout/r/video_sources/1", "10015");
        assertProblem(region("\"video_sources\": [\"" + audio + "\"]"), "/video_layout/r/video_sources/0", "10015");
        assertProblem(region("\"video_sources\": [7]"), "/video_layout/r/video_sources/0", "10026");
        assertProblem(region("\"video_sources\": \"*\""), "/video_layout/r/video_sources", "10026");
        TwoParticipantSession other = twoParticipantSession(api);
        assertProblem(region("\"video_sources\": [\"" + other.recording(other.alice(), "video") + "\"]"),
                "/video_layout/r/video_sources/0", "10015");
        assertProblem(region("\"video_sources_excluded\": [\"*\"]"), "/video_layout/r/video_sources_excluded/0", "10015");
    }

    /**
     * Any entry that is not a UUID nor "*" is a track-name pattern: one that matches nothing yet is accepted (the
     * recordings are those of the render; the plan warns), one that no track name could be is refused.
     */
    @Test
    void sourcesEntriesThatAreNotUuidsAreTrackNamePatterns() {
        assertAccepted(region("\"video_sources\": [\"screen*\", \"nobody\", \"cam-?\"], "
                + "\"video_sources_excluded\": [\"screen-2\"]"));
        assertAccepted(body("\"audio_sources\": [\"mic*\"], \"audio_sources_excluded\": [\"screen*\"]"));
        assertProblem(region("\"video_sources\": [\"*\", \"\"]"), "/video_layout/r/video_sources/1", "10015");
        assertProblem(region("\"video_sources\": [\"   \"]"), "/video_layout/r/video_sources/0", "10015");
        Response tooLong = assertProblem(region("\"video_sources_excluded\": [\"" + "s".repeat(257) + "\"]"),
                "/video_layout/r/video_sources_excluded/0", "10015");
        assertThat(tooLong.error().path("detail").asString())
                .endsWith("is not a UUID, so it is read as a track-name pattern, and a track-name pattern must be at "
                        + "most 256 characters, not 257");
        Response control = assertProblem(body("\"audio_sources\": [\"mic\\u0000*\"]"), "/audio_sources/0", "10015");
        assertThat(control.error().path("detail").asString())
                .isEqualTo("'mic\\u0000*' is not a UUID, so it is read as a track-name pattern, and a track-name "
                        + "pattern must not contain control characters (found U+0000)");
        assertProblem(body("\"audio_sources_excluded\": [\"a\\tb\"]"), "/audio_sources_excluded/0", "10015");
    }

    /** Twilio names an unnamed track by its UUID: such a name is accepted where the session has it, for its kind. */
    @Test
    void aUuidMayBeTheTrackNameOfARecordingOfTheSession() {
        String name = UUID.randomUUID().toString();
        upload(api, dev.montage.support.TestMedia.videoOnly("white", 1), java.util.Map.of("started_at",
                "2024-05-01T10:00:00Z", "session_id", session.sessionId(), "track_name", name));

        assertAccepted(region("\"video_sources\": [\"" + name + "\"]"));
        assertProblem(body("\"audio_sources\": [\"" + name + "\"]"), "/audio_sources/0", "10015");
    }

    /** Patterns are stored and echoed as sent; ids in canonical lower case, as they are compared. */
    @Test
    void patternsAreEchoedAsSentAndIdsInLowerCase() {
        String bob = session.participant(session.bob());
        Response created = api.post("/v2/room_compositions", region("\"video_sources\": [\"Screen*\", \""
                + bob.toUpperCase(java.util.Locale.ROOT) + "\"], \"video_sources_excluded\": [\"screen-?\"]"));

        assertThat(created.status()).as(created.body()).isEqualTo(202);
        JsonNode region = created.data().path("video_layout").path("r");
        assertThat(region.path("video_sources").toString()).isEqualTo("[\"Screen*\",\"" + bob + "\"]");
        assertThat(region.path("video_sources_excluded").toString()).isEqualTo("[\"screen-?\"]");
        api.delete("/v2/room_compositions/" + created.data().path("id").asString());
    }

    @Test
    void reuseAndExcludedCells() {
        assertProblem(region("\"reuse\": \"always\""), "/video_layout/r/reuse", "10032");
        assertProblem(region("\"cells_excluded\": [0, -1]"), "/video_layout/r/cells_excluded/1", "10033");
        assertProblem(region("\"cells_excluded\": [\"one\"]"), "/video_layout/r/cells_excluded/0", "10026");
        assertAccepted(region("\"reuse\": \"none\", \"cells_excluded\": [0, 3]"));
    }

    @Test
    void adaptiveGridIsABoolean() {
        assertProblem(region("\"adaptive_grid\": \"yes\""), "/video_layout/r/adaptive_grid", "10026");
        assertAccepted(region("\"adaptive_grid\": true"));
    }

    @Test
    void excludeShownInAndExpandIntoNameOtherRegionsOfTheLayout() {
        Response unknown = assertProblem(twoRegions("\"exclude_shown_in\": [\"big\", \"nowhere\"]", ""),
                "/video_layout/strip/exclude_shown_in/1", "10015");
        assertThat(unknown.error().path("detail").asString())
                .isEqualTo("video_layout.strip.exclude_shown_in: 'nowhere' is not a region of this video_layout");
        assertProblem(twoRegions("\"expand_into\": [\"strip\"]", ""), "/video_layout/strip/expand_into/0", "10015");
        assertProblem(twoRegions("\"expand_into\": 5", ""), "/video_layout/strip/expand_into", "10026");
        assertProblem(twoRegions("\"exclude_shown_in\": [7]", ""), "/video_layout/strip/exclude_shown_in/0", "10026");
        assertAccepted(twoRegions("\"exclude_shown_in\": [\"big\", \"big\"], \"expand_into\": [\"big\"]", ""));
    }

    @Test
    void aRegionGivenAsNullIsNoRegionToName() {
        assertProblem(body("\"video_layout\": {\"strip\": {\"video_sources\": [\"*\"], \"exclude_shown_in\": [\"big\"]},"
                + " \"big\": null}"), "/video_layout/strip/exclude_shown_in/0", "10015");
    }

    @Test
    void reuseNoneCannotFollowWhoIsPresent() {
        Response adaptive = assertProblem(region("\"reuse\": \"none\", \"adaptive_grid\": true"),
                "/video_layout/r/adaptive_grid", "10015");
        assertThat(adaptive.error().path("detail").asString()).isEqualTo("adaptive_grid cannot be combined with reuse none");
        assertProblem(twoRegions("\"reuse\": \"none\", \"exclude_shown_in\": [\"big\"]", ""),
                "/video_layout/strip/exclude_shown_in", "10015");
        assertAccepted(region("\"reuse\": \"none\", \"adaptive_grid\": false"));
    }

    @Test
    void anActiveSpeakerRegionTakesNoGridOptions() {
        for (String option : new String[] {"\"adaptive_grid\": false", "\"cell_spacing\": 4"}) {
            String name = option.substring(1, option.indexOf('"', 1));
            assertProblem(twoRegions("", "\"focus\": \"active_speaker\", " + option), "/video_layout/big/" + name,
                    "10015");
        }
        assertProblem(twoRegions("", "\"focus\": \"active_speaker\", \"exclude_shown_in\": [\"strip\"]"),
                "/video_layout/big/exclude_shown_in", "10015");
        assertProblem(twoRegions("", "\"focus\": \"active_speaker\", \"expand_into\": [\"strip\"]"),
                "/video_layout/big/expand_into", "10015");
        // named by others it is fine: the strip of a speaker view
        assertAccepted(twoRegions("\"exclude_shown_in\": [\"big\"], \"adaptive_grid\": true",
                "\"focus\": \"active_speaker\""));
    }

    @Test
    void regionsMustNotNameEachOtherInACycle() {
        Response cycle = assertProblem(twoRegions("\"exclude_shown_in\": [\"big\"]", "\"expand_into\": [\"strip\"]"),
                "/video_layout/strip/exclude_shown_in/0", "10015");
        assertThat(cycle.error().path("detail").asString()).contains("big -> strip -> big");
    }

    @Test
    void theExtensionsAreEchoedOnlyWhenSet() {
        Response plain = api.post("/v2/room_compositions", region("\"max_rows\": 2"));
        assertThat(plain.status()).isEqualTo(202);
        assertThat(plain.data().path("video_layout").path("r").has("adaptive_grid")).isFalse();
        assertThat(plain.data().path("video_layout").path("r").has("expand_into")).isFalse();
        Response phased = api.post("/v2/room_compositions",
                twoRegions("\"exclude_shown_in\": [\"big\", \"big\"], \"adaptive_grid\": true", ""));
        assertThat(phased.status()).isEqualTo(202);
        JsonNode strip = api.get("/v2/room_compositions/" + phased.data().path("id").asString()).data()
                .path("video_layout").path("strip");
        assertThat(strip.path("adaptive_grid").asBoolean()).isTrue();
        assertThat(strip.path("exclude_shown_in").toString()).isEqualTo("[\"big\"]");
        assertThat(strip.has("expand_into")).isFalse();
    }

    @Test
    void focusIsGridOrActiveSpeaker() {
        assertProblem(region("\"focus\": \"speaker\""), "/video_layout/r/focus", "10032");
        assertProblem(region("\"focus\": 1"), "/video_layout/r/focus", "10026");
        assertAccepted(region("\"focus\": \"grid\""));
        assertAccepted(region("\"focus\": null"));
        assertAccepted(region("\"focus\": \"active_speaker\""));
    }

    @Test
    void activeSpeakerRulesAreMillisecondsUpToAMinute() {
        assertProblem(region("\"focus\": \"active_speaker\", \"min_dominance_ms\": -1"),
                "/video_layout/r/min_dominance_ms", "10033");
        assertProblem(region("\"focus\": \"active_speaker\", \"min_hold_ms\": 60001"),
                "/video_layout/r/min_hold_ms", "10033");
        assertProblem(region("\"focus\": \"active_speaker\", \"min_hold_ms\": 1.5"),
                "/video_layout/r/min_hold_ms", "10026");
        assertProblem(region("\"focus\": \"active_speaker\", \"min_dominance_ms\": \"1000\""),
                "/video_layout/r/min_dominance_ms", "10026");
        assertAccepted(region("\"focus\": \"active_speaker\", \"min_dominance_ms\": 0, \"min_hold_ms\": 60000"));
    }

    @Test
    void activeSpeakerRulesOnlyWithThatFocus() {
        Response response = assertProblem(region("\"min_dominance_ms\": 500"), "/video_layout/r/min_dominance_ms",
                "10015");
        assertThat(response.error().path("detail").asString()).contains("only to a region with \"focus\"");
        assertProblem(region("\"focus\": \"grid\", \"min_hold_ms\": 500"), "/video_layout/r/min_hold_ms", "10015");
        // an unknown focus is the one problem: the rule beside it is not blamed too
        Response unknown = api.post("/v2/room_compositions",
                region("\"focus\": \"loudest\", \"min_hold_ms\": 500"));
        assertThat(unknown.json().path("errors")).hasSize(1);
        assertAccepted(region("\"min_dominance_ms\": null"));
    }

    /** Echoed with its defaults filled in, video_sources ["*"] among them; a grid region echoes none of it. */
    @Test
    void anActiveSpeakerRegionIsEchoedWithItsDefaults() {
        Response created = api.post("/v2/room_compositions", region("\"focus\": \"active_speaker\""));
        assertThat(created.status()).isEqualTo(202);
        JsonNode echoed = created.data().path("video_layout").path("r");
        assertThat(echoed.path("focus").asString()).isEqualTo("active_speaker");
        assertThat(echoed.path("min_dominance_ms").asInt()).isEqualTo(1000);
        assertThat(echoed.path("min_hold_ms").asInt()).isEqualTo(2000);
        assertThat(echoed.path("video_sources").toString()).isEqualTo("[\"*\"]");
        JsonNode stored = api.get("/v2/room_compositions/" + created.data().path("id").asString()).data()
                .path("video_layout").path("r");
        assertThat(stored).isEqualTo(echoed);

        JsonNode grid = api.post("/v2/room_compositions", region("\"max_rows\": 1")).data().path("video_layout")
                .path("r");
        assertThat(grid.has("focus")).isFalse();
        assertThat(grid.has("min_dominance_ms")).isFalse();
        assertThat(grid.path("video_sources").toString()).isEqualTo("[]");
    }

    @Test
    void audioSourcesNameAudioRecordingsOrParticipants() {
        String video = session.recording(session.alice(), "video");
        assertProblem(body("\"audio_sources\": [\"" + video + "\"]"), "/audio_sources/0", "10015");
        assertProblem(body("\"audio_sources_excluded\": [\"*\"]"), "/audio_sources_excluded/0", "10015");
        assertProblem(body("\"audio_sources\": {}"), "/audio_sources", "10026");
        assertAccepted(body("\"audio_sources\": [\"" + session.recording(session.bob(), "audio") + "\", \""
                + session.participant(session.alice()) + "\"]"));
    }

    @Test
    void webhookSettings() {
        assertProblem(body("\"webhook_event_url\": \"example.com/hook\""), "/webhook_event_url", "10003");
        assertProblem(body("\"webhook_event_url\": \"ftp://example.com/hook\""), "/webhook_event_url", "10003");
        assertProblem(body("\"webhook_event_url\": \"https://\""), "/webhook_event_url", "10003");
        assertProblem(body("\"webhook_event_url\": \"https://example.com/" + "a".repeat(2000) + "\""),
                "/webhook_event_url", "10003");
        assertProblem(body("\"webhook_event_failover_url\": \"mailto:ops@example.com\""),
                "/webhook_event_failover_url", "10003");
        assertProblem(body("\"webhook_timeout_secs\": 31"), "/webhook_timeout_secs", "10033");
        assertProblem(body("\"webhook_timeout_secs\": -1"), "/webhook_timeout_secs", "10033");
        assertProblem(body("\"webhook_timeout_secs\": \"5\""), "/webhook_timeout_secs", "10026");
        assertAccepted(body("\"webhook_event_url\": \"http://localhost:9000/hook\", \"webhook_timeout_secs\": 0"));
    }

    @Test
    void trimIsABoolean() {
        assertProblem(body("\"trim\": \"yes\""), "/trim", "10026");
    }

    @Test
    void backgroundColorIsHexRedGreenBlue() {
        Response name = assertProblem(body("\"background_color\": \"black\""), "/background_color", "10015");
        assertThat(name.error().path("detail").asString()).contains("#RRGGBB").contains("'black'");
        assertProblem(body("\"background_color\": \"#12345\""), "/background_color", "10015");
        assertProblem(body("\"background_color\": \"#1234567\""), "/background_color", "10015");
        assertProblem(body("\"background_color\": \"123456\""), "/background_color", "10015");
        assertProblem(body("\"background_color\": \"#GG0000\""), "/background_color", "10015");
        assertProblem(body("\"background_color\": 255"), "/background_color", "10026");
        assertAccepted(body("\"background_color\": \"#1a2B3c\""));
        assertAccepted(body("\"background_color\": null"));
    }

    @Test
    void showLabelsIsABooleanAndCellSpacingFitsTheRegion() {
        assertProblem(region("\"show_labels\": \"yes\""), "/video_layout/r/show_labels", "10026");
        assertProblem(region("\"cell_spacing\": -2"), "/video_layout/r/cell_spacing", "10033");
        assertProblem(region("\"cell_spacing\": 4.5"), "/video_layout/r/cell_spacing", "10026");
        assertProblem(region("\"cell_spacing\": \"10px\""), "/video_layout/r/cell_spacing", "10026");
        // a 320x180 region: a gap of half its height or more leaves no room for two rows
        Response wide = assertProblem(region("\"width\": 320, \"height\": 180, \"cell_spacing\": 90"),
                "/video_layout/r/cell_spacing", "10033");
        assertThat(wide.error().path("detail").asString())
                .isEqualTo("video_layout.r: cell_spacing must be between 0 and 89 (less than half the region's "
                        + "shorter side, 180), not 90");
        assertAccepted(region("\"width\": 320, \"height\": 180, \"cell_spacing\": 89, \"show_labels\": true"));
        assertAccepted(region("\"cell_spacing\": 0, \"show_labels\": false"));
    }

    @Test
    void everyProblemOfOneRequestIsReported() {
        Response response = api.post("/v2/room_compositions", """
                {"session_id": "%s", "resolution": "2x2", "format": "avi",
                 "video_layout": {"r": {"z_pos": 500, "reuse": "sometimes"}}, "webhook_timeout_secs": 99}
                """.formatted(session.sessionId()));
        assertThat(response.status()).isEqualTo(422);
        List<String> pointers = new ArrayList<>();
        response.json().path("errors").forEach(e -> pointers.add(e.path("source").path("pointer").asString()));
        assertThat(pointers).containsExactlyInAnyOrder("/resolution", "/format", "/video_layout/r/z_pos",
                "/video_layout/r/reuse", "/webhook_timeout_secs");
    }

    @Test
    void regionNamesAreEscapedInPointers() {
        assertProblem(body("\"video_layout\": {\"a/b~c\": {\"z_pos\": 100}}"), "/video_layout/a~1b~0c/z_pos", "10033");
    }

    @Test
    void theBodyMustBeAnObject() {
        assertProblem("[]", "", "10026");
        assertProblem("\"session\"", "", "10026");
    }

    private String body(String extra) {
        return "{\"session_id\": \"" + session.sessionId() + "\", " + extra + "}";
    }

    private String region(String fields) {
        return body("\"video_layout\": {\"r\": {" + fields + "}}");
    }

    /** A "big" region and a "strip" below it, each with extra fields. */
    private String twoRegions(String stripFields, String bigFields) {
        return body("\"video_layout\": {\"big\": {\"height\": 600, \"video_sources\": [\"*\"]"
                + (bigFields.isEmpty() ? "" : ", " + bigFields) + "}, \"strip\": {\"y_pos\": 600, \"video_sources\": [\"*\"]"
                + (stripFields.isEmpty() ? "" : ", " + stripFields) + "}}");
    }

    private void assertAccepted(String json) {
        Response response = api.post("/v2/room_compositions", json);
        assertThat(response.status()).as(json + " -> " + response.body()).isEqualTo(202);
        assertThat(api.delete("/v2/room_compositions/" + response.data().path("id").asString()).status()).isEqualTo(204);
    }

    private Response assertProblem(String json, String pointer, String code) {
        int before = total();
        Response response = api.post("/v2/room_compositions", json);
        assertThat(response.status()).as(json + " -> " + response.body()).isEqualTo(422);
        JsonNode error = response.error();
        assertThat(error.path("code").asString()).as(json + " -> " + response.body()).isEqualTo(code);
        assertThat(error.path("source").path("pointer").asString()).as(json + " -> " + response.body()).isEqualTo(pointer);
        assertThat(error.path("title").asString()).isNotBlank();
        assertThat(error.path("detail").asString()).isNotBlank();
        assertThat(total()).as("nothing stored for " + json).isEqualTo(before);
        return response;
    }

    private int total() {
        return api.get("/v2/room_compositions").json().path("meta").path("total_results").asInt();
    }
}
