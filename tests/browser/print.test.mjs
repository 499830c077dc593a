// A report printed to PDF by Chromium, read back with pdftotext: no header, search or
// quick exit; each link's address after its text; a table that fits on a page kept whole.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { setUp } from "./support.mjs";

const REPORT = "/reports/scrutiny-report-2024-25/";
let env;
before(async () => { env = await setUp(); });
after(async () => { await env?.tearDown(); });

/** The text of each page of `pdf` (bytes), as pdftotext reads it. */
function pagesOfPdf(pdf) {
  const file = join(mkdtempSync(join(tmpdir(), "safesite-print-")), "report.pdf");
  writeFileSync(file, pdf);
  return execFileSync("pdftotext", ["-layout", file, "-"], { encoding: "utf8" }).split("\f");
}

test("a report prints without the site's controls, with link addresses and whole tables", async () => {
  const page = await env.browser.newPage();
  await page.goto(env.origin + REPORT);
  const title = (await page.textContent("h1")).trim();
  const links = await page.$$eval(".prose a[href^='http']", (as) => as.map((a) => a.href));
  assert.ok(links.length > 0, "the report has no links to check");
  const rows = await page.$$eval("table.recommendations tbody tr", (trs) =>
    trs.map((tr) => tr.querySelector("th, td").textContent.trim()));
  assert.ok(rows.length >= 2, "the report has no recommendations table");
  await page.emulateMedia({ media: "print" });
  const pages = pagesOfPdf(await page.pdf({ format: "A4" }));
  const text = pages.join("\n").replace(/\s+/g, " ");
  await page.close();

  assert.ok(text.includes(title), `no title in the PDF: ${text.slice(0, 300)}`);
  for (const gone of ["Exit this page", "Search this site", "Skip to main content", "Back to top"]) {
    assert.ok(!text.includes(gone), `"${gone}" is printed`);
  }
  // pdftotext may break a long address across lines: compare without spaces.
  const squeezed = text.replace(/\s+/g, "");
  for (const href of links) assert.ok(squeezed.includes(`(${href})`), `no address after the link to ${href}`);
  const withTable = pages.filter((p) => rows.some((r) => p.includes(r)));
  assert.equal(withTable.length, 1, `the recommendations table is split over ${withTable.length} pages`);
  for (const r of rows) assert.ok(withTable[0].includes(r), `row ${r} is not on the table's page`);
});
