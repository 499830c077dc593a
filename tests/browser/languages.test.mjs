// Community-language pages as a reader meets them: the switcher, right-to-left Urdu, the
// quick exit speaking Polish, and search that stays within the reader's language.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { setUp } from "./support.mjs";

let env;
before(async () => { env = await setUp(); });
after(async () => { await env?.tearDown(); });

async function open(path, options = {}) {
  const context = await env.browser.newContext(options);
  const page = await context.newPage();
  await page.goto(env.origin + path);
  return { context, page };
}

test("the language switcher links every version, each named in itself, with lang and hreflang", async () => {
  const { context, page } = await open("/worried-about-a-child/");
  const links = await page.locator(".language-switcher a").evaluateAll((as) =>
    as.map((a) => ({ text: a.textContent, lang: a.lang, hreflang: a.hreflang, path: new URL(a.href).pathname })));
  assert.deepEqual(links, [
    { text: "Polski", lang: "pl", hreflang: "pl", path: "/pl/worried-about-a-child/" },
    { text: "اردو", lang: "ur", hreflang: "ur", path: "/ur/worried-about-a-child/" },
  ]);
  const current = page.locator(".language-switcher [aria-current]");
  assert.equal(await current.textContent(), "English");
  assert.equal(await page.getAttribute(".language-switcher", "aria-label"), "Languages");
  await page.click(".language-switcher a[lang=pl]");
  await page.waitForURL("**/pl/worried-about-a-child/");
  assert.equal(await page.getAttribute("html", "lang"), "pl");
  assert.equal(await page.textContent("h1"), "Martwisz się o dziecko?");
  await context.close();
});

test("a translated page says the English page is authoritative and links to it", async () => {
  const { context, page } = await open("/pl/worried-about-a-child/");
  const note = page.locator(".translation-note");
  assert.match(await note.textContent(), /Wiążąca jest wersja angielska/);
  const link = note.locator("a");
  assert.equal(new URL(await link.evaluate((a) => a.href)).pathname, "/worried-about-a-child/");
  assert.equal(await link.getAttribute("hreflang"), "en-GB");
  await context.close();
});

test("an Urdu page reads right to left, with the phone numbers still left to right", async () => {
  const { context, page } = await open("/ur/worried-about-a-child/");
  assert.equal(await page.getAttribute("html", "dir"), "rtl");
  assert.equal(await page.getAttribute("html", "lang"), "ur");
  const layout = await page.evaluate(() => {
    const main = document.querySelector("main");
    const tel = document.querySelector('a[href^="tel:"]');
    return {
      direction: getComputedStyle(main).direction,
      align: getComputedStyle(main.querySelector("p")).textAlign,
      telDirection: tel && getComputedStyle(tel).direction,
      scrollsSideways: document.documentElement.scrollWidth > document.documentElement.clientWidth,
    };
  });
  assert.deepEqual(layout, { direction: "rtl", align: "start", telDirection: "ltr", scrollsSideways: false });
  await context.close();
});

test("on a Polish page the quick exit speaks Polish, visibly and to screen readers", async () => {
  const { context, page } = await open("/pl/worried-about-a-child/");
  await page.route("**/__exit", (route) => route.abort());
  assert.match(await page.textContent("[data-quick-exit]"), /Opuść tę stronę/);
  const status = () => page.textContent(".quick-exit__status");
  await page.keyboard.press("Shift");
  assert.equal(await status(), "Shift: naciśnij jeszcze 2 razy, aby wyjść.");
  await page.keyboard.press("Shift");
  assert.equal(await status(), "Shift: naciśnij jeszcze 1 raz, aby wyjść.");
  const alert = await page.evaluate(() => {
    document.querySelector("[data-quick-exit]").click();
    return document.querySelector("[role=alert]")?.textContent;
  });
  assert.equal(alert, "Ładowanie.");
  await context.close();
});

test("Polish search finds the Polish page, in Polish, and English search does not", async () => {
  const { context, page } = await open("/pl/search/?q=zaniedbywane");
  await page.waitForFunction(() => /wynik/.test(document.querySelector("[data-search-status]").textContent));
  assert.match(await page.textContent("[data-search-status]"), /^\d+ wynik\S* dla „zaniedbywane”/);
  const links = await page.locator("[data-search-list] a").evaluateAll((as) => as.map((a) => new URL(a.href).pathname));
  assert.ok(links.includes("/pl/worried-about-a-child/"), `results: ${links.join(", ")}`);
  assert.ok(links.every((l) => l.startsWith("/pl/")), `results outside Polish: ${links.join(", ")}`);
  await page.goto(env.origin + "/search/?q=zaniedbywane");
  await page.waitForFunction(() => /result/.test(document.querySelector("[data-search-status]").textContent));
  assert.match(await page.textContent("[data-search-status]"), /^0 results for “zaniedbywane”/);
  await context.close();
});
