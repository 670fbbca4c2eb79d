//! The alignment of one target locale as XLIFF 2.0 (OASIS core, no modules): one `<file>` per
//! sxs article, one `<unit>` per segment, the diglot status in a note.
//!
//! Text is written as it is, markdown included, escaped for XML. Characters XML 1.0 does not
//! allow (control characters other than tab, line feed and carriage return; U+FFFE, U+FFFF) are
//! dropped, so the output is always well-formed.

use std::collections::HashSet;
use std::fmt::Write as _;

use super::xml::{Node, escape, walk};
use super::{AlignedSegment, Alignment, Status};
use crate::parse::Format;

/// The XLIFF 2.0 namespace.
pub const NAMESPACE: &str = "urn:oasis:names:tc:xliff:document:2.0";

/// The XLIFF 2.0 document of `locale`: every article that has it as an sxs file (and at least
/// one segment), in alignment order, with file ids `f1`, `f2`, ...
///
/// Unit ids are `u` and the segment id (characters not allowed in an NMTOKEN become `_`, and a
/// repeated id gets `-2`, `-3`, ...); when that changes the id, the segment id is kept in the
/// unit's `name`. `ok` segments are `translated`, all others `initial`; a `merged` segment, and
/// any with an empty translation (`missing`, most `empty`), has no `<target>`.
///
/// The schema requires at least one `<file>`: for a locale with no sxs segment at all the
/// result is well-formed but not valid XLIFF.
pub fn to_xliff(alignment: &Alignment, locale: &str) -> String {
    let mut out = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    let _ = writeln!(
        out,
        "<xliff xmlns=\"{NAMESPACE}\" version=\"2.0\" srcLang=\"{}\" trgLang=\"{}\">",
        escape(&alignment.source_locale, true),
        escape(locale, true)
    );
    let files = alignment.articles.iter().filter_map(|article| {
        article
            .locales
            .iter()
            .find(|l| l.format == Format::Sxs && l.locale.eq_ignore_ascii_case(locale))
            .filter(|l| !l.segments.is_empty())
            .map(|l| (article, l))
    });
    for (n, (article, this)) in files.enumerate() {
        let _ = writeln!(
            out,
            "  <file id=\"f{}\" original=\"{}\" xml:space=\"preserve\">",
            n + 1,
            escape(&article.article, true)
        );
        let mut taken = HashSet::new();
        for segment in &this.segments {
            write_unit(&mut out, segment, &mut taken);
        }
        out.push_str("  </file>\n");
    }
    out.push_str("</xliff>\n");
    out
}

fn write_unit(out: &mut String, segment: &AlignedSegment, taken: &mut HashSet<String>) {
    let id = unit_id(&segment.id, taken);
    let name = if id == format!("u{}", segment.id) {
        String::new()
    } else {
        format!(" name=\"{}\"", escape(&segment.id, true))
    };
    let _ = writeln!(out, "    <unit id=\"{id}\"{name}>");
    out.push_str("      <notes>\n");
    let _ = writeln!(
        out,
        "        <note category=\"diglot-status\">{}</note>",
        segment.status.as_str()
    );
    if let Some(carrier) = &segment.merged_into {
        let _ = writeln!(
            out,
            "        <note category=\"merged-into\">{}</note>",
            escape(carrier, false)
        );
    }
    out.push_str("      </notes>\n");
    let has_target = segment.status != Status::Merged && !segment.target.is_empty();
    let state = if segment.status == Status::Ok && has_target {
        "translated"
    } else {
        "initial"
    };
    let _ = writeln!(out, "      <segment state=\"{state}\">");
    let _ = writeln!(
        out,
        "        <source>{}</source>",
        escape(&segment.source, false)
    );
    if has_target {
        let _ = writeln!(
            out,
            "        <target>{}</target>",
            escape(&segment.target, false)
        );
    }
    out.push_str("      </segment>\n    </unit>\n");
}

