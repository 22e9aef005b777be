// ui.test.mjs: the reading experience in a real browser: keyboard (skip link first, every
// control reachable and visibly focused), glossary tips (focus, hover, tap, Escape), display
// options that survive a navigation, device preferences, read aloud, checklist filters,
// reflow at 320 CSS px, and the screenshots in docs/images.
// Rules: WEB2-WEB6 in shared/ACCESSIBILITY.md; WCAG 1.4.10, 1.4.13, 2.1.1, 2.4.1, 2.4.7.

import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, test } from "node:test";

import { openContext } from "./lib/browser.mjs";
import { finish, useSite } from "./lib/session.mjs";
import { siteDir } from "./lib/site.mjs";

const SITE = siteDir();
const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");

const KEYBOARD_PAGES = [
  "/",
  "/guides/having-your-say/",
  "/easy-read/guides/having-your-say/",
  "/checklists/",
  "/checklists/before-a-meeting-with-a-family/",
  "/checklists/yearly-self-evaluation/",
  "/glossary/",
  "/glossary/co-production/",
  "/search/",
];

const site = useSite(SITE);
const { open } = site;

/** Mark every element a keyboard user should reach (one stop per radio group) and note its
    unfocused look. Returns how many there are. */
async function markTabStops(page) {
  return page.evaluate(() => {
    const seenGroups = new Set();
    const all = document.querySelectorAll(
      "a[href], button, input:not([type=hidden]), select, textarea, summary, [tabindex]:not([tabindex='-1'])",
    );
    const stops = [];
    for (const el of all) {
      if (el.disabled || el.tabIndex < 0) continue;
      if (!el.checkVisibility({ checkVisibilityCSS: true, checkOpacity: true })) continue;
      const r = el.getBoundingClientRect();
      if (r.width === 0 && r.height === 0 && !el.classList.contains("skip-link")) continue;
      if (el.type === "radio") {
        const key = (el.form ? el.form.id || "f" : "doc") + ":" + el.name;
        if (seenGroups.has(key)) continue;
        seenGroups.add(key);
        const group = [...document.querySelectorAll(`input[type=radio][name="${CSS.escape(el.name)}"]`)];
        const checked = group.find((g) => g.checked);
        for (const g of group) g.dataset.kbGroup = key;
        (checked || el).dataset.kbStop = String(stops.length);
        stops.push(checked || el);
        continue;
      }
      el.dataset.kbStop = String(stops.length);
      stops.push(el);
    }
    const look = (el) => {
      const s = getComputedStyle(el);
      return [s.outlineStyle, s.outlineWidth, s.outlineColor, s.boxShadow, s.backgroundColor, s.color].join("|");
    };
    window.__kbLook = stops.map(look);
    return stops.length;
  });
}

/** What is focused now: its stop number (or a description) and whether its focus is visible. */
async function focusedNow(page) {
  return page.evaluate(() => {
    const el = document.activeElement;
    if (!el || el === document.body) return { stop: null, what: "body", visible: false };
    const s = getComputedStyle(el);
    const now = [s.outlineStyle, s.outlineWidth, s.outlineColor, s.boxShadow, s.backgroundColor, s.color];
    const stop = el.dataset.kbStop ?? null;
    const before = stop !== null ? window.__kbLook[Number(stop)].split("|") : null;
    const transparent = (c) => /rgba\(.*,\s*0\)$/.test(c) || c === "transparent";
    const outline = now[0] !== "none" && parseFloat(now[1]) >= 2 && !transparent(now[2]);
    const shadow = now[3] !== "none";
    const changed = before ? now.some((v, i) => v !== before[i]) : true;
    const visible = changed && (outline || shadow || (before && now[4] !== before[4]));
    const label = `${el.tagName.toLowerCase()}${el.id ? "#" + el.id : ""}${el.className ? "." + String(el.className).split(" ")[0] : ""} "${(el.textContent || el.value || "").trim().slice(0, 40)}"`;
    return { stop, group: el.dataset.kbGroup || null, what: label, visible, rect: el.getBoundingClientRect().toJSON() };
  });
}

