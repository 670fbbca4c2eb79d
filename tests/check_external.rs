//! External links through the real binary, against local servers on 127.0.0.1: statuses,
//! redirects, timeouts, retries, network faults, one request per unique URL, `--offline` and
//! the link cache in the build dir.

mod common;

use std::time::{Duration, Instant};

use common::http::{Reply, Server};
use common::*;

/// Short timeouts and no retries unless a test says otherwise.
const QUICK: &str = "[check.external]\ntimeout = \"1s\"\nretries = 0\nretry-wait = \"100ms\"\n";

/// An article of `locale` linking each of `urls`; link `i` is on line `7 + 2 * i`, column 1.
fn article(locale: &str, urls: &[String]) -> Vec<u8> {
    let mut text = format!("---\ntitle: Kop\nms.contentlocale: {locale}\n---\n# Kop\n\n");
    for (i, url) in urls.iter().enumerate() {
        text.push_str(&format!("[link {i}]({url})\n\n"));
    }
    text.into_bytes()
}

/// A project with `book.toml` and one article per (locale, urls), at `content/<locale>/a.md`.
fn book(toml: &str, articles: &[(&str, &[String])]) -> tempfile::TempDir {
    let files: Vec<(String, Vec<u8>)> = std::iter::once(("book.toml".to_string(), toml.into()))
        .chain(
            articles
                .iter()
                .map(|(locale, urls)| (format!("content/{locale}/a.md"), article(locale, urls))),
        )
        .collect();
    let borrowed: Vec<(&str, &[u8])> = files
        .iter()
        .map(|(p, b)| (p.as_str(), b.as_slice()))
        .collect();
    project(&borrowed)
}

/// What one `diglot check` printed and how long it took.
struct Run {
    stdout: String,
    code: Option<i32>,
    elapsed: Duration,
}

impl Run {
    /// The findings with `code`, as (message, `file:line:col`) pairs.
    fn findings(&self, code: &str) -> Vec<(String, String)> {
        let lines: Vec<&str> = self.stdout.lines().collect();
        lines
            .windows(2)
            .filter_map(|w| {
                let message = w[0].split_once(&format!("[{code}]: "))?.1;
                let location = w[1].trim().strip_prefix("--> ")?;
                Some((message.to_string(), location.to_string()))
            })
            .collect()
    }

    /// The message of the one finding with `code` about `url`.
    fn finding(&self, code: &str, url: &str) -> String {
        let about: Vec<_> = self
            .findings(code)
            .into_iter()
            .filter(|(message, _)| message.starts_with(&format!("`{url}`")))
            .collect();
        assert_eq!(
            about.len(),
            1,
            "one {code} about {url} in:\n{}",
            self.stdout
        );
        about[0].0.clone()
    }
}

fn check(dir: &tempfile::TempDir, extra: &[&str]) -> Run {
    let root = dir.path().to_str().unwrap();
    let started = Instant::now();
    let output = diglot(&[&["--root", root, "--quiet", "check"], extra].concat());
    Run {
        stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
        code: output.status.code(),
        elapsed: started.elapsed(),
    }
}

#[test]
fn statuses_are_judged_and_redirects_followed_to_their_end() {
    let server = Server::start(&[
        ("/ok", Reply::Status(200)),
        ("/gone", Reply::Status(404)),
        ("/moved-to-gone", Reply::Redirect(301, "/gone")),
        ("/moved-to-ok", Reply::Redirect(301, "/ok")),
    ]);
    let urls = ["/ok", "/gone", "/moved-to-gone", "/moved-to-ok"].map(|p| server.url(p));
    let dir = book(QUICK, &[("nl-NL", &urls)]);
    let run = check(&dir, &[]);
    assert_eq!(run.code, Some(1), "{}", run.stdout);

    let errors = run.findings("external-error");
    assert_eq!(errors.len(), 2, "{}", run.stdout);
    assert!(
        errors
            .iter()
            .all(|(m, _)| !m.contains(&format!("`{}`", urls[0]))),
        "a 200 is no finding:\n{}",
        run.stdout
    );
    assert!(
        run.finding("external-error", &urls[1])
            .contains("404 Not Found")
    );
    assert!(
        errors.contains(&(
            run.finding("external-error", &urls[1]),
            "content/nl-NL/a.md:9:1".to_string()
        )),
        "{errors:?}"
    );
    let moved = run.finding("external-error", &urls[2]);
    assert!(
        moved.contains(&format!("404 Not Found at `{}`", urls[1])),
        "{moved}"
    );
    let redirect = run.finding("redirect", &urls[3]);
    assert!(
        redirect.ends_with(&format!("redirects to `{}`", urls[0])),
        "{redirect}"
    );
    assert!(run.stdout.contains("info[redirect]"), "{}", run.stdout);
}

