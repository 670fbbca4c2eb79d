// Drives chromium over a page of DocFX constructs built by tests/dfm_browser.rs (opened from
// file://): tab groups (roles, aria-selected, arrow keys, the choice kept across groups and
// remembered, dependent tabs, every panel visible without JavaScript), the zone pivot picker
// and the image lightbox.
//
// Environment: PAGE (file:// URL of the page), SCREENSHOTS (folder for PNGs), CHROMIUM.

import { mkdirSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { chromium } from "playwright-core";

const require = createRequire(import.meta.url);
const url = process.env.PAGE;
const shots = process.env.SCREENSHOTS;
mkdirSync(shots, { recursive: true });

function check(condition, message) {
  if (!condition) throw new Error(message);
}

const group = (n) => `.tabGroup >> nth=${n}`;
async function selected(page, n) {
  return page.locator(`${group(n)} >> [role=tab][aria-selected=true]`).getAttribute("data-tab");
}
async function visiblePanels(page, n) {
  const panels = page.locator(`${group(n)} >> section[role=tabpanel]`);
  const shown = [];
  for (let i = 0; i < (await panels.count()); i++) {
    if (await panels.nth(i).isVisible()) shown.push(await panels.nth(i).getAttribute("data-tab"));
  }
  return shown.join(",");
}

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM,
  args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run"],
});
let failed = false;
async function step(name, run) {
  try {
    await run();
    console.log(`ok   ${name}`);
  } catch (error) {
    failed = true;
    console.log(`FAIL ${name}: ${error.message}`);
  }
}

await step("without JavaScript every tab panel and every zone shows", async () => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto(url);
  check((await visiblePanels(page, 0)) === "windows,linux,extra", `group 1 shows ${await visiblePanels(page, 0)}`);
  check((await visiblePanels(page, 1)) === "windows,linux", `group 2 shows ${await visiblePanels(page, 1)}`);
  check((await page.locator(".zone:visible").count()) === 2, "a zone is hidden");
  await context.close();
});

const context = await browser.newContext({ viewport: { width: 1100, height: 900 } });
const page = await context.newPage();
await page.goto(url);

await step("one panel per group shows; a dependent tab waits for its condition", async () => {
  check((await selected(page, 0)) === "windows", "group 1 does not start on its first tab");
  check((await visiblePanels(page, 0)) === "windows", `group 1 shows ${await visiblePanels(page, 0)}`);
  check((await visiblePanels(page, 1)) === "windows", `group 2 shows ${await visiblePanels(page, 1)}`);
  check(!(await page.locator(`${group(0)} >> [role=tab][data-tab=extra]`).isVisible()), "the dependent tab shows before linux is chosen");
  check((await page.locator(`${group(0)} >> [role=tab][tabindex="0"]`).count()) === 1, "more than one tab is in the tab order");
});

await step("choosing a tab chooses it in every group, shows its dependents and is remembered", async () => {
  await page.click(`${group(0)} >> [role=tab][data-tab=linux]`);
  check((await selected(page, 0)) === "linux" && (await selected(page, 1)) === "linux", "the groups disagree");
  check((await visiblePanels(page, 1)) === "linux", `group 2 shows ${await visiblePanels(page, 1)}`);
  check(await page.locator(`${group(0)} >> [role=tab][data-tab=extra]`).isVisible(), "the dependent tab stays hidden");
  await page.screenshot({ path: join(shots, "dfm-tabs.png") });
  await page.reload();
  check((await selected(page, 0)) === "linux" && (await selected(page, 1)) === "linux", "the choice is forgotten");
});

await step("arrow keys move between tabs and select them", async () => {
  await page.focus(`${group(1)} >> [role=tab][aria-selected=true]`);
  await page.keyboard.press("ArrowLeft");
  check((await selected(page, 1)) === "windows", "ArrowLeft did not select the previous tab");
  const focused = await page.evaluate(() => document.activeElement.dataset.tab);
  check(focused === "windows", `focus is on ${focused}`);
  check((await selected(page, 0)) === "windows", "the other group did not follow");
  await page.keyboard.press("End");
  check((await selected(page, 1)) === "linux", "End did not select the last tab");
});

await step("the pivot picker shows one zone at a time", async () => {
  const buttons = page.locator(".zone-pivots button");
  check((await buttons.count()) === 2, `${await buttons.count()} pivot buttons`);
  await page.click(".zone-pivots button[data-pivot=portal]");
  check(!(await page.locator(".zone[data-pivot=cli]").isVisible()), "the cli zone still shows");
  check(await page.locator(".zone[data-pivot=portal]").isVisible(), "the portal zone is hidden");
  check((await page.getAttribute(".zone-pivots button[data-pivot=portal]", "aria-pressed")) === "true", "the button is not pressed");
});

await step("a lightbox image opens full size and closes with Escape", async () => {
  await page.click("a.lightbox");
  const dialog = page.locator("dialog.lightbox-dialog");
  check(await dialog.isVisible(), "no dialog");
  const src = await dialog.locator("img").getAttribute("src");
  check(src.endsWith("media/a.png"), `the dialog shows ${src}`);
  await page.keyboard.press("Escape");
  check(!(await dialog.isVisible()), "Escape did not close the dialog");
});

await step("axe finds no serious problem in the constructs", async () => {
  await page.addScriptTag({ path: require.resolve("axe-core/axe.min.js") });
  const result = await page.evaluate(() => window.axe.run(document.querySelector("article"), { resultTypes: ["violations"] }));
  const bad = result.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  check(bad.length === 0, bad.map((v) => `${v.id}: ${v.help}`).join("; "));
});

await browser.close();
process.exit(failed ? 1 : 0);
