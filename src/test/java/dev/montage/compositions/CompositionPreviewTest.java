package dev.montage.compositions;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import javax.xml.parsers.DocumentBuilderFactory;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import dev.montage.layout.CompositionPlan;
import dev.montage.layout.Placement;
import dev.montage.layout.Rect;
import dev.montage.layout.RegionPhase;
import dev.montage.layout.RegionPlan;
import dev.montage.layout.TimeSpan;
import dev.montage.support.ApiClient.Response;
import dev.montage.support.ApiTest;
import dev.montage.support.Frames;
import dev.montage.support.Rgb;
import dev.montage.support.TestMedia;
import tools.jackson.databind.JsonNode;

/**
 * The preview is the plan the job renders: its JSON agrees entry by entry with the plan {@link CompositionPlanning}
 * makes for the stored composition, and the rendered file's pixels show, at three instants, what the JSON says each
 * cell shows; the SVG draws the same cells with the same labels.
 *
 * <pre>
 *   alice (red)                 |0-------------------------8|      cell 0
 *   bob (blue, camera off 3-5)     |1----3|      |5-------------9|   cell 1
 *   carol (green, label "<script>&amp;\"carol")      |5--------8|      cell 2
 *   instants checked                  1.5   4.0      6.5
 * </pre>
 * Peak three sources: a 2x2 grid of 160x120 cells over 320x240; cell 3 never shows anything.
 */
class CompositionPreviewTest extends ApiTest {

    /** User input that would break the SVG if it were not escaped. */
    private static final String HOSTILE_LABEL = "<script>&\"carol";

    @Autowired
    CompositionPlanning planning;

    @Autowired
    CompositionRepository compositions;

    @Test
    void thePreviewIsThePlanTheJobRenders_jsonSvgAndPixelsAgree() throws Exception {
        JsonNode alice = upload(api, TestMedia.webm("red", 440, 8),
                Map.of("started_at", "2024-05-01T10:00:00Z", "participant_context", "alice"));
        String session = alice.path(0).path("session_id").asString();
        JsonNode bob = upload(api, TestMedia.withGap("blue", 2, 2, 4),
                Map.of("started_at", "2024-05-01T10:00:01Z", "session_id", session, "participant_context", "bob"));
        JsonNode carol = upload(api, TestMedia.webm("green", 660, 3),
                Map.of("started_at", "2024-05-01T10:00:05Z", "session_id", session,
                        "participant_context", HOSTILE_LABEL));
        Map<String, Rgb> colours = Map.of(videoOf(alice), Rgb.RED, videoOf(bob), Rgb.BLUE, videoOf(carol),
                Rgb.GREEN);
        String body = """
                {"session_id": "%s", "resolution": "320x240", "video_layout": {"main": {"video_sources": ["*"]}}}
                """.formatted(session);

        Response answer = api.send("POST", "/v2/room_compositions/preview", Map.of("Accept", "application/json"),
                body);
        assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
        JsonNode preview = answer.data();
        assertThat(preview.path("record_type").asString()).isEqualTo("room_composition_preview");
        assertThat(preview.path("duration_secs").asDouble()).isCloseTo(9.0, org.assertj.core.data.Offset.offset(0.1));
        assertThat(preview.path("kept_spans").path(0).path("session_started_at").asString())
                .isEqualTo("2024-05-01T10:00:00.000000Z");
        assertThat(preview.path("regions").path(0).path("phases").path(0).path("rows").asInt()).isEqualTo(2);
        assertThat(preview.path("regions").path(0).path("phases").path(0).path("columns").asInt()).isEqualTo(2);
        assertThat(preview.path("not_shown")).isEmpty();
        // the preview stores nothing
        assertThat(api.get("/v2/room_compositions").data()).isEmpty();

        Response svgAnswer = api.send("POST", "/v2/room_compositions/preview?at=4", Map.of("Accept", "image/svg+xml"),
                body);
        assertThat(svgAnswer.status()).as(svgAnswer.toString()).isEqualTo(200);
        assertThat(svgAnswer.headers().get("content-type")).startsWith("image/svg+xml");

        Response created = api.post("/v2/room_compositions", body);
        assertThat(created.status()).as(created.toString()).isEqualTo(202);
        String compositionId = created.data().path("id").asString();
        JsonNode done = awaitFinished(api, compositionId, 120);
        assertThat(done.path("status").asString()).as(done.toString()).isEqualTo("completed");

        // the plan the job was given, made again by the same component from the stored composition
        Composition stored = compositions.find(UUID.fromString(compositionId)).orElseThrow();
        CompositionPlan plan = planning.plan(stored).plan();
        assertSameRegions(plan, preview.path("regions"));
        assertThat(timelineOf(preview)).containsExactlyInAnyOrderElementsOf(timelineOf(plan));

        Path out = download(done.path("download_url").asString());
        for (double at : new double[] {1.5, 4.0, 6.5}) {
            assertPixelsMatchPreview(out, at, preview, colours);
        }
        assertSvgShowsCellsAt(svgAnswer.body(), 4.0, preview);
        // carol's cell, labelled with her hostile label as plain text
        Response svgWithCarol = api.send("POST", "/v2/room_compositions/preview?at=6.5",
                Map.of("Accept", "image/svg+xml"), body);
        assertSvgShowsCellsAt(svgWithCarol.body(), 6.5, preview);
    }

