// safesite serve: live reload. Served at /__safesite/livereload.js by `safesite serve`
// only; never part of a built site. Listens to /__safesite/events (same origin, so it
// works under Content-Security-Policy: default-src 'self').
(function () {
  "use strict";
  var OVERLAY_ID = "safesite-error-overlay";

  function restyle() {
    var links = document.querySelectorAll('link[rel~="stylesheet"]');
    Array.prototype.forEach.call(links, function (link) {
      var url = new URL(link.href, location.href);
      if (url.origin !== location.origin) {
        return;
      }
      url.searchParams.set("safesite-reload", String(Date.now()));
      var fresh = link.cloneNode(false);
      fresh.href = url.pathname + url.search;
      fresh.addEventListener("load", function () { link.remove(); });
      fresh.addEventListener("error", function () { link.remove(); });
      link.after(fresh);
    });
  }

  function overlayStylesheet() {
    if (document.getElementById(OVERLAY_ID + "-css")) {
      return;
    }
    var link = document.createElement("link");
    link.id = OVERLAY_ID + "-css";
    link.rel = "stylesheet";
    link.href = "/__safesite/overlay.css";
    document.head.appendChild(link);
  }

  function hideOverlay() {
    var old = document.getElementById(OVERLAY_ID);
    if (old) {
      old.remove();
    }
  }

  function showOverlay(message) {
    overlayStylesheet();
    hideOverlay();
    var box = document.createElement("div");
    box.id = OVERLAY_ID;
    box.className = "safesite-overlay";
    box.setAttribute("role", "alert");
    var heading = document.createElement("p");
    heading.className = "safesite-overlay__title";
    heading.textContent = "The site could not be rebuilt";
    var text = document.createElement("pre");
    text.className = "safesite-overlay__message";
    text.textContent = message;
    var note = document.createElement("p");
    note.className = "safesite-overlay__note";
    note.textContent =
      "You are seeing the last version that built. Fix the problem and save: this page reloads by itself.";
    var dismiss = document.createElement("button");
    dismiss.type = "button";
    dismiss.className = "safesite-overlay__dismiss";
    dismiss.textContent = "Dismiss";
    dismiss.addEventListener("click", hideOverlay);
    box.append(heading, text, note, dismiss);
    document.body.appendChild(box);
  }

  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape") {
      hideOverlay();
    }
  });

  var events = new EventSource("/__safesite/events");
  events.addEventListener("reload", function () {
    location.reload();
  });
  events.addEventListener("css", function () {
    hideOverlay();
    restyle();
  });
  events.addEventListener("error", function (event) {
    // A dropped connection also fires "error", without data: EventSource reconnects.
    if (typeof event.data === "string") {
      showOverlay(event.data);
    }
  });
})();
