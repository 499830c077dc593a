// Quick exit, as a person in danger would use it: button, keyboard, Shift three times,
// without JavaScript, and after the back button.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { setUp } from "./support.mjs";

const REPORT = "/reports/scrutiny-report-2024-25/";
let env;
before(async () => { env = await setUp(); });
after(async () => { await env?.tearDown(); });

async function fresh(options = {}) {
  const context = await env.browser.newContext(options);
  return { context, page: await context.newPage() };
}

/** Holds navigation to the exit page, so the state during an exit can be inspected.
 *  Call `held.release()` before closing the context. */
async function holdExit(page) {
  const held = [];
  await page.route("**/__exit", (route) => held.push(route));
  held.release = () => Promise.all(held.splice(0).map((r) => r.abort().catch(() => {})));
  return held;
}

/** Activates the button inside the page and reports, in the same task, what is shown. */
function activateAndLook(page) {
  return page.evaluate(() => {
    document.querySelector("[data-quick-exit]").click();
    const visible = (el) => Boolean(el && el.checkVisibility());
    return {
      hidden: document.documentElement.classList.contains("quick-exit-active"),
      mainVisible: visible(document.querySelector("main")),
      headerVisible: visible(document.querySelector("header")),
      alert: document.querySelector("[role=alert]")?.textContent,
      alertVisible: visible(document.querySelector("[role=alert]")),
    };
  });
}

/** Waits until the page has asked for the exit page `n` times. */
async function waitForExits(held, n) {
  for (let i = 0; i < 100 && held.length < n; i += 1) await new Promise((ok) => setTimeout(ok, 50));
  assert.ok(held.length >= n, `asked for the exit page ${held.length} times, expected ${n}`);
}

test("activating the button hides everything at once, before the next page loads", async () => {
  const { context, page } = await fresh();
  await page.goto(env.origin + REPORT);
  const held = await holdExit(page);
  const seen = await activateAndLook(page);
  assert.deepEqual(seen, { hidden: true, mainVisible: false, headerVisible: false, alert: "Loading.", alertVisible: true });
  await waitForExits(held, 1);
  await held.release();
  await context.close();
});

test("clicking the button leaves the site", async () => {
  const { context, page } = await fresh();
  await page.goto(env.origin + REPORT);
  await page.click("[data-quick-exit]");
  await page.waitForURL("**/__exit");
  await context.close();
});

test("the back button after an exit does not show the page that was exited", async () => {
  const { context, page } = await fresh();
  await page.goto(env.origin + "/");
  await page.goto(env.origin + REPORT);
  await page.click("[data-quick-exit]");
  await page.waitForURL("**/__exit");
  await page.goBack();
  assert.equal(new URL(page.url()).pathname, "/", "back went to the exited page");
  await context.close();
});

test("Tab order: skip link first, then Exit this page", async () => {
  const { context, page } = await fresh();
  await page.goto(env.origin + REPORT);
  await page.keyboard.press("Tab");
  assert.equal(await page.evaluate(() => document.activeElement.className), "skip-link");
  await page.keyboard.press("Tab");
  assert.equal(await page.evaluate(() => document.activeElement.hasAttribute("data-quick-exit")), true);
  assert.match(await page.evaluate(() => document.activeElement.textContent), /Emergency\s*Exit this page/);
  await context.close();
});

for (const key of ["Enter", "Space"]) {
  test(`${key} on the focused button exits`, async () => {
    const { context, page } = await fresh();
    await page.goto(env.origin + REPORT);
    await page.focus("[data-quick-exit]");
    await page.keyboard.press(key);
    await page.waitForURL("**/__exit");
    await context.close();
  });
}

test("Shift pressed three times exits, announcing progress", async () => {
  const { context, page } = await fresh();
  await page.goto(env.origin + REPORT);
  const status = () => page.textContent(".quick-exit__status");
  await page.keyboard.press("Shift");
  assert.equal(await status(), "Shift, press 2 more times to exit.");
  await page.keyboard.press("Shift");
  assert.equal(await status(), "Shift, press 1 more time to exit.");
  await page.keyboard.press("Shift");
  await page.waitForURL("**/__exit");
  await context.close();
});

