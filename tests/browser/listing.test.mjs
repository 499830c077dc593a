// Long sections and themes as a reader pages through them: the GOV.UK pager, its links and
// labels, and the themes taxonomy from a briefing to its theme and back.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { setUp } from "./support.mjs";

const BRIEFINGS = "/learning/briefings/";
let env;
before(async () => { env = await setUp(); });
after(async () => { await env?.tearDown(); });

async function open(path) {
  const context = await env.browser.newContext();
  const page = await context.newPage();
  await page.goto(env.origin + path);
  return { context, page };
}

const listed = (page) => page.locator("main .document-list > li > a").allTextContents();
const pathOf = (page) => new URL(page.url()).pathname;

test("Next page walks every briefing once, newest first, and the pager marks where the reader is", async () => {
  const { context, page } = await open(BRIEFINGS);
  const seen = [];
  const dates = [];
  for (let n = 1; ; n += 1) {
    const nav = page.locator("nav.pagination");
    assert.equal(await nav.getAttribute("aria-label"), "Pagination");
    assert.equal(await nav.locator("[aria-current=page]").textContent(), String(n));
    assert.equal(await nav.locator("[aria-current=page]").getAttribute("aria-label"), `Page ${n}`);
    assert.equal(await page.locator("a[rel=prev]").count(), n === 1 ? 0 : 1, `page ${n}: previous link`);
    seen.push(...(await listed(page)));
    dates.push(...(await page.locator("main .document-list time").evaluateAll((ts) => ts.map((t) => t.dateTime))));
    const next = page.locator("a[rel=next]");
    if ((await next.count()) === 0) break;
    await next.click();
    await page.waitForURL(`**${BRIEFINGS}page/${n + 1}/`);
  }
  assert.equal(seen.length, 7, `briefings seen: ${seen.join(" | ")}`);
  assert.equal(new Set(seen).size, 7, "a briefing was listed twice");
  assert.deepEqual(dates, [...dates].sort().reverse(), "not newest first");
  assert.equal(pathOf(page), `${BRIEFINGS}page/3/`);
  await page.click("a[rel=prev]");
  await page.waitForURL(`**${BRIEFINGS}page/2/`);
  await context.close();
});

test("the section's introduction is on its first page only, and page 2 is titled as such", async () => {
  const { context, page } = await open(`${BRIEFINGS}page/2/`);
  assert.doesNotMatch(await page.textContent("main"), /seven minutes to read aloud/);
  assert.match(await page.title(), /page 2/i);
  await page.goto(env.origin + BRIEFINGS);
  assert.match(await page.textContent("main"), /seven minutes to read aloud/);
  await context.close();
});

test("/page/1/ sends the reader to the section itself", async () => {
  const { context, page } = await open(`${BRIEFINGS}page/1/`);
  await page.waitForURL(`**${BRIEFINGS}`);
  assert.equal(pathOf(page), BRIEFINGS);
  await context.close();
});

test("where a browser does not follow the redirect, the page still has quick exit and a link on", async () => {
  const context = await env.browser.newContext();
  const page = await context.newPage();
  // The page as a browser that ignores <meta http-equiv="refresh"> shows it.
  const response = await page.request.get(`${env.origin}${BRIEFINGS}page/1/`);
  await page.setContent((await response.text()).replace(/<meta http-equiv="refresh"[^>]*>/, ""));
  assert.equal(await page.locator("a.skip-link").count(), 1);
  assert.equal(await page.locator("[data-quick-exit]").textContent(), "Emergency Exit this page");
  assert.equal(await page.textContent("h1"), "This page has moved");
  assert.match(await page.getAttribute("main a", "href"), /\/learning\/briefings\/$/);
  await context.close();
});

test("a briefing's topics lead to its theme's page, which lists it, and to every theme", async () => {
  const { context, page } = await open(`${BRIEFINGS}hidden-men/`);
  const topics = await page.locator(".topics a").allTextContents();
  assert.deepEqual(topics, ["Domestic abuse", "Professional curiosity"]);
  await page.click(".topics a >> text=Domestic abuse");
  await page.waitForURL("**/themes/domestic-abuse/");
  assert.equal(await page.textContent("h1"), "Domestic abuse");
  const titles = await listed(page);
  assert.equal(titles.length, 2);
  assert.ok(titles.some((t) => /hidden men/i.test(t)), `listed: ${titles.join(" | ")}`);
  await page.click("text=All topics");
  await page.waitForURL("**/themes/");
  const terms = await listed(page);
  assert.deepEqual(terms, ["Babies and infants", "Domestic abuse", "Neglect", "Online safety",
    "Professional curiosity", "Working together"]);
  await context.close();
});

test("each theme has an Atom feed listing its briefings", async () => {
  const { context, page } = await open("/themes/neglect/");
  const response = await page.goto(env.origin + "/themes/neglect/atom.xml");
  assert.equal(response.status(), 200);
  const feed = await response.text();
  assert.match(feed, /<feed xmlns="http:\/\/www.w3.org\/2005\/Atom"/);
  assert.equal((feed.match(/<entry/g) || []).length, 2);
  assert.match(feed, /Neglect and drift/);
  await context.close();
});
