//! External links, fetched through lychee-lib: each unique URL once per run, with concurrency,
//! timeout, retries with backoff, per-host rate limits, accepted status codes, exclude patterns
//! and a persistent cache ([`cache`]) in the build dir. Findings are reported at every place a
//! URL appears: `external-error` for failures, `redirect` (information) for links that end
//! somewhere else.

pub mod cache;
pub mod fetch;

use std::collections::{BTreeMap, HashSet};
use std::path::PathBuf;
use std::time::Duration;

use regex::Regex;

use super::Place;
use crate::code::Code;
use crate::config::{self, Config};
use crate::diagnostic::Diagnostic;
use crate::output;
use crate::progress::Progress;
use crate::source::LineIndex;
use cache::{Cache, Entry};
use fetch::Outcome;

/// The code of findings about `[check]` settings.
const CONFIG: Code = Code::Config;

/// How many URLs were fetched, answered from the cache, or skipped.
#[derive(Debug, Default, Clone, Copy)]
pub struct ExternalStats {
    pub fetched: usize,
    pub cached: usize,
    pub skipped: usize,
}

/// Checks each URL of `urls` once; findings are reported at every place the URL appears.
/// `offline` opens no connection and counts every URL as skipped.
pub fn check(
    urls: &BTreeMap<String, Vec<Place>>,
    config: &Config,
    offline: bool,
    progress: &dyn Progress,
) -> (Vec<Diagnostic>, ExternalStats) {
    let mut stats = ExternalStats::default();
    let (excludes, mut diagnostics) = settings(config);
    if offline || !diagnostics.is_empty() {
        stats.skipped = urls.len();
        return (diagnostics, stats);
    }
    let (excluded, wanted): (Vec<&String>, Vec<&String>) = urls
        .keys()
        .partition(|url| excludes.iter().any(|pattern| pattern.is_match(url)));
    stats.skipped = excluded.len();
    if wanted.is_empty() {
        return (diagnostics, stats);
    }
    let external = &config.check.external;
    let now = cache::now();
    let mut cache = open_cache(config, &mut diagnostics);
    let mut outcomes = BTreeMap::new();
    let mut to_fetch = Vec::new();
    for url in wanted {
        if let Some(entry) = cache.as_ref().and_then(|c| c.fresh(url, now)) {
            stats.cached += 1;
            let outcome = Outcome::Answered {
                status: entry.status,
                final_url: entry.final_url.clone(),
            };
            outcomes.insert(url.clone(), outcome);
        } else {
            to_fetch.push(url.clone());
        }
    }
    if !to_fetch.is_empty() {
        let count = to_fetch.len();
        match fetch::fetch_all(to_fetch, external, progress) {
            Ok(done) => {
                for (url, outcome) in done {
                    if outcome == Outcome::Skipped {
                        stats.skipped += 1;
                        continue;
                    }
                    stats.fetched += 1;
                    if let (Some(cache), Outcome::Answered { status, final_url }) =
                        (cache.as_mut(), &outcome)
                    {
                        let entry = Entry {
                            status: *status,
                            final_url: final_url.clone(),
                            checked_at: now,
                        };
                        cache.record(&url, entry);
                    }
                    outcomes.insert(url, outcome);
                }
            }
            Err(message) => {
                stats.skipped += count;
                diagnostics.push(Diagnostic::error(
                    Code::ExternalError,
                    &config_file(config),
                    (0, 0),
                    message,
                ));
            }
        }
    }
    if let Some(cache) = cache
        && let Err(e) = cache.save(now)
    {
        diagnostics.push(cache_warning(config, &e.to_string()));
    }
    let accepted = fetch::accepted(external);
    for (url, outcome) in &outcomes {
        let Some((code, message)) = finding(url, outcome, &accepted, external) else {
            continue;
        };
        let severity = code.default_severity();
        let places = &urls[url];
        // A redirect is information about the URL, not about each page carrying it: said once,
        // at its first place, so a moved host does not bury the errors.
        let (places, message) = match places.iter().min() {
            Some(first) if code == Code::Redirect && places.len() > 1 => (
                std::slice::from_ref(first),
                format!("{message} (and {} more places)", places.len() - 1),
            ),
            _ => (places.as_slice(), message),
        };
        diagnostics.extend(places.iter().map(|place| {
            Diagnostic::new(
                severity,
                code,
                &place.file,
                (place.line, place.column),
                message.clone(),
            )
            .in_article(&place.locale, &place.article)
        }));
    }
    (diagnostics, stats)
}

