package dev.montage.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import javax.xml.parsers.DocumentBuilderFactory;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.Rectangle;
import org.openqa.selenium.WebElement;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import dev.montage.support.ApiClient;
import dev.montage.support.ApiTest;
import tools.jackson.databind.JsonNode;

/**
 * The composer in headless Chromium against the real application: a two-region layout (a grid of everyone and a
 * picture-in-picture of bob) built with the mouse, the keyboard and the form, its live preview, a 422 at its field,
 * the create, and the page at a phone's width. Screenshots: {@code target/console-screenshots/composer-*.png}.
 */
class ComposerBrowserTest extends ApiTest {

    @Test
    void buildsATwoRegionLayoutOnTheCanvasWithItsLivePreviewAndCreatesIt() {
        String key = accounts.createAccount().apiKey();
        ApiClient client = new ApiClient(port, key);
        TwoParticipantSession session = twoParticipantSession(client);

        try (Browser browser = Browser.open(port)) {
            try {
                buildTwoRegions(browser, client, key, session);
            } catch (AssertionError | RuntimeException e) {
                browser.screenshot("composer-failure");
                throw new AssertionError(e.getMessage() + "; browser console: " + browser.consoleErrors(), e);
            }
        }
    }

    private void buildTwoRegions(Browser browser, ApiClient client, String key, TwoParticipantSession session) {
        {
            ComposerPage composer = ComposerPage.openWithKey(browser, key, session.sessionId());

            // the canvas: 320x180, the default region "main" follows it over the whole canvas
            composer.setResolution("320x180");
            assertThat(composer.regionInBody("main").path("width").asInt()).isEqualTo(320);
            assertThat(composer.regionInBody("main").path("height").asInt()).isEqualTo(180);

            // a picture-in-picture of bob: a new region, a quarter of the canvas at its bottom right
            String pip = composer.addRegion();
            assertThat(composer.selectedRegion()).isEqualTo(pip);
            composer.setVideoSource("Everyone", false).setVideoSource("Participant bob", true);
            JsonNode pipBody = composer.regionInBody(pip);
            assertThat(List.of(pipBody.path("x_pos").asInt(), pipBody.path("y_pos").asInt(),
                    pipBody.path("width").asInt(), pipBody.path("height").asInt())).containsExactly(240, 135, 80, 45);
            assertThat(pipBody.path("video_sources").toString()).isEqualTo("[\"" + session.participant(session.bob()) + "\"]");
            browser.screenshot("composer-1-two-regions");
            accessible(browser);

            // the preview at 1.5 s (bob joined at 1 s) draws bob in the corner, over the grid of both
            composer.setPreviewTime(1.5);
            browser.until(d -> cells(composer.previewSvg()).stream().anyMatch(c -> c.region.equals(pip)
                    && "bob".equals(c.label)), "the preview of bob in the corner at 1.5 s");
            String before = composer.previewSvg();
            assertThat(cells(before)).filteredOn(c -> c.region.equals("main")).extracting(SvgCell::label)
                    .containsExactlyInAnyOrder("alice", "bob");
            assertThat(cells(before)).filteredOn(c -> c.region.equals(pip)).singleElement()
                    .satisfies(cell -> assertCellAt(cell, 240, 135));

            // drag it up and left by screen pixels: the body moves by as many canvas pixels as the scale gives
            double scale = composer.screenPixelsPerCanvasPixel();
            int version = composer.previewVersion();
            composer.dragRegionBy(pip, -100, -60);
            JsonNode moved = composer.regionInBody(pip);
            assertThat(moved.path("x_pos").asDouble()).isCloseTo(240 - 100 / scale, within(1.0));
            assertThat(moved.path("y_pos").asDouble()).isCloseTo(135 - 60 / scale, within(1.0));
            assertThat(moved.path("width").asInt()).isEqualTo(80);
            int x = moved.path("x_pos").asInt();
            int y = moved.path("y_pos").asInt();
            browser.until(d -> composer.previewVersion() > version && !composer.previewSvg().equals(before),
                    "a new preview after the drag");
            assertThat(cells(composer.previewSvg())).as("the preview draws the moved region's cell where it now is")
                    .filteredOn(c -> c.region.equals(pip)).singleElement()
                    .satisfies(cell -> assertCellAt(cell, x, y))
                    .satisfies(cell -> assertThat(cell.label()).isEqualTo("bob"));
            browser.script("arguments[0].scrollIntoView({block: 'end'})", browser.testId("preview"));
            browser.screenshot("composer-2-dragged-preview");

            // the keyboard: ArrowRight moves the focused region one pixel, Shift+ArrowDown makes it a pixel taller
            composer.pressKeysOnRegion(pip, Keys.ARROW_RIGHT);
            assertThat(composer.regionInBody(pip).path("x_pos").asInt()).isEqualTo(x + 1);
            composer.pressKeysOnRegion(pip, Keys.chord(Keys.SHIFT, Keys.ARROW_DOWN));
            assertThat(composer.regionInBody(pip).path("height").asInt()).isEqualTo(46);
            assertThat(composer.regionAccessibleName(pip)).contains("x " + (x + 1)).contains("y " + y)
                    .contains("80 by 46");
            assertThat(browser.<String>script("""
                    const box = document.activeElement;
                    return box.dataset.regionName + ' ' + getComputedStyle(box).outlineStyle + ' '
                      + getComputedStyle(box).outlineWidth;""")).as("the focused region shows its focus")
                    .isEqualTo(pip + " solid 3px");

            // resize by its handle
            composer.resizeRegionBy(pip, 40, 0);
            assertThat(composer.regionInBody(pip).path("width").asDouble()).isCloseTo(80 + 40 / scale, within(1.0));

            // a value the page lets through and the server refuses: its 422 lands at the field, and nothing is made
            composer.selectRegion("main").setRegionField("max_rows", "0");
            assertThat(composer.awaitErrorAt("/video_layout/main/max_rows")).contains("max_rows must be between 1");
            composer.clickCreate();
            assertThat(composer.awaitErrorAt("/video_layout/main/max_rows")).contains("max_rows must be between 1");
            assertThat(client.get("/v2/room_compositions").data()).isEmpty();
            browser.screenshot("composer-3-error-at-field");
            composer.setRegionField("max_rows", "1").awaitNoErrors();

            // an entry of a list the server refuses (an id of no recording or participant of the session) lands at the
            // list's field, which the page builds the entry from
            String stranger = UUID.randomUUID().toString();
            composer.selectRegion(pip).setVideoSourcePatterns(stranger);
            assertThat(composer.awaitErrorAt(ComposerPage.regionPointer(pip, "video_sources"))).contains(stranger)
                    .contains("is not");
            composer.setVideoSourcePatterns("").awaitNoErrors();

            // standard quality is the default and is not sent; another is
            assertThat(composer.body().has("quality")).isFalse();
            composer.chooseQuality("high");

            // create: the composition is the body the page showed
            JsonNode body = composer.body();
            String id = composer.create();
            JsonNode created = client.get("/v2/room_compositions/" + id).data();
            assertThat(created.path("video_layout").path(pip).path("x_pos").asInt())
                    .isEqualTo(body.path("video_layout").path(pip).path("x_pos").asInt());
            assertThat(created.path("video_layout").path("main").path("max_rows").asInt()).isEqualTo(1);
            assertThat(created.path("resolution").asString()).isEqualTo("320x180");
            assertThat(created.path("quality").asString()).isEqualTo("high");

            // a phone: the canvas scales down into the width, the form stacks under it, nothing scrolls sideways
            ComposerPage small = ComposerPage.open(browser, session.sessionId());
            browser.resize(Browser.PHONE);
            Rectangle canvas = browser.testId("canvas").getRect();
            WebElement form = browser.driver().findElement(By.cssSelector(".composer-form"));
            assertThat(canvas.getX() + canvas.getWidth()).isLessThanOrEqualTo(390);
            assertThat(form.getRect().getY()).isGreaterThanOrEqualTo(canvas.getY() + canvas.getHeight());
            assertThat(((Number) browser.script("return document.documentElement.scrollWidth")).intValue())
                    .isLessThanOrEqualTo(((Number) browser.script("return window.innerWidth")).intValue());
            assertThat(small.regionNames()).containsExactly("main");
            accessible(browser);

            // a custom size: the region keeps its share of the canvas
            small.setCustomResolution("400x300");
            browser.until(d -> small.body().path("resolution").asString().equals("400x300"), "the custom size");
            assertThat(small.regionInBody("main").path("width").asInt()).isEqualTo(400);
            assertThat(small.regionInBody("main").path("height").asInt()).isEqualTo(300);

            // duplicate and remove: a copy of the selected region, which can be taken away again
            String copy = small.duplicateSelectedRegion();
            assertThat(small.regionNames()).containsExactly("main", copy);
            JsonNode original = small.regionInBody("main");
            JsonNode duplicate = small.regionInBody(copy);
            for (String field : List.of("x_pos", "y_pos", "width", "height", "video_sources")) {
                assertThat(duplicate.path(field)).as(field).isEqualTo(original.path(field));
            }
            assertThat(duplicate.path("z_pos").asInt()).as("drawn over the original").isEqualTo(1);
            small.removeSelectedRegion();
            browser.until(d -> small.regionNames().equals(List.of("main")), "the copy removed");
            assertThat(small.body().path("video_layout").propertyNames()).containsExactly("main");
            browser.screenshot("composer-4-phone");
        }
    }

