//! `diglot serve`, driven through the real binary: HTTP answers, path traversal, live reload
//! after an edit (timed), incremental writes, full rebuilds and deleted articles.

mod common;

use std::collections::BTreeMap;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant, SystemTime};

use common::{project, repo};

/// A running `diglot serve`, killed when dropped.
struct Served {
    child: Child,
    /// `http://127.0.0.1:<port>`, without the final `/`.
    url: String,
    log: Arc<Mutex<String>>,
}

impl Served {
    /// Starts `diglot serve --port 0` on `root` and waits for the address it prints.
    fn start(root: &Path) -> Served {
        let mut child = Command::new(env!("CARGO_BIN_EXE_diglot"))
            .args(["--root", root.to_str().unwrap(), "serve", "--port", "0"])
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

    fn log(&self) -> String {
        self.log.lock().unwrap().clone()
    }

    fn address(&self) -> &str {
        self.url.strip_prefix("http://").unwrap()
    }

    /// Connects, sends a request head with `extra` header lines, and returns the stream.
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

    /// Opens the live-reload event stream and waits until it listens.
    fn events(&self) -> BufReader<TcpStream> {
        let mut events = BufReader::new(self.send("GET", "/__diglot/events", ""));
        let head = read_until(&mut events, ": listening");
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

/// Reads lines until one contains `marker`; returns all read.
fn read_until(events: &mut BufReader<TcpStream>, marker: &str) -> String {
    let mut text = String::new();
    while !text.contains(marker) {
        let read = events.read_line(&mut text).unwrap_or(0);
        assert!(read > 0, "stream ended before {marker:?}: {text}");
    }
    text
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

/// A temporary copy of the embedded project (book.toml and content/).
fn embedded_copy() -> tempfile::TempDir {
    let mut files: Vec<(String, Vec<u8>)> = vec![(
        "book.toml".into(),
        std::fs::read(repo().join("book.toml")).unwrap(),
    )];
    for file in common::files_with_extension(&repo().join("content"), "md") {
        let relative = file.strip_prefix(repo()).unwrap();
        files.push((
            relative.to_string_lossy().into_owned(),
            std::fs::read(&file).unwrap(),
        ));
    }
    let borrowed: Vec<(&str, &[u8])> = files
        .iter()
        .map(|(p, b)| (p.as_str(), b.as_slice()))
        .collect();
    project(&borrowed)
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

const ARTICLE: &str = "nl-NL/device-in-pending-state";

#[test]
fn serves_pages_with_their_types_and_nothing_outside_the_site() {
    let dir = embedded_copy();
    let served = Served::start(dir.path());

    let page = served.get(&format!("/{ARTICLE}.html"));
    assert_eq!(page.status, 200, "{}", served.log());
    assert_eq!(page.content_type(), "text/html; charset=utf-8");
    assert!(page.body.contains("/__diglot/events"), "script injected");
    let built = std::fs::read_to_string(dir.path().join(format!("book/{ARTICLE}.html"))).unwrap();
    assert!(!built.contains("__diglot"), "but not into the built file");
    assert_eq!(
        page.headers["content-length"].parse::<usize>().unwrap(),
        page.body.len()
    );

    let root = served.get("/");
    assert_eq!(root.status, 200);
    assert!(root.body.contains("nl-NL/index.html"), "{}", root.body);
    assert_eq!(served.get("/nl-NL/").status, 200);
    let folder = served.get("/nl-NL");
    assert_eq!(
        (folder.status, folder.headers["location"].as_str()),
        (301, "/nl-NL/")
    );
    let css = served.get("/static/diglot.css");
    assert_eq!(
        (css.status, css.content_type()),
        (200, "text/css; charset=utf-8")
    );

    let head = served.request("HEAD", &format!("/{ARTICLE}.html"));
    assert_eq!(head.status, 200);
    assert!(head.body.is_empty());
    assert_eq!(
        head.headers["content-length"],
        page.headers["content-length"]
    );
    assert_eq!(served.request("POST", "/").status, 405);

    let missing = served.get("/nl-NL/missing.html");
    assert_eq!(missing.status, 404);
    std::fs::write(dir.path().join("book/404.html"), "<p>Niet gevonden</p>").unwrap();
    let missing = served.get("/nl-NL/missing.html");
    assert_eq!(missing.status, 404);
    assert!(
        missing.body.starts_with("<p>Niet gevonden</p>"),
        "the site's 404 page"
    );

    for escape in [
        "/../book.toml",
        "/nl-NL/../../book.toml",
        "/%2e%2e/book.toml",
        "/%2E%2E%2Fbook.toml",
        "/..%5cbook.toml",
    ] {
        let refused = served.get(escape);
        assert_eq!(refused.status, 400, "{escape}");
        assert!(!refused.body.contains("[book]"), "{escape}");
    }
    let absolute = format!("/{}", dir.path().join("book.toml").display());
    assert_eq!(served.get(&absolute).status, 404, "{absolute}");
}

#[test]
fn an_edit_reloads_within_a_second_and_rewrites_only_its_page() {
    let dir = embedded_copy();
    let served = Served::start(dir.path());
    let site = dir.path().join("book");
    let mut events = served.events();
    let before = stamps(&site);
    std::thread::sleep(Duration::from_millis(20));

    let file = dir.path().join(format!("content/{ARTICLE}.md"));
    let text = std::fs::read_to_string(&file).unwrap();
    let edited = text.replacen("Vereisten", "Eerst dit", 1);
    assert_ne!(edited, text, "the article has the word to edit");
    let written = Instant::now();
    std::fs::write(&file, edited).unwrap();
    read_until(&mut events, "event: reload");
    let elapsed = written.elapsed();
    assert!(
        elapsed < Duration::from_secs(1),
        "reload after {elapsed:?}\n{}",
        served.log()
    );

    let page = served.get(&format!("/{ARTICLE}.html"));
    assert!(page.body.contains("Eerst dit"), "{}", page.body);
    let after = stamps(&site);
    let changed: Vec<&PathBuf> = after
        .iter()
        .filter(|(path, time)| before.get(*path) != Some(time))
        .map(|(path, _)| path)
        .collect();
    // The page, its alignment report and its locale's search index: the same steps as a build.
    let report = ARTICLE.split_once('/').map_or(ARTICLE, |(_, a)| a);
    assert_eq!(
        changed,
        [
            &PathBuf::from(format!("{ARTICLE}.html")),
            &PathBuf::from(format!("reports/articles/{report}.html")),
            &PathBuf::from("search/nl-NL.js"),
        ]
    );
    assert_eq!(after.len(), before.len());
}

#[test]
fn book_toml_rebuilds_everything_and_deleted_articles_lose_their_page() {
    let dir = embedded_copy();
    let served = Served::start(dir.path());
    let mut events = served.events();

    let toml = dir.path().join("book.toml");
    let text = std::fs::read_to_string(&toml).unwrap();
    std::fs::write(&toml, text.replace("Device troubleshooting", "Apparaten")).unwrap();
    read_until(&mut events, "event: reload");
    assert!(
        served.get("/").body.contains("Apparaten"),
        "{}",
        served.log()
    );

    assert_eq!(served.get(&format!("/{ARTICLE}.html")).status, 200);
    std::fs::remove_file(dir.path().join(format!("content/{ARTICLE}.md"))).unwrap();
    read_until(&mut events, "event: reload");
    assert_eq!(served.get(&format!("/{ARTICLE}.html")).status, 404);
    let index = served.get("/nl-NL/index.html");
    assert!(
        !index.body.contains("device-in-pending-state"),
        "{}",
        index.body
    );
}

#[test]
fn an_address_in_use_is_an_error() {
    let dir = embedded_copy();
    let taken = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = taken.local_addr().unwrap().port().to_string();
    let root = dir.path().to_str().unwrap();
    let run = common::diglot(&["--root", root, "serve", "--port", &port]);
    assert_eq!(run.status.code(), Some(2));
    assert!(
        common::stderr(&run).contains(&format!("cannot listen on 127.0.0.1:{port}")),
        "{}",
        common::stderr(&run)
    );
}

/// The six-locale corpus (17,500 pages): the time from writing an article to the reload event
/// over ten edits of ten articles, and the rebuild times serve reports. nl-NL is a temporary
/// copy (the corpus is never edited); the other locales are read in place. Slow, as it builds
/// the whole corpus first: `cargo test --release --test serve -- --ignored --nocapture`.
#[test]
#[ignore = "builds the whole corpus; run in release with --ignored"]
fn corpus_edits_reload_within_a_second() {
    let Some(corpus) = common::corpus() else {
        return;
    };
    let copy = tempfile::tempdir().unwrap();
    let nl = copy.path().join("nl-NL");
    for entry in walkdir::WalkDir::new(corpus.join("nl-NL"))
        .into_iter()
        .filter_map(Result::ok)
    {
        let target = nl.join(entry.path().strip_prefix(corpus.join("nl-NL")).unwrap());
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&target).unwrap();
        } else {
            std::fs::copy(entry.path(), &target).unwrap();
        }
    }
    let mut toml = format!("[locale.nl-NL]\nsrc = \"{}\"\n", nl.display());
    for tag in ["nb-NO", "da-DK", "de-DE", "ja-JP", "ar-SA"] {
        toml += &format!("[locale.{tag}]\nsrc = \"{}\"\n", corpus.join(tag).display());
    }
    let dir = project(&[("book.toml", toml.as_bytes())]);
    let started = Instant::now();
    let served = Served::start(dir.path());
    let first_build = started.elapsed();
    let mut events = served.events();

    let mut articles: Vec<PathBuf> = std::fs::read_dir(&nl)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "md"))
        .collect();
    articles.sort();
    let mut reloads = Vec::new();
    for (i, article) in articles
        .iter()
        .step_by(articles.len() / 10)
        .take(10)
        .enumerate()
    {
        let mut text = std::fs::read_to_string(article).unwrap();
        text.push_str(&format!("\nBewerkt voor de meting {i}.\n"));
        let written = Instant::now();
        std::fs::write(article, text).unwrap();
        read_until(&mut events, "event: reload");
        reloads.push(written.elapsed());
        let stem = article.file_stem().unwrap().to_string_lossy();
        let page = served.get(&format!("/nl-NL/{stem}.html"));
        assert!(page.body.contains(&format!("meting {i}")), "{stem}");
    }
    let log = served.log();
    let mut rebuilds: Vec<f64> = log
        .lines()
        .filter(|l| l.starts_with("rebuilt "))
        .filter_map(|l| l.rsplit(" in ").next()?.strip_suffix(" ms")?.parse().ok())
        .collect();
    reloads.sort();
    rebuilds.sort_by(f64::total_cmp);
    let median = reloads[reloads.len() / 2];
    eprintln!(
        "first build and start: {:.1} s\nwrite to reload event: median {:.0} ms, min {:.0} ms, max {:.0} ms\nincremental rebuild (serve's own figure): median {:.1} ms, max {:.1} ms",
        first_build.as_secs_f64(),
        median.as_secs_f64() * 1000.0,
        reloads[0].as_secs_f64() * 1000.0,
        reloads[reloads.len() - 1].as_secs_f64() * 1000.0,
        rebuilds[rebuilds.len() / 2],
        rebuilds[rebuilds.len() - 1],
    );
    assert_eq!(rebuilds.len(), 10, "{log}");
    assert!(median < Duration::from_secs(1), "{reloads:?}");
}
