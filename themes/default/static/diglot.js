// diglot default theme: progressive enhancement only; every page works without it.
"use strict";
document.documentElement.classList.add("js");

// English on demand: each translated sentence shows its English on hover and keyboard focus.
(function () {
  const tip = document.getElementById("segment-tip");
  if (!tip) return;
  let current = null;
  function show(seg) {
    if (current === seg) return;
    hide();
    current = seg;
    tip.replaceChildren();
    const label = document.createElement("span");
    label.className = "tip-label";
    // "English" in the reader's language, from the theme's string table.
    label.textContent = tip.dataset.label || "English";
    label.lang = document.documentElement.lang;
    tip.append(label, document.createTextNode(seg.dataset.en));
    tip.hidden = false;
    seg.setAttribute("aria-describedby", "segment-tip");
    const box = seg.getBoundingClientRect();
    const width = tip.offsetWidth;
    const rtl = document.documentElement.dir === "rtl";
    let left = rtl ? box.right - width : box.left;
    left = Math.max(8, Math.min(left, document.documentElement.clientWidth - width - 8));
    tip.style.left = left + window.scrollX + "px";
    tip.style.top = box.bottom + window.scrollY + 6 + "px";
  }
  function hide() {
    if (!current) return;
    current.removeAttribute("aria-describedby");
    current = null;
    tip.hidden = true;
  }
  const segment = (event) => event.target.closest && event.target.closest(".seg[data-en]");
  const main = document.getElementById("main");
  main.addEventListener("mouseover", (e) => {
    const seg = segment(e);
    if (seg && !main.classList.contains("side-by-side")) show(seg);
  });
  main.addEventListener("mouseout", (e) => {
    if (current && !current.contains(e.relatedTarget)) hide();
  });
  main.addEventListener("focusin", (e) => {
    const seg = segment(e);
    if (seg) show(seg);
    else hide();
  });
  main.addEventListener("focusout", hide);
  document.addEventListener("keydown", (e) => {
    if (e.key === "Escape") hide();
  });
})();

// Wide tables scroll inside their column instead of widening the page. A table that overflows
// becomes a focusable, labelled region, so it can be scrolled from the keyboard.
function scrollTables(container) {
  const main = document.getElementById("main");
  const label = (main && main.dataset.tableLabel) || "Table";
  container.querySelectorAll("table").forEach((table) => {
    if (table.parentElement.classList.contains("table-scroll")) return;
    const wrap = document.createElement("div");
    wrap.className = "table-scroll";
    table.before(wrap);
    wrap.append(table);
  });
  // Numbered in page order, so every region's name is its own.
  const all = [...document.querySelectorAll(".table-scroll")];
  container.querySelectorAll(".table-scroll").forEach((wrap) => {
    if (wrap.scrollWidth > wrap.clientWidth + 1) {
      wrap.setAttribute("tabindex", "0");
      wrap.setAttribute("role", "region");
      wrap.setAttribute("aria-label", label + " " + (all.indexOf(wrap) + 1));
    } else {
      wrap.removeAttribute("tabindex");
      wrap.removeAttribute("role");
      wrap.removeAttribute("aria-label");
    }
  });
}
(function () {
  const article = document.querySelector("main article.content");
  if (!article) return;
  scrollTables(article);
  window.addEventListener("resize", () => document.querySelectorAll("main .content:not([hidden])").forEach(scrollTables));
})();

// English side by side: the translation and its English in two columns, block by block.
(function () {
  const tools = document.querySelector(".english-tools");
  const template = document.getElementById("english-source");
  const article = document.querySelector("main article.content");
  if (!tools || !template || !article) return;
  tools.hidden = false;
  const button = tools.querySelector(".toggle-sxs");
  const main = document.getElementById("main");
  const key = "diglot-side-by-side";
  let view = null;

  function cell(block, english) {
    const div = document.createElement("div");
    div.className = "sxs-cell" + (english ? " english" : "");
    if (english) {
      div.lang = template.content.firstElementChild.lang;
      div.dir = "ltr";
    }
    if (block) div.append(block);
    return div;
  }
  function build() {
    const english = template.content.firstElementChild.cloneNode(true);
    // The English copy must not repeat the translation's ids and anchors.
    english.querySelectorAll("[id]").forEach((el) => (el.id = "en-" + el.id));
    english.querySelectorAll("a[name]").forEach((el) => el.removeAttribute("name"));
    const left = [...article.cloneNode(true).children];
    left.forEach((el) => el.querySelectorAll("[id]").forEach((x) => x.removeAttribute("id")));
    left.forEach((el) => el.removeAttribute("id"));
    left.forEach((el) => el.querySelectorAll("[tabindex]").forEach((x) => x.removeAttribute("tabindex")));
    const right = [...english.children];
    const grid = document.createElement("div");
    grid.className = "content sxs-view";
    // Both headings are in the reader's language: the locale's name and "English".
    const head = (text) => {
      const h = document.createElement("div");
      h.className = "sxs-head";
      h.textContent = text;
      return h;
    };
    grid.append(head(tools.dataset.translation), head(tools.dataset.english || "English"));
    if (left.length === right.length) {
      left.forEach((block, i) => grid.append(cell(block, false), cell(right[i], true)));
    } else {
      const whole = (blocks) => {
        const div = document.createElement("div");
        div.append(...blocks);
        return div;
      };
      grid.append(cell(whole(left), false), cell(whole(right), true));
    }
    grid.addEventListener("mouseover", (e) => pair(e, true));
    grid.addEventListener("mouseout", (e) => pair(e, false));
    return grid;
  }
  // Hovering a sentence in either column lights it up in both.
  function pair(event, on) {
    const seg = event.target.closest && event.target.closest("[data-seg]");
    if (!seg) return;
    view.querySelectorAll('[data-seg="' + seg.dataset.seg + '"]').forEach((s) => s.classList.toggle("paired", on));
  }
  function set(on) {
    if (on && !view) {
      view = build();
      article.after(view);
    }
    if (view) view.hidden = !on;
    article.hidden = on;
    main.classList.toggle("side-by-side", on);
    scrollTables(on ? view : article);
    button.setAttribute("aria-pressed", String(on));
    try {
      localStorage.setItem(key, on ? "1" : "0");
    } catch (_) {
      // Storage may be off (private mode, file:// policies): the toggle still works.
    }
  }
  button.addEventListener("click", () => set(button.getAttribute("aria-pressed") !== "true"));
  let saved = null;
  try {
    saved = localStorage.getItem(key);
  } catch (_) {
    saved = null;
  }
  if (saved === "1") set(true);
})();

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
