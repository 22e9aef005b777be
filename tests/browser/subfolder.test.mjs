// subfolder.test.mjs: a bookshelf published in a folder of a bigger site (`base_url =
// "https://example.org/send/"`): its service worker registers for that folder, not the whole
// host, and a page read there once opens again without a connection, with its look. The site is
// built with BOOKSHELF_BASE_URL set (scripts/test-browser builds it into
// BOOKSHELF_SUBFOLDER_SITE) and served under /send/ only; nothing outside the folder exists.

import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { describe, test } from "node:test";

import { useSite } from "./lib/session.mjs";

const SITE = process.env.BOOKSHELF_SUBFOLDER_SITE;
const skip = SITE && fs.existsSync(path.join(SITE, "index.html"))
  ? false
  : "BOOKSHELF_SUBFOLDER_SITE is not set to a site built with BOOKSHELF_BASE_URL=https://example.org/send/ (scripts/test-browser builds one)";
const PREFIX = "/send/";

describe("a bookshelf in a sub-folder (/send/)", { skip }, () => {
  const site = useSite(SITE, { prefix: PREFIX });

  /** A context without request routing, so the service worker sees every request. */
  async function fresh() {
    const context = await site.browser.newContext({ viewport: { width: 390, height: 844 } });
    const page = await context.newPage();
    const errors = [];
    page.on("pageerror", (e) => errors.push(`script error on ${page.url()}: ${e.message}`));
    return { context, page, errors };
  }

  /** Wait until the worker controls the page and has kept a copy of `p`. */
  async function kept(page, p) {
    await page.waitForFunction(
      (url) => caches.match(url).then((hit) => !!hit),
      site.url + p,
      { timeout: 15_000, polling: 100 },
    );
  }

  test("the service worker registers with the folder as its scope, in every language", async () => {
    const { context, page, errors } = await fresh();
    for (const p of [PREFIX, PREFIX + "pl/", PREFIX + "ur/easy-read/"]) {
      await page.goto(site.url + p);
      const reg = await page.evaluate(() => navigator.serviceWorker.ready.then((r) => ({ scope: r.scope, script: r.active.scriptURL })));
      assert.deepEqual(reg, { scope: site.url + PREFIX, script: site.url + PREFIX + "sw.js" }, `${p}: one worker for the folder`);
    }
    const outside = site.requests.filter((r) => !r.startsWith("GET " + PREFIX));
    assert.deepEqual(outside, [], "no request outside the folder");
    assert.deepEqual(errors, []);
    await context.close();
  });

  test("a page read once reloads without a connection, styled, with its offline notice; a page never read says so", async () => {
    const { context, page, errors } = await fresh();
    const guide = PREFIX + "guides/getting-help/";
    await page.goto(site.url + PREFIX);
    await page.evaluate(() => navigator.serviceWorker.ready);
    await page.goto(site.url + guide);
    assert.ok(await page.evaluate(() => !!navigator.serviceWorker.controller), "the worker controls the page");
    await kept(page, guide);
    const title = (await page.textContent("h1")).trim();

    await context.setOffline(true);
    await page.reload();
    assert.equal((await page.textContent("h1")).trim(), title, "the same page, from the worker's copy");
    assert.ok(await page.locator(".offline-kept").isVisible(), "the offline notice is shown (the stylesheet came from the copy too)");
    assert.notEqual(
      await page.evaluate(() => getComputedStyle(document.querySelector(".site-header")).backgroundColor),
      "rgba(0, 0, 0, 0)",
      "the header has the site's look",
    );

    await page.goto(site.url + PREFIX + "model/");
    assert.ok(await page.locator(".offline-missing").isVisible(), "a page not kept: the not-found page says it is not saved");
    assert.equal(await page.locator(".offline-kept").isVisible(), false);
    await context.setOffline(false);
    assert.deepEqual(errors, []);
    await context.close();
  });
});
