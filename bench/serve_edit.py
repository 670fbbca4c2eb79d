#!/usr/bin/env python3
"""Times save-to-reload under `diglot serve`, as a doc writer meets it.

    bench/serve_edit.py DIGLOT PROJECT LOCALE [EDITS] [--kind body|title|toc]
                        [--file PATH --page PATH]

PROJECT is a folder with a book.toml naming corpus locales (`[locale.<tag>] src = "..."`), as
bench/run.sh writes it. LOCALE's folder is copied beside a new project folder first (the corpus
is never edited) and book.toml is rewritten to name the copy as `src = "../<LOCALE>"`. Then
`diglot serve --port 0` is started in the project folder, without `--root`, as users type it;
a page's event stream is opened, and a file of LOCALE is saved EDITS times the way VS Code and
gedit save (a temporary file renamed over it):

- `body` appends a sentence to an article (or to `--file`, e.g. an include);
- `title` changes an article's title (so the locale indexes are rendered again too);
- `toc` changes the first entry's text in `--file` (`TOC.md` or `TOC.yml`).

`--file` is the file edited, under LOCALE's folder (default: an article); `--page` the page that
must show the edit, under the site root (default: the article's page in LOCALE).

For each save it measures, from the rename:
- reload: until the page's event stream says `reload` (what the open page waits for);
- page: until the page served over HTTP holds the edit, read right after the reload event;
and takes serve's own rebuild time from its `rebuilt ... in X ms` line.

Prints the details on stderr and, on stdout, "median | max longest" of the reload time in
seconds, the cells bench/run.sh puts in its table.
"""

import argparse
import http.client
import os
import queue
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("diglot")
    parser.add_argument("project")
    parser.add_argument("locale")
    parser.add_argument("edits", type=int, nargs="?", default=10)
    parser.add_argument("--kind", choices=["body", "title", "toc"], default="body")
    parser.add_argument("--file", help="the file edited, under the locale folder")
    parser.add_argument("--page", help="the page that shows the edit, under the site root")
    options = parser.parse_args()
    diglot, project, locale = os.path.abspath(options.diglot), options.project, options.locale
    edits, kind = options.edits, options.kind
    if (options.file is None) != (options.page is None):
        parser.error("--file and --page go together")
    work = tempfile.mkdtemp()
    try:
        config = open(os.path.join(project, "book.toml"), encoding="utf-8").read()
        source = re.search(r'\[locale\.%s\]\nsrc = "([^"]+)"' % re.escape(locale), config).group(1)
        copy = os.path.join(work, locale)
        shutil.copytree(source, copy)
        book = os.path.join(work, "project")
        os.makedirs(book)
        with open(os.path.join(book, "book.toml"), "w", encoding="utf-8") as f:
            f.write(config.replace('src = "%s"' % source, 'src = "../%s"' % locale))
        edited = options.file or pick_article(copy)
        page = options.page or "%s/%s.html" % (locale, edited.rsplit(".", 1)[0])
        times = measure(diglot, book, os.path.join(copy, edited), "/" + page, kind, edits)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    report(times, kind, "%s/%s" % (locale, edited))


def pick_article(folder):
    preferred = "device-in-pending-state.md"
    if os.path.exists(os.path.join(folder, preferred)):
        return preferred
    return sorted(n for n in os.listdir(folder) if n.endswith(".md") and n != "index.md")[0]


