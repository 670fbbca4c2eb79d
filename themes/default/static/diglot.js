// diglot default theme: progressive enhancement only; every page works without it.
"use strict";
document.documentElement.classList.add("js");

// Alignment report: filter rows by status and columns by locale.
(function () {
  const form = document.querySelector("form.filters");
  if (!form) return;
  form.hidden = false;
  const table = document.querySelector("table.alignment");
  function apply() {
    const statuses = new Set([...form.querySelectorAll("input[name=status]:checked")].map((i) => i.value));
    const locales = new Set([...form.querySelectorAll("input[name=locale]:checked")].map((i) => i.value));
    table.querySelectorAll("[data-locale]").forEach((cell) => {
      cell.hidden = !locales.has(cell.dataset.locale);
    });
    table.querySelectorAll("tbody tr").forEach((row) => {
      const cells = [...row.querySelectorAll("td[data-status]")].filter((c) => locales.has(c.dataset.locale));
      row.hidden = !cells.some((c) => statuses.has(c.dataset.status));
    });
  }
  form.addEventListener("change", apply);
})();
