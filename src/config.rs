//! `book.toml`: the project's configuration, in the mdBook style.
//!
//! ```toml
//! [book]
//! title = "Troubleshooting"
//! source-locale = "en-US"
//!
//! [build]
//! build-dir = "book"
//! content-dir = "content"
//!
//! site-url = "https://docs.example.org/"   # canonical links and sitemap.xml
//! iframe-hosts = ["player.vimeo.com"]       # frames allowed besides DocFX's video hosts
//! unsafe-html = false                       # true: raw HTML reaches pages unsanitized
//!
//! [serve]
//! address = "127.0.0.1"
//! port = 3000
//!
//! [check]
//! offline = false
//! base-url = "https://learn.microsoft.com/{locale}"   # root-relative links; {locale} is the tag in lower case
//! exclude = ["^https://intranet\\."]                  # regexes of URLs never fetched
//! protected-terms = ["Contoso"]        # kept as is by every translation (translated-term)
//! translatable-terms = ["Edge"]        # learned protected terms that may be translated
//!
//! [check.external]
//! concurrency = 16
//! timeout = "20s"
//! retries = 2
//! retry-wait = "1s"          # doubled after each retry
//! host-rate-limit = 10       # requests per second per host
//! accept = [200, 204]        # status codes taken as success (default: every 2xx)
//! cache = true               # .diglot-cache.json in the build dir, kept across builds
//! max-cache-age = "1d"
//!
//! [check.severity]
//! number-mismatch = "info"
//!
//! [locale.nl-NL]
//! src = "../shared/corpus/alchemy-sxs/nl-NL"
//! name = "Nederlands"
//! dir = "ltr"
//! base-url = "https://learn.microsoft.com/nl-nl"
//!
//! [strings.de-DE]            # the theme's own words, overridden per locale (see crate::i18n)
//! previous = "Zurück"
//! ```
//!
//! Unknown keys and wrong types are errors that name the key, the line and the column.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::Duration;

use serde::Deserialize;

use crate::code::Code;
use crate::diagnostic::{Diagnostic, Severity};
use crate::i18n;
use crate::locale::{self, Direction};
use crate::source::LineIndex;

/// The file name diglot looks for in the project root.
pub const FILE_NAME: &str = "book.toml";

/// The resolved configuration: every path absolute, every default filled in.
#[derive(Debug, Clone)]
pub struct Config {
    /// The folder holding `book.toml`; relative paths are resolved against it.
    pub root: PathBuf,
    pub title: String,
    pub authors: Vec<String>,
    pub description: Option<String>,
    /// The locale of the English source the sxs files carry.
    pub source_locale: String,
    pub build_dir: PathBuf,
    pub content_dir: PathBuf,
    /// A theme folder overriding the built-in theme, template by template.
    pub theme: Option<PathBuf>,
    /// The address the site is published at, for canonical links and the sitemap.
    pub site_url: Option<String>,
    /// Hosts (`host` or `host/path-prefix`) an `<iframe>` may show besides DocFX's video hosts.
    pub iframe_hosts: Vec<String>,
    /// Raw HTML reaches the pages unsanitized: for a fully trusted repository only.
    pub unsafe_html: bool,
    /// DocFX `xrefmap.yml` files (relative to the root) or URLs that resolve cross-references.
    pub xref_maps: Vec<String>,
    /// Locales named in `[locale.<tag>]` tables.
    pub locales: BTreeMap<String, LocaleConfig>,
    pub serve: ServeConfig,
    pub check: CheckConfig,
    /// `[strings.<tag>]`: theme strings overridden per locale; the theme checks the keys.
    pub strings: BTreeMap<String, i18n::Table>,
}

/// `[serve]`: where `diglot serve` listens.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct ServeConfig {
    pub address: String,
    pub port: u16,
}

impl Default for ServeConfig {
    fn default() -> Self {
        ServeConfig {
            address: "127.0.0.1".to_string(),
            port: 3000,
        }
    }
}

/// `[check]`: what `diglot check` looks at and how hard it judges.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields, default, rename_all = "kebab-case")]
pub struct CheckConfig {
    /// Never touch the network (also `--offline`).
    pub offline: bool,
    /// The address root-relative links (`/path`) live under; `{locale}` stands for the locale
    /// tag in lower case. A locale's own `base-url` wins.
    pub base_url: Option<String>,
    /// Regular expressions of URLs that are never fetched.
    pub exclude: Vec<String>,
    pub external: ExternalConfig,
    /// Severity per finding code, overriding the defaults.
    pub severity: BTreeMap<Code, Severity>,
    /// Names and acronyms every translation must keep as they are, besides those learned from
    /// the book (`translated-term`).
    pub protected_terms: Vec<String>,
    /// Learned protected terms that translations may translate after all.
    pub translatable_terms: Vec<String>,
}