def measure(diglot, book, file, page, kind, edits):
    started = time.monotonic()
    server = subprocess.Popen([diglot, "serve", "--port", "0"], cwd=book,
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    rebuilds = queue.Queue()
    threading.Thread(target=read_rebuilds, args=(server.stderr, rebuilds), daemon=True).start()
    try:
        host, port = wait_for_address(server)
        first_build = time.monotonic() - started
        reloads = queue.Queue()
        threading.Thread(target=read_events, args=(host, port, reloads), daemon=True).start()
        reloads.get(timeout=30)  # the stream listens
        original = open(file, encoding="utf-8").read()
        times = {"reload": [], "page": [], "rebuild": [], "first_build": first_build}
        for n in range(edits):
            marker = "diglotbenchmarker%d" % n
            text = edit(original, kind, marker)
            saved = time.monotonic()
            save(file, text)
            try:
                reloads.get(timeout=30)
            except queue.Empty:
                raise SystemExit("serve: no reload within 30 s of save %d: the rebuild changed "
                                 "no file of the site" % n)
            times["reload"].append(time.monotonic() - saved)
            body = get(host, port, page)
            if marker not in body:
                raise SystemExit("serve: the page lacks the edit after the reload event")
            times["page"].append(time.monotonic() - saved)
            times["rebuild"].append(rebuilds.get(timeout=30))
            print("  save %d: reload after %.1f ms (serve's rebuild %.1f ms)"
                  % (n, times["reload"][-1] * 1000, times["rebuild"][-1] * 1000), file=sys.stderr)
            time.sleep(0.3)
        return times
    finally:
        server.kill()
        server.wait()


def edit(original, kind, marker):
    if kind == "body":
        return original + "\n\nBewerkt %s.\n" % marker
    patterns = {
        "title": [r"^(title: *.*)$"],
        # TOC.md: the first heading that links to an article; TOC.yml: the first name.
        "toc": [r"^(#+ *\[[^\]]+)(?=\]\([^)]*\.md\))", r"^(\s*-?\s*name: *.*)$"],
    }[kind]
    for pattern in patterns:
        changed, count = re.subn(pattern, r"\1 %s" % marker, original, count=1, flags=re.M)
        if count:
            return changed
    raise SystemExit("nothing to change for a %s edit" % kind)


def save(file, text):
    """Saves as VS Code and gedit do: a temporary file beside it, renamed over it."""
    temporary = os.path.join(os.path.dirname(file), ".goutputstream-bench")
    with open(temporary, "w", encoding="utf-8") as f:
        f.write(text)
    os.replace(temporary, file)


def wait_for_address(server):
    line = server.stdout.readline()
    found = re.search(r"http://([^:/]+):(\d+)/", line)
    if not found:
        raise SystemExit("serve: no address printed: %r" % line)
    return found.group(1), int(found.group(2))


def read_rebuilds(stderr, rebuilds):
    for line in stderr:
        found = re.match(r"rebuilt .* in ([0-9.]+) ms$", line.strip())
        if found:
            rebuilds.put(float(found.group(1)) / 1000)


def read_events(host, port, reloads):
    connection = http.client.HTTPConnection(host, port)
    connection.request("GET", "/__diglot/events")
    stream = connection.getresponse()
    for raw in stream:
        line = raw.decode("utf-8").strip()
        if line.startswith(": listening") or line == "event: reload":
            reloads.put(line)


def get(host, port, path):
    connection = http.client.HTTPConnection(host, port, timeout=10)
    connection.request("GET", path)
    return connection.getresponse().read().decode("utf-8", "replace")


def report(times, kind, edited):
    def line(name, values):
        values = sorted(values)
        return "%-8s median %6.1f ms  min %6.1f  max %6.1f" % (
            name, statistics.median(values) * 1000, values[0] * 1000, values[-1] * 1000)

    load = os.getloadavg()[0]
    print("serve_edit: %s edit of %s, %d saves, first build and start %.1f s, load average %.1f"
          % (kind, edited, len(times["reload"]), times["first_build"], load), file=sys.stderr)
    print("  save -> " + line("reload", times["reload"]), file=sys.stderr)
    print("  save -> " + line("page", times["page"]), file=sys.stderr)
    print("  serve's " + line("rebuild", times["rebuild"]), file=sys.stderr)
    print("%.3f | max %.3f" % (statistics.median(times["reload"]), max(times["reload"])))


if __name__ == "__main__":
    main()
