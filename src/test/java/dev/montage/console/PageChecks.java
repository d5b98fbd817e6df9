package dev.montage.console;

import java.util.List;

import com.deque.html.axecore.results.Results;
import com.deque.html.axecore.selenium.AxeBuilder;

/**
 * Accessibility checks of a console page: axe-core's rules (serious and critical violations), and by hand what
 * matters most here, with messages that point at the element: every form control and button has an accessible name, every image a text alternative, text
 * has a contrast of at least 4.5:1 with the background it sits on (WCAG AA for normal text), and nothing scrolls
 * sideways. Each answers what is wrong, empty when nothing is.
 */
final class PageChecks {

    private PageChecks() {
    }

    /** axe-core's serious and critical violations on the page, each as "rule: the first element's HTML". */
    static List<String> axeViolations(Browser browser) {
        Results results = new AxeBuilder().analyze(browser.driver());
        if (results.getPasses().isEmpty() || results.isErrored()) {
            throw new AssertionError("axe-core did not run on the page: " + results.getErrorMessage());
        }
        return results.getViolations().stream()
                .filter(rule -> "serious".equals(rule.getImpact()) || "critical".equals(rule.getImpact()))
                .map(rule -> rule.getId() + ": " + rule.getNodes().get(0).getHtml()).toList();
    }

    /** Visible controls without an accessible name (label, aria-label, aria-labelledby, or text for buttons). */
    static List<String> unnamedControls(Browser browser) {
        return browser.script("""
                const named = e => {
                  if (e.getAttribute('aria-label')?.trim()) return true;
                  const by = e.getAttribute('aria-labelledby');
                  if (by && by.split(/\\s+/).some(id => document.getElementById(id)?.textContent.trim())) return true;
                  if (e.labels && [...e.labels].some(l => l.textContent.trim())) return true;
                  if (e.matches('button, a, summary') && e.textContent.trim()) return true;
                  return e.matches('input[type=submit], input[type=button]') && e.value;
                };
                return [...document.querySelectorAll('input, select, textarea, button, a[href], progress, video')]
                  .filter(e => e.type !== 'hidden' && e.getClientRects().length && !named(e))
                  .map(e => e.outerHTML.slice(0, 120));
                """);
    }

    /** Visible images without a text alternative (an empty alt is fine: it says the image is decoration). */
    static List<String> imagesWithoutAlt(Browser browser) {
        return browser.script("""
                return [...document.querySelectorAll('img')].filter(i => !i.hasAttribute('alt')
                  && !i.getAttribute('aria-label') && i.getAttribute('aria-hidden') !== 'true')
                  .map(i => i.outerHTML.slice(0, 120));
                """);
    }

    /** Visible text whose colour has less than 4.5:1 contrast with its nearest opaque background. */
    static List<String> lowContrastText(Browser browser) {
        return browser.script("""
                const rgb = c => (c.match(/[\\d.]+/g) || []).map(Number);
                const lum = ([r, g, b]) => {
                  const f = v => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; };
                  return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b);
                };
                const background = e => {
                  for (; e; e = e.parentElement) {
                    const c = rgb(getComputedStyle(e).backgroundColor);
                    if (c.length >= 3 && (c.length === 3 || c[3] > 0.9)) return c;
                  }
                  return [255, 255, 255];
                };
                const bad = [];
                const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
                for (let n = walker.nextNode(); n; n = walker.nextNode()) {
                  const e = n.parentElement;
                  if (!n.textContent.trim() || !e || !e.getClientRects().length) continue;
                  const style = getComputedStyle(e);
                  if (style.visibility === 'hidden' || e.closest('[aria-hidden=true], svg, .visually-hidden, option')) continue;
                  const fg = rgb(style.color);
                  const [l1, l2] = [lum(fg), lum(background(e))].sort((a, b) => b - a);
                  const ratio = (l1 + 0.05) / (l2 + 0.05);
                  if (ratio < 4.5) bad.push(ratio.toFixed(2) + ':1 ' + n.textContent.trim().slice(0, 40));
                }
                return bad;
                """);
    }

    /** Whether the page is wider than the window (it would scroll sideways). */
    static boolean scrollsSideways(Browser browser) {
        return browser.script("return document.documentElement.scrollWidth > window.innerWidth");
    }
}