describe("keyboard", () => {
  test("the skip link is the first Tab stop, is shown, and moves focus to main", async () => {
    for (const p of ["/guides/having-your-say/", "/easy-read/checklists/before-a-meeting-with-a-family/"]) {
      const s = await open(p);
      await s.page.keyboard.press("Tab");
      const first = await s.page.evaluate(() => {
        const el = document.activeElement;
        const r = el.getBoundingClientRect();
        return { cls: el.className, href: el.getAttribute("href"), w: r.width, h: r.height, top: r.top };
      });
      assert.equal(first.cls, "skip-link", `${p}: first Tab stop`);
      assert.ok(first.w > 40 && first.h > 20 && first.top >= 0, `${p}: the focused skip link is on screen (${JSON.stringify(first)})`);
      await s.page.keyboard.press("Enter");
      assert.equal(await s.page.evaluate(() => document.activeElement.id), "main", `${p}: focus moved to main`);
      await s.page.keyboard.press("Tab");
      const next = await s.page.evaluate(() => document.getElementById("main").contains(document.activeElement));
      assert.ok(next, `${p}: the next Tab stop is inside main`);
      await finish(s);
    }
  });

  for (const p of KEYBOARD_PAGES) {
    test(`every control on ${p} is reachable by Tab and visibly focused`, { timeout: 120_000 }, async () => {
      const s = await open(p);
      const expected = await markTabStops(s.page);
      assert.ok(expected > 5, `${p}: found ${expected} tab stops`);
      const reached = new Set();
      const invisible = [];
      for (let i = 0; i < expected + 40; i += 1) {
        await s.page.keyboard.press("Tab");
        const f = await focusedNow(s.page);
        if (f.stop === "0" && reached.size > 0) break;
        if (f.stop !== null) reached.add(f.stop);
        if (f.what !== "body" && !f.visible) invisible.push(f.what);
      }
      const missed = await s.page.evaluate(
        (reached) =>
          [...document.querySelectorAll("[data-kb-stop]")]
            .filter((el) => !reached.includes(el.dataset.kbStop))
            .map((el) => `${el.tagName.toLowerCase()} "${(el.textContent || el.name || "").trim().slice(0, 40)}"`),
        [...reached],
      );
      assert.deepEqual(missed, [], `${p}: not reached by Tab`);
      assert.deepEqual([...new Set(invisible)], [], `${p}: focused without a visible indicator`);
      await finish(s);
    });
  }

  test("display options open and change by keyboard alone", async () => {
    const s = await open("/guides/having-your-say/");
    await s.page.focus(".display-options > summary");
    await s.page.keyboard.press("Enter");
    assert.ok(await s.page.locator(".display-panel").isVisible(), "panel opens with Enter");
    await s.page.focus('input[name="bs-theme"][value="default"]');
    await s.page.keyboard.press("ArrowDown");
    assert.equal(await s.page.getAttribute("html", "data-theme"), "dark", "arrow key moves to the next colour choice");
    await finish(s);
  });
});

describe("glossary tips (WCAG 1.4.13)", () => {
  test("a tip opens on keyboard focus, closes on Escape, and focus stays on the word", async () => {
    const s = await open("/guides/having-your-say/");
    const term = s.page.locator(".prose .term").first();
    const tip = term.locator(".term-tip");
    const link = term.locator(".term-link");
    assert.equal(await tip.isVisible(), false, "hidden at first");
    const describedBy = await link.getAttribute("aria-describedby");
    assert.equal(describedBy, await tip.getAttribute("id"), "the word is described by its tip");
    await link.focus();
    assert.ok(await tip.isVisible(), "shown on focus");
    const box = await tip.boundingBox();
    const width = await s.page.evaluate(() => document.documentElement.clientWidth);
    assert.ok(box.x >= 0 && box.x + box.width <= width, "the tip is inside the window");
    await s.page.keyboard.press("Escape");
    assert.equal(await tip.isVisible(), false, "Escape closes it");
    assert.equal(await s.page.evaluate(() => document.activeElement.classList.contains("term-link")), true, "focus stays");
    await s.page.keyboard.press("Shift+Tab");
    await s.page.keyboard.press("Tab");
    assert.ok(await tip.isVisible(), "shown again on the next focus");
    await finish(s);
  });

  test("a tip shows on hover, stays while the pointer is on it, and Escape closes it", async () => {
    const s = await open("/guides/having-your-say/");
    const term = s.page.locator(".prose .term").first();
    const tip = term.locator(".term-tip");
    await term.locator(".term-link").hover();
    assert.ok(await tip.isVisible(), "shown on hover");
    await tip.hover();
    assert.ok(await tip.isVisible(), "hoverable: stays when the pointer moves onto it");
    await s.page.keyboard.press("Escape");
    assert.equal(await tip.isVisible(), false, "dismissible with Escape");
    await s.page.mouse.move(0, 0);
    await term.locator(".term-link").hover();
    assert.ok(await tip.isVisible(), "shown again on the next hover");
    await finish(s);
  });

  test("on a touch screen the first tap shows the meaning and the second follows the link", async () => {
    const { context: touch, problems } = await openContext(site.browser, site.url, { viewport: { width: 390, height: 800 }, touch: true });
    const page = await touch.newPage();
    await page.goto(site.url + "/guides/having-your-say/");
    const term = page.locator(".prose .term").first();
    const link = term.locator(".term-link");
    await link.tap();
    assert.ok(await term.locator(".term-tip").isVisible(), "first tap opens the tip");
    assert.ok(page.url().endsWith("/guides/having-your-say/"), "and does not leave the page");
    assert.equal(await link.getAttribute("aria-expanded"), "true");
    const box = await term.locator(".term-tip").boundingBox();
    assert.ok(box.x >= 0 && box.x + box.width <= 390, "the tip fits a phone screen");
    await Promise.all([page.waitForURL(/\/glossary\/[^/]+\/$/), link.tap()]);
    assert.ok(page.url().includes("/glossary/"), "second tap follows the link to the term's page");
    await touch.close();
    assert.deepEqual(problems, []);
  });
});

