// Shared set-up for the browser tests: build the example site with the debug binary that
// `cargo test` already built, serve it on 127.0.0.1 with a strict Content-Security-Policy,
// and drive Debian's Chromium with playwright-core.
import { execFileSync } from "node:child_process";
import { cpSync, existsSync, mkdtempSync, readFileSync, readdirSync, statSync, writeFileSync } from "node:fs";
import { createServer } from "node:http";
import { tmpdir } from "node:os";
import { dirname, extname, join, relative, resolve, sep } from "node:path";
import { fileURLToPath } from "node:url";
import { createRequire } from "node:module";
import { chromium } from "playwright-core";

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
export const ARTIFACTS = join(ROOT, "tests/browser/artifacts");
export const CSP = "default-src 'self'";
export const BIN = process.env.SAFESITE_BIN || join(ROOT, "target/debug/safesite");
const TYPES = {
  ".html": "text/html; charset=utf-8", ".css": "text/css", ".js": "text/javascript",
  ".xml": "application/xml", ".txt": "text/plain", ".svg": "image/svg+xml", ".png": "image/png",
  ".pdf": "application/pdf", ".json": "application/json",
};

/** The axe-core source, to evaluate in a page (evaluate is not subject to the page's CSP). */
export const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");

/** Serves the folder `root()` names with the site's security headers; `/__exit` stands in
 *  for the quick-exit page. */
export async function serve(root) {
  const requests = [];
  const server = createServer((req, res) => {
    requests.push(req.url);
    const url = new URL(req.url, "http://127.0.0.1");
    if (url.pathname === "/__exit") {
      res.writeHead(200, { "content-type": "text/html; charset=utf-8", "content-security-policy": CSP });
      res.end("<!doctype html><html lang=\"en\"><title>Weather</title><h1>Exited</h1></html>");
      return;
    }
    const dir = root();
    let path = resolve(dir, "." + decodeURIComponent(url.pathname));
    if (!path.startsWith(resolve(dir))) { res.writeHead(403); res.end(); return; }
    if (existsSync(path) && statSync(path).isDirectory()) path = join(path, "index.html");
    const found = existsSync(path);
    const file = found ? path : join(dir, "404.html");
    res.writeHead(found ? 200 : 404, {
      "content-type": TYPES[extname(file)] || "application/octet-stream",
      ...siteHeaders(dir, url.pathname),
    });
    res.end(readFileSync(file));
  });
  await new Promise((ok) => server.listen(0, "127.0.0.1", ok));
  const origin = `http://127.0.0.1:${server.address().port}`;
  return { server, origin, requests, close: () => new Promise((ok) => server.close(ok)) };
}

/** The headers the build wrote to `_headers` for `pathname` (rules for `/*` and for path
 *  prefixes such as `/search/*`, in order; `! Name` removes a header), so the tests run
 *  under exactly the policy a host would send. */
export function siteHeaders(dir, pathname = "/") {
  const headers = {};
  let applies = false;
  for (const line of readFileSync(join(dir, "_headers"), "utf8").split("\n")) {
    if (line.startsWith("#") || !line.trim()) continue;
    if (!/^\s/.test(line)) {
      const rule = line.trim();
      applies = rule === "/*" || (rule.endsWith("/*") && pathname.startsWith(rule.slice(0, -1))) || rule === pathname;
      continue;
    }
    if (!applies) continue;
    const text = line.trim();
    if (text.startsWith("!")) { delete headers[text.slice(1).trim().toLowerCase()]; continue; }
    const at = text.indexOf(":");
    if (at > 0) headers[text.slice(0, at).trim().toLowerCase()] = text.slice(at + 1).trim();
  }
  if (!headers["content-security-policy"]?.startsWith(CSP)) {
    throw new Error(`_headers does not set ${CSP} for ${pathname}: ${JSON.stringify(headers)}`);
  }
  return headers;
}

/** Builds a copy of the example site for `origin`, with quick exit pointing at `/__exit`. */
export function buildExample(origin) {
  const tmp = mkdtempSync(join(tmpdir(), "safesite-browser-"));
  const site = join(tmp, "site");
  for (const part of ["config.toml", "content", "themes", "data", "static", "templates"]) {
    if (existsSync(join(ROOT, part))) cpSync(join(ROOT, part), join(site, part), { recursive: true });
  }
  const config = join(site, "config.toml");
  // Point quick exit at this server: the test machine has no outside network.
  const text = readFileSync(config, "utf8").replace(/^\[quick_exit\][^[]*/m, "");
  writeFileSync(config, `${text}\n[quick_exit]\nurl = "${origin}/__exit"\n`);
  const out = join(tmp, "public");
  execFileSync(BIN, ["build", "--root", site, "-o", out, "--base-url", origin], { stdio: "pipe" });
  return out;
}

/**
 * Every HTML page in the built site, as URL paths: the pages a reader lands on, so not the
 * redirect pages (a paginated section's `/page/1/`, an alias), which navigate away at once.
 */
export function pagesOf(dir) {
  const out = [];
  const walk = (d) => {
    for (const name of readdirSync(d).sort()) {
      const p = join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else if (name.endsWith(".html") && !readFileSync(p, "utf8").includes('http-equiv="refresh"')) {
        const rel = relative(dir, p).split(sep).join("/");
        out.push("/" + (rel === "index.html" ? "" : rel.replace(/(^|\/)index\.html$/, "$1")));
      }
    }
  };
  walk(dir);
  return out;
}

/** Debian's Chromium, headless, with nothing that reaches the network. */
export function launch() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
    args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
      "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  });
}

/** Starts everything one test file needs: a server, the site built for it, a browser. */
export async function setUp() {
  const state = { dir: null };
  const web = await serve(() => state.dir);
  state.dir = buildExample(web.origin);
  const browser = await launch();
  const tearDown = async () => { await browser.close(); await web.close(); };
  return { ...web, dir: state.dir, browser, pages: pagesOf(state.dir), tearDown };
}
