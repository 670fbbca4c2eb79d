// Drives chromium over a built diglot site served on 127.0.0.1 (tests/browser.rs starts the
// server and this script). Each step is one reader action with its checks; a failed check
// fails the run. Other suites add steps to STEPS (e.g. a search step) without touching the rest.
//
// Environment: BASE_URL (the served folder, ending in "/"), SCREENSHOTS (folder for PNGs),
// CHROMIUM (executable), CORPUS=1 when the corpus locales were built under corpus/, SERVE_URL
// and SERVE_PROJECT: where `diglot serve` serves a copy of the embedded project, and the copy.

import { mkdtempSync, mkdirSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { chromium } from "playwright-core";
import { reportSteps } from "./report.mjs";
import { searchSteps } from "./search.mjs";
import { serveStep } from "./serve.mjs";

const require = createRequire(import.meta.url);
const base = process.env.BASE_URL;
const shots = process.env.SCREENSHOTS;
const corpus = process.env.CORPUS === "1";
const hololens = process.env.HOLOLENS === "1";
mkdirSync(shots, { recursive: true });

function check(condition, message) {
  if (!condition) throw new Error(message);
}

async function screenshot(page, name) {
  await page.screenshot({ path: join(shots, name + ".png"), fullPage: false });
}

/** axe-core on the open page; fails on serious or critical violations. */
async function axe(page, label) {
  await page.addScriptTag({ path: require.resolve("axe-core/axe.min.js") });
  const result = await page.evaluate(() => window.axe.run(document, { resultTypes: ["violations"] }));
  const bad = result.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  const all = result.violations.map((v) => `${v.impact} ${v.id} (${v.nodes.length})`);
  console.log(`axe ${label}: ${all.length ? all.join(", ") : "no violations"}`);
  check(
    bad.length === 0,
    `axe on ${label}: ` + bad.map((v) => `${v.id}: ${v.help} at ${v.nodes.map((n) => n.target).join(" ")}`).join("; "),
  );
}

const article = "embedded/nl-NL/device-in-pending-state.html";

const STEPS = [
  {
    name: "an article shows its English on hover and on keyboard focus",
    async run(page) {
      await page.goto(base + article);
      check((await page.getAttribute("html", "lang")) === "nl-NL", "page is not Dutch");
      await screenshot(page, "article-nl");
      const seg = page.locator("article.content .seg[data-en]").nth(1);
      const english = await seg.getAttribute("data-en");
      await seg.hover();
      const tip = page.locator("#segment-tip");
      await tip.waitFor({ state: "visible" });
      check((await tip.textContent()).includes(english), "hover tooltip lacks the English");
      await screenshot(page, "article-nl-hover");
      await page.mouse.move(0, 0);
      await tip.waitFor({ state: "hidden" });
      // Keyboard: tab from the toggle button to the first sentence.
      await page.focus(".toggle-sxs");
      await page.keyboard.press("Tab");
      const focused = await page.evaluate(() => {
        const el = document.activeElement;
        return { seg: el.classList.contains("seg"), describedBy: el.getAttribute("aria-describedby"), en: el.dataset.en };
      });
      check(focused.seg, "Tab does not reach a sentence");
      check(focused.describedBy === "segment-tip", "focused sentence is not described by the tooltip");
      await tip.waitFor({ state: "visible" });
      check((await tip.textContent()).includes(focused.en), "focus tooltip lacks the English");
      await page.keyboard.press("Escape");
      await tip.waitFor({ state: "hidden" });
    },
  },
  {
    name: "the switcher changes language",
    async run(page) {
      await page.goto(base + article);
      await page.click('.lang-switcher a[hreflang="nb-NO"]');
      await page.waitForURL(/nb-NO\/device-in-pending-state\.html$/);
      check((await page.getAttribute("html", "lang")) === "nb-NO", "switcher did not open Norwegian");
      check((await page.textContent("h1")).includes("Enhet"), "Norwegian heading missing");
      await screenshot(page, "article-nb");
    },
  },
  {
    name: "English side by side, block by block",
    async run(page) {
      await page.goto(base + article);
      await page.click(".toggle-sxs");
      const view = page.locator(".sxs-view");
      await view.waitFor({ state: "visible" });
      check((await page.getAttribute(".toggle-sxs", "aria-pressed")) === "true", "toggle not pressed");
      const columns = await view.evaluate((el) => getComputedStyle(el).gridTemplateColumns.split(" ").length);
      check(columns === 2, `side by side has ${columns} columns`);
      const english = await page.locator(".sxs-cell.english").first().textContent();
      check(english.includes("Device in pending state"), "English column lacks the English title");
      const cells = await page.locator(".sxs-cell").count();
      check(cells > 4 && cells % 2 === 0, `unpaired cells: ${cells}`);
      // Hovering a sentence lights up its English.
      const seg = page.locator(".sxs-view .seg[data-seg]").nth(1);
      await seg.hover();
      const id = await seg.getAttribute("data-seg");
      check(await page.locator(`.sxs-view .seg-en.paired[data-seg="${id}"]`).count() === 1, "English twin not highlighted");
      await screenshot(page, "article-nl-side-by-side");
      // The choice is remembered on the next page, and can be undone.
      await page.goto(base + "embedded/nl-NL/troubleshoot-prt-issue.html");
      await page.locator(".sxs-view").waitFor({ state: "visible" });
      await page.click(".toggle-sxs");
      await page.locator("main article.content").first().waitFor({ state: "visible" });
      check(!(await page.locator(".sxs-view").isVisible()), "toggle did not hide the side by side");
    },
  },
  {
    name: "axe: article, right-to-left article, index",
    async run(page) {
      await page.goto(base + article);
      await axe(page, "article");
      await page.goto(base + "rtl/ar-SA/reset.html");
      check((await page.getAttribute("html", "dir")) === "rtl", "Arabic page is not rtl");
      await axe(page, "rtl article");
      await screenshot(page, "article-ar-rtl");
      await page.goto(base + "embedded/nl-NL/index.html");
      await axe(page, "index");
      await screenshot(page, "index-nl");
      await page.goto(base + "embedded/index.html");
      await axe(page, "root");
      await screenshot(page, "root");
    },
  },
  {
    name: "corpus: Dutch and Arabic from the shared corpus",
    skip: !corpus,
    async run(page) {
      await page.goto(base + "corpus/ar-SA/index.html");
      check((await page.getAttribute("html", "dir")) === "rtl", "corpus Arabic index is not rtl");
      await axe(page, "corpus rtl index");
      await screenshot(page, "corpus-ar-index");
      const first = page.locator(".article-list a").first();
      await first.click();
      await page.waitForLoadState();
      await axe(page, "corpus rtl article");
      await screenshot(page, "corpus-ar-article");
      await page.click('.lang-switcher a[hreflang="nl-NL"]');
      await page.waitForURL(/nl-NL\//);
      await axe(page, "corpus article");
      await page.click(".toggle-sxs");
      await page.locator(".sxs-view").waitFor({ state: "visible" });
      await screenshot(page, "corpus-nl-side-by-side");
    },
  },
];

/** Forgets a side-by-side choice an earlier step left, so articles show in a single column. */
async function singleView(page) {
  await page.goto(base + "locales/de-DE/index.html");
  await page.evaluate(() => localStorage.removeItem("diglot-side-by-side"));
}

// The five-locale project (tests/locales/fixture.rs): what each machine-translation banner says.
const banners = JSON.parse(process.env.MT_BANNERS || "{}");

STEPS.push(
  {
    name: "locales: the banner and the English tools speak the reader's language",
    async run(page) {
      check(Object.keys(banners).length === 5, "MT_BANNERS lists no locales");
      await singleView(page);
      for (const [tag, words] of Object.entries(banners)) {
        await page.goto(base + `locales/${tag}/reset.html`);
        check((await page.getAttribute("html", "lang")) === tag, `${tag}: wrong lang`);
        const banner = page.locator(".banner-mt");
        check(await banner.isVisible(), `${tag}: no visible banner`);
        const text = (await banner.innerText()).trim();
        check(text.startsWith(words), `${tag}: banner reads "${text}", not "${words}"`);
        // The sentence tooltip names English in the reader's language.
        const seg = page.locator("article.content .seg[data-en]").first();
        await seg.hover();
        const label = page.locator("#segment-tip .tip-label");
        await label.waitFor({ state: "visible" });
        const expected = await page.getAttribute("#segment-tip", "data-label");
        check((await label.textContent()) === expected && expected !== "English", `${tag}: tooltip label "${expected}"`);
        await page.mouse.move(0, 0);
      }
    },
  },
  {
    name: "locales: wide tables scroll inside the article, images fit, RTL mirrors",
    async run(page) {
      await singleView(page);
      for (const tag of ["de-DE", "he-IL", "ja-JP"]) {
        await page.goto(base + `locales/${tag}/reset.html`);
        const layout = await page.evaluate(() => {
          const article = document.querySelector("main article.content").getBoundingClientRect();
          const wrap = document.querySelector(".table-scroll");
          const image = document.querySelector("article.content img").getBoundingClientRect();
          const outline = document.querySelector("nav.outline").getBoundingClientRect();
          return {
            pageScrolls: document.documentElement.scrollWidth > document.documentElement.clientWidth,
            tableScrolls: wrap.scrollWidth > wrap.clientWidth,
            region: wrap.getAttribute("role") === "region" && wrap.tabIndex === 0 && !!wrap.getAttribute("aria-label"),
            tableInside: wrap.getBoundingClientRect().right <= article.right + 1 && wrap.getBoundingClientRect().left >= article.left - 1,
            imageInside: image.width <= article.width + 1 && image.width > 0,
            outlineStart: outline.left > article.left,
            rtl: document.documentElement.dir === "rtl",
          };
        });
        check(!layout.pageScrolls, `${tag}: the page scrolls sideways`);
        check(layout.tableInside, `${tag}: the table sticks out of the article`);
        // German words do not break: its table is wider than the article and scrolls. Japanese
        // text wraps between any two characters, so its table may fit.
        if (tag !== "ja-JP") check(layout.tableScrolls, `${tag}: the wide table does not scroll`);
        check(!layout.tableScrolls || layout.region, `${tag}: the scrolling table is not a focusable, labelled region`);
        check(layout.imageInside, `${tag}: the wide image overflows the article`);
        check(layout.outlineStart !== layout.rtl, `${tag}: the outline is not on the ${layout.rtl ? "left" : "right"}`);
      }
      // No TOC, no sidebar: the article starts at the page's start edge.
      await page.goto(base + "locales/ja-JP/reset.html");
      check(await page.locator("nav.toc").count() === 0, "ja-JP has a TOC sidebar");
      const start = await page.evaluate(() => document.querySelector("main").getBoundingClientRect().left);
      check(start < 5, `ja-JP main starts at ${start}px, after an empty column`);
    },
  },
  {
    name: "locales: axe on an RTL page, CJK pages and an index; screenshots",
    async run(page) {
      await singleView(page);
      for (const [path, label] of [
        ["locales/he-IL/reset.html", "rtl he-IL"],
        ["locales/ar-SA/reset.html", "rtl ar-SA"],
        ["locales/ja-JP/reset.html", "cjk ja-JP"],
        ["locales/zh-CN/sign-in.html", "cjk zh-CN"],
        ["locales/ja-JP/index.html", "index ja-JP"],
      ]) {
        await page.goto(base + path);
        await axe(page, label);
      }
      for (const tag of ["ar-SA", "ja-JP", "de-DE"]) {
        await page.goto(base + `locales/${tag}/reset.html`);
        await screenshot(page, `locales-${tag}`);
      }
      // Side by side, the wide tables scroll inside their columns and stay reachable.
      await page.goto(base + "locales/he-IL/reset.html");
      await page.click(".toggle-sxs");
      await page.locator(".sxs-view").waitFor({ state: "visible" });
      const regions = await page.locator(".sxs-view .table-scroll[role=region]").count();
      check(regions === 2, `side by side has ${regions} scrolling table regions, not 2`);
      await axe(page, "rtl he-IL side by side");
      await screenshot(page, "locales-he-IL-side-by-side");
      await page.click(".toggle-sxs");
    },
  },
  {
    name: "HoloLens docset: a German article with its images, the landing page and an FAQ page",
    skip: !hololens,
    async run(page) {
      await page.goto(base + "hololens/de-DE/hololens2-basic-usage.html");
      check((await page.getAttribute("html", "lang")) === "de-DE", "hololens: wrong article");
      // Every image resolves (from the English source: the German repository has none).
      const images = await page.locator("article.content img").evaluateAll((imgs) => imgs.map((img) => img.src));
      check(images.length > 0, "hololens: the article shows no image");
      for (const src of images) {
        const response = await page.request.get(src);
        check(response.ok(), `hololens: ${src} answers ${response.status()}`);
      }
      await screenshot(page, "hololens-de-DE-article");
      await page.goto(base + "hololens/de-DE/index.html");
      check((await page.locator("main a").count()) > 5, "hololens: the landing page shows no cards");
      await screenshot(page, "hololens-de-DE-landing");
      await page.goto(base + "hololens/de-DE/hololens1-faq-security.html");
      check((await page.locator("main h2, main h3").count()) > 3, "hololens: the FAQ shows no questions");
      await axe(page, "hololens FAQ");
      await screenshot(page, "hololens-de-DE-faq");
    },
  },
  {
    name: "corpus: Japanese and German articles in their own words",
    skip: !corpus,
    async run(page) {
      for (const tag of ["ja-JP", "de-DE", "ar-SA"]) {
        await page.goto(base + `corpus/${tag}/index.html`);
        await page.locator(".article-list a").nth(3).click();
        await page.waitForLoadState();
        check((await page.getAttribute("html", "lang")) === tag, `corpus ${tag}: wrong page`);
        await axe(page, `corpus ${tag} article`);
        await screenshot(page, `corpus-${tag}-article`);
      }
    },
  },
);

STEPS.push(...searchSteps(base, { siteDir: process.env.SITE_DIR, corpus, axe, screenshot }), {
  name: "search: the results list, open, in a screenshot and under axe",
  async run(page) {
    await page.goto(base + "embedded/nl-NL/index.html");
    await page.locator(".site-search input").fill("apparaat");
    await page.locator("#search-results [role=option]").first().waitFor({ state: "visible" });
    await axe(page, "search results");
    await screenshot(page, "search-results-nl");
  },
});

STEPS.push(...reportSteps(base, { corpus, screenshot, axe }));
STEPS.push(serveStep(process.env.SERVE_URL, process.env.SERVE_PROJECT, axe, screenshot));

const profile = mkdtempSync(join(tmpdir(), "diglot-chromium-"));
const context = await chromium.launchPersistentContext(profile, {
  executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
  headless: true,
  viewport: { width: 1280, height: 860 },
  args: [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
  ],
});
let failed = 0;
try {
  for (const step of STEPS) {
    if (step.skip) {
      console.log(`skip  ${step.name}`);
      continue;
    }
    const page = await context.newPage();
    const errors = [];
    page.on("pageerror", (e) => errors.push(e.message));
    try {
      await step.run(page);
      check(errors.length === 0, "script errors: " + errors.join("; "));
      console.log(`ok    ${step.name}`);
    } catch (e) {
      failed += 1;
      console.log(`FAIL  ${step.name}: ${e.message}`);
      await screenshot(page, "failed-" + STEPS.indexOf(step)).catch(() => {});
    } finally {
      await page.close();
    }
  }
} finally {
  await context.close();
  rmSync(profile, { recursive: true, force: true });
}
console.log(`screenshots in ${shots}`);
process.exit(failed ? 1 : 0);
