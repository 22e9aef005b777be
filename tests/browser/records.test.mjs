// records.test.mjs: checklists for real casework (issue 25): many records per checklist with
// their status per section (also on the checklists index), resume from a downloaded record and
// its checks (another checklist, a damaged file, a newer format, items removed since), forget
// all records, forget after N days, storage full or switched off, file names from the meeting,
// before-and-after ratings with the chart and its table, and a group's summary from three
// record files. axe-core stays at zero with all of it on the page (WCAG 2.2 AA; statuses and
// the chart read without colour, WCAG 1.4.1; the table is the chart's text, WCAG 1.1.1).

import assert from "node:assert/strict";
import fs from "node:fs";
import { describe, test } from "node:test";

import { axeClean, finish, itemIds, useSite } from "./lib/session.mjs";
import { siteDir } from "./lib/site.mjs";

const SITE = siteDir();
const CHECKLIST = "/checklists/before-a-meeting-with-a-family/";
const SLUG = "before-a-meeting-with-a-family";
const OTHER = "/checklists/after-a-meeting-with-a-family/";
const RATING = "/checklists/yearly-self-evaluation/";
const RATING_SLUG = "yearly-self-evaluation";

const site = useSite(SITE);

/** A page of the site that accepts every dialog (a prompt with `page.__answer`); only `init` and
    `serviceWorkers` are taken from `options`. */
const open = (p, { init, serviceWorkers } = {}) => site.open(p, { init, serviceWorkers, answerDialogs: true });

/** Download the HTML record of the page; its name and text. */
async function downloadRecord(page) {
  const [download] = await Promise.all([page.waitForEvent("download"), page.click('[data-action="download-html"]')]);
  return { name: download.suggestedFilename(), text: fs.readFileSync(await download.path(), "utf8") };
}

/** FNV-1a over UTF-16 units, as the record format's checksum is defined. */
function checksum(text) {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i += 1) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h.toString(16).padStart(8, "0");
}

const unescape = (s) => s.replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&amp;/g, "&");
const escape = (s) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/'/g, "&#39;");

/** A record file's data changed by `edit(outer, data)`, packed again with a good checksum (as a
    newer or another version of the site would write it). */
function repack(text, edit) {
  const re = /<meta name="bookshelf-record" content="([^"]*)"/;
  const outer = JSON.parse(unescape(re.exec(text)[1]));
  const data = JSON.parse(outer.data);
  edit(outer, data);
  outer.data = JSON.stringify(data);
  outer.sum = checksum(outer.data);
  return text.replace(re, `<meta name="bookshelf-record" content="${escape(JSON.stringify(outer))}"`);
}

async function openFile(page, name, text) {
  await page.setInputFiles("#open-record", { name, mimeType: "text/html", buffer: Buffer.from(text) });
  await page.waitForFunction(() => document.getElementById("records-message").textContent.trim() !== "");
  return (await page.textContent("#records-message")).trim();
}

