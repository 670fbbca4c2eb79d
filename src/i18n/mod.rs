//! The theme's own words in the reader's language.
//!
//! A string table per locale (`themes/default/i18n/<tag>.toml`, one for every locale Microsoft
//! docs publish) maps keys such as `previous` or `alert_note` to text. A theme folder's
//! `i18n/<tag>.toml` and book.toml's `[strings.<tag>]` override any string, the way Hugo's i18n
//! files do. A string is looked up through a fallback chain: the tag, then the tag cut one
//! subtag at a time (`sr-Cyrl-RS`, `sr-Cyrl`, `sr`), then the table of the same language that
//! shares the most subtags (`pt` reads `pt-BR`, `de-AT` reads `de-DE`), then English. Tags are
//! compared case-insensitively. Dates are written by [`date`].

pub mod date;

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::{Path, PathBuf};

use toml::Spanned;

use crate::code::Code;
use crate::diagnostic::Diagnostic;
use crate::locale;
use crate::source::LineIndex;

/// The locale whose table every other one falls back to, and which defines the keys.
pub const ENGLISH: &str = "en-US";

/// A string as a file writes it, with the line and column of its key.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Located {
    pub text: String,
    pub line: usize,
    pub column: usize,
}

/// One string table: key to text, keys located in their file.
pub type Table = BTreeMap<String, Located>;

macro_rules! builtin_tables {
    ($($tag:literal),* $(,)?) => {
        &[$(($tag, include_str!(concat!("../../themes/default/i18n/", $tag, ".toml")))),*]
    };
}

/// The built-in tables: the locales Microsoft docs are published in.
pub const BUILTIN: &[(&str, &str)] = builtin_tables!(
    "ar-SA",
    "bg-BG",
    "ca-ES",
    "cs-CZ",
    "da-DK",
    "de-DE",
    "el-GR",
    "en-US",
    "es-ES",
    "et-EE",
    "eu-ES",
    "fi-FI",
    "fr-FR",
    "gl-ES",
    "he-IL",
    "hi-IN",
    "hr-HR",
    "hu-HU",
    "id-ID",
    "it-IT",
    "ja-JP",
    "kk-KZ",
    "ko-KR",
    "lt-LT",
    "lv-LV",
    "ms-MY",
    "nb-NO",
    "nl-NL",
    "pl-PL",
    "pt-BR",
    "pt-PT",
    "ro-RO",
    "ru-RU",
    "sk-SK",
    "sl-SI",
    "sr-Cyrl-RS",
    "sr-Latn-RS",
    "sv-SE",
    "th-TH",
    "tr-TR",
    "uk-UA",
    "vi-VN",
    "zh-CN",
    "zh-TW",
);

/// The tables of one origin (the built-in theme, a theme folder, book.toml), by lower-case tag.
type Layer = HashMap<String, BTreeMap<String, String>>;

/// Where a layer's strings come from: what they may do and how their errors are reported.
#[derive(Clone, Copy, PartialEq)]
enum Origin {
    /// The built-in tables and a theme folder: their English may add keys.
    Theme,
    /// book.toml: only overrides keys the theme has.
    Config,
}

/// One string to add, with the file that writes it.
struct Entry<'a> {
    tag: String,
    key: &'a str,
    located: &'a Located,
    file: &'a Path,
}

/// Every string table, in layers.
#[derive(Debug, Default)]
pub struct Strings {
    /// Lowest precedence first: the built-in tables, a theme folder, book.toml.
    layers: Vec<Layer>,
}

impl Strings {
    /// The built-in tables.
    pub fn builtin() -> Result<Strings, Diagnostic> {
        let mut strings = Strings::default();
        let files: Vec<(PathBuf, String)> = BUILTIN
            .iter()
            .map(|(tag, text)| {
                let path = PathBuf::from(format!("themes/default/i18n/{tag}.toml"));
                (path, text.to_string())
            })
            .collect();
        strings.add_theme(&files)?;
        Ok(strings)
    }

