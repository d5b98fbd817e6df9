package dev.montage.compositions;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import javax.xml.parsers.DocumentBuilderFactory;

import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import dev.montage.compositions.PreviewView.CellView;
import dev.montage.compositions.PreviewView.FrameView;
import dev.montage.compositions.PreviewView.PhaseView;
import dev.montage.compositions.PreviewView.RegionView;
import dev.montage.compositions.PreviewView.TimelineEntry;

/**
 * The SVG of a preview, drawn from a hand-made view: the phase in force at the instant, labels escaped, one band per
 * cell number. An adaptive strip over 320x120:
 * <pre>
 *   alice   |0---------------------9|   1x1 (phase 0, 0-3 s), left cell of 1x2 (phase 1, 3-6 s), 1x1 again
 *   bob              |3------6|         right cell of 1x2 (phase 1)
 * </pre>
 */
class PreviewPictureTest {

    private static final String ALICE = "11111111-1111-4111-8111-111111111111";
    private static final String BOB = "22222222-2222-4222-8222-222222222222";

    @Test
    void thePhaseInForceAtTheInstantIsDrawn_withItsCellsAndWhoTheyShow() throws Exception {
        Document atStart = parse(PreviewPicture.svg(strip(), 1));
        assertThat(cells(atStart)).containsExactly("strip/0 " + ALICE + " 0,0,320,120 alice");

        Document together = parse(PreviewPicture.svg(strip(), 3));
        assertThat(cells(together)).containsExactly("strip/0 " + ALICE + " 0,0,160,120 alice",
                "strip/1 " + BOB + " 160,0,160,120 <b>bob</b> & \"co\"");

        Document atTheEnd = parse(PreviewPicture.svg(strip(), 9));
        assertThat(cells(atTheEnd)).containsExactly("strip/0 - 0,0,320,120 -");
    }

    @Test
    void oneBandPerCellNumber_withTheSpansOfEveryPhase() throws Exception {
        String svg = PreviewPicture.svg(strip(), 4.5);
        Files.createDirectories(Path.of("target"));
        Files.writeString(Path.of("target", "preview-picture-test.svg"), svg); // to look at

        Document document = parse(svg);
        List<String> spans = new ArrayList<>();
        for (Element band : elements(document.getDocumentElement(), "g", "band")) {
            for (Element span : elements(band, "rect", "span")) {
                spans.add(band.getAttribute("data-cell") + " " + span.getAttribute("data-start-secs") + "-"
                        + span.getAttribute("data-end-secs"));
            }
        }
        assertThat(spans).containsExactly("0 0-3", "0 3-6", "0 6-9", "1 3-6");
        assertThat(elements(document.getDocumentElement(), "g", "band")).hasSize(2);
        Element svgRoot = document.getDocumentElement();
        assertThat(svgRoot.getAttribute("viewBox")).startsWith("0 0 320 ");
        assertThat(svg).doesNotContain("<b>");
    }

    @Test
    void numbersHaveAtMostThreeDecimalsAndNoExponent() {
        assertThat(PreviewPicture.number(3)).isEqualTo("3");
        assertThat(PreviewPicture.number(2.5)).isEqualTo("2.5");
        assertThat(PreviewPicture.number(1.0 / 3)).isEqualTo("0.333");
        assertThat(PreviewPicture.number(1e7)).isEqualTo("10000000");
    }

    @Test
    void charactersXmlCannotHoldAreReplaced_andTheRestKept() throws Exception {
        String label = "a\u0001b\uD800c \uD83D\uDE00";

        Document picture = parse(PreviewPicture.svg(strip(label), 3));

        assertThat(cells(picture)).contains("strip/1 " + BOB + " 160,0,160,120 a\uFFFDb\uFFFDc \uD83D\uDE00");
        assertThat(PreviewPicture.xmlText("plain")).isSameAs("plain");
    }

    private static PreviewView strip() {
        return strip("<b>bob</b> & \"co\"");
    }

    private static PreviewView strip(String bobsLabel) {
        List<CellView> whole = List.of(new CellView(0, 0, 0, 320, 120));
        List<CellView> halves = List.of(new CellView(0, 0, 0, 160, 120), new CellView(1, 160, 0, 160, 120));
        RegionView strip = new RegionView("strip", 0, 0, 0, 320, 120, List.of(
                new PhaseView(0, 3, 0, 0, 320, 120, 1, 1, whole),
                new PhaseView(3, 6, 0, 0, 320, 120, 1, 2, halves),
                new PhaseView(6, 9, 0, 0, 320, 120, 1, 1, whole)));
        List<TimelineEntry> timeline = List.of(
                new TimelineEntry("strip", 0, 0, ALICE, "p-alice", "alice", null, 0, 3, new FrameView(80, 0, 160, 120)),
                new TimelineEntry("strip", 1, 0, ALICE, "p-alice", "alice", null, 3, 6, new FrameView(0, 0, 160, 120)),
                new TimelineEntry("strip", 1, 1, BOB, "p-bob", bobsLabel, null, 3, 6, new FrameView(160, 0, 160, 120)),
                new TimelineEntry("strip", 2, 0, ALICE, "p-alice", "alice", null, 6, 9, new FrameView(80, 0, 160, 120)));
        return new PreviewView(PreviewView.RECORD_TYPE, UUID.randomUUID(), "320x120", "mp4", 9, List.of(),
                List.of(strip), timeline, List.of(), List.of(), List.of());
    }

    /** Each g.cell as "region/cell recording x,y,width,height label" ("-" for none). */
    private static List<String> cells(Document document) {
        List<String> cells = new ArrayList<>();
        for (Element cell : elements(document.getDocumentElement(), "g", "cell")) {
            Element rect = elements(cell, "rect", "cell-area").get(0);
            List<Element> labels = elements(cell, "text", "label");
            cells.add(cell.getAttribute("data-region") + "/" + cell.getAttribute("data-cell") + " "
                    + (cell.hasAttribute("data-recording-id") ? cell.getAttribute("data-recording-id") : "-") + " "
                    + rect.getAttribute("x") + "," + rect.getAttribute("y") + "," + rect.getAttribute("width") + ","
                    + rect.getAttribute("height") + " "
                    + (labels.isEmpty() ? "-" : labels.get(0).getTextContent()));
        }
        return cells;
    }

    private static List<Element> elements(Element root, String tag, String cssClass) {
        NodeList nodes = root.getElementsByTagNameNS("http://www.w3.org/2000/svg", tag);
        List<Element> found = new ArrayList<>();
        for (int i = 0; i < nodes.getLength(); i++) {
            Element element = (Element) nodes.item(i);
            if (element.getAttribute("class").equals(cssClass)) {
                found.add(element);
            }
        }
        return found;
    }

    private static Document parse(String svg) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        return factory.newDocumentBuilder().parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)));
    }
}
