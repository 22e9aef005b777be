import { launch, openContext } from "/work/main/tests/browser/lib/browser.mjs";
import { serve } from "/work/main/tests/browser/lib/site.mjs";
const [,, p, out, w, display] = process.argv;
const server = await serve("/tmp/site"); const browser = await launch();
const { context, problems } = await openContext(browser, server.url, { viewport: { width: Number(w), height: 900 }, display: JSON.parse(display) });
const page = await context.newPage(); await page.goto(server.url + p);
console.log("scrollWidth", await page.evaluate(() => document.documentElement.scrollWidth));
await page.screenshot({ path: out });
console.log(problems); await browser.close(); await server.close();
