/*! checklist.js: ticks, scores and notes on a checklist page, kept on this device only.
 * 1. The record in use (one of many, see checklist-records.js and checklist-manage.js), keyed
 *    by the stable item ids in [data-item]; an id no longer on the page is kept in the record
 *    (with its words) and listed, never dropped.
 * 2. Progress ("4 of 12 done", "3 of 10 statements scored") in the #progress live region, a
 *    status per section, and for rating lists the average per section and overall, scored
 *    before and after with the change (checklist-compare.js draws the chart).
 * 3. "Start again" (after confirm()); the record to download is made in checklist-export.js.
 * Nothing is ever sent anywhere: there is no network code here.
 */
(function () {
  "use strict";

  /* The theme's strings (bookshelf.js, loaded before this file), or the key where there are none. */
  var t = window.bookshelfT || function (key) { return key; };
  var R = window.bookshelfRecords;
  var C = window.bookshelfCompare;

  function each(list, fn) { Array.prototype.forEach.call(list, fn); }
  var plainText = R.plainText;

  function Checklist(article) {
    this.article = article;
    this.slug = article.getAttribute("data-checklist");
    this.rating = article.getAttribute("data-kind") === "rating";
    this.title = article.getAttribute("data-title") || document.title;
    this.form = article.querySelector("form.checklist-form");
    this.progress = document.getElementById("progress");
    this.items = Array.prototype.slice.call(article.querySelectorAll("[data-item]"));
    this.scale = this.readScale();
    this.forgetDays = parseInt(article.getAttribute("data-forget-after-days"), 10) || 0;
    this.store = new R.Store(this.slug, this.forgetDays);
    this.phase = "before";
  }

  Checklist.prototype.readScale = function () {
    var first = this.article.querySelector(".rating-item .scale");
    if (!first) return [];
    return Array.prototype.map.call(first.querySelectorAll(".score"), function (label) {
      return plainText(label.querySelector(".score-label"));
    });
  };

  Checklist.prototype.itemId = function (item) { return item.getAttribute("data-item"); };

  /* Write every record; say so when the browser will not keep them (the page goes on). */
  Checklist.prototype.save = function () {
    this.rec.saved = new Date().toISOString();
    this.rec.sections = this.sectionCounts();
    var i = this.set.records.map(function (r) { return r.id; }).indexOf(this.rec.id);
    if (i < 0) this.set.records.unshift(this.rec);
    else this.set.records[i] = this.rec;
    this.set.current = this.rec.id;
    this.store.write(this.set);
    this.showStorage();
  };

  Checklist.prototype.showStorage = function () {
    var out = document.getElementById("storage-problem");
    if (!out) return;
    var text = this.store.problem ? t(this.store.problem === "quota" ? "storage_full" : "storage_off") : "";
    if (out.textContent !== text) out.textContent = text;
    out.hidden = !text;
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

  /* Copy the page into the record in use (what the reader sees is the truth); the other
     phase's scores and items no longer on the page are kept as they were. */
  Checklist.prototype.capture = function () {
    var self = this;
    var old = this.rec.items;
    var items = {};
    Object.keys(old).forEach(function (id) { if (!self.known[id]) items[id] = old[id]; });
    var other = this.phase === "after" ? "score" : "after";
    var mine = this.phase === "after" ? "after" : "score";
    this.items.forEach(function (item) {
      var id = self.itemId(item);
      var entry = {};
      if (self.rating) {
        var score = self.scoreOf(item);
        if (score) entry[mine] = score;
        if (old[id] && old[id][other]) entry[other] = old[id][other];
      } else {
        var box = self.checkbox(id);
        if (box && box.checked) entry.done = true;
      }
      var note = self.noteBox(id);
      if (note && note.value) entry.note = note.value;
      if (entry.done || entry.score || entry.after || entry.note) {
        entry.t = self.itemText(item);
        items[id] = entry;
      }
    });
    var fields = {};
    each(this.form.querySelectorAll("[data-field]"), function (el) {
      if (el.value) fields[el.getAttribute("data-field")] = el.value;
    });
    var overall = this.noteBox("_overall");
    this.rec.items = items;
    this.rec.fields = fields;
    this.rec.overall = overall ? overall.value : "";
    this.rec.phase = this.phase;
  };

  Checklist.prototype.itemText = function (item) {
    return this.rating ? plainText(item.querySelector("legend")) : plainText(item.querySelector(".tick label"));
  };

  /* Put a record on the page: empty everything, then fill in what it holds. */
  Checklist.prototype.show = function (rec) {
    var self = this;
    this.rec = rec;
    this.phase = rec.phase === "after" && this.rating ? "after" : "before";
    each(document.querySelectorAll('input[name="phase"]'), function (el) { el.checked = el.value === self.phase; });
    each(this.form.querySelectorAll("input[type=checkbox], input[type=radio]"), function (el) { el.checked = false; });
    each(this.form.querySelectorAll("textarea, input[type=text], input[type=date]"), function (el) { el.value = ""; });
    var key = this.phase === "after" ? "after" : "score";
    Object.keys(rec.items).forEach(function (id) {
      var item = self.known[id];
      var entry = rec.items[id];
      if (!item) return;
      if (self.rating) {
        var radio = entry[key] ? item.querySelector('input[type="radio"][value="' + entry[key] + '"]') : null;
        if (radio) radio.checked = true;
      } else {
        var box = self.checkbox(id);
        if (box) box.checked = !!entry.done;
      }
      var note = self.noteBox(id);
      if (note && typeof entry.note === "string") note.value = entry.note;
    });
    each(this.form.querySelectorAll("[data-field]"), function (el) {
      var value = rec.fields[el.getAttribute("data-field")];
      if (typeof value === "string") el.value = value;
    });
    var overall = this.noteBox("_overall");
    if (overall) overall.value = rec.overall || "";
  };

  /* Entries of the record whose items are no longer on the checklist. */
  Checklist.prototype.removedItems = function (rec) {
    var self = this;
    return Object.keys(rec.items).filter(function (id) { return !self.known[id]; }).map(function (id) {
      return { id: id, text: rec.items[id].t || id, entry: rec.items[id] };
    });
  };

  /* Done and total per section: ticked items, or statements scored (both times, once any
     statement has an "after" score). */
  Checklist.prototype.sectionCounts = function () {
    var self = this;
    var rec = this.rec;
    var twice = this.rating && Object.keys(rec.items).some(function (id) { return rec.items[id].after; });
    return Array.prototype.map.call(this.article.querySelectorAll(".cl-section"), function (section) {
      var items = self.sectionItems(section);
      var done = items.filter(function (item) {
        var e = rec.items[self.itemId(item)] || {};
        return self.rating ? (twice ? e.score && e.after : e.score) : e.done;
      }).length;
      var touched = items.some(function (item) { return !!rec.items[self.itemId(item)]; });
      return { title: plainText(section.querySelector("h2")), done: done, total: items.length, touched: touched };
    });
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

  /* Scores of `items` in the record for one phase ("score" is before, "after" after). */
  Checklist.prototype.phaseAverage = function (items, key) {
    var rec = this.rec;
    var self = this;
    return C.average(items.map(function (item) { return (rec.items[self.itemId(item)] || {})[key]; }).filter(Boolean));
  };

  Checklist.prototype.hasAfter = function () {
    var rec = this.rec;
    return Object.keys(rec.items).some(function (id) { return rec.items[id].after; });
  };

  Checklist.prototype.render = function () {
    var self = this;
    var text = this.progressText();
    if (this.progress && this.progress.textContent !== text) this.progress.textContent = text;
    var counts = this.sectionCounts();
    each(this.article.querySelectorAll(".cl-section"), function (section, i) {
      var out = section.querySelector(".section-status");
      if (!out) {
        out = document.createElement("p");
        out.className = "section-status";
        section.querySelector("h2").insertAdjacentElement("afterend", out);
      }
      var c = counts[i];
      var line = t("section_status", { status: t("status_" + R.status(c.done, c.total, c.touched).replace("-", "_")), done: c.done, total: c.total });
      if (out.textContent !== line) out.textContent = line;
    });
    if (this.rating) this.renderRating();
    this.renderRecords();
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

  /* Averages, and once any statement is scored after: the change per statement and section,
     and the chart with its table. */
  Checklist.prototype.renderRating = function () {
    var self = this;
    var after = this.hasAfter();
    var set = function (el, text) { if (el && el.textContent !== text) el.textContent = text; };
    each(this.article.querySelectorAll(".cl-section"), function (section) {
      var items = self.sectionItems(section);
      var title = plainText(section.querySelector("h2"));
      var line = self.summaryText(self.summarise(items), t("section_summary_in", { section: title }));
      if (after) {
        var b = self.phaseAverage(items, "score");
        var a = self.phaseAverage(items, "after");
        if (b != null && a != null) line += " " + t("section_change", { before: b, after: a, change: C.changeText(b, a) });
      }
      set(section.querySelector("[data-section-summary]"), line);
      items.forEach(function (item) {
        var e = self.rec.items[self.itemId(item)] || {};
        var out = item.querySelector(".score-change");
        var text = after && e.score && e.after ? t("statement_change", { before: e.score, after: e.after, change: C.changeText(e.score, e.after) }) : "";
        if (!out && text) {
          out = document.createElement("p");
          out.className = "score-change";
          item.querySelector("fieldset").insertAdjacentElement("afterend", out);
        }
        if (out) {
          set(out, text);
          out.hidden = !text;
        }
      });
    });
    set(document.getElementById("overall"), self.summaryText(self.summarise(this.items), t("overall")));
    var holder = document.getElementById("compare");
    if (!holder) return;
    holder.hidden = !after;
    if (!after) return;
    var rows = this.items.map(function (item) {
      var e = self.rec.items[self.itemId(item)] || {};
      return { label: self.itemText(item), before: e.score || null, after: e.after || null };
    });
    var key = JSON.stringify(rows);
    if (holder.getAttribute("data-drawn") === key) return;
    holder.setAttribute("data-drawn", key);
    C.drawCompare(holder, t("compare_caption"), rows, this.scale.length || 5);
  };

  Checklist.prototype.onChange = function () {
    this.capture();
    this.save();
    this.render();
  };

  /* Empty the record in use (the other records are kept). */
  Checklist.prototype.reset = function () {
    var ask = t(this.rating ? "confirm_start_again_rating" : "confirm_start_again_checklist");
    if (!window.confirm(ask)) return;
    var fresh = R.emptyRecord();
    fresh.id = this.rec.id;
    fresh.made = this.rec.made;
    this.show(fresh);
    this.onChange();
    var first = this.form.querySelector("input, textarea");
    if (first) first.focus();
  };

  Checklist.prototype.start = function () {
    var self = this;
    if (!this.form || !this.slug) return;
    this.known = {};
    this.items.forEach(function (item) { self.known[self.itemId(item)] = item; });
    this.startRecords();
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

  /* The records, the group summary and the checklists index (checklist-manage.js), and the
     record files (checklist-export.js). */
  var M = window.bookshelfManage;
  [M.methods, window.bookshelfExport.methods].forEach(function (methods) {
    Object.keys(methods).forEach(function (name) { Checklist.prototype[name] = methods[name]; });
  });

  function ready() {
    each(document.querySelectorAll("article[data-checklist]"), function (article) {
      new Checklist(article).start();
    });
    each(document.querySelectorAll("[data-records-index]"), M.showIndex);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", ready);
  } else {
    ready();
  }
})();