describe("display options", () => {
  test("choices apply at once and survive a navigation", async () => {
    const s = await open("/guides/having-your-say/");
    assert.equal(await s.page.getAttribute("html", "data-theme"), null, "no theme until the reader chooses");
    await s.page.click(".display-options > summary");
    await s.page.check('input[name="bs-theme"][value="dark"]');
    await s.page.check('input[name="bs-size"][value="150"]');
    await s.page.check('input[name="bs-spacing"][value="wide"]');
    await s.page.check('input[name="bs-font"][value="readable"]');
    const now = await s.page.evaluate(() => ({
      theme: document.documentElement.dataset.theme,
      size: document.documentElement.dataset.size,
      bg: getComputedStyle(document.body).backgroundColor,
      fontSize: getComputedStyle(document.body).fontSize,
    }));
    assert.deepEqual(now, { theme: "dark", size: "150", bg: "rgb(0, 0, 0)", fontSize: "28.5px" });
    await Promise.all([s.page.waitForLoadState("load"), s.page.click('.site-nav a[href*="checklists"]')]);
    await s.page.waitForURL(/\/checklists\/$/);
    const after = await s.page.evaluate(() => ({
      theme: document.documentElement.dataset.theme,
      size: document.documentElement.dataset.size,
      spacing: document.documentElement.dataset.spacing,
      font: document.documentElement.dataset.font,
      radio: document.querySelector('input[name="bs-theme"]:checked').value,
      bg: getComputedStyle(document.body).backgroundColor,
      lineHeight: parseFloat(getComputedStyle(document.body).lineHeight) / parseFloat(getComputedStyle(document.body).fontSize),
    }));
    assert.equal(after.theme, "dark");
    assert.equal(after.size, "150");
    assert.equal(after.spacing, "wide");
    assert.equal(after.font, "readable");
    assert.equal(after.radio, "dark", "the form shows the saved choice");
    assert.equal(after.bg, "rgb(0, 0, 0)");
    assert.ok(after.lineHeight >= 1.85, `wide spacing on the next page (${after.lineHeight})`);
    await s.page.click(".display-options > summary");
    await s.page.check('input[name="bs-theme"][value="default"]');
    assert.equal(await s.page.evaluate(() => getComputedStyle(document.body).backgroundColor), "rgb(255, 255, 255)");
    assert.equal(await s.page.getAttribute("html", "data-theme"), "default", "an explicit Default beats the device's dark mode");
    await finish(s);
  });

  test("with no choice the page follows prefers-color-scheme: dark", async () => {
    const s = await open("/", { colorScheme: "dark" });
    assert.equal(await s.page.evaluate(() => getComputedStyle(document.body).backgroundColor), "rgb(0, 0, 0)");
    await finish(s);
  });

  test("type sizes: standard at least 18.7px, easy read at least 24px, line height at least 1.5 and 1.8", async () => {
    const s = await open("/guides/having-your-say/");
    const std = await s.page.evaluate(() => {
      const p = document.querySelector(".prose p");
      const cs = getComputedStyle(p);
      return { size: parseFloat(cs.fontSize), lh: parseFloat(cs.lineHeight) / parseFloat(cs.fontSize), align: cs.textAlign, hyphens: cs.hyphens };
    });
    assert.ok(std.size >= 18.7, `standard text ${std.size}px`);
    assert.ok(std.lh >= 1.5, `standard line height ${std.lh}`);
    // Aligned to the start of the line, never justified (WCAG 1.4.8): `start` is the left
    // edge on a left-to-right page (the stylesheet uses logical values for right to left).
    assert.ok(["left", "start"].includes(std.align), `standard text aligned ${std.align}`);
    assert.equal(std.hyphens, "none");
    await s.page.goto(site.url + "/easy-read/guides/having-your-say/");
    const easy = await s.page.evaluate(() => {
      const p = document.querySelector(".er-text");
      const cs = getComputedStyle(p);
      const pic = document.querySelector(".er-pic").getBoundingClientRect();
      const sw = document.querySelector(".sw");
      const icon = sw.querySelector(".sw-i").getBoundingClientRect();
      const word = sw.querySelector(".sw-t").getBoundingClientRect();
      return {
        size: parseFloat(cs.fontSize),
        lh: parseFloat(cs.lineHeight) / parseFloat(cs.fontSize),
        pic: pic.width,
        picLeftOfText: pic.right <= p.getBoundingClientRect().left,
        symbolAbove: icon.bottom <= word.top + 1,
      };
    });
    assert.ok(easy.size >= 24, `easy read text ${easy.size}px`);
    assert.ok(easy.lh >= 1.8, `easy read line height ${easy.lh}`);
    assert.ok(easy.pic >= 64, `easy read picture ${easy.pic}px`);
    assert.ok(easy.picLeftOfText, "picture left, words right (ER5)");
    assert.ok(easy.symbolAbove, "symbol above its word");
    for (const [p, min] of [["/guides/having-your-say/", 18.7], ["/checklists/yearly-self-evaluation/", 18.7], ["/glossary/", 18.7],
      ["/easy-read/guides/having-your-say/", 24], ["/easy-read/checklists/yearly-self-evaluation/", 24], ["/easy-read/glossary/", 24]]) {
      await s.page.goto(site.url + p);
      const small = await s.page.evaluate((min) => {
        const out = new Set();
        const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
        for (let n = walker.nextNode(); n; n = walker.nextNode()) {
          const el = n.parentElement;
          if (!n.textContent.trim() || !el.checkVisibility({ checkVisibilityCSS: true })) continue;
          const size = parseFloat(getComputedStyle(el).fontSize);
          if (size < min - 0.05) out.add(`${el.tagName.toLowerCase()}.${el.className} ${size}px "${n.textContent.trim().slice(0, 30)}"`);
        }
        return [...out];
      }, min);
      assert.deepEqual(small, [], `${p}: every visible text at least ${min}px (ER6)`);
    }
    await finish(s);
  });
});

