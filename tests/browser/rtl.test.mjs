// rtl.test.mjs: right-to-left details on Urdu pages at 390 and 1280 pixels wide. The
// breadcrumb chevrons point the reading way (forward to the left, and on a phone the one link
// back to the right), and short blocks in English words (a title, lead or card summary not
// translated yet, marked lang="en-GB" dir="ltr" for WCAG 3.1.2, WEB9) line up with the page.

import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";

import { launch, openContext } from "./lib/browser.mjs";
import { serve, siteDir } from "./lib/site.mjs";

const SITE = siteDir();
const WIDTHS = [390, 1280];

let server;
let browser;

before(async () => {
  server = await serve(SITE);
  browser = await launch();
});

after(async () => {
  await browser?.close();
  await server?.close();
});

/**
 * Which way each visible breadcrumb chevron (an `li::before` drawn with two borders and
 * turned) points: "left", "right", "up" or "down", from its borders and its transform.
 */
async function chevrons(page) {
  return page.evaluate(() => {
    const out = [];
    for (const li of document.querySelectorAll(".breadcrumbs li")) {
      if (li.offsetParent === null) continue;
      const s = getComputedStyle(li, "::before");
      if (s.content === "none" || s.display === "none") continue;
      const w = (side) => parseFloat(s[`border${side}Width`]) > 0;
      // The corner the two borders meet at, in screen co-ordinates (y down).
      const x = (w("Right") ? 1 : 0) - (w("Left") ? 1 : 0);
      const y = (w("Bottom") ? 1 : 0) - (w("Top") ? 1 : 0);
      const m = new DOMMatrix(s.transform === "none" ? undefined : s.transform);
      const px = m.a * x + m.c * y;
      const py = m.b * x + m.d * y;
      out.push(Math.abs(px) > Math.abs(py) ? (px > 0 ? "right" : "left") : py > 0 ? "down" : "up");
    }
    return out;
  });
}

describe("right to left", () => {
  for (const width of WIDTHS) {
    test(`breadcrumb chevrons point the reading way at ${width} pixels`, async () => {
      const { context } = await openContext(browser, server.url, { viewport: { width, height: 900 } });
      const page = await context.newPage();
      for (const [p, rtl] of [
        ["/guides/having-your-say/", false],
        ["/ur/guides/having-your-say/", true],
        ["/ur/easy-read/glossary/co-production/", true],
      ]) {
        await page.goto(server.url + p);
        const found = await chevrons(page);
        assert.ok(found.length > 0, `${p}: a chevron is shown`);
        // Wide: chevrons between the crumbs point forward. Phone: the one link points back.
        const forward = rtl ? "left" : "right";
        const back = rtl ? "right" : "left";
        const want = width < 768 ? [back] : found.map(() => forward);
        assert.deepEqual(found, want, `${p} at ${width}px`);
        if (rtl && width >= 768) {
          // The current page's crumb, in English, has its chevron at its right: between it
          // and the crumb before, not after its words.
          const side = await page.evaluate(() => {
            const li = document.querySelector(".breadcrumbs li[aria-current]");
            const range = document.createRange();
            range.selectNodeContents(li);
            return li.getBoundingClientRect().right - range.getBoundingClientRect().right;
          });
          assert.ok(side > 8, `${p}: the chevron is at the right of the current crumb (${side}px)`);
        }
      }
      await context.close();
    });

    test(`English blocks on an Urdu page line up with the page at ${width} pixels`, async () => {
      const { context } = await openContext(browser, server.url, { viewport: { width, height: 900 } });
      const page = await context.newPage();
      for (const [p, selector] of [
        ["/ur/guides/having-your-say/", "h1[dir=ltr]"],
        ["/ur/guides/having-your-say/", ".lead[dir=ltr]"],
        ["/ur/guides/", ".card p[dir=ltr]"],
        ["/ur/glossary/", ".terms dd[dir=ltr]"],
      ]) {
        await page.goto(server.url + p);
        const block = page.locator(selector).first();
        assert.equal(await block.getAttribute("lang"), "en-GB", `${p} ${selector}`);
        const align = await block.evaluate((e) => getComputedStyle(e).textAlign);
        assert.equal(align, "right", `${p} ${selector} lines up with the page`);
        // Its text still runs left to right.
        assert.equal(await block.evaluate((e) => getComputedStyle(e).direction), "ltr");
      }
      await context.close();
    });
  }
});
