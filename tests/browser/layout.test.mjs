// Layout, privacy and robustness of every page: reflow at 320 px, visible focus, a strict
// Content-Security-Policy, no third-party requests, page weight, print, screenshots.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { ARTIFACTS, setUp } from "./support.mjs";

let env;
before(async () => { env = await setUp(); });
after(async () => { await env?.tearDown(); });

test("no page scrolls sideways at 320 CSS pixels wide", async (t) => {
  const context = await env.browser.newContext({ viewport: { width: 320, height: 640 } });
  const page = await context.newPage();
  for (const path of env.pages) {
    await t.test(path, async () => {
      await page.goto(env.origin + path);
      const width = await page.evaluate(() => document.documentElement.scrollWidth);
      assert.ok(width <= 320, `${path} is ${width}px wide`);
    });
  }
  await context.close();
});

test("every interactive element shows visible focus", async (t) => {
  const context = await env.browser.newContext();
  const page = await context.newPage();
  for (const path of env.pages) {
    await t.test(path, async () => {
      await page.goto(env.origin + path);
      const count = await page.evaluate(() => document.querySelectorAll("a[href], button, input, select, textarea, [tabindex]:not([tabindex='-1'])").length);
      const unseen = [];
      for (let i = 0; i < count; i += 1) {
        await page.keyboard.press("Tab");
        const diff = await page.evaluate(() => {
          const el = document.activeElement;
          if (!el || el === document.body) return null;
          const pick = (s) => [s.outlineStyle + s.outlineWidth, s.boxShadow, s.backgroundColor, s.color].join("|");
          const focused = pick(getComputedStyle(el));
          el.blur();
          const plain = pick(getComputedStyle(el));
          el.focus();
          return { what: el.outerHTML.slice(0, 80), visible: focused !== plain };
        });
        if (diff && !diff.visible) unseen.push(diff.what);
      }
      assert.deepEqual(unseen, []);
    });
  }
  await context.close();
});

test("every page works under default-src 'self': no CSP violations, no errors, no outside requests, no cookies", async (t) => {
  const context = await env.browser.newContext();
  const page = await context.newPage();
  const problems = [];
  page.on("console", (m) => { if (m.type() === "error") problems.push(`console: ${m.text()}`); });
  page.on("pageerror", (e) => problems.push(`script error: ${e.message}`));
  page.on("request", (r) => {
    const u = new URL(r.url());
    if (u.origin !== env.origin && u.protocol !== "data:") problems.push(`outside request: ${r.url()}`);
  });
  for (const path of env.pages.filter((p) => p !== "/404.html")) {
    await t.test(path, async () => {
      problems.length = 0;
      const response = await page.goto(env.origin + path);
      assert.equal(response.status(), 200);
      assert.deepEqual(problems, []);
    });
  }
  assert.deepEqual(await context.cookies(), []);
  await context.close();
});

test("the CSS and JavaScript every page loads weigh under 30 KB together", async () => {
  const context = await env.browser.newContext();
  const page = await context.newPage();
  let bytes = 0;
  page.on("response", async (r) => {
    if (/\.(css|js)$/.test(new URL(r.url()).pathname)) bytes += (await r.body()).length;
  });
  await page.goto(env.origin + "/", { waitUntil: "networkidle" });
  assert.ok(bytes > 0, "no CSS or JS loaded");
  assert.ok(bytes < 30 * 1024, `${bytes} bytes of CSS and JS`);
  await context.close();
});

test("Exit this page stays in view while scrolling and is hidden in print", async () => {
  const context = await env.browser.newContext({ viewport: { width: 1024, height: 600 } });
  const page = await context.newPage();
  await page.goto(env.origin + "/about/arrangements/");
  await page.mouse.wheel(0, 3000);
  await page.waitForFunction(() => window.scrollY > 500);
  const box = await page.locator("[data-quick-exit]").boundingBox();
  assert.ok(box && box.y >= 0 && box.y < 100, `button at ${JSON.stringify(box)}`);
  await page.emulateMedia({ media: "print" });
  assert.equal(await page.isVisible("[data-quick-exit]"), false);
  await context.close();
});

test("screenshots of the home page at 320 and 1280 pixels (kept as artefacts)", async () => {
  mkdirSync(ARTIFACTS, { recursive: true });
  for (const width of [320, 1280]) {
    const context = await env.browser.newContext({ viewport: { width, height: 900 } });
    const page = await context.newPage();
    await page.goto(env.origin + "/");
    await page.screenshot({ path: join(ARTIFACTS, `home-${width}.png`), fullPage: true });
    await context.close();
  }
});
