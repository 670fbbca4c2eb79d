//! `diglot serve`, driven through the real binary as users start it: from the project folder
//! with relative paths (and with `--root`, relative or absolute, locale folders outside the
//! project or linked in), saves made the way editors make them (a temporary file renamed over
//! the article, vim's backup and `4913`), a `git checkout` of 500 files, deleted, renamed and
//! new articles and locales, book.toml and theme changes, the error overlay, and the HTTP side
//! (types, HEAD, the locale's 404 page, path traversal, a taken port, `--open`).
//!
//! Unix only: the tests make symbolic links and a `$BROWSER` shell script, and run git.
#![cfg(unix)]

mod common;

use std::collections::BTreeMap;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant, SystemTime};

use common::copy_embedded_project;
use scraper::Html;

/// A running `diglot serve`, killed when dropped.
struct Served {
    child: Child,
    /// `http://127.0.0.1:<port>`, without the final `/`.
    url: String,
    log: Arc<Mutex<String>>,
}

impl Served {
    /// Starts `diglot <args> --port 0` in the folder `cwd`, as a user would type it there, and
    /// waits for the address it prints.
    fn start(cwd: &Path, args: &[&str]) -> Served {
        let mut child = Command::new(env!("CARGO_BIN_EXE_diglot"))
            .args(args)
            .args(["--port", "0"])
            .current_dir(cwd)
            .env("NO_COLOR", "1")
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("diglot serve starts");
        let log = Arc::new(Mutex::new(String::new()));
        let stderr = child.stderr.take().unwrap();
        let sink = log.clone();
        std::thread::spawn(move || {
            for line in BufReader::new(stderr).lines().map_while(Result::ok) {
                sink.lock().unwrap().push_str(&(line + "\n"));
            }
        });
        let mut first = String::new();
        BufReader::new(child.stdout.take().unwrap())
            .read_line(&mut first)
            .unwrap();
        let mut served = Served {
            child,
            url: String::new(),
            log,
        };
        let Some(url) = first.trim().strip_prefix("serving ") else {
            panic!("no address printed: {first:?}\n{}", served.log());
        };
        served.url = url.trim_end_matches('/').to_string();
        served
    }

    /// `diglot serve` typed in the project folder.
    fn in_project(dir: &Path) -> Served {
        Served::start(dir, &["serve"])
    }

    fn log(&self) -> String {
        self.log.lock().unwrap().clone()
    }

    /// The lines of the log that report a build or a rebuild.
    fn rebuilds(&self) -> Vec<String> {
        self.log()
            .lines()
            .filter(|l| l.starts_with("rebuilt ") || l.starts_with("built "))
            .map(str::to_string)
            .collect()
    }

    /// The lines reporting builds, once there are at least `count` (pages are told to reload
    /// just before serve prints its report).
    fn rebuilds_at_least(&self, count: usize) -> Vec<String> {
        let deadline = Instant::now() + Duration::from_secs(10);
        while self.rebuilds().len() < count && Instant::now() < deadline {
            std::thread::sleep(Duration::from_millis(10));
        }
        self.rebuilds()
    }

    fn address(&self) -> &str {
        self.url.strip_prefix("http://").unwrap()
    }

    /// Connects and sends a request head with `extra` header lines.
    fn send(&self, method: &str, path: &str, extra: &str) -> TcpStream {
        let mut stream = TcpStream::connect(self.address()).unwrap();
        stream
            .set_read_timeout(Some(Duration::from_secs(10)))
            .unwrap();
        write!(
            stream,
            "{method} {path} HTTP/1.1\r\nHost: localhost\r\n{extra}\r\n"
        )
        .unwrap();
        stream
    }

    fn request(&self, method: &str, path: &str) -> Response {
        let mut stream = self.send(method, path, "Connection: close\r\n");
        let mut bytes = Vec::new();
        stream.read_to_end(&mut bytes).unwrap();
        Response::parse(&bytes)
    }

    fn get(&self, path: &str) -> Response {
        self.request("GET", path)
    }

