// diglot offline search. The page's locale index (search/<lang>.js, written by the build) is
// loaded with a <script> tag the first time the reader uses the search box, so search works
// from file:// as well as from a server. normalize() and words() repeat
// src/search/tokenize.rs exactly; the index format is described in src/search/index.rs.
"use strict";
(function (global) {
  const DIGITS = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz-_";
  const DIGIT = new Map([...DIGITS].map((c, i) => [c, i]));
  const MAX_WORD_CHARS = 40;
  // A word being typed matches longer words at this fraction of their score.
  const PREFIX_FACTOR = 0.5;
  // A word the locale never uses matches words sharing all but its last two letters, at this.
  const GUESS_FACTOR = 0.5;
  const MAX_EXPANSIONS = 50;
  const WORD_CHAR = /[\p{Alphabetic}\p{N}]/u;

  function normalize(text) {
    let out = "";
    for (const c of text.toLowerCase()) {
      const u = c.codePointAt(0);
      if (u >= 0xff01 && u <= 0xff5e) out += String.fromCodePoint(u - 0xfee0).toLowerCase();
      else if (u === 0x3000) out += " ";
      else if ((u >= 0x064b && u <= 0x065f) || u === 0x0640 || u === 0x0670) continue;
      else if (u === 0x0622 || u === 0x0623 || u === 0x0625) out += "\u0627";
      else if (u === 0x0649) out += "\u064a";
      else out += c;
    }
    return out;
  }

  function isCjk(c) {
    const u = c.codePointAt(0);
    return (u >= 0x3040 && u <= 0x30ff) || (u >= 0x3400 && u <= 0x4dbf) ||
      (u >= 0x4e00 && u <= 0x9fff) || (u >= 0xac00 && u <= 0xd7af) ||
      (u >= 0xf900 && u <= 0xfaff) || (u >= 0xff66 && u <= 0xff9f) ||
      (u >= 0x20000 && u <= 0x2ffff);
  }

  // The words and CJK runs of normalized text: [{text, cjk}], as code-point arrays' strings.
  function words(text) {
    const out = [];
    let current = null;
    for (const c of text) {
      if (!WORD_CHAR.test(c)) {
        current = null;
        continue;
      }
      const cjk = isCjk(c);
      if (current && current.cjk === cjk) current.text += c;
      else out.push((current = { text: c, cjk }));
    }
    return out;
  }

  // First position in the sorted `list` whose entry is not below `key` (UTF-16 order, which
  // is the order the build sorts in).
  function lowerBound(list, key) {
    let lo = 0, hi = list.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (list[mid] < key) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  // term index → factor, for every vocabulary entry starting with `prefix`.
  function expand(index, prefix, factor, into) {
    let found = 0;
    for (const [list, termOf] of [[index.t, (i) => i], [index.w, (i) => index.m[i]]]) {
      for (let i = lowerBound(list, prefix); i < list.length && list[i].startsWith(prefix); i++) {
        const term = termOf(i);
        const exact = list[i] === prefix ? 1 : factor;
        into.set(term, Math.max(into.get(term) || 0, exact));
        if (++found >= MAX_EXPANSIONS) return;
      }
    }
  }

  function exact(index, word) {
    let i = lowerBound(index.w, word);
    if (index.w[i] === word) return index.m[i];
    i = lowerBound(index.t, word);
    return index.t[i] === word ? i : -1;
  }

  // What a query asks for: one map (term index → factor) per word, all of which must match.
  function clauses(index, text) {
    const typing = !/[\s\p{P}]$/u.test(text);
    const parts = words(normalize(text));
    const out = [];
    parts.forEach((part, n) => {
      const last = typing && n === parts.length - 1;
      const chars = [...part.text];
      if (part.cjk) {
        if (chars.length === 1) {
          const terms = new Map();
          expand(index, part.text, 1, terms);
          out.push(terms);
        }
        for (let i = 0; i + 1 < chars.length; i++) {
          const term = exact(index, chars[i] + chars[i + 1]);
          out.push(new Map(term < 0 ? [] : [[term, 1]]));
        }
        return;
      }
      if (chars.length > MAX_WORD_CHARS) return;
      const terms = new Map();
      const term = exact(index, part.text);
      if (term >= 0) terms.set(term, 1);
      if (last) expand(index, part.text, PREFIX_FACTOR, terms);
      if (terms.size === 0 && chars.length >= 4) {
        expand(index, chars.slice(0, -2).join(""), GUESS_FACTOR, terms);
      }
      out.push(terms);
    });
    return out;
  }

  function postings(index, term) {
    index.decoded = index.decoded || new Map();
    let list = index.decoded.get(term);
    if (list) return list;
    list = [];
    const text = index.p[term];
    let doc = 0, n = 0;
    for (let i = 0; i < text.length; i++) {
      const digit = DIGIT.get(text[i]);
      if (digit >= 32) {
        n = n * 32 + digit - 32;
        continue;
      }
      doc += n * 32 + digit;
      n = 0;
      list.push(doc, DIGIT.get(text[++i]));
    }
    index.decoded.set(term, list);
    return list;
  }

  // The best pages for `text`: [{url, title, excerpt, score}], best first.
  function query(index, text, limit) {
    const wanted = clauses(index, text);
    if (wanted.length === 0) return [];
    let total = null;
    for (const terms of wanted) {
      const scores = new Map();
      for (const [term, factor] of terms) {
        const list = postings(index, term);
        for (let i = 0; i < list.length; i += 2) {
          const score = list[i + 1] * factor;
          if (score > (scores.get(list[i]) || 0)) scores.set(list[i], score);
        }
      }
      if (total === null) total = scores;
      else {
        for (const [doc, score] of total) {
          if (scores.has(doc)) total.set(doc, score + scores.get(doc));
          else total.delete(doc);
        }
      }
      if (total.size === 0) return [];
    }
    return [...total]
      .sort((a, b) => b[1] - a[1] || a[0] - b[0])
      .slice(0, limit || 10)
      .map(([doc, score]) => {
        const [url, title, excerpt] = index.d[doc];
        return { url, title, excerpt, score };
      });
  }

  global.diglotSearch = { normalize, words, query };
  if (typeof document !== "undefined") ui(global, document);

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
    let loading = null;
    const indexes = () => global.diglotSearchIndex || {};

    function load() {
      if (indexes()[lang] || loading) return;
      loading = document.createElement("script");
      loading.src = root + "search/" + lang + ".js";
      loading.charset = "utf-8";
      loading.onload = show;
      loading.onerror = () => (status.textContent = text.error);
      status.textContent = text.loading;
      document.head.appendChild(loading);
    }

    function close() {
      list.hidden = true;
      input.setAttribute("aria-expanded", "false");
      input.removeAttribute("aria-activedescendant");
      active = -1;
    }

    function show() {
      const index = indexes()[lang];
      const q = input.value;
      list.textContent = "";
      active = -1;
      input.removeAttribute("aria-activedescendant");
      if (!q.trim()) {
        status.textContent = "";
        return close();
      }
      if (!index) return load();
      const results = query(index, q, 10);
      results.forEach((r, i) => {
        const li = document.createElement("li");
        li.id = "search-result-" + i;
        li.setAttribute("role", "option");
        li.setAttribute("aria-selected", "false");
        li.dataset.href = root + r.url;
        const title = document.createElement("span");
        title.className = "search-title";
        title.textContent = r.title;
        const excerpt = document.createElement("span");
        excerpt.className = "search-excerpt";
        excerpt.textContent = r.excerpt;
        li.append(title, excerpt);
        list.append(li);
      });
      status.textContent = results.length ? "" : text.none;
      list.hidden = results.length === 0;
      input.setAttribute("aria-expanded", String(results.length > 0));
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
    function open(option) {
      global.location.href = option.dataset.href;
    }

    // Keep the focus in the box, so the list stays open until the click lands.
    list.addEventListener("mousedown", (e) => e.preventDefault());
    list.addEventListener("click", (e) => {
      const option = e.target.closest("[role=option]");
      if (option) open(option);
    });
    input.addEventListener("focus", load);
    input.addEventListener("input", show);
    input.addEventListener("keydown", (e) => {
      if (e.key === "ArrowDown") {
        if (list.hidden) show();
        select(active + 1);
      } else if (e.key === "ArrowUp") select(active - 1);
      else if (e.key === "Enter") {
        const option = list.querySelectorAll("[role=option]")[Math.max(active, 0)];
        if (option && !list.hidden) open(option);
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
})(typeof window !== "undefined" ? window : globalThis);
