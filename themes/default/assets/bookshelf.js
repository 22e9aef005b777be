/*! bookshelf.js: small additions to pages that already work without JavaScript.
 * 1. Display options (size, spacing, colours, font) from localStorage, set on <html> at once;
 *    the panel to choose them is built here, as it only works with JavaScript.
 * 2. Glossary tips: tap to open on touch screens, Escape to close (WCAG 1.4.13), kept on screen.
 * 3. Read aloud where the browser has speech synthesis.
 * 4. Checklists index filters, print buttons, and [data-js-only] parts.
 * Loaded without `defer` in <head> so step 1 runs before the first paint; the rest waits for
 * the document. Nothing here sends anything anywhere.
 * Every word it shows comes from the theme's strings (themes/default/i18n), which the build
 * puts at the top of this file as `window.bookshelfText`; `window.bookshelfT` lets the other
 * scripts use them too.
 */
(function () {
  "use strict";

  var TEXT = window.bookshelfText || { lang: "en-GB", strings: {} };
  var plurals = null;
  try {
    plurals = new Intl.PluralRules(TEXT.lang);
  } catch (e) {
    /* An old browser, or a tag it does not know: every number takes the `other` form. */
  }

  /* The string `key`, with each `{name}` filled in from `args`; a table of plural forms gives
     the form for `args.n`. */
  function t(key, args) {
    var text = TEXT.strings[key];
    if (text && typeof text === "object") {
      var form = plurals && args && typeof args.n === "number" ? plurals.select(args.n) : "other";
      text = text[form] || text.other;
    }
    if (typeof text !== "string") return key;
    return text.replace(/\{([A-Za-z0-9_]+)\}/g, function (whole, name) {
      return args && args[name] !== undefined ? String(args[name]) : whole;
    });
  }
  window.bookshelfT = t;

  var KEY = "bookshelf-display";
  var OPTIONS = {
    size: { name: "bs-size", attr: "data-size", values: ["100", "125", "150", "175", "200"], plain: "100",
      legend: t("text_size"), labels: ["100%", "125%", "150%", "175%", "200%"] },
    spacing: { name: "bs-spacing", attr: "data-spacing", values: ["normal", "wide", "wider"], plain: "normal",
      legend: t("line_spacing"), labels: [t("spacing_normal"), t("spacing_wide"), t("spacing_wider")] },
    theme: { name: "bs-theme", attr: "data-theme", values: ["default", "dark", "cream", "blue"], plain: null,
      legend: t("colours"), labels: [t("colours_default"), t("colours_dark"), t("colours_cream"), t("colours_blue")] },
    font: { name: "bs-font", attr: "data-font", values: ["default", "readable"], plain: "default",
      legend: t("font"), labels: [t("font_standard"), t("font_readable")] }
  };
  var root = document.documentElement;

  function readChoices() {
    try {
      var raw = window.localStorage.getItem(KEY);
      var parsed = raw ? JSON.parse(raw) : {};
      return parsed && typeof parsed === "object" ? parsed : {};
    } catch (e) {
      return {};
    }
  }

  function saveChoices(choices) {
    try {
      window.localStorage.setItem(KEY, JSON.stringify(choices));
    } catch (e) {
      /* Storage may be off or full: the choice still applies to this page. */
    }
  }

  /* Set the attributes on <html>. A theme the reader never chose is left unset, so the CSS can
     follow prefers-color-scheme and prefers-contrast. */
  function applyChoices(choices) {
    Object.keys(OPTIONS).forEach(function (key) {
      var opt = OPTIONS[key];
      var value = choices[key];
      if (opt.values.indexOf(value) >= 0 && value !== opt.plain) {
        root.setAttribute(opt.attr, value);
      } else {
        root.removeAttribute(opt.attr);
      }
    });
  }

  root.classList.remove("no-js");
  root.classList.add("js");
  applyChoices(readChoices());

  /* The panel's choices, built here rather than sent with every page: without JavaScript they
     could not be applied, so the page shows no panel at all (its <details> stays hidden). A
     theme that writes its own panel keeps it. */
  function buildDisplayPanel(details) {
    if (!details || details.querySelector(".display-panel")) return;
    var panel = document.createElement("div");
    panel.className = "display-panel";
    Object.keys(OPTIONS).forEach(function (key) {
      var opt = OPTIONS[key];
      var fieldset = document.createElement("fieldset");
      var legend = document.createElement("legend");
      legend.textContent = opt.legend;
      var choices = document.createElement("div");
      choices.className = "choices";
      opt.values.forEach(function (value, i) {
        var label = document.createElement("label");
        var radio = document.createElement("input");
        radio.type = "radio";
        radio.name = opt.name;
        radio.value = value;
        label.appendChild(radio);
        label.appendChild(document.createTextNode(" " + opt.labels[i]));
        choices.appendChild(label);
      });
      fieldset.appendChild(legend);
      fieldset.appendChild(choices);
      panel.appendChild(fieldset);
    });
    var note = document.createElement("p");
    note.className = "display-note";
    note.textContent = t("choices_kept");
    panel.appendChild(note);
    details.appendChild(panel);
  }

  function setUpDisplayOptions() {
    buildDisplayPanel(document.getElementById("display-options"));
    var choices = readChoices();
    Object.keys(OPTIONS).forEach(function (key) {
      var opt = OPTIONS[key];
      var radios = document.querySelectorAll('input[type="radio"][name="' + opt.name + '"]');
      var current = opt.values.indexOf(choices[key]) >= 0 ? choices[key] : opt.values[0];
      Array.prototype.forEach.call(radios, function (radio) {
        radio.checked = radio.value === current;
        radio.addEventListener("change", function () {
          if (!radio.checked) return;
          var now = readChoices();
          now[key] = radio.value;
          saveChoices(now);
          applyChoices(now);
        });
      });
    });
  }

  /* Glossary tips. A tip starts at the start edge of its word (the CSS sets inset-inline-start:
     left in a left-to-right page, right in a right-to-left one) and runs towards the end edge;
     when that takes it off the screen, slide it back towards the start, but never past the
     start edge of the screen. 8px of room is kept on each side. */
  function placeTip(term) {
    var tip = term.querySelector(".term-tip");
    if (!tip) return;
    tip.style.left = "";
    tip.style.right = "";
    var rect = tip.getBoundingClientRect();
    if (!(rect.width > 0)) return;
    var width = document.documentElement.clientWidth;
    var rtl = window.getComputedStyle(tip).direction === "rtl";
    var shift;
    if (rtl) {
      if (rect.left < 8) {
        shift = Math.min(8 - rect.left, (width - 8) - rect.right);
        tip.style.right = -Math.max(0, shift) + "px";
      }
    } else if (rect.right > width - 8) {
      shift = Math.min(rect.right - (width - 8), rect.left - 8);
      tip.style.left = -Math.max(0, shift) + "px";
    }
  }

  function closeTip(term) {
    term.classList.remove("is-open");
    term.classList.add("is-dismissed");
    var link = term.querySelector(".term-link");
    if (link) link.removeAttribute("aria-expanded");
  }

  function setUpTips() {
    var terms = document.querySelectorAll(".term");
    var lastPointer = "mouse";
    document.addEventListener("pointerdown", function (event) {
      lastPointer = event.pointerType || "mouse";
    }, true);

    Array.prototype.forEach.call(terms, function (term) {
      var link = term.querySelector(".term-link");
      var show = function () {
        term.classList.remove("is-dismissed");
        placeTip(term);
      };
      term.addEventListener("mouseenter", show);
      term.addEventListener("focusin", show);
      term.addEventListener("mouseleave", function () {
        if (!term.contains(document.activeElement)) term.classList.remove("is-dismissed");
      });
      term.addEventListener("focusout", function (event) {
        if (!term.contains(event.relatedTarget)) {
          term.classList.remove("is-open", "is-dismissed");
        }
      });
      if (link) {
        /* On a touch screen the first tap shows the meaning; a second tap follows the link. */
        link.addEventListener("click", function (event) {
          if (lastPointer !== "touch" && lastPointer !== "pen") return;
          if (term.classList.contains("is-open")) return;
          event.preventDefault();
          Array.prototype.forEach.call(document.querySelectorAll(".term.is-open"), function (other) {
            if (other !== term) other.classList.remove("is-open");
          });
          term.classList.remove("is-dismissed");
          term.classList.add("is-open");
          link.setAttribute("aria-expanded", "true");
          placeTip(term);
        });
      }
    });

    document.addEventListener("keydown", function (event) {
      if (event.key !== "Escape" && event.key !== "Esc") return;
      var open = document.querySelectorAll(".term.is-open, .term:hover, .term:focus-within");
      Array.prototype.forEach.call(open, closeTip);
    });
    document.addEventListener("click", function (event) {
      Array.prototype.forEach.call(document.querySelectorAll(".term.is-open"), function (term) {
        if (!term.contains(event.target)) {
          term.classList.remove("is-open");
          var link = term.querySelector(".term-link");
          if (link) link.removeAttribute("aria-expanded");
        }
      });
    });
  }

  /* Read aloud: the main content, in chunks (long utterances stop early in some browsers). */
  function readableText(node) {
    var copy = node.cloneNode(true);
    var drop = copy.querySelectorAll(".term-tip, .toc, .pager, script, [hidden], [aria-hidden='true'], .cl-actions");
    Array.prototype.forEach.call(drop, function (el) { el.parentNode.removeChild(el); });
    return (copy.innerText || copy.textContent || "").replace(/[ \t]+/g, " ");
  }

  function setUpReadAloud() {
    var button = document.querySelector("[data-read-aloud]");
    var main = document.getElementById("main");
    if (!button || !main || !("speechSynthesis" in window) || typeof window.SpeechSynthesisUtterance !== "function") return;
    var startLabel = button.textContent;
    var reading = false;
    var synth = window.speechSynthesis;
    var lang = root.getAttribute("lang") || "en-GB";

    function stop() {
      reading = false;
      synth.cancel();
      button.textContent = startLabel;
      button.setAttribute("aria-pressed", "false");
    }

    button.hidden = false;
    button.setAttribute("aria-pressed", "false");
    button.addEventListener("click", function () {
      if (reading) {
        stop();
        return;
      }
      var parts = readableText(main).split(/\n+/).map(function (s) { return s.trim(); }).filter(Boolean);
      if (!parts.length) return;
      synth.cancel();
      reading = true;
      button.textContent = t("stop_reading");
      button.setAttribute("aria-pressed", "true");
      parts.forEach(function (text, i) {
        var u = new window.SpeechSynthesisUtterance(text);
        u.lang = lang;
        if (i === parts.length - 1) {
          u.onend = function () { if (reading) stop(); };
        }
        synth.speak(u);
      });
    });
    window.addEventListener("pagehide", function () { if (reading) synth.cancel(); });
  }

  /* Checklists index: filter cards by level and audience without a reload. */
  function setUpFilters() {
    var form = document.querySelector("form.filters");
    if (!form) return;
    var cards = document.querySelectorAll(".listing .card");
    var count = form.querySelector(".filter-count");
    function chosen(name) {
      var el = form.querySelector('input[name="' + name + '"]:checked');
      return el ? el.value : "";
    }
    function update() {
      var level = chosen("level");
      var audience = chosen("audience");
      var shown = 0;
      Array.prototype.forEach.call(cards, function (card) {
        var levelOk = !level || card.getAttribute("data-level") === level;
        var audiences = (card.getAttribute("data-audience") || "").split(/\s+/);
        var audienceOk = !audience || audiences.indexOf(audience) >= 0;
        var show = levelOk && audienceOk;
        card.hidden = !show;
        if (show) shown += 1;
      });
      Array.prototype.forEach.call(document.querySelectorAll(".listing"), function (section) {
        section.hidden = !section.querySelector(".card:not([hidden])");
      });
      if (count) {
        count.textContent = shown === cards.length
          ? t("showing_all_checklists", { n: shown })
          : t("showing_some_checklists", { n: shown, total: cards.length });
      }
    }
    form.addEventListener("change", update);
    form.addEventListener("submit", function (event) { event.preventDefault(); });
    update();
  }

  function setUpPrint() {
    document.addEventListener("click", function (event) {
      var target = event.target instanceof Element ? event.target.closest("[data-action='print']") : null;
      if (!target) return;
      event.preventDefault();
      window.print();
    });
  }

  /* When printing, open the "why this matters" hints so they are on paper too. */
  function setUpPrintDetails() {
    var opened = [];
    window.addEventListener("beforeprint", function () {
      opened = Array.prototype.filter.call(document.querySelectorAll("details.why:not([open])"), function (d) {
        d.open = true;
        return true;
      });
    });
    window.addEventListener("afterprint", function () {
      opened.forEach(function (d) { d.open = false; });
      opened = [];
    });
  }

  function ready() {
    Array.prototype.forEach.call(document.querySelectorAll("[data-js-only]"), function (el) {
      el.hidden = false;
    });
    setUpDisplayOptions();
    setUpTips();
    setUpReadAloud();
    setUpFilters();
    setUpPrint();
    setUpPrintDetails();
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", ready);
  } else {
    ready();
  }
})();
