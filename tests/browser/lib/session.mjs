// session.mjs: what every browser test file needs around its tests: the site served and one
// Chromium for the file (started in `before`, stopped in `after`), a page opened in a fresh
// context, and the check at the end of a test that nothing went wrong on the way.

import assert from "node:assert/strict";
import { after, before } from "node:test";

import { cspViolations, describeViolations, launch, openContext, runAxe } from "./browser.mjs";
import { knownAxe } from "./known-issues.mjs";
import { serve } from "./site.mjs";

/**
 * Serve `dir` (with `serveOptions` as `serve` takes them) and launch Chromium for the test file
 * (or `describe` block) this is called in.
 * The returned object's `url`, `requests`, `server` and `browser` are there once the `before`
 * hook has run, that is inside tests; `open` opens a page on the site.
 */
export function useSite(dir, serveOptions = {}) {
  let server;
  let browser;
  before(async () => {
    server = await serve(dir, serveOptions);
    browser = await launch();
  });
  after(async () => {
    await browser?.close();
    await server?.close();
  });
  return {
    get server() {
      return server;
    },
    get browser() {
      return browser;
    },
    get url() {
      return server.url;
    },
    get requests() {
      return server.requests;
    },
    /**
     * A fresh context (`options` as `openContext` takes them) and a page at the site path `p`.
     * `init`: a script added to the context before the page loads; `prepare(page)`: run before
     * the page is opened (to route its requests); `answerDialogs`: accept every dialog, a
     * prompt with `page.__answer`; `waitUntil`: as `page.goto` takes it, "load" unless given.
     */
    async open(p, { init, prepare, answerDialogs, waitUntil, ...options } = {}) {
      const { context, problems } = await openContext(browser, server.url, options);
      if (init) await context.addInitScript(init);
      const page = await context.newPage();
      if (answerDialogs) page.on("dialog", (d) => (d.type() === "prompt" ? d.accept(page.__answer || "") : d.accept()));
      if (prepare) await prepare(page);
      await page.goto(server.url + p, { waitUntil: waitUntil || "load" });
      return { context, page, problems };
    },
  };
}

/** Close the context and fail if there was any outside request, CSP violation or script error. */
export async function finish({ context, page, problems }) {
  const csp = page.isClosed() ? [] : await cspViolations(page);
  await context.close();
  assert.deepEqual([...problems, ...csp], [], "no outside request, CSP violation or script error");
}

/** Fail on any axe violation on the page but those listed in known-issues.mjs for `where`. */
export async function axeClean(page, where) {
  const violations = (await runAxe(page)).filter((v) => !knownAxe(where, v));
  assert.equal(violations.length, 0, describeViolations(where, violations));
}

/** Ids of the first `n` checklist items on the page. */
export async function itemIds(page, n) {
  return page.evaluate((n) => [...document.querySelectorAll("[data-item]")].slice(0, n).map((el) => el.dataset.item), n);
}
