/*! bookshelf.js: small additions to pages that already work without JavaScript.
 * 1. Display options (size, spacing, colours, font) from localStorage, set on <html> at once;
 *    the panel to choose them is built here, as it only works with JavaScript.
 * 2. Glossary tips: tap to open on touch screens, Escape to close (WCAG 1.4.13), kept on screen.
 * 3. Read aloud where the browser has speech synthesis: play, pause, stop, speed, voice, the
 *    sentence being read highlighted, "read from here", keyboard shortcuts (issue 22).
 * 5. The phone menu button, the reading ruler, and offline use: the service worker and
 *    "Save this bookshelf for offline use" (issue 22).
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
      legend: t("font"), labels: [t("font_standard"), t("font_readable")] },
    ruler: { name: "bs-ruler", attr: "data-ruler", values: ["off", "on"], plain: "off",
      legend: t("reading_ruler"), labels: [t("ruler_off"), t("ruler_on")] }
  };
  /* This script's own tag: where the service worker and the offline list are (base.html). */
  var SCRIPT = document.currentScript;
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
          if (key === "ruler") updateRuler();
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

  /* Read aloud, like the paid toolbars but with the browser's own speech (nothing is sent
     anywhere). The page is read block by block (headings, paragraphs, list items, easy-read
     sentences: their words, not their pictures' names), one sentence per utterance, so the
     sentence being read is highlighted and kept in view, and speed or voice changes apply at
     once. Glossary tips, the contents list, the pager and hidden parts are not read. */
  var RA_KEY = "bookshelf-read-aloud";
  var BLOCKS = "h1, h2, h3, h4, p, li, dt, dd, th, td, blockquote, legend, .er-text, .tick label, .score-label";
  var SKIP = ".term-tip, .toc, .pager, script, style, [hidden], [aria-hidden='true'], .cl-actions, .read-aloud-bar, .ra-from-here, nav, .sw-i";
  var RATES = ["0.75", "1", "1.25", "1.5", "2"];

  /* The blocks to read in `main`, in order: the innermost ones only (a list item's paragraph,
     not the item and its paragraph). */
  function readingBlocks(main) {
    return Array.prototype.filter.call(main.querySelectorAll(BLOCKS), function (el) {
      if (el.closest(SKIP)) return false;
      if (el.querySelector(BLOCKS)) return false;
      if (el.getClientRects().length === 0) return false;
      return /\S/.test(blockText(el).text);
    });
  }

  /* The text of a block as it is read, and its text nodes with their offsets in that text. */
  function blockText(el) {
    var nodes = [];
    var text = "";
    var walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT, {
      acceptNode: function (node) {
        return node.parentElement && node.parentElement.closest(SKIP) ? NodeFilter.FILTER_REJECT : NodeFilter.FILTER_ACCEPT;
      }
    });
    var node;
    while ((node = walker.nextNode())) {
      nodes.push({ node: node, start: text.length });
      text += node.data;
    }
    return { text: text, nodes: nodes };
  }

  /* Sentences of a block: [start, end) offsets, each ending at . ! ? (or the Urdu full stop). */
  function sentencesOf(text) {
    var out = [];
    var re = /[^.!?\u06d4\u061f]+(?:[.!?\u06d4\u061f]+["'\u201d\u2019)]*|$)/g;
    var m;
    while ((m = re.exec(text))) {
      if (!m[0].length) { re.lastIndex += 1; continue; }
      var start = m.index;
      var end = m.index + m[0].length;
      while (start < end && /\s/.test(text.charAt(start))) start += 1;
      while (end > start && /\s/.test(text.charAt(end - 1))) end -= 1;
      if (end > start) out.push([start, end]);
    }
    return out;
  }

  function rangeOf(info, start, end) {
    var range = document.createRange();
    var set = function (offset, isEnd) {
      for (var i = info.nodes.length - 1; i >= 0; i -= 1) {
        var n = info.nodes[i];
        if (offset >= n.start || i === 0) {
          var at = Math.min(Math.max(offset - n.start, 0), n.node.data.length);
          if (isEnd) range.setEnd(n.node, at); else range.setStart(n.node, at);
          return;
        }
      }
    };
    set(start, false);
    set(end, true);
    return range;
  }

  function readSettings() {
    try {
      var raw = window.localStorage.getItem(RA_KEY);
      var parsed = raw ? JSON.parse(raw) : {};
      return parsed && typeof parsed === "object" ? parsed : {};
    } catch (e) {
      return {};
    }
  }

  function saveSettings(settings) {
    try {
      window.localStorage.setItem(RA_KEY, JSON.stringify(settings));
    } catch (e) {
      /* Kept for this page only. */
    }
  }

  function setUpReadAloud() {
    var button = document.querySelector("[data-read-aloud]");
    var bar = document.querySelector("[data-read-aloud-bar]");
    var main = document.getElementById("main");
    if (!button || !bar || !main || !("speechSynthesis" in window) || typeof window.SpeechSynthesisUtterance !== "function") return;
    var synth = window.speechSynthesis;
    var startLabel = button.textContent;
    var lang = root.getAttribute("lang") || "en-GB";
    var base = lang.toLowerCase().split("-")[0];
    var settings = readSettings();
    var state = "stopped"; /* stopped, playing, paused */
    var blocks = [];
    var at = { block: 0, sentence: 0 };
    var generation = 0;
    var current = null;
    var highlights = window.CSS && CSS.highlights && typeof window.Highlight === "function";

    bar.setAttribute("role", "region");
    bar.setAttribute("aria-label", t("read_aloud_controls"));
    var play = document.createElement("button");
    play.type = "button";
    play.setAttribute("data-ra", "play");
    var stopButton = document.createElement("button");
    stopButton.type = "button";
    stopButton.className = "secondary";
    stopButton.setAttribute("data-ra", "stop");
    stopButton.textContent = t("read_aloud_stop");
    var speedLabel = document.createElement("label");
    var speed = document.createElement("select");
    speed.setAttribute("data-ra", "speed");
    RATES.forEach(function (r) {
      var o = document.createElement("option");
      o.value = r;
      o.textContent = r.replace(".", (1.5).toLocaleString(lang).charAt(1)) + "\u00d7";
      speed.appendChild(o);
    });
    speed.value = RATES.indexOf(String(settings.rate)) >= 0 ? String(settings.rate) : "1";
    speedLabel.appendChild(document.createTextNode(t("read_aloud_speed") + " "));
    speedLabel.appendChild(speed);
    var voiceLabel = document.createElement("label");
    var voice = document.createElement("select");
    voice.setAttribute("data-ra", "voice");
    voiceLabel.appendChild(document.createTextNode(t("read_aloud_voice") + " "));
    voiceLabel.appendChild(voice);
    var keys = document.createElement("p");
    keys.className = "ra-keys";
    keys.textContent = t("read_aloud_shortcuts");
    [play, stopButton, speedLabel, voiceLabel, keys].forEach(function (el) { bar.appendChild(el); });

    var fromHere = document.createElement("button");
    fromHere.type = "button";
    fromHere.className = "secondary ra-from-here";
    fromHere.textContent = t("read_aloud_from_here");
    fromHere.hidden = true;
    var fromBlock = null;

    function voices() {
      var all = typeof synth.getVoices === "function" ? synth.getVoices() || [] : [];
      return Array.prototype.filter.call(all, function (v) {
        return (v.lang || "").toLowerCase().replace("_", "-").split("-")[0] === base;
      });
    }
    function fillVoices() {
      var list = voices();
      voice.textContent = "";
      var plain = document.createElement("option");
      plain.value = "";
      plain.textContent = t("read_aloud_voice_default");
      voice.appendChild(plain);
      list.forEach(function (v) {
        var o = document.createElement("option");
        o.value = v.voiceURI || v.name;
        o.textContent = v.name + (v.lang ? " (" + v.lang + ")" : "");
        voice.appendChild(o);
      });
      voice.value = list.some(function (v) { return (v.voiceURI || v.name) === settings.voice; }) ? settings.voice : "";
      voiceLabel.hidden = list.length < 2;
    }
    fillVoices();
    if (typeof synth.addEventListener === "function") synth.addEventListener("voiceschanged", fillVoices);

    function label() {
      play.textContent = state === "playing" ? t("read_aloud_pause") : state === "paused" ? t("read_aloud_resume") : t("read_aloud_play");
      play.setAttribute("aria-pressed", state === "playing" ? "true" : "false");
      button.textContent = state === "stopped" ? startLabel : t("stop_reading");
      button.setAttribute("aria-pressed", state === "stopped" ? "false" : "true");
      button.setAttribute("aria-expanded", bar.hidden ? "false" : "true");
    }

    function clearHighlight() {
      Array.prototype.forEach.call(main.querySelectorAll(".ra-reading"), function (el) { el.classList.remove("ra-reading"); });
      if (highlights) CSS.highlights.delete("ra-sentence");
    }

    function show(block, range) {
      clearHighlight();
      block.classList.add("ra-reading");
      block.setAttribute("data-ra-sentence", String(at.sentence));
      if (highlights) CSS.highlights.set("ra-sentence", new Highlight(range));
      var r = range.getBoundingClientRect();
      if (r.top < 0 || r.bottom > window.innerHeight) {
        block.scrollIntoView({ block: "center", behavior: "auto" });
      }
    }

    /* Speak the sentence at `at`, then the next, until the page ends. */
    function speakCurrent() {
      var block = blocks[at.block];
      if (!block) { stop(); return; }
      var info = blockText(block);
      var parts = sentencesOf(info.text);
      if (at.sentence >= parts.length) {
        at = { block: at.block + 1, sentence: 0 };
        speakCurrent();
        return;
      }
      var part = parts[at.sentence];
      var words = info.text.slice(part[0], part[1]).replace(/\s+/g, " ");
      var u = new window.SpeechSynthesisUtterance(words);
      var mine = ++generation;
      u.lang = block.closest("[lang]") ? block.closest("[lang]").getAttribute("lang") : lang;
      u.rate = parseFloat(speed.value) || 1;
      var chosen = voices().filter(function (v) { return (v.voiceURI || v.name) === voice.value; })[0];
      if (chosen) u.voice = chosen;
      u.onend = function () {
        if (mine !== generation || state !== "playing") return;
        at = { block: at.block, sentence: at.sentence + 1 };
        speakCurrent();
      };
      u.onerror = u.onend;
      current = u;
      show(block, rangeOf(info, part[0], part[1]));
      synth.speak(u);
    }

    function start(blockIndex) {
      generation += 1;
      synth.cancel();
      blocks = readingBlocks(main);
      at = { block: Math.max(0, blockIndex || 0), sentence: 0 };
      state = "playing";
      openBar();
      label();
      speakCurrent();
    }

    function pause() {
      if (state !== "playing") return;
      state = "paused";
      if (typeof synth.pause === "function") synth.pause();
      label();
    }

    function resume() {
      if (state !== "paused") return;
      state = "playing";
      if (typeof synth.resume === "function") synth.resume();
      label();
    }

    function stop() {
      generation += 1;
      state = "stopped";
      current = null;
      synth.cancel();
      clearHighlight();
      label();
    }

    function openBar() {
      bar.hidden = false;
      label();
    }

    /* Speed and voice apply from the sentence being read. */
    function restartSentence() {
      saveSettings({ rate: speed.value, voice: voice.value });
      if (state === "stopped") return;
      var wasPaused = state === "paused";
      generation += 1;
      synth.cancel();
      state = "playing";
      speakCurrent();
      if (wasPaused) pause();
    }

    button.hidden = false;
    button.setAttribute("aria-controls", "read-aloud-bar");
    label();
    button.addEventListener("click", function () {
      if (state !== "stopped") {
        stop();
        bar.hidden = true;
        fromHere.hidden = true;
        label();
        return;
      }
      start(0);
    });
    play.addEventListener("click", function () {
      if (state === "playing") pause();
      else if (state === "paused") resume();
      else start(fromBlock ? Math.max(0, readingBlocks(main).indexOf(fromBlock)) : 0);
    });
    stopButton.addEventListener("click", stop);
    speed.addEventListener("change", restartSentence);
    voice.addEventListener("change", restartSentence);

    /* "Read from here": once read aloud is open, tapping a paragraph (or moving the focus
       into one) puts the button just before it. */
    function offerFrom(target) {
      if (bar.hidden || !(target instanceof Element) || target.closest(".ra-from-here")) return;
      var block = target.closest(BLOCKS);
      if (!block || !main.contains(block) || block.closest(SKIP)) return;
      var inner = readingBlocks(block.parentElement || main).filter(function (b) { return block.contains(b) || b === block; })[0];
      fromBlock = inner || block;
      fromBlock.parentNode.insertBefore(fromHere, fromBlock);
      fromHere.hidden = false;
    }
    main.addEventListener("click", function (event) {
      if (event.target instanceof Element && event.target.closest("a, button, input, select, textarea, summary, label")) return;
      offerFrom(event.target);
    });
    main.addEventListener("focusin", function (event) { offerFrom(event.target); });
    fromHere.addEventListener("click", function () {
      var list = readingBlocks(main);
      var i = fromBlock ? list.indexOf(fromBlock) : 0;
      start(i < 0 ? 0 : i);
    });

    document.addEventListener("keydown", function (event) {
      if (!event.altKey || !event.shiftKey || event.ctrlKey || event.metaKey) return;
      var code = event.code;
      if (code === "KeyR") {
        if (state === "playing") pause();
        else if (state === "paused") resume();
        else start(0);
      } else if (code === "KeyS") {
        stop();
      } else if (code === "Period" || code === "Comma") {
        var i = RATES.indexOf(speed.value) + (code === "Period" ? 1 : -1);
        if (i < 0 || i >= RATES.length) return;
        speed.value = RATES[i];
        restartSentence();
      } else {
        return;
      }
      event.preventDefault();
    });
    window.addEventListener("pagehide", function () { if (state !== "stopped") synth.cancel(); });
    /* For tests and other scripts: what is being read. */
    window.bookshelfReadAloud = { state: function () { return state; }, at: function () { return { block: at.block, sentence: at.sentence }; }, utterance: function () { return current; } };
  }

  /* The phone menu (GOV.UK service navigation): the button shows or hides the search and the
     menu; Escape closes it and gives the focus back to the button. Wide screens show both. */
  function setUpMenu() {
    var button = document.querySelector("[data-menu-button]");
    var menu = document.getElementById("site-menu");
    if (!button || !menu) return;
    function set(open) {
      button.setAttribute("aria-expanded", open ? "true" : "false");
      menu.classList.toggle("is-open", open);
    }
    button.addEventListener("click", function () {
      set(button.getAttribute("aria-expanded") !== "true");
    });
    menu.addEventListener("keydown", function (event) {
      if ((event.key === "Escape" || event.key === "Esc") && button.getAttribute("aria-expanded") === "true" && button.offsetParent) {
        set(false);
        button.focus();
      }
    });
  }

  /* The reading ruler: a band across the screen at the pointer, or at what has the focus. */
  var ruler = null;
  function updateRuler() {
    if (!ruler) return;
    var on = root.getAttribute("data-ruler") === "on";
    ruler.hidden = !on;
    if (on && !ruler.style.top) ruler.style.top = Math.round(window.innerHeight / 3) + "px";
  }
  function setUpRuler() {
    ruler = document.createElement("div");
    ruler.className = "reading-ruler";
    ruler.setAttribute("aria-hidden", "true");
    ruler.hidden = true;
    document.body.appendChild(ruler);
    function place(y) {
      if (root.getAttribute("data-ruler") !== "on") return;
      ruler.style.top = Math.round(y - ruler.offsetHeight / 2) + "px";
    }
    document.addEventListener("pointermove", function (event) { place(event.clientY); }, { passive: true });
    document.addEventListener("pointerdown", function (event) { place(event.clientY); }, { passive: true });
    document.addEventListener("focusin", function (event) {
      if (!(event.target instanceof Element)) return;
      var r = event.target.getBoundingClientRect();
      place(r.top + r.height / 2);
    });
    updateRuler();
  }

  /* Offline use: register the service worker (served from the site's root), and offer to save
     this language's whole site, both variants, with its search index. */
  function setUpOffline() {
    var box = document.querySelector("[data-offline-save]");
    var sw = SCRIPT && SCRIPT.getAttribute("data-sw");
    var list = SCRIPT && SCRIPT.getAttribute("data-offline-list");
    if (!sw || !list || !("serviceWorker" in navigator) || !/^https?:$/.test(window.location.protocol)) return;
    var swUrl = new URL(sw, window.location.href);
    var listUrl = new URL(list, window.location.href);
    var scope = swUrl.href.replace(/sw\.js$/, "");
    var folder = listUrl.href.indexOf(scope) === 0 ? listUrl.href.slice(scope.length).replace(/offline\.json$/, "") : "";
    navigator.serviceWorker.register(swUrl.href).catch(function () { /* Not allowed here. */ });
    if (!box) return;
    var button = box.querySelector("[data-offline-save-button]");
    var status = box.querySelector("[data-offline-status]");
    box.hidden = false;
    navigator.serviceWorker.addEventListener("message", function (event) {
      var data = event.data || {};
      if (data.type === "save-progress") {
        status.textContent = t("offline_saving", { done: data.done, total: data.total });
      } else if (data.type === "saved" || (data.type === "status" && data.saved)) {
        status.textContent = t("offline_saved");
        button.disabled = false;
        root.setAttribute("data-offline-saved", data.version || "");
      } else if (data.type === "save-failed") {
        status.textContent = t("offline_save_failed");
        button.disabled = false;
      }
    });
    navigator.serviceWorker.ready.then(function (reg) {
      if (reg.active) reg.active.postMessage({ type: "status", folder: folder });
    });
    button.addEventListener("click", function () {
      button.disabled = true;
      status.textContent = t("offline_saving", { done: 0, total: "…" });
      navigator.serviceWorker.ready.then(function (reg) {
        reg.active.postMessage({ type: "save", folder: folder });
      }, function () {
        status.textContent = t("offline_save_failed");
        button.disabled = false;
      });
    });
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
    setUpMenu();
    setUpReadAloud();
    setUpRuler();
    setUpOffline();
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
