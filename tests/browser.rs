//! The site in a real browser: builds the embedded content, a small right-to-left project, a
//! project in five locales (tests/locales/fixture.rs), a Dutch project whose search index is split
//! (tests/search/fixture.rs) and, when the shared corpus is present, its Dutch, Arabic, Japanese
//! and German; serves them from a static server on 127.0.0.1, starts `diglot serve` in a copy of
//! the embedded project, and runs tests/browser/run.mjs (playwright-core driving chromium,
//! axe-core), which switches language, shows English on hover, focus and side by side, reads the
//! banners in the reader's language, checks the layout and accessibility, searches, filters the
//! alignment report (tests/browser/report.mjs), reloads an
//! open page after a save under `diglot serve`, and saves screenshots.
//!
//! Without chromium, node or `npm ci` in tests/browser the test says so and passes, unless
//! `DIGLOT_REQUIRE_BROWSER=1` (set by .ci/run) makes that a failure.

mod common;
#[path = "browser/fixture.rs"]
mod fixture;
#[path = "locales/fixture.rs"]
mod locales;
#[path = "search/fixture.rs"]
mod search;

use std::io::{BufRead, BufReader, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};

use common::*;

/// Serves the files under `root` on 127.0.0.1 from a background thread; returns the base URL.
fn serve(root: PathBuf) -> String {
    let listener = TcpListener::bind("127.0.0.1:0").expect("a local port");
    let address = listener.local_addr().unwrap();
    std::thread::spawn(move || {
        for stream in listener.incoming().flatten() {
            let root = root.clone();
            std::thread::spawn(move || respond(stream, &root));
        }
    });
    format!("http://{address}/")
}

fn respond(mut stream: TcpStream, root: &Path) {
    let mut line = String::new();
    if BufReader::new(&stream).read_line(&mut line).is_err() {
        return;
    }
    let path = line.split_whitespace().nth(1).unwrap_or("/");
    let path = path.split(['?', '#']).next().unwrap_or_default();
    let relative = percent_decode(path.trim_start_matches('/'));
    let safe = !relative.split('/').any(|part| part == "..");
    let mut file = root.join(&relative);
    if file.is_dir() {
        file = file.join("index.html");
    }
    let (status, body, file) = match std::fs::read(&file) {
        Ok(body) if safe => ("200 OK", body, file),
        _ => {
            let missing = root.join("embedded/404.html");
            (
                "404 Not Found",
                std::fs::read(&missing).unwrap_or_default(),
                missing,
            )
        }
    };
    let kind = match file.extension().and_then(|e| e.to_str()) {
        Some("html") => "text/html; charset=utf-8",
        Some("css") => "text/css",
        Some("js") => "text/javascript",
        Some("png") => "image/png",
        Some("svg") => "image/svg+xml",
        Some("xml") => "application/xml",
        _ => "application/octet-stream",
    };
    let head = format!(
        "HTTP/1.1 {status}\r\nContent-Type: {kind}\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
        body.len()
    );
    let _ = stream.write_all(head.as_bytes());
    let _ = stream.write_all(&body);
}