    /// The page at `path`, parsed.
    fn page(&self, path: &str) -> Html {
        let response = self.get(path);
        assert_eq!(response.status, 200, "{path}\n{}", self.log());
        Html::parse_document(&response.body)
    }

    /// Opens the live-reload event stream and waits until it listens.
    fn events(&self) -> Events {
        let mut events = Events(BufReader::new(self.send("GET", "/__diglot/events", "")));
        let head = events.until(": listening");
        assert!(head.contains("text/event-stream"), "{head}");
        events
    }
}

impl Drop for Served {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// A page's live-reload event stream.
struct Events(BufReader<TcpStream>);

impl Events {
    /// Reads lines until one contains `marker`; returns all read.
    fn until(&mut self, marker: &str) -> String {
        let mut text = String::new();
        while !text.contains(marker) {
            let read = self.0.read_line(&mut text).unwrap_or(0);
            assert!(read > 0, "stream ended before {marker:?}: {text}");
        }
        text
    }

    /// Waits for the next `reload` event; returns how long it took.
    fn reload(&mut self) -> Duration {
        let started = Instant::now();
        self.until("event: reload");
        started.elapsed()
    }

    /// The data of the next `problems` event: the JSON list of errors shown over the page.
    fn problems(&mut self) -> serde_json::Value {
        self.until("event: problems");
        let mut line = String::new();
        self.0.read_line(&mut line).unwrap();
        let data = line.trim().strip_prefix("data: ").expect("a data line");
        serde_json::from_str(data).unwrap()
    }
}

struct Response {
    status: u16,
    headers: BTreeMap<String, String>,
    body: String,
}

impl Response {
    fn parse(bytes: &[u8]) -> Response {
        let text = String::from_utf8_lossy(bytes);
        let (head, body) = text.split_once("\r\n\r\n").expect("a response head");
        let mut lines = head.lines();
        let status = lines.next().unwrap().split(' ').nth(1).unwrap();
        let headers = lines
            .filter_map(|l| l.split_once(": "))
            .map(|(k, v)| (k.to_ascii_lowercase(), v.to_string()))
            .collect();
        Response {
            status: status.parse().unwrap(),
            headers,
            body: body.to_string(),
        }
    }

    fn content_type(&self) -> &str {
        self.headers.get("content-type").map_or("", String::as_str)
    }
}

/// How an editor saves a file.
#[derive(Clone, Copy)]
enum Editor {
    /// vim: tests the folder with `4913`, keeps a swap file, renames the file to `name~`,
    /// writes it anew and removes the backup.
    Vim,
    /// VS Code, JetBrains, gedit: writes a temporary file beside it and renames it over.
    Rename,
}

/// Saves `text` into `file` the way `editor` does.
fn save(file: &Path, text: &str, editor: Editor) {
    let folder = file.parent().unwrap();
    let name = file.file_name().unwrap().to_string_lossy();
    match editor {
        Editor::Vim => {
            let swap = folder.join(format!(".{name}.swp"));
            std::fs::write(&swap, "swap").unwrap();
            std::fs::write(folder.join("4913"), "").unwrap();
            std::fs::remove_file(folder.join("4913")).unwrap();
            let backup = folder.join(format!("{name}~"));
            std::fs::rename(file, &backup).unwrap();
            std::fs::write(file, text).unwrap();
            std::fs::remove_file(&backup).unwrap();
            std::fs::remove_file(&swap).unwrap();
        }
        Editor::Rename => {
            let temporary = folder.join(format!(".goutputstream-{name}"));
            std::fs::write(&temporary, text).unwrap();
            std::fs::rename(&temporary, file).unwrap();
        }
    }
}

/// Reads `file`, replaces `from` with `to` once (it must be there), and saves it as `editor`.
fn edit(file: &Path, from: &str, to: &str, editor: Editor) {
    let text = std::fs::read_to_string(file).unwrap();
    assert!(text.contains(from), "{} lacks {from:?}", file.display());
    save(file, &text.replacen(from, to, 1), editor);
}

fn embedded_copy() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    copy_embedded_project(dir.path());
    dir
}

