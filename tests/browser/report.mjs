// The alignment report in a real browser: steps for tests/browser/run.mjs
// (`STEPS.push(...reportSteps(base, { corpus, screenshot, axe }))`). They filter an article's rows
// by finding code, status and locale, and the dashboard's by locale; check that no report page
// scrolls sideways at 1,280 and 390 px; run axe; and save the screenshots
// report-{dashboard,article}-{1280,390}.png (and corpus-report-article-1280.png with the corpus).

function check(condition, message) {
  if (!condition) throw new Error(message);
}

const WIDE = { width: 1280, height: 860 };
const NARROW = { width: 390, height: 844 };

/** Whether the page is wider than the window. */
async function scrollsSideways(page) {
  return page.evaluate(() => document.documentElement.scrollWidth > document.documentElement.clientWidth);
}

/** Checks the page fits the window at both widths, saving a screenshot at each. */
async function fits(page, name, screenshot) {
  for (const size of [WIDE, NARROW]) {
    await page.setViewportSize(size);
    check(!(await scrollsSideways(page)), `${name} scrolls sideways at ${size.width}px`);
    await screenshot(page, `${name}-${size.width}`);
  }
  await page.setViewportSize(WIDE);
}

/** What the filters left of a table: per visible unit, the filter data of its visible cells. */
async function visibleUnits(page, table) {
  return page.evaluate((table) => {
    const visible = (el) => !el.hidden && el.offsetParent !== null;
    return [...document.querySelectorAll(`#${table} .unit`)].filter(visible).map((unit) =>
      [...unit.querySelectorAll("[data-statuses]")].filter(visible).map((cell) => ({
        locale: cell.dataset.locale,
        statuses: cell.dataset.statuses.split(" ").filter(Boolean),
        codes: (cell.dataset.codes || "").split(" ").filter(Boolean),
      })),
    );
  }, table);
}

async function setBox(page, name, value, on) {
  const box = page.locator(`form.filters input[name=${name}][value="${value}"]`);
  if (on) await box.check();
  else await box.uncheck();
}

export function reportSteps(base, { corpus, screenshot, axe }) {
  return [
    {
      name: "report: an article's rows filter by finding code and locale, and fit at 1,280 and 390 px",
      async run(page) {
        await page.setViewportSize(WIDE);
        await page.goto(base + "embedded/reports/articles/troubleshoot-prt-issue.html");
        await axe(page, "report article");
        const all = (await visibleUnits(page, "alignment")).length;
        // By code: only the rows with an alert that became bold text.
        await setBox(page, "code", "alert-mismatch", true);
        const alerts = await visibleUnits(page, "alignment");
        check(alerts.length === 2, `${alerts.length} rows with alert-mismatch, not 2`);
        check(
          alerts.every((cells) => cells.some((c) => c.codes.includes("alert-mismatch"))),
          "a row without alert-mismatch stays visible",
        );
        await setBox(page, "code", "alert-mismatch", false);
        check((await visibleUnits(page, "alignment")).length === all, "clearing the code does not bring back every row");
        // By locale: Danish leaves the table, header and cells.
        await setBox(page, "locale", "da-DK", false);
        const danish = await page.evaluate(() =>
          [...document.querySelectorAll("#alignment [data-locale=da-DK]")].filter((el) => el.offsetParent !== null).length,
        );
        check(danish === 0, `${danish} Danish cells still shown`);
        check(
          (await visibleUnits(page, "alignment")).every((cells) => cells.every((c) => c.locale === "nl-NL")),
          "a visible cell is not Dutch",
        );
        await setBox(page, "locale", "da-DK", true);
        await fits(page, "report-article", screenshot);
      },
    },
    {
      name: "report: rows filter by status",
      async run(page) {
        // The Arabic article of the right-to-left project was made from an older English.
        await page.goto(base + "rtl/reports/articles/reset.html");
        const before = (await visibleUnits(page, "alignment")).length;
        for (const status of ["ok", "untranslated", "missing", "merged", "extra", "empty"]) {
          await setBox(page, "status", status, false);
        }
        const drift = await visibleUnits(page, "alignment");
        check(drift.length >= 1 && drift.length < before, `${drift.length} of ${before} rows left with drift only`);
        check(
          drift.every((cells) => cells.some((c) => c.statuses.includes("drift") && c.locale === "ar-SA")),
          "a row without drift stays visible",
        );
        await axe(page, "report article, filtered");
      },
    },
    {
      name: "report: the dashboard lists what needs attention, filters by locale, fits at 1,280 and 390 px",
      async run(page) {
        await page.setViewportSize(WIDE);
        await page.goto(base + "embedded/reports/index.html");
        await axe(page, "report dashboard");
        const danish = page.locator("#review td[data-locale=da-DK].attention");
        check((await danish.count()) === 1, "the Danish plain translation does not need attention");
        await setBox(page, "locale", "nl-NL", false);
        await setBox(page, "locale", "nb-NO", false);
        const left = await visibleUnits(page, "review");
        check(
          left.length === 1 && left[0].every((c) => c.locale === "da-DK"),
          `${left.length} articles left for da-DK alone`,
        );
        await setBox(page, "locale", "nl-NL", true);
        await setBox(page, "locale", "nb-NO", true);
        await fits(page, "report-dashboard", screenshot);
        await page.goto(base + "embedded/reports/locales/da-DK.html");
        await axe(page, "report locale page");
        check(!(await scrollsSideways(page)), "the locale page scrolls sideways");
      },
    },
    {
      name: "report: the largest corpus article, in four locales, fits at 1,280 and 390 px",
      skip: !corpus,
      async run(page) {
        await page.setViewportSize(WIDE);
        await page.goto(base + "corpus/reports/locales/nl-NL.html");
        check(!(await scrollsSideways(page)), "the corpus locale page scrolls sideways");
        // The largest article page of the six-locale corpus.
        await page.goto(base + "corpus/reports/articles/billing-for-reserved-instance-purchase.html");
        const columns = await page.locator("#alignment thead th[data-locale]").count();
        check(columns === 4, `${columns} locale columns, not 4`);
        await axe(page, "corpus report article");
        await fits(page, "corpus-report-article", screenshot);
      },
    },
  ];
}
