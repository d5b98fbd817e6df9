package dev.montage.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;

import dev.montage.support.ApiClient;
import dev.montage.support.ApiTest;

/**
 * The console's proof (issue 12), in headless Chromium: recordings uploaded through the API are seen in the console
 * once the key is pasted, a two-region layout is built in the composer with its preview changing, the composition is
 * created and its progress bar followed to completed, then the video is played and seeked with the storyboard.
 * Every page is checked for names, contrast and (at 390 px) sideways scrolling; each step is a screenshot in
 * {@code target/console-screenshots/}.
 */
class ConsoleFlowTest extends ApiTest {

    @Test
    void uploadSeeComposeWatchPlayAndSeek() {
        // 1. upload: alice (red) from 0 s, bob (blue) from 1 s, 2 s each
        String key = accounts.createAccount().apiKey();
        ApiClient client = new ApiClient(port, key);
        TwoParticipantSession session = twoParticipantSession(client);

        try (Browser browser = Browser.open(port)) {
            try {
                flow(browser, client, key, session);
            } catch (AssertionError | RuntimeException e) {
                browser.fullPageScreenshot("99-failure");
                throw e;
            }
        }
    }

    private void flow(Browser browser, ApiClient client, String key, TwoParticipantSession session) {
        // the video of step 5 is H.264: fail now, and clearly, when this Chromium cannot play it
        browser.go("/console");
        browser.testId("api-key");
        assertThat(browser.<String>script(
                "return document.createElement('video').canPlayType('video/mp4; codecs=\"avc1.42E01E\"')"))
                .as("this Chromium must play H.264 (Debian's chromium does, with its ffmpeg)").isNotEmpty();

        // 2. the console asks for the key; a wrong one is refused with a message, the right one shows the session
        assertThat(browser.driver().getCurrentUrl()).endsWith("#/key");
        accessible(browser, "key page");
        browser.screenshot("01-key");
        pasteKey(browser, "not-a-key");
        browser.awaitText("key-message", "refused the API key");
        assertThat(browser.<Object>script("return sessionStorage.getItem('montage.apiKey')")).isNull();

        pasteKey(browser, key);
        WebElement row = browser.until(d -> d.findElements(Browser.byTestId("session-row")).stream()
                .filter(r -> r.getText().contains(session.sessionId().substring(0, 8))).findFirst().orElse(null),
                "the session's row");
        assertThat(row.findElements(By.tagName("td")).get(4).getText()).isEqualTo("2");
        assertThat(browser.<Map<String, Object>>script("""
                return { session: sessionStorage.getItem('montage.apiKey'), local: localStorage.length,
                         cookie: document.cookie, url: location.href }"""))
                .containsEntry("session", key).containsEntry("local", 0L).containsEntry("cookie", "")
                .extracting(m -> (String) m.get("url")).asString().doesNotContain(key);
        accessible(browser, "sessions");
        // keyboard: the first Tab reaches the skip link, which moves focus to the page's content
        browser.driver().navigate().refresh();
        browser.testId("session-row");
        browser.driver().findElement(By.tagName("body")).sendKeys(Keys.TAB);
        WebElement skip = browser.driver().switchTo().activeElement();
        assertThat(skip.getDomAttribute("data-testid")).isEqualTo("skip-link");
        assertThat(skip.getCssValue("outline-style")).as("visible focus").isEqualTo("solid");
        skip.sendKeys(Keys.ENTER);
        assertThat(browser.driver().switchTo().activeElement().getDomAttribute("id")).isEqualTo("main");
        assertThat(browser.driver().getCurrentUrl()).endsWith("#/sessions");
        row = browser.until(d -> d.findElements(Browser.byTestId("session-row")).get(0), "the row again");
        fitsAPhone(browser, "02-sessions-phone");
        browser.screenshot("02-sessions");

        row.findElement(By.tagName("a")).click();
        browser.until(d -> d.findElements(Browser.byTestId("participant-row")).size() == 2, "two participants");
        assertThat(texts(browser, "participant-row")).satisfiesExactly(
                alice -> assertThat(alice).startsWith("alice"), bob -> assertThat(bob).startsWith("bob"));
        assertThat(texts(browser, "recording-row")).hasSize(4)
                .anySatisfy(r -> assertThat(r).startsWith("video").contains("alice", "2 s"))
                .anySatisfy(r -> assertThat(r).startsWith("audio").contains("bob"));
        accessible(browser, "session");
        fitsAPhone(browser, "03-session-phone");
        browser.fullPageScreenshot("03-session");

        // 3. a two-region layout in the composer: alice on the left, bob on the right; the preview follows
        browser.testId("compose-link").click();
        ComposerPage composer = new ComposerPage(browser.driver());
        String onlyMain = composer.awaitPreviewAfter(0);
        composer.setResolution("320x180");
        composer.selectRegion("main").setRegionField("width", "160")
                .setVideoSource("Everyone", false).setVideoSource("Participant alice", true);
        String right = composer.addRegion();
        composer.selectRegion(right).setRegionField("x_pos", "160").setRegionField("y_pos", "0")
                .setRegionField("width", "160").setRegionField("height", "180")
                .setVideoSource("Everyone", false).setVideoSource("Participant bob", true);
        browser.until(d -> composer.body().path("video_layout").size() == 2
                && composer.regionInBody(right).path("width").asInt() == 160, "the two regions in the body");
        // previews of the edits in between come and go; the last one has a timeline band of bob in the new region
        String twoRegions = browser.until(d -> {
            String svg = composer.previewSvg();
            return svg != null && svg.contains("data-region=\"" + right + "\"") && svg.contains(">bob: ") ? svg : null;
        }, "a preview of both regions", Duration.ofSeconds(60));
        assertThat(twoRegions).isNotEqualTo(onlyMain).contains(">alice: ", "data-region=\"main\"");
        browser.screenshot("04-composer");

        // 4. create, and watch the progress bar reach completed without reloading the page
        String compositionId = composer.create();
        browser.testId("composition-status");
        browser.script("""
                const status = document.querySelector('[data-testid=composition-status]');
                window.seenStatuses = [status.textContent];
                new MutationObserver(() => window.seenStatuses.push(status.textContent))
                  .observe(status, { childList: true, characterData: true, subtree: true });""");
        browser.screenshot("05-composition-running");
        browser.until(d -> d.findElement(Browser.byTestId("composition-status")).getText().equals("completed"),
                "completed", Duration.ofSeconds(120));
        assertThat(browser.testId("progress").getDomProperty("value")).isEqualTo("100");
        assertThat(browser.<List<String>>script("return window.seenStatuses")).as("the page followed the render")
                .first().isIn("enqueued", "processing", "completed");
        assertThat(client.get("/v2/room_compositions/" + compositionId).data().path("video_layout").size())
                .isEqualTo(2);

        // 5. play, then seek with a storyboard tile chosen from the keyboard
        try {
            browser.until(d -> browser.<Long>script(
                    "return document.querySelector('[data-testid=player]').readyState") >= 1, "the video's metadata");
        } catch (RuntimeException e) {
            throw new AssertionError("the video did not load: " + browser.<Object>script("""
                    const v = document.querySelector('[data-testid=player]');
                    return { error: v.error && (v.error.code + ' ' + v.error.message), network: v.networkState,
                             src: v.currentSrc }""") + "; console: " + browser.consoleErrors(), e);
        }
        Map<String, Object> played = browser.asyncScript("""
                const done = arguments[arguments.length - 1];
                const video = document.querySelector('[data-testid=player]');
                video.muted = true;
                video.play().then(() => video.addEventListener('timeupdate', function seen() {
                  if (video.currentTime > 0.3) { video.removeEventListener('timeupdate', seen); video.pause();
                    done({ time: video.currentTime, error: null }); }
                })).catch(e => done({ time: 0, error: String(e) }));""");
        assertThat(played.get("error")).as("play()").isNull();
        assertThat(((Number) played.get("time")).doubleValue()).isGreaterThan(0.3);

        // the storyboard is made on its first request (an ffmpeg run), so its tiles come a moment after the player
        List<WebElement> tiles = browser.until(d -> {
            List<WebElement> found = d.findElements(Browser.byTestId("storyboard-tile"));
            return found.size() > 2 ? found : null;
        }, "the storyboard's tiles", Duration.ofSeconds(60));
        WebElement tile = tiles.get(tiles.size() / 2 + 1);
        double at = Double.parseDouble(tile.getDomAttribute("data-at"));
        assertThat(at).isGreaterThan(1.0);
        // a 3 s video: whole seconds repeat between 8 frames, so the names carry tenths
        assertThat(tile.getDomAttribute("aria-label")).isEqualTo(String.format(Locale.ROOT, "Seek to 0:0%d.%d",
                (int) at, (int) Math.floor((at - (int) at) * 10 + 1e-6)));
        assertThat(browser.driver().findElements(Browser.byTestId("storyboard-tile")).stream()
                .map(t -> t.getDomAttribute("aria-label")).distinct()).as("one name per tile").hasSize(tiles.size());
        browser.script("""
                const video = document.querySelector('[data-testid=player]');
                window.seek = new Promise(resolve => video.addEventListener('seeked', () => resolve(), { once: true }));""");
        tile.sendKeys(Keys.ENTER);
        Map<String, Object> seeked = browser.asyncScript("""
                const done = arguments[arguments.length - 1];
                const video = document.querySelector('[data-testid=player]');
                const answer = () => done({ time: video.currentTime, ready: video.readyState });
                window.seek.then(() => video.readyState >= 2 ? answer()
                  : video.addEventListener('loadeddata', answer, { once: true }));""");
        assertThat(((Number) seeked.get("time")).doubleValue()).isCloseTo(at, within(0.2));
        assertThat(((Number) seeked.get("ready")).intValue()).isGreaterThanOrEqualTo(2);
        assertThat(tile.getDomAttribute("aria-pressed")).isEqualTo("true");
        accessible(browser, "composition");
        fitsAPhone(browser, "06-composition-phone");
        // no webhook URL: the log says so (deliveries need the webhook test contexts, see dev.montage.webhooks)
        assertThat(browser.testId("refresh-deliveries").isDisplayed()).isTrue();
        assertThat(browser.driver().findElements(Browser.byTestId("delivery-row"))).isEmpty();
        browser.fullPageScreenshot("06-composition");

        // delete, confirmed in a dialog: back to the list, and the API no longer knows the composition
        browser.testId("delete").click();
        browser.testId("confirm-delete").click();
        browser.until(d -> d.getCurrentUrl().endsWith("#/compositions"), "the list of compositions");
        browser.until(d -> client.get("/v2/room_compositions/" + compositionId).status() == 404, "the deletion");

        assertThat(browser.consoleErrors()).as("no failed load, script error or CSP violation")
                .filteredOn(message -> !message.contains("401")).isEmpty();
    }