/// Every file of the site with its modification time.
fn stamps(site: &Path) -> BTreeMap<PathBuf, SystemTime> {
    walkdir::WalkDir::new(site)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            let time = e.metadata().unwrap().modified().unwrap();
            (e.path().strip_prefix(site).unwrap().to_path_buf(), time)
        })
        .collect()
}

/// The text of every element matching `selector`.
fn texts(page: &Html, selector: &str) -> Vec<String> {
    let selector = scraper::Selector::parse(selector).unwrap();
    page.select(&selector)
        .map(|e| e.text().collect::<String>().trim().to_string())
        .collect()
}

const ARTICLE: &str = "device-in-pending-state";
const TITLE: &str = "title: Apparaat met status in behandeling";

/// How the project is laid out and how serve is started on it.
struct Layout {
    /// Keeps the folders alive.
    _dir: tempfile::TempDir,
    /// Where serve is started.
    cwd: PathBuf,
    args: Vec<String>,
    /// The folder the editor saves nl-NL articles in (the real one when it is linked).
    nl: PathBuf,
    site: PathBuf,
}

impl Layout {
    /// The embedded project in `<tmp>/docs`; serve started in `cwd` (relative to `<tmp>`) with
    /// `args`.
    fn embedded(cwd: &str, args: &[&str]) -> Layout {
        let dir = tempfile::tempdir().unwrap();
        let docs = dir.path().join("docs");
        copy_embedded_project(&docs);
        Layout {
            cwd: dir.path().join(cwd),
            args: args.iter().map(|a| a.to_string()).collect(),
            nl: docs.join("content/nl-NL"),
            site: docs.join("book"),
            _dir: dir,
        }
    }

    /// The embedded project with its nl-NL folder moved to `<tmp>/other-repo/nl-NL`; `link`
    /// decides whether content/nl-NL becomes a symbolic link to it or book.toml names it with
    /// `src = "../other-repo/nl-NL"`. serve is started in the project folder.
    fn nl_elsewhere(link: bool) -> Layout {
        let layout = Layout::embedded("docs", &["serve"]);
        let other = layout._dir.path().join("other-repo/nl-NL");
        std::fs::create_dir_all(other.parent().unwrap()).unwrap();
        std::fs::rename(&layout.nl, &other).unwrap();
        if link {
            std::os::unix::fs::symlink(&other, &layout.nl).unwrap();
        } else {
            let toml = layout.cwd.join("book.toml");
            let text = std::fs::read_to_string(&toml).unwrap();
            std::fs::write(
                toml,
                text + "\n[locale.nl-NL]\nsrc = \"../other-repo/nl-NL\"\n",
            )
            .unwrap();
        }
        Layout {
            nl: other,
            ..layout
        }
    }

    fn start(&self) -> Served {
        let args: Vec<&str> = self.args.iter().map(String::as_str).collect();
        Served::start(&self.cwd, &args)
    }
}

