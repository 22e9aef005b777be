/*! checklist.js: ticks, scores and notes on a checklist page, kept on this device only.
 * 1. The record in use (one of many, see checklist-records.js and checklist-manage.js), keyed
 *    by the stable item ids in [data-item]; an id no longer on the page is kept in the record
 *    (with its words) and listed, never dropped.
 * 2. Progress ("4 of 12 done", "3 of 10 statements scored") in the #progress live region, a
 *    status per section, and for rating lists the average per section and overall, scored
 *    before and after with the change (checklist-compare.js draws the chart).
 * 3. "Start again" (after confirm()), and a record to download as HTML (carrying its data, so
 *    it can be opened again) or CSV, named from the meeting and its date.
 * Nothing is ever sent anywhere: there is no network code here.
 */
(function () {
  "use strict";

  /* The theme's strings (bookshelf.js, loaded before this file), or the key where there are none. */
  var t = window.bookshelfT || function (key) { return key; };
  var R = window.bookshelfRecords;
  var C = window.bookshelfCompare;

  function each(list, fn) { Array.prototype.forEach.call(list, fn); }

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

  /* Everything a record needs, read from the page. */
  Checklist.prototype.record = function () {
    var self = this;
    this.capture();
    var fields = this.rec.fields;
    var sections = Array.prototype.map.call(this.article.querySelectorAll(".cl-section"), function (section) {
      var items = self.sectionItems(section).map(function (item) {
        var id = self.itemId(item);
        var text = self.rating
          ? plainText(item.querySelector("legend"))
          : plainText(item.querySelector(".tick label"));
        var entry = self.rec.items[id] || {};
        var score = self.rating ? entry.score || 0 : 0;
        var after = self.rating ? entry.after || 0 : 0;
        var box = self.rating ? null : self.checkbox(id);
        var note = self.noteBox(id);
        return {
          id: id,
          text: text,
          done: !!(box && box.checked),
          score: score,
          scoreLabel: score ? (self.scale[score - 1] || "") : "",
          after: after,
          afterLabel: after ? (self.scale[after - 1] || "") : "",
          change: score && after ? C.changeText(score, after) : "",
          why: plainText(item.querySelector(".why > p")),
          evidence: plainText(item.querySelector(".evidence")).replace(t("what_to_record"), "").trim(),
          note: note ? note.value : ""
        };
      });
      var out = { title: plainText(section.querySelector("h2")), items: items };
      if (self.rating) out.summary = plainText(section.querySelector("[data-section-summary]"));
      return out;
    });
    return {
      title: this.title,
      slug: this.slug,
      rating: this.rating,
      made: R.today(),
      meeting: fields.meeting || "",
      date: fields.date || "",
      people: fields.people || "",
      progress: this.progressText(),
      overallSummary: this.rating ? this.summaryText(this.summarise(this.items), t("overall")) : "",
      overallNote: this.rec.overall || "",
      sections: sections,
      removed: this.removedItems(this.rec),
      data: R.pack(this.slug, this.title, this.rec),
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
      '<meta name="bookshelf-record" content="' + e(r.data) + '">',
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
          if (it.after) status += ' <span class="status">' + e(t("record_after_score", { n: it.after })) + (it.afterLabel ? " (" + e(it.afterLabel) + ")" : "") + (it.change ? ", " + e(it.change) : "") + "</span>";
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
    if (r.removed.length) {
      html.push("<h2>" + e(t("record_removed_items")) + "</h2>", '<ul class="items">');
      r.removed.forEach(function (it) {
        html.push('<li data-removed="' + e(it.id) + '"><p>' + e(it.text) + "</p>" + (it.entry.note ? '<p class="note">' + para(it.entry.note) + "</p>" : "") + "</li>");
      });
      html.push("</ul>");
    }
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

  /* Offer `text` as a file named from the meeting and its date (or `what`, such as "group"). */
  Checklist.prototype.download = function (text, type, ext, what) {
    var name = what
      ? R.fileName(this.slug, t("file_name_" + what), R.today(), ext)
      : R.fileName(this.slug, this.rec.fields.meeting, this.rec.fields.date, ext);
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

  /* The records, the group summary and the checklists index (checklist-manage.js). */
  var M = window.bookshelfManage;
  Object.keys(M.methods).forEach(function (name) { Checklist.prototype[name] = M.methods[name]; });

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