    private static String videoOf(JsonNode uploaded) {
        for (JsonNode recording : uploaded) {
            if (recording.path("type").asString().equals("video")) {
                return recording.path("id").asString();
            }
        }
        throw new AssertionError("no video recording in " + uploaded);
    }

    /** For every cell of the phase in force at {@code at}: the source the JSON names, or black. */
    private static void assertPixelsMatchPreview(Path video, double at, JsonNode preview, Map<String, Rgb> colours) {
        Frames.Picture picture = Frames.pictureAt(video, at, 320);
        int shownCells = 0;
        for (JsonNode cell : phaseAt(preview, at).path("cells")) {
            JsonNode entry = shownAt(preview, "main", cell.path("cell").asInt(), at);
            if (entry == null) {
                int x = cell.path("x_pos").asInt() + cell.path("width").asInt() / 2;
                int y = cell.path("y_pos").asInt() + cell.path("height").asInt() / 2;
                assertThat(picture.colourAt(x, y).isNear(Rgb.BLACK))
                        .as("cell %s at %.1f s shows nothing in the preview: black at (%d,%d), was %s",
                                cell.path("cell"), at, x, y, picture.colourAt(x, y))
                        .isTrue();
            } else {
                shownCells++;
                JsonNode frame = entry.path("frame");
                int x = frame.path("x_pos").asInt() + frame.path("width").asInt() / 2;
                int y = frame.path("y_pos").asInt() + frame.path("height").asInt() / 2;
                Rgb expected = colours.get(entry.path("recording_id").asString());
                assertThat(picture.colourAt(x, y).isNear(expected))
                        .as("cell %s at %.1f s shows %s in the preview: %s at (%d,%d), was %s", cell.path("cell"), at,
                                entry.path("participant_context").asString(), expected, x, y, picture.colourAt(x, y))
                        .isTrue();
            }
        }
        // the three instants see the plan change: 2 shown, 1 (bob's camera is off), 3
        assertThat(shownCells).as("cells showing a source at %.1f s", at).isEqualTo(at < 2 ? 2 : at < 5 ? 1 : 3);
    }

