// html-validate (its standard and a11y presets, inline style an error) on every page of
// the example site, of a fresh `safesite init` site and of a site of plain pages under
// the partnership theme; and the plain site in Chromium: quick exit, the emergency
// number and axe on every page, though it has none of the pages the theme links to.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync, readdirSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { HtmlValidate } from "html-validate";
import { AXE_SOURCE, BIN, ROOT, buildExample, launch, pagesOf, serve } from "./support.mjs";

const validator = new HtmlValidate({
  extends: ["html-validate:standard", "html-validate:a11y"],
  rules: {
    "no-trailing-whitespace": "off", "void-style": "off", "attribute-boolean-style": "off",
    "no-inline-style": "error", "long-title": "off",
    // The quick exit is a link styled as a button, as GOV.UK's "Exit this page" is.
    "prefer-native-element": ["error", { exclude: ["button"] }],
  },
});

/** Every HTML file under `dir` but Pagefind's. */
function htmlFiles(dir) {
  const out = [];
  for (const name of readdirSync(dir).sort()) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) { if (name !== "pagefind") out.push(...htmlFiles(p)); }
    else if (name.endsWith(".html")) out.push(p);
  }
  return out;
}

async function assertValid(dir) {
  const files = htmlFiles(dir);
  assert.ok(files.length >= 3, `only ${files.length} pages in ${dir}`);
  const problems = [];
  for (const file of files) {
    const report = await validator.validateFile(file);
    for (const result of report.results) {
      for (const m of result.messages) problems.push(`${file.slice(dir.length)}:${m.line}:${m.column} ${m.ruleId}: ${m.message}`);
    }
  }
  assert.deepEqual(problems, []);
}

/** A site of plain Markdown pages under the partnership theme, built; its folder. */
function plainSite(origin) {
  const tmp = mkdtempSync(join(tmpdir(), "safesite-plain-"));
  const site = join(tmp, "site");
  mkdirSync(join(site, "content", "news"), { recursive: true });
  cpSync(join(ROOT, "themes"), join(site, "themes"), { recursive: true });
  const write = (rel, text) => writeFileSync(join(site, rel), text);
  write("config.toml", `base_url = "${origin}"\ntitle = "Plain partnership"\ntheme = "partnership"\n[quick_exit]\nurl = "${origin}/__exit"\n`);
  write("content/_index.md", "+++\ntitle = \"Plain partnership\"\n+++\n\nWe keep children safe.\n");
  write("content/news/_index.md", "+++\ntitle = \"News\"\n+++\n");
  write("content/news/briefing.md", "+++\ntitle = \"A briefing\"\ndate = 2025-05-01\n+++\n\n## What we learnt\n\nListen to children.\n");
  write("content/about.md", "+++\ntitle = \"About us\"\n+++\n\n## Who we are\n\nThree partners.\n");
  const out = join(tmp, "public");
  execFileSync(BIN, ["build", "--root", site, "-o", out], { stdio: "pipe" });
  return out;
}

test("every page of the example site is valid HTML", async () => {
  await assertValid(buildExample("http://127.0.0.1:9"));
});

test("every page of a fresh init site is valid HTML", async () => {
  const tmp = mkdtempSync(join(tmpdir(), "safesite-init-"));
  const site = join(tmp, "site");
  execFileSync(BIN, ["init", site], { stdio: "pipe" });
  execFileSync(BIN, ["build", "--root", site, "-o", join(tmp, "public")], { stdio: "pipe" });
  await assertValid(join(tmp, "public"));
});

let web, browser;
const state = { dir: null };
before(async () => {
  web = await serve(() => state.dir);
  state.dir = plainSite(web.origin);
  browser = await launch();
});
after(async () => { await browser?.close(); await web?.close(); });

test("every page of a plain-pages site is valid HTML", async () => {
  await assertValid(state.dir);
});

test("a plain-pages site has quick exit and 999 on every page and passes axe", async (t) => {
  const page = await browser.newPage();
  for (const path of pagesOf(state.dir)) {
    await t.test(path, async () => {
      await page.goto(web.origin + path);
      assert.equal(await page.locator("a.quick-exit__button").count(), 1, "no quick exit");
      assert.ok((await page.locator('a[href="tel:999"]').count()) > 0, "no emergency number");
      assert.equal(await page.locator("form.site-search").count(), 0, "a search box with no search page");
      await page.evaluate(AXE_SOURCE);
      const result = await page.evaluate(() => globalThis.axe.run(document, { runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"] } }));
      assert.deepEqual(result.violations.map((v) => `${v.id}: ${v.help}`), []);
    });
  }
  await page.close();
});
