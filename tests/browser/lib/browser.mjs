// browser.mjs: Debian's Chromium driven by playwright-core (no browser download), pages that
// fail on any request outside the site, any CSP violation or script error, and axe-core.

import fs from "node:fs";
import { createRequire } from "node:module";
import os from "node:os";
import path from "node:path";
import { chromium } from "playwright-core";

const require = createRequire(import.meta.url);
const AXE_SOURCE = fs.readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");

/** The axe-core tags every page must pass (issue 5), plus the AAA contrast rule. */
export const AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"];
export const AXE_EXTRA_RULES = ["color-contrast-enhanced"];

export const THEMES = ["default", "dark", "cream", "blue"];

export const CHROMIUM = process.env.CHROMIUM_PATH || "/usr/bin/chromium";

/**
 * Launch headless Chromium. Playwright gives every launch a fresh temporary profile
 * (its own --user-data-dir), so no state leaks between runs.
 */
export async function launch() {
  if (!fs.existsSync(CHROMIUM)) throw new Error(`No Chromium at ${CHROMIUM} (apt-get install chromium)`);
  const downloadsPath = fs.mkdtempSync(path.join(os.tmpdir(), "bookshelf-downloads-"));
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--disable-dev-shm-usage",
    ],
    downloadsPath,
  });
  // The downloads folder is ours to remove: Playwright only cleans up its own profile.
  browser.on("disconnected", () => fs.rmSync(downloadsPath, { recursive: true, force: true }));
  return browser;
}

/**
 * A new browser context whose pages may only talk to `origin`. Everything that goes wrong
 * (outside requests, failed requests, CSP violations, console errors, page errors) is pushed
 * to the returned `problems` array. `theme`, if given, is stored as the reader's display
 * choice before any page script runs.
 */
export async function openContext(browser, origin, { theme, display, viewport, colorScheme, touch, serviceWorkers } = {}) {
  const context = await browser.newContext({
    // A test that rewrites responses with page.route() blocks the site's service worker
    // (`serviceWorkers: "block"`): a page the worker controls is answered from its cache,
    // which page.route() never sees.
    serviceWorkers: serviceWorkers || "allow",
    viewport: viewport || { width: 1200, height: 900 },
    hasTouch: !!touch,
    isMobile: !!touch,
    colorScheme: colorScheme || "light",
    reducedMotion: "reduce",
    acceptDownloads: true,
  });
  const problems = [];
  await context.route("**/*", (route) => {
    const url = route.request().url();
    if (url.startsWith(origin + "/") || url === origin || url.startsWith("blob:") || url.startsWith("data:")) {
      return route.continue();
    }
    problems.push(`request outside the site: ${url}`);
    return route.abort("blockedbyclient");
  });
  await context.addInitScript(() => {
    window.__csp = [];
    document.addEventListener("securitypolicyviolation", (e) => {
      window.__csp.push(`${e.violatedDirective} blocked ${e.blockedURI || "inline"} at ${e.sourceFile || "?"}:${e.lineNumber || 0}`);
    });
  });
  const choices = display || (theme ? { theme } : null);
  if (choices) {
    await context.addInitScript((value) => {
      if (location.protocol !== "http:") return;
      if (!sessionStorage.getItem("__seeded")) {
        localStorage.setItem("bookshelf-display", value);
        sessionStorage.setItem("__seeded", "1");
      }
    }, JSON.stringify(choices));
  }
  context.on("page", (page) => watchPage(page, problems));
  return { context, problems };
}

function watchPage(page, problems) {
  page.on("console", (msg) => {
    if (msg.type() === "error") problems.push(`console error on ${page.url()}: ${msg.text()}`);
  });
  page.on("pageerror", (err) => problems.push(`script error on ${page.url()}: ${err.message}`));
  page.on("requestfailed", (req) => {
    const failure = req.failure();
    // A navigation cancels what the last page was still loading (lazy images): not a fault.
    if (failure && failure.errorText === "net::ERR_ABORTED") return;
    problems.push(`request failed on ${page.url()}: ${req.url()} (${failure ? failure.errorText : "?"})`);
  });
  page.on("response", (res) => {
    if (res.status() >= 400) problems.push(`HTTP ${res.status()} for ${res.url()} on ${page.url()}`);
  });
}

/** CSP violations seen by the page so far. */
export async function cspViolations(page) {
  return page.evaluate(() => window.__csp || []);
}

/** Run axe-core on the page (or `include` selector) and return the violations, compactly. */
export async function runAxe(page, { include } = {}) {
  const loaded = await page.evaluate(() => typeof window.axe !== "undefined");
  if (!loaded) await page.evaluate(AXE_SOURCE);
  const result = await page.evaluate(
    async ({ tags, extra, include }) => {
      const ids = window.axe.getRules(tags).map((r) => r.ruleId).concat(extra);
      const context = include ? { include: [[include]] } : document;
      const res = await window.axe.run(context, {
        runOnly: { type: "rule", values: Array.from(new Set(ids)) },
        resultTypes: ["violations"],
      });
      return res.violations.map((v) => ({
        id: v.id,
        impact: v.impact,
        help: v.help,
        nodes: v.nodes.slice(0, 5).map((n) => ({ target: n.target.join(" "), summary: n.failureSummary })),
        count: v.nodes.length,
      }));
    },
    { tags: AXE_TAGS, extra: AXE_EXTRA_RULES, include },
  );
  return result;
}

/** A readable report of axe violations for an assertion message. */
export function describeViolations(where, violations) {
  return violations
    .map((v) => `${where}: ${v.id} (${v.count}) ${v.help}\n` + v.nodes.map((n) => `    ${n.target}: ${n.summary}`).join("\n"))
    .join("\n");
}

/** Run `fn` over `items` with at most `limit` running at once. */
export async function pool(items, limit, fn) {
  let next = 0;
  const workers = Array.from({ length: Math.min(limit, items.length) }, async (_, w) => {
    while (next < items.length) {
      const i = next++;
      await fn(items[i], i, w);
    }
  });
  await Promise.all(workers);
}