#[test]
fn a_slow_server_times_out_within_the_timeout() {
    let server = Server::start(&[("/slow", Reply::Slow(Duration::from_secs(20), 200))]);
    let urls = [server.url("/slow")];
    let toml = "[check.external]\ntimeout = \"500ms\"\nretries = 0\n";
    let dir = book(toml, &[("nl-NL", &urls)]);
    let run = check(&dir, &[]);
    let message = run.finding("external-error", &urls[0]);
    assert!(message.contains("timed out"), "{message}");
    assert!(
        run.elapsed < Duration::from_secs(5),
        "took {:?}",
        run.elapsed
    );
}

#[test]
fn a_429_is_retried_until_it_passes() {
    let server = Server::start(&[(
        "/busy",
        Reply::Sequence(vec![Reply::Status(429), Reply::Status(200)]),
    )]);
    let urls = [server.url("/busy")];
    let toml = "[check.external]\ntimeout = \"2s\"\nretries = 2\nretry-wait = \"100ms\"\n";
    let dir = book(toml, &[("nl-NL", &urls)]);
    let run = check(&dir, &[]);
    assert!(run.findings("external-error").is_empty(), "{}", run.stdout);
    assert_eq!(run.code, Some(0), "{}", run.stdout);
    assert_eq!(server.hits("/busy"), 2);
}

#[test]
fn a_reset_connection_is_an_error() {
    let server = Server::start(&[("/reset", Reply::Reset)]);
    let urls = [server.url("/reset")];
    let dir = book(QUICK, &[("nl-NL", &urls)]);
    let run = check(&dir, &[]);
    let message = run.finding("external-error", &urls[0]);
    assert!(
        message.to_lowercase().contains("failed: connection reset"),
        "{message}"
    );
    assert_eq!(run.code, Some(1));
}

#[test]
fn network_faults_are_each_reported_and_the_run_ends_within_its_budget() {
    let server = Server::start(&[
        ("/silent", Reply::Silent),
        ("/garbage", Reply::Garbage),
        ("/loop", Reply::Redirect(302, "/loop")),
        ("/endless", Reply::EndlessBody),
    ]);
    let urls = ["/silent", "/garbage", "/loop", "/endless"].map(|p| server.url(p));
    // Two attempts of 1 s each and a 100 ms wait: 2.1 s per URL, all in parallel; the deadline
    // that stops a URL whatever lychee does is 3.1 s.
    let toml = "[check.external]\ntimeout = \"1s\"\nretries = 1\nretry-wait = \"100ms\"\n";
    let dir = book(toml, &[("nl-NL", &urls)]);
    let run = check(&dir, &[]);
    assert!(
        run.elapsed < Duration::from_secs(6),
        "took {:?}",
        run.elapsed
    );
    assert!(
        run.finding("external-error", &urls[0])
            .contains("timed out")
    );
    let garbage = run.finding("external-error", &urls[1]);
    assert!(garbage.contains("failed: invalid HTTP"), "{garbage}");
    let looped = run.finding("external-error", &urls[2]);
    assert!(
        looped.contains("302 Found, a redirect not followed"),
        "{looped}"
    );
    // An endless body behind good headers is a good link: only the headers are read.
    assert!(
        !run.stdout.contains(&format!("`{}`", urls[3])),
        "{}",
        run.stdout
    );
    assert_eq!(server.hits("/endless"), 1);
}

#[test]
fn a_url_in_two_locales_is_fetched_once_and_reported_in_both() {
    let server = Server::start(&[("/shared", Reply::Status(404))]);
    let urls = [server.url("/shared")];
    let dir = book(QUICK, &[("nl-NL", &urls), ("da-DK", &urls)]);
    let run = check(&dir, &[]);
    let places: Vec<String> = run
        .findings("external-error")
        .into_iter()
        .map(|(_, place)| place)
        .collect();
    assert_eq!(
        places,
        ["content/da-DK/a.md:7:1", "content/nl-NL/a.md:7:1"],
        "{}",
        run.stdout
    );
    assert_eq!(server.hits("/shared"), 1);
}