describe("reflow and text spacing", () => {
  for (const p of ["/", "/guides/having-your-say/", "/easy-read/guides/having-your-say/", "/checklists/yearly-self-evaluation/", "/glossary/", "/easy-read/checklists/before-a-meeting-with-a-family/"]) {
    test(`${p} reflows at 320 CSS px and keeps text with WCAG 1.4.12 spacing`, async () => {
      const s = await open(p, { viewport: { width: 320, height: 640 } });
      const wide = await s.page.evaluate(() => document.documentElement.scrollWidth);
      assert.ok(wide <= 320, `no sideways scrolling at 320px (scrollWidth ${wide})`);
      // The text-spacing bookmarklet: line height 1.5, paragraphs 2em, letters 0.12em, words 0.16em.
      // Done through the CSSOM (CSP allows it; an inline style element would be blocked).
      const clipped = await s.page.evaluate(() => {
        const sheet = new CSSStyleSheet();
        sheet.replaceSync("* { line-height: 1.5 !important; letter-spacing: 0.12em !important; word-spacing: 0.16em !important; } p { margin-bottom: 2em !important; }");
        document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];
        const out = [];
        for (const el of document.querySelectorAll("main p, main li, main label, main h1, main h2, main legend, main summary, main a, .site-header a")) {
          const cs = getComputedStyle(el);
          if (cs.overflow === "visible" && cs.overflowX === "visible") continue;
          if (el.scrollHeight > el.clientHeight + 1 || el.scrollWidth > el.clientWidth + 1) out.push(el.tagName + " " + el.textContent.trim().slice(0, 30));
        }
        return { out, wide: document.documentElement.scrollWidth };
      });
      assert.deepEqual(clipped.out, [], "nothing clipped with text spacing overrides");
      assert.ok(clipped.wide <= 320, `still no sideways scrolling with text spacing (${clipped.wide})`);
      await finish(s);
    });
  }

  test("the site's own 200% text on a 640px window does not scroll sideways", async () => {
    for (const p of ["/guides/having-your-say/", "/easy-read/guides/having-your-say/", "/checklists/yearly-self-evaluation/"]) {
      const s = await open(p, { viewport: { width: 640, height: 800 }, display: { size: "200" } });
      const wide = await s.page.evaluate(() => document.documentElement.scrollWidth);
      assert.ok(wide <= 640, `${p}: scrollWidth ${wide}`);
      await finish(s);
    }
  });
});

