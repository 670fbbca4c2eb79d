// DocFX markdown behaviour: tab groups, zone pivots, the image lightbox.
// Progressive enhancement only: without this script every tab panel and every zone shows,
// and a lightbox link opens the full-size image.
"use strict";
(function () {
  const store = {
    get(key) {
      try { return window.localStorage.getItem(key); } catch (e) { return null; }
    },
    set(key, value) {
      try { window.localStorage.setItem(key, value); } catch (e) { /* private mode */ }
    },
  };
  const TAB_KEY = "diglot.tab";
  const PIVOT_KEY = "diglot.pivot";
  const rtl = () => document.documentElement.dir === "rtl";

  // ---- Tabs --------------------------------------------------------------------------------
  // A group: <div class="tabGroup"> with <ul role="tablist"> of <a role="tab" data-tab> and
  // <section role="tabpanel" data-tab> children. A tab's data-tab may name several ids ("a+b");
  // a dependent tab (data-condition) shows only while its condition is selected elsewhere.
  const groups = [];

  function tabsOf(group) {
    const list = group.querySelector(":scope > [role=tablist]");
    return list ? Array.from(list.querySelectorAll("[role=tab]")) : [];
  }
  function panelsOf(group) {
    return Array.from(group.querySelectorAll(":scope > [role=tabpanel]"));
  }
  const ids = (tab) => (tab.dataset.tab || "").split("+");
  const visible = (tab) => !tab.parentElement.hidden;

  function select(group, tab, focus) {
    const tabs = tabsOf(group);
    const panels = panelsOf(group);
    tabs.forEach((t, i) => {
      const on = t === tab;
      t.setAttribute("aria-selected", on ? "true" : "false");
      t.tabIndex = on ? 0 : -1;
      if (panels[i]) panels[i].hidden = !on;
    });
    if (focus) tab.focus();
  }

  function selected(group) {
    return tabsOf(group).find((t) => t.getAttribute("aria-selected") === "true");
  }

  // Shows the dependent tabs whose condition is selected in some group, hides the others.
  function applyConditions() {
    const chosen = new Set();
    groups.forEach((g) => {
      const tab = selected(g);
      if (tab) ids(tab).forEach((id) => chosen.add(id));
    });
    groups.forEach((g) => {
      const tabs = tabsOf(g);
      tabs.forEach((t) => {
        if (t.dataset.condition) t.parentElement.hidden = !chosen.has(t.dataset.condition);
      });
      const current = selected(g);
      if (current && !visible(current)) {
        const first = tabs.find(visible);
        if (first) select(g, first, false);
      }
    });
  }

  // Selects `id` in every group that has it (the choice is kept across groups).
  function choose(id) {
    groups.forEach((g) => {
      const tab = tabsOf(g).find((t) => visible(t) && ids(t).includes(id))
        || tabsOf(g).find((t) => ids(t).includes(id));
      if (tab) select(g, tab, false);
    });
    applyConditions();
  }

  function initGroup(group) {
    if (group.dataset.ready) return;
    group.dataset.ready = "true";
    groups.push(group);
    const tabs = tabsOf(group);
    const first = tabs.find((t) => !t.dataset.condition) || tabs[0];
    if (first) select(group, first, false);
    tabs.forEach((tab) => {
      tab.addEventListener("click", (event) => {
        event.preventDefault();
        const id = ids(tab)[0];
        select(group, tab, false);
        choose(id);
        store.set(TAB_KEY, id);
      });
      tab.addEventListener("keydown", (event) => {
        const shown = tabsOf(group).filter(visible);
        const at = shown.indexOf(tab);
        let next = null;
        const forward = rtl() ? "ArrowLeft" : "ArrowRight";
        const backward = rtl() ? "ArrowRight" : "ArrowLeft";
        if (event.key === forward) next = shown[(at + 1) % shown.length];
        else if (event.key === backward) next = shown[(at - 1 + shown.length) % shown.length];
        else if (event.key === "Home") next = shown[0];
        else if (event.key === "End") next = shown[shown.length - 1];
        if (!next) return;
        event.preventDefault();
        select(group, next, true);
        choose(ids(next)[0]);
        store.set(TAB_KEY, ids(next)[0]);
      });
    });
  }

  function initTabs(root) {
    root.querySelectorAll(".tabGroup").forEach(initGroup);
    applyConditions();
  }

  // ---- Zone pivots -------------------------------------------------------------------------
  function initPivots() {
    const zones = Array.from(document.querySelectorAll(".zone.has-pivot[data-pivot]"));
    if (!zones.length) return;
    const pivots = [];
    zones.forEach((z) => z.dataset.pivot.split(" ").forEach((p) => {
      if (p && !pivots.includes(p)) pivots.push(p);
    }));
    const picker = document.createElement("div");
    picker.className = "zone-pivots";
    picker.setAttribute("role", "group");
    picker.setAttribute("aria-label", document.documentElement.dataset.pivotLabel || "Pivots");
    const buttons = pivots.map((pivot) => {
      const button = document.createElement("button");
      button.type = "button";
      button.textContent = pivot;
      button.dataset.pivot = pivot;
      button.addEventListener("click", () => {
        show(pivot);
        store.set(PIVOT_KEY, pivot);
      });
      picker.append(button);
      return button;
    });
    function show(pivot) {
      zones.forEach((z) => { z.hidden = !z.dataset.pivot.split(" ").includes(pivot); });
      buttons.forEach((b) => b.setAttribute("aria-pressed", b.dataset.pivot === pivot ? "true" : "false"));
    }
    zones[0].before(picker);
    const asked = new URLSearchParams(window.location.search).get("pivots");
    const remembered = store.get(PIVOT_KEY);
    show([asked, remembered].find((p) => p && pivots.includes(p)) || pivots[0]);
  }

  // ---- Lightbox ----------------------------------------------------------------------------
  let dialog = null;
  function lightbox(link) {
    if (!dialog) {
      dialog = document.createElement("dialog");
      dialog.className = "lightbox-dialog";
      const close = document.createElement("button");
      close.type = "button";
      close.className = "lightbox-close";
      close.setAttribute("aria-label", "×");
      close.textContent = "×";
      close.addEventListener("click", () => dialog.close());
      dialog.append(close, document.createElement("img"));
      dialog.addEventListener("click", (event) => {
        if (event.target === dialog) dialog.close();
      });
      document.body.append(dialog);
    }
    const small = link.querySelector("img");
    const image = dialog.querySelector("img");
    image.src = link.href.replace(/#lightbox$/, "");
    image.alt = small ? small.alt : "";
    if (typeof dialog.showModal === "function") dialog.showModal();
    else window.location.href = image.src;
  }

  function init() {
    initTabs(document);
    const remembered = store.get(TAB_KEY);
    if (remembered) choose(remembered);
    const hash = decodeURIComponent(window.location.hash.slice(1));
    if (hash) {
      const panel = document.getElementById(hash);
      const group = panel && panel.closest(".tabGroup");
      const tab = group && tabsOf(group).find((t) => t.getAttribute("aria-controls") === hash);
      if (tab) choose(ids(tab)[0]);
    }
    initPivots();
    document.addEventListener("click", (event) => {
      const link = event.target.closest && event.target.closest("a.lightbox");
      if (!link) return;
      event.preventDefault();
      lightbox(link);
    });
    // Tab groups added later (the English shown side by side) work too.
    const main = document.getElementById("main") || document.body;
    new MutationObserver((records) => {
      if (records.some((r) => r.addedNodes.length)) initTabs(main);
    }).observe(main, { childList: true, subtree: true });
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
