/*! checklist-manage.js: the records panel of a checklist page, the group summary of a rating
 * list, and the records shown on the checklists index.
 * 1. Start a new record, open, rename or delete one, each with its status and its progress per
 *    section (as the GOV.UK task list shows them); open a downloaded record again; forget
 *    every record on this device.
 * 2. Before or after: which score a rating list is taking now.
 * 3. The group summary: several rating records from a session, brought together.
 * Its methods are added to the checklist of checklist.js, which is loaded after it.
 */
(function () {
  "use strict";

  var t = window.bookshelfT || function (key) { return key; };
  var R = window.bookshelfRecords;
  var C = window.bookshelfCompare;

  function each(list, fn) { Array.prototype.forEach.call(list, fn); }

  function el(tag, className, text) {
    var e = document.createElement(tag);
    if (className) e.className = className;
    if (text != null) e.textContent = text;
    return e;
  }

  function recordName(rec) {
    var name = (rec.fields.meeting || "").trim() || t("record_untitled");
    return rec.fields.date ? t("record_name_date", { name: name, date: rec.fields.date }) : name;
  }

  /* The overall status of a record from its counts per section. */
  function overallStatus(sections) {
    var done = 0;
    var total = 0;
    var touched = false;
    sections.forEach(function (s) { done += s.done; total += s.total; touched = touched || s.touched || s.done > 0; });
    return R.status(done, total, touched);
  }

  function statusTag(status) {
    return el("strong", "status-tag status-" + status, t("status_" + status.replace("-", "_")));
  }

  /* The sections of a record as a short list: "Before the meeting: 2 of 5". */
  function sectionList(sections) {
    var ul = el("ul", "record-sections");
    sections.forEach(function (s) {
      ul.appendChild(el("li", null, t("record_section_progress", { section: s.title, done: s.done, total: s.total })));
    });
    return ul;
  }

  var methods = {};

  methods.startRecords = function () {
    var self = this;
    this.set = this.store.load();
    var rec = this.find(this.set.current) || this.set.records[0] || R.emptyRecord();
    this.show(rec);
    this.panel = document.getElementById("records");
    if (this.store.forgotten) this.say(t("records_forgotten_old", { n: this.store.forgotten, days: this.forgetDays }));
    var notice = this.panel && this.panel.querySelector(".records-notice");
    if (notice && this.forgetDays) notice.textContent += " " + t("records_forget_after", { days: this.forgetDays });
    this.sayRemoved(rec);
    this.showStorage();
    if (this.panel) {
      this.panel.addEventListener("click", function (event) {
        var b = event.target instanceof Element ? event.target.closest("button") : null;
        if (!b) return;
        var what = b.getAttribute("data-records");
        var id = b.getAttribute("data-record-id");
        if (what === "new") self.newRecord();
        else if (what === "forget-all") self.forgetAllRecords();
        else if (what === "open") self.openRecord(id);
        else if (what === "rename") self.renameRecord(id);
        else if (what === "delete") self.deleteRecord(id);
      });
      var input = document.getElementById("open-record");
      if (input) input.addEventListener("change", function () {
        if (input.files && input.files[0]) self.openFile(input.files[0]).then(function () { input.value = ""; });
      });
    }
    each(document.querySelectorAll('input[name="phase"]'), function (radio) {
      radio.addEventListener("change", function () { if (radio.checked) self.switchPhase(radio.value); });
    });
    this.setUpGroup();
  };

  methods.find = function (id) {
    return this.set.records.filter(function (r) { return r.id === id; })[0] || null;
  };

  methods.say = function (text) {
    var out = document.getElementById("records-message");
    if (out) out.textContent = text;
  };

  /* List the items a record holds that are no longer on the checklist (they stay in it). */
  methods.sayRemoved = function (rec) {
    var out = document.getElementById("records-removed");
    if (!out) return;
    while (out.firstChild) out.removeChild(out.firstChild);
    var removed = this.removedItems(rec);
    out.hidden = !removed.length;
    if (!removed.length) return;
    out.appendChild(el("p", null, t("items_removed_note")));
    var ul = el("ul");
    removed.forEach(function (it) { ul.appendChild(el("li", null, it.text)); });
    out.appendChild(ul);
  };

  methods.renderRecords = function () {
    var self = this;
    var holder = document.getElementById("records-list");
    if (!holder) return;
    var list = this.set.records.slice();
    if (!this.find(this.rec.id)) list.unshift(this.rec);
    var ul = el("ul", "record-list");
    list.forEach(function (rec) {
      var current = rec.id === self.rec.id;
      var sections = current ? self.sectionCounts() : rec.sections;
      var name = recordName(rec);
      var li = el("li", "record-row");
      li.setAttribute("data-record", rec.id);
      var head = el("p", "record-head");
      head.appendChild(el("span", "record-name", name));
      head.appendChild(document.createTextNode(" "));
      head.appendChild(statusTag(overallStatus(sections)));
      if (current) {
        head.appendChild(document.createTextNode(" "));
        head.appendChild(el("span", "record-current", t("record_open_now")));
        li.setAttribute("aria-current", "true");
      }
      li.appendChild(head);
      li.appendChild(sectionList(sections));
      var buttons = el("div", "record-buttons");
      [["open", "record_open_named"], ["rename", "record_rename_named"], ["delete", "record_delete_named"]].forEach(function (a) {
        if (a[0] === "open" && current) return;
        var b = el("button", a[0] === "delete" ? "secondary" : "", t(a[1], { name: name }));
        b.type = "button";
        b.setAttribute("data-records", a[0]);
        b.setAttribute("data-record-id", rec.id);
        buttons.appendChild(b);
      });
      li.appendChild(buttons);
      ul.appendChild(li);
    });
    while (holder.firstChild) holder.removeChild(holder.firstChild);
    holder.appendChild(ul);
  };

  methods.newRecord = function () {
    this.show(R.emptyRecord());
    this.save();
    this.render();
    this.sayRemoved(this.rec);
    this.say(t("record_started"));
    var meeting = document.getElementById("f-meeting");
    if (meeting) meeting.focus();
  };

  methods.openRecord = function (id) {
    var rec = this.find(id);
    if (!rec) return;
    this.show(rec);
    this.save();
    this.render();
    this.sayRemoved(rec);
    this.say(t("record_opened", { name: recordName(rec) }));
  };

  methods.renameRecord = function (id) {
    var rec = this.find(id) || (this.rec.id === id ? this.rec : null);
    if (!rec) return;
    var name = window.prompt(t("rename_prompt"), rec.fields.meeting || "");
    if (name === null) return;
    rec.fields.meeting = name.trim();
    if (rec.id === this.rec.id) {
      var meeting = document.getElementById("f-meeting");
      if (meeting) meeting.value = rec.fields.meeting;
      this.capture();
      this.save();
    } else {
      this.store.write(this.set);
      this.showStorage();
    }
    this.render();
    this.say(t("record_renamed", { name: recordName(rec) }));
  };

  methods.deleteRecord = function (id) {
    var rec = this.find(id) || (this.rec.id === id ? this.rec : null);
    if (!rec || !window.confirm(t("confirm_delete_record", { name: recordName(rec) }))) return;
    this.set.records = this.set.records.filter(function (r) { return r.id !== id; });
    if (id === this.rec.id) this.show(this.set.records[0] || R.emptyRecord());
    this.set.current = this.rec.id;
    this.store.write(this.set);
    this.showStorage();
    this.render();
    this.sayRemoved(this.rec);
    this.say(t("record_deleted", { name: recordName(rec) }));
  };

  methods.forgetAllRecords = function () {
    if (!window.confirm(t("confirm_forget_all"))) return;
    var ok = R.forgetAll();
    this.set.records = [];
    this.show(R.emptyRecord());
    this.render();
    this.sayRemoved(this.rec);
    this.say(t(ok ? "forgotten_all" : "storage_off"));
  };

  /* Open a downloaded record as a new record; a file that fails its checks changes nothing. */
  methods.openFile = function (file) {
    var self = this;
    return R.readFile(file).then(function (text) {
      var got = R.unpack(text, self.slug);
      if (got.error) {
        self.say(t("file_" + got.error.replace("-", "_"), { file: file.name, title: got.title || "" }));
        return;
      }
      var rec = got.record;
      if (self.find(rec.id) || rec.id === self.rec.id) rec.id = R.newId();
      self.show(rec);
      self.save();
      self.render();
      self.sayRemoved(rec);
      self.say(t("file_opened", { file: file.name, name: recordName(rec) }));
    }, function () {
      self.say(t("file_not_record", { file: file.name }));
    });
  };

  methods.switchPhase = function (phase) {
    this.capture();
    this.rec.phase = phase === "after" ? "after" : "before";
    this.show(this.rec);
    this.save();
    this.render();
  };

  /* The group summary: rating records of this list from several people, brought together. */
  methods.setUpGroup = function () {
    var self = this;
    var input = document.getElementById("group-files");
    var result = document.getElementById("group-result");
    var message = document.getElementById("group-message");
    var button = document.querySelector('[data-group="download"]');
    if (!input || !result || !this.rating) return;
    input.addEventListener("change", function () {
      var files = Array.prototype.slice.call(input.files || []);
      Promise.all(files.map(function (f) {
        return R.readFile(f).then(function (text) { return { file: f.name, got: R.unpack(text, self.slug) }; },
          function () { return { file: f.name, got: { error: "not-record" } }; });
      })).then(function (read) {
        var records = read.filter(function (r) { return !r.got.error; }).map(function (r) { return r.got.record; });
        var lines = [t("group_read", { n: records.length })];
        read.filter(function (r) { return r.got.error; }).forEach(function (r) {
          lines.push(t("group_file_problem", { file: r.file, why: t("file_" + r.got.error.replace("-", "_"), { file: r.file, title: r.got.title || "" }) }));
        });
        message.textContent = lines.join(" ");
        if (!records.length) {
          while (result.firstChild) result.removeChild(result.firstChild);
          if (button) button.hidden = true;
          return;
        }
        var statements = self.items.map(function (item) { return { id: self.itemId(item), label: self.itemText(item) }; });
        self.group = { rows: C.groupRows(statements, records), people: records.length };
        C.drawCompare(result, t("group_caption", { n: records.length }), self.group.rows, self.scale.length || 5, C.groupExtra);
        if (button) button.hidden = false;
      });
    });
    if (button) button.addEventListener("click", function () {
      if (self.group) self.download(self.groupHtml(), "text/html;charset=utf-8", "html", "group");
    });
  };

  /* The group summary as a page of its own. */
  methods.groupHtml = function () {
    var holder = document.getElementById("group-result");
    var table = holder.querySelector("table");
    var title = t("group_summary_title", { title: this.title, date: R.today() });
    return ["<!DOCTYPE html>", '<html lang="' + (document.documentElement.lang || "en-GB") + '">', "<head>", '<meta charset="utf-8">',
      "<title>" + title.replace(/[&<>]/g, "") + "</title>",
      "<style>body{font-family:Arial,Helvetica,sans-serif;font-size:19px;line-height:1.5;max-width:50em;margin:0 auto;padding:1.5em}table{border-collapse:collapse}th,td{border:1px solid #0b0c0c;padding:.3em .5em;text-align:start;vertical-align:top}</style>",
      "</head>", "<body>", "<h1>" + title.replace(/[&<>]/g, "") + "</h1>", table ? table.outerHTML : "", "</body>", "</html>"].join("\n");
  };

  /* The checklists index: the records on this device under each checklist's card. */
  function showIndex(section) {
    var days = parseInt(section.getAttribute("data-forget-after-days"), 10) || 0;
    var all = R.allRecords();
    var count = 0;
    each(document.querySelectorAll(".card"), function (card) {
      var link = card.querySelector("h3 a");
      var old = card.querySelector(".card-records");
      if (old) old.parentNode.removeChild(old);
      if (!link) return;
      var slug = link.getAttribute("href").replace(/\/(index\.html)?$/, "").split("/").pop();
      if (!all[slug]) return;
      var records = new R.Store(slug, days).load().records;
      if (!records.length) return;
      count += records.length;
      var box = el("div", "card-records");
      box.appendChild(el("p", "card-records-title", t("records_count", { n: records.length })));
      var ul = el("ul", "record-list");
      records.forEach(function (rec) {
        var li = el("li", "record-row");
        var head = el("p", "record-head");
        head.appendChild(el("span", "record-name", recordName(rec)));
        head.appendChild(document.createTextNode(" "));
        head.appendChild(statusTag(overallStatus(rec.sections)));
        li.appendChild(head);
        li.appendChild(sectionList(rec.sections));
        ul.appendChild(li);
      });
      box.appendChild(ul);
      card.appendChild(box);
    });
    var summary = section.querySelector(".records-summary");
    if (summary) summary.textContent = count ? t("records_total", { n: count }) : t("records_none");
    if (!section.getAttribute("data-wired")) {
      section.setAttribute("data-wired", "1");
      var notice = section.querySelector(".records-notice");
      if (notice && days) notice.textContent += " " + t("records_forget_after", { days: days });
      section.addEventListener("click", function (event) {
        var b = event.target instanceof Element ? event.target.closest('[data-records="forget-all"]') : null;
        if (!b || !window.confirm(t("confirm_forget_all"))) return;
        var ok = R.forgetAll();
        showIndex(section);
        var out = section.querySelector("#records-message");
        if (out) out.textContent = t(ok ? "forgotten_all" : "storage_off");
      });
    }
  }

  window.bookshelfManage = { methods: methods, showIndex: showIndex };
})();
