// axe-core on every page of the example site, in light and dark colour schemes.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { AXE_SOURCE, setUp } from "./support.mjs";

const TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"];
let env;
before(async () => { env = await setUp(); });
after(async () => { await env?.tearDown(); });

for (const scheme of ["light", "dark"]) {
  test(`every page passes axe (WCAG 2.0/2.1/2.2 A and AA, best practice) in ${scheme} mode`, async (t) => {
    assert.ok(env.pages.length >= 8, `only ${env.pages.length} pages built`);
    const context = await env.browser.newContext({ colorScheme: scheme });
    const page = await context.newPage();
    for (const path of env.pages) {
      await t.test(path, async () => {
        await page.goto(env.origin + path);
        await page.evaluate(AXE_SOURCE);
        const result = await page.evaluate((tags) => globalThis.axe.run(document, { runOnly: { type: "tag", values: tags } }), TAGS);
        const problems = result.violations.map((v) =>
          `${path}: ${v.id} (${v.impact}): ${v.help} at ${v.nodes.slice(0, 3).map((n) => n.target.join(" ")).join("; ")}`);
        assert.deepEqual(problems, []);
      });
    }
    await context.close();
  });
}