/// The exclude patterns, and a diagnostic for each setting that is wrong: a pattern that is no
/// regular expression, an accepted code that is no HTTP status.
fn settings(config: &Config) -> (Vec<Regex>, Vec<Diagnostic>) {
    let mut diagnostics = Vec::new();
    let mut excludes = Vec::new();
    for pattern in &config.check.exclude {
        match Regex::new(pattern) {
            Ok(regex) => excludes.push(regex),
            Err(e) => {
                let escaped = pattern.replace('\\', "\\\\");
                diagnostics.push(Diagnostic::error(
                    CONFIG,
                    &config_file(config),
                    position_in_config(config, &[pattern, &escaped, "exclude"]),
                    format!("`[check] exclude`: `{pattern}` is not a regular expression: {e}"),
                ));
            }
        }
    }
    for &code in &config.check.external.accept {
        if !fetch::is_status(code) {
            diagnostics.push(Diagnostic::error(
                CONFIG,
                &config_file(config),
                position_in_config(config, &["accept"]),
                format!(
                    "`[check.external] accept`: {code} is not an HTTP status code (100 to 599)"
                ),
            ));
        }
    }
    (excludes, diagnostics)
}

/// The cache in the build dir, which is made when missing; `None` when caching is off or the
/// build dir is someone else's folder.
fn open_cache(config: &Config, diagnostics: &mut Vec<Diagnostic>) -> Option<Cache> {
    let external = &config.check.external;
    if !external.cache {
        return None;
    }
    if let Err(e) = output::claim(&config.build_dir) {
        diagnostics.push(cache_warning(config, &e.to_string()));
        return None;
    }
    Some(Cache::load(
        &config.build_dir.join(output::LINK_CACHE),
        external.max_cache_age,
    ))
}

fn cache_warning(config: &Config, problem: &str) -> Diagnostic {
    Diagnostic::warning(
        CONFIG,
        &config_file(config),
        (0, 0),
        format!("the external link cache is not kept: {problem}"),
    )
}

/// The finding `outcome` makes about `url`, as a code and a message; `None` for a success.
fn finding(
    url: &str,
    outcome: &Outcome,
    accepted: &HashSet<u16>,
    external: &config::ExternalConfig,
) -> Option<(Code, String)> {
    match outcome {
        Outcome::Answered { status, final_url } if accepted.contains(status) => (final_url != url)
            .then(|| {
                (
                    Code::Redirect,
                    format!("`{url}` redirects to `{final_url}`"),
                )
            }),
        Outcome::Answered { status, final_url } => {
            let reason = http::StatusCode::from_u16(*status)
                .ok()
                .and_then(|s| s.canonical_reason())
                .unwrap_or("");
            let answer = format!("{status} {reason}");
            let mut message = format!("`{url}` answered {}", answer.trim_end());
            if final_url != url {
                message.push_str(&format!(" at `{final_url}`, after redirects"));
            }
            if (300..400).contains(status) {
                message.push_str(
                    ", a redirect not followed to its end (a loop, more than 10 redirects, or no `Location`)",
                );
            }
            Some((Code::ExternalError, message))
        }
        Outcome::TimedOut => {
            let attempts = match external.retries {
                0 => String::new(),
                retries => format!(", {} attempts", retries + 1),
            };
            Some((
                Code::ExternalError,
                format!(
                    "`{url}` timed out: no answer within {}{attempts}",
                    human(external.timeout)
                ),
            ))
        }
        Outcome::Failed(error) => Some((Code::ExternalError, format!("`{url}` failed: {error}"))),
        Outcome::Skipped => None,
    }
}

/// `500ms`, `20s`: a duration as `book.toml` writes it.
fn human(duration: Duration) -> String {
    if duration.subsec_millis() == 0 {
        format!("{}s", duration.as_secs())
    } else {
        format!("{}ms", duration.as_millis())
    }
}

fn config_file(config: &Config) -> PathBuf {
    config.root.join(config::FILE_NAME)
}