/// `u` + the segment id as an NMTOKEN, made unique among `taken`.
fn unit_id(id: &str, taken: &mut HashSet<String>) -> String {
    let token: String = id
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || "-_.".contains(c) {
                c
            } else {
                '_'
            }
        })
        .collect();
    let base = format!("u{token}");
    let mut unique = base.clone();
    let mut n = 1;
    while !taken.insert(unique.clone()) {
        n += 1;
        unique = format!("{base}-{n}");
    }
    unique
}

/// One unit read back from an XLIFF 2.0 document.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ReadUnit {
    /// The `original` of the enclosing `<file>`: the article path.
    pub file: String,
    /// The segment id: the unit's `name` if it has one, else its id without the `u` prefix.
    pub id: String,
    /// The source text (of all the unit's segments, joined, should a tool have split it).
    pub source: String,
    /// The target text; empty when the unit has no `<target>`.
    pub target: String,
    /// The segment's `state`: `initial` when absent.
    pub state: String,
    /// The `diglot-status` note, if any.
    pub status: Option<String>,
    /// The `merged-into` note, if any.
    pub merged_into: Option<String>,
}

/// Reads the units of an XLIFF 2.x document, in document order. Inline markup inside
/// `<source>` and `<target>` (from other tools) is dropped and its text kept.
pub fn from_xliff(xml: &str) -> Result<Vec<ReadUnit>, String> {
    let mut units = Vec::new();
    let mut file = String::new();
    let mut unit: Option<ReadUnit> = None;
    // The element whose text is being collected (`source`, `target`, or a note's category).
    let mut capture: Option<String> = None;
    let mut text = String::new();
    let mut root = true;
    walk(xml, |node| {
        match node {
            Node::Open(name, attributes) => {
                let attribute = |key: &str| attributes.get(key);
                if std::mem::take(&mut root)
                    && (name != "xliff"
                        || !attribute("version").is_some_and(|v| v.starts_with("2.")))
                {
                    return Err(format!("not an XLIFF 2 document: root <{name}>"));
                }
                match name.as_str() {
                    "file" => file = attribute("original").unwrap_or_default(),
                    "unit" => {
                        let id = attribute("name").unwrap_or_else(|| {
                            let id = attribute("id").unwrap_or_default();
                            id.strip_prefix('u').unwrap_or(&id).to_string()
                        });
                        let state = "initial".to_string();
                        unit = Some(ReadUnit {
                            file: file.clone(),
                            id,
                            state,
                            ..ReadUnit::default()
                        });
                    }
                    "segment" => {
                        if let (Some(u), Some(state)) = (unit.as_mut(), attribute("state")) {
                            u.state = state;
                        }
                    }
                    "source" | "target" if unit.is_some() && capture.is_none() => {
                        capture = Some(name.clone());
                        text.clear();
                    }
                    "note" if unit.is_some() => {
                        capture = Some(attribute("category").unwrap_or_default());
                        text.clear();
                    }
                    _ => {}
                }
            }
            Node::Text(t) => {
                if capture.is_some() {
                    text.push_str(&t);
                }
            }
            Node::Close(name) => match (name.as_str(), unit.as_mut()) {
                ("source" | "target" | "note", Some(u)) => match capture.take().as_deref() {
                    Some("source") => u.source.push_str(&text),
                    Some("target") => u.target.push_str(&text),
                    Some("diglot-status") => u.status = Some(text.clone()),
                    Some("merged-into") => u.merged_into = Some(text.clone()),
                    _ => {}
                },
                ("unit", Some(_)) => units.extend(unit.take()),
                _ => {}
            },
        }
        Ok(())
    })?;
    Ok(units)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::align::{ArticleAlignment, LocaleAlignment, Verdict, align_article};
    use crate::parse::parse_document;
    use std::path::Path;

    fn segment(id: &str, source: &str, target: &str, status: Status) -> AlignedSegment {
        AlignedSegment {
            id: id.into(),
            source: source.into(),
            target: target.into(),
            status,
            line: 1,
            merged_into: None,
            confidence: None,
        }
    }

    fn alignment(article: &str, locale: &str, segments: Vec<AlignedSegment>) -> Alignment {
        Alignment {
            version: 1,
            source_locale: "en-US".into(),
            articles: vec![ArticleAlignment {
                article: article.into(),
                english_from: Some(locale.into()),
                mixed_commits: false,
                locales: vec![LocaleAlignment {
                    locale: locale.into(),
                    file: format!("{locale}/{article}"),
                    format: Format::Sxs,
                    source_commit: None,
                    translation_type: None,
                    verdict: Verdict::NeedsReview,
                    english_sibling: None,
                    counts: Default::default(),
                    segments,
                }],
            }],
        }
    }

    #[test]
    fn escapes_markup_quotes_and_drops_control_characters() {
        let tricky = "Use <b>&amp;</b> \"quoted\" 'single' a]]>b\u{1}\u{FFFE}\ttab\r\nCRLF";
        let a = alignment(
            "a&\"b<.md",
            "de-DE",
            vec![segment("104", tricky, "Ä <x> & \u{7}", Status::Ok)],
        );
        let xml = to_xliff(&a, "de-DE");
        assert!(xml.contains("original=\"a&amp;&quot;b&lt;.md\""), "{xml}");
        assert!(xml.contains("<source>Use &lt;b&gt;&amp;amp;&lt;/b&gt; \"quoted\" 'single' a]]&gt;b\ttab&#13;\nCRLF</source>"), "{xml}");
        assert!(!xml.contains(['\u{1}', '\u{7}', '\u{FFFE}']));
        let units = from_xliff(&xml).unwrap();
        assert_eq!(units[0].file, "a&\"b<.md");
        assert_eq!(
            units[0].source,
            "Use <b>&amp;</b> \"quoted\" 'single' a]]>b\ttab\r\nCRLF"
        );
        assert_eq!(units[0].target, "Ä <x> & ");
    }

    #[test]
    fn keeps_non_latin_scripts() {
        let a = alignment(
            "a.md",
            "ar-SA",
            vec![
                segment("104", "Sign in.", "سجّل الدخول إلى **المدخل**.", Status::Ok),
                segment("105", "Open settings.", "設定を開きます。", Status::Ok),
            ],
        );
        let xml = to_xliff(&a, "ar-SA");
        assert!(xml.contains("<target>سجّل الدخول إلى **المدخل**.</target>"));
        let units = from_xliff(&xml).unwrap();
        assert_eq!(units[1].target, "設定を開きます。");
    }

    #[test]
    fn states_and_notes_per_status() {
        let mut merged = segment("106", "Select it.", "", Status::Merged);
        merged.merged_into = Some("p101".into());
        let a = alignment(
            "a.md",
            "nl-NL",
            vec![
                segment(
                    "p101",
                    "Open it. Select it.",
                    "Open het. Kies het.",
                    Status::Ok,
                ),
                segment(
                    "104",
                    "Sign in to the portal.",
                    "Sign in to the portal.",
                    Status::Untranslated,
                ),
                segment("105", "Open settings.", "", Status::Missing),
                merged,
                segment("107", "Extra.", "Extra tekst.", Status::Extra),
                segment("108", "Old English.", "Oud.", Status::Drift),
                segment("109", "", "Leeg.", Status::Empty),
            ],
        );
        let xml = to_xliff(&a, "nl-NL");
        let got: Vec<_> = from_xliff(&xml)
            .unwrap()
            .into_iter()
            .map(|u| {
                (
                    u.id,
                    u.state,
                    u.status.unwrap(),
                    u.merged_into,
                    u.target.is_empty(),
                )
            })
            .collect();
        let want = [
            ("p101", "translated", "ok", None, false),
            ("104", "initial", "untranslated", None, false),
            ("105", "initial", "missing", None, true),
            ("106", "initial", "merged", Some("p101".to_string()), true),
            ("107", "initial", "extra", None, false),
            ("108", "initial", "drift", None, false),
            ("109", "initial", "empty", None, false),
        ];
        let want: Vec<_> = want
            .into_iter()
            .map(|(i, s, st, m, e)| (i.to_string(), s.to_string(), st.to_string(), m, e))
            .collect();
        assert_eq!(got, want);
        // No <target> at all for segments without translation.
        assert_eq!(xml.matches("<target>").count(), 5, "{xml}");
        // Notes come before the segment in every unit.
        for unit in xml.split("<unit ").skip(1) {
            let notes = unit.find("<notes>").unwrap();
            assert!(notes < unit.find("<segment ").unwrap(), "{unit}");
        }
    }

    #[test]
    fn unit_ids_are_unique_nmtokens_and_names_keep_odd_ids() {
        let a = alignment(
            "a.md",
            "nl-NL",
            vec![
                segment("104", "One.", "Een.", Status::Ok),
                segment("104", "One again.", "Weer een.", Status::Ok),
                segment("a b/c", "Odd.", "Raar.", Status::Ok),
            ],
        );
        let xml = to_xliff(&a, "nl-NL");
        assert!(xml.contains("<unit id=\"u104\">"));
        assert!(xml.contains("<unit id=\"u104-2\" name=\"104\">"));
        assert!(xml.contains("<unit id=\"ua_b_c\" name=\"a b/c\">"));
        let ids: Vec<_> = from_xliff(&xml)
            .unwrap()
            .into_iter()
            .map(|u| u.id)
            .collect();
        assert_eq!(ids, ["104", "104", "a b/c"]);
    }

    fn pair(prefix: &str, id: &str, target: &str, source: &str) -> String {
        format!(
            "<span data-ttu-id=\"{prefix}-{id}\">{target}</span><span class=\"sxs-lookup\"><span data-stu-id=\"{prefix}-{id}\">{source}</span></span>"
        )
    }

    fn document(locale: &str, body: &str) -> crate::parse::Document {
        let text = format!(
            "---\ntitle: t\nms.sourcegitcommit: c1\nms.lasthandoff: 01/01/2021\n---\n{body}\n"
        );
        parse_document(locale, "a.md", Path::new(&format!("{locale}/a.md")), &text).0
    }

    #[test]
    fn round_trips_an_aligned_article_and_is_deterministic() {
        let nl = document(
            "nl-NL",
            &format!(
                "{} {}",
                pair("a", "104", "Meld aan.", "Sign in to the portal."),
                pair("a", "105", "Open.", "Open the settings page.")
            ),
        );
        let ja = document(
            "ja-JP",
            &pair(
                "b",
                "104",
                "ポータルにサインインします。",
                "Sign in to the portal.",
            ),
        );
        let article = align_article("a.md", &[&ja, &nl], &[]);
        let a = Alignment {
            version: 1,
            source_locale: "en-US".into(),
            articles: vec![article],
        };
        let xml = to_xliff(&a, "ja-JP");
        assert_eq!(xml, to_xliff(&a, "ja-JP"));
        assert!(xml.contains("srcLang=\"en-US\" trgLang=\"ja-JP\""));
        assert!(xml.contains("<file id=\"f1\" original=\"a.md\""));
        let ja_segments = &a.articles[0]
            .locales
            .iter()
            .find(|l| l.locale == "ja-JP")
            .unwrap()
            .segments;
        let read = from_xliff(&xml).unwrap();
        assert_eq!(read.len(), ja_segments.len());
        for (unit, s) in read.iter().zip(ja_segments) {
            assert_eq!(
                (unit.file.as_str(), &unit.id, &unit.source, &unit.target),
                ("a.md", &s.id, &s.source, &s.target)
            );
            assert_eq!(unit.status.as_deref(), Some(s.status.as_str()));
        }
        assert_eq!(read[1].status.as_deref(), Some("missing"));
        // A locale the alignment does not have gives no file.
        assert!(!to_xliff(&a, "fr-FR").contains("<file"));
    }

    #[test]
    fn rejects_what_is_not_xliff_2() {
        assert!(
            from_xliff("<xliff version=\"2.0\"><file>")
                .unwrap_err()
                .contains("not closed")
        );
        assert!(
            from_xliff("<xliff version=\"1.2\"/>")
                .unwrap_err()
                .contains("not an XLIFF 2")
        );
        assert!(from_xliff("<a><b></a>").is_err());
        assert!(
            from_xliff("<xliff version=\"2.0\">&nbsp;</xliff>")
                .unwrap_err()
                .contains("nbsp")
        );
    }
}