describe("records of a checklist", () => {
  test("two families side by side: each record keeps its own ticks, notes and names; the page and the index list them with a status per section", async () => {
    const s = await open(CHECKLIST);
    const { page } = s;
    const [a, b, c] = await itemIds(page, 3);
    await page.fill("#f-meeting", "Family A");
    await page.fill("#f-date", "2026-03-04");
    await page.check(`#c-${a}`);
    await page.fill(`#n-${a}`, "Note for family A");
    await page.click('[data-records="new"]');
    assert.equal(await page.inputValue("#f-meeting"), "", "a new record starts empty");
    assert.equal(await page.isChecked(`#c-${a}`), false);
    assert.equal(await page.inputValue(`#n-${a}`), "");
    assert.equal(await page.evaluate(() => document.activeElement.id), "f-meeting", "focus moves to the meeting's name");
    await page.fill("#f-meeting", "Family B");
    await page.check(`#c-${b}`);
    await page.check(`#c-${c}`);
    const rows = page.locator("#records-list .record-row");
    assert.equal(await rows.count(), 2);
    const listed = await rows.allTextContents();
    assert.ok(listed.some((r) => r.includes("Family A, 2026-03-04") && r.includes("In progress")), listed.join("\n"));
    assert.ok(listed.some((r) => r.includes("Family B") && r.includes("(open now)")), listed.join("\n"));
    const firstSection = (await page.textContent(".cl-section h2")).trim();
    assert.match(listed.find((r) => r.includes("Family B")), new RegExp(`${firstSection}: [23] of \\d+`), "progress per section");
    assert.match((await page.textContent(".cl-section .section-status")).trim(), /^In progress: \d+ of \d+$/, "a status per section on the page");
    // Switch back to family A: its ticks and notes, not B's.
    await page.click('button[data-records="open"]');
    assert.equal(await page.inputValue("#f-meeting"), "Family A");
    assert.equal(await page.isChecked(`#c-${a}`), true);
    assert.equal(await page.isChecked(`#c-${b}`), false);
    assert.equal(await page.inputValue(`#n-${a}`), "Note for family A");
    await page.reload({ waitUntil: "load" });
    assert.equal(await page.inputValue("#f-meeting"), "Family A", "the record in use is kept across a reload");
    // Rename and delete.
    page.__answer = "Family C";
    const rename = page.locator('#records-list .record-row:has-text("Family B") button[data-records="rename"]');
    await rename.click();
    assert.ok((await rows.allTextContents()).some((r) => r.includes("Family C")));
    await axeClean(page, `${CHECKLIST} (two records)`);
    await page.locator('#records-list .record-row:has-text("Family C") button[data-records="delete"]').click();
    assert.equal(await rows.count(), 1);
    // The checklists index lists this device's records under the checklist's card.
    await page.goto(site.url + "/checklists/", { waitUntil: "load" });
    const card = page.locator(`.card:has(a[href$="${SLUG}/"])`);
    assert.match(await card.locator(".card-records").textContent(), /1 record on this device[\s\S]*Family A, 2026-03-04[\s\S]*In progress/);
    assert.match((await page.textContent(".records-summary")).trim(), /There is 1 record on this device\./);
    await axeClean(page, "/checklists/ (with records)");
    await finish(s);
  });

  test("download then open: the record is named from the meeting and date and opens again as a record with every tick and note", async () => {
    const s = await open(CHECKLIST);
    const { page } = s;
    const [a, b] = await itemIds(page, 2);
    await page.fill("#f-meeting", "Zoë's review / Ysgol #2");
    await page.fill("#f-date", "2026-05-01");
    await page.check(`#c-${a}`);
    await page.fill(`#n-${b}`, "Ask about transport");
    await page.fill("#n-overall", "A good meeting");
    const file = await downloadRecord(page);
    assert.equal(file.name, `${SLUG}-zoe-s-review-ysgol-2-2026-05-01.html`, "safe characters only");
    page.__answer = "";
    await page.click('[data-records="forget-all"]');
    assert.equal(await page.isChecked(`#c-${a}`), false);
    const message = await openFile(page, file.name, file.text);
    assert.match(message, /^Opened .* as the record Zoë's review \/ Ysgol #2, 2026-05-01\.$/);
    assert.equal(await page.isChecked(`#c-${a}`), true);
    assert.equal(await page.inputValue(`#n-${b}`), "Ask about transport");
    assert.equal(await page.inputValue("#n-overall"), "A good meeting");
    assert.equal(await page.inputValue("#f-date"), "2026-05-01");
    await page.reload({ waitUntil: "load" });
    assert.equal(await page.isChecked(`#c-${a}`), true, "kept on the device once opened");
    await finish(s);
  });

  test("a record of another checklist, a damaged or edited file, a newer format and a page that is no record are refused and change nothing", async () => {
    const other = await open(OTHER);
    const [x] = await itemIds(other.page, 1);
    await other.page.check(`#c-${x}`);
    const otherFile = await downloadRecord(other.page);
    await finish(other);

    const s = await open(CHECKLIST);
    const { page } = s;
    const [a] = await itemIds(page, 1);
    await page.fill("#f-meeting", "Current work");
    await page.check(`#c-${a}`);
    const good = await downloadRecord(page);
    const before = await page.evaluate((slug) => localStorage.getItem(`bookshelf-records:${slug}`), SLUG);
    const unchanged = async (what) => {
      assert.equal(await page.evaluate((slug) => localStorage.getItem(`bookshelf-records:${slug}`), SLUG), before, `${what}: storage unchanged`);
      assert.equal(await page.inputValue("#f-meeting"), "Current work", `${what}: the page unchanged`);
      assert.equal(await page.isChecked(`#c-${a}`), true);
    };
    assert.match(await openFile(page, otherFile.name, otherFile.text), /is a record of “After a meeting with a family”, not of this checklist\. Open it on that checklist's page\. Nothing was changed\./);
    await unchanged("another checklist");
    const edited = good.text.replace(/(done\\&quot;:)true/, "$1false");
    assert.notEqual(edited, good.text);
    assert.match(await openFile(page, "edited.html", edited), /edited\.html is damaged, or was changed after it was downloaded/);
    await unchanged("edited");
    const cut = good.text.slice(0, good.text.indexOf('name="bookshelf-record"') + 60);
    assert.match(await openFile(page, "cut.html", cut), /cut\.html is (damaged|not a record)/);
    await unchanged("damaged");
    const newer = repack(good.text, (outer) => { outer.format = 3; });
    assert.match(await openFile(page, "newer.html", newer), /was made by a newer version of this site/);
    await unchanged("newer");
    assert.match(await openFile(page, "page.html", "<!DOCTYPE html><title>x</title><p>hello"), /page\.html is not a record from this bookshelf/);
    await unchanged("not a record");
    await finish(s);
  });

  test("items removed from the checklist since the record was made are listed when it opens, kept, and in its download", async () => {
    const s = await open(CHECKLIST);
    const { page } = s;
    const [a] = await itemIds(page, 1);
    await page.check(`#c-${a}`);
    const good = await downloadRecord(page);
    const old = repack(good.text, (outer, data) => {
      data.items["an-old-item"] = { done: true, note: "old note", t: "An item that was reworded away" };
    });
    assert.equal(repack(good.text, () => {}), good.text, "the test packs records as the site does");
    await page.click('[data-records="forget-all"]');
    assert.match(await openFile(page, "old.html", old), /^Opened old\.html/);
    assert.match(await page.textContent("#records-removed"), /no longer on this checklist[\s\S]*An item that was reworded away/);
    assert.equal(await page.isChecked(`#c-${a}`), true);
    const again = await downloadRecord(page);
    assert.match(again.text, /Items no longer on this checklist[\s\S]*data-removed="an-old-item"[\s\S]*old note/);
    await finish(s);
  });

  test("forget all records on this device: after confirm(), from the checklist page and from the index", async () => {
    const s = await open(CHECKLIST);
    const { page } = s;
    const [a] = await itemIds(page, 1);
    await page.check(`#c-${a}`);
    await page.click('[data-records="new"]');
    await page.check(`#c-${a}`);
    assert.match(await page.textContent(".records-notice"), /kept in this web browser on this device only/);
    await page.click('[data-records="forget-all"]');
    assert.equal(await page.isChecked(`#c-${a}`), false);
    assert.equal((await page.textContent("#records-message")).trim(), "All records on this device are forgotten.");
    const keys = await page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith("bookshelf-records:") || k.startsWith("bookshelf-checklist:")));
    assert.deepEqual(keys, []);
    await page.check(`#c-${a}`);
    await page.goto(site.url + "/checklists/", { waitUntil: "load" });
    assert.equal(await page.locator(".card-records").count(), 1);
    await page.click('[data-records="forget-all"]');
    assert.equal(await page.locator(".card-records").count(), 0);
    assert.equal((await page.textContent(".records-summary")).trim(), "There are no records on this device.");
    await finish(s);
  });

  test("records not changed for the book's forget_after_days are forgotten when the page opens", async () => {
    // The page is rewritten with page.route() below, which a page the service worker
    // controls would bypass on reload.
    const s = await open(CHECKLIST, { serviceWorkers: "block" });
    const { page } = s;
    const [a] = await itemIds(page, 1);
    await page.evaluate(({ slug, a }) => {
      const old = new Date(Date.now() - 40 * 86400000).toISOString();
      const recent = new Date(Date.now() - 2 * 86400000).toISOString();
      const rec = (id, name, saved) => ({ id, made: "2026-01-01", saved, fields: { meeting: name }, items: { [a]: { done: true } }, overall: "", phase: "before", sections: [] });
      localStorage.setItem(`bookshelf-records:${slug}`, JSON.stringify({ v: 2, current: "r-new", records: [rec("r-old", "Old family", old), rec("r-new", "Recent family", recent)] }));
    }, { slug: SLUG, a });
    // The book sets `[checklists] forget_after_days = 30`: the page says so in its article.
    await page.route(site.url + CHECKLIST, async (route) => {
      const response = await route.fetch();
      const body = (await response.text()).replace('data-kind="checklist"', 'data-kind="checklist" data-forget-after-days="30"');
      await route.fulfill({ response, body });
    });
    await page.reload({ waitUntil: "load" });
    assert.match(await page.textContent(".records-notice"), /Records not changed for 30 days are forgotten\./);
    assert.equal((await page.textContent("#records-message")).trim(), "1 record was forgotten because nobody changed it for 30 days.");
    const names = await page.locator("#records-list .record-name").allTextContents();
    assert.deepEqual(names, ["Recent family"]);
    await finish(s);
  });

  test("a full storage quota: a clear message, nothing lost on the page, and the page still works", async () => {
    const s = await open(CHECKLIST, {
      init: () => {
        Storage.prototype.setItem = function () { throw new DOMException("The quota has been exceeded.", "QuotaExceededError"); };
      },
    });
    const { page } = s;
    const [a, b] = await itemIds(page, 2);
    await page.check(`#c-${a}`);
    await page.fill(`#n-${b}`, "still here");
    assert.match((await page.textContent("#storage-problem")).trim(), /storage is full, so your changes are not kept on this device\. Download a record now/);
    assert.equal(await page.getAttribute("#storage-problem", "role"), "alert");
    assert.match((await page.textContent("#progress")).trim(), /^1 of \d+ done$/);
    assert.equal(await page.inputValue(`#n-${b}`), "still here");
    const file = await downloadRecord(page);
    assert.ok(file.text.includes("still here"), "the record can still be downloaded");
    await page.click('[data-records="new"]');
    assert.equal(await page.locator("#records-list .record-row").count(), 2, "records are kept in memory");
    await finish(s);
  });

  test("storage switched off (private mode): a clear message, and ticking and downloading still work", async () => {
    const s = await open(CHECKLIST, {
      init: () => {
        Object.defineProperty(window, "localStorage", { get() { throw new DOMException("The operation is insecure.", "SecurityError"); } });
      },
    });
    const { page } = s;
    const [a] = await itemIds(page, 1);
    assert.match((await page.textContent("#storage-problem")).trim(), /does not let this site keep records/);
    await page.check(`#c-${a}`);
    assert.match((await page.textContent("#progress")).trim(), /^1 of \d+ done$/);
    const file = await downloadRecord(page);
    assert.ok(file.text.includes(`data-item="${a}"`));
    await finish(s);
  });
});

