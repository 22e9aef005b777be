// first_query.mjs: which files a reader's browser downloads for a first search, for bookshelf's
// static index and for Pagefind, with raw and gzip sizes. Written by xtask into its work folder.
// Usage: node first_query.mjs bookshelf|pagefind SITE QUERY...   (one JSON line a query;
// xtask runs one process a query so that a query that never finishes can be stopped)
// Each query starts a fresh engine (an empty browser cache). File reads stand in for fetch.
import { readFileSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';
import vm from 'node:vm';

const [mode, site, ...queries] = process.argv.slice(2);

function sizes(files) {
  let raw = 0, gz = 0;
  for (const f of files) {
    const buf = readFileSync(f);
    raw += buf.length;
    // Pagefind's binary files are gzip already: count what a server would send, the smaller.
    gz += Math.min(buf.length, gzipSync(buf, { level: 9 }).length);
  }
  return { raw, gz };
}

async function bookshelf(query) {
  const dir = site + '/search/';
  const script = readFileSync(dir + 'search.js', 'utf8');
  const context = vm.createContext({ TextEncoder, Promise, Map, Math, JSON, console, URL });
  context.globalThis = context;
  vm.runInContext(script, context);
  const files = new Set([dir + 'search.js']);
  const engine = context.BookshelfSearch.createEngine((path) => {
    files.add(dir + path);
    return Promise.resolve(JSON.parse(readFileSync(dir + path, 'utf8')));
  });
  const result = await engine.search({ text: query, limit: 10, variant: 'standard' });
  return { hits: result.total, files: [...files] };
}

let pagefindModule = null;
async function pagefind(query) {
  const dir = site + '/pagefind/';
  const files = new Set([dir + 'pagefind.js']);
  globalThis.fetch = async (input) => {
    const path = fileURLToPath(String(input.url ?? input).split('?')[0]);
    files.add(path);
    return new Response(readFileSync(path), { status: 200 });
  };
  // A fresh module instance each query: a query string on the import makes a new one.
  pagefindModule = await import(pathToFileURL(dir + 'pagefind.js').href + '?q=' + encodeURIComponent(query));
  await pagefindModule.options({ basePath: pathToFileURL(dir).href });
  const result = await pagefindModule.search(query);
  // Pagefind's UI loads the fragments of the first five results it shows.
  await Promise.all(result.results.slice(0, 5).map((r) => r.data()));
  return { hits: result.results.length, files: [...files] };
}

for (const query of queries) {
  const got = mode === 'bookshelf' ? await bookshelf(query) : await pagefind(query);
  const s = sizes(got.files);
  const names = got.files.map((f) => f.slice(site.length + 1));
  console.log(JSON.stringify({ query, hits: got.hits, files: names, raw: s.raw, gzip: s.gz }));
}
