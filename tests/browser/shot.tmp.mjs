import { launch, openContext } from "/work/main/tests/browser/lib/browser.mjs";
import { serve } from "/work/main/tests/browser/lib/site.mjs";
const [,, p, out, w, theme, full, extra] = process.argv;
const server = await serve("/tmp/site"); const browser = await launch();
const { context, problems } = await openContext(browser, server.url, { viewport: { width: Number(w||1200), height: 1000 }, theme: theme||undefined });
const page = await context.newPage(); await page.goto(server.url + p);
if (extra) await page.evaluate(extra);
await page.screenshot({ path: out, fullPage: full === "full" });
console.log(problems); await browser.close(); await server.close();