fn percent_decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = bytes
            .get(i + 1..i + 3)
            .and_then(|h| std::str::from_utf8(h).ok())
            .and_then(|h| u8::from_str_radix(h, 16).ok());
        match (bytes[i], hex) {
            (b'%', Some(b)) => {
                out.push(b);
                i += 3;
            }
            (b, _) => {
                out.push(b);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// Why the browser test cannot run here, if it cannot.
fn missing_tools(chromium: &Path, scripts: &Path) -> Option<String> {
    if !chromium.is_file() {
        return Some(format!(
            "{} not found (apt-get install chromium)",
            chromium.display()
        ));
    }
    if !scripts.join("node_modules/playwright-core").is_dir()
        || !scripts.join("node_modules/axe-core").is_dir()
    {
        return Some(format!("run `npm ci` in {}", scripts.display()));
    }
    match Command::new("node").arg("--version").output() {
        Ok(out) if out.status.success() => None,
        _ => Some("node is not installed".to_string()),
    }
}

/// The screenshot folder: `$DIGLOT_SCREENSHOTS`, else `screenshots` in the target dir.
fn screenshot_dir() -> PathBuf {
    if let Some(dir) = std::env::var_os("DIGLOT_SCREENSHOTS") {
        return PathBuf::from(dir);
    }
    let target = std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| repo().join("target"));
    target.join("screenshots")
}

/// Builds the shared corpus's Dutch, Arabic, Japanese and German into `site`; false when the
/// corpus is absent.
fn build_corpus(site: &Path, project: &Path) -> bool {
    let Some(corpus) = corpus() else {
        return false;
    };
    let book = format!(
        "[book]\ntitle = \"Alchemy Insights\"\n[locale.nl-NL]\nsrc = \"{0}/nl-NL\"\n[locale.ar-SA]\nsrc = \"{0}/ar-SA\"\n[locale.ja-JP]\nsrc = \"{0}/ja-JP\"\n[locale.de-DE]\nsrc = \"{0}/de-DE\"\n",
        corpus.display()
    );
    std::fs::create_dir_all(project).unwrap();
    std::fs::write(project.join("book.toml"), book).unwrap();
    let run = build_into(project, site);
    assert!(
        site.join("ar-SA/index.html").is_file(),
        "corpus build failed: {}",
        stderr(&run)
    );
    true
}

/// Builds the HoloLens docset (its English source and the German sxs repository) into `site`;
/// false when the corpus is absent.
fn build_hololens(site: &Path, project: &Path) -> bool {
    let Some(hololens) = hololens() else {
        return false;
    };
    let book = format!(
        "[book]\ntitle = \"HoloLens\"\n[locale.en-US]\nsrc = \"{0}/en-US\"\n[locale.de-DE]\nsrc = \"{0}/sxs/de-DE\"\n",
        hololens.display()
    );
    std::fs::create_dir_all(project).unwrap();
    std::fs::write(project.join("book.toml"), book).unwrap();
    let run = build_into(project, site);
    assert!(
        site.join("de-DE/index.html").is_file(),
        "HoloLens build failed: {}",
        stderr(&run)
    );
    true
}

#[test]
fn readers_switch_language_see_english_and_meet_no_serious_accessibility_problem() {
    let scripts = repo().join("tests/browser");
    let chromium =
        PathBuf::from(std::env::var_os("DIGLOT_CHROMIUM").unwrap_or("/usr/bin/chromium".into()));
    if let Some(why) = missing_tools(&chromium, &scripts) {
        let required = std::env::var("DIGLOT_REQUIRE_BROWSER").is_ok_and(|v| v == "1");
        assert!(!required, "DIGLOT_REQUIRE_BROWSER=1 but {why}");
        eprintln!("NOTE: browser test skipped: {why}");
        return;
    }

    let root = tempfile::tempdir().unwrap();
    let (_embedded, embedded) = build_embedded();
    place(&embedded, &root.path().join("embedded"));
    let (_rtl, rtl) = fixture::build(None);
    place(&rtl, &root.path().join("rtl"));
    let (_locales, locales_site) = locales::build();
    place(&locales_site, &root.path().join("locales"));
    let (_split, split) = search::build();
    place(&split, &root.path().join("split"));
    // What each locale's machine-translation banner says, for the script to read back.
    let strings = diglot::i18n::Strings::builtin().unwrap();
    let banners: serde_json::Map<String, serde_json::Value> = locales::LOCALES
        .iter()
        .map(|tag| (tag.to_string(), strings.get(tag, "mt_notice").into()))
        .collect();
    let with_corpus = build_corpus(
        &root.path().join("corpus"),
        &root.path().join("corpus-project"),
    );

    let with_hololens = build_hololens(
        &root.path().join("hololens"),
        &root.path().join("hololens-project"),
    );

    let base = serve(root.path().to_path_buf());
    let project = tempfile::tempdir().unwrap();
    let live = DiglotServe::start(project.path());
    let screenshots = screenshot_dir();
    let run = Command::new("node")
        .arg(scripts.join("run.mjs"))
        .current_dir(&scripts)
        .env("BASE_URL", &base)
        .env("SCREENSHOTS", &screenshots)
        .env("CHROMIUM", &chromium)
        .env("CORPUS", if with_corpus { "1" } else { "0" })
        .env("HOLOLENS", if with_hololens { "1" } else { "0" })
        .env("SITE_DIR", root.path())
        .env(
            "SPLIT_FIXTURE",
            serde_json::json!({
                "found": search::FOUND,
                "hostile": search::HOSTILE,
                "hostileTitle": search::HOSTILE_TITLE,
            })
            .to_string(),
        )
        .env("MT_BANNERS", serde_json::Value::Object(banners).to_string())
        .env("SERVE_URL", &live.url)
        .env("SERVE_PROJECT", project.path())
        .output()
        .expect("node runs");
    drop(live);
    let out = String::from_utf8_lossy(&run.stdout);
    eprintln!("{out}{}", String::from_utf8_lossy(&run.stderr));
    eprintln!("screenshots: {}", screenshots.display());
    assert!(run.status.success(), "browser steps failed:\n{out}");
    for name in [
        "article-nl",
        "article-nl-side-by-side",
        "article-ar-rtl",
        "index-nl",
        "serve-error-overlay",
        "locales-ar-SA",
        "locales-ja-JP",
        "locales-de-DE",
        "report-dashboard-1280",
        "report-dashboard-390",
        "report-article-1280",
        "report-article-390",
    ] {
        assert!(
            screenshots.join(format!("{name}.png")).is_file(),
            "{name}.png not saved"
        );
    }
}

/// `diglot serve --port 0` started in a copy of the embedded project made in `project`;
/// stopped when dropped.
struct DiglotServe {
    child: Child,
    url: String,
}

impl DiglotServe {
    fn start(project: &Path) -> DiglotServe {
        copy_embedded_project(project);
        let mut child = Command::new(env!("CARGO_BIN_EXE_diglot"))
            .args(["serve", "--port", "0"])
            .current_dir(project)
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("diglot serve starts");
        let mut first = String::new();
        BufReader::new(child.stdout.take().unwrap())
            .read_line(&mut first)
            .unwrap();
        let url = first
            .trim()
            .strip_prefix("serving ")
            .unwrap_or_default()
            .to_string();
        assert!(
            !url.is_empty(),
            "diglot serve printed no address: {first:?}"
        );
        DiglotServe { child, url }
    }
}

impl Drop for DiglotServe {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Moves a built site under the served folder, copying when a rename crosses file systems.
fn place(from: &Path, to: &Path) {
    if std::fs::rename(from, to).is_ok() {
        return;
    }
    for entry in walkdir::WalkDir::new(from).into_iter().flatten() {
        let target = to.join(entry.path().strip_prefix(from).unwrap());
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&target).unwrap();
        } else {
            std::fs::copy(entry.path(), &target).unwrap();
        }
    }
}