/// Where the first of `needles` found in `book.toml` is; (0, 0) when none is.
fn position_in_config(config: &Config, needles: &[&str]) -> (usize, usize) {
    let Ok(text) = std::fs::read_to_string(config_file(config)) else {
        return (0, 0);
    };
    needles
        .iter()
        .find_map(|needle| text.find(needle))
        .map_or((0, 0), |offset| {
            LineIndex::new(&text).position(&text, offset)
        })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::Severity;
    use std::path::Path;

    fn config(toml: &str) -> (tempfile::TempDir, Config) {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join(config::FILE_NAME);
        std::fs::write(&file, toml).unwrap();
        let config = Config::parse(dir.path(), &file, toml).unwrap();
        (dir, config)
    }

    fn place(file: &str, line: usize) -> Place {
        Place {
            locale: "nl-NL".to_string(),
            article: file.to_string(),
            file: Path::new(file).to_path_buf(),
            line,
            column: 3,
        }
    }

    #[test]
    fn an_invalid_exclude_pattern_is_a_config_error_at_its_line_and_nothing_is_fetched() {
        let (dir, config) =
            config("[check]\nexclude = [\n  \"^https://ok\\\\.\",\n  \"(unclosed\",\n]\n");
        let urls = BTreeMap::from([("http://127.0.0.1:9/".to_string(), vec![place("a.md", 1)])]);
        let (diagnostics, stats) = check(&urls, &config, false, &crate::progress::Silent);
        assert_eq!(diagnostics.len(), 1, "{diagnostics:?}");
        let d = &diagnostics[0];
        assert_eq!((d.code, d.line, d.column), (CONFIG, 4, 4));
        assert!(d.message.contains("(unclosed"), "{}", d.message);
        assert_eq!(stats.skipped, 1);
        assert!(!dir.path().join("book").exists(), "no cache written");
    }

    #[test]
    fn an_impossible_accepted_code_is_a_config_error() {
        let (_dir, config) = config("[check.external]\naccept = [200, 1200]\n");
        let (diagnostics, _) = check(&BTreeMap::new(), &config, true, &crate::progress::Silent);
        assert_eq!(diagnostics.len(), 1, "{diagnostics:?}");
        assert_eq!(diagnostics[0].line, 2);
        assert!(diagnostics[0].message.contains("1200"));
    }

    #[test]
    fn excluded_urls_are_skipped_without_a_connection() {
        let (dir, config) = config("[check]\nexclude = [\"^http://127\\\\.0\\\\.0\\\\.1:9/\"]\n");
        let urls = BTreeMap::from([("http://127.0.0.1:9/x".to_string(), vec![place("a.md", 1)])]);
        let (diagnostics, stats) = check(&urls, &config, false, &crate::progress::Silent);
        assert!(diagnostics.is_empty(), "{diagnostics:?}");
        assert_eq!((stats.skipped, stats.fetched), (1, 0));
        assert!(
            !dir.path().join("book").exists(),
            "no build dir made for nothing"
        );
    }

    #[test]
    fn a_foreign_build_dir_gets_no_cache_and_a_warning() {
        let (dir, config) = config("[check.external]\naccept = [200]\n");
        std::fs::create_dir(dir.path().join("book")).unwrap();
        std::fs::write(dir.path().join("book/precious.txt"), "x").unwrap();
        let urls = BTreeMap::from([("http://127.0.0.1:9/x".to_string(), vec![place("a.md", 1)])]);
        // Port 9 of 127.0.0.1 is closed: the URL itself fails, which is not this test's point.
        let (diagnostics, _) = check(&urls, &config, false, &crate::progress::Silent);
        let warnings: Vec<_> = diagnostics.iter().filter(|d| d.code == CONFIG).collect();
        assert_eq!(warnings.len(), 1, "{diagnostics:?}");
        assert_eq!(warnings[0].severity, Severity::Warning);
        assert!(warnings[0].message.contains("not made by diglot"));
        assert!(!dir.path().join("book").join(output::LINK_CACHE).exists());
    }

    #[test]
    fn findings_name_the_status_the_final_url_or_the_error() {
        let external = config::ExternalConfig {
            timeout: Duration::from_millis(1500),
            retries: 1,
            ..config::ExternalConfig::default()
        };
        let accepted = fetch::accepted(&external);
        let answered = |status: u16, final_url: &str| Outcome::Answered {
            status,
            final_url: final_url.to_string(),
        };
        let find = |outcome| finding("https://a.test/x", &outcome, &accepted, &external);
        assert_eq!(find(answered(200, "https://a.test/x")), None);
        assert_eq!(
            find(answered(200, "https://b.test/y")),
            Some((
                Code::Redirect,
                "`https://a.test/x` redirects to `https://b.test/y`".to_string()
            ))
        );
        let (code, message) = find(answered(404, "https://b.test/y")).unwrap();
        assert_eq!(code, Code::ExternalError);
        assert!(
            message.contains("404 Not Found at `https://b.test/y`"),
            "{message}"
        );
        let (_, message) = find(answered(302, "https://a.test/x")).unwrap();
        assert!(
            message.ends_with("answered 302 Found, a redirect not followed to its end (a loop, more than 10 redirects, or no `Location`)"),
            "{message}"
        );
        let (_, message) = find(Outcome::TimedOut).unwrap();
        assert!(
            message.contains("timed out: no answer within 1500ms, 2 attempts"),
            "{message}"
        );
        let (_, message) = find(Outcome::Failed("connection reset".into())).unwrap();
        assert!(message.ends_with("failed: connection reset"), "{message}");
        assert_eq!(find(Outcome::Skipped), None);
    }
}
