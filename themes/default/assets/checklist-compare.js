/*! checklist-compare.js: before and after on a rating list, and a group's summary.
 * 1. Averages and changes: per statement (before, after, change) and per section.
 * 2. A chart drawn in the page as inline SVG (a hollow bar for before, a solid bar for after,
 *    each with its number written beside it, so it reads without colour), with a table of the
 *    same figures beside it for screen readers; the SVG is hidden from them.
 * 3. The group summary: several downloaded rating records of one rating list brought together
 *    (people, average before and after, and the spread, per statement), and its HTML file.
 * Everything happens in this browser. Loaded before checklist.js.
 */
(function () {
  "use strict";

  var t = window.bookshelfT || function (key) { return key; };
  var SVG = "http://www.w3.org/2000/svg";

  function round1(n) { return Math.round(n * 10) / 10; }

  function average(list) {
    if (!list.length) return null;
    return round1(list.reduce(function (a, b) { return a + b; }, 0) / list.length);
  }

  /* "+2", "−1.5" or the words for no change. */
  function changeText(before, after) {
    if (before == null || after == null) return "";
    var d = round1(after - before);
    if (d === 0) return t("change_none");
    return d > 0 ? t("change_up", { n: d }) : t("change_down", { n: -d });
  }

  function el(tag, className, text) {
    var e = document.createElement(tag);
    if (className) e.className = className;
    if (text != null) e.textContent = text;
    return e;
  }

  function svgEl(tag, attrs, text) {
    var e = document.createElementNS(SVG, tag);
    Object.keys(attrs).forEach(function (k) { e.setAttribute(k, attrs[k]); });
    if (text != null) e.textContent = text;
    return e;
  }

  /* rows: [{ label, before, after }] (numbers 1–5 or null). A bar chart, statement by
     statement, numbered as the table beside it is. */
  function chart(rows, max) {
    var rowH = 44;
    var left = 40;
    var width = 420;
    var scale = (width - left - 60) / max;
    var height = rows.length * rowH + 30;
    var svg = svgEl("svg", { viewBox: "0 0 " + width + " " + height, width: "100%", "class": "compare-chart", "aria-hidden": "true", focusable: "false" });
    for (var tick = 0; tick <= max; tick += 1) {
      var x = left + tick * scale;
      svg.appendChild(svgEl("line", { x1: x, y1: 0, x2: x, y2: height - 24, "class": "chart-grid" }));
      svg.appendChild(svgEl("text", { x: x, y: height - 8, "text-anchor": "middle", "class": "chart-axis" }, String(tick)));
    }
    rows.forEach(function (row, i) {
      var y = i * rowH + 4;
      svg.appendChild(svgEl("text", { x: 4, y: y + 24, "class": "chart-label" }, String(i + 1)));
      [["before", y + 2], ["after", y + 20]].forEach(function (bar) {
        var value = row[bar[0]];
        if (value == null) return;
        var w = Math.max(value * scale, 2);
        svg.appendChild(svgEl("rect", { x: left, y: bar[1], width: w, height: 16, "class": "chart-" + bar[0] }));
        svg.appendChild(svgEl("text", { x: left + w + 6, y: bar[1] + 13, "class": "chart-value" },
          t(bar[0] === "before" ? "chart_before_value" : "chart_after_value", { n: value })));
      });
    });
    return svg;
  }

  /* A table: #, statement, before, after, change (and more columns from `extra`). */
  function table(caption, rows, extra) {
    var tbl = el("table", "compare-table");
    tbl.appendChild(el("caption", null, caption));
    var head = el("tr");
    var cols = [t("table_number"), t("record_statement"), t("before"), t("after"), t("change")].concat((extra || []).map(function (x) { return x.title; }));
    cols.forEach(function (c) {
      var th = el("th", null, c);
      th.setAttribute("scope", "col");
      head.appendChild(th);
    });
    var thead = el("thead");
    thead.appendChild(head);
    tbl.appendChild(thead);
    var body = el("tbody");
    rows.forEach(function (row, i) {
      var tr = el("tr");
      tr.appendChild(el("td", null, String(i + 1)));
      var th = el("th", null, row.label);
      th.setAttribute("scope", "row");
      tr.appendChild(th);
      tr.appendChild(el("td", null, row.before == null ? t("not_scored_short") : String(row.before)));
      tr.appendChild(el("td", null, row.after == null ? t("not_scored_short") : String(row.after)));
      tr.appendChild(el("td", null, changeText(row.before, row.after)));
      (extra || []).forEach(function (x) { tr.appendChild(el("td", null, x.value(row))); });
      body.appendChild(tr);
    });
    tbl.appendChild(body);
    return tbl;
  }

  /* The figure: a caption, the chart and the table, in `holder` (emptied first). */
  function drawCompare(holder, caption, rows, max, extra) {
    while (holder.firstChild) holder.removeChild(holder.firstChild);
    var figure = el("figure", "compare");
    var id = holder.id + "-caption";
    var cap = el("figcaption", null, caption);
    cap.id = id;
    figure.appendChild(cap);
    figure.appendChild(el("p", "chart-key", t("chart_key")));
    figure.appendChild(chart(rows, max));
    /* A wide table scrolls in its own region, which the keyboard can reach and scroll. */
    var wrap = el("div", "compare-table-wrap");
    wrap.setAttribute("role", "region");
    wrap.setAttribute("tabindex", "0");
    wrap.setAttribute("aria-labelledby", id);
    wrap.appendChild(table(caption, rows, extra));
    figure.appendChild(wrap);
    holder.appendChild(figure);
  }

  /* A group's rating records, brought together: statements [{ id, label, section }] and records
     (each `items`: id -> { score, after }). */
  function groupRows(statements, records) {
    return statements.map(function (s) {
      var before = [];
      var after = [];
      records.forEach(function (r) {
        var e = r.items[s.id] || {};
        if (e.score) before.push(e.score);
        if (e.after) after.push(e.after);
      });
      var people = records.filter(function (r) { var e = r.items[s.id] || {}; return e.score || e.after; }).length;
      var spread = function (list) { return list.length ? Math.min.apply(null, list) + "–" + Math.max.apply(null, list) : ""; };
      return { id: s.id, label: s.label, section: s.section, before: average(before), after: average(after), people: people, spreadBefore: spread(before), spreadAfter: spread(after) };
    });
  }

  var GROUP_EXTRA = [
    { title: t("group_people"), value: function (r) { return String(r.people); } },
    { title: t("group_spread_before"), value: function (r) { return r.spreadBefore; } },
    { title: t("group_spread_after"), value: function (r) { return r.spreadAfter; } }
  ];

  window.bookshelfCompare = {
    average: average,
    changeText: changeText,
    drawCompare: drawCompare,
    groupRows: groupRows,
    groupExtra: GROUP_EXTRA
  };
})();
