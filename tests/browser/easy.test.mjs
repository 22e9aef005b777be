// easy.test.mjs: easy read whose pictures carry the idea (issue 23). On a phone (390×844) and
// on a desktop every easy-read row, checklist item and glossary definition keeps its picture
// beside its words (ER5: picture on the left, words on the right); the ladder diagram fits and
// keeps its contrast in every colour theme; axe stays at zero. Screenshots go to
// $BOOKSHELF_SHOTS (default: the system's temporary folder) for a person to look at.

import assert from "node:assert/strict";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { before, describe, test } from "node:test";

import { THEMES, describeViolations, runAxe } from "./lib/browser.mjs";
import { finish, useSite } from "./lib/session.mjs";
import { siteDir } from "./lib/site.mjs";

const SITE = siteDir();
const SHOTS = process.env.BOOKSHELF_SHOTS || path.join(os.tmpdir(), "bookshelf-easy-shots");
const PAGES = [
  "/easy-read/model/three-levels/",
  "/easy-read/model/ladder-of-participation/",
  "/easy-read/checklists/annual-review/",
  "/easy-read/glossary/access4all/",
];
const SIZES = [
  { width: 390, height: 844 },
  { width: 1280, height: 900 },
];

const site = useSite(SITE);
const { open } = site;

before(() => {
  fs.mkdirSync(SHOTS, { recursive: true });
});

/** Rows whose picture is not beside its words: the picture's box must sit left of the text
    and overlap it vertically (not above it). */
async function picturesNotBeside(page) {
  return page.evaluate(() => {
    const bad = [];
    const rows = document.querySelectorAll(".er-row, .er-line, .tick label, .definition");
    for (const row of rows) {
      const pic = row.querySelector(":scope > .er-pic");
      const text = row.querySelector(":scope > .er-text");
      if (!pic || !text) continue;
      const p = pic.getBoundingClientRect();
      const t = text.getBoundingClientRect();
      if (p.width === 0 || t.width === 0) continue;
      const beside = p.right <= t.left + 1 && p.top < t.bottom && p.bottom > t.top;
      if (!beside) bad.push(`${row.className}: ${text.textContent.trim().slice(0, 50)}`);
    }
    return { bad, rows: rows.length };
  });
}

describe("easy-read pictures beside their words", () => {
  for (const viewport of SIZES) {
    for (const p of PAGES) {
      test(`${p} at ${viewport.width}px`, async () => {
        const s = await open(p, { viewport });
        const { bad, rows } = await picturesNotBeside(s.page);
        assert.ok(rows > 0, "the page has easy-read rows");
        assert.deepEqual(bad, [], "every picture sits left of its words");
        const overflow = await s.page.evaluate(() => document.documentElement.scrollWidth - innerWidth);
        assert.ok(overflow <= 0, `nothing wider than the screen (${overflow}px over)`);
        // A lazy picture off the screen never loads, so its decode() would never settle: wait
        // for the pictures in view only, and for two seconds at most.
        await s.page.evaluate(() => {
          const inView = [...document.images].filter((i) => i.getBoundingClientRect().top < innerHeight);
          const decoded = Promise.all(inView.map((i) => i.decode().catch(() => null)));
          return Promise.race([decoded, new Promise((r) => setTimeout(r, 2000))]);
        });
        const name = `${p.replaceAll("/", "_").replace(/^_|_$/g, "")}-${viewport.width}.png`;
        await s.page.screenshot({ path: path.join(SHOTS, name) });
        await finish(s);
      });
    }
  }
});

describe("the ladder diagram", () => {
  for (const theme of THEMES) {
    test(`has real text, a name and no axe violation in the ${theme} theme`, async () => {
      for (const p of ["/model/ladder-of-participation/", "/easy-read/model/ladder-of-participation/"]) {
        const s = await open(p, { theme, viewport: { width: 390, height: 844 } });
        const svg = s.page.locator(".ladder-diagram svg");
        assert.equal(await svg.getAttribute("role"), "img");
        const named = await svg.evaluate((e) => e.getAttribute("aria-labelledby").split(" ").every((id) => document.getElementById(id)?.textContent.trim()));
        assert.ok(named, "its title and description exist");
        assert.equal(await s.page.locator(".ladder-diagram svg text").count(), 10, "8 rungs and 2 labels, as text");
        const box = await svg.boundingBox();
        assert.ok(box.width <= 390, "fits a phone");
        const violations = await runAxe(s.page, { include: ".ladder-diagram" });
        assert.deepEqual(violations, [], describeViolations(p, violations));
        await finish(s);
      }
    });
  }
});

describe("axe on easy-read pages", () => {
  test("zero violations on the pages above, phone and desktop", async () => {
    for (const viewport of SIZES) {
      for (const p of PAGES) {
        const s = await open(p, { viewport });
        const violations = await runAxe(s.page);
        assert.deepEqual(violations, [], describeViolations(p, violations));
        await finish(s);
      }
    }
  });
});
