//! Front matter: the YAML block between `---` lines at the top of an article.
//!
//! YAML goes through `serde-saphyr` (pure Rust, maintained, with line and column in its errors)
//! rather than the archived `serde_yaml`. Booleans are strict, so a bare `no` stays the string
//! "no", and a budget bounds what aliases may expand to.

use std::collections::BTreeMap;
use std::ops::Range;

use serde::{Deserialize, Serialize};

/// The typed keys the site and the checks use; every other key is kept in `extra`.
#[derive(Debug, Clone, Default, PartialEq, Deserialize, Serialize)]
pub struct FrontMatter {
    pub title: Option<String>,
    pub description: Option<String>,
    #[serde(rename = "ms.contentlocale")]
    pub content_locale: Option<String>,
    #[serde(rename = "ms.translationtype")]
    pub translation_type: Option<String>,
    #[serde(rename = "ms.sourcegitcommit")]
    pub source_commit: Option<String>,
    #[serde(rename = "ms.openlocfilehash")]
    pub open_loc_file_hash: Option<String>,
    #[serde(rename = "ms.lasthandoff")]
    pub last_handoff: Option<String>,
    #[serde(rename = "ms.date")]
    pub date: Option<String>,
    /// A string or a list in the wild; see [`FrontMatter::custom`].
    #[serde(rename = "ms.custom")]
    pub custom: Option<serde_json::Value>,
    #[serde(rename = "ROBOTS")]
    pub robots: Option<String>,
    #[serde(flatten)]
    pub extra: BTreeMap<String, serde_json::Value>,
    /// The file line of each top-level key, for diagnostics about it.
    #[serde(skip)]
    pub lines: BTreeMap<String, usize>,
}

impl FrontMatter {
    /// `ms.custom` as a list of strings, whether written as a scalar or a sequence.
    pub fn custom(&self) -> Vec<String> {
        fn scalar(v: &serde_json::Value) -> Option<String> {
            match v {
                serde_json::Value::String(s) if s.is_empty() => None,
                serde_json::Value::String(s) => Some(s.clone()),
                serde_json::Value::Null => None,
                other => Some(other.to_string()),
            }
        }
        match &self.custom {
            Some(serde_json::Value::Array(items)) => items.iter().filter_map(scalar).collect(),
            Some(v) => scalar(v).into_iter().collect(),
            None => Vec::new(),
        }
    }

    /// Fills in the keys this front matter lacks from `defaults` (a `docfx.json`'s
    /// `globalMetadata` and `fileMetadata` for the page): what the page says wins.
    pub fn inherit(&mut self, defaults: &BTreeMap<String, serde_json::Value>) {
        for (key, value) in defaults {
            let text = || match value {
                serde_json::Value::String(s) => Some(s.clone()),
                serde_json::Value::Null => None,
                other => Some(other.to_string()),
            };
            let slot = match key.as_str() {
                "title" => &mut self.title,
                "description" => &mut self.description,
                "ms.date" => &mut self.date,
                "ROBOTS" => &mut self.robots,
                "ms.translationtype" => &mut self.translation_type,
                "ms.custom" => {
                    self.custom.get_or_insert_with(|| value.clone());
                    continue;
                }
                _ => {
                    self.extra
                        .entry(key.clone())
                        .or_insert_with(|| value.clone());
                    continue;
                }
            };
            if slot.is_none() {
                *slot = text();
            }
        }
    }

    /// True when the translation was made by machine (`ms.translationtype: MT`).
    pub fn is_machine_translated(&self) -> bool {
        self.translation_type
            .as_deref()
            .is_some_and(|t| t.eq_ignore_ascii_case("MT"))
    }
}

/// Where the front matter sits in a file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Block {
    /// `yaml` is the text between the fences; the body starts at `body`.
    Closed { yaml: Range<usize>, body: usize },
    /// An opening `---` with no closing one: the body starts after the opening line.
    Unterminated { body: usize },
    /// The file does not start with `---`.
    Missing,
}

