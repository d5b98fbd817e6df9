package dev.montage.console;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;

import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The composer page of the console ({@code js/composer.js}) as a test sees it: regions on the canvas, the form, the
 * request body it builds, the live preview and the create button. Region fields are found by their
 * {@code data-pointer}, the JSON pointer a 422 of the API names ({@code /video_layout/<region>/<field>}), so a test
 * reads and writes the form the way errors land on it.
 *
 * <p>The page must already hold the API key (the console's key form); {@link #open} only navigates.
 */
public final class ComposerPage {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Duration WAIT = Duration.ofSeconds(15);

    private final WebDriver driver;

    /** The composer the browser shows (or is about to): waits until it has loaded the session. */
    public ComposerPage(WebDriver driver) {
        this.driver = driver;
        until(d -> !d.findElements(By.cssSelector("[data-testid=composer][data-ready=true]")).isEmpty());
    }

    /** Opens the composer of a session in a console that holds a key already (by its address). */
    public static ComposerPage open(Browser browser, String sessionId) {
        browser.go("/console/#/composer/" + sessionId);
        return new ComposerPage(browser.driver());
    }

    /**
     * Opens the composer of a session by its address in a console without a key, as a link someone was sent: the
     * console asks for the key first, then shows the composer.
     */
    public static ComposerPage openWithKey(Browser browser, String apiKey, String sessionId) {
        browser.go("/console/#/composer/" + sessionId);
        browser.testId("api-key").sendKeys(apiKey);
        browser.testId("save-key").click();
        return new ComposerPage(browser.driver());
    }

    // ------------------------------------------------------------------ regions on the canvas

    /** The names of the regions on the canvas, in drawing order of the page (the order they were added). */
    public List<String> regionNames() {
        return driver.findElements(By.cssSelector("[data-testid=region]")).stream()
                .map(box -> box.getDomAttribute("data-region-name")).toList();
    }

    public WebElement regionBox(String name) {
        return driver.findElement(By.cssSelector("[data-testid=region][data-region-name='" + name + "']"));
    }

    /** Adds a region (a quarter of the canvas at its bottom right, showing everyone) and answers its name. */
    public String addRegion() {
        List<String> before = regionNames();
        driver.findElement(By.cssSelector("[data-testid=add-region]")).click();
        until(d -> regionNames().size() == before.size() + 1);
        return regionNames().stream().filter(n -> !before.contains(n)).findFirst().orElseThrow();
    }

    public void removeSelectedRegion() {
        driver.findElement(By.cssSelector("[data-testid=remove-region]")).click();
    }

    public String duplicateSelectedRegion() {
        List<String> before = regionNames();
        driver.findElement(By.cssSelector("[data-testid=duplicate-region]")).click();
        until(d -> regionNames().size() == before.size() + 1);
        return regionNames().stream().filter(n -> !before.contains(n)).findFirst().orElseThrow();
    }

    /** Selects a region for the form by clicking its box. */
    public ComposerPage selectRegion(String name) {
        WebElement box = regionBox(name);
        new Actions(driver).moveToElement(label(box)).click().perform();
        until(d -> name.equals(selectedRegion()));
        return this;
    }

    /** The region the form edits. */
    public String selectedRegion() {
        return driver.findElements(By.cssSelector("[data-testid=region][aria-pressed=true]")).stream()
                .map(box -> box.getDomAttribute("data-region-name")).findFirst().orElse(null);
    }

    /** CSS pixels of the drawn canvas per pixel of the composition's resolution. */
    public double screenPixelsPerCanvasPixel() {
        WebElement canvas = driver.findElement(By.cssSelector("[data-testid=canvas]"));
        return canvas.getRect().getWidth() / Double.parseDouble(canvas.getDomAttribute("data-width"));
    }

    /** Drags a region's box (grabbed by its label) by this many CSS pixels of the screen. */
    public ComposerPage dragRegionBy(String name, int dxScreen, int dyScreen) {
        WebElement box = regionBox(name);
        new Actions(driver).moveToElement(label(box)).clickAndHold().moveByOffset(dxScreen, dyScreen).release()
                .perform();
        return this;
    }

    /** Drags a region's resize handle (its bottom right corner) by this many CSS pixels of the screen. */
    public ComposerPage resizeRegionBy(String name, int dxScreen, int dyScreen) {
        WebElement handle = regionBox(name).findElement(By.cssSelector("[data-testid=region-resize]"));
        new Actions(driver).moveToElement(handle).clickAndHold().moveByOffset(dxScreen, dyScreen).release().perform();
        return this;
    }

    /** Focuses a region's box (as Tab would) and presses keys on it; {@code Keys.chord(SHIFT, ARROW_DOWN)} resizes. */
    public ComposerPage pressKeysOnRegion(String name, CharSequence... keys) {
        WebElement box = regionBox(name);
        ((JavascriptExecutor) driver).executeScript("arguments[0].focus()", box);
        box.sendKeys(keys); // an element's sendKeys holds a chord's modifier (Shift) down, Actions' would not
        return this;
    }

    /** The accessible name of a region's box, which says its numbers ("Region main: x 0, y 0, 320 by 180"). */
    public String regionAccessibleName(String name) {
        return regionBox(name).getDomAttribute("aria-label");
    }

    /** What the page last announced to screen readers (a polite live region). */
    public String announcement() {
        return driver.findElement(By.cssSelector("[data-testid=composer-announce]")).getDomProperty("textContent");
    }

    // ------------------------------------------------------------------ the form

    /** The form element of a JSON pointer: {@code /video_layout/main/max_rows}, {@code /resolution}, ... */
    public WebElement field(String pointer) {
        return driver.findElement(By.cssSelector("[data-pointer='" + pointer + "']"));
    }

    /** Types into a field of the selected region ({@code x_pos}, {@code max_rows}, ...), replacing its value. */
    public ComposerPage setRegionField(String field, String value) {
        return type(field(regionPointer(selectedRegion(), field)), value);
    }

    /** Types into a composition-level field by its pointer name ({@code webhook_event_url}, ...). */
    public ComposerPage setCompositionField(String field, String value) {
        return type(field("/" + field), value);
    }

    /** Chooses one of the offered resolutions ({@code "320x180"}); regions keep their share of the canvas. */
    public ComposerPage setResolution(String widthByHeight) {
        new Select(driver.findElement(By.cssSelector("[data-field=resolution]"))).selectByValue(widthByHeight);
        until(d -> widthByHeight.equals(body().path("resolution").asString()));
        return this;
    }

    /** Chooses "Custom…" and types a resolution ({@code "400x300"}, or anything, for the server to judge). */
    public ComposerPage setCustomResolution(String widthByHeight) {
        new Select(driver.findElement(By.cssSelector("[data-field=resolution]"))).selectByValue("custom");
        return type(driver.findElement(By.cssSelector("[data-field=custom-resolution]")), widthByHeight);
    }

    /** Chooses the composition's {@code quality} ({@code fast}, {@code standard}, {@code high}). */
    public ComposerPage chooseQuality(String quality) {
        new Select(field("/quality")).selectByValue(quality);
        until(d -> quality.equals(body().path("quality").asString("standard")));
        return this;
    }

    /** Chooses a select of the selected region by its field ({@code reuse}, {@code focus}) and option value. */
    public ComposerPage chooseRegionOption(String field, String value) {
        new Select(field(regionPointer(selectedRegion(), field))).selectByValue(value);
        return this;
    }

    /**
     * Checks or unchecks a source of the selected region's {@code video_sources} by the start of its label:
     * {@code "Everyone"}, {@code "Participant alice"}, {@code "Video recording screen-1"}.
     */
    public ComposerPage setVideoSource(String labelStart, boolean checked) {
        return setSource("Video sources", labelStart, checked);
    }

    /** As {@link #setVideoSource}, in the selected region's {@code video_sources_excluded}. */
    public ComposerPage setExcludedVideoSource(String labelStart, boolean checked) {
        return setSource("Video sources excluded", labelStart, checked);
    }

    /** Types the selected region's track-name patterns of {@code video_sources} ("screen*, camera-?"). */
    public ComposerPage setVideoSourcePatterns(String patterns) {
        return type(field(regionPointer(selectedRegion(), "video_sources")), patterns);
    }

    /** Whether the field of a pointer is marked invalid ({@code aria-invalid="true"}). */
    public boolean isInvalid(String pointer) {
        return "true".equals(field(pointer).getDomAttribute("aria-invalid"));
    }

    /** Waits for a field to be marked invalid and answers the error text tied to it by {@code aria-describedby}. */
    public String awaitErrorAt(String pointer) {
        until(d -> isInvalid(pointer));
        return errorAt(pointer);
    }

    /** The text of the errors a field is described by, empty when none. */
    public String errorAt(String pointer) {
        String describedBy = field(pointer).getDomAttribute("aria-describedby");
        if (describedBy == null) {
            return "";
        }
        StringBuilder text = new StringBuilder();
        for (String id : describedBy.trim().split("\\s+")) {
            for (WebElement error : driver.findElements(By.cssSelector(".field-error[id='" + id + "']"))) {
                text.append(error.getDomProperty("textContent")).append(' ');
            }
        }
        return text.toString().trim();
    }

    /** Waits until no field of the page is marked invalid. */
    public ComposerPage awaitNoErrors() {
        until(d -> d.findElements(By.cssSelector("[data-testid=composer] [aria-invalid=true]")).isEmpty());
        return this;
    }

    // ------------------------------------------------------------------ the body, the preview, create

    /** The request body the composer builds, as its JSON view shows it. */
    public JsonNode body() {
        String text = driver.findElement(By.cssSelector("[data-testid=composer-json]")).getDomProperty("textContent");
        return JSON.readTree(text);
    }

    /** A region of the body: {@code body().video_layout.<name>}. */
    public JsonNode regionInBody(String name) {
        return body().path("video_layout").path(name);
    }

    /** How many preview pictures the page has shown so far (it counts each new SVG). */
    public int previewVersion() {
        String version = driver.findElement(By.cssSelector("[data-testid=preview]")).getDomAttribute("data-version");
        return version == null ? 0 : Integer.parseInt(version);
    }

    /** Waits for a preview picture newer than {@code version} and answers its SVG markup. */
    public String awaitPreviewAfter(int version) {
        until(d -> previewVersion() > version
                && "false".equals(d.findElement(By.cssSelector("[data-testid=preview]")).getDomAttribute("aria-busy")));
        return previewSvg();
    }

    /** The SVG markup of the preview picture shown now (its {@code <img>}'s data: URL, decoded), null when none. */
    public String previewSvg() {
        List<WebElement> images = driver.findElements(By.cssSelector("[data-testid=preview] img"));
        if (images.isEmpty()) {
            return null;
        }
        String src = images.get(0).getDomAttribute("src");
        String prefix = "data:image/svg+xml;base64,";
        if (!src.startsWith(prefix)) {
            throw new AssertionError("the preview is not an SVG data: URL: " + src.substring(0, Math.min(80, src.length())));
        }
        return new String(Base64.getDecoder().decode(src.substring(prefix.length())), StandardCharsets.UTF_8);
    }

    /** Moves the preview's time slider to {@code seconds} (the input's own step applies). */
    public ComposerPage setPreviewTime(double seconds) {
        ((JavascriptExecutor) driver).executeScript("""
                const s = document.querySelector('[data-testid=preview-at]');
                s.value = String(arguments[0]);
                s.dispatchEvent(new Event('input', { bubbles: true }));
                """, seconds);
        return this;
    }

    /** The items of the preview's list of sources never shown. */
    public List<String> notShown() {
        return texts("[data-testid=not-shown] li");
    }

    /** The items of the preview's list of warnings. */
    public List<String> warnings() {
        return texts("[data-testid=warnings] li");
    }

    /** The page's error summary (errors that point at no field on the page). */
    public String alert() {
        return driver.findElement(By.cssSelector("[data-testid=composer] [role=alert]")).getDomProperty("textContent");
    }

    /** Clicks "Create composition" and waits for the console to show it; answers the new composition's id. */
    public String create() {
        clickCreate();
        until(d -> d.getCurrentUrl().contains("#/compositions/"));
        String url = driver.getCurrentUrl();
        return url.substring(url.indexOf("#/compositions/") + "#/compositions/".length());
    }

    /** Clicks "Create composition" and waits for nothing: for a create that is to be refused. */
    public ComposerPage clickCreate() {
        driver.findElement(By.cssSelector("[data-testid=create-composition]")).click();
        return this;
    }

    // ------------------------------------------------------------------ helpers

    public static String regionPointer(String region, String field) {
        return "/video_layout/" + region.replace("~", "~0").replace("/", "~1") + "/" + field;
    }

    private ComposerPage setSource(String legend, String labelStart, boolean checked) {
        WebElement fieldset = driver.findElements(By.cssSelector("[data-testid=composer] fieldset.sources")).stream()
                .filter(f -> legend.equals(f.findElement(By.tagName("legend")).getText().trim()))
                .findFirst().orElseThrow(() -> new AssertionError("no fieldset " + legend));
        WebElement label = fieldset.findElements(By.tagName("label")).stream()
                .filter(l -> l.getText().trim().startsWith(labelStart)).findFirst()
                .orElseThrow(() -> new AssertionError("no source labelled " + labelStart + " in " + legend));
        WebElement box = driver.findElement(By.id(label.getDomAttribute("for")));
        if (box.isSelected() != checked) {
            label.click();
        }
        return this;
    }

    private ComposerPage type(WebElement input, String value) {
        input.sendKeys(Keys.chord(Keys.CONTROL, "a"), Keys.DELETE);
        input.sendKeys(value);
        if (!"number".equals(input.getDomAttribute("type"))) {
            input.sendKeys(Keys.TAB); // fields that act on change (the region's name) take it on leaving
        }
        return this;
    }

    private static WebElement label(WebElement box) {
        return box.findElement(By.cssSelector(".region-label"));
    }

    private List<String> texts(String css) {
        return driver.findElements(By.cssSelector(css)).stream().map(e -> e.getDomProperty("textContent")).toList();
    }

    private void until(java.util.function.Function<WebDriver, Boolean> condition) {
        new WebDriverWait(driver, WAIT).until(condition::apply);
    }
}
