/*! checklist.js: ticks, scores and notes on a checklist page, kept in this browser only.
 * 1. State per checklist (localStorage "bookshelf-checklist:SLUG"), keyed by the stable item
 *    ids in [data-item]; ids that are no longer on the page are dropped when it loads.
 * 2. Progress ("4 of 12 done", "3 of 10 statements scored") in the #progress live region, and
 *    for rating lists the average score per section and overall.
 * 3. "Start again" (after confirm()), and a dated record to download as HTML or CSV.
 * Nothing is ever sent anywhere: there is no network code here.
 */
(function () {
  "use strict";

  var VERSION = 1;
  /* The theme's strings (bookshelf.js, loaded before this file), or the key where there are none. */
  var t = window.bookshelfT || function (key) { return key; };

  function each(list, fn) { Array.prototype.forEach.call(list, fn); }

  function today() {
    var d = new Date();
    var pad = function (n) { return (n < 10 ? "0" : "") + n; };
    return d.getFullYear() + "-" + pad(d.getMonth() + 1) + "-" + pad(d.getDate());
  }

  /* Visible text of a fragment without the glossary tips inside it. */
  function plainText(node) {
    if (!node) return "";
    var copy = node.cloneNode(true);
    each(copy.querySelectorAll(".term-tip"), function (el) { el.parentNode.removeChild(el); });
    return (copy.textContent || "").replace(/\s+/g, " ").trim();
  }

  function escapeHtml(text) {
    return String(text).replace(/[&<>"']/g, function (c) {
      return { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" }[c];
    });
  }

  function csvCell(text) {
    var s = String(text == null ? "" : text);
    /* Keep spreadsheets from running a cell as a formula. */
    if (/^[=+\-@\t\r]/.test(s)) s = "'" + s;
    return '"' + s.replace(/"/g, '""') + '"';
  }

  function Checklist(article) {
    this.article = article;
    this.slug = article.getAttribute("data-checklist");
    this.rating = article.getAttribute("data-kind") === "rating";
    this.title = article.getAttribute("data-title") || document.title;
    this.key = "bookshelf-checklist:" + this.slug;
    this.form = article.querySelector("form.checklist-form");
    this.progress = document.getElementById("progress");
    this.items = Array.prototype.slice.call(article.querySelectorAll("[data-item]"));
    this.scale = this.readScale();
  }

  Checklist.prototype.readScale = function () {
    var first = this.article.querySelector(".rating-item .scale");
    if (!first) return [];
    return Array.prototype.map.call(first.querySelectorAll(".score"), function (label) {
      return plainText(label.querySelector(".score-label"));
    });
  };

  Checklist.prototype.itemId = function (item) { return item.getAttribute("data-item"); };

  Checklist.prototype.load = function () {
    try {
      var raw = window.localStorage.getItem(this.key);
      var state = raw ? JSON.parse(raw) : null;
      if (state && typeof state === "object" && state.items && typeof state.items === "object") return state;
    } catch (e) {
      /* Unreadable state: start afresh. */
    }
    return { v: VERSION, items: {}, fields: {}, overall: "" };
  };

  Checklist.prototype.save = function () {
    this.state.saved = new Date().toISOString();
    try {
      window.localStorage.setItem(this.key, JSON.stringify(this.state));
    } catch (e) {
      /* Storage off or full: the page still works, it just will not remember. */
    }
  };

  Checklist.prototype.noteBox = function (id) {
    return this.article.querySelector('textarea[data-note="' + id + '"]');
  };

  Checklist.prototype.checkbox = function (id) {
    return document.getElementById("c-" + id);
  };

  Checklist.prototype.scoreOf = function (item) {
    var checked = item.querySelector('input[type="radio"]:checked');
    return checked ? parseInt(checked.value, 10) : 0;
  };

  /* Copy the page into the state (what the reader sees is the truth). */
  Checklist.prototype.capture = function () {
    var self = this;
    var items = {};
    this.items.forEach(function (item) {
      var id = self.itemId(item);
      var entry = {};
      if (self.rating) {
        var score = self.scoreOf(item);
        if (score) entry.score = score;
      } else {
        var box = self.checkbox(id);
        if (box && box.checked) entry.done = true;
      }
      var note = self.noteBox(id);
      if (note && note.value) entry.note = note.value;
      if (entry.done || entry.score || entry.note) items[id] = entry;
    });
    var fields = {};
    each(this.form.querySelectorAll("[data-field]"), function (el) {
      if (el.value) fields[el.getAttribute("data-field")] = el.value;
    });
    var overall = this.noteBox("_overall");
    this.state = { v: VERSION, items: items, fields: fields, overall: overall ? overall.value : "" };
  };

  /* Put the saved state on the page; ids not on the page any more are dropped. */
  Checklist.prototype.restore = function () {
    var self = this;
    var known = {};
    this.items.forEach(function (item) { known[self.itemId(item)] = item; });
    var state = this.load();
    var dropped = false;
    Object.keys(state.items).forEach(function (id) {
      var item = known[id];
      var entry = state.items[id] || {};
      if (!item) {
        dropped = true;
        return;
      }
      if (self.rating) {
        var radio = entry.score ? item.querySelector('input[type="radio"][value="' + parseInt(entry.score, 10) + '"]') : null;
        if (radio) radio.checked = true;
      } else {
        var box = self.checkbox(id);
        if (box) box.checked = !!entry.done;
      }
      var note = self.noteBox(id);
      if (note && typeof entry.note === "string") note.value = entry.note;
    });
    var fields = state.fields || {};
    each(this.form.querySelectorAll("[data-field]"), function (el) {
      var value = fields[el.getAttribute("data-field")];
      if (typeof value === "string") el.value = value;
    });
    var overall = this.noteBox("_overall");
    if (overall && typeof state.overall === "string") overall.value = state.overall;
    this.capture();
    if (dropped) this.save();
  };

  Checklist.prototype.countDone = function () {
    var self = this;
    return this.items.filter(function (item) {
      if (self.rating) return self.scoreOf(item) > 0;
      var box = self.checkbox(self.itemId(item));
      return box && box.checked;
    }).length;
  };

  Checklist.prototype.progressText = function () {
    var done = this.countDone();
    var total = this.items.length;
    if (this.rating) return t("progress_rating", { done: done, n: total });
    return t("progress_checklist", { done: done, total: total });
  };

  /* Average and count of the scored statements among `items`. */
  Checklist.prototype.summarise = function (items) {
    var self = this;
    var scores = items.map(function (item) { return self.scoreOf(item); }).filter(function (n) { return n > 0; });
    if (!scores.length) return { count: 0, total: items.length, average: 0 };
    var sum = scores.reduce(function (a, b) { return a + b; }, 0);
    return { count: scores.length, total: items.length, average: Math.round((sum / scores.length) * 10) / 10 };
  };

  Checklist.prototype.summaryText = function (s, what) {
    var max = this.scale.length || 5;
    if (!s.count) return t("no_statements_scored", { what: what });
    return t("average_score", { what: what, average: s.average, max: max, count: s.count, n: s.total });
  };

  Checklist.prototype.sectionItems = function (section) {
    return Array.prototype.slice.call(section.querySelectorAll("[data-item]"));
  };

  Checklist.prototype.render = function () {
    var self = this;
    var text = this.progressText();
    if (this.progress && this.progress.textContent !== text) this.progress.textContent = text;
    if (this.rating) {
      each(this.article.querySelectorAll(".cl-section"), function (section) {
        var out = section.querySelector("[data-section-summary]");
        if (!out) return;
        var heading = section.querySelector("h2");
        var line = self.summaryText(self.summarise(self.sectionItems(section)), t("section_summary_in", { section: plainText(heading) }));
        if (out.textContent !== line) out.textContent = line;
      });
      var overall = document.getElementById("overall");
      if (overall) {
        var all = self.summaryText(self.summarise(this.items), t("overall"));
        if (overall.textContent !== all) overall.textContent = all;
      }
    }
    each(this.article.querySelectorAll(".note"), function (box) {
      var area = box.querySelector("textarea");
      if (!area) return;
      var mirror = box.querySelector(".note-print");
      if (!mirror) {
        mirror = document.createElement("div");
        mirror.className = "note-print";
        mirror.setAttribute("aria-hidden", "true");
        box.appendChild(mirror);
      }
      mirror.textContent = area.value;
      box.classList.toggle("has-text", area.value.trim() !== "");
    });
  };

  Checklist.prototype.onChange = function () {
    this.capture();
    this.save();
    this.render();
  };

  Checklist.prototype.reset = function () {
    var ask = t(this.rating ? "confirm_start_again_rating" : "confirm_start_again_checklist");
    if (!window.confirm(ask)) return;
    try {
      window.localStorage.removeItem(this.key);
    } catch (e) {
      /* Nothing stored. */
    }
    this.form.reset();
    each(this.form.querySelectorAll("input[type=checkbox], input[type=radio]"), function (el) { el.checked = false; });
    each(this.form.querySelectorAll("textarea, input[type=text], input[type=date]"), function (el) { el.value = ""; });
    this.capture();
    this.render();
    var first = this.form.querySelector("input, textarea");
    if (first) first.focus();
  };

  /* Everything a record needs, read from the page. */
  Checklist.prototype.record = function () {
    var self = this;
    this.capture();
    var fields = this.state.fields;
    var sections = Array.prototype.map.call(this.article.querySelectorAll(".cl-section"), function (section) {
      var items = self.sectionItems(section).map(function (item) {
        var id = self.itemId(item);
        var text = self.rating
          ? plainText(item.querySelector("legend"))
          : plainText(item.querySelector(".tick label"));
        var score = self.rating ? self.scoreOf(item) : 0;
        var box = self.rating ? null : self.checkbox(id);
        var note = self.noteBox(id);
        return {
          id: id,
          text: text,
          done: !!(box && box.checked),
          score: score,
          scoreLabel: score ? (self.scale[score - 1] || "") : "",
          why: plainText(item.querySelector(".why > p")),
          evidence: plainText(item.querySelector(".evidence")).replace(t("what_to_record"), "").trim(),
          note: note ? note.value : ""
        };
      });
      var out = { title: plainText(section.querySelector("h2")), items: items };
      if (self.rating) out.summary = self.summaryText(self.summarise(self.sectionItems(section)), t("section_summary_in", { section: out.title }));
      return out;
    });
    return {
      title: this.title,
      slug: this.slug,
      rating: this.rating,
      made: today(),
      meeting: fields.meeting || "",
      date: fields.date || "",
      people: fields.people || "",
      progress: this.progressText(),
      overallSummary: this.rating ? this.summaryText(this.summarise(this.items), t("overall")) : "",
      overallNote: this.state.overall || "",
      sections: sections,
      source: window.location.href.split("#")[0]
    };
  };

  Checklist.prototype.toHtml = function (r) {
    var e = escapeHtml;
    var para = function (text) { return e(text).replace(/\n/g, "<br>"); };
    var lines = '<p class="lines" aria-hidden="true"></p>';
    var html = [];
    html.push("<!DOCTYPE html>", '<html lang="' + e(document.documentElement.lang || "en-GB") + '"' + (document.documentElement.dir === "rtl" ? ' dir="rtl"' : "") + ">", "<head>",
      '<meta charset="utf-8">', '<meta name="viewport" content="width=device-width, initial-scale=1">',
      "<title>" + e(t("record_title", { title: r.title, date: r.made })) + "</title>",
      "<style>",
      "body{font-family:Arial,Helvetica,sans-serif;font-size:19px;line-height:1.5;color:#0b0c0c;background:#fff;max-width:44em;margin:0 auto;padding:1.5em}",
      "h1{font-size:1.9em;line-height:1.2;margin:0 0 .5em}h2{font-size:1.4em;margin:1.5em 0 .5em}",
      "dl.meta{display:grid;grid-template-columns:max-content 1fr;gap:.25em 1em}dl.meta dt{font-weight:700}dl.meta dd{margin:0}",
      "ul.items{list-style:none;padding:0}ul.items>li{border-bottom:1px solid #0b0c0c;padding:.6em 0;break-inside:avoid}",
      ".status{font-weight:700}.box{display:inline-block;width:1.1em;text-align:center;border:2px solid #0b0c0c;line-height:1;margin-inline-end:.4em}",
      ".prompt{margin:.25em 0 0;margin-inline-start:1.9em}.note{margin:.25em 0 0;margin-inline-start:1.9em;white-space:pre-wrap;border-inline-start:4px solid #0b0c0c;padding-inline-start:.5em}",
      ".lines{height:3em;margin:.25em 0 0;margin-inline-start:1.9em;background:repeating-linear-gradient(transparent 0,transparent 1.45em,#0b0c0c 1.45em,#0b0c0c 1.5em);-webkit-print-color-adjust:exact;print-color-adjust:exact}",
      ".summary{font-weight:700}.small{font-size:.85em}@media print{body{padding:0;font-size:12pt}}",
      "</style>", "</head>", "<body>");
    html.push("<h1>" + e(r.title) + "</h1>");
    html.push('<dl class="meta">',
      "<dt>" + e(t("record_made")) + "</dt><dd>" + e(r.made) + "</dd>",
      "<dt>" + e(t("meeting_or_work")) + "</dt><dd>" + (r.meeting ? para(r.meeting) : "&nbsp;") + "</dd>",
      "<dt>" + e(t("date")) + "</dt><dd>" + (r.date ? e(r.date) : "&nbsp;") + "</dd>",
      "<dt>" + e(t("people_present")) + "</dt><dd>" + (r.people ? para(r.people) : "&nbsp;") + "</dd>",
      "<dt>" + e(t("record_progress")) + "</dt><dd>" + e(r.progress) + "</dd>",
      "</dl>");
    if (r.overallSummary) html.push('<p class="summary">' + e(r.overallSummary) + "</p>");
    r.sections.forEach(function (section) {
      html.push("<h2>" + e(section.title) + "</h2>");
      if (section.summary) html.push('<p class="summary">' + e(section.summary) + "</p>");
      html.push('<ul class="items">');
      section.items.forEach(function (it) {
        var status;
        if (r.rating) {
          status = it.score
            ? '<span class="status">' + e(t("record_score_n", { n: it.score })) + (it.scoreLabel ? " (" + e(it.scoreLabel) + ")" : "") + "</span>"
            : '<span class="status">' + e(t("record_not_scored")) + "</span>";
        } else {
          status = it.done
            ? '<span class="box" aria-hidden="true">&#10003;</span><span class="status">' + e(t("record_done_mark")) + "</span>"
            : '<span class="box" aria-hidden="true">&nbsp;</span><span class="status">' + e(t("record_not_done_mark")) + "</span>";
        }
        html.push('<li data-item="' + e(it.id) + '"><p>' + status + " " + e(it.text) + "</p>");
        if (it.why) html.push('<p class="prompt small"><strong>' + e(t("why_this_matters")) + ":</strong> " + e(it.why) + "</p>");
        if (it.evidence) html.push('<p class="prompt"><strong>' + e(t("what_to_record")) + "</strong> " + e(it.evidence) + "</p>");
        html.push(it.note ? '<p class="note"><strong>' + e(t("record_notes")) + "</strong> " + para(it.note) + "</p>" : lines);
        html.push("</li>");
      });
      html.push("</ul>");
    });
    html.push("<h2>" + e(t(r.rating ? "notes_whole_rating" : "notes_whole_checklist")) + "</h2>");
    html.push(r.overallNote ? '<p class="note">' + para(r.overallNote) + "</p>" : lines);
    html.push('<p class="small">' + e(t("record_footer", { url: r.source })) + "</p>");
    html.push("</body>", "</html>");
    return html.join("\n");
  };

  Checklist.prototype.toCsv = function (r) {
    var rows = [];
    rows.push([t("record_checklist"), r.title]);
    rows.push([t("record_made"), r.made]);
    rows.push([t("meeting_or_work"), r.meeting]);
    rows.push([t("date"), r.date]);
    rows.push([t("people_present"), r.people]);
    rows.push([t("record_progress"), r.progress]);
    if (r.overallSummary) rows.push([t("record_summary"), r.overallSummary]);
    rows.push([]);
    rows.push(r.rating
      ? [t("record_section"), t("record_item_id"), t("record_statement"), t("record_score"), t("record_score_meaning"), t("record_what_to_record"), t("notes")]
      : [t("record_section"), t("record_item_id"), t("record_item"), t("record_done"), t("record_what_to_record"), t("notes")]);
    r.sections.forEach(function (section) {
      section.items.forEach(function (it) {
        rows.push(r.rating
          ? [section.title, it.id, it.text, it.score ? String(it.score) : "", it.scoreLabel, it.evidence, it.note]
          : [section.title, it.id, it.text, t(it.done ? "record_yes" : "record_no"), it.evidence, it.note]);
      });
    });
    rows.push([]);
    rows.push([t(r.rating ? "notes_whole_rating" : "notes_whole_checklist"), r.overallNote]);
    return "\ufeff" + rows.map(function (row) { return row.map(csvCell).join(","); }).join("\r\n") + "\r\n";
  };

  Checklist.prototype.download = function (text, type, ext) {
    var name = this.slug + "-" + today() + "." + ext;
    var blob = new Blob([text], { type: type });
    var url = URL.createObjectURL(blob);
    var a = document.createElement("a");
    a.href = url;
    a.download = name;
    a.hidden = true;
    document.body.appendChild(a);
    a.click();
    document.body.removeChild(a);
    window.setTimeout(function () { URL.revokeObjectURL(url); }, 10000);
  };

  Checklist.prototype.start = function () {
    var self = this;
    if (!this.form || !this.slug) return;
    this.restore();
    this.render();
    this.form.addEventListener("input", function () { self.onChange(); });
    this.form.addEventListener("change", function () { self.onChange(); });
    this.form.addEventListener("submit", function (event) { event.preventDefault(); });
    this.form.addEventListener("click", function (event) {
      var button = event.target instanceof Element ? event.target.closest("button[data-action]") : null;
      if (!button) return;
      var action = button.getAttribute("data-action");
      if (action === "reset") self.reset();
      else if (action === "download-html") self.download(self.toHtml(self.record()), "text/html;charset=utf-8", "html");
      else if (action === "download-csv") self.download(self.toCsv(self.record()), "text/csv;charset=utf-8", "csv");
    });
  };

  function ready() {
    each(document.querySelectorAll("article[data-checklist]"), function (article) {
      new Checklist(article).start();
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", ready);
  } else {
    ready();
  }
})();
