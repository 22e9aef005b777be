// checklist.test.mjs: checklists on screen and on paper (issue 6): ticks, notes and fields kept
// across a reload, progress in a live region, "start again", a dated HTML and CSV record,
// print emulation, rating summaries, and axe-core on a checklist in use.

import assert from "node:assert/strict";
import fs from "node:fs";
import { describe, test } from "node:test";

import { THEMES, openContext } from "./lib/browser.mjs";
import { axeClean, finish, itemIds, useSite } from "./lib/session.mjs";
import { siteDir } from "./lib/site.mjs";

const SITE = siteDir();
const CHECKLIST = "/checklists/before-a-meeting-with-a-family/";
const SLUG = "before-a-meeting-with-a-family";
const RATING = "/checklists/yearly-self-evaluation/";

const site = useSite(SITE);
const { open } = site;

function today() {
  const d = new Date();
  const pad = (n) => String(n).padStart(2, "0");
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

describe("a checklist", () => {
  test("ticks, notes and fields survive a reload; progress updates in a polite live region", async () => {
    const s = await open(CHECKLIST);
    const { page } = s;
    const progress = page.locator("#progress");
    assert.equal(await progress.getAttribute("role"), "status");
    assert.equal(await progress.getAttribute("aria-live"), "polite");
    const total = await page.locator(".cl-item").count();
    assert.equal((await progress.textContent()).trim(), `0 of ${total} done`);
    const [a, b, c] = await itemIds(page, 3);
    await page.check(`#c-${a}`);
    await page.check(`#c-${c}`);
    assert.equal((await progress.textContent()).trim(), `2 of ${total} done`);
    await page.fill(`#n-${b}`, "Ask Mum about the school run");
    await page.fill(`#n-${a}`, "Tuesday 10am at home");
    await page.fill("#f-meeting", "Review for J");
    await page.fill("#f-date", "2026-03-04");
    await page.fill("#f-people", "Mum, SENCo");
    await page.fill("#n-overall", "Good meeting");
    await page.reload({ waitUntil: "load" });
    assert.equal(await page.isChecked(`#c-${a}`), true);
    assert.equal(await page.isChecked(`#c-${b}`), false);
    assert.equal(await page.isChecked(`#c-${c}`), true);
    assert.equal(await page.inputValue(`#n-${b}`), "Ask Mum about the school run");
    assert.equal(await page.inputValue(`#n-${a}`), "Tuesday 10am at home");
    assert.equal(await page.inputValue("#f-meeting"), "Review for J");
    assert.equal(await page.inputValue("#f-date"), "2026-03-04");
    assert.equal(await page.inputValue("#f-people"), "Mum, SENCo");
    assert.equal(await page.inputValue("#n-overall"), "Good meeting");
    assert.equal((await progress.textContent()).trim(), `2 of ${total} done`);
    await page.uncheck(`#c-${a}`);
    assert.equal((await progress.textContent()).trim(), `1 of ${total} done`);
    await finish(s);
  });

  test("an upgrade keeps the single saved state of older versions as the first record; an unknown id is listed and kept", async () => {
    const s = await open(CHECKLIST);
    const [a] = await itemIds(s.page, 1);
    await s.page.evaluate(
      ({ slug, a }) => {
        localStorage.clear();
        localStorage.setItem(`bookshelf-checklist:${slug}`, JSON.stringify({
          v: 1,
          items: { [a]: { done: true, note: "kept" }, "an-item-that-was-removed": { done: true, note: "gone" } },
          fields: { meeting: "Review for J" },
          overall: "",
        }));
      },
      { slug: SLUG, a },
    );
    await s.page.reload({ waitUntil: "load" });
    assert.equal(await s.page.isChecked(`#c-${a}`), true);
    assert.equal(await s.page.inputValue(`#n-${a}`), "kept");
    assert.equal(await s.page.inputValue("#f-meeting"), "Review for J");
    assert.match(await s.page.textContent("#records-removed"), /no longer on this checklist[\s\S]*an-item-that-was-removed/);
    const stored = await s.page.evaluate((slug) => ({
      old: localStorage.getItem(`bookshelf-checklist:${slug}`),
      set: JSON.parse(localStorage.getItem(`bookshelf-records:${slug}`)),
    }), SLUG);
    assert.equal(stored.old, null, "the old state is moved, not copied");
    assert.equal(stored.set.records.length, 1);
    assert.deepEqual(Object.keys(stored.set.records[0].items).sort(), [a, "an-item-that-was-removed"].sort(), "nothing is dropped");
    assert.equal(await s.page.locator("#records-list .record-row").count(), 1);
    await finish(s);
  });

  test("start again asks first, and clears only when the reader agrees", async () => {
    const s = await open(CHECKLIST);
    const { page } = s;
    const [a] = await itemIds(page, 1);
    await page.check(`#c-${a}`);
    await page.fill(`#n-${a}`, "note");
    let answer = false;
    const asked = [];
    page.on("dialog", (d) => {
      asked.push(d.message());
      return answer ? d.accept() : d.dismiss();
    });
    await page.click('[data-action="reset"]');
    assert.equal(asked.length, 1, "a confirm dialog");
    assert.equal(await page.isChecked(`#c-${a}`), true, "cancel keeps everything");
    answer = true;
    await page.click('[data-action="reset"]');
    assert.equal(await page.isChecked(`#c-${a}`), false);
    assert.equal(await page.inputValue(`#n-${a}`), "");
    assert.match((await page.textContent("#progress")).trim(), /^0 of \d+ done$/);
    await page.reload({ waitUntil: "load" });
    assert.equal(await page.isChecked(`#c-${a}`), false, "still clear after a reload");
    assert.equal(await page.inputValue(`#n-${a}`), "");
    await finish(s);
  });

  test("the HTML record is dated, self-contained and has the ticked items and notes", async () => {
    const s = await open(CHECKLIST);
    const { page } = s;
    const [a, b] = await itemIds(page, 2);
    const textA = (await page.locator(`label[for="c-${a}"]`).textContent()).trim();
    await page.check(`#c-${a}`);
    await page.fill(`#n-${a}`, "Tuesday <10am> & at home");
    await page.fill("#f-meeting", "Review for J");
    const [download] = await Promise.all([page.waitForEvent("download"), page.click('[data-action="download-html"]')]);
    assert.equal(download.suggestedFilename(), `${SLUG}-review-for-j-${today()}.html`, "named from the meeting (and today, with no date)");
    const html = fs.readFileSync(await download.path(), "utf8");
    assert.match(html, /^<!DOCTYPE html>/);
    assert.ok(html.includes("<h1>Before a meeting with a family</h1>"), "title");
    assert.ok(html.includes(today()), "today's date");
    assert.ok(html.includes("Review for J"), "the meeting field");
    assert.ok(html.includes("Tuesday &lt;10am&gt; &amp; at home"), "the note, escaped");
    const itemA = html.slice(html.indexOf(`data-item="${a}"`), html.indexOf("</li>", html.indexOf(`data-item="${a}"`)));
    assert.ok(itemA.includes("Done:") && itemA.includes(textA), "item a ticked, with its words");
    const itemB = html.slice(html.indexOf(`data-item="${b}"`), html.indexOf("</li>", html.indexOf(`data-item="${b}"`)));
    assert.ok(itemB.includes("Not done:"), "item b not ticked");
    assert.ok(html.includes("What to record:"), "evidence prompts");
    assert.ok(html.includes("Why this matters:"), "why prompts");
    assert.ok(!/<script|<link|src="http|href="http/.test(html.replace(/Made from the checklist at [^<]*/, "")), "self-contained");
    assert.ok(!html.includes("A written set of promises"), "no glossary tip text in the record");
    const items = (html.match(/data-item="/g) || []).length;
    assert.equal(items, await page.locator(".cl-item").count(), "every item is in the record");
    await finish(s);
  });

  test("nothing leaves the device: ticking, writing and downloading make no request", async () => {
    const s = await open(CHECKLIST);
    const { page } = s;
    await page.waitForLoadState("networkidle");
    const before = site.requests.length;
    const [a] = await itemIds(page, 1);
    await page.check(`#c-${a}`);
    await page.fill(`#n-${a}`, "private note");
    await page.fill("#f-people", "Names of people");
    await Promise.all([page.waitForEvent("download"), page.click('[data-action="download-html"]')]);
    await Promise.all([page.waitForEvent("download"), page.click('[data-action="download-csv"]')]);
    await page.waitForTimeout(200);
    assert.deepEqual(site.requests.slice(before), [], "no request to the server after the page loaded");
    assert.ok(site.requests.every((r) => r.startsWith("GET ")), "only GET requests ever");
    await finish(s);
  });

  test("the Print button opens the browser's print dialog", async () => {
    const { context, problems } = await openContext(site.browser, site.url);
    await context.addInitScript(() => {
      window.__printed = 0;
      window.print = () => { window.__printed += 1; };
    });
    const page = await context.newPage();
    for (const p of [CHECKLIST, "/print/book/"]) {
      await page.goto(site.url + p);
      await page.click('[data-action="print"]');
      assert.equal(await page.evaluate(() => window.__printed), 1, `${p}: window.print() called once`);
    }
    await context.close();
    assert.deepEqual(problems, []);
  });

  test("the CSV record has the same data", async () => {
    const s = await open(CHECKLIST);
    const { page } = s;
    const [a] = await itemIds(page, 1);
    await page.check(`#c-${a}`);
    await page.fill(`#n-${a}`, 'Said "yes", then =1+1');
    const [download] = await Promise.all([page.waitForEvent("download"), page.click('[data-action="download-csv"]')]);
    assert.equal(download.suggestedFilename(), `${SLUG}-${today()}.csv`);
    const csv = fs.readFileSync(await download.path(), "utf8");
    assert.ok(csv.includes(`"Record made","${today()}"`));
    assert.ok(csv.includes('"Section","Item id","Item","Done","What to record","Notes"'));
    const row = csv.split("\r\n").find((r) => r.includes(`"${a}"`));
    assert.ok(row.includes('"Yes"'), row);
    assert.ok(row.includes('"Said ""yes"", then =1+1"'), `quotes doubled: ${row}`);
    const rows = csv.split("\r\n").filter((r) => /^"[^"]*","[a-z0-9-]+",/.test(r) && !r.startsWith('"Section"'));
    assert.equal(rows.length, await page.locator(".cl-item").count(), "a row per item");
    await finish(s);
  });

  test("printed: boxes shown (ticked ones ticked), notes as text or lines, no menus or buttons", async () => {
    const s = await open(CHECKLIST);
    const { page } = s;
    const [a, b] = await itemIds(page, 2);
    await page.check(`#c-${a}`);
    await page.fill(`#n-${a}`, "Written note");
    await page.emulateMedia({ media: "print" });
    const printed = await page.evaluate(({ a, b }) => {
      const shown = (sel) => {
        const el = document.querySelector(sel);
        return !!el && el.checkVisibility({ checkVisibilityCSS: true });
      };
      const box = document.getElementById(`c-${b}`);
      const r = box.getBoundingClientRect();
      const cs = getComputedStyle(box);
      const tick = getComputedStyle(document.getElementById(`c-${a}`), "::before").transform;
      const empty = getComputedStyle(document.getElementById(`c-${b}`), "::before").transform;
      return {
        nav: shown(".site-nav"),
        toolbar: shown(".toolbar"),
        actions: shown(".cl-actions"),
        pager: shown(".pager"),
        search: shown(".header-search"),
        box: { w: r.width, h: r.height, border: cs.borderTopStyle, color: cs.borderTopColor },
        tickScale: tick,
        emptyScale: empty,
        noteText: shown(`#item-${a} .note-print`) && document.querySelector(`#item-${a} .note-print`).textContent,
        noteLines: shown(`#n-${b}`) && getComputedStyle(document.getElementById(`n-${b}`)).backgroundImage,
        why: shown(`#item-${a} .why > p`) || !document.querySelector(`#item-${a} .why`),
      };
    }, { a, b });
    assert.equal(printed.nav, false, "no menu on paper");
    assert.equal(printed.toolbar, false, "no display options on paper");
    assert.equal(printed.actions, false, "no buttons on paper");
    assert.equal(printed.search, false, "no search on paper");
    assert.ok(printed.box.w >= 16 && printed.box.h >= 16 && printed.box.border === "solid", `an empty box to tick: ${JSON.stringify(printed.box)}`);
    assert.equal(printed.box.color, "rgb(0, 0, 0)");
    assert.notEqual(printed.tickScale, printed.emptyScale, "the ticked box prints its tick");
    assert.equal(printed.noteText, "Written note", "a written note prints as text");
    assert.match(String(printed.noteLines), /linear-gradient/, "an empty note prints as lines");
    const pdf = await page.pdf({ format: "A4" });
    assert.ok(pdf.length > 10_000, "prints to PDF");
    await finish(s);
  });

  test("axe-core finds nothing on a checklist that is ticked, noted and open, in every theme", async () => {
    for (const theme of THEMES) {
      const s = await open(CHECKLIST, { theme });
      const { page } = s;
      const [a, b] = await itemIds(page, 2);
      await page.check(`#c-${a}`);
      await page.fill(`#n-${a}`, "A note");
      await page.fill(`#n-${b}`, "Another note");
      await page.fill("#f-meeting", "Review");
      await page.evaluate(() => document.querySelectorAll("details.why").forEach((d) => { d.open = true; }));
      await axeClean(page, `${CHECKLIST} (${theme}, in use)`);
      await finish(s);
    }
  });
});

describe("a rating list", () => {
  test("scores are summarised per section and overall, and survive a reload", async () => {
    const s = await open(RATING);
    const { page } = s;
    const sections = await page.evaluate(() =>
      [...document.querySelectorAll(".cl-section")].map((sec) => ({
        id: sec.querySelector("h2").id,
        title: sec.querySelector("h2").textContent.trim(),
        items: [...sec.querySelectorAll("[data-item]")].map((i) => i.dataset.item),
      })),
    );
    assert.ok(sections.length >= 2 && sections[0].items.length >= 3);
    const total = sections.reduce((n, sec) => n + sec.items.length, 0);
    const [first, second] = sections;
    const scores = [5, 2, 4];
    for (let i = 0; i < 3; i += 1) await page.check(`input[name="r-${first.items[i]}"][value="${scores[i]}"]`);
    await page.check(`input[name="r-${second.items[0]}"][value="1"]`);
    assert.equal((await page.textContent("#progress")).trim(), `4 of ${total} statements scored`);
    const n1 = first.items.length;
    assert.equal(
      (await page.textContent(`[data-section-summary="${first.id}"]`)).trim(),
      `In ${first.title}: average score 3.7 out of 5, from 3 of ${n1} statements scored.`,
    );
    assert.equal(
      (await page.textContent(`[data-section-summary="${second.id}"]`)).trim(),
      `In ${second.title}: average score 1 out of 5, from 1 of ${second.items.length} statements scored.`,
    );
    assert.equal((await page.textContent("#overall")).trim(), `Overall: average score 3 out of 5, from 4 of ${total} statements scored.`);
    await page.reload({ waitUntil: "load" });
    assert.equal(await page.isChecked(`input[name="r-${first.items[1]}"][value="2"]`), true);
    assert.equal((await page.textContent("#overall")).trim(), `Overall: average score 3 out of 5, from 4 of ${total} statements scored.`);
    const [download] = await Promise.all([page.waitForEvent("download"), page.click('[data-action="download-html"]')]);
    const html = fs.readFileSync(await download.path(), "utf8");
    const item = html.slice(html.indexOf(`data-item="${first.items[0]}"`));
    assert.match(item.slice(0, 400), /Score 5 \(Strongly agree\)/);
    assert.ok(html.includes("Overall: average score 3 out of 5"));
    await axeClean(page, `${RATING} (scored)`);
    await finish(s);
  });

  test("each statement is a fieldset with a legend and five large choices", async () => {
    const s = await open(RATING);
    const facts = await s.page.evaluate(() => {
      const item = document.querySelector(".rating-item");
      const radios = item.querySelectorAll('input[type="radio"]');
      const label = radios[0].closest("label").getBoundingClientRect();
      return { legend: !!item.querySelector("fieldset > legend"), radios: radios.length, w: label.width, h: label.height };
    });
    assert.ok(facts.legend);
    assert.equal(facts.radios, 5);
    assert.ok(facts.w >= 44 && facts.h >= 44, `a large target: ${facts.w}x${facts.h}`);
    await finish(s);
  });
});