describe("read aloud", () => {
  test("shown where speech synthesis exists; reads the main content; toggles to Stop reading", async () => {
    const { context, problems } = await openContext(site.browser, site.url);
    await context.addInitScript(() => {
      window.__spoken = [];
      const fake = {
        speak: (u) => window.__spoken.push(u.text),
        cancel: () => window.__spoken.push("<cancel>"),
      };
      Object.defineProperty(window, "speechSynthesis", { value: fake, configurable: true });
    });
    const page = await context.newPage();
    await page.goto(site.url + "/guides/having-your-say/");
    const button = page.locator("[data-read-aloud]");
    assert.ok(await button.isVisible(), "button shown");
    await button.click();
    assert.equal((await button.textContent()).trim(), "Stop reading");
    assert.equal(await button.getAttribute("aria-pressed"), "true");
    const spoken = await page.evaluate(() => window.__spoken.join("\n"));
    const title = (await page.textContent("h1")).trim();
    assert.ok(spoken.includes(title), "reads the page title");
    assert.ok(!spoken.includes("Skip to main content"), "reads only the main content");
    const tipText = (await page.locator(".prose .term-tip").first().textContent()).trim();
    assert.ok(!spoken.includes(tipText), "does not read the hidden glossary tips");
    await button.click();
    assert.equal((await button.textContent()).trim(), "Read this page aloud");
    await context.close();
    assert.deepEqual(problems, []);
  });

  test("hidden where the browser has no speech synthesis", async () => {
    const { context, problems } = await openContext(site.browser, site.url);
    await context.addInitScript(() => {
      delete window.speechSynthesis;
      delete Window.prototype.speechSynthesis;
    });
    const page = await context.newPage();
    await page.goto(site.url + "/guides/having-your-say/");
    assert.equal(await page.evaluate(() => "speechSynthesis" in window), false, "the stub removed it");
    assert.equal(await page.locator("[data-read-aloud]").isVisible(), false);
    await context.close();
    assert.deepEqual(problems, []);
  });
});

describe("checklists index", () => {
  test("filters by level and audience without a reload, and says how many are shown", async () => {
    const s = await open("/checklists/");
    assert.ok(await s.page.locator("form.filters").isVisible(), "filters shown with JavaScript");
    const total = await s.page.locator(".card").count();
    assert.ok(total >= 12);
    await s.page.evaluate(() => { window.__same = true; });
    await s.page.check('form.filters input[name="level"][value="strategic"]');
    const strategic = await s.page.evaluate(() =>
      [...document.querySelectorAll(".card")].filter((c) => !c.hidden).map((c) => c.dataset.level),
    );
    assert.ok(strategic.length > 0 && strategic.every((l) => l === "strategic"), JSON.stringify(strategic));
    assert.equal(await s.page.textContent(".filter-count"), `Showing ${strategic.length} of ${total} checklists`);
    assert.equal(await s.page.getAttribute(".filter-count", "role"), "status");
    await s.page.check('form.filters input[name="level"][value=""]');
    await s.page.check('form.filters input[name="audience"][value="young-people"]');
    const young = await s.page.evaluate(() =>
      [...document.querySelectorAll(".card")].filter((c) => !c.hidden).map((c) => c.dataset.audience),
    );
    assert.ok(young.length > 0 && young.every((a) => a.split(" ").includes("young-people")), JSON.stringify(young));
    assert.equal(await s.page.evaluate(() => window.__same), true, "no reload");
    await finish(s);
  });

  test("without JavaScript every checklist is listed and the filters stay hidden", async () => {
    const context = await site.browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(site.url + "/checklists/");
    assert.ok((await page.locator(".card:visible").count()) >= 12);
    assert.equal(await page.locator("form.filters").isVisible(), false);
    await page.goto(site.url + "/checklists/before-a-meeting-with-a-family/");
    assert.ok((await page.locator('.cl-item input[type="checkbox"]:visible').count()) > 5, "checklist usable without JS");
    assert.equal(await page.locator(".cl-actions").isVisible(), false, "JS-only buttons hidden");
    await context.close();
  });
});