/// Finds the front matter fences: `---` on the first line and the next line that is `---`.
pub fn locate(text: &str) -> Block {
    let first_line_end = text.find('\n').unwrap_or(text.len());
    if text[..first_line_end].trim_end() != "---" {
        return Block::Missing;
    }
    let yaml_start = (first_line_end + 1).min(text.len());
    let mut line_start = yaml_start;
    while line_start < text.len() {
        let line_end = text[line_start..]
            .find('\n')
            .map_or(text.len(), |e| line_start + e);
        if text[line_start..line_end].trim_end() == "---" {
            return Block::Closed {
                yaml: yaml_start..line_start,
                body: (line_end + 1).min(text.len()),
            };
        }
        line_start = line_end + 1;
    }
    Block::Unterminated { body: yaml_start }
}

/// A YAML error, with a 1-based line and column inside the YAML text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct YamlError {
    pub line: usize,
    pub column: usize,
    pub message: String,
}

/// Parses the YAML between the fences.
pub fn parse(yaml: &str) -> Result<FrontMatter, YamlError> {
    if yaml.trim().is_empty() {
        return Ok(FrontMatter::default());
    }
    from_yaml(yaml)
}

/// Reads `yaml` into `T` the way every YAML file of a docset is read (a bare `no` stays a
/// string), an error at its line and column with the first line of its message.
pub fn from_yaml<T: serde::de::DeserializeOwned>(yaml: &str) -> Result<T, YamlError> {
    let options = serde_saphyr::options! { strict_booleans: true };
    serde_saphyr::from_str_with_options::<T>(yaml, options).map_err(|e| {
        let (line, column) = e
            .location()
            .map_or((1, 1), |l| (l.line() as usize, l.column() as usize));
        let message = e.to_string();
        let message = message
            .lines()
            .next()
            .unwrap_or("invalid YAML")
            .trim_start_matches("error: ");
        let message = strip_location_prefix(message);
        YamlError {
            line: line.max(1),
            column: column.max(1),
            message: message.to_string(),
        }
    })
}

/// The line of each top-level key of `yaml`, whose first line is line `first_line` of the file.
pub fn key_lines(yaml: &str, first_line: usize) -> BTreeMap<String, usize> {
    yaml.lines()
        .enumerate()
        .filter(|(_, line)| !line.starts_with([' ', '\t', '-', '#']))
        .filter_map(|(i, line)| Some((line.split_once(':')?.0.trim().to_string(), first_line + i)))
        .collect()
}

/// Reads what can be read from front matter that is not YAML any more: the `title`, quoted or
/// up to the next `ms.` key. Used for front matter that a translation tool flattened.
pub fn salvage(text: &str) -> FrontMatter {
    let title = text.find("title:").and_then(|at| {
        let rest = text[at + "title:".len()..].trim_start();
        let title = match rest.strip_prefix('"') {
            Some(quoted) => &quoted[..quoted.find('"')?],
            None => rest[..rest.find(" ms.").unwrap_or(rest.len())]
                .lines()
                .next()?,
        };
        Some(title.trim().to_string()).filter(|t| !t.is_empty())
    });
    FrontMatter {
        title,
        ..FrontMatter::default()
    }
}