    /** One g.cell per cell of the phase at {@code at}, with the cell's rectangle and the label the JSON says. */
    private static void assertSvgShowsCellsAt(String svg, double at, JsonNode preview) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        Document document = factory.newDocumentBuilder()
                .parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)));
        assertThat(document.getElementsByTagName("script").getLength()).as("a label became markup").isZero();
        List<Element> cells = byClass(document, "g", "cell");
        JsonNode phase = phaseAt(preview, at);
        assertThat(cells).hasSize(phase.path("cells").size());
        for (JsonNode cell : phase.path("cells")) {
            Element g = cells.stream()
                    .filter(e -> e.getAttribute("data-region").equals("main")
                            && e.getAttribute("data-cell").equals(cell.path("cell").asString()))
                    .findFirst().orElseThrow(() -> new AssertionError("no g.cell for cell " + cell));
            Element rect = (Element) g.getElementsByTagName("rect").item(0);
            assertThat(List.of(rect.getAttribute("x"), rect.getAttribute("y"), rect.getAttribute("width"),
                    rect.getAttribute("height"))).containsExactly(cell.path("x_pos").asString(),
                            cell.path("y_pos").asString(), cell.path("width").asString(),
                            cell.path("height").asString());
            JsonNode entry = shownAt(preview, "main", cell.path("cell").asInt(), at);
            if (entry == null) {
                assertThat(g.hasAttribute("data-recording-id")).isFalse();
                assertThat(byClass(g, "text", "label")).isEmpty();
            } else {
                assertThat(g.getAttribute("data-recording-id")).isEqualTo(entry.path("recording_id").asString());
                assertThat(byClass(g, "text", "label")).singleElement().extracting(Element::getTextContent)
                        .isEqualTo(entry.path("participant_context").asString());
            }
        }
        // bands: one per cell of the 2x2 grid; carol's band holds her span, with the hostile label kept as text
        List<Element> bands = byClass(document, "g", "band");
        assertThat(bands).hasSize(4);
        Element carolsBand = bands.stream().filter(b -> b.getAttribute("data-cell").equals("2")).findFirst()
                .orElseThrow();
        assertThat(byClass(carolsBand, "rect", "span")).singleElement().satisfies(span -> {
            assertThat(Double.parseDouble(span.getAttribute("data-start-secs"))).isCloseTo(5.0,
                    org.assertj.core.data.Offset.offset(0.2));
            assertThat(span.getTextContent()).startsWith(HOSTILE_LABEL);
        });
        assertThat(byClass(document, "line", "marker")).singleElement()
                .extracting(marker -> Double.parseDouble(marker.getAttribute("data-at-secs"))).isEqualTo(at);
    }

    private static List<Element> byClass(Object root, String tag, String cssClass) {
        NodeList nodes = root instanceof Document document ? document.getElementsByTagName(tag)
                : ((Element) root).getElementsByTagName(tag);
        List<Element> found = new ArrayList<>();
        for (int i = 0; i < nodes.getLength(); i++) {
            Element element = (Element) nodes.item(i);
            if (element.getAttribute("class").equals(cssClass)) {
                found.add(element);
            }
        }
        return found;
    }

    private static JsonNode phaseAt(JsonNode preview, double at) {
        for (JsonNode phase : preview.path("regions").path(0).path("phases")) {
            if (phase.path("start_secs").asDouble() <= at && at < phase.path("end_secs").asDouble()) {
                return phase;
            }
        }
        throw new AssertionError("no phase at " + at + " in " + preview);
    }

    /** The timeline entry of what a cell shows at {@code at}, or null when the preview says it shows nothing. */
    private static JsonNode shownAt(JsonNode preview, String region, int cell, double at) {
        for (JsonNode entry : preview.path("timeline")) {
            if (entry.path("region").asString().equals(region) && entry.path("cell").asInt() == cell
                    && entry.path("start_secs").asDouble() <= at && at < entry.path("end_secs").asDouble()) {
                return entry;
            }
        }
        return null;
    }

    private static void assertSameRegions(CompositionPlan plan, JsonNode regions) {
        assertThat(regions).hasSize(plan.regions().size());
        for (int r = 0; r < plan.regions().size(); r++) {
            RegionPlan region = plan.regions().get(r);
            JsonNode json = regions.path(r);
            assertThat(json.path("name").asString()).isEqualTo(region.name());
            assertThat(json.path("phases")).hasSize(region.phases().size());
            for (int p = 0; p < region.phases().size(); p++) {
                RegionPhase phase = region.phases().get(p);
                JsonNode jsonPhase = json.path("phases").path(p);
                TimeSpan output = plan.toOutput(phase.span());
                assertThat(jsonPhase.path("start_secs").asDouble()).isEqualTo(output.startMillis() / 1000.0);
                assertThat(jsonPhase.path("end_secs").asDouble()).isEqualTo(output.endMillis() / 1000.0);
                assertThat(jsonPhase.path("rows").asInt()).isEqualTo(phase.rows());
                assertThat(jsonPhase.path("columns").asInt()).isEqualTo(phase.cols());
                List<Rect> cells = new ArrayList<>();
                jsonPhase.path("cells").forEach(cell -> cells.add(rect(cell)));
                assertThat(cells).isEqualTo(phase.cells());
            }
        }
    }

    private static Rect rect(JsonNode json) {
        return new Rect(json.path("x_pos").asInt(), json.path("y_pos").asInt(), json.path("width").asInt(),
                json.path("height").asInt());
    }

    /** One line per visible span: region, phase, cell, recording, participant, output span and frame. */
    private static List<String> timelineOf(CompositionPlan plan) {
        List<String> lines = new ArrayList<>();
        for (RegionPlan region : plan.regions()) {
            for (Placement placement : region.placements()) {
                for (TimeSpan visible : placement.visible()) {
                    TimeSpan output = plan.toOutput(visible);
                    // each source of this session is one recording: its visible spans are the timeline's entries
                    lines.add(line(region.name(), placement.phase(), placement.cell(), placement.sourceId(),
                            placement.participantId(), output.startMillis(), output.endMillis(), placement.frame()));
                }
            }
        }
        return lines;
    }

    private static List<String> timelineOf(JsonNode preview) {
        List<String> lines = new ArrayList<>();
        Map<String, Integer> seen = new HashMap<>();
        for (JsonNode entry : preview.path("timeline")) {
            seen.merge(entry.path("recording_id").asString(), 1, Integer::sum);
            lines.add(line(entry.path("region").asString(), entry.path("phase").asInt(), entry.path("cell").asInt(),
                    entry.path("recording_id").asString(), entry.path("participant_id").asString(),
                    Math.round(entry.path("start_secs").asDouble() * 1000),
                    Math.round(entry.path("end_secs").asDouble() * 1000), rect(entry.path("frame"))));
        }
        assertThat(seen).as("bob's gap cuts his visibility in two").containsValue(2);
        return lines;
    }

    private static String line(String region, int phase, int cell, String recording, String participant, long start,
            long end, Rect frame) {
        return region + "/" + phase + "/" + cell + " " + recording + " " + participant + " " + start + "-" + end + " "
                + frame;
    }
}