    private static void accessible(Browser browser) {
        assertThat(PageChecks.unnamedControls(browser)).as("controls without a name").isEmpty();
        assertThat(PageChecks.imagesWithoutAlt(browser)).as("images without a text alternative").isEmpty();
        assertThat(PageChecks.lowContrastText(browser)).as("text under 4.5:1").isEmpty();
    }

    /** A cell of the preview picture: its region, number, rectangle on the canvas and label (who it shows). */
    private record SvgCell(String region, int cell, double x, double y, double width, double height, String label) {
    }

    /**
     * The one cell of a region is at the region's corner: cells have even sizes, so in a region of an odd side the
     * cell is a pixel smaller and may start a pixel in.
     */
    private static void assertCellAt(SvgCell cell, int regionX, int regionY) {
        assertThat(cell.x()).as("x of " + cell).isBetween((double) regionX, regionX + 1.0);
        assertThat(cell.y()).as("y of " + cell).isBetween((double) regionY, regionY + 1.0);
    }

    /** The cells the preview's SVG draws at its instant ({@code <g class="cell">}, see PreviewPicture). */
    private static List<SvgCell> cells(String svg) {
        if (svg == null) {
            return List.of();
        }
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            NodeList groups = factory.newDocumentBuilder()
                    .parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8))).getElementsByTagName("g");
            List<SvgCell> cells = new ArrayList<>();
            for (int i = 0; i < groups.getLength(); i++) {
                Element group = (Element) groups.item(i);
                if (!group.getAttribute("class").equals("cell")) {
                    continue;
                }
                Element area = child(group, "rect", "cell-area");
                Element label = child(group, "text", "label");
                cells.add(new SvgCell(group.getAttribute("data-region"), Integer.parseInt(group.getAttribute("data-cell")),
                        number(area, "x"), number(area, "y"), number(area, "width"), number(area, "height"),
                        label == null ? null : label.getTextContent()));
            }
            return cells;
        } catch (Exception e) {
            throw new AssertionError("the preview is not an SVG document: " + svg, e);
        }
    }

    private static Element child(Element parent, String tag, String className) {
        NodeList nodes = parent.getElementsByTagName(tag);
        for (int i = 0; i < nodes.getLength(); i++) {
            Element element = (Element) nodes.item(i);
            if (element.getAttribute("class").equals(className)) {
                return element;
            }
        }
        return null;
    }

    private static double number(Element element, String attribute) {
        String value = element.getAttribute(attribute);
        return value.isEmpty() ? 0 : Double.parseDouble(value);
    }
}
