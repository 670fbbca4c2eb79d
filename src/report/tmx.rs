//! The translation memory of an alignment as TMX 1.4b: every `ok` pair of every locale, one
//! `<tu>` per article and segment id. No creation date and no DOCTYPE: the output is
//! byte-reproducible and parsers fetch nothing.

use std::collections::HashMap;
use std::fmt::Write as _;

use super::xml::{Node, escape, walk};
use crate::align::{Alignment, ArticleAlignment, Status, text};

/// The TMX document of every `ok` segment in every locale of the alignment.
///
/// Locales translating one id from the same English share a `<tu tuid="{article}#{id}">`; a
/// locale whose English for that id differs gets another one, `#{id}-2`, `#{id}-3`, ... Ids no
/// locale has `ok` are left out. Merged paragraph segments (`p101`) are marked
/// `segtype="paragraph"`.
pub fn to_tmx(alignment: &Alignment) -> String {
    let source = escape(&alignment.source_locale, true);
    let mut out =
        String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<tmx version=\"1.4\">\n");
    let _ = writeln!(
        out,
        "  <header creationtool=\"diglot\" creationtoolversion=\"{}\" segtype=\"sentence\" \
         o-tmf=\"diglot\" adminlang=\"en-US\" srclang=\"{source}\" datatype=\"markdown\"/>",
        env!("CARGO_PKG_VERSION")
    );
    out.push_str("  <body>\n");
    for article in &alignment.articles {
        let mut seen: HashMap<&str, usize> = HashMap::new();
        for unit in units(article) {
            let n = seen.entry(unit.id).or_default();
            *n += 1;
            let suffix = if *n == 1 {
                String::new()
            } else {
                format!("-{n}")
            };
            let tuid = escape(&format!("{}#{}{suffix}", article.article, unit.id), true);
            let segtype = if unit.id.starts_with('p') {
                " segtype=\"paragraph\""
            } else {
                ""
            };
            let _ = writeln!(out, "    <tu tuid=\"{tuid}\"{segtype}>");
            let _ = writeln!(
                out,
                "      <tuv xml:lang=\"{source}\"><seg>{}</seg></tuv>",
                escape(unit.english, false)
            );
            for (locale, target) in unit.targets {
                let _ = writeln!(
                    out,
                    "      <tuv xml:lang=\"{}\"><seg>{}</seg></tuv>",
                    escape(locale, true),
                    escape(target, false)
                );
            }
            out.push_str("    </tu>\n");
        }
    }
    out.push_str("  </body>\n</tmx>\n");
    out
}

/// One future `<tu>`: an id, its English, and the `ok` translations (locale, text) of it.
struct Unit<'a> {
    id: &'a str,
    english: &'a str,
    targets: Vec<(&'a str, &'a str)>,
}

/// The units of an article in segment id order; for one id, in the order the locales bring
/// them. A locale joins a unit of the same id and English unless it is already in it.
fn units(article: &ArticleAlignment) -> Vec<Unit<'_>> {
    let mut units: Vec<Unit> = Vec::new();
    let mut by_key: HashMap<(&str, &str), Vec<usize>> = HashMap::new();
    for locale in &article.locales {
        for s in locale.segments.iter().filter(|s| s.status == Status::Ok) {
            let candidates = by_key
                .entry((s.id.as_str(), s.source.as_str()))
                .or_default();
            let fits = |&&i: &&usize| !units[i].targets.iter().any(|(l, _)| *l == locale.locale);
            let target = (locale.locale.as_str(), s.target.as_str());
            match candidates.iter().find(fits) {
                Some(&i) => units[i].targets.push(target),
                None => {
                    candidates.push(units.len());
                    units.push(Unit {
                        id: &s.id,
                        english: &s.source,
                        targets: vec![target],
                    });
                }
            }
        }
    }
    units.sort_by_key(|u| text::id_order(u.id));
    units
}

/// One `<tu>` read back from a TMX document.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ReadTu {
    /// The `tuid` attribute; empty when absent.
    pub tuid: String,
    /// Each `<tuv>`'s language (`xml:lang`, or the older `lang`) and `<seg>` text, in order.
    pub variants: Vec<(String, String)>,
}