/// `[check.external]`: how external links are fetched.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, default, rename_all = "kebab-case")]
pub struct ExternalConfig {
    /// Requests in flight at once.
    pub concurrency: usize,
    #[serde(deserialize_with = "duration")]
    pub timeout: Duration,
    /// Further attempts after a failure that may pass (timeouts, 429, 5xx).
    pub retries: u32,
    /// Wait before the first retry, doubled after each one.
    #[serde(deserialize_with = "duration")]
    pub retry_wait: Duration,
    /// Requests per second to one host.
    pub host_rate_limit: u32,
    /// Status codes taken as success; empty means every 2xx.
    pub accept: Vec<u16>,
    /// Keep results between runs in `<build-dir>/.diglot-cache.json` (builds carry it over).
    pub cache: bool,
    #[serde(deserialize_with = "duration")]
    pub max_cache_age: Duration,
}

impl Default for ExternalConfig {
    fn default() -> Self {
        ExternalConfig {
            concurrency: 16,
            timeout: Duration::from_secs(20),
            retries: 2,
            retry_wait: Duration::from_secs(1),
            host_rate_limit: 10,
            accept: Vec::new(),
            cache: true,
            max_cache_age: Duration::from_secs(24 * 60 * 60),
        }
    }
}

/// Reads a duration written as seconds (`30`) or with a unit (`500ms`, `20s`, `5m`, `2h`, `1d`).
fn duration<'de, D: serde::Deserializer<'de>>(deserializer: D) -> Result<Duration, D::Error> {
    #[derive(Deserialize)]
    #[serde(untagged)]
    enum Raw {
        Seconds(u64),
        Text(String),
    }
    match Raw::deserialize(deserializer)? {
        Raw::Seconds(s) => Ok(Duration::from_secs(s)),
        Raw::Text(text) => parse_duration(&text).ok_or_else(|| {
            serde::de::Error::custom(format!(
                "`{text}` is not a duration such as `500ms`, `20s`, `5m`, `2h` or `1d`"
            ))
        }),
    }
}

fn parse_duration(text: &str) -> Option<Duration> {
    let text = text.trim();
    let split = text.find(|c: char| !c.is_ascii_digit())?;
    let (number, unit) = text.split_at(split);
    let n: u64 = number.parse().ok()?;
    let seconds = match unit.trim() {
        "ms" => return Some(Duration::from_millis(n)),
        "s" => 1,
        "m" => 60,
        "h" => 3600,
        "d" => 86_400,
        _ => return None,
    };
    Some(Duration::from_secs(n.checked_mul(seconds)?))
}