/// serde-saphyr starts its messages with `line L column C: `; diglot prints its own position.
fn strip_location_prefix(message: &str) -> &str {
    if let Some(rest) = message.strip_prefix("line ")
        && let Some((_, tail)) = rest.split_once(": ")
    {
        return tail;
    }
    message
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_typed_keys_and_keeps_the_rest() {
        let yaml = "title: Enhet i ventende tilstand\nms.custom:\n- \"9003244\"\n- 7319\nROBOTS: NOINDEX, NOFOLLOW\nms.translationtype: MT\nms.contentlocale: nb-NO\nms.author: v-jmathew\n";
        let fm = parse(yaml).unwrap();
        assert_eq!(fm.title.as_deref(), Some("Enhet i ventende tilstand"));
        assert_eq!(fm.custom(), ["9003244", "7319"]);
        assert_eq!(fm.robots.as_deref(), Some("NOINDEX, NOFOLLOW"));
        assert!(fm.is_machine_translated());
        assert_eq!(fm.content_locale.as_deref(), Some("nb-NO"));
        assert_eq!(fm.extra["ms.author"], "v-jmathew");
    }

    #[test]
    fn a_bare_no_stays_a_string() {
        let fm = parse("title: no\nlocalization_priority: no\nother: yes\n").unwrap();
        assert_eq!(fm.title.as_deref(), Some("no"));
        assert_eq!(fm.extra["localization_priority"], "no");
        assert_eq!(fm.extra["other"], "yes");
    }

    #[test]
    fn custom_may_be_an_empty_string() {
        let fm = parse("ms.custom: ''\n").unwrap();
        assert!(fm.custom().is_empty());
    }

    #[test]
    fn invalid_yaml_reports_line_and_column() {
        let err = parse("title: ok\nms.date: [unclosed\n").unwrap_err();
        assert_eq!(err.line, 2);
        assert!(err.column > 1);
        assert!(!err.message.is_empty());
        assert!(!err.message.starts_with("line "), "{}", err.message);
    }

    #[test]
    fn alias_bombs_are_refused() {
        let mut yaml = String::from("a: &a [x,x,x,x,x,x,x,x,x,x]\n");
        for (name, prev) in ["b", "c", "d", "e", "f", "g", "h", "i"]
            .iter()
            .zip(["a", "b", "c", "d", "e", "f", "g", "h"])
        {
            yaml.push_str(&format!(
                "{name}: &{name} [{}]\n",
                vec![format!("*{prev}"); 10].join(",")
            ));
        }
        assert!(parse(&yaml).is_err());
    }

    #[test]
    fn salvage_reads_the_title_of_flattened_front_matter() {
        let flat = "title: \"Troubleshoot presence issues in Outlook\" ms.author: pebaum ms.custom: (\n- 9257\n";
        assert!(parse(flat).is_err());
        assert_eq!(
            salvage(flat).title.as_deref(),
            Some("Troubleshoot presence issues in Outlook")
        );
        assert_eq!(
            salvage("title: Plain words ms.author: x").title.as_deref(),
            Some("Plain words")
        );
        assert_eq!(salvage("nothing here").title, None);
    }

    #[test]
    fn locates_the_fences() {
        let text = "---\ntitle: x\n---\n# Body\n";
        assert_eq!(
            locate(text),
            Block::Closed {
                yaml: 4..13,
                body: 17
            }
        );
        assert_eq!(locate("# no front matter\n"), Block::Missing);
        assert_eq!(
            locate("---\ntitle: x\n# never closed\n"),
            Block::Unterminated { body: 4 }
        );
        assert_eq!(
            locate("---\r\ntitle: x\r\n---\r\n"),
            Block::Closed {
                yaml: 5..15,
                body: 20
            }
        );
    }

    mod properties {
        use super::*;
        use proptest::prelude::*;

        proptest! {
            #[test]
            fn locate_parse_and_salvage_never_panic(
                text in r#"(---\r?\n)?[-a-zA-Z0-9:&*!|>#.,'"\[\]{}? \t\n\x{feff}é日]{0,300}(\n---\n)?"#
            ) {
                if let Block::Closed { yaml, body } = locate(&text) {
                    prop_assert!(yaml.end <= body && body <= text.len());
                    prop_assert_eq!(text[..yaml.start].trim_end(), "---");
                    prop_assert_eq!(text[yaml.end..body].trim_end(), "---");
                    if let Err(error) = parse(&text[yaml]) {
                        prop_assert!(error.line >= 1 && error.column >= 1);
                        prop_assert!(!error.message.is_empty());
                    }
                }
                salvage(&text);
            }

            #[test]
            fn a_quoted_title_reads_back_whatever_it_holds(title in r"[^'\p{C}]{1,60}") {
                let escaped = title.replace('\'', "''");
                let fm = parse(&format!("title: '{escaped}'\nms.contentlocale: nl-NL\n")).unwrap();
                prop_assert_eq!(fm.title.as_deref(), Some(title.as_str()));
                prop_assert_eq!(fm.content_locale.as_deref(), Some("nl-NL"));
            }
        }
    }

    #[test]
    fn inherits_what_it_lacks() {
        let mut front = parse("title: Own\nms.topic: article\n").unwrap();
        let defaults: BTreeMap<String, serde_json::Value> = serde_json::from_str(
            r#"{"title": "Default", "ROBOTS": "NOINDEX", "ms.topic": "overview", "audience": "ITPro", "recommendations": true}"#,
        )
        .unwrap();
        front.inherit(&defaults);
        assert_eq!(front.title.as_deref(), Some("Own"));
        assert_eq!(front.robots.as_deref(), Some("NOINDEX"));
        assert_eq!(front.extra["ms.topic"], "article");
        assert_eq!(front.extra["audience"], "ITPro");
        assert_eq!(front.extra["recommendations"], true);
    }
}