test("another key, or Shift released after a shifted key, resets the count", async () => {
  const { context, page } = await fresh();
  await page.goto(env.origin + REPORT);
  const held = await holdExit(page);
  await page.keyboard.press("Shift");
  await page.keyboard.press("Shift");
  await page.keyboard.press("a");
  await page.keyboard.press("Shift");
  await page.keyboard.press("Shift+A");
  await page.keyboard.press("Shift");
  assert.equal(await page.textContent(".quick-exit__status"), "Shift, press 2 more times to exit.");
  assert.equal(held.length, 0, "exited although the presses were interrupted");
  await held.release();
  await context.close();
});

test("presses more than 5 seconds apart expire", async () => {
  const { context, page } = await fresh();
  await page.clock.install();
  await page.goto(env.origin + REPORT);
  const held = await holdExit(page);
  await page.keyboard.press("Shift");
  await page.keyboard.press("Shift");
  await page.clock.fastForward(5100);
  assert.equal(await page.textContent(".quick-exit__status"), "Exit this page expired.");
  await page.keyboard.press("Shift");
  assert.equal(held.length, 0);
  await held.release();
  await context.close();
});

test("without JavaScript it is a plain link to the exit page", async () => {
  const { context, page } = await fresh({ javaScriptEnabled: false });
  await page.goto(env.origin + REPORT);
  const link = page.locator("[data-quick-exit]");
  assert.equal(await link.getAttribute("href"), env.origin + "/__exit");
  assert.deepEqual((await link.getAttribute("rel")).split(/\s+/).sort(), ["nofollow", "noreferrer"]);
  await link.click();
  await page.waitForURL("**/__exit");
  await context.close();
});

test("a page restored from the back/forward cache after an exit stays hidden and leaves again", async () => {
  const { context, page } = await fresh();
  await page.goto(env.origin + REPORT);
  const held = await holdExit(page);
  // One task in the page: start an exit, cancel its navigation (as a restore from the
  // cache would), then restore the page as the back/forward cache does.
  const restored = await page.evaluate(() => {
    document.querySelector("[data-quick-exit]").click();
    window.stop();
    document.documentElement.classList.remove("quick-exit-active");
    window.dispatchEvent(new PageTransitionEvent("pageshow", { persisted: true }));
    return document.documentElement.classList.contains("quick-exit-active");
  });
  assert.equal(restored, true, "restored page was shown");
  await waitForExits(held, 1);
  await held.release();
  await context.close();
});

test("nothing is stored: no cookies, no local or session storage", async () => {
  const { context, page } = await fresh();
  await page.goto(env.origin + REPORT);
  await page.keyboard.press("Shift");
  const stored = await page.evaluate(() => [document.cookie, localStorage.length, sessionStorage.length]);
  assert.deepEqual(stored, ["", 0, 0]);
  assert.deepEqual(await context.cookies(), []);
  await context.close();
});

test("three lights on the button fill with each Shift press, and go out when the count ends", async () => {
  const { context, page } = await fresh();
  await page.goto(env.origin + REPORT);
  const held = await holdExit(page);
  const lit = () => page.locator(".quick-exit__light--on").count();
  const shown = () => page.locator(".quick-exit__indicator").isVisible();
  assert.equal(await shown(), false, "no lights before a press");
  await page.keyboard.press("Shift");
  assert.equal(await shown(), true);
  assert.equal(await lit(), 1);
  await page.keyboard.press("Shift");
  assert.equal(await lit(), 2);
  // The lights are not read out: the status messages say the same to a screen reader.
  assert.equal(await page.getAttribute(".quick-exit__indicator", "aria-hidden"), "true");
  assert.equal(
    (await page.getByRole("button", { name: /Exit this page/ }).textContent()).trim().replace(/\s+/g, " "),
    "Emergency Exit this page",
  );
  await page.keyboard.press("a");
  assert.equal(await lit(), 0);
  assert.equal(await shown(), false);
  assert.equal(held.length, 0);
  await held.release();
  await context.close();
});

