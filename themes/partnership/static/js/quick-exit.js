/* Quick exit: leave the site at once, by button or by pressing Shift three times.
   Hides the page straight away, then replaces this page in the history with a neutral
   one. Stores nothing (no cookies, no storage). Three dots on the button fill with each
   Shift press, beside the screen-reader messages. Either Shift key counts; a Shift used
   with another key, or followed by typed text (an on-screen keyboard sends Shift, then
   the letter as input), starts the count again. */
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

  // The indicator: three lights, shown from the first press, one lit per press.
  var indicator = document.createElement("span");
  indicator.className = "quick-exit__indicator";
  indicator.setAttribute("aria-hidden", "true");
  var lights = [];
  for (var i = 0; i < 3; i += 1) {
    lights.push(indicator.appendChild(document.createElement("span")));
    lights[i].className = "quick-exit__light";
  }
  button.appendChild(indicator);

  function showPresses() {
    indicator.classList.toggle("quick-exit__indicator--visible", presses > 0);
    for (var n = 0; n < lights.length; n += 1) {
      lights[n].classList.toggle("quick-exit__light--on", n < presses);
    }
  }

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
    showPresses();
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
    showPresses();
    if (timer) { clearTimeout(timer); }
    if (presses >= 3) { reset(false); say(""); exit(); return; }
    say(presses === 1
      ? message("press-two", "Shift, press 2 more times to exit.")
      : message("press-one", "Shift, press 1 more time to exit."));
    timer = setTimeout(function () { reset(true); }, 5000);
  });

  // Text typed without a key event for it (an on-screen keyboard, dictation) ends a count.
  document.addEventListener("input", function () { reset(false); }, true);

  window.addEventListener("pageshow", function (event) {
    if (event.persisted && exiting) {
      document.documentElement.classList.add("quick-exit-active");
      window.location.replace(url);
    }
  });
})();
