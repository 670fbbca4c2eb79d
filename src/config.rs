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
//! [locale.nl-NL]
//! src = "../shared/corpus/alchemy-sxs/nl-NL"
//! name = "Nederlands"
//! dir = "ltr"
//! ```
//!
//! Unknown keys and wrong types are errors that name the key, the line and the column.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::diagnostic::Diagnostic;
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
    /// Locales named in `[locale.<tag>]` tables.
    pub locales: BTreeMap<String, LocaleConfig>,
}

/// One `[locale.<tag>]` table.
#[derive(Debug, Clone, Default)]
pub struct LocaleConfig {
    /// Where the locale's files are, when not `<content-dir>/<tag>`.
    pub src: Option<PathBuf>,
    pub name: Option<String>,
    pub dir: Option<Direction>,
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
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct RawLocale {
    src: Option<PathBuf>,
    name: Option<String>,
    dir: Option<Direction>,
}

impl Config {
    /// Reads `<root>/book.toml`; a missing file gives the defaults.
    pub fn load(root: &Path) -> Result<Config, Diagnostic> {
        let file = root.join(FILE_NAME);
        match std::fs::read_to_string(&file) {
            Ok(text) => Config::parse(root, &file, &text),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Config::parse(root, &file, ""),
            Err(e) => Err(Diagnostic::error(
                "config",
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
            Diagnostic::error("config", file, at, e.message().to_string())
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
                    "config",
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
                },
            );
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
                .unwrap_or_else(|| "en-US".to_string()),
            build_dir: resolve(raw.build.build_dir.as_deref().unwrap_or(Path::new("book"))),
            content_dir: resolve(
                raw.build
                    .content_dir
                    .as_deref()
                    .unwrap_or(Path::new("content")),
            ),
            theme: raw.build.theme.as_deref().map(resolve),
            locales,
        })
    }
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
    fn locale_table_needs_a_tag() {
        let e = parse("[locale.media]\nname = \"x\"\n").unwrap_err();
        assert_eq!(e.line, 1);
        assert!(e.message.contains("not a BCP-47"));
    }
}