describe("before and after on a rating list", () => {
  async function sections(page) {
    return page.evaluate(() =>
      [...document.querySelectorAll(".cl-section")].map((sec) => ({
        id: sec.querySelector("h2").id,
        title: sec.querySelector("h2").textContent.trim(),
        items: [...sec.querySelectorAll("[data-item]")].map((i) => i.dataset.item),
      })),
    );
  }

  test("scored before and after: the change per statement and section, a chart in the page and a table beside it", async () => {
    const s = await open(RATING);
    const { page } = s;
    const [first] = await sections(page);
    const [x, y] = first.items;
    assert.equal(await page.isChecked('input[name="phase"][value="before"]'), true, "scoring starts with before");
    assert.equal(await page.isHidden("#compare"), true, "no chart before there is an after");
    await page.check(`input[name="r-${x}"][value="2"]`);
    await page.check(`input[name="r-${y}"][value="4"]`);
    await page.check('input[name="phase"][value="after"]');
    assert.equal(await page.isChecked(`input[name="r-${x}"][value="2"]`), false, "after starts unscored");
    await page.check(`input[name="r-${x}"][value="5"]`);
    await page.check(`input[name="r-${y}"][value="3"]`);
    assert.equal((await page.textContent(`#item-${x} .score-change`)).trim(), "Before 2, after 5: up 3.");
    assert.equal((await page.textContent(`#item-${y} .score-change`)).trim(), "Before 4, after 3: down 1.");
    assert.match((await page.textContent(`[data-section-summary="${first.id}"]`)).trim(), /Average before 3, after 4: up 1\.$/);
    const figure = await page.evaluate(() => {
      const svg = document.querySelector("#compare svg");
      return {
        hidden: svg.getAttribute("aria-hidden"),
        before: svg.querySelectorAll("rect.chart-before").length,
        after: svg.querySelectorAll("rect.chart-after").length,
        words: [...svg.querySelectorAll("text.chart-value")].map((t) => t.textContent),
        rows: document.querySelectorAll("#compare table tbody tr").length,
        caption: document.querySelector("#compare table caption").textContent,
        firstRow: [...document.querySelectorAll("#compare table tbody tr:first-child > *")].map((c) => c.textContent),
        key: document.querySelector("#compare .chart-key").textContent,
      };
    });
    assert.equal(figure.hidden, "true", "the chart is drawn for the eye; the table is its text");
    assert.equal(figure.before, 2);
    assert.equal(figure.after, 2);
    assert.deepEqual(figure.words.slice(0, 2), ["before 2", "after 5"], "each bar has its number written beside it");
    assert.equal(figure.rows, await page.locator(".rating-item").count(), "a row per statement");
    assert.equal(figure.caption, "Before and after, statement by statement");
    assert.equal(figure.firstRow[2], "2");
    assert.equal(figure.firstRow[3], "5");
    assert.equal(figure.firstRow[4], "up 3");
    assert.match(figure.key, /empty bars are before and the filled bars are after/);
    // Back to before: the before scores are still there.
    await page.check('input[name="phase"][value="before"]');
    assert.equal(await page.isChecked(`input[name="r-${x}"][value="2"]`), true);
    await page.reload({ waitUntil: "load" });
    assert.equal(await page.isChecked(`input[name="r-${x}"][value="2"]`), true, "both sets of scores survive a reload");
    const file = await downloadRecord(page);
    const item = file.text.slice(file.text.indexOf(`data-item="${x}"`));
    assert.match(item.slice(0, 600), /Score 2 \([^)]*\)[\s\S]*After: score 5 \([^)]*\), up 3/);
    await axeClean(page, `${RATING} (before and after)`);
    await page.setViewportSize({ width: 320, height: 640 });
    assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= 320), "the chart, table and records reflow at 320px (WCAG 1.4.10)");
    await finish(s);
  });

  test("the group summary brings three people's record files together: people, average before and after, spread, and a download", async () => {
    const s = await open(RATING);
    const { page } = s;
    const [first] = await sections(page);
    const [x, y] = first.items;
    const people = [
      [x, 1, 4],
      [x, 2, 5],
      [x, 3, 3],
    ];
    const files = [];
    for (const [i, [id, b, a]] of people.entries()) {
      await page.click('[data-records="new"]');
      await page.fill("#f-meeting", `Person ${i + 1}`);
      await page.check('input[name="phase"][value="before"]');
      await page.check(`input[name="r-${id}"][value="${b}"]`);
      if (i < 2) await page.check(`input[name="r-${y}"][value="${i + 2}"]`);
      await page.check('input[name="phase"][value="after"]');
      await page.check(`input[name="r-${id}"][value="${a}"]`);
      const f = await downloadRecord(page);
      files.push({ name: f.name, mimeType: "text/html", buffer: Buffer.from(f.text) });
    }
    const stray = await open(CHECKLIST);
    const strayFile = await downloadRecord(stray.page);
    await finish(stray);
    await page.setInputFiles("#group-files", [...files, { name: "wrong.html", mimeType: "text/html", buffer: Buffer.from(strayFile.text) }]);
    await page.waitForSelector("#group-result table");
    assert.match((await page.textContent("#group-message")).trim(), /^Read 3 records\. Left out wrong\.html: .*not of this checklist/);
    const rows = await page.evaluate(() => [...document.querySelectorAll("#group-result tbody tr")].map((tr) => [...tr.children].map((c) => c.textContent)));
    const rowX = rows[0];
    const rowY = rows[1];
    assert.deepEqual(rowX.slice(2), ["2", "4", "up 2", "3", "1–3", "3–5"], "average before 2, after 4, 3 people, spread");
    assert.deepEqual(rowY.slice(2, 6), ["2.5", "not scored", "", "2"], "two people scored the second statement before only");
    assert.equal((await page.textContent("#group-result caption")).trim(), "3 people: average before and after");
    assert.equal(await page.locator("#group-result svg rect.chart-after").count(), 1);
    const [download] = await Promise.all([page.waitForEvent("download"), page.click('[data-group="download"]')]);
    const today = new Date().toISOString().slice(0, 10);
    assert.match(download.suggestedFilename(), new RegExp(`^${RATING_SLUG}-group-summary-\\d{4}-\\d{2}-\\d{2}\\.html$`));
    const html = fs.readFileSync(await download.path(), "utf8");
    assert.match(html, /group summary of/);
    assert.ok(html.includes("<table") && html.includes("1–3"), "the summary file has the table");
    assert.ok(today.length === 10);
    await axeClean(page, `${RATING} (group summary)`);
    await finish(s);
  });
});

