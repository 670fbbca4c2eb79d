// The offline search in a real browser. `searchStep(site)` is a step for tests/browser/run.mjs
// (`STEPS.push(searchStep(base + "embedded/"))`); run directly, it checks a built embedded site
// on its own, from file:// (the case where a fetch of the index would fail):
//
//   diglot build --dest /tmp/site
//   BASE_URL=file:///tmp/site/ CHROMIUM=/usr/bin/chromium node tests/browser/search.mjs
//
// `site` is the URL of the built embedded content, ending in "/".
import { fileURLToPath } from "node:url";

function check(condition, message) {
  if (!condition) throw new Error(message);
}

export function searchStep(site) {
  return {
    name: "search finds an article as you type, by keyboard",
    async run(page) {
      await page.goto(site + "nl-NL/troubleshoot-prt-issue.html");
      const input = page.locator(".site-search input[role=combobox]");
      await input.click();
      await input.pressSequentially("status in behand");
      const first = page.locator("#search-results [role=option]").first();
      await first.waitFor({ state: "visible" });
      check(
        (await first.textContent()).includes("Apparaat met status in behandeling"),
        "the first result is not the article titled with the words",
      );
      check((await input.getAttribute("aria-expanded")) === "true", "the combobox is not expanded");
      await page.keyboard.press("ArrowDown");
      check((await input.getAttribute("aria-activedescendant")) === "search-result-0", "ArrowDown selects nothing");
      check((await first.getAttribute("aria-selected")) === "true", "the first option is not selected");
      await page.keyboard.press("Enter");
      await page.waitForURL(/nl-NL\/device-in-pending-state\.html$/);
      // The English pages search the English source; Escape closes the list.
      await page.goto(site + "en-US/index.html");
      await page.locator(".site-search input").fill("refresh token");
      const english = page.locator("#search-results [role=option]").first();
      await english.waitFor({ state: "visible" });
      check((await english.getAttribute("data-href")).startsWith("../en-US/"), "result links are not relative");
      await page.keyboard.press("Escape");
      check(await page.locator("#search-results").isHidden(), "Escape does not close the list");
      // A click opens a result.
      await page.locator(".site-search input").fill("refresh token");
      await english.click();
      await page.waitForURL(/en-US\/troubleshoot-prt-issue\.html$/);
    },
  };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { chromium } = await import("playwright-core");
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
    args: ["--no-sandbox", "--disable-gpu"],
  });
  const page = await browser.newPage();
  const errors = [];
  page.on("pageerror", (e) => errors.push(e.message));
  const step = searchStep(process.env.BASE_URL);
  try {
    await step.run(page);
    check(errors.length === 0, "script errors: " + errors.join("; "));
    console.log(`ok    ${step.name}`);
  } catch (e) {
    console.log(`FAIL  ${step.name}: ${e.message}`);
    process.exitCode = 1;
  } finally {
    await browser.close();
  }
}
