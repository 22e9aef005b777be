/* sw.js: the bookshelf's service worker (issue 22). The build writes it to the site's root with
 * `const VERSION` (a hash of every file of the build) on the line above this one, so a new
 * build gives browsers a new worker.
 * - Every file is fetched from the network when there is one, so readers always get the newest
 *   pages; a copy of each is kept ("bookshelf-seen"), so pages already opened can be read
 *   without a connection.
 * - "Save this bookshelf for offline use" (bookshelf.js) sends {type: "save", folder} and gets
 *   progress back: every file listed in that language's offline.json (both variants, the
 *   search index, assets and symbols) is put in "bookshelf-saved-VERSION". Other languages
 *   are kept as they are opened.
 * - A new version saves again what the reader had saved, then drops the old copy.
 * - Without a connection, a file comes from the caches; a page from the cache is marked
 *   `data-offline` on <html>, which shows its offline notice (no script needed in the page).
 * It only ever fetches the site's own files: nothing is sent anywhere. No inline script is
 * needed, so it works under `Content-Security-Policy: default-src 'self'`.
 */
"use strict";

var SAVED_PREFIX = "bookshelf-saved-";
var SAVED = SAVED_PREFIX + VERSION;
var SEEN = "bookshelf-seen";
var SCOPE = self.registration.scope;

/* Kept at once: the "not found" page and the look of the site, to say a page is not saved. */
var CORE = ["404.html", "assets/bookshelf.css", "assets/bookshelf.js"];

self.addEventListener("install", function (event) {
  self.skipWaiting();
  event.waitUntil(caches.open(SEEN).then(function (cache) {
    return cache.addAll(CORE.map(function (f) { return new URL(f, SCOPE).href; }));
  }).catch(function () { /* Offline while installing: kept as pages are opened. */ }));
});

self.addEventListener("activate", function (event) {
  event.waitUntil(
    caches.keys().then(function (names) {
      var old = names.filter(function (n) { return n.indexOf(SAVED_PREFIX) === 0 && n !== SAVED; });
      return Promise.all(old.map(resave)).then(function () { return self.clients.claim(); });
    })
  );
});

/* Save again, in this version, each language the reader saved in the old cache `name`; drop
   the old copy once that worked (without a connection it stays, and still serves). */
function resave(name) {
  return caches.open(name).then(function (cache) {
    return cache.keys();
  }).then(function (requests) {
    var folders = requests
      .map(function (r) { return r.url; })
      .filter(function (u) { return u.indexOf(SCOPE) === 0 && /offline\.json$/.test(u); })
      .map(function (u) { return u.slice(SCOPE.length).replace(/offline\.json$/, ""); });
    return folders.reduce(function (p, folder) {
      return p.then(function () { return save(folder, function () {}); });
    }, Promise.resolve());
  }).then(function () {
    return caches.delete(name);
  }, function () {
    /* Offline or a file missing: keep the old copy until the next try. */
  });
}

/* Put every file of `folder`'s offline.json in the saved cache, four at a time. */
function save(folder, report) {
  var base = new URL(folder, SCOPE);
  var listUrl = new URL("offline.json", base);
  return fetch(listUrl, { cache: "no-cache" }).then(function (res) {
    if (!res.ok) throw new Error("offline.json: " + res.status);
    return res.json();
  }).then(function (list) {
    if (list.version !== VERSION) {
      /* A newer build is published: its worker will save it. */
      self.registration.update();
    }
    return caches.open(SAVED).then(function (cache) {
      var queue = list.files.slice();
      var total = queue.length;
      var done = 0;
      function next() {
        var file = queue.shift();
        if (file === undefined) return Promise.resolve();
        var url = new URL(file, base);
        return fetch(url, { cache: "no-cache" }).then(function (res) {
          if (!res.ok) throw new Error(url + ": " + res.status);
          return cache.put(url, res);
        }).then(function () {
          done += 1;
          if (done % 20 === 0 || done === total) report(done, total);
          return next();
        });
      }
      return Promise.all([next(), next(), next(), next()]).then(function () {
        return cache.put(listUrl, new Response(JSON.stringify(list), {
          headers: { "Content-Type": "application/json" }
        }));
      }).then(function () { return total; });
    });
  });
}

self.addEventListener("message", function (event) {
  var data = event.data || {};
  var source = event.source;
  function tell(message) {
    if (source) source.postMessage(message);
  }
  if (data.type === "save") {
    var folder = typeof data.folder === "string" ? data.folder : "";
    event.waitUntil(save(folder, function (done, total) {
      tell({ type: "save-progress", done: done, total: total });
    }).then(function (total) {
      tell({ type: "saved", total: total, version: VERSION });
    }, function (error) {
      tell({ type: "save-failed", message: String(error && error.message || error) });
    }));
  } else if (data.type === "status") {
    var folder2 = typeof data.folder === "string" ? data.folder : "";
    caches.open(SAVED).then(function (cache) {
      return cache.match(new URL("offline.json", new URL(folder2, SCOPE)));
    }).then(function (hit) {
      tell({ type: "status", saved: !!hit, version: VERSION });
    });
  }
});

/* A page from the cache: marked so that it shows its offline notice (`missing`: the page
   asked for is not kept, and this is the "not found" page). */
function marked(res, missing) {
  return res.text().then(function (text) {
    return new Response(text.replace(/<html\b/i, "<html data-offline=\"" + (missing ? "missing" : "") + "\""), {
      status: missing ? 404 : 200,
      headers: { "Content-Type": "text/html; charset=utf-8" }
    });
  });
}

function isPage(request, res) {
  if (request.mode === "navigate") return true;
  var type = res && res.headers.get("Content-Type");
  return !!type && type.indexOf("text/html") === 0 && request.destination === "document";
}

function fromCache(request) {
  return caches.match(request).then(function (hit) {
    return hit || caches.match(request, { ignoreSearch: true });
  }).then(function (hit) {
    if (hit) return isPage(request, hit) ? marked(hit) : hit;
    if (request.mode !== "navigate") return Response.error();
    /* A page not kept: the site's "not found" page, with the offline notice. */
    return caches.match(new URL("404.html", SCOPE)).then(function (notFound) {
      return notFound ? marked(notFound, true) : Response.error();
    });
  });
}

self.addEventListener("fetch", function (event) {
  var request = event.request;
  if (request.method !== "GET") return;
  var url = new URL(request.url);
  if (url.href.indexOf(SCOPE) !== 0 || /\/sw\.js$/.test(url.pathname)) return;
  /* `bookshelf serve`'s live reload is a stream, not a file. */
  if ((request.headers.get("Accept") || "").indexOf("text/event-stream") >= 0) return;
  event.respondWith(
    fetch(request).then(function (res) {
      if (res.ok && res.type === "basic") {
        var copy = res.clone();
        event.waitUntil(caches.open(SEEN).then(function (cache) { return cache.put(request, copy); }));
      }
      return res;
    }, function () {
      return fromCache(request);
    })
  );
});
