// phone.test.mjs: reading on a phone, offline, with reader tools (issue 22).
// At 390x844 with touch, every page kind in both variants (and right-to-left Urdu), with text
// at 100% and 200%: the page title starts in the first half of the first screen (on the first
// screen at 200%), nothing scrolls sideways (WCAG 1.4.10), and no word of a title or an
// easy-read line is broken in the middle (ER9: each word's line boxes are measured with
// Range.getClientRects). The Menu button with and without JavaScript; read aloud driven with
// a stubbed speechSynthesis; the reading ruler and the shipped font; the service worker saving
// the site and serving pages and search with the network off; favicon, sitemap, canonical.

import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { describe, test } from "node:test";

import { describeViolations, openContext, runAxe, THEMES } from "./lib/browser.mjs";
import { finish, useSite } from "./lib/session.mjs";
import { siteDir } from "./lib/site.mjs";

const SITE = siteDir();
const PHONE = { width: 390, height: 844 };

/** One page of each kind, standard and easy read, and Urdu (right to left) and Polish. */
const KINDS = [
  "/",
  "/model/",
  "/model/barriers/",
  "/guides/",
  "/guides/getting-help/",
  "/checklists/",
  "/checklists/annual-review/",
  "/checklists/yearly-self-evaluation/",
  "/glossary/",
  "/glossary/co-production/",
  "/search/",
  "/sources/",
];
const PAGES = [
  ...KINDS,
  ...KINDS.map((p) => "/easy-read" + p),
  "/ur/",
  "/ur/guides/getting-help/",
  "/ur/easy-read/guides/getting-help/",
  "/pl/checklists/annual-review/",
];

const site = useSite(SITE);

/** Where the title is, how wide the page is, and every word of a title or easy-read line
    that is split over two lines (other than at a real hyphen). */
function measure() {
  const h1 = document.querySelector("h1");
  const W = document.documentElement.clientWidth;
  const broken = [];
  const blocks = document.querySelectorAll("h1, h2, h3, .er-text");
  for (const el of blocks) {
    if (!el.checkVisibility()) continue;
    const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT, {
      acceptNode: (n) => (n.parentElement.closest(".term-tip") ? NodeFilter.FILTER_REJECT : NodeFilter.FILTER_ACCEPT),
    });
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      // A word: letters between spaces; a hyphen or dash is a place a word may break.
      for (const m of n.data.matchAll(/[^\s\-\u2010\u2013\u2014\/]+/g)) {
        const r = document.createRange();
        r.setStart(n, m.index);
        r.setEnd(n, m.index + m[0].length);
        const lines = new Set([...r.getClientRects()].filter((b) => b.width > 0).map((b) => Math.round(b.bottom)));
        if (lines.size > 1) broken.push(`${el.tagName.toLowerCase()}: "${m[0]}"`);
      }
    }
  }
  const wide = [...document.querySelectorAll("body *")]
    .filter((e) => e.checkVisibility() && e.getBoundingClientRect().right > W + 1)
    .slice(0, 3)
    .map((e) => `${e.tagName.toLowerCase()}.${e.className} "${e.textContent.trim().slice(0, 30)}"`);
  return {
    top: h1.getBoundingClientRect().top + window.scrollY,
    scrollWidth: document.documentElement.scrollWidth,
    width: W,
    broken,
    wide,
  };
}

