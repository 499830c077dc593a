/* Quick exit: leave the site at once, by button or by pressing Shift three times.
   Hides the page straight away, then replaces this page in the history with a neutral
   one. Stores nothing (no cookies, no storage). */
(function () {
  "use strict";
  var button = document.querySelector("[data-quick-exit]");
  if (!button) { return; }
  var url = button.getAttribute("href");
  var status = document.querySelector(".quick-exit__status");
  // The messages in the page's language, from the theme's translations.
  var holder = document.querySelector("[data-quick-exit-messages]");
  function message(name, fallback) {
    var text = holder && holder.getAttribute("data-" + name);
    return text || fallback;
  }
  var exiting = false;
  var presses = 0;
  var timer = null;
  var modified = false;

  function exit() {
    exiting = true;
    document.documentElement.classList.add("quick-exit-active");
    var overlay = document.createElement("div");
    overlay.className = "quick-exit-overlay";
    overlay.setAttribute("role", "alert");
    overlay.textContent = message("loading", "Loading.");
    document.body.appendChild(overlay);
    window.location.replace(url);
  }

  function say(text) {
    if (status) { status.textContent = text; }
  }

  function reset(expired) {
    if (presses > 0 && expired) { say(message("expired", "Exit this page expired.")); }
    presses = 0;
    if (timer) { clearTimeout(timer); timer = null; }
  }

  button.addEventListener("click", function (event) {
    event.preventDefault();
    exit();
  });
  button.addEventListener("keydown", function (event) {
    if (event.key === " ") { event.preventDefault(); exit(); }
  });

  document.addEventListener("keydown", function (event) {
    if (event.key !== "Shift") { modified = event.shiftKey; reset(false); }
  });
  document.addEventListener("keyup", function (event) {
    if (event.key !== "Shift") { return; }
    if (modified) { modified = false; reset(false); return; }
    presses += 1;
    if (timer) { clearTimeout(timer); }
    if (presses >= 3) { reset(false); say(""); exit(); return; }
    say(presses === 1
      ? message("press-two", "Shift, press 2 more times to exit.")
      : message("press-one", "Shift, press 1 more time to exit."));
    timer = setTimeout(function () { reset(true); }, 5000);
  });

  window.addEventListener("pageshow", function (event) {
    if (event.persisted && exiting) {
      document.documentElement.classList.add("quick-exit-active");
      window.location.replace(url);
    }
  });
})();