#[test]
fn a_redirect_in_two_locales_is_said_once_with_the_count_of_other_places() {
    let server = Server::start(&[
        ("/ok", Reply::Status(200)),
        ("/moved", Reply::Redirect(301, "/ok")),
    ]);
    let urls = [server.url("/moved")];
    let dir = book(QUICK, &[("nl-NL", &urls), ("da-DK", &urls)]);
    let run = check(&dir, &[]);
    assert_eq!(run.code, Some(0), "{}", run.stdout);
    let redirects = run.findings("redirect");
    assert_eq!(redirects.len(), 1, "{}", run.stdout);
    assert_eq!(redirects[0].1, "content/da-DK/a.md:7:1");
    assert!(
        redirects[0].0.ends_with("(and 1 more places)"),
        "{}",
        redirects[0].0
    );
}

#[test]
fn offline_opens_no_connection() {
    let server = Server::start(&[("/gone", Reply::Status(404))]);
    let urls = [server.url("/gone")];
    let dir = book(QUICK, &[("nl-NL", &urls)]);
    let run = check(&dir, &["--offline"]);
    assert_eq!(run.code, Some(0), "{}", run.stdout);
    let in_config = book(
        &format!("[check]\noffline = true\n{QUICK}"),
        &[("nl-NL", &urls)],
    );
    check(&in_config, &[]);
    assert_eq!(server.connections(), 0);
    assert!(
        !dir.path().join("book").exists(),
        "nothing written when offline"
    );
}

#[test]
fn the_cache_answers_the_next_run_until_it_is_too_old() {
    let server = Server::start(&[("/ok", Reply::Status(200)), ("/gone", Reply::Status(404))]);
    let urls = [server.url("/ok"), server.url("/gone")];
    let toml = format!("{QUICK}max-cache-age = \"1d\"\n");
    let dir = book(&toml, &[("nl-NL", &urls)]);
    let first = check(&dir, &[]);
    let cache_file = dir.path().join("book/.diglot-cache.json");
    assert!(cache_file.is_file(), "the cache is in the build dir");
    assert!(dir.path().join("book/.diglot-build").is_file());

    let second = check(&dir, &[]);
    assert_eq!((server.hits("/ok"), server.hits("/gone")), (1, 1));
    assert_eq!(
        second.findings("external-error"),
        first.findings("external-error"),
        "the cached 404 is still reported"
    );

    // Two days old: past the maximum age of one day.
    let mut cache: serde_json::Value =
        serde_json::from_slice(&std::fs::read(&cache_file).unwrap()).unwrap();
    for entry in cache.as_object_mut().unwrap().values_mut() {
        let at = entry["checked_at"].as_u64().unwrap();
        entry["checked_at"] = (at - 2 * 86_400).into();
    }
    std::fs::write(&cache_file, serde_json::to_vec(&cache).unwrap()).unwrap();
    check(&dir, &[]);
    assert_eq!((server.hits("/ok"), server.hits("/gone")), (2, 2));
}

#[test]
fn transient_answers_are_not_cached() {
    let server = Server::start(&[("/down", Reply::Status(503))]);
    let urls = [server.url("/down")];
    let dir = book(QUICK, &[("nl-NL", &urls)]);
    let run = check(&dir, &[]);
    assert!(run.finding("external-error", &urls[0]).contains("503"));
    check(&dir, &[]);
    assert_eq!(server.hits("/down"), 2);
}

#[test]
fn a_build_keeps_the_cache_check_left_in_the_build_dir() {
    let server = Server::start(&[("/ok", Reply::Status(200))]);
    let urls = [server.url("/ok")];
    let dir = book(QUICK, &[("nl-NL", &urls)]);
    check(&dir, &[]);
    let build = diglot(&["--root", dir.path().to_str().unwrap(), "--quiet", "build"]);
    assert!(build.status.success(), "{}", stderr(&build));
    assert!(dir.path().join("book/nl-NL/a.html").is_file());
    check(&dir, &[]);
    assert_eq!(server.hits("/ok"), 1, "the second check used the cache");
}

#[test]
fn the_host_rate_limit_spaces_requests_to_one_host() {
    let paths = ["/a", "/b", "/c", "/d", "/e"];
    let server = Server::start(&paths.map(|p| (p, Reply::Status(200))));
    let urls = paths.map(|p| server.url(p));
    // Four requests a second: the fifth waits at least a second after the first.
    let dir = book(
        &format!("{QUICK}host-rate-limit = 4\n"),
        &[("nl-NL", &urls)],
    );
    let run = check(&dir, &[]);
    assert_eq!(run.code, Some(0), "{}", run.stdout);
    assert!(paths.iter().all(|p| server.hits(p) == 1));
    assert!(
        run.elapsed >= Duration::from_secs(1),
        "took {:?}",
        run.elapsed
    );
}