describe("axe-core with records in use", () => {
  test("stays at zero on checklist pages, rating pages and the index, in both variants (and right to left), with records, before and after, and a group summary", async () => {
    for (const prefix of ["", "/easy-read", "/ur"]) {
      const s = await open(prefix + CHECKLIST);
      const { page } = s;
      const [a] = await itemIds(page, 1);
      await page.fill("#f-meeting", "Family A");
      await page.check(`#c-${a}`);
      const file = await downloadRecord(page);
      await page.click('[data-records="new"]');
      await openFile(page, file.name, repack(file.text, (outer, data) => { data.items["gone"] = { done: true, t: "Gone" }; }));
      assert.equal(await page.isVisible("#records-removed"), true);
      await axeClean(page, `${prefix}${CHECKLIST} (records)`);
      await page.goto(site.url + prefix + "/checklists/", { waitUntil: "load" });
      assert.ok((await page.locator(".card-records").count()) >= 1);
      await axeClean(page, `${prefix}/checklists/ (records)`);
      await page.goto(site.url + prefix + RATING, { waitUntil: "load" });
      const ids = await itemIds(page, 2);
      await page.check(`input[name="r-${ids[0]}"][value="2"]`);
      await page.check('input[name="phase"][value="after"]');
      await page.check(`input[name="r-${ids[0]}"][value="4"]`);
      const rating = await downloadRecord(page);
      await page.setInputFiles("#group-files", [1, 2, 3].map((n) => ({ name: `p${n}.html`, mimeType: "text/html", buffer: Buffer.from(rating.text) })));
      await page.waitForSelector("#group-result table");
      assert.equal(await page.isVisible("#compare svg"), true);
      await axeClean(page, `${prefix}${RATING} (before and after, group)`);
      await finish(s);
    }
  });
});
