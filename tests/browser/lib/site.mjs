// site.mjs: where the built site is, a list of its pages, and a static server for it that sends
// `Content-Security-Policy: default-src 'self'` (issue 5: pages must work under a strict CSP).

import fs from "node:fs";
import http from "node:http";
import path from "node:path";

/** The built site folder, from BOOKSHELF_SITE (scripts/test-browser sets it). */
export function siteDir() {
  const dir = process.env.BOOKSHELF_SITE;
  if (!dir) throw new Error("Set BOOKSHELF_SITE to a built site folder (scripts/test-browser does this).");
  if (!fs.existsSync(path.join(dir, "index.html"))) throw new Error(`No index.html in BOOKSHELF_SITE=${dir}`);
  return path.resolve(dir);
}

/** Every HTML file under `dir`, as site paths with forward slashes ("guides/x/index.html"). */
export function htmlFiles(dir) {
  const out = [];
  const walk = (rel) => {
    for (const entry of fs.readdirSync(path.join(dir, rel), { withFileTypes: true })) {
      const r = rel ? `${rel}/${entry.name}` : entry.name;
      if (entry.isDirectory()) walk(r);
      else if (entry.name.endsWith(".html")) out.push(r);
    }
  };
  walk("");
  return out.sort();
}

/** The URL path a page is served at ("guides/x/index.html" -> "/guides/x/"). */
export function urlPathOf(file) {
  return "/" + file.replace(/(^|\/)index\.html$/, "$1");
}

const TYPES = {
  ".html": "text/html; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".json": "application/json",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".jpg": "image/jpeg",
  ".ico": "image/x-icon",
  ".txt": "text/plain; charset=utf-8",
  ".xml": "application/xml",
  ".woff2": "font/woff2",
};

export const CSP = "default-src 'self'";

/**
 * Serve `dir` on 127.0.0.1 (a free port). Folders serve their index.html; a missing file gets
 * 404.html with status 404. Resolves to { url, close, requests } where `requests` lists
 * every request as "METHOD /path". With `prefix` ("/send/"), the site is served under that
 * folder, as a site published at `https://example.org/send/` is, and nothing outside it.
 */
export function serve(dir, { prefix = "/" } = {}) {
  const requests = [];
  const server = http.createServer((req, res) => {
    const url = new URL(req.url, "http://127.0.0.1");
    requests.push(`${req.method} ${url.pathname}`);
    if (!url.pathname.startsWith(prefix)) {
      res.writeHead(404, { "Content-Type": "text/plain" }).end("outside the site's folder");
      return;
    }
    let rel;
    try {
      rel = decodeURIComponent(url.pathname.slice(prefix.length - 1));
    } catch {
      res.writeHead(400).end();
      return;
    }
    let file = path.join(dir, path.normalize(rel).replace(/^(\.\.[/\\])+/, ""));
    if (!file.startsWith(dir)) {
      res.writeHead(403).end();
      return;
    }
    let status = 200;
    if (fs.existsSync(file) && fs.statSync(file).isDirectory()) file = path.join(file, "index.html");
    if (!fs.existsSync(file)) {
      status = 404;
      file = path.join(dir, "404.html");
    }
    const headers = {
      "Content-Type": TYPES[path.extname(file)] || "application/octet-stream",
      "Content-Security-Policy": CSP,
      "X-Content-Type-Options": "nosniff",
      "Cache-Control": "no-store",
    };
    if (!fs.existsSync(file)) {
      res.writeHead(404, { "Content-Type": "text/plain" }).end("not found");
      return;
    }
    res.writeHead(status, headers);
    fs.createReadStream(file).pipe(res);
  });
  return new Promise((resolve) => {
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address();
      resolve({
        url: `http://127.0.0.1:${port}`,
        requests,
        close: () => new Promise((done) => server.close(done)),
      });
    });
  });
}
