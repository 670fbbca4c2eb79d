// The offline search in a real browser: steps for tests/browser/run.mjs, which adds
// `searchSteps(base, options)` to its steps. `base` is the served folder (ending in "/") that
// tests/browser.rs fills: embedded/ (small indexes, whole), split/ (tests/search/fixture.rs,
// an index over 1 MB, split), locales/ (Japanese and Chinese pages) and, with the corpus,
// corpus/ (its Japanese index, split). options: {siteDir, corpus, axe, screenshot}; siteDir is
// that folder on disk, to open the split site from file:// as well.
import { pathToFileURL } from "node:url";
import { isIndexScript, recorder, settle, total } from "./weight.mjs";

function check(condition, message) {
  if (!condition) throw new Error(message);
}

// What tests/search/fixture.rs planted in the split site: the page "apparaten registratie"
// finds, and the page whose title is markup, with that title.
const planted = JSON.parse(process.env.SPLIT_FIXTURE || "{}");

/**
 * The search scripts the page has loaded beyond the box (static/search.js): the query code and
 * the index scripts (from the DOM, so from file:// as well).
 */
function indexScripts(page) {
  return page.evaluate(() =>
    [...document.querySelectorAll("script[src]")]
      .map((s) => s.src)
      .filter((src) => /\/(search\/.+|static\/search-engine)\.js$/.test(new URL(src).pathname)),
  );
}

/** The words marked in a result: [title marks, excerpt marks]. */
async function marks(option) {
  return option.evaluate((li) => [
    [...li.querySelectorAll(".search-title mark")].map((m) => m.textContent),
    [...li.querySelectorAll(".search-excerpt mark")].map((m) => m.textContent),
  ]);
}

/** Types `query` into the box and waits for the first result. */
async function search(page, query) {
  const input = page.locator(".site-search input");
  await input.fill("");
  await input.pressSequentially(query);
  // The answer to the whole query, not to a prefix typed on the way.
  await page.waitForFunction((q) => document.getElementById("search-results")?.dataset.query === q, query);
  const first = page.locator("#search-results [role=option]").first();
  await first.waitFor({ state: "visible" });
  return first;
}

/** The embedded site: results as you type, by keyboard and by click, with marked words. */
function keyboardStep(site) {
  return {
    name: "search finds an article as you type, marks its words, by keyboard",
    async run(page) {
      await page.goto(site + "nl-NL/troubleshoot-prt-issue.html");
      check((await indexScripts(page)).length === 0, "an index script was loaded before the search box was used");
      const input = page.locator(".site-search input[role=combobox]");
      await input.click();
      const first = await search(page, "status in behand");
      check(
        (await first.textContent()).includes("Apparaat met status in behandeling"),
        "the first result is not the article titled with the words",
      );
      const [title] = await marks(first);
      check(title.includes("status") && title.includes("behandeling"), `title marks: ${title}`);
      check((await input.getAttribute("aria-expanded")) === "true", "the combobox is not expanded");
      await page.keyboard.press("ArrowDown");
      check((await input.getAttribute("aria-activedescendant")) === "search-result-0", "ArrowDown selects nothing");
      check((await first.getAttribute("aria-selected")) === "true", "the first option is not selected");
      await page.keyboard.press("Enter");
      await page.waitForURL(/nl-NL\/device-in-pending-state\.html$/);
      // The English pages search the English source; Escape closes the list.
      await page.goto(site + "en-US/index.html");
      const english = await search(page, "refresh token");
      check((await english.getAttribute("data-href")).startsWith("../en-US/"), "result links are not relative");
      await page.keyboard.press("Escape");
      check(await page.locator("#search-results").isHidden(), "Escape does not close the list");
      // A click opens a result.
      await search(page, "refresh token");
      await english.click();
      await page.waitForURL(/en-US\/troubleshoot-prt-issue\.html$/);
    },
  };
}

/**
 * The split index of tests/search/fixture.rs at `site` (HTTP or file://): nothing of the index
 * before the box is used, the manifest on focus, then only the parts a query needs; marked
 * stems; page text that looks like markup stays text.
 */