describe("search in the browser (issue 24)", () => {
  test("everyday words find the page; an off-topic query gets an honest answer with other pages apart", async () => {
    const opened = await open("/search/?q=complain");
    const { page } = opened;
    await page.waitForSelector("#search-results .search-count", { timeout: 15_000 });
    const first = await page.$$eval("#search-results .search-hit-title a", (as) => as.slice(0, 3).map((a) => new URL(a.href).pathname));
    assert.ok(first.includes("/guides/when-you-do-not-agree/") || first.includes("/glossary/complaint/"), String(first));
    await page.goto(site.url + "/search/?q=football+results", { waitUntil: "load" });
    await page.waitForSelector("#search-results .search-nothing", { timeout: 15_000 });
    const honest = await page.evaluate(() => ({
      hits: document.querySelectorAll("#search-results ol.search-hits:not(.search-others)").length,
      others: document.querySelectorAll("#search-results ol.search-others li").length,
      heading: document.querySelector("#search-results .search-others-title")?.textContent,
      links: [...document.querySelectorAll("#search-results .search-suggest a")].map((a) => new URL(a.href).pathname),
    }));
    assert.equal(honest.hits, 0);
    assert.ok(honest.others > 0);
    assert.equal(honest.heading, "Other pages that mention these words");
    assert.deepEqual(honest.links, ["/glossary/", "/"]);
    await finish(opened);
  });
});

describe("the not-found page", () => {
  test("a missing page at the top level gets the styled 404 page", async () => {
    const { context, problems } = await openContext(site.browser, site.url);
    const page = await context.newPage();
    const res = await page.goto(site.url + "/no-such-page");
    assert.equal(res.status(), 404);
    assert.equal(await page.evaluate(() => getComputedStyle(document.body).fontFamily.includes("Arial")), true, "styled");
    await context.close();
    const expected = (p) => p.startsWith("HTTP 404 for " + site.url + "/no-such-page") || /console error on .*\/no-such-page: Failed to load resource: .* 404/.test(p);
    assert.deepEqual(problems.filter((p) => !expected(p)), []);
  });

  test(
    "a missing page deep in the site still gets the stylesheet and working links",
    async () => {
      const { context, problems } = await openContext(site.browser, site.url);
      const page = await context.newPage();
      await page.goto(site.url + "/guides/no-such-page/");
      const styled = await page.evaluate(() => getComputedStyle(document.body).fontFamily.includes("Arial"));
      await context.close();
      assert.equal(styled, true, "the stylesheet loads");
      assert.deepEqual(problems.filter((p) => !/no-such-page\/( on |: Failed to load resource)/.test(p)), []);
    },
  );
});

describe("screenshots", () => {
  test("docs/images/standard.png and easy-read.png, a guide and its easy-read twin at 1200px", async () => {
    const dir = path.join(REPO, "docs/images");
    fs.mkdirSync(dir, { recursive: true });
    for (const [p, name] of [["/guides/having-your-say/", "standard.png"], ["/easy-read/guides/having-your-say/", "easy-read.png"]]) {
      const s = await open(p, { viewport: { width: 1200, height: name === "standard.png" ? 1400 : 1800 } });
      const file = path.join(dir, name);
      await s.page.evaluate(() =>
        Promise.all([...document.images].filter((i) => i.getBoundingClientRect().top < innerHeight).map((i) => i.decode().catch(() => null))),
      );
      await s.page.screenshot({ path: file });
      const size = fs.statSync(file).size;
      assert.ok(size > 20_000, `${name} has content (${size} bytes)`);
      await finish(s);
    }
  });
});
