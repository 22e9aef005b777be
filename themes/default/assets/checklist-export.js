/*! checklist-export.js: the record of a checklist as a file of its own.
 * 1. Everything a record needs, read from the page and the record in use.
 * 2. HTML that reads and prints on its own and carries the record's data (checklist-records.js
 *    packs it), so "Open a saved record" can load it again; and CSV for spreadsheets.
 * 3. The download, named from the meeting and its date.
 * Its methods are added to the checklist of checklist.js, which is loaded after it.
 */
(function () {
  "use strict";

  var t = window.bookshelfT || function (key) { return key; };
  var R = window.bookshelfRecords;
  var C = window.bookshelfCompare;
  var plainText = R.plainText;

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

  var methods = {};

  /* Everything a record needs, read from the page. */
  methods.record = function () {
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

  methods.toHtml = function (r) {
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

  methods.toCsv = function (r) {
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
  methods.download = function (text, type, ext, what) {
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

  window.bookshelfExport = { methods: methods };
})();
