/*! checklist-records.js: the records of a checklist kept on this device, and record files.
 * 1. A Store per checklist (localStorage "bookshelf-records:SLUG"): many records, the one in
 *    use, and each record's status per section. The single saved state of older versions
 *    ("bookshelf-checklist:SLUG") becomes the first record. Records older than the book's
 *    `forget_after_days` are forgotten when a page loads. Storage that is full or switched off
 *    is reported, and the page keeps working from memory.
 * 2. The data a downloaded HTML record carries (a <meta name="bookshelf-record">, with a
 *    checksum), read back and checked: another checklist, a damaged or edited file and a newer
 *    format are refused with a reason.
 * 3. Safe file names from the meeting's name and date, and the visible text of a fragment.
 * Loaded before checklist.js; it sends nothing anywhere.
 */
(function () {
  "use strict";

  var FORMAT = 2;
  var PREFIX = "bookshelf-records:";
  var OLD_PREFIX = "bookshelf-checklist:";

  function today() {
    var d = new Date();
    var pad = function (n) { return (n < 10 ? "0" : "") + n; };
    return d.getFullYear() + "-" + pad(d.getMonth() + 1) + "-" + pad(d.getDate());
  }

  function newId() {
    return "r" + Date.now().toString(36) + Math.floor(Math.random() * 1e6).toString(36);
  }

  /* Visible text of a fragment without the glossary tips inside it. */
  function plainText(node) {
    if (!node) return "";
    var copy = node.cloneNode(true);
    Array.prototype.forEach.call(copy.querySelectorAll(".term-tip"), function (el) { el.parentNode.removeChild(el); });
    return (copy.textContent || "").replace(/\s+/g, " ").trim();
  }

  function isObject(x) { return !!x && typeof x === "object" && !Array.isArray(x); }

  /* localStorage, or null where the browser refuses it (private mode, switched off). */
  function storage() {
    try {
      var s = window.localStorage;
      return s || null;
    } catch (e) {
      return null;
    }
  }

  /* A record with nothing in it. */
  function emptyRecord() {
    return { id: newId(), made: today(), saved: "", fields: {}, items: {}, overall: "", phase: "before", sections: [] };
  }

  /* Keep only the parts of a record we understand, so a hand-made one cannot break the page. */
  function cleanRecord(r) {
    if (!isObject(r)) return null;
    var out = emptyRecord();
    if (typeof r.id === "string" && r.id) out.id = r.id;
    if (typeof r.made === "string") out.made = r.made;
    if (typeof r.saved === "string") out.saved = r.saved;
    if (r.phase === "after") out.phase = "after";
    if (typeof r.overall === "string") out.overall = r.overall;
    if (isObject(r.fields)) {
      Object.keys(r.fields).forEach(function (k) {
        if (typeof r.fields[k] === "string") out.fields[k] = r.fields[k];
      });
    }
    if (isObject(r.items)) {
      Object.keys(r.items).forEach(function (id) {
        var e = r.items[id];
        if (!isObject(e)) return;
        var item = {};
        if (e.done === true) item.done = true;
        ["score", "after"].forEach(function (k) {
          var n = parseInt(e[k], 10);
          if (n >= 1 && n <= 5) item[k] = n;
        });
        if (typeof e.note === "string" && e.note) item.note = e.note;
        if (typeof e.t === "string") item.t = e.t;
        out.items[id] = item;
      });
    }
    if (Array.isArray(r.sections)) {
      out.sections = r.sections.filter(isObject).map(function (s) {
        return { title: String(s.title || ""), done: parseInt(s.done, 10) || 0, total: parseInt(s.total, 10) || 0 };
      });
    }
    return out;
  }

  /* not-started, in-progress or done, from counts. */
  function status(done, total, touched) {
    if (total > 0 && done >= total) return "done";
    return done > 0 || touched ? "in-progress" : "not-started";
  }

  function Store(slug, forgetDays) {
    this.slug = slug;
    this.key = PREFIX + slug;
    this.forgetDays = forgetDays > 0 ? forgetDays : 0;
    /* Why the last write failed ("quota" or "off"), or "" when it worked. */
    this.problem = "";
    this.forgotten = 0;
  }

  /* Every record of this checklist, upgraded from the single state of older versions. */
  Store.prototype.load = function () {
    var s = storage();
    var set = { v: FORMAT, current: "", records: [] };
    if (!s) {
      this.problem = "off";
      return set;
    }
    try {
      var raw = s.getItem(this.key);
      var parsed = raw ? JSON.parse(raw) : null;
      if (isObject(parsed) && Array.isArray(parsed.records)) {
        set.records = parsed.records.map(cleanRecord).filter(Boolean);
        set.current = typeof parsed.current === "string" ? parsed.current : "";
      } else {
        var old = s.getItem(OLD_PREFIX + this.slug);
        var first = old ? cleanRecord(JSON.parse(old)) : null;
        if (first) {
          set.records.push(first);
          set.current = first.id;
          /* The old state is removed only once the new one is written. */
          if (this.write(set)) s.removeItem(OLD_PREFIX + this.slug);
        }
      }
    } catch (e) {
      /* Unreadable: start afresh, but leave what is there for a later version to read. */
    }
    this.forgetOld(set);
    return set;
  };

  /* Drop records not saved for `forgetDays` days. */
  Store.prototype.forgetOld = function (set) {
    if (!this.forgetDays) return;
    var limit = Date.now() - this.forgetDays * 86400000;
    var kept = set.records.filter(function (r) {
      var t = Date.parse(r.saved || "");
      return isNaN(t) || t >= limit;
    });
    this.forgotten = set.records.length - kept.length;
    if (this.forgotten) {
      set.records = kept;
      this.write(set);
    }
  };

  /* Write every record; false (and `problem` set) when the browser would not keep them. */
  Store.prototype.write = function (set) {
    var s = storage();
    if (!s) {
      this.problem = "off";
      return false;
    }
    try {
      if (set.records.length) s.setItem(this.key, JSON.stringify(set));
      else s.removeItem(this.key);
      this.problem = "";
      return true;
    } catch (e) {
      this.problem = e && (e.name === "QuotaExceededError" || e.code === 22) ? "quota" : "off";
      return false;
    }
  };

  /* The records of every checklist on this device, by slug (for the checklists index). */
  function allRecords() {
    var s = storage();
    var out = {};
    if (!s) return out;
    try {
      for (var i = 0; i < s.length; i += 1) {
        var key = s.key(i);
        if (!key || key.indexOf(PREFIX) !== 0) continue;
        var parsed = JSON.parse(s.getItem(key));
        if (isObject(parsed) && Array.isArray(parsed.records)) {
          out[key.slice(PREFIX.length)] = parsed.records.map(cleanRecord).filter(Boolean);
        }
      }
    } catch (e) {
      /* Whatever could be read. */
    }
    return out;
  }

  /* Forget every checklist record on this device; true when storage let us. */
  function forgetAll() {
    var s = storage();
    if (!s) return false;
    try {
      var keys = [];
      for (var i = 0; i < s.length; i += 1) {
        var key = s.key(i);
        if (key && (key.indexOf(PREFIX) === 0 || key.indexOf(OLD_PREFIX) === 0)) keys.push(key);
      }
      keys.forEach(function (k) { s.removeItem(k); });
      return true;
    } catch (e) {
      return false;
    }
  }

  /* FNV-1a over the UTF-16 units of `text`, as 8 hex digits: notices a changed record. */
  function checksum(text) {
    var h = 0x811c9dc5;
    for (var i = 0; i < text.length; i += 1) {
      h ^= text.charCodeAt(i);
      h = Math.imul(h, 0x01000193) >>> 0;
    }
    return ("0000000" + h.toString(16)).slice(-8);
  }

  /* The content of the <meta> a downloaded record carries. */
  function pack(slug, title, record) {
    var data = JSON.stringify(record);
    return JSON.stringify({ format: FORMAT, checklist: slug, title: title, sum: checksum(data), data: data });
  }

  function unescapeHtml(text) {
    return text.replace(/&(quot|amp|lt|gt|#39);/g, function (whole, name) {
      return { quot: '"', amp: "&", lt: "<", gt: ">", "#39": "'" }[name];
    });
  }

  /* Read a record file's text: { record, title } or { error: "not-record" | "damaged" |
     "newer" | "other-checklist", title }. */
  function unpack(text, slug) {
    /* Read as text, not parsed as a page: the file's own styles must not touch this one. */
    var found = /<meta name="bookshelf-record" content="([^"]*)"/.exec(String(text));
    if (!found) return { error: "not-record" };
    var outer;
    try {
      outer = JSON.parse(unescapeHtml(found[1]));
    } catch (e) {
      return { error: "damaged" };
    }
    if (!isObject(outer) || typeof outer.data !== "string") return { error: "damaged" };
    if (typeof outer.format !== "number" || outer.format > FORMAT) return { error: "newer" };
    if (outer.checklist !== slug) return { error: "other-checklist", title: String(outer.title || outer.checklist || "") };
    if (checksum(outer.data) !== outer.sum) return { error: "damaged" };
    var record;
    try {
      record = cleanRecord(JSON.parse(outer.data));
    } catch (e) {
      return { error: "damaged" };
    }
    return record ? { record: record, title: String(outer.title || "") } : { error: "damaged" };
  }

  /* Read a File as text (a Promise). */
  function readFile(file) {
    return new Promise(function (resolve, reject) {
      var reader = new FileReader();
      reader.onload = function () { resolve(String(reader.result)); };
      reader.onerror = function () { reject(reader.error); };
      reader.readAsText(file);
    });
  }

  /* "before-a-meeting-review-for-j-2026-03-04.html": letters and digits only. */
  function fileName(slug, meeting, date, ext) {
    var safe = function (s) {
      return String(s || "").normalize("NFKD").replace(/[\u0300-\u036f]/g, "").toLowerCase()
        .replace(/[^a-z0-9]+/g, "-").replace(/^-+|-+$/g, "").slice(0, 40).replace(/-+$/, "");
    };
    var day = /^\d{4}-\d{2}-\d{2}$/.test(date || "") ? date : today();
    return [safe(slug), safe(meeting), day].filter(Boolean).join("-") + "." + ext;
  }

  window.bookshelfRecords = {
    Store: Store,
    emptyRecord: emptyRecord,
    status: status,
    allRecords: allRecords,
    forgetAll: forgetAll,
    pack: pack,
    unpack: unpack,
    readFile: readFile,
    fileName: fileName,
    today: today,
    newId: newId,
    plainText: plainText
  };
})();