function splitStep(label, site) {
  return {
    name: `search: a split index from ${label}, loaded part by part`,
    async run(page) {
      await page.goto(site + "nl-NL/pagina-1.html");
      await page.waitForLoadState("load");
      check((await indexScripts(page)).length === 0, "an index script was loaded with the page");
      await page.locator(".site-search input").focus();
      await page.waitForFunction(() => window.diglotSearch && window.diglotSearchIndex && window.diglotSearchIndex["nl-NL"]);
      const onFocus = (await indexScripts(page)).map((src) => src.replace(/.*\/(static|search)\//, "$1/")).sort();
      check(onFocus.join(" ") === "search/nl-NL.js static/search-engine.js", `on focus: ${onFocus}`);
      const manifest = await page.evaluate(() => window.diglotSearchIndex["nl-NL"]);
      check(!manifest.i && manifest.k.length > 10, "the fixture's index is not split");

      const first = await search(page, "apparaten registratie");
      check((await first.getAttribute("data-href")) === "../" + planted.found, "the planted page is not first");
      const [title, excerpt] = await marks(first);
      // "registreren" has a stem of its own; "Apparaat" shares the stem of "apparaten".
      check(title.join(" ") === "Apparaat", `title marks: ${title}`);
      check(excerpt.join(" ") === "apparaten registratie", `excerpt marks: ${excerpt}`);
      const parts = (await indexScripts(page)).filter((src) => /\/search\/nl-NL\//.test(src));
      const files = manifest.k.length + Math.ceil(manifest.n / manifest.c);
      check(parts.length > 0 && parts.length <= 8, `the query loaded ${parts.length} parts: ${parts}`);
      check(parts.length * 10 < files, `the query loaded ${parts.length} of ${files} parts`);

      // Page text that looks like markup is shown as text, never run.
      const hostile = await search(page, "kwaadaardig");
      check((await hostile.getAttribute("data-href")) === "../" + planted.hostile, "the markup page is not found");
      check((await hostile.locator(".search-title").textContent()) === planted.hostileTitle, "the markup title is not shown as text");
      const injected = await page.locator("#search-results img, #search-results b, #search-results script").count();
      check(injected === 0, `${injected} elements made from page text`);
      check(await page.evaluate(() => window.hacked === undefined), "page text ran as script");
    },
  };
}

/** The split fixture over HTTP, counting requests on the network too. */
function splitNetworkStep(site) {
  return {
    name: "search: a page view requests no index; a first search only a few parts",
    async run(page) {
      const take = recorder(page);
      await page.goto(site + "nl-NL/pagina-2.html");
      const view = await settle(page, take);
      check(view.length > 0 && !view.some((r) => isIndexScript(r.url)), "the page view requested an index script");
      check(!view.some((r) => r.url.endsWith("search-engine.js")), "the page view requested the query code");
      await search(page, "apparaat registreren");
      const first = total(await settle(page, take));
      console.log(`      page view ${total(view).bytes} bytes in ${view.length} requests; first search ${first.bytes} bytes in ${first.requests}`);
      check(first.bytes < 200_000, `a first search downloaded ${first.bytes} bytes`);
    },
  };
}

/** Japanese: bigram matches are marked as the query's characters; axe on the open list. */
function cjkStep(site, axe) {
  return {
    name: "search: Japanese results mark the characters of the query",
    async run(page) {
      await page.goto(site + "ja-JP/sign-in.html");
      const first = await search(page, "パスワード");
      check((await first.getAttribute("data-href")) === "../ja-JP/reset.html", "the Japanese result is not the article");
      const [title] = await marks(first);
      check(title.join("") === "パスワード", `title marks: ${title}`);
      if (axe) await axe(page, "cjk search results");
    },
  };
}

/** The corpus's Japanese index (split) over HTTP: a real query, its bytes logged. */
function corpusStep(site, screenshot) {
  return {
    name: "corpus: a Japanese search on the split index",
    async run(page) {
      const take = recorder(page);
      await page.goto(site + "ja-JP/index.html");
      check(!(await settle(page, take)).some((r) => isIndexScript(r.url)), "the index page requested an index script");
      const first = await search(page, "パスワードのリセット");
      const [title, excerpt] = await marks(first);
      check(title.length + excerpt.length > 0, "nothing is marked in the first result");
      const loaded = total(await settle(page, take));
      console.log(`      corpus ja-JP: first search ${loaded.bytes} bytes in ${loaded.requests} requests`);
      check(loaded.bytes < 600_000, `a first search downloaded ${loaded.bytes} bytes`);
      if (screenshot) await screenshot(page, "search-results-ja");
    },
  };
}

/** The search steps over the served folder `base`. */
export function searchSteps(base, { siteDir, corpus, axe, screenshot } = {}) {
  const steps = [
    keyboardStep(base + "embedded/"),
    splitStep("HTTP", base + "split/"),
    splitNetworkStep(base + "split/"),
    cjkStep(base + "locales/", axe),
  ];
  if (siteDir) steps.push(splitStep("file://", pathToFileURL(siteDir).href.replace(/\/?$/, "/") + "split/"));
  if (corpus) steps.push(corpusStep(base + "corpus/", screenshot));
  return steps;
}
