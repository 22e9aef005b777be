// look.test.mjs: what a review of the site's screenshots found (issue 21), kept fixed. At 200%
// text on a phone the header and tools grow with the words (they stayed at 100%); headings are
// not much smaller than the words they head (they were 73-82%), and the lead is not larger than
// the title; the title beside the page's symbol is whole, beside it or under it, never split by
// a gap; every control is at least 24px (WCAG 2.5.8); the first language lines up with the menu
// on a wide screen, in both directions.

import assert from "node:assert/strict";
import { describe, test } from "node:test";

import { openContext } from "./lib/browser.mjs";
import { finish, useSite } from "./lib/session.mjs";
import { siteDir } from "./lib/site.mjs";

const SITE = siteDir();
const PHONE = { width: 390, height: 844 };
const WIDE = { width: 1280, height: 800 };
const MISSING = "/no-such-page/";
const PAGES = [
  "/",
  "/guides/getting-help/",
  "/easy-read/guides/getting-help/",
  "/checklists/before-a-meeting-with-a-family/",
  "/easy-read/checklists/before-a-meeting-with-a-family/",
  "/glossary/",
  "/search/?q=complain",
  "/print/book/",
  MISSING,
  "/pl/",
  "/pl/guides/getting-help/",
  "/ur/",
  "/ur/easy-read/guides/getting-help/",
  "/ur/checklists/before-a-meeting-with-a-family/",
];

const site = useSite(SITE);

/** One context at a viewport and text size; `visit(page, path)` for each path. */
async function each(viewport, size, paths, visit) {
  const { context, problems } = await openContext(site.browser, site.url, {
    viewport,
    touch: viewport === PHONE,
    display: size === "100" ? null : { size },
  });
  const page = await context.newPage();
  for (const p of paths) {
    await page.goto(site.url + p, { waitUntil: "load" });
    await visit(page, p);
  }
  // The not-found page is meant to answer 404.
  const expected = (problem) => problem.includes(`${site.url}${MISSING}`) && /404/.test(problem);
  await finish({ context, page, problems: problems.filter((problem) => !expected(problem)) });
}

const px = (page, selector) => page.evaluate((s) => parseFloat(getComputedStyle(document.querySelector(s)).fontSize), selector);