/// Saves a new title and body into the nl-NL article as `editor` does; asserts the reload comes
/// within a second, and that the served page and the locale index show the edit while the
/// pages of other articles are left alone.
fn a_save_shows_on_the_page_and_in_the_index(layout: &Layout, editor: Editor) {
    let served = layout.start();
    let mut events = served.events();
    let before = stamps(&layout.site);
    std::thread::sleep(Duration::from_millis(20));

    let file = layout.nl.join(format!("{ARTICLE}.md"));
    let text = std::fs::read_to_string(&file).unwrap();
    let edited = text
        .replacen(TITLE, "title: Apparaat wacht nog", 1)
        .replacen("**Vereisten**", "**Eerst dit**", 1);
    assert_ne!(edited, text);
    let started = Instant::now();
    save(&file, &edited, editor);
    events.reload();
    let elapsed = started.elapsed();
    assert!(
        elapsed < Duration::from_secs(1),
        "reload after {elapsed:?}\n{}",
        served.log()
    );

    let page = served.page(&format!("/nl-NL/{ARTICLE}.html"));
    assert!(
        texts(&page, "article.content strong").contains(&"Eerst dit".to_string()),
        "{}",
        served.log()
    );
    let index = served.page("/nl-NL/index.html");
    let listed = texts(&index, ".article-list a");
    assert!(
        listed.contains(&"Apparaat wacht nog".to_string()),
        "{listed:?}"
    );
    assert!(
        !listed.iter().any(|t| t.contains("status in behandeling")),
        "{listed:?}"
    );

    let after = stamps(&layout.site);
    let changed = |page: &str| before.get(Path::new(page)) != after.get(Path::new(page));
    assert!(changed(&format!("nl-NL/{ARTICLE}.html")));
    assert!(changed("nl-NL/index.html"));
    assert!(changed("search/nl-NL.js"), "the locale's search index");
    assert!(
        changed(&format!("reports/articles/{ARTICLE}.html")),
        "its report"
    );
    // The neighbours' pagers show the new title: every page of the locale was rendered again.
    let pagers: Vec<String> = [
        "troubleshoot-prt-issue",
        "azure-active-directory-automatic-device-registration-faq",
    ]
    .iter()
    .flat_map(|page| texts(&served.page(&format!("/nl-NL/{page}.html")), ".pager a"))
    .collect();
    assert!(
        pagers.iter().any(|t| t.contains("Apparaat wacht nog")),
        "{pagers:?}"
    );
    assert!(
        !changed("da-DK/troubleshoot-prt-issue.html"),
        "another article"
    );
    assert_eq!(before.len(), after.len());
    let rebuilds = served.rebuilds_at_least(2);
    assert_eq!(
        rebuilds.len(),
        2,
        "the first build and one rebuild: {rebuilds:#?}"
    );
}

#[test]
fn a_save_in_the_project_folder_is_served() {
    let layout = Layout::embedded("docs", &["serve"]);
    a_save_shows_on_the_page_and_in_the_index(&layout, Editor::Vim);
}

#[test]
fn a_save_is_served_with_a_relative_root() {
    let layout = Layout::embedded(".", &["--root", "docs", "serve"]);
    a_save_shows_on_the_page_and_in_the_index(&layout, Editor::Rename);
}

#[test]
fn a_save_is_served_with_an_absolute_root_from_elsewhere() {
    let layout = Layout::embedded(".", &[]);
    let root = layout._dir.path().join("docs");
    let layout = Layout {
        cwd: std::env::temp_dir(),
        args: vec!["--root".into(), root.display().to_string(), "serve".into()],
        ..layout
    };
    a_save_shows_on_the_page_and_in_the_index(&layout, Editor::Rename);
}

#[test]
fn a_save_is_served_from_a_locale_folder_outside_the_project() {
    a_save_shows_on_the_page_and_in_the_index(&Layout::nl_elsewhere(false), Editor::Vim);
}

#[test]
fn a_save_is_served_from_a_linked_locale_folder() {
    a_save_shows_on_the_page_and_in_the_index(&Layout::nl_elsewhere(true), Editor::Rename);
}

/// A small sxs article: its title and one sentence, both with their English.
fn article(title: &str, body: &str) -> String {
    let pair = |id: &str, text: &str, english: &str| {
        common::sxs_segment(&format!("t1-{id}"), text, english)
    };
    format!(
        "---\ntitle: {title}\nms.contentlocale: nl-NL\nms.lasthandoff: 01/01/2021\n---\n# {}\n\n{}\n",
        pair("101", title, "Title"),
        pair("102", body, "English body")
    )
}

fn git(dir: &Path, args: &[&str]) {
    let run = Command::new("git")
        .args([
            "-c",
            "user.name=diglot",
            "-c",
            "user.email=diglot@example.com",
        ])
        .args(args)
        .current_dir(dir)
        .env("GIT_CONFIG_GLOBAL", "/dev/null")
        .output()
        .expect("git runs");
    assert!(
        run.status.success(),
        "git {args:?}: {}",
        String::from_utf8_lossy(&run.stderr)
    );
}

