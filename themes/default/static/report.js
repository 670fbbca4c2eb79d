// diglot alignment reports: filter a table's rows by status, locale and finding code.
//
// The form names its table (data-table). Each filterable cell carries its locale
// (data-locale), its statuses and its finding codes (data-statuses, data-codes, space-separated).
// Unchecking a locale hides its column; a row group (.unit) stays when one of its visible cells
// has a checked status and, when codes are checked, one of those codes. In a group that stays,
// the rows with no such cell are dimmed: a plain block spanning several rows keeps them together.
(function () {
  const form = document.querySelector("form.filters");
  if (!form) return;
  const table = document.getElementById(form.dataset.table);
  if (!table) return;
  form.hidden = false;
  const words = (text) => (text || "").split(" ").filter(Boolean);
  const checked = (name) => new Set([...form.querySelectorAll(`input[name=${name}]:checked`)].map((i) => i.value));
  const filtersLocales = form.querySelector("input[name=locale]") !== null;
  function apply() {
    const statuses = checked("status");
    const locales = checked("locale");
    const codes = checked("code");
    if (filtersLocales) {
      table.querySelectorAll("[data-locale]").forEach((cell) => {
        cell.hidden = !locales.has(cell.dataset.locale);
      });
    }
    const matches = (cell) =>
      !cell.hidden &&
      words(cell.dataset.statuses).some((s) => statuses.has(s)) &&
      (codes.size === 0 || words(cell.dataset.codes).some((c) => codes.has(c)));
    table.querySelectorAll(".unit").forEach((unit) => {
      const rows = unit.matches("tr") ? [unit] : [...unit.rows];
      let any = false;
      for (const row of rows) {
        const hit = [...row.querySelectorAll("[data-statuses]")].some(matches);
        row.classList.toggle("dim", !hit && rows.length > 1);
        any = any || hit;
      }
      unit.hidden = !any;
    });
  }
  form.addEventListener("change", apply);
})();
