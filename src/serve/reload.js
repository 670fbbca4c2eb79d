// diglot serve's live reload, put into every HTML page it serves (never into the built files).
// Server-Sent Events from /__diglot/events: `reload` when a rebuild changed the site, and
// `problems` (a JSON list of diagnostics) with the errors of the files edited while serving,
// shown over the page as file:line:column and message, and hidden again when the list is empty.
(() => {
  const events = new EventSource("/__diglot/events");
  events.addEventListener("reload", () => location.reload());
  events.addEventListener("problems", (event) => show(JSON.parse(event.data)));

  function show(problems) {
    document.getElementById("diglot-problems")?.remove();
    if (problems.length === 0) return;
    const box = document.createElement("div");
    box.id = "diglot-problems";
    box.setAttribute("role", "alert");
    box.lang = "en";
    box.dir = "ltr";
    box.style.cssText =
      "position:fixed;inset:auto 0 0 0;z-index:2147483647;max-height:50vh;overflow:auto;" +
      "margin:0;padding:0.75rem 1rem;background:#5c0a0a;color:#fff;" +
      "font:14px/1.45 ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;" +
      "box-shadow:0 -2px 8px rgba(0,0,0,.4)";
    const close = document.createElement("button");
    close.type = "button";
    close.textContent = "×";
    close.setAttribute("aria-label", "Hide");
    close.style.cssText = "float:right;font:inherit;font-size:1.2rem;background:none;color:inherit;border:0;cursor:pointer";
    close.addEventListener("click", () => box.remove());
    const heading = document.createElement("strong");
    heading.textContent = `diglot serve: ${problems.length} error${problems.length === 1 ? "" : "s"} in the files you edited`;
    const list = document.createElement("ul");
    list.style.cssText = "margin:0.5rem 0 0;padding:0;list-style:none";
    for (const p of problems) {
      const item = document.createElement("li");
      const place = document.createElement("span");
      place.className = "diglot-problem-place";
      place.style.cssText = "color:#ffd7a8";
      place.textContent = p.line > 0 ? `${p.file}:${p.line}:${p.column}` : p.file;
      item.append(place, ` ${p.severity}[${p.code}]: ${p.message}`);
      list.append(item);
    }
    box.append(close, heading, list);
    document.body.append(box);
  }
})();