describe("looked at as readers would (issue 21)", () => {
  test("at 200% on a phone the Menu button and the tools above the page grow with the text", async () => {
    const sizes = {};
    for (const size of ["100", "200"]) {
      await each(PHONE, size, ["/guides/getting-help/", "/easy-read/guides/getting-help/"], async (page, p) => {
        sizes[`${p} ${size}`] = {
          menu: await px(page, "[data-menu-button]"),
          tools: await px(page, ".variant-switch"),
          name: await px(page, ".site-title"),
        };
      });
    }
    for (const p of ["/guides/getting-help/", "/easy-read/guides/getting-help/"]) {
      const [small, large] = [sizes[`${p} 100`], sizes[`${p} 200`]];
      assert.ok(large.menu >= small.menu * 1.25, `${p}: the Menu button grows (${small.menu}px at 100%, ${large.menu}px at 200%)`);
      assert.ok(large.tools >= small.tools * 1.25, `${p}: the variant switch grows (${small.tools}px, ${large.tools}px)`);
      assert.ok(large.name >= small.name, `${p}: the site's name is not smaller at 200%`);
    }
  });

  for (const size of ["100", "200"]) {
    test(`headings are at least 90% of the size of the words they head, on a phone at ${size}%`, async () => {
      const faults = [];
      await each(PHONE, size, PAGES, async (page, p) => {
        const found = await page.evaluate(() => {
          const size = (el) => parseFloat(getComputedStyle(el).fontSize);
          const text = size(document.body);
          const out = [];
          for (const h of document.querySelectorAll("main h1, main h2, main h3")) {
            if (h.checkVisibility() && size(h) + 0.5 < text * 0.9) out.push(`${h.tagName.toLowerCase()} "${h.textContent.trim().slice(0, 30)}" ${size(h)}px over text of ${text}px`);
          }
          const h1 = document.querySelector("h1");
          const lead = document.querySelector("main .lead");
          if (lead && size(lead) > size(h1) + 0.5) out.push(`the lead (${size(lead)}px) is larger than the title (${size(h1)}px)`);
          return out;
        });
        faults.push(...found.map((f) => `${p}: ${f}`));
      });
      assert.deepEqual(faults, []);
    });
  }

  for (const [name, viewport] of [["phone", PHONE], ["wide screen", WIDE]]) {
    for (const size of ["100", "200"]) {
      test(`the title is whole beside its symbol or under it, never split by a gap (${name}, ${size}%)`, async () => {
        const faults = [];
        await each(viewport, size, PAGES, async (page, p) => {
          const fault = await page.evaluate(() => {
            const pic = document.querySelector(".page-symbol");
            const h1 = document.querySelector("h1");
            if (!pic || getComputedStyle(pic).float === "none") return null;
            const s = pic.getBoundingClientRect();
            const range = document.createRange();
            range.selectNodeContents(h1);
            const lines = [...range.getClientRects()].filter((b) => b.width > 0);
            const beside = (b) => b.top < s.bottom && b.bottom > s.top;
            const besideLines = lines.filter(beside).length;
            // Lines beside the symbol then lines under it: the title wraps round it, which is
            // fine, unless a line is missing between (a gap taller than a line).
            const tops = [...new Set(lines.map((b) => Math.round(b.top)))].sort((a, b) => a - b);
            const lineHeight = parseFloat(getComputedStyle(h1).lineHeight) || parseFloat(getComputedStyle(h1).fontSize) * 1.3;
            for (let i = 1; i < tops.length; i += 1) {
              if (tops[i] - tops[i - 1] > lineHeight * 1.5) return `a gap of ${tops[i] - tops[i - 1]}px inside the title (${besideLines} line(s) beside the symbol)`;
            }
            const overlap = lines.some((b) => beside(b) && b.left < s.right && b.right > s.left);
            return overlap ? "a line of the title runs under the symbol" : null;
          });
          if (fault) faults.push(`${p}: ${fault}`);
        });
        assert.deepEqual(faults, []);
      });
    }
  }

  for (const [name, viewport] of [["phone", PHONE], ["wide screen", WIDE]]) {
    test(`every control and every link on its own is at least 24px by 24px (WCAG 2.5.8, ${name})`, async () => {
      const faults = [];
      await each(viewport, "100", PAGES, async (page, p) => {
        const small = await page.evaluate(() => {
          const out = [];
          for (const el of document.querySelectorAll("a[href], button, input:not([type=hidden]), select, textarea, summary")) {
            if (!el.checkVisibility() || el.classList.contains("skip-link")) continue;
            const r = el.getBoundingClientRect();
            if (r.width === 0) continue;
            // A link in a sentence is exempt ("inline" in 2.5.8): its size is its line's.
            const inSentence = el.tagName === "A" && getComputedStyle(el).display === "inline" && el.parentElement.textContent.trim() !== el.textContent.trim();
            if (inSentence) continue;
            if (r.width < 24 || r.height < 24) out.push(`${el.tagName.toLowerCase()} "${(el.textContent || el.value || "").trim().slice(0, 30)}" ${Math.round(r.width)}x${Math.round(r.height)}`);
          }
          return [...new Set(out)].slice(0, 5);
        });
        if (small.length) faults.push(`${p}: ${small.join(", ")}`);
      });
      assert.deepEqual(faults, []);
    });
  }

  test("on a wide screen the first language lines up with the menu, left to right and right to left", async () => {
    await each(WIDE, "100", ["/guides/getting-help/", "/ur/guides/getting-help/"], async (page, p) => {
      const edges = await page.evaluate(() => {
        const rtl = document.documentElement.dir === "rtl";
        // Where the words start, not the box: padding inside the box is what moved them.
        const edge = (el) => {
          const range = document.createRange();
          range.selectNodeContents(el);
          const r = range.getBoundingClientRect();
          return Math.round(rtl ? r.right : r.left);
        };
        return { nav: edge(document.querySelector(".site-nav a")), language: edge(document.querySelector(".language-switch a")) };
      });
      assert.ok(Math.abs(edges.nav - edges.language) <= 1, `${p}: menu starts at ${edges.nav}px, languages at ${edges.language}px`);
    });
  });
});