    private static void pasteKey(Browser browser, String key) {
        browser.go("/console#/key");
        WebElement input = browser.testId("api-key");
        input.clear();
        input.sendKeys(key);
        browser.testId("save-key").click();
    }

    private static List<String> texts(Browser browser, String testId) {
        return browser.driver().findElements(Browser.byTestId(testId)).stream().map(WebElement::getText).toList();
    }

    /** axe-core's rules and the hand-made checks of {@link PageChecks}. */
    private static void accessible(Browser browser, String page) {
        assertThat(PageChecks.axeViolations(browser)).as("axe: serious or critical on the %s page", page).isEmpty();
        assertThat(PageChecks.unnamedControls(browser)).as("controls without a name on the %s page", page).isEmpty();
        assertThat(PageChecks.imagesWithoutAlt(browser)).as("images without alt on the %s page", page).isEmpty();
        assertThat(PageChecks.lowContrastText(browser)).as("text under 4.5:1 on the %s page", page).isEmpty();
        assertThat(browser.<String>script("return document.documentElement.lang")).isEqualTo("en");
        assertThat(browser.driver().findElements(By.cssSelector("main h1"))).as("one heading on the %s page", page)
                .hasSize(1);
    }

    /** At a phone's width the page does not scroll sideways. */
    private static void fitsAPhone(Browser browser, String screenshot) {
        browser.resize(Browser.PHONE);
        try {
            assertThat(PageChecks.scrollsSideways(browser)).as("scrolls sideways at 390 px: %s", screenshot).isFalse();
            browser.screenshot(screenshot);
        } finally {
            browser.resize(Browser.DESKTOP);
        }
    }
}
