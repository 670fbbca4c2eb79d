// What a reader's browser downloads: the bytes of a first page view (cold cache, until the
// network is idle), then of a first search typed into the box on that page. Used by the search
// steps (tests/browser/search.mjs) and, run directly, to measure a built site:
//
//   node tests/browser/weight.mjs [--typed] SITE_DIR PAGE=QUERY...
//   node tests/browser/weight.mjs /tmp/site ja-JP/reset-password.html=パスワード
//
// serves SITE_DIR on 127.0.0.1 (plain HTTP, no compression; the gzip column is what each
// response would weigh gzipped at level 9), opens each PAGE (relative to SITE_DIR) in a fresh
// chromium context, enters QUERY into the search box at once (as pasted) or, with --typed, key
// by key, 150 ms apart (every prefix is a query of its own, as the reader types), and prints a
// markdown table.
import { createServer } from "node:http";
import { readFile, stat } from "node:fs/promises";
import { extname, join, normalize } from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";

/** Milliseconds between keys when a query is typed: a fast typist. */
export const TYPING_DELAY = 150;

/** Whether `url` is a script of a search index (not static/search.js, the search code). */
export function isIndexScript(url) {
  return /\/search\/[^/]+(\/[^/]+)?\.js$/.test(new URL(url).pathname);
}

/**
 * Records every response of `page` from now on: `await take()` returns those finished since
 * the last take, as [{url, bytes, gzip}].
 */
export function recorder(page) {
  let pending = [];
  page.on("requestfinished", (request) => {
    pending.push(
      request
        .response()
        .then((response) => (response ? response.body() : Buffer.alloc(0)))
        .then((body) => ({ url: request.url(), bytes: body.length, gzip: gzipSync(body, { level: 9 }).length }))
        .catch(() => ({ url: request.url(), bytes: 0, gzip: 0 })),
    );
  });
  return async function take() {
    const done = await Promise.all(pending);
    pending = [];
    return done;
  };
}

/** Sums a list of responses. */
export function total(responses) {
  return {
    requests: responses.length,
    bytes: responses.reduce((n, r) => n + r.bytes, 0),
    gzip: responses.reduce((n, r) => n + r.gzip, 0),
  };
}

/**
 * Opens `url` in `page` (fresh context), then enters `query` into the search box (key by key
 * when `typed`) and waits for its answer (results or "no results"). Returns the responses of
 * each: {view, search}.
 */
export async function weigh(page, url, query, typed) {
  const take = recorder(page);
  await page.goto(url, { waitUntil: "load" });
  const view = await settle(page, take);
  const input = page.locator(".site-search input");
  await input.click();
  if (typed) await input.pressSequentially(query, { delay: TYPING_DELAY });
  else await input.fill(query);
  await page.waitForFunction(
    () =>
      document.querySelector("#search-results [role=option]") ||
      document.querySelector(".search-status").textContent !== "",
  );
  return { view, search: await settle(page, take) };
}

/**
 * The responses of `take` (a recorder) until a whole second passes with none: typed key by key,
 * the last query may start its loads after an earlier one went quiet.
 */
export async function settle(page, take) {
  let all = [];
  for (;;) {
    await page.waitForTimeout(1000);
    const more = await take();
    if (more.length === 0) return all;
    all = all.concat(more);
  }
}

const TYPES = { ".html": "text/html; charset=utf-8", ".css": "text/css", ".js": "text/javascript", ".svg": "image/svg+xml", ".png": "image/png" };

/** Serves `root` on 127.0.0.1; resolves to [base URL, server]. */
function serve(root) {
  const server = createServer(async (request, response) => {
    const path = normalize(decodeURIComponent(new URL(request.url, "http://x").pathname)).replace(/^[/\\]+/, "");
    let file = join(root, path);
    try {
      if ((await stat(file)).isDirectory()) file = join(file, "index.html");
      const body = await readFile(file);
      response.writeHead(200, { "Content-Type": TYPES[extname(file)] || "application/octet-stream" });
      response.end(body);
    } catch {
      response.writeHead(404);
      response.end();
    }
  });
  return new Promise((resolve) => server.listen(0, "127.0.0.1", () => resolve([`http://127.0.0.1:${server.address().port}/`, server])));
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const typed = process.argv[2] === "--typed";
  const [root, ...cases] = process.argv.slice(typed ? 3 : 2);
  if (!root || cases.length === 0) {
    console.error("usage: node weight.mjs [--typed] SITE_DIR PAGE=QUERY...");
    process.exit(2);
  }
  const { chromium } = await import("playwright-core");
  const [base, server] = await serve(root);
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
    args: ["--no-sandbox", "--disable-gpu"],
  });
  const kb = (n) => (n / 1024).toFixed(1);
  console.log("| page | query | page view: requests, KB (gzip KB) | first search: requests, KB (gzip KB) | index parts loaded |");
  console.log("| --- | --- | --- | --- | --- |");
  try {
    for (const item of cases) {
      const [page, query] = item.split("=");
      const context = await browser.newContext();
      const tab = await context.newPage();
      const { view, search } = await weigh(tab, base + page, query, typed);
      const results = await tab.locator("#search-results [role=option]").count();
      const v = total(view), s = total(search);
      const parts = search.filter((r) => isIndexScript(r.url)).map((r) => new URL(r.url).pathname.replace(/^\/search\//, ""));
      console.log(
        `| ${page} | ${query} (${results} results) | ${v.requests}, ${kb(v.bytes)} (${kb(v.gzip)}) | ` +
          `${s.requests}, ${kb(s.bytes)} (${kb(s.gzip)}) | ${parts.join(" ")} |`,
      );
      if (view.some((r) => isIndexScript(r.url))) console.log(`  ! ${page}: the page view loaded an index script`);
      await context.close();
    }
  } finally {
    await browser.close();
    server.close();
  }
}