    /// Adds a theme's tables: `(path, text)` of each `i18n/<tag>.toml`. English files (`en`,
    /// `en-*`) may add keys for the theme's own templates; the others only translate keys.
    pub fn add_theme(&mut self, files: &[(PathBuf, String)]) -> Result<(), Diagnostic> {
        let mut tables = Vec::new();
        for (path, text) in files {
            let tag = tag_of_file(path)?;
            tables.push((path.as_path(), tag, parse_table(path, text)?));
        }
        let entries = tables.iter().flat_map(|(path, tag, table)| {
            table.iter().map(move |(key, located)| Entry {
                tag: tag.to_ascii_lowercase(),
                key,
                located,
                file: path,
            })
        });
        self.add_layer(entries.collect(), Origin::Theme)
    }

    /// Adds book.toml's `[strings.<tag>]` tables, read from `file`.
    pub fn add_overrides(
        &mut self,
        file: &Path,
        tables: &BTreeMap<String, Table>,
    ) -> Result<(), Diagnostic> {
        let entries = tables.iter().flat_map(|(tag, table)| {
            table.iter().map(move |(key, located)| Entry {
                tag: tag.to_ascii_lowercase(),
                key,
                located,
                file,
            })
        });
        self.add_layer(entries.collect(), Origin::Config)
    }

    /// Checks `entries` against the keys and placeholders of the English, then adds them as
    /// the layer of highest precedence.
    fn add_layer(&mut self, entries: Vec<Entry>, origin: Origin) -> Result<(), Diagnostic> {
        let mut layer = Layer::new();
        for entry in &entries {
            layer
                .entry(entry.tag.clone())
                .or_default()
                .insert(entry.key.to_string(), entry.located.text.clone());
        }
        let before = self.layers.len();
        self.layers.push(layer);
        let checked = self.check(&entries, origin, before);
        if checked.is_err() {
            self.layers.pop();
        }
        checked
    }

    /// Checks that each of `entries` (the layer on top, the layers below it from `before`)
    /// translates a key the English has, with the English's placeholders. A theme's English
    /// may define keys; book.toml only overrides keys that exist below it.
    fn check(&self, entries: &[Entry], origin: Origin, before: usize) -> Result<(), Diagnostic> {
        let english_chain = self.own_chain(ENGLISH);
        let (code, known) = match origin {
            Origin::Theme => (Code::Theme, &self.layers[..]),
            Origin::Config => (Code::Config, &self.layers[..before]),
        };
        for entry in entries {
            if origin == Origin::Theme && locale::language(&entry.tag) == "en" {
                continue;
            }
            let at = (entry.located.line, entry.located.column);
            let Some(english) = find(known, &english_chain, entry.key) else {
                return Err(Diagnostic::error(
                    code,
                    entry.file,
                    at,
                    format!(
                        "`{}` is not a string of the theme (the keys are those of its English table, {ENGLISH}.toml)",
                        entry.key
                    ),
                ));
            };
            let wanted = placeholders(english);
            let found = placeholders(&entry.located.text);
            if wanted != found {
                return Err(Diagnostic::error(
                    code,
                    entry.file,
                    at,
                    format!(
                        "`{}` must hold the placeholders of its English, {}, and holds {}",
                        entry.key,
                        list(&wanted),
                        list(&found)
                    ),
                ));
            }
        }
        Ok(())
    }

    /// The text of `key` for `locale`, through the fallback chain; the key itself when no
    /// table has it (the tests make sure the English has every key the theme uses).
    pub fn get<'a>(&'a self, locale: &str, key: &'a str) -> &'a str {
        find(&self.layers, &self.chain(locale), key).unwrap_or(key)
    }

    /// The title of an alert (`note`, `tip`, `important`, `warning`, `caution`) for `locale`:
    /// the string `alert_<kind>`.
    pub fn alert_title(&self, locale: &str, kind: &str) -> &str {
        find(&self.layers, &self.chain(locale), &format!("alert_{kind}")).unwrap_or_default()
    }

    /// Every string for `locale`, resolved through the fallback chain: what templates read
    /// as `t`.
    pub fn table(&self, locale: &str) -> BTreeMap<&str, &str> {
        let chain = self.chain(locale);
        self.keys()
            .into_iter()
            .map(|key| (key, find(&self.layers, &chain, key).unwrap_or(key)))
            .collect()
    }

    /// Every key: those of the English tables.
    pub fn keys(&self) -> BTreeSet<&str> {
        let english = self.own_chain(ENGLISH);
        self.layers
            .iter()
            .flat_map(|layer| english.iter().flatten().filter_map(|tag| layer.get(tag)))
            .flat_map(|table| table.keys().map(String::as_str))
            .collect()
    }