test("left and right Shift both count, and mixing them does not start again", async () => {
  const { context, page } = await fresh();
  await page.goto(env.origin + REPORT);
  await page.keyboard.press("ShiftLeft");
  await page.keyboard.press("ShiftRight");
  assert.equal(await page.textContent(".quick-exit__status"), "Shift, press 1 more time to exit.");
  await page.keyboard.press("ShiftLeft");
  await page.waitForURL("**/__exit");
  await context.close();
});

test("capital letters typed in the search box never exit, with a keyboard or an on-screen one", async () => {
  const { context, page } = await fresh();
  await page.goto(env.origin + REPORT);
  const held = await holdExit(page);
  await page.click("#site-search-q");
  // A hardware keyboard: Shift held for each capital.
  for (const key of ["KeyC", "KeyP", "KeyR"]) {
    await page.keyboard.down("Shift");
    await page.keyboard.press(key);
    await page.keyboard.up("Shift");
  }
  // An on-screen keyboard: Shift pressed and let go, then the letter arrives as input
  // with no key event of its own.
  for (const letter of ["M", "A", "S", "H"]) {
    await page.keyboard.press("Shift");
    await page.keyboard.insertText(letter);
  }
  assert.equal(await page.inputValue("#site-search-q"), "CPRMASH");
  assert.equal(held.length, 0, "typing capitals exited the page");
  // Three presses in a row still leave, from the search box too.
  await page.keyboard.press("Shift");
  await page.keyboard.press("Shift");
  await page.keyboard.press("Shift");
  await waitForExits(held, 1);
  await held.release();
  await context.close();
});

test("in Windows high contrast mode the button keeps its edge and the lights show", async () => {
  const { context, page } = await fresh({ forcedColors: "active" });
  await page.goto(env.origin + REPORT);
  assert.equal(await page.evaluate(() => matchMedia("(forced-colors: active)").matches), true);
  const button = page.locator(".quick-exit__button");
  assert.ok(await button.isVisible());
  const edge = await button.evaluate((el) => {
    const s = getComputedStyle(el);
    return { width: parseFloat(s.borderTopWidth), style: s.borderTopStyle, color: s.borderTopColor, bg: s.backgroundColor };
  });
  assert.ok(edge.width >= 2 && edge.style === "solid", JSON.stringify(edge));
  assert.notEqual(edge.color, edge.bg, `the edge is the colour of the background: ${JSON.stringify(edge)}`);
  await page.keyboard.press("Shift");
  const light = await page.locator(".quick-exit__light--on").evaluate((el) => {
    const s = getComputedStyle(el);
    return { fill: s.backgroundColor, edge: s.borderTopColor };
  });
  assert.equal(light.fill, light.edge, `a lit light is filled with its edge colour: ${JSON.stringify(light)}`);
  assert.notEqual(light.fill, "rgba(0, 0, 0, 0)");
  await button.click();
  await page.waitForURL("**/__exit");
  await context.close();
});

test("with reduced motion nothing on the button moves, and it still exits", async () => {
  const { context, page } = await fresh({ reducedMotion: "reduce" });
  await page.goto(env.origin + REPORT);
  await page.keyboard.press("Shift");
  const moving = await page.evaluate(() =>
    [...document.querySelectorAll(".quick-exit, .quick-exit *")]
      .map((el) => getComputedStyle(el))
      .filter((s) => s.animationName !== "none" || parseFloat(s.transitionDuration) > 0).length);
  assert.equal(moving, 0);
  await page.keyboard.press("Shift");
  await page.keyboard.press("Shift");
  await page.waitForURL("**/__exit");
  await context.close();
});
