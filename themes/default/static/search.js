// diglot offline search, the box: on every page, in the header. The first time the reader
// focuses or types into it, it loads the query code (static/search-engine.js) and the locale's
// index manifest (search/<lang>.js) with <script> tags, so search works from file:// as well as
// from a server; a page view loads neither. Then each query loads the parts of a split index it
// needs (search/<lang>/t<n>.js, d<n>.js), in the same way.
"use strict";
(function (global, document) {
  // Milliseconds a query waits for the index before the box says it is loading.
  const LOADING_DELAY = 250;

  function ui(global, document) {
    const box = document.querySelector("[data-search-root]");
    if (!box) return;
    const root = box.getAttribute("data-search-root") || "";
    const lang = document.documentElement.lang || "en-US";
    // The words come from the page (the theme's string table, in data attributes).
    const text = {
      placeholder: box.dataset.placeholder || "Search",
      results: box.dataset.results || "Search results",
      none: box.dataset.none || "No results",
      loading: box.dataset.loading || "Loading…",
      error: box.dataset.error || "The search index could not be loaded.",
    };
    box.hidden = false;
    box.setAttribute("role", "search");
    box.innerHTML =
      '<input type="search" class="search-input" role="combobox" aria-autocomplete="list" ' +
      'aria-expanded="false" aria-controls="search-results" autocomplete="off" spellcheck="false">' +
      '<ul id="search-results" class="search-results" role="listbox" hidden></ul>' +
      '<p class="search-status" role="status" aria-live="polite"></p>';
    const input = box.querySelector("input");
    const list = box.querySelector("ul");
    const status = box.querySelector("p");
    input.placeholder = text.placeholder;
    input.setAttribute("aria-label", text.placeholder);
    list.setAttribute("aria-label", text.results);
    style(document);

    let active = -1;
    const indexes = () => (global.diglotSearchIndex = global.diglotSearchIndex || {});

    // Adds a <script> tag (no fetch, which file:// refuses); resolves when it has run. A script
    // that failed to load is tried again by the next call.
    const loads = new Map();
    function add(src) {
      if (!loads.has(src)) {
        loads.set(src, new Promise((resolve, reject) => {
          const tag = document.createElement("script");
          tag.src = src;
          tag.charset = "utf-8";
          tag.onload = resolve;
          tag.onerror = () => {
            loads.delete(src);
            tag.remove();
            reject(new Error("cannot load " + src));
          };
          document.head.appendChild(tag);
        }));
      }
      return loads.get(src);
    }

    // A script of the index by its key, its path under search/ without ".js": it assigns
    // itself to diglotSearchIndex[key].
    function script(key) {
      if (indexes()[key]) return Promise.resolve(indexes()[key]);
      return add(root + "search/" + key + ".js").then(
        () => indexes()[key] || Promise.reject(new Error("search/" + key + ".js assigned nothing")),
      );
    }

    // The locale's index, opened when the reader first focuses or types into the box: the
    // query code and the index's manifest are loaded then; the shards and pages of a split
    // index come with the queries that need them.
    let engine = null;
    function start() {
      if (!engine) {
        const code = global.diglotSearch ? Promise.resolve() : add(root + "static/search-engine.js");
        engine = Promise.all([code, script(lang)]).then(([, manifest]) =>
          global.diglotSearch.open(manifest, (part) => script(lang + "/" + part)),
        );
        engine.catch(() => (engine = null));
      }
      return engine;
    }

    function close() {
      list.hidden = true;
      input.setAttribute("aria-expanded", "false");
      input.removeAttribute("aria-activedescendant");
      active = -1;
    }

    // `text` with its `ranges` in <mark>, as nodes: page text never becomes markup.
    function marked(text, ranges) {
      const out = document.createDocumentFragment();
      let at = 0;
      for (const [start, end] of ranges) {
        const mark = document.createElement("mark");
        mark.textContent = text.slice(start, end);
        out.append(text.slice(at, start), mark);
        at = end;
      }
      out.append(text.slice(at));
      return out;
    }

    // Shows `results`, the answer to `q` (kept in the list's data-query).
    function render(results, q) {
      list.textContent = "";
      list.dataset.query = q;
      active = -1;
      input.removeAttribute("aria-activedescendant");
      results.forEach((r, i) => {
        const li = document.createElement("li");
        li.id = "search-result-" + i;
        li.setAttribute("role", "option");
        li.setAttribute("aria-selected", "false");
        li.dataset.href = root + r.url;
        const title = document.createElement("span");
        title.className = "search-title";
        title.append(marked(r.title, r.marks.title));
        const excerpt = document.createElement("span");
        excerpt.className = "search-excerpt";
        excerpt.append(marked(r.excerpt, r.marks.excerpt));
        li.append(title, excerpt);
        list.append(li);
      });
      status.textContent = results.length ? "" : text.none;
      list.hidden = results.length === 0;
      input.setAttribute("aria-expanded", String(results.length > 0));
    }

    // Answers the box's text; an answer that comes after a newer question is dropped.
    let asked = 0;
    async function show() {
      const q = input.value;
      const ask = ++asked;
      if (!q.trim()) {
        list.textContent = "";
        status.textContent = "";
        return close();
      }
      // "Loading" only when the parts take long enough to be noticed.
      const slow = setTimeout(() => ask === asked && (status.textContent = text.loading), LOADING_DELAY);
      let results;
      try {
        results = await (await start()).query(q, 10, () => ask !== asked);
      } catch (e) {
        results = null;
      } finally {
        clearTimeout(slow);
      }
      if (ask !== asked) return;
      if (results) return render(results, q);
      list.textContent = "";
      status.textContent = text.error;
      close();
    }

    function select(n) {
      const options = list.querySelectorAll("[role=option]");
      if (!options.length) return;
      active = (n + options.length) % options.length;
      options.forEach((o, i) => o.setAttribute("aria-selected", String(i === active)));
      input.setAttribute("aria-activedescendant", options[active].id);
      options[active].scrollIntoView({ block: "nearest" });
    }

    // Options hold no links (a listbox option must not nest interactive content): a click or
    // Enter opens the page.
    function follow(option) {
      global.location.href = option.dataset.href;
    }

    // Keep the focus in the box, so the list stays open until the click lands.
    list.addEventListener("mousedown", (e) => e.preventDefault());
    list.addEventListener("click", (e) => {
      const option = e.target.closest("[role=option]");
      if (option) follow(option);
    });
    input.addEventListener("focus", () => start().catch(() => (status.textContent = text.error)));
    input.addEventListener("input", show);
    input.addEventListener("keydown", (e) => {
      if (e.key === "ArrowDown") {
        if (list.hidden) show().then(() => select(0));
        else select(active + 1);
      } else if (e.key === "ArrowUp") select(active - 1);
      else if (e.key === "Enter") {
        const option = list.querySelectorAll("[role=option]")[Math.max(active, 0)];
        if (option && !list.hidden) follow(option);
        else return;
      } else if (e.key === "Escape") {
        if (!list.hidden) close();
        else input.value = "";
      } else return;
      e.preventDefault();
    });
    box.addEventListener("focusout", (e) => {
      if (!box.contains(e.relatedTarget)) close();
    });
  }

  // Layout for the search box; :where() keeps it overridable by the theme's own CSS.
  function style(document) {
    const css = document.createElement("style");
    css.textContent =
      ":where(.site-search){position:relative;margin-inline-start:auto}" +
      ":where(.site-search .search-input){inline-size:16em;max-inline-size:100%;font:inherit;padding:.3em .5em}" +
      ":where(.site-search .search-results){position:absolute;inset-inline-end:0;z-index:10;" +
      "inline-size:min(32em,90vw);max-block-size:70vh;overflow:auto;margin:.2em 0;padding:0;" +
      "list-style:none;background:Canvas;color:CanvasText;border:1px solid GrayText;border-radius:4px}" +
      ":where(.site-search [role=option]){padding:.4em .6em;cursor:pointer}" +
      ":where(.site-search [aria-selected=true],.site-search [role=option]:hover){background:Highlight;color:HighlightText}" +
      ":where(.site-search .search-title){display:block;font-weight:600}" +
      ":where(.site-search .search-excerpt){display:block;font-size:.85em}" +
      ":where(.site-search .search-status:empty){display:none}" +
      ":where(.site-search .search-status){position:absolute;margin:.2em 0;font-size:.85em}";
    document.head.appendChild(css);
  }

  ui(global, document);
})(window, document);
