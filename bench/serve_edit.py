#!/usr/bin/env python3
"""Times the incremental case of `diglot serve`: one article edited, until its page is rewritten.

    bench/serve_edit.py DIGLOT PROJECT LOCALE [EDITS]

PROJECT is a folder with a book.toml naming corpus locales. LOCALE's folder is copied into a
temporary folder first (the corpus is never edited) and book.toml is rewritten to point at the
copy. `diglot serve --port 0` builds the site; then an article is edited EDITS times and each
time the script waits until the article's page holds the new text. Prints the median and the
longest, in seconds, as "median | max longest" for the bench table.
"""

import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time


def main():
    diglot, project, locale, edits = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4] if len(sys.argv) > 4 else 10)
    work = tempfile.mkdtemp()
    try:
        config = open(os.path.join(project, "book.toml")).read()
        source = re.search(r'\[locale\.%s\]\nsrc = "([^"]+)"' % re.escape(locale), config).group(1)
        copy = os.path.join(work, locale)
        shutil.copytree(source, copy)
        book = os.path.join(work, "project")
        os.makedirs(book)
        with open(os.path.join(book, "book.toml"), "w") as f:
            f.write(config.replace('src = "%s"' % source, 'src = "%s"' % copy))
        article = "device-in-pending-state.md" if os.path.exists(os.path.join(copy, "device-in-pending-state.md")) else sorted(
            n for n in os.listdir(copy) if n.endswith(".md") and n != "index.md")[0]
        page = os.path.join(book, "book", locale, article[:-3] + ".html")
        server = subprocess.Popen([diglot, "--root", book, "serve", "--port", "0"],
                                  stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
        try:
            wait_for_url(server)
            wait_until(lambda: os.path.exists(page), 300)
            text = open(os.path.join(copy, article), encoding="utf-8").read()
            times = []
            for n in range(edits):
                marker = "diglotbenchmarker%d" % n
                with open(os.path.join(copy, article), "w", encoding="utf-8") as f:
                    f.write(text + "\n\n%s\n" % marker)
                started = time.monotonic()
                wait_until(lambda: marker in read(page), 10)
                times.append((time.monotonic() - started) * 1000)
                time.sleep(0.3)
            print("%.3f | max %.3f" % (statistics.median(times) / 1000, max(times) / 1000))
        finally:
            server.kill()
            server.wait()
    finally:
        shutil.rmtree(work, ignore_errors=True)


def wait_for_url(server):
    deadline = time.monotonic() + 300
    while time.monotonic() < deadline:
        line = server.stdout.readline()
        if not line:
            raise SystemExit("serve: exited before printing its address")
        if "http://" in line:
            return
    raise SystemExit("serve: no address printed")


def wait_until(condition, seconds):
    deadline = time.monotonic() + seconds
    while not condition():
        if time.monotonic() > deadline:
            raise SystemExit("serve: timed out")
        time.sleep(0.002)


def read(path):
    try:
        return open(path, encoding="utf-8").read()
    except OSError:
        return ""


if __name__ == "__main__":
    main()