    /// The tables `locale` reads, in groups tried one after the other, each through every
    /// layer: its own chain, then English's.
    fn chain(&self, locale: &str) -> Vec<Vec<String>> {
        let mut groups = self.own_chain(locale);
        groups.extend(self.own_chain(ENGLISH));
        groups
    }

    /// The tag cut one subtag at a time (`sr-cyrl-rs`, `sr-cyrl`, `sr`), then, as a group of
    /// its own, the table of the same language sharing the most subtags with it (lower case).
    fn own_chain(&self, locale: &str) -> Vec<Vec<String>> {
        let tag = locale.to_ascii_lowercase();
        let subtags: Vec<&str> = tag.split('-').collect();
        let cut: Vec<String> = (1..=subtags.len())
            .rev()
            .map(|n| subtags[..n].join("-"))
            .collect();
        let shared = |other: &str| {
            other
                .split('-')
                .zip(&subtags)
                .take_while(|(a, b)| a == *b)
                .count()
        };
        let sibling = self
            .layers
            .iter()
            .flat_map(|layer| layer.keys())
            .filter(|other| shared(other) >= 1 && !cut.contains(other))
            .max_by(|a, b| shared(a).cmp(&shared(b)).then_with(|| b.cmp(a)))
            .cloned();
        let mut groups = vec![cut];
        groups.extend(sibling.map(|s| vec![s]));
        groups
    }
}

/// The first text of `key` along `chain`: group by group, each through the layers of highest
/// precedence first, each layer through the group's tags in order.
fn find<'a>(layers: &'a [Layer], chain: &[Vec<String>], key: &str) -> Option<&'a str> {
    chain.iter().find_map(|group| {
        layers.iter().rev().find_map(|layer| {
            group
                .iter()
                .find_map(|tag| layer.get(tag)?.get(key))
                .map(String::as_str)
        })
    })
}

/// The placeholders (`{name}`) of a string.
fn placeholders(text: &str) -> BTreeSet<&str> {
    let mut found = BTreeSet::new();
    let mut rest = text;
    while let Some(open) = rest.find('{') {
        let after = &rest[open + 1..];
        let Some(close) = after.find('}') else { break };
        let name = &after[..close];
        if !name.is_empty() && name.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_') {
            found.insert(name);
        }
        rest = &after[close..];
    }
    found
}

fn list(names: &BTreeSet<&str>) -> String {
    if names.is_empty() {
        return "none".to_string();
    }
    let names: Vec<String> = names.iter().map(|n| format!("`{{{n}}}`")).collect();
    names.join(", ")
}

/// The locale tag a table file is named for: `i18n/pt-BR.toml` is `pt-BR`.
fn tag_of_file(path: &Path) -> Result<String, Diagnostic> {
    let stem = path.file_stem().and_then(|s| s.to_str()).unwrap_or("");
    if locale::is_tag(stem) {
        Ok(stem.to_string())
    } else {
        Err(Diagnostic::error(
            Code::Theme,
            path,
            (0, 0),
            format!(
                "a string table is named for a BCP-47 locale tag such as `pt-BR.toml`, not `{stem}`"
            ),
        ))
    }
}

/// Parses a string table: a TOML file of `key = "text"` lines.
fn parse_table(file: &Path, text: &str) -> Result<Table, Diagnostic> {
    let raw: BTreeMap<Spanned<String>, String> = toml::from_str(text).map_err(|e| {
        let at = e.span().map_or((1, 1), |span| {
            LineIndex::new(text).position(text, span.start)
        });
        Diagnostic::error(Code::Theme, file, at, e.message().to_string())
    })?;
    Ok(locate(text, raw))
}

/// Strings read with their keys' spans, the keys located as line and column of `text`.
pub fn locate(text: &str, raw: BTreeMap<Spanned<String>, String>) -> Table {
    let index = LineIndex::new(text);
    raw.into_iter()
        .map(|(key, text_of_key)| {
            let (line, column) = index.position(text, key.span().start);
            let located = Located {
                text: text_of_key,
                line,
                column,
            };
            (key.into_inner(), located)
        })
        .collect()
}

#[cfg(test)]
mod tests;