/// Reads the translation units of a TMX document, in document order. Inline markup inside
/// `<seg>` is dropped and its text kept.
pub fn from_tmx(xml: &str) -> Result<Vec<ReadTu>, String> {
    let mut tus = Vec::new();
    let mut tu: Option<ReadTu> = None;
    let mut lang = String::new();
    let mut seg: Option<String> = None;
    let mut root = true;
    walk(xml, |node| {
        match node {
            Node::Open(name, attributes) => {
                let attribute = |key: &str| attributes.get(key);
                if std::mem::take(&mut root) && name != "tmx" {
                    return Err(format!("not a TMX document: root <{name}>"));
                }
                match name.as_str() {
                    "tu" => {
                        tu = Some(ReadTu {
                            tuid: attribute("tuid").unwrap_or_default(),
                            variants: Vec::new(),
                        })
                    }
                    "tuv" => {
                        lang = attribute("xml:lang")
                            .or_else(|| attribute("lang"))
                            .unwrap_or_default()
                    }
                    "seg" if tu.is_some() => seg = Some(String::new()),
                    _ => {}
                }
            }
            Node::Text(t) => {
                if let Some(seg) = seg.as_mut() {
                    seg.push_str(&t);
                }
            }
            Node::Close(name) => match (name.as_str(), tu.as_mut()) {
                ("seg", Some(tu)) => tu.variants.extend(seg.take().map(|s| (lang.clone(), s))),
                ("tu", Some(_)) => tus.extend(tu.take()),
                _ => {}
            },
        }
        Ok(())
    })?;
    Ok(tus)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::align::{AlignedSegment, LocaleAlignment, Verdict, align_article};
    use crate::parse::{Format, parse_document};
    use std::path::Path;

    fn locale(locale: &str, segments: &[(&str, &str, &str, Status)]) -> LocaleAlignment {
        LocaleAlignment {
            locale: locale.into(),
            file: format!("{locale}/a.md"),
            format: Format::Sxs,
            source_commit: None,
            translation_type: None,
            verdict: Verdict::Complete,
            english_sibling: None,
            freshness: None,
            counts: Default::default(),
            segments: segments
                .iter()
                .map(|(id, source, target, status)| AlignedSegment {
                    id: id.to_string(),
                    source: source.to_string(),
                    target: target.to_string(),
                    status: *status,
                    line: 1,
                    merged_into: None,
                    source_line: None,
                    confidence: None,
                })
                .collect(),
        }
    }

    fn alignment(locales: Vec<LocaleAlignment>) -> Alignment {
        Alignment {
            version: 1,
            source_locale: "en-US".into(),
            articles: vec![ArticleAlignment {
                article: "a.md".into(),
                english_from: None,
                mixed_commits: false,
                locales,
            }],
        }
    }

    fn variants(tu: &ReadTu) -> Vec<(&str, &str)> {
        tu.variants
            .iter()
            .map(|(l, s)| (l.as_str(), s.as_str()))
            .collect()
    }

    #[test]
    fn only_ok_pairs_grouped_by_id_and_english() {
        let a = alignment(vec![
            locale(
                "nl-NL",
                &[
                    (
                        "p101",
                        "Open it. Select it.",
                        "Open het. Kies het.",
                        Status::Ok,
                    ),
                    ("104", "Sign in.", "Meld aan.", Status::Ok),
                    (
                        "105",
                        "Open settings.",
                        "Open settings.",
                        Status::Untranslated,
                    ),
                    ("106", "Select it.", "", Status::Missing),
                ],
            ),
            locale(
                "de-DE",
                &[
                    ("104", "Sign in.", "Anmelden.", Status::Ok),
                    ("105", "Open settings.", "", Status::Empty),
                    ("106", "Select it.", "", Status::Merged),
                ],
            ),
            locale(
                "da-DK",
                &[("104", "Sign in to the old portal.", "Log på.", Status::Ok)],
            ),
        ]);
        let xml = to_tmx(&a);
        let tus = from_tmx(&xml).unwrap();
        let ids: Vec<_> = tus.iter().map(|t| t.tuid.as_str()).collect();
        assert_eq!(ids, ["a.md#p101", "a.md#104", "a.md#104-2"]);
        assert_eq!(
            variants(&tus[0]),
            [
                ("en-US", "Open it. Select it."),
                ("nl-NL", "Open het. Kies het.")
            ]
        );
        assert_eq!(
            variants(&tus[1]),
            [
                ("en-US", "Sign in."),
                ("nl-NL", "Meld aan."),
                ("de-DE", "Anmelden.")
            ]
        );
        assert_eq!(
            variants(&tus[2]),
            [
                ("en-US", "Sign in to the old portal."),
                ("da-DK", "Log på.")
            ]
        );
        assert!(!xml.contains("Open settings."), "{xml}");
        assert!(xml.contains("<tu tuid=\"a.md#p101\" segtype=\"paragraph\">"));
        assert!(xml.contains("srclang=\"en-US\" datatype=\"markdown\"/>"));
        assert!(!xml.contains("creationdate") && !xml.contains("DOCTYPE"));
    }

    #[test]
    fn escapes_and_keeps_scripts_and_is_deterministic() {
        let a = alignment(vec![
            locale(
                "ar-SA",
                &[(
                    "104",
                    "Use <b> & \"x\"\u{2}",
                    "استخدم <b> & \"x\"\u{FFFF}",
                    Status::Ok,
                )],
            ),
            locale(
                "ja-JP",
                &[(
                    "104",
                    "Use <b> & \"x\"\u{2}",
                    "<b> と & を使います",
                    Status::Ok,
                )],
            ),
        ]);
        let xml = to_tmx(&a);
        assert_eq!(xml, to_tmx(&a));
        assert!(
            xml.contains("<seg>Use &lt;b&gt; &amp; \"x\"</seg>"),
            "{xml}"
        );
        assert!(!xml.contains(['\u{2}', '\u{FFFF}']));
        let tus = from_tmx(&xml).unwrap();
        assert_eq!(
            variants(&tus[0]),
            [
                ("en-US", "Use <b> & \"x\""),
                ("ar-SA", "استخدم <b> & \"x\""),
                ("ja-JP", "<b> と & を使います")
            ]
        );
    }

    #[test]
    fn from_an_aligned_article() {
        let pair = |prefix: &str, id: &str, target: &str, source: &str| {
            crate::parse::sxs::segment_text(&format!("{prefix}-{id}"), target, source)
        };
        let document = |locale: &str, body: &str| {
            let text = format!(
                "---\ntitle: t\nms.sourcegitcommit: c1\nms.lasthandoff: 01/01/2021\n---\n{body}\n"
            );
            parse_document(locale, "a.md", Path::new(&format!("{locale}/a.md")), &text).0
        };
        let open = "Open the settings page.";
        let nl = document(
            "nl-NL",
            &format!(
                "{} {}",
                pair("a", "104", "Meld aan.", "Sign in."),
                pair("a", "105", "Open.", open)
            ),
        );
        // Left in English in ja-JP: untranslated, so only nl-NL's pair is in the memory.
        let ja = document(
            "ja-JP",
            &format!(
                "{} {}",
                pair("b", "104", "サインインします。", "Sign in."),
                pair("b", "105", open, open)
            ),
        );
        let article = align_article(
            &crate::book::Article::new("a.md", vec![ja.clone(), nl.clone()], None),
            &[],
        );
        let a = Alignment {
            version: 1,
            source_locale: "en-US".into(),
            articles: vec![article],
        };
        let tus = from_tmx(&to_tmx(&a)).unwrap();
        assert_eq!(tus.len(), 2);
        assert_eq!(
            variants(&tus[0]),
            [
                ("en-US", "Sign in."),
                ("ja-JP", "サインインします。"),
                ("nl-NL", "Meld aan.")
            ]
        );
        assert_eq!(variants(&tus[1]), [("en-US", open), ("nl-NL", "Open.")]);
    }

    #[test]
    fn rejects_what_is_not_tmx() {
        assert!(
            from_tmx("<xliff version=\"2.0\"/>")
                .unwrap_err()
                .contains("not a TMX")
        );
        assert!(from_tmx("<tmx><body><tu>").is_err());
        assert_eq!(from_tmx("<tmx version=\"1.4\"><body/></tmx>").unwrap(), []);
    }
}