#[test]
fn a_checkout_of_500_files_rebuilds_once() {
    if Command::new("git").arg("--version").output().is_err() {
        eprintln!("NOTE: git is not installed: this test checks nothing");
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let nl = dir.path().join("content/nl-NL");
    std::fs::create_dir_all(&nl).unwrap();
    std::fs::write(dir.path().join("book.toml"), "").unwrap();
    std::fs::write(dir.path().join(".gitignore"), "book/\n").unwrap();
    let names: Vec<String> = (0..500).map(|n| format!("a{n:03}.md")).collect();
    for (n, name) in names.iter().enumerate() {
        std::fs::write(
            nl.join(name),
            article(&format!("Versie 1 nummer {n}"), "Tekst"),
        )
        .unwrap();
    }
    git(dir.path(), &["init", "-q", "-b", "main"]);
    git(dir.path(), &["add", "."]);
    git(dir.path(), &["commit", "-q", "-m", "one"]);
    git(dir.path(), &["checkout", "-q", "-b", "two"]);
    for (n, name) in names.iter().enumerate() {
        std::fs::write(
            nl.join(name),
            article(&format!("Versie 2 nummer {n}"), "Tekst"),
        )
        .unwrap();
    }
    git(dir.path(), &["commit", "-q", "-am", "two"]);
    git(dir.path(), &["checkout", "-q", "main"]);

    let served = Served::in_project(dir.path());
    let mut events = served.events();
    git(dir.path(), &["checkout", "-q", "two"]);
    events.reload();
    // Anything still to come would come within the bulk quiet time (250 ms).
    std::thread::sleep(Duration::from_millis(1500));
    let rebuilds = served.rebuilds_at_least(2);
    assert_eq!(
        rebuilds.len(),
        2,
        "the first build and one rebuild: {rebuilds:#?}"
    );
    assert!(
        rebuilds[1].contains("and 497 more (500 paths changed)"),
        "{}",
        rebuilds[1]
    );
    let page = served.page("/nl-NL/a321.html");
    assert_eq!(
        common::text_of(&page, "article.content h1"),
        "Versie 2 nummer 321"
    );
    let listed = texts(&served.page("/nl-NL/index.html"), ".article-list a");
    assert_eq!(listed.len(), 500);
    assert!(
        listed.iter().all(|t| t.starts_with("Versie 2")),
        "{listed:?}"
    );
}

#[test]
fn deleted_and_renamed_articles_lose_their_pages() {
    let dir = embedded_copy();
    let served = Served::in_project(dir.path());
    let mut events = served.events();
    let nl = dir.path().join("content/nl-NL");

    std::fs::remove_file(nl.join("troubleshoot-prt-issue.md")).unwrap();
    events.reload();
    assert_eq!(served.get("/nl-NL/troubleshoot-prt-issue.html").status, 404);
    assert_eq!(
        served.get("/da-DK/troubleshoot-prt-issue.html").status,
        200,
        "da-DK still has it"
    );

    std::fs::rename(
        nl.join(format!("{ARTICLE}.md")),
        nl.join("in-behandeling.md"),
    )
    .unwrap();
    events.reload();
    assert_eq!(served.get(&format!("/nl-NL/{ARTICLE}.html")).status, 404);
    let page = served.page("/nl-NL/in-behandeling.html");
    assert_eq!(
        common::text_of(&page, "article.content h1"),
        "Apparaat met status in behandeling"
    );
    let index = served.page("/nl-NL/index.html");
    let links = common::attributes(&index, ".article-list a", "href");
    assert!(
        links.iter().any(|l| l.ends_with("in-behandeling.html")),
        "{links:?}"
    );
    assert!(
        !links
            .iter()
            .any(|l| l.contains(ARTICLE) || l.contains("troubleshoot-prt-issue")),
        "{links:?}"
    );
}

#[test]
fn a_new_locale_folder_is_built_and_listed() {
    let dir = embedded_copy();
    let served = Served::in_project(dir.path());
    let mut events = served.events();

    let sv = dir.path().join("content/sv-SE");
    std::fs::create_dir(&sv).unwrap();
    // The folder's own batch may end before its first article is saved in it.
    std::thread::sleep(Duration::from_millis(200));
    save(
        &sv.join("apparaat.md"),
        &article("Enhet i väntande läge", "Text"),
        Editor::Rename,
    );
    let deadline = Instant::now() + Duration::from_secs(10);
    while served.get("/sv-SE/apparaat.html").status != 200 {
        assert!(Instant::now() < deadline, "never built: {}", served.log());
        events.reload();
    }
    let page = served.page("/sv-SE/apparaat.html");
    assert_eq!(
        common::text_of(&page, "article.content h1"),
        "Enhet i väntande läge"
    );
    let root = served.page("/");
    let links = common::attributes(&root, "a", "href");
    assert!(
        links.iter().any(|l| l.contains("sv-SE/index.html")),
        "{links:?}"
    );
}

#[test]
fn book_toml_and_theme_changes_rebuild_everything() {
    let dir = embedded_copy();
    let theme = dir.path().join("theme/static");
    std::fs::create_dir_all(&theme).unwrap();
    std::fs::write(theme.join("diglot.css"), "body { color: black }\n").unwrap();
    let toml = dir.path().join("book.toml");
    edit(
        &toml,
        "[build]\n",
        "[build]\ntheme = \"theme\"\n",
        Editor::Rename,
    );
    let served = Served::in_project(dir.path());
    let mut events = served.events();
    assert!(served.get("/static/diglot.css").body.contains("black"));

    edit(&toml, "Device troubleshooting", "Apparaten", Editor::Vim);
    events.reload();
    let root = served.page("/");
    assert_eq!(texts(&root, "h1"), ["Apparaten"], "{}", served.log());

    edit(
        &toml,
        "[build]\n",
        "[build]\nno-such-key = 1\n",
        Editor::Rename,
    );
    let problems = events.problems();
    assert_eq!(problems[0]["file"], "book.toml", "{problems}");
    assert!(problems[0]["line"].as_u64() > Some(0), "{problems}");
    assert_eq!(
        served.get("/").status,
        200,
        "the previous site is still served"
    );
    edit(&toml, "no-such-key = 1\n", "", Editor::Rename);
    events.reload();
    let mut reloaded_page = served.events();
    assert_eq!(reloaded_page.problems(), serde_json::json!([]), "fixed");

    edit(&theme.join("diglot.css"), "black", "navy", Editor::Rename);
    events.reload();
    let css = served.get("/static/diglot.css");
    assert!(css.body.contains("navy"), "{}", css.body);
    let full_builds = served
        .rebuilds_at_least(4)
        .iter()
        .filter(|l| l.starts_with("built "))
        .count();
    assert_eq!(full_builds, 4, "{}", served.log());
}

#[test]
fn a_content_error_shows_over_the_page_until_it_is_fixed() {
    let dir = embedded_copy();
    let served = Served::in_project(dir.path());
    let mut events = served.events();
    assert_eq!(events.problems(), serde_json::json!([]), "nothing at first");

    let file = dir.path().join(format!("content/nl-NL/{ARTICLE}.md"));
    let good = std::fs::read_to_string(&file).unwrap();
    save(&file, "---\ntitle: Kapot\n# never closed\n", Editor::Vim);
    let problems = events.problems();
    let shown = &problems[0];
    assert_eq!(
        shown["file"],
        format!("content/nl-NL/{ARTICLE}.md"),
        "{problems}"
    );
    assert_eq!(
        (&shown["line"], &shown["code"]),
        (&1.into(), &"front-matter".into())
    );
    assert_eq!(shown["severity"], "error");
    let page = served.get(&format!("/nl-NL/{ARTICLE}.html"));
    assert!(
        page.body.contains("Vereisten"),
        "the last good page is still served"
    );

    save(&file, &good, Editor::Vim);
    assert_eq!(events.problems(), serde_json::json!([]), "{}", served.log());
}

#[test]
fn serves_files_with_their_types_and_the_locales_404_page() {
    let dir = embedded_copy();
    let served = Served::in_project(dir.path());
    let site = dir.path().join("book");

    let page = served.get(&format!("/nl-NL/{ARTICLE}.html"));
    assert_eq!(page.status, 200, "{}", served.log());
    assert_eq!(page.content_type(), "text/html; charset=utf-8");
    assert_eq!(page.headers["cache-control"], "no-store");
    assert!(page.body.contains("/__diglot/events"), "script injected");
    let built = std::fs::read_to_string(site.join(format!("nl-NL/{ARTICLE}.html"))).unwrap();
    assert!(!built.contains("__diglot"), "but not into the built file");
    assert_eq!(
        page.headers["content-length"].parse::<usize>().unwrap(),
        page.body.len()
    );
    let head = served.request("HEAD", &format!("/nl-NL/{ARTICLE}.html"));
    assert_eq!((head.status, head.body.as_str()), (200, ""));
    assert_eq!(
        head.headers["content-length"],
        page.headers["content-length"]
    );

    for (path, kind) in [
        ("/static/diglot.css", "text/css; charset=utf-8"),
        ("/search/nl-NL.js", "text/javascript; charset=utf-8"),
        ("/", "text/html; charset=utf-8"),
        ("/nl-NL/", "text/html; charset=utf-8"),
    ] {
        let response = served.get(path);
        assert_eq!(
            (response.status, response.content_type()),
            (200, kind),
            "{path}"
        );
    }
    std::fs::write(
        site.join("nl-NL/p.svg"),
        "<svg xmlns=\"http://www.w3.org/2000/svg\"/>",
    )
    .unwrap();
    std::fs::write(site.join("nl-NL/p.png"), b"\x89PNG\r\n").unwrap();
    assert_eq!(
        served.get("/nl-NL/p.svg").content_type(),
        "image/svg+xml; charset=utf-8"
    );
    assert_eq!(served.get("/nl-NL/p.png").content_type(), "image/png");
    let folder = served.get("/nl-NL");
    assert!(
        matches!(folder.status, 301 | 307 | 308),
        "{}",
        folder.status
    );
    assert_eq!(folder.headers["location"], "/nl-NL/");
    assert_eq!(served.request("POST", "/").status, 405);

    // The build writes a 404 page per locale, in its language, and one for the site.
    let not_found = |path: &str| {
        let response = served.get(path);
        assert_eq!(response.status, 404, "{path}");
        assert!(response.body.contains("/__diglot/events"), "it reloads too");
        let page = Html::parse_document(&response.body);
        common::attributes(&page, "html", "lang").concat()
    };
    assert_eq!(not_found("/nl-NL/missing.html"), "nl-NL");
    assert_eq!(not_found("/da-DK/sub/missing.html"), "da-DK");
    assert_eq!(not_found("/no-such-folder/x.html"), "en-US", "the site's");
    std::fs::remove_file(site.join("da-DK/404.html")).unwrap();
    assert_eq!(
        not_found("/da-DK/missing.html"),
        "en-US",
        "da-DK has none now"
    );
    std::fs::remove_file(site.join("404.html")).unwrap();
    let plain = served.get("/no-such-folder/x.html");
    assert_eq!(
        (plain.status, plain.body.as_str()),
        (404, "404 not found\n")
    );
}

#[test]
fn nothing_outside_the_site_is_served() {
    let dir = embedded_copy();
    std::fs::write(dir.path().join("secret.txt"), "the secret").unwrap();
    let served = Served::in_project(dir.path());
    let absolute = dir.path().join("secret.txt").display().to_string();
    for path in [
        "/../secret.txt",
        "/nl-NL/../../secret.txt",
        "/%2e%2e/secret.txt",
        "/%2E%2E%2Fsecret.txt",
        "/%252e%252e/secret.txt",
        "/%252e%252e%252fsecret.txt",
        "/..%5csecret.txt",
        "/%2e%2e%5csecret.txt",
        "/..\\secret.txt",
        "/%c0%ae%c0%ae/secret.txt",
        "/%00",
        &format!("/{absolute}"),
        &format!("/{}", absolute.replace('/', "%2f")),
        &format!("//{}", absolute.trim_start_matches('/')),
    ] {
        let response = served.get(path);
        assert_eq!(response.status, 404, "{path}");
        assert!(!response.body.contains("the secret"), "{path}");
    }
}

#[test]
fn a_taken_port_is_an_error_offering_a_free_one() {
    let dir = embedded_copy();
    let taken = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = taken.local_addr().unwrap().port().to_string();
    let run = Command::new(env!("CARGO_BIN_EXE_diglot"))
        .args(["serve", "--port", &port])
        .current_dir(dir.path())
        .env("NO_COLOR", "1")
        .output()
        .unwrap();
    let stderr = common::stderr(&run);
    assert_eq!(run.status.code(), Some(2), "{stderr}");
    assert!(
        stderr.contains(&format!(
            "cannot listen on 127.0.0.1:{port}: the port is taken"
        )),
        "{stderr}"
    );
    assert!(
        stderr.contains("is free: `diglot serve --port "),
        "{stderr}"
    );
    assert!(
        !stderr.contains("built "),
        "it stops before building: {stderr}"
    );
}

#[test]
fn open_starts_the_browser_at_the_address() {
    let dir = embedded_copy();
    let opened = dir.path().join("opened.txt");
    let browser = dir.path().join("browser.sh");
    std::fs::write(
        &browser,
        format!("#!/bin/sh\necho \"$1\" > {}\n", opened.display()),
    )
    .unwrap();
    let mut permissions = std::fs::metadata(&browser).unwrap().permissions();
    std::os::unix::fs::PermissionsExt::set_mode(&mut permissions, 0o755);
    std::fs::set_permissions(&browser, permissions).unwrap();
    // `$BROWSER` names the program that opens a page.
    let mut child = Command::new(env!("CARGO_BIN_EXE_diglot"))
        .args(["serve", "--port", "0", "--open"])
        .current_dir(dir.path())
        .env("BROWSER", &browser)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut first = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut first)
        .unwrap();
    let url = first.trim().strip_prefix("serving ").unwrap().to_string();
    let deadline = Instant::now() + Duration::from_secs(10);
    while !opened.is_file() && Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(20));
    }
    let _ = child.kill();
    let _ = child.wait();
    assert_eq!(std::fs::read_to_string(&opened).unwrap().trim(), url);
}

