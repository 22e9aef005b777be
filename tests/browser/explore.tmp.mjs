import { launch, openContext, pool, runAxe, cspViolations } from "/work/main/tests/browser/lib/browser.mjs";
import { htmlFiles, serve, urlPathOf } from "/work/main/tests/browser/lib/site.mjs";
const SITE = "/tmp/site";
const only = process.argv[2] ? process.argv[2].split(",") : null;
const theme = process.argv[3];
const pages = only || htmlFiles(SITE).filter(f=>f.endsWith("index.html")||f.endsWith("404.html")).map(urlPathOf);
const server = await serve(SITE); const browser = await launch();
const { context, problems } = await openContext(browser, server.url, theme ? {theme} : {});
const byRule = {}; const t0 = Date.now();
await pool(pages, 3, async (p) => {
  const page = await context.newPage();
  await page.goto(server.url + p);
  const v = await runAxe(page);
  for (const x of v) { (byRule[x.id] ||= []).push(`${p} ${x.count} ${x.nodes[0].target} :: ${x.nodes[0].summary.slice(0,200)}`); }
  const c = await cspViolations(page); if (c.length) console.log("CSP", p, c);
  await page.close();
});
console.log("time", (Date.now()-t0)/1000, "pages", pages.length);
for (const [k, v] of Object.entries(byRule)) { console.log("==", k, v.length); console.log(v.slice(0, 4).join("\n")); }
console.log("problems", [...new Set(problems)].slice(0, 20));
await browser.close(); await server.close();