/// One `[locale.<tag>]` table.
#[derive(Debug, Clone, Default)]
pub struct LocaleConfig {
    /// Where the locale's files are, when not `<content-dir>/<tag>`.
    pub src: Option<PathBuf>,
    pub name: Option<String>,
    pub dir: Option<Direction>,
    /// Overrides `[check] base-url` for this locale.
    pub base_url: Option<String>,
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct RawConfig {
    #[serde(default)]
    book: RawBook,
    #[serde(default)]
    build: RawBuild,
    #[serde(default)]
    locale: BTreeMap<String, RawLocale>,
    #[serde(default)]
    serve: ServeConfig,
    #[serde(default)]
    check: CheckConfig,
    #[serde(default)]
    strings: BTreeMap<String, BTreeMap<toml::Spanned<String>, String>>,
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct RawBook {
    title: Option<String>,
    #[serde(default)]
    authors: Vec<String>,
    description: Option<String>,
    source_locale: Option<String>,
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct RawBuild {
    build_dir: Option<PathBuf>,
    content_dir: Option<PathBuf>,
    theme: Option<PathBuf>,
    site_url: Option<String>,
    #[serde(default)]
    iframe_hosts: Vec<toml::Spanned<String>>,
    #[serde(default)]
    unsafe_html: bool,
    #[serde(default)]
    xref_maps: Vec<String>,
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct RawLocale {
    src: Option<PathBuf>,
    name: Option<String>,
    dir: Option<Direction>,
    base_url: Option<String>,
}

impl Config {
    /// The source locale when book.toml names none.
    pub fn default_source_locale() -> String {
        "en-US".to_string()
    }

    /// Reads `<root>/book.toml`; a missing file gives the defaults.
    pub fn load(root: &Path) -> Result<Config, Diagnostic> {
        let file = root.join(FILE_NAME);
        match std::fs::read_to_string(&file) {
            Ok(text) => Config::parse(root, &file, &text),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Config::parse(root, &file, ""),
            Err(e) => Err(Diagnostic::error(
                Code::Config,
                &file,
                (0, 0),
                format!("cannot read: {e}"),
            )),
        }
    }

    /// Parses the text of a `book.toml` that lives in `root`.
    pub fn parse(root: &Path, file: &Path, text: &str) -> Result<Config, Diagnostic> {
        let raw: RawConfig = toml::from_str(text).map_err(|e| {
            let at = e.span().map_or((1, 1), |span| {
                LineIndex::new(text).position(text, span.start)
            });
            Diagnostic::error(Code::Config, file, at, e.message().to_string())
        })?;
        let resolve = |p: &Path| {
            if p.is_absolute() {
                p.to_path_buf()
            } else {
                root.join(p)
            }
        };
        let mut locales = BTreeMap::new();
        for (tag, table) in raw.locale {
            if !locale::is_tag(&tag) {
                let offset = text.find(&format!("locale.{tag}")).unwrap_or(0);
                return Err(Diagnostic::error(
                    Code::Config,
                    file,
                    LineIndex::new(text).position(text, offset),
                    format!("`[locale.{tag}]`: `{tag}` is not a BCP-47 locale tag such as `nl-NL`"),
                ));
            }
            locales.insert(
                tag,
                LocaleConfig {
                    src: table.src.as_deref().map(resolve),
                    name: table.name,
                    dir: table.dir,
                    base_url: table.base_url,
                },
            );
        }
        let mut iframe_hosts = Vec::new();
        for host in raw.build.iframe_hosts {
            let span = host.span();
            let host = host.into_inner();
            if !is_frame_host(&host) {
                return Err(Diagnostic::error(
                    Code::Config,
                    file,
                    LineIndex::new(text).position(text, span.start),
                    format!(
                        "`iframe-hosts`: `{host}` is not a host name such as `player.vimeo.com`, optionally followed by a path prefix (`www.example.com/embed/`)"
                    ),
                ));
            }
            iframe_hosts.push(host);
        }
        let mut strings = BTreeMap::new();
        for (tag, table) in raw.strings {
            if !locale::is_tag(&tag) {
                let offset = text.find(&format!("strings.{tag}")).unwrap_or(0);
                return Err(Diagnostic::error(
                    Code::Config,
                    file,
                    LineIndex::new(text).position(text, offset),
                    format!(
                        "`[strings.{tag}]`: `{tag}` is not a BCP-47 locale tag such as `pt-BR`"
                    ),
                ));
            }
            strings.insert(tag, i18n::locate(text, table));
        }
        Ok(Config {
            root: root.to_path_buf(),
            title: raw
                .book
                .title
                .unwrap_or_else(|| "Documentation".to_string()),
            authors: raw.book.authors,
            description: raw.book.description,
            source_locale: raw
                .book
                .source_locale
                .unwrap_or_else(Config::default_source_locale),
            build_dir: resolve(raw.build.build_dir.as_deref().unwrap_or(Path::new("book"))),
            content_dir: resolve(
                raw.build
                    .content_dir
                    .as_deref()
                    .unwrap_or(Path::new("content")),
            ),
            theme: raw.build.theme.as_deref().map(resolve),
            site_url: raw.build.site_url,
            iframe_hosts,
            unsafe_html: raw.build.unsafe_html,
            xref_maps: raw.build.xref_maps,
            locales,
            serve: raw.serve,
            check: raw.check,
            strings,
        })
    }
}

/// Whether `entry` is a host name, optionally followed by a `/path` prefix.
fn is_frame_host(entry: &str) -> bool {
    let host = entry.split('/').next().unwrap_or_default();
    !host.is_empty()
        && host
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'-'))
        && !entry.contains(char::is_whitespace)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> Result<Config, Diagnostic> {
        Config::parse(Path::new("/r"), Path::new("/r/book.toml"), text)
    }

    #[test]
    fn defaults_when_empty() {
        let c = parse("").unwrap();
        assert_eq!(c.build_dir, Path::new("/r/book"));
        assert_eq!(c.content_dir, Path::new("/r/content"));
        assert_eq!(c.source_locale, "en-US");
        assert!(c.locales.is_empty());
    }

    #[test]
    fn reads_every_key() {
        let c = parse(
            "[book]\ntitle = \"T\"\nauthors = [\"a\"]\ndescription = \"d\"\nsource-locale = \"en-GB\"\n\
             [build]\nbuild-dir = \"out\"\ncontent-dir = \"/abs/c\"\ntheme = \"th\"\n\
             [locale.ar-SA]\nsrc = \"../x/ar\"\nname = \"Arabic\"\ndir = \"rtl\"\n",
        )
        .unwrap();
        assert_eq!(c.title, "T");
        assert_eq!(c.source_locale, "en-GB");
        assert_eq!(c.build_dir, Path::new("/r/out"));
        assert_eq!(c.content_dir, Path::new("/abs/c"));
        assert_eq!(c.theme.as_deref(), Some(Path::new("/r/th")));
        let ar = &c.locales["ar-SA"];
        assert_eq!(ar.src.as_deref(), Some(Path::new("/r/../x/ar")));
        assert_eq!(ar.dir, Some(Direction::Rtl));
    }

    #[test]
    fn unknown_key_names_key_and_line() {
        let e = parse("[book]\ntitle = \"T\"\n\n[build]\nbiuld-dir = \"x\"\n").unwrap_err();
        assert_eq!((e.line, e.column), (5, 1));
        assert!(e.message.contains("biuld-dir"), "{}", e.message);
    }

    #[test]
    fn wrong_type_names_line() {
        let e = parse("[book]\ntitle = 3\n").unwrap_err();
        assert_eq!(e.line, 2);
        assert!(e.message.contains("string"), "{}", e.message);
    }

    #[test]
    fn reads_check_serve_and_durations() {
        let c = parse(
            "[build]\nsite-url = \"https://d.example.org/\"\n[serve]\nport = 4000\n\
             [check]\noffline = true\nbase-url = \"https://learn.microsoft.com/{locale}\"\n\
             [check.external]\ntimeout = \"500ms\"\nmax-cache-age = \"2d\"\nretries = 0\n\
             [check.severity]\nnumber-mismatch = \"info\"\n",
        )
        .unwrap();
        assert_eq!(c.site_url.as_deref(), Some("https://d.example.org/"));
        assert_eq!(
            (c.serve.address.as_str(), c.serve.port),
            ("127.0.0.1", 4000)
        );
        assert!(c.check.offline);
        assert_eq!(c.check.external.timeout, Duration::from_millis(500));
        assert_eq!(
            c.check.external.max_cache_age,
            Duration::from_secs(2 * 86_400)
        );
        assert_eq!(c.check.external.retries, 0);
        assert_eq!(c.check.severity[&Code::NumberMismatch], Severity::Info);
    }

    #[test]
    fn bad_duration_and_unknown_code_are_config_errors() {
        let e = parse("[check.external]\ntimeout = \"soon\"\n").unwrap_err();
        assert_eq!(e.line, 2);
        assert!(e.message.contains("not a duration"), "{}", e.message);
        let e = parse("[check.severity]\nbroken-lnk = \"info\"\n").unwrap_err();
        assert_eq!(e.line, 2);
        assert!(e.message.contains("broken-link"), "{}", e.message);
    }

    #[test]
    fn reads_string_overrides_with_the_place_of_each_key() {
        let c = parse("[book]\ntitle = \"T\"\n[strings.de-DE]\nprevious = \"Zurück\"\n").unwrap();
        let previous = &c.strings["de-DE"]["previous"];
        assert_eq!(previous.text, "Zurück");
        assert_eq!((previous.line, previous.column), (4, 1));
        let e = parse("[strings.deutsch]\nprevious = \"x\"\n").unwrap_err();
        assert_eq!(e.line, 1);
        assert!(e.message.contains("not a BCP-47"), "{}", e.message);
        let e = parse("[strings.de-DE]\nprevious = 3\n").unwrap_err();
        assert_eq!(e.line, 2);
    }

    #[test]
    fn reads_frame_hosts_and_unsafe_html() {
        let c = parse("").unwrap();
        assert!(c.iframe_hosts.is_empty() && !c.unsafe_html);
        let c = parse(
            "[build]\niframe-hosts = [\"player.vimeo.com\", \"www.example.com/embed/\"]\nunsafe-html = true\n",
        )
        .unwrap();
        assert_eq!(
            c.iframe_hosts,
            ["player.vimeo.com", "www.example.com/embed/"]
        );
        assert!(c.unsafe_html);
        let e =
            parse("[build]\niframe-hosts = [\n  \"https://player.vimeo.com\",\n]\n").unwrap_err();
        assert_eq!((e.line, e.column), (3, 3));
        assert!(e.message.contains("not a host name"), "{}", e.message);
    }

    #[test]
    fn locale_table_needs_a_tag() {
        let e = parse("[locale.media]\nname = \"x\"\n").unwrap_err();
        assert_eq!(e.line, 1);
        assert!(e.message.contains("not a BCP-47"));
    }
}
