// axe.test.mjs: axe-core (WCAG 2.0/2.1/2.2 A and AA, plus color-contrast-enhanced) over every
// page of the built site in both variants, and over a sample of page kinds in every colour
// theme; every page loads with no outside request, no CSP violation and no script error.
// Rules: WEB1 (contrast 7:1), WEB3, WEB9 in shared/ACCESSIBILITY.md.

import assert from "node:assert/strict";
import { describe, test } from "node:test";

import { THEMES, cspViolations, describeViolations, openContext, pool, runAxe } from "./lib/browser.mjs";
import { knownAxe } from "./lib/known-issues.mjs";
import { useSite } from "./lib/session.mjs";
import { htmlFiles, siteDir, urlPathOf } from "./lib/site.mjs";

const SITE = siteDir();
const PAGES = htmlFiles(SITE).filter((f) => f.endsWith("index.html") || f.endsWith("404.html"));
const PARALLEL = Number(process.env.AXE_PARALLEL || 3);

/** One page of each kind, both variants (issue 5: every theme on a sample of kinds). */
export const SAMPLE = [
  "/",
  "/model/three-levels/",
  "/guides/having-your-say/",
  "/checklists/",
  "/checklists/before-a-meeting-with-a-family/",
  "/checklists/yearly-self-evaluation/",
  "/glossary/",
  "/glossary/co-production/",
  "/easy-read/search/",
  "/search/?q=co-production",
  "/search/?q=football+results",
  "/easy-read/search/?q=meeting",
  "/sources/",
  "/easy-read/",
  "/easy-read/model/three-levels/",
  "/easy-read/guides/having-your-say/",
  "/easy-read/checklists/before-a-meeting-with-a-family/",
  "/easy-read/glossary/",
  "/easy-read/glossary/co-production/",
  // Other languages: a translated page, an untranslated one, and right to left in both variants.
  "/pl/guides/getting-help/",
  "/pl/model/three-levels/",
  "/ur/",
  "/ur/easy-read/checklists/before-a-meeting-with-a-family/",
];

const site = useSite(SITE);

/** Load each path in a fresh page of a context and run axe; collect every failure. */
async function audit(paths, options = {}) {
  const { context, problems } = await openContext(site.browser, site.url, options);
  const failures = [];
  const known = [];
  await pool(paths, PARALLEL, async (p) => {
    const page = await context.newPage();
    try {
      await page.goto(site.url + p, { waitUntil: "load" });
      if (p.includes("?q=")) await page.waitForSelector("#search-results .search-count", { timeout: 15_000 });
      if (options.openTip) {
        const link = page.locator(".term-link").first();
        if (await link.count()) await link.focus();
      }
      const violations = await runAxe(page);
      const kept = [];
      for (const v of violations) {
        const reason = knownAxe(p, v);
        if (reason) known.push(`${p}: ${v.id} (${reason})`);
        else kept.push(v);
      }
      if (kept.length) failures.push(describeViolations(p, kept));
      const csp = await cspViolations(page);
      if (csp.length) failures.push(`${p}: CSP violations: ${csp.join("; ")}`);
    } catch (err) {
      failures.push(`${p}: ${err.message}`);
    } finally {
      await page.close();
    }
  });
  await context.close();
  if (known.length) console.log(`# known renderer issues (see lib/known-issues.mjs):\n#   ${[...new Set(known)].slice(0, 20).join("\n#   ")}`);
  return { failures, problems };
}

describe("axe-core over every page", () => {
  test(`all ${PAGES.length} pages, both variants, default colours`, { timeout: 900_000 }, async () => {
    assert.ok(PAGES.length > 100, `expected the whole York site, found ${PAGES.length} pages`);
    assert.ok(PAGES.some((p) => p.startsWith("easy-read/")), "easy read pages are in the walk");
    // Every language's pages are in the walk too (York has Polish and right-to-left Urdu).
    for (const lang of ["pl", "ur"]) {
      assert.ok(PAGES.includes(`${lang}/index.html`) && PAGES.includes(`${lang}/easy-read/index.html`), `${lang}/ pages are in the walk`);
    }
    const { failures, problems } = await audit(PAGES.map(urlPathOf));
    assert.deepEqual(problems.filter((p) => !p.startsWith("HTTP 404")), [], "no outside request, CSP violation or script error");
    assert.equal(failures.length, 0, failures.join("\n"));
  });
});

describe("axe-core in every colour theme", () => {
  for (const theme of THEMES) {
    test(`theme ${theme}: sample pages, with a glossary tip open`, { timeout: 300_000 }, async () => {
      const { failures, problems } = await audit(SAMPLE, { theme, openTip: true });
      assert.deepEqual(problems, [], "no outside request, CSP violation or script error");
      assert.equal(failures.length, 0, failures.join("\n"));
    });
  }

  test("no choice made, device asks for dark: sample pages", { timeout: 300_000 }, async () => {
    const { failures, problems } = await audit(SAMPLE, { colorScheme: "dark", openTip: true });
    assert.deepEqual(problems, []);
    assert.equal(failures.length, 0, failures.join("\n"));
  });

  test("largest text, widest spacing and the readable font: sample pages at 320px", { timeout: 300_000 }, async () => {
    const { failures, problems } = await audit(SAMPLE.slice(0, 8), {
      display: { size: "200", spacing: "wider", font: "readable", theme: "cream" },
      viewport: { width: 320, height: 640 },
    });
    assert.deepEqual(problems, []);
    assert.equal(failures.length, 0, failures.join("\n"));
  });
});
