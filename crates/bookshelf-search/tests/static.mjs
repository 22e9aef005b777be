// Runs assets/search.js (as written by `build`) in Node over a built site's static index.
// Usage: node static.mjs SITE_DIR QUERIES.json  → prints a JSON array of results, one a query,
// each with the bytes the query downloaded (raw and gzip) from a cold start.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import vm from 'node:vm';

const [site, queriesPath] = process.argv.slice(2);
const dir = join(site, 'search');
const code = readFileSync(join(dir, 'search.js'), 'utf8');
const context = { TextEncoder, URL, Math, Promise, Map, Set, Array, Object, Number, JSON };
context.globalThis = context;
vm.runInNewContext(code, context);
const api = context.BookshelfSearch;

const queries = JSON.parse(readFileSync(queriesPath, 'utf8'));
const out = [];
for (const q of queries) {
  const fetched = [];
  const engine = api.createEngine(async (path) => {
    const text = readFileSync(join(dir, path));
    fetched.push({ path, raw: text.length, gzip: gzipSync(text, { level: 9 }).length });
    return JSON.parse(text.toString('utf8'));
  });
  const r = await engine.search(q);
  out.push({
    corrected: r.corrected,
    answer: r.answer ? r.answer.term : null,
    answer_url: r.answer ? r.answer.url : null,
    total: r.total,
    hits: r.hits.map((h) => ({ url: h.url, score: h.score, snippet_html: h.snippet_html })),
    others: r.others.map((h) => ({ url: h.url, score: h.score })),
    fetched,
  });
}
process.stdout.write(JSON.stringify(out));