/// The same steps as a full build after a save: the search index and the sitemap follow.
#[test]
fn a_save_updates_the_search_index_and_the_sitemap() {
    let dir = embedded_copy();
    let toml = dir.path().join("book.toml");
    edit(
        &toml,
        "[build]\n",
        "[build]\nsite-url = \"https://docs.example.com/\"\n",
        Editor::Rename,
    );
    let served = Served::in_project(dir.path());
    let mut events = served.events();
    let nl = dir.path().join("content/nl-NL");

    edit(
        &nl.join(format!("{ARTICLE}.md")),
        "**Vereisten**",
        "**Zeldzaamwoord**",
        Editor::Rename,
    );
    events.reload();
    let index = served.get("/search/nl-NL.js");
    assert!(
        index.body.to_lowercase().contains("zeldzaamwoord"),
        "the search index has the new word"
    );

    save(
        &nl.join("nieuw.md"),
        &article("Nieuw artikel", "Tekst"),
        Editor::Rename,
    );
    events.reload();
    let sitemap = served.get("/sitemap.xml");
    assert!(
        sitemap.body.contains("nl-NL/nieuw.html"),
        "{}",
        sitemap.body
    );
    let index = served.get("/search/nl-NL.js");
    assert!(
        index.body.contains("Nieuw artikel"),
        "the new article is searchable"
    );
}
