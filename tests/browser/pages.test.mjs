// pages.test.mjs: every built page as HTML, without a browser: one lang, one h1, one main, no
// duplicate ids, every internal href and src resolves to a file in the site, and every
// #fragment to an id in its target page; no inline script or style (CSP), no outside asset.
// Rules: WEB3 (skip link target), WEB9 (lang) in shared/ACCESSIBILITY.md.

import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { describe, test } from "node:test";

import { knownHtml } from "./lib/known-issues.mjs";
import { htmlFiles, siteDir } from "./lib/site.mjs";

const SITE = siteDir();
const FILES = htmlFiles(SITE).filter((f) => !f.startsWith("assets/"));

function decode(text) {
  return text
    .replace(/&#x([0-9a-f]+);/gi, (_, h) => String.fromCodePoint(parseInt(h, 16)))
    .replace(/&#([0-9]+);/g, (_, d) => String.fromCodePoint(Number(d)))
    .replace(/&quot;/g, '"')
    .replace(/&#39;|&apos;/g, "'")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&amp;/g, "&");
}

/** Parsed facts about one page. */
function scan(file) {
  const html = fs.readFileSync(path.join(SITE, file), "utf8");
  const ids = [...html.matchAll(/<[a-z][a-z0-9]*\s[^>]*?\bid="([^"]*)"/gi)].map((m) => decode(m[1]));
  const links = [...html.matchAll(/<(a|link|area)\s[^>]*?\bhref="([^"]*)"/gi)].map((m) => decode(m[2]));
  const srcs = [...html.matchAll(/<(img|script|source|iframe)\s[^>]*?\bsrc="([^"]*)"/gi)].map((m) => decode(m[2]));
  const actions = [...html.matchAll(/<form\s[^>]*?\baction="([^"]*)"/gi)].map((m) => decode(m[1]));
  return { html, ids, links, srcs, actions };
}

const PAGES = new Map(FILES.map((f) => [f, scan(f)]));

/** The site file a URL points at from `from`, or null when it points outside the site. */
function resolve(from, url) {
  if (/^[a-z][a-z0-9+.-]*:/i.test(url) || url.startsWith("//")) return null;
  const [noHash, hash = ""] = url.split("#");
  const clean = noHash.split("?")[0];
  const base = "http://site/" + from;
  const target = new URL(clean || path.posix.basename(from), base);
  if (!clean) return { file: from, hash };
  let rel = decodeURIComponent(target.pathname.replace(/^\//, ""));
  if (rel === "" || rel.endsWith("/")) rel += "index.html";
  return { file: rel, hash };
}

function exists(rel) {
  const full = path.join(SITE, rel);
  if (fs.existsSync(full) && fs.statSync(full).isFile()) return true;
  return fs.existsSync(path.join(full, "index.html"));
}

/** Split findings into those that fail and those listed as known renderer issues. */
function sort(kind, findings) {
  const fail = [];
  const known = new Set();
  for (const f of findings) {
    const reason = knownHtml(kind, f);
    if (reason) known.add(reason);
    else fail.push(f);
  }
  if (known.size) console.log(`# known (${kind}): ${[...known].join("; ")}`);
  return fail;
}

describe("every built page", () => {
  test("the walk found the whole site", () => {
    assert.ok(FILES.length > 100, `only ${FILES.length} HTML files`);
    assert.ok(FILES.includes("index.html") && FILES.includes("easy-read/index.html"));
    for (const lang of ["pl", "ur"]) assert.ok(FILES.includes(`${lang}/easy-read/index.html`), `no ${lang}/ pages`);
  });

  test("lang, one main, one h1, a title, and the skip link's target", () => {
    const bad = [];
    for (const [file, p] of PAGES) {
      if (!/<html[^>]*\slang="[a-z]{2}(-[A-Za-z]{2})?"/.test(p.html)) bad.push(`${file}: no lang on <html>`);
      if ((p.html.match(/<main[\s>]/g) || []).length !== 1) bad.push(`${file}: not exactly one <main>`);
      if ((p.html.match(/<h1[\s>]/g) || []).length !== 1) bad.push(`${file}: not exactly one <h1>`);
      if (!/<title>[^<]+<\/title>/.test(p.html)) bad.push(`${file}: no <title>`);
      const skip = p.html.match(/<a class="skip-link" href="#([^"]+)"/);
      if (!skip) bad.push(`${file}: no skip link`);
      else if (!p.ids.includes(skip[1])) bad.push(`${file}: skip link target #${skip[1]} missing`);
      const firstLink = p.html.slice(p.html.indexOf("<body")).match(/<(a|button|input|select|textarea|summary)[\s>]/);
      if (!firstLink || !/^<a class="skip-link"/.test(p.html.slice(p.html.indexOf("<body")).slice(firstLink.index)))
        bad.push(`${file}: the skip link is not the first interactive element`);
    }
    assert.deepEqual(sort("structure", bad), []);
  });

  test("no duplicate ids", () => {
    const bad = [];
    for (const [file, p] of PAGES) {
      const seen = new Map();
      for (const id of p.ids) seen.set(id, (seen.get(id) || 0) + 1);
      for (const [id, n] of seen) if (n > 1) bad.push(`${file}: id "${id}" used ${n} times`);
    }
    assert.deepEqual(sort("duplicate-id", bad), []);
  });

  test("every internal link, form action and asset resolves, and every #fragment exists", () => {
    const bad = [];
    for (const [file, p] of PAGES) {
      for (const url of [...p.links, ...p.srcs, ...p.actions]) {
        const r = resolve(file, url);
        if (!r) continue;
        if (!exists(r.file)) {
          bad.push(`${file}: ${url} -> ${r.file} does not exist`);
          continue;
        }
        if (r.hash) {
          const target = PAGES.get(r.file.endsWith(".html") ? r.file : `${r.file}/index.html`.replace(/^\//, ""));
          if (target && !target.ids.includes(decodeURIComponent(r.hash))) bad.push(`${file}: ${url} -> no id "${r.hash}" in ${r.file}`);
        }
      }
    }
    assert.deepEqual(sort("link", bad), []);
  });

  test("nothing from outside the site, no inline script or style (CSP default-src 'self')", () => {
    const bad = [];
    for (const [file, p] of PAGES) {
      for (const url of p.srcs) {
        if (/^(https?:)?\/\//i.test(url)) bad.push(`${file}: asset from outside: ${url}`);
      }
      for (const m of p.html.matchAll(/<link\s[^>]*>/gi)) {
        if (/\brel="(stylesheet|icon|preload|modulepreload|prefetch|preconnect|dns-prefetch|manifest)"/i.test(m[0]) && /\bhref="(https?:)?\/\//i.test(m[0]))
          bad.push(`${file}: outside resource: ${m[0]}`);
      }
      if (/<script(?![^>]*\bsrc=)[^>]*>/i.test(p.html)) bad.push(`${file}: inline <script>`);
      if (/<style[\s>]/i.test(p.html)) bad.push(`${file}: inline <style>`);
      if (/\sstyle="/i.test(p.html)) bad.push(`${file}: style attribute`);
      if (/\son[a-z]+="/i.test(p.html)) bad.push(`${file}: inline event handler`);
    }
    assert.deepEqual(sort("csp", bad), []);
  });

  test("checklist items carry stable ids that match their controls", () => {
    const bad = [];
    let checklists = 0;
    for (const [file, p] of PAGES) {
      const slug = p.html.match(/data-checklist="([^"]+)"/);
      if (!slug) continue;
      checklists += 1;
      const items = [...p.html.matchAll(/data-item="([^"]+)"/g)].map((m) => m[1]);
      if (!items.length) bad.push(`${file}: checklist without items`);
      for (const id of items) {
        if (!/^[a-z0-9][a-z0-9-]*$/.test(id)) bad.push(`${file}: item id "${id}" is not a slug`);
        if (!p.ids.includes(`n-${id}`)) bad.push(`${file}: item ${id} has no notes box`);
        if (!p.ids.includes(`c-${id}`) && !p.html.includes(`name="r-${id}"`)) bad.push(`${file}: item ${id} has no control`);
      }
    }
    assert.ok(checklists >= 12, `found ${checklists} checklist pages`);
    assert.deepEqual(bad, []);
  });
});
