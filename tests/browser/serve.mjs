// `diglot serve` in a real browser: an open page reloads by itself after an editor-style save
// (a temporary file renamed over the article), and a content error shows over the page with
// its file:line until the file is fixed. `serveStep(url, project)` is a step for run.mjs;
// `url` is where tests/browser.rs started `diglot serve` (ending in "/"), `project` the folder
// it serves (a copy of the embedded project).
import { readFileSync, renameSync, writeFileSync } from "node:fs";
import { join } from "node:path";

function check(condition, message) {
  if (!condition) throw new Error(message);
}

const ARTICLE = "content/nl-NL/device-in-pending-state.md";

/** Saves as VS Code or gedit do: a temporary file beside the article, renamed over it. */
function save(project, text) {
  const file = join(project, ARTICLE);
  const temporary = join(project, "content/nl-NL/.goutputstream-browser");
  writeFileSync(temporary, text);
  renameSync(temporary, file);
}

export function serveStep(url, project, axe, screenshot) {
  return {
    name: "serve: an open page reloads after a save; an error shows over it until fixed",
    skip: !url,
    async run(page) {
      const listening = page.waitForResponse((r) => r.url().endsWith("/__diglot/events"));
      await page.goto(url + "nl-NL/device-in-pending-state.html");
      await listening;
      const original = readFileSync(join(project, ARTICLE), "utf8");
      const edited = original.replace("**Vereisten**", "**Eerst dit**");
      check(edited !== original, "the article lacks the word to edit");

      const saved = Date.now();
      const reloaded = page.waitForEvent("load");
      save(project, edited);
      await reloaded;
      console.log(`      save to reloaded page: ${Date.now() - saved} ms`);
      const strong = await page.locator("article.content strong").allTextContents();
      check(strong.includes("Eerst dit"), "the reloaded page lacks the edit: " + strong.join(" | "));

      // The reloaded page hears the current problems when it connects, whenever that is.
      save(project, "---\ntitle: Kapot\n# never closed\n");
      const overlay = page.locator("#diglot-problems");
      await overlay.waitFor({ state: "visible" });
      const place = await overlay.locator(".diglot-problem-place").first().textContent();
      check(place === ARTICLE + ":1:1", `the overlay names ${place}`);
      check((await overlay.getAttribute("role")) === "alert", "the overlay is not announced");
      await screenshot(page, "serve-error-overlay");
      await axe(page, "page with the error overlay");

      save(project, edited);
      await overlay.waitFor({ state: "detached" });
      check(
        (await page.locator("article.content strong").allTextContents()).includes("Eerst dit"),
        "the fixed page lost the edit",
      );
    },
  };
}