describe("phone layout at 390x844 (issue 22)", () => {
  for (const size of ["100", "200"]) {
    test(`every page kind, both variants, text at ${size}%: title high, no sideways scroll, no broken word`, async () => {
      const { context, problems } = await openContext(site.browser, site.url, {
        viewport: PHONE,
        touch: true,
        display: size === "100" ? null : { size },
      });
      const page = await context.newPage();
      const faults = [];
      for (const p of PAGES) {
        await page.goto(site.url + p, { waitUntil: "load" });
        const m = await page.evaluate(measure);
        const limit = size === "100" ? PHONE.height / 2 : PHONE.height;
        if (m.top >= limit) faults.push(`${p}: the title starts ${Math.round(m.top)}px down (limit ${limit})`);
        if (m.scrollWidth > m.width) faults.push(`${p}: ${m.scrollWidth}px wide on a ${m.width}px screen: ${m.wide.join(", ")}`);
        if (m.broken.length) faults.push(`${p}: broken words ${m.broken.join(", ")}`);
      }
      assert.deepEqual(faults, [], `text at ${size}%`);
      await finish({ context, page, problems });
    });
  }

  test("the Menu button opens and closes the search and the menu, in English and in Urdu", async () => {
    const { context, problems } = await openContext(site.browser, site.url, { viewport: PHONE, touch: true });
    const page = await context.newPage();
    for (const p of ["/guides/getting-help/", "/ur/easy-read/"]) {
      await page.goto(site.url + p);
      const button = page.locator("[data-menu-button]");
      assert.ok(await button.isVisible(), `${p}: Menu button shown`);
      assert.equal(await page.locator(".site-nav").isVisible(), false, `${p}: menu closed at first`);
      assert.equal(await page.locator("#header-q").isVisible(), false, `${p}: search closed at first`);
      assert.equal(await button.getAttribute("aria-expanded"), "false");
      await button.click();
      assert.equal(await button.getAttribute("aria-expanded"), "true");
      assert.ok(await page.locator(".site-nav").isVisible(), `${p}: menu open`);
      assert.ok(await page.locator("#header-q").isVisible(), `${p}: search open`);
      if (p.startsWith("/ur/")) {
        // Right to left: the button is at the left edge, the title at the right.
        const b = await button.boundingBox();
        const title = await page.locator(".site-title").boundingBox();
        assert.ok(b.x < title.x, "Urdu: the Menu button is on the left of the title");
        assert.ok(await page.locator(".language-switch").isVisible(), "the languages are in the menu");
      }
      await page.locator(".site-nav a").first().focus();
      await page.keyboard.press("Escape");
      assert.equal(await button.getAttribute("aria-expanded"), "false", "Escape closes it");
      assert.equal(await page.evaluate(() => document.activeElement.hasAttribute("data-menu-button")), true, "focus back on the button");
      const axe = await runAxe(page);
      assert.deepEqual(axe, [], describeViolations(p, axe));
    }
    await finish({ context, page, problems });
  });

  test("without JavaScript the Menu link opens the menu (:target)", async () => {
    const context = await site.browser.newContext({ viewport: PHONE, javaScriptEnabled: false, hasTouch: true, isMobile: true });
    const page = await context.newPage();
    await page.goto(site.url + "/guides/getting-help/");
    const link = page.locator(".menu-link");
    assert.ok(await link.isVisible(), "Menu link shown");
    assert.equal(await page.locator("[data-menu-button]").isVisible(), false, "no dead button");
    assert.equal(await page.locator(".site-nav").isVisible(), false);
    await link.click();
    assert.ok(await page.locator(".site-nav").isVisible(), "menu open");
    assert.ok(await page.locator("#header-q").isVisible(), "search open");
    await context.close();
  });

  test("on a wide screen the search and the menu are always shown, with no Menu button", async () => {
    const { context, problems } = await openContext(site.browser, site.url, { viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    await page.goto(site.url + "/guides/getting-help/");
    assert.ok(await page.locator(".site-nav").isVisible());
    assert.ok(await page.locator("#header-q").isVisible());
    assert.equal(await page.locator("[data-menu-button]").isVisible(), false);
    await finish({ context, page, problems });
  });
});

/** A speechSynthesis that records what reaches it; `__ra.end()` ends the utterance. */
function stubSpeech() {
  const calls = [];
  let current = null;
  const fake = {
    speaking: false,
    speak(u) { calls.push({ text: u.text, rate: u.rate, lang: u.lang, voice: u.voice ? u.voice.name : null }); current = u; },
    cancel() { calls.push("cancel"); current = null; },
    pause() { calls.push("pause"); },
    resume() { calls.push("resume"); },
    getVoices() {
      return [
        { name: "Alice", lang: "en-GB", voiceURI: "alice" },
        { name: "Daniel", lang: "en-GB", voiceURI: "daniel" },
        { name: "Zofia", lang: "pl-PL", voiceURI: "zofia" },
      ];
    },
    addEventListener() {},
  };
  Object.defineProperty(window, "speechSynthesis", { value: fake, configurable: true });
  // Chromium's utterance takes only its own voices: a plain one takes the stub's.
  window.SpeechSynthesisUtterance = class {
    constructor(text) { this.text = text; this.rate = 1; this.lang = ""; this.voice = null; }
  };
  window.__ra = {
    calls,
    end() { const u = current; if (u && u.onend) u.onend({}); },
  };
}

describe("axe-core on a phone in every colour theme, with the new parts open (issue 22)", () => {
  for (const theme of THEMES) {
    test(`${theme}: menu, read aloud, display options and the offline notice, both variants and Urdu`, async () => {
      const { context, problems } = await openContext(site.browser, site.url, { viewport: PHONE, touch: true, theme });
      await context.addInitScript(stubSpeech);
      const page = await context.newPage();
      const faults = [];
      for (const p of ["/guides/getting-help/", "/easy-read/checklists/annual-review/", "/ur/easy-read/guides/getting-help/"]) {
        await page.goto(site.url + p);
        await page.click("[data-menu-button]");
        await page.click("[data-read-aloud]");
        await page.click(".display-options > summary");
        await page.evaluate(() => {
          document.documentElement.setAttribute("data-offline", "");
          document.querySelector("[data-offline-status]").textContent = "Saved.";
        });
        const axe = await runAxe(page);
        if (axe.length) faults.push(describeViolations(`${p} (${theme})`, axe));
      }
      assert.deepEqual(faults, []);
      await finish({ context, page, problems });
    });
  }
});

describe("read aloud like the paid toolbars (issue 22)", () => {
  const open = (p) => site.open(p, { viewport: PHONE, touch: true, init: stubSpeech });
  const spoken = (page) => page.evaluate(() => window.__ra.calls.filter((c) => typeof c === "object").map((c) => c.text));
  const calls = (page) => page.evaluate(() => window.__ra.calls.map((c) => (typeof c === "object" ? "speak" : c)));
  const reading = (page) => page.evaluate(() => {
    const el = document.querySelector(".ra-reading");
    return el ? `${el.tagName.toLowerCase()}#${[...document.querySelectorAll("#main *")].indexOf(el)}:${el.getAttribute("data-ra-sentence")}` : null;
  });

  test("one sentence at a time, highlighted and moving; pause, resume, stop and speed reach the API", async () => {
    const { context, page, problems } = await open("/guides/getting-help/");
    await page.click("[data-read-aloud]");
    assert.ok(await page.locator("[data-read-aloud-bar]").isVisible(), "the controls are shown");
    assert.deepEqual(await spoken(page), ["Getting help"], "starts with the title, one sentence");
    const first = await reading(page);
    assert.ok(first && first.startsWith("h1"), `the title is highlighted (${first})`);
    const seen = new Set([first]);
    for (let i = 0; i < 4; i += 1) {
      await page.evaluate(() => window.__ra.end());
      seen.add(await reading(page));
    }
    assert.ok(seen.size >= 3, `the highlight moves (${[...seen].join(", ")})`);
    const texts = await spoken(page);
    assert.equal(texts.length, 5);
    for (const t of texts) assert.ok(!/[.!?]\s+\S/.test(t), `one sentence per utterance: "${t}"`);
    const highlighted = await page.evaluate(() => CSS.highlights.has("ra-sentence"));
    assert.ok(highlighted, "the sentence itself is highlighted");

    const play = page.locator('[data-ra="play"]');
    assert.equal((await play.textContent()).trim(), "Pause");
    await play.click();
    assert.equal((await calls(page)).at(-1), "pause");
    assert.equal((await play.textContent()).trim(), "Resume");
    await play.click();
    assert.equal((await calls(page)).at(-1), "resume");

    await page.selectOption('[data-ra="speed"]', "1.5");
    const last = await page.evaluate(() => window.__ra.calls.filter((c) => typeof c === "object").at(-1));
    assert.equal(last.rate, 1.5, "the new speed applies from the sentence being read");
    assert.equal(last.text, texts.at(-1), "that sentence again");

    const voices = await page.locator('[data-ra="voice"] option').allTextContents();
    assert.deepEqual(voices.slice(1), ["Alice (en-GB)", "Daniel (en-GB)"], "only voices in the page's language");
    await page.selectOption('[data-ra="voice"]', "daniel");
    const withVoice = await page.evaluate(() => window.__ra.calls.filter((c) => typeof c === "object").at(-1));
    assert.equal(withVoice.voice, "Daniel");

    await page.click('[data-ra="stop"]');
    assert.equal((await calls(page)).at(-1), "cancel");
    assert.equal(await reading(page), null, "no highlight once stopped");
    // Kept across pages.
    await page.goto(site.url + "/guides/having-your-say/");
    assert.equal(await page.inputValue('[data-ra="speed"]'), "1.5");
    await finish({ context, page, problems });
  });

  test("read from here, keyboard shortcuts, and easy-read rows read as sentences, not picture names", async () => {
    const { context, page, problems } = await open("/easy-read/guides/getting-help/");
    await page.click("[data-read-aloud]");
    await page.click('[data-ra="stop"]');
    const row = page.locator(".prose .er-text").nth(3);
    const rowText = (await row.evaluate((el) => {
      const c = el.cloneNode(true);
      c.querySelectorAll(".term-tip").forEach((t) => t.remove());
      return c.textContent.replace(/\s+/g, " ").trim();
    }));
    await row.click({ position: { x: 5, y: 5 } });
    const from = page.locator(".ra-from-here");
    assert.ok(await from.isVisible(), "Read from here is offered beside the tapped line");
    await from.click();
    const said = await spoken(page);
    assert.ok(rowText.startsWith(said.at(-1)), `reads from that line: "${said.at(-1)}" of "${rowText}"`);
    const alts = await page.$$eval(".prose .er-pic", (imgs) => imgs.map((i) => i.getAttribute("alt")).filter(Boolean));
    for (const a of alts) assert.ok(!said.includes(a), `picture name "${a}" not read`);

    await page.keyboard.press("Alt+Shift+R");
    assert.equal((await calls(page)).at(-1), "pause", "Alt+Shift+R pauses");
    await page.keyboard.press("Alt+Shift+R");
    assert.equal((await calls(page)).at(-1), "resume", "and resumes");
    await page.keyboard.press("Alt+Shift+Period");
    assert.equal(await page.inputValue('[data-ra="speed"]'), "1.25", "Alt+Shift+. is faster");
    await page.keyboard.press("Alt+Shift+S");
    assert.equal((await calls(page)).at(-1), "cancel", "Alt+Shift+S stops");
    assert.match(await page.textContent(".ra-keys"), /Alt\+Shift\+R/, "the shortcuts are listed");
    const axe = await runAxe(page);
    assert.deepEqual(axe, [], describeViolations("read aloud open", axe));
    await finish({ context, page, problems });
  });
});

describe("display options: the shipped font and the reading ruler (issue 22)", () => {
  test("Atkinson Hyperlegible is fetched only when chosen, then used on every page", async () => {
    const { context, problems } = await openContext(site.browser, site.url);
    const page = await context.newPage();
    const fonts = [];
    page.on("request", (r) => { if (r.url().endsWith(".woff2")) fonts.push(r.url()); });
    await page.goto(site.url + "/guides/getting-help/");
    await page.evaluate(() => document.fonts.ready);
    assert.deepEqual(fonts, [], "no font requested until it is chosen");
    await page.click(".display-options > summary");
    await page.check('input[name="bs-font"][value="readable"]');
    await page.evaluate(() => document.fonts.ready);
    assert.ok(fonts.some((f) => f.includes("atkinson-hyperlegible-latin-400-normal")), "the font is fetched");
    await page.goto(site.url + "/checklists/annual-review/");
    const used = await page.evaluate(async () => {
      await document.fonts.ready;
      return document.fonts.check('16px "Atkinson Hyperlegible"') && getComputedStyle(document.body).fontFamily.startsWith('"Atkinson Hyperlegible"');
    });
    assert.ok(used, "kept on the next page and loaded");
    await finish({ context, page, problems });
  });

  test("the reading ruler follows the pointer and the focus, and is kept across pages", async () => {
    const { context, problems } = await openContext(site.browser, site.url);
    const page = await context.newPage();
    await page.goto(site.url + "/guides/getting-help/");
    assert.equal(await page.locator(".reading-ruler").isVisible(), false, "off at first");
    await page.click(".display-options > summary");
    await page.check('input[name="bs-ruler"][value="on"]');
    await page.goto(site.url + "/guides/having-your-say/");
    const ruler = page.locator(".reading-ruler");
    assert.ok(await ruler.isVisible(), "on, on the next page");
    await page.mouse.move(300, 500);
    const box = await ruler.boundingBox();
    assert.ok(Math.abs(box.y + box.height / 2 - 500) < 2, `centred on the pointer (${box.y})`);
    await page.keyboard.press("Tab");
    const focused = await page.evaluate(() => { const r = document.activeElement.getBoundingClientRect(); return r.top + r.height / 2; });
    const moved = await ruler.boundingBox();
    assert.ok(Math.abs(moved.y + moved.height / 2 - focused) < 2, "follows the focus");
    await finish({ context, page, problems });
  });
});

describe("offline (issue 22)", () => {
  test("save the bookshelf, go offline, open pages in both variants and search", async () => {
    // A context of its own without request routing, so the service worker sees every request.
    const context = await site.browser.newContext({ viewport: PHONE, hasTouch: true, isMobile: true });
    const page = await context.newPage();
    const errors = [];
    page.on("pageerror", (e) => errors.push(e.message));
    await page.goto(site.url + "/");
    await page.evaluate(() => navigator.serviceWorker.ready);
    await page.reload();
    const save = page.locator("[data-offline-save-button]");
    assert.ok(await save.isVisible(), "the save button is offered");
    await save.click();
    await page.waitForFunction(() => document.documentElement.hasAttribute("data-offline-saved"), null, { timeout: 120000 });
    assert.match(await page.textContent("[data-offline-status]"), /Saved/);
    const version = await page.evaluate(() => document.documentElement.getAttribute("data-offline-saved"));
    const sw = fs.readFileSync(path.join(SITE, "sw.js"), "utf8");
    assert.ok(sw.startsWith(`const VERSION = "${version}";`), "the worker is the build's");

    await context.setOffline(true);
    for (const p of ["/guides/getting-help/", "/easy-read/checklists/annual-review/", "/glossary/co-production/"]) {
      await page.goto(site.url + p);
      assert.ok((await page.textContent("h1")).trim().length > 0, `${p} opens offline`);
      assert.ok(await page.locator(".offline-kept").isVisible(), `${p}: the offline notice is shown`);
    }
    await page.goto(site.url + "/search/?q=annual+review");
    await page.waitForSelector(".search-hit", { timeout: 30000 });
    assert.ok((await page.locator(".search-hit").count()) > 0, "search works offline");
    await page.goto(site.url + "/easy-read/search/?q=meeting");
    await page.waitForSelector(".search-hit", { timeout: 30000 });
    assert.deepEqual(errors, []);
    await context.setOffline(false);
    await context.close();
  });

  test("pages opened before are kept without saving; others say they are offline", async () => {
    const context = await site.browser.newContext({ viewport: PHONE });
    const page = await context.newPage();
    await page.goto(site.url + "/guides/");
    await page.evaluate(() => navigator.serviceWorker.ready);
    await page.goto(site.url + "/guides/having-your-say/");
    await context.setOffline(true);
    await page.goto(site.url + "/guides/having-your-say/");
    assert.ok(await page.locator(".offline-kept").isVisible());
    assert.match(await page.textContent("h1"), /have your say/i);
    await page.goto(site.url + "/model/");
    assert.ok(await page.locator(".offline-missing").isVisible(), "a page not kept: says it is not saved");
    assert.equal(await page.locator(".offline-kept").isVisible(), false);
    await context.setOffline(false);
    await context.close();
  });
});

describe("the site's own files (issue 22)", () => {
  test("favicon, touch icon, canonical, description, sitemap and robots.txt are there", async () => {
    const { context, problems } = await openContext(site.browser, site.url);
    const page = await context.newPage();
    await page.goto(site.url + "/easy-read/guides/getting-help/");
    const head = await page.evaluate(() => ({
      icon: document.querySelector('link[rel="icon"]')?.href,
      touch: document.querySelector('link[rel="apple-touch-icon"]')?.href,
      canonical: document.querySelector('link[rel="canonical"]')?.getAttribute("href"),
      description: document.querySelector('meta[name="description"]')?.content,
    }));
    assert.ok(head.canonical.endsWith("/easy-read/guides/getting-help/"));
    assert.ok(head.description.length > 20);
    for (const url of [head.icon, head.touch, site.url + "/sitemap.xml", site.url + "/robots.txt"]) {
      const res = await page.request.get(url);
      assert.equal(res.status(), 200, url);
    }
    const map = fs.readFileSync(path.join(SITE, "sitemap.xml"), "utf8");
    assert.ok(map.includes("<loc>/easy-read/guides/getting-help/</loc>"));
    assert.ok(map.includes('hreflang="ur" href="/ur/guides/getting-help/"'));
    await finish({ context, page, problems });
  });

  test("the search page without JavaScript says why and where to look instead", async () => {
    const context = await site.browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(site.url + "/search/?q=annual+review");
    const note = page.locator(".search-needs-js");
    assert.ok(await note.isVisible(), "the note is shown");
    assert.match(await note.textContent(), /needs JavaScript/);
    assert.ok(await page.locator('.search-browse a[href$="glossary/"]').isVisible(), "links to the glossary");
    await context.close();
  });
});
