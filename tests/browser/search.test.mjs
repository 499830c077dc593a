// Site search in the browser: the index the build wrote, the results announced, and the
// page still useful without JavaScript.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { setUp } from "./support.mjs";

let env;
before(async () => { env = await setUp(); });
after(async () => { await env?.tearDown(); });

test("searching for a word from the scrutineer's report lists that report, and says how many", async () => {
  const context = await env.browser.newContext();
  const page = await context.newPage();
  const problems = [];
  page.on("console", (m) => { if (m.type() === "error") problems.push(m.text()); });
  await page.goto(env.origin + "/search/?q=escalation");
  const status = page.locator("[data-search-status]");
  await page.waitForFunction(() => /result/.test(document.querySelector("[data-search-status]").textContent));
  assert.match(await status.textContent(), /^\d+ results? for “escalation”/);
  assert.equal(await status.getAttribute("role"), "status");
  const links = await page.locator("[data-search-list] a").evaluateAll((as) => as.map((a) => new URL(a.href).pathname));
  assert.ok(links.includes("/reports/scrutiny-report-2024-25/"), `results: ${links.join(", ")}`);
  assert.deepEqual(problems, []);
  await context.close();
});

test("the header search box goes to the search page and searches", async () => {
  const context = await env.browser.newContext();
  const page = await context.newPage();
  await page.goto(env.origin + "/");
  await page.fill("#site-search-q", "neglect");
  await page.press("#site-search-q", "Enter");
  await page.waitForURL("**/search/?q=neglect");
  await page.waitForFunction(() => /result/.test(document.querySelector("[data-search-status]").textContent));
  assert.ok((await page.locator("[data-search-list] li").count()) > 0);
  await context.close();
});

test("without JavaScript the search page lists every page A to Z", async () => {
  const context = await env.browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto(env.origin + "/search/");
  const titles = await page.locator(".a-to-z a").allTextContents();
  assert.ok(titles.length >= 8, `${titles.length} pages listed`);
  const sorted = [...titles].sort((a, b) => a.toLowerCase().localeCompare(b.toLowerCase()));
  assert.deepEqual(titles, sorted);
  await context.close();
});

test("only the search page may run WebAssembly", async () => {
  const context = await env.browser.newContext();
  const page = await context.newPage();
  const policy = async (path) => (await page.goto(env.origin + path)).headers()["content-security-policy"];
  assert.match(await policy("/search/"), /'wasm-unsafe-eval'/);
  assert.doesNotMatch(await policy("/"), /wasm-unsafe-eval/);
  await context.close();
});
