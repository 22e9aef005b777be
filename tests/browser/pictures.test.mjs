// pictures.test.mjs: a book with pictures and documents (issue 26, point 1), built from
// lib/pictures-fixture.mjs by scripts/test-browser into BOOKSHELF_PICTURES_SITE. Every picture
// has alt text (empty only for the decorative one), its width and height, and takes its space
// before it loads (no layout shift); a phone gets the 640-pixel copy of the wide photo; a
// document link says its type and size; easy read shows the picture in the row; axe finds
// nothing, at a phone's width and a computer's. Rules: WEB1, WEB3 in shared/ACCESSIBILITY.md.

import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { describe, test } from "node:test";

import { describeViolations, runAxe } from "./lib/browser.mjs";
import { finish, useSite } from "./lib/session.mjs";

const SITE = process.env.BOOKSHELF_PICTURES_SITE;
const skip = SITE && fs.existsSync(path.join(SITE, "index.html"))
  ? false
  : "BOOKSHELF_PICTURES_SITE is not set to a built site (scripts/test-browser builds one)";

const PAGE = "/guides/getting-there/";
const EASY = "/easy-read/guides/getting-there/";
const PHONE = { width: 390, height: 844 };
const COMPUTER = { width: 1280, height: 900 };

describe("pictures and documents", { skip }, () => {
  const site = useSite(SITE);

  async function open(url, viewport, { holdPictures } = {}) {
    let release = () => {};
    const prepare = async (page) => {
      if (!holdPictures) return;
      const held = new Promise((resolve) => (release = resolve));
      await page.route(/\.(png|svg)$/, async (route) => {
        await held;
        await route.continue();
      });
    };
    const opened = await site.open(url, { viewport, prepare, waitUntil: "domcontentloaded" });
    return { ...opened, release };
  }

  for (const [name, viewport] of [["phone", PHONE], ["computer", COMPUTER]]) {
    test(`no layout shift while the pictures load (${name})`, async () => {
      const { context, page, problems, release } = await open(PAGE, viewport, { holdPictures: true });
      const where = () =>
        page.evaluate(() => {
          const after = [...document.querySelectorAll("main p")].find((p) => p.textContent.includes("leaflet"));
          const imgs = [...document.querySelectorAll("img.content-img")];
          return {
            text: Math.round(after.getBoundingClientRect().top + window.scrollY),
            boxes: imgs.map((i) => [Math.round(i.getBoundingClientRect().width), Math.round(i.getBoundingClientRect().height)]),
            loaded: imgs.map((i) => i.complete && i.naturalWidth > 0),
          };
        });
      const before = await where();
      assert.ok(before.loaded.every((l) => !l), `the pictures are held back: ${JSON.stringify(before.loaded)}`);
      assert.ok(before.boxes.every(([w, h]) => w > 0 && h > 0), `each picture has its box before it loads: ${JSON.stringify(before.boxes)}`);
      release();
      await page.evaluate(() => Promise.all([...document.images].map((i) => { i.loading = "eager"; return i.decode().catch(() => {}); })));
      const now = await where();
      assert.ok(now.loaded.every(Boolean), `the pictures loaded: ${JSON.stringify(now.loaded)}`);
      assert.deepEqual(now.boxes, before.boxes, "the pictures keep their boxes");
      assert.equal(now.text, before.text, "the text after the pictures does not move");
      const widest = Math.max(...now.boxes.map(([w]) => w));
      assert.ok(widest <= viewport.width, `no picture is wider than the screen (${widest}px)`);
      await finish({ context, page, problems });
    });
  }

  test("alt text, sizes, the phone copy and the document's type and size", async () => {
    const { context, page, problems } = await open(PAGE, PHONE);
    await page.evaluate(() => Promise.all([...document.images].map((i) => { i.loading = "eager"; return i.decode().catch(() => {}); })));
    const facts = await page.evaluate(() =>
      [...document.querySelectorAll("img.content-img")].map((i) => ({
        alt: i.getAttribute("alt"),
        width: i.getAttribute("width"),
        height: i.getAttribute("height"),
        current: i.currentSrc.split("/").pop(),
      })),
    );
    assert.deepEqual(facts, [
      { alt: "A bus stop by a wide road under a blue sky", width: "1600", height: "1000", current: "bus-stop.640w.png" },
      { alt: "Map from the bus stop to the front door", width: "300", height: "200", current: "map.svg" },
      { alt: "", width: "600", height: "8", current: "line.svg" },
    ]);
    const link = await page.evaluate(() => {
      const a = [...document.querySelectorAll("main a")].find((x) => x.textContent === "the meeting leaflet");
      return { href: a.getAttribute("href"), after: a.nextElementSibling?.textContent };
    });
    assert.deepEqual(link, { href: "../../assets/leaflet.pdf", after: "(PDF, 240 KB)" });
    const res = await page.request.get(site.url + "/assets/leaflet.pdf");
    assert.equal(res.status(), 200);
    assert.equal((await res.body()).length, 240 * 1024);
    await finish({ context, page, problems });
  });

  test("easy read shows the pictures in their rows", async () => {
    const { context, page, problems } = await open(EASY, PHONE);
    const rows = await page.evaluate(() =>
      [...document.querySelectorAll(".er-row > img.er-photo")].map((i) => ({
        alt: i.getAttribute("alt"),
        inRow: i.parentElement.classList.contains("er-row"),
        box: [Math.round(i.getBoundingClientRect().width), Math.round(i.getBoundingClientRect().height)],
      })),
    );
    assert.equal(rows.length, 3, JSON.stringify(rows));
    assert.equal(rows[0].alt, "A bus stop by a wide road under a blue sky");
    assert.ok(rows.every((r) => r.inRow && r.box[0] > 0 && r.box[0] === r.box[1]), `each in the symbol's square: ${JSON.stringify(rows)}`);
    await finish({ context, page, problems });
  });

  for (const url of [PAGE, EASY]) {
    for (const [name, viewport] of [["phone", PHONE], ["computer", COMPUTER]]) {
      test(`axe finds nothing on ${url} (${name})`, async () => {
        const { context, page, problems } = await open(url, viewport);
        await page.waitForLoadState("load");
        const violations = await runAxe(page);
        assert.deepEqual(violations, [], describeViolations(url, violations));
        if (process.env.PICTURES_SCREENSHOTS) {
          const file = path.join(process.env.PICTURES_SCREENSHOTS, `${url.replace(/\W+/g, "-")}${name}.png`);
          await page.screenshot({ path: file, fullPage: true });
        }
        await finish({ context, page, problems });
      });
    }
  }
});
