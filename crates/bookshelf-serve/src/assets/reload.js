// bookshelf live reload: added to pages by `bookshelf serve` only, never to a published build.
// It listens to /__bookshelf/events: `reload` (changed URLs, one a line, or `*`), `error`
// (the overlay HTML of a failed build) and `ok` (the build works again).
(function () {
  "use strict";

  var OVERLAY_ID = "bookshelf-overlay";
  var previousFocus = null;

  function normalise(path) {
    try {
      path = decodeURI(path);
    } catch (e) {
      // Keep a path that is not valid percent-encoding as it is.
    }
    if (path.charAt(0) !== "/") {
      path = "/" + path;
    }
    return path.replace(/index\.html$/, "");
  }

  // Reload when this page changed, when everything did, or when a stylesheet or script did.
  function shouldReload(data) {
    var here = normalise(window.location.pathname);
    return data.split("\n").some(function (url) {
      return url === "*" || normalise(url) === here || /\.(css|js)$/.test(url);
    });
  }

  function overlay() {
    return document.getElementById(OVERLAY_ID);
  }

  function closeOverlay() {
    var current = overlay();
    if (!current) {
      return;
    }
    current.parentNode.removeChild(current);
    if (previousFocus && document.body.contains(previousFocus)) {
      previousFocus.focus();
    }
    previousFocus = null;
  }

  function wire(element) {
    var close = element.querySelector("[data-bookshelf-close]");
    if (close) {
      close.addEventListener("click", closeOverlay);
    }
    if (!previousFocus) {
      previousFocus = document.activeElement;
    }
    element.focus();
  }

  function showOverlay(html) {
    var holder = document.createElement("div");
    holder.innerHTML = html;
    var element = holder.firstElementChild;
    if (!element) {
      return;
    }
    var existing = overlay();
    if (existing) {
      existing.parentNode.replaceChild(element, existing);
    } else {
      document.body.appendChild(element);
    }
    wire(element);
  }

  // Escape closes the dialog wherever focus is.
  document.addEventListener("keydown", function (event) {
    if ((event.key === "Escape" || event.key === "Esc") && overlay()) {
      event.preventDefault();
      closeOverlay();
    }
  });

  // The dialog is modal: focus leaving it is brought back.
  document.addEventListener("focusin", function (event) {
    var current = overlay();
    if (current && !current.contains(event.target)) {
      current.focus();
    }
  });

  // The server already put the overlay in the page when the last build had failed.
  if (overlay()) {
    wire(overlay());
  }

  if (!window.EventSource) {
    return;
  }
  var source = new EventSource("/__bookshelf/events");
  source.addEventListener("reload", function (event) {
    if (shouldReload(event.data)) {
      window.location.reload();
    }
  });
  source.addEventListener("error", function (event) {
    // EventSource also fires `error` without data when the connection drops; it reconnects
    // by itself, so only our own `error` events (which carry the overlay) are shown.
    if (typeof event.data === "string" && event.data !== "") {
      showOverlay(event.data);
    }
  });
  source.addEventListener("ok", function () {
    closeOverlay();
    window.location.reload();
  });
})();
