import { launch, openContext } from "/work/main/tests/browser/lib/browser.mjs";
import { serve } from "/work/main/tests/browser/lib/site.mjs";
const [,, pages, w, display] = process.argv;
const server = await serve("/tmp/site"); const browser = await launch();
const { context } = await openContext(browser, server.url, { viewport: { width: Number(w), height: 900 }, display: JSON.parse(display) });
for (const p of pages.split(",")) {
const page = await context.newPage(); await page.goto(server.url + p);
const r = await page.evaluate((w) => { const out=[]; for (const el of document.querySelectorAll("body *")) { const b=el.getBoundingClientRect(); if (b.right > w+1 && b.width>0 && getComputedStyle(el).position!=="absolute") out.push(el.tagName+"."+el.className+" "+Math.round(b.left)+"-"+Math.round(b.right)+" "+(el.textContent||"").slice(0,30)); } return [document.documentElement.scrollWidth, out.slice(0,8)]; }, Number(w));
console.log(p, JSON.stringify(r, null, 1)); await page.close(); }
await browser.close(); await server.close();
