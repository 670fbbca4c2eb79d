//! The alignment of one target locale as XLIFF 2.0: one `<file>` per article of that locale
//! (sxs files, and plain files aligned with an English), one `<unit>` per segment or block, the
//! diglot status in a note. See `docs/xliff.md` for the shape and what `diglot apply` reads.
//!
//! Markdown inline markup is written as inline codes (`<pc>`, `<ph>`) whose markdown is kept in
//! the unit's `<originalData>` ([`inline`]), so a CAT tool protects it and an unedited target
//! reads back byte for byte. Characters XML 1.0 cannot carry are written as `<cp>`.
//!
//! Each `<file>` says, in the XLIFF 2.0 Metadata module (`mda:`), the format of the markdown
//! file and, when the export knows it, the SHA-256 of its bytes: `diglot apply` writes nothing
//! into a file that changed since.

mod inline;

use std::collections::{HashMap, HashSet};
use std::fmt::Write as _;

use super::xml::{Node, escape, walk};
use crate::align::{AlignedSegment, Alignment, ArticleAlignment, LocaleAlignment, Status};
use crate::parse::Format;
use inline::{Codes, Token};

/// The XLIFF 2.0 namespace.
pub const NAMESPACE: &str = "urn:oasis:names:tc:xliff:document:2.0";
/// The XLIFF 2.0 Metadata module's namespace.
pub const METADATA: &str = "urn:oasis:names:tc:xliff:metadata:2.0";

/// The XLIFF 2.0 document of `locale`, with no file hashes (`diglot apply` refuses it): see
/// [`to_xliff_with_hashes`].
pub fn to_xliff(alignment: &Alignment, locale: &str) -> String {
    to_xliff_with_hashes(alignment, locale, &HashMap::new())
}

/// The XLIFF 2.0 document of `locale`: every article that has it as an sxs file, or as a plain
/// file aligned with an English, with at least one segment, in alignment order, with file ids
/// `f1`, `f2`, ... `hashes` gives the SHA-256 of each file's bytes, by the file as the
/// alignment names it.
///
/// Unit ids are `u` and the segment id (characters not allowed in an NMTOKEN become `_`, and a
/// repeated id gets `-2`, `-3`, ...); when that changes the id, the segment id is kept in the
/// unit's `name`. `ok` segments are `translated`, all others `initial`; a `merged` segment, and
/// any with an empty translation (`missing`, most `empty`), has no `<target>`.
///
/// The schema requires at least one `<file>`: for a locale with no segment at all the result
/// is well-formed but not valid XLIFF.
pub fn to_xliff_with_hashes(
    alignment: &Alignment,
    locale: &str,
    hashes: &HashMap<String, String>,
) -> String {
    let mut out = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    let _ = writeln!(
        out,
        "<xliff xmlns=\"{NAMESPACE}\" xmlns:mda=\"{METADATA}\" version=\"2.0\" srcLang=\"{}\" trgLang=\"{}\">",
        escape(&alignment.source_locale, true),
        escape(locale, true)
    );
    for (n, (article, this)) in exported(alignment, locale).enumerate() {
        let _ = writeln!(
            out,
            "  <file id=\"f{}\" original=\"{}\" xml:space=\"preserve\">",
            n + 1,
            escape(&article.article, true)
        );
        write_metadata(&mut out, this, hashes.get(&this.file));
        let mut taken = HashSet::new();
        for segment in &this.segments {
            write_unit(&mut out, segment, &mut taken);
        }
        out.push_str("  </file>\n");
    }
    out.push_str("</xliff>\n");
    out
}

/// The articles of `locale` that go into its XLIFF document, with that locale's alignment.
pub fn exported<'a>(
    alignment: &'a Alignment,
    locale: &'a str,
) -> impl Iterator<Item = (&'a ArticleAlignment, &'a LocaleAlignment)> {
    alignment.articles.iter().filter_map(move |article| {
        article
            .locales
            .iter()
            .find(|l| l.locale.eq_ignore_ascii_case(locale))
            .filter(|l| !l.segments.is_empty())
            .map(|l| (article, l))
    })
}

fn write_metadata(out: &mut String, this: &LocaleAlignment, sha256: Option<&String>) {
    out.push_str("    <mda:metadata>\n      <mda:metaGroup category=\"diglot\">\n");
    let format = match this.format {
        Format::Sxs => "sxs",
        Format::Plain => "plain",
    };
    let _ = writeln!(out, "        <mda:meta type=\"format\">{format}</mda:meta>");
    if let Some(sha256) = sha256 {
        let _ = writeln!(out, "        <mda:meta type=\"sha256\">{sha256}</mda:meta>");
    }
    if let Some(sibling) = &this.english_sibling {
        let _ = writeln!(
            out,
            "        <mda:meta type=\"english\">{}</mda:meta>",
            escape(&sibling.locale, false)
        );
    }
    out.push_str("      </mda:metaGroup>\n    </mda:metadata>\n");
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
    if let Some(confidence) = segment.confidence {
        let _ = writeln!(
            out,
            "        <note category=\"diglot-confidence\">{confidence}</note>"
        );
    }
    out.push_str("      </notes>\n");
    let has_target = segment.status != Status::Merged && !segment.target.is_empty();
    let state = if segment.status == Status::Ok && has_target {
        "translated"
    } else {
        "initial"
    };
    let mut codes = Codes::default();
    let source = codes.source(&segment.source);
    let target = has_target.then(|| codes.target(&segment.target));
    out.push_str(&codes.original_data("      "));
    let _ = writeln!(out, "      <segment state=\"{state}\">");
    let _ = writeln!(out, "        <source>{source}</source>");
    if let Some(target) = target {
        let _ = writeln!(out, "        <target>{target}</target>");
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

/// One `<file>` read back from an XLIFF 2.0 document.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ReadFile {
    /// Its `original`: the article path.
    pub original: String,
    /// The `format` and `sha256` of the diglot metadata, if present.
    pub format: Option<String>,
    pub sha256: Option<String>,
    pub units: Vec<ReadUnit>,
}

/// One unit read back from an XLIFF 2.0 document.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ReadUnit {
    /// The `original` of the enclosing `<file>`: the article path.
    pub file: String,
    /// The segment id: the unit's `name` if it has one, else its id without the `u` prefix.
    pub id: String,
    /// The source text, inline codes put back as markdown (of all the unit's segments and
    /// ignorables, joined, should a tool have split it).
    pub source: String,
    /// The target text, inline codes put back as markdown; empty when the unit has no target.
    pub target: String,
    /// Whether the unit has a target (every one of its segments has one).
    pub has_target: bool,
    /// The segment's `state`: `initial` when absent.
    pub state: String,
    /// The `diglot-status` note, if any.
    pub status: Option<String>,
    /// The `merged-into` note, if any.
    pub merged_into: Option<String>,
    /// What keeps the target from being read back: inline codes without original data, a
    /// target on only some segments.
    pub problems: Vec<String>,
}

/// The languages and files of an XLIFF 2.x document.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ReadDocument {
    pub source_language: String,
    pub target_language: String,
    pub files: Vec<ReadFile>,
}

/// Reads the units of an XLIFF 2.x document, in document order.
pub fn from_xliff(xml: &str) -> Result<Vec<ReadUnit>, String> {
    Ok(read(xml)?.files.into_iter().flat_map(|f| f.units).collect())
}

/// The unit being read: its parts until it ends.
#[derive(Default)]
struct OpenUnit {
    unit: ReadUnit,
    data: HashMap<String, String>,
    source: Vec<Token>,
    target: Vec<Token>,
    /// Segments with and without a target.
    translated: usize,
    untranslated: usize,
}

/// A `<segment>` or `<ignorable>` being read.
#[derive(Default)]
struct OpenPart {
    ignorable: bool,
    source: Vec<Token>,
    target: Option<Vec<Token>>,
}

/// Where text being read goes.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Capture {
    Source,
    Target,
    Note(String),
    Data(String),
    Meta(String),
}

/// Reads an XLIFF 2.x document: its files, their diglot metadata and their units, inline codes
/// mapped back to markdown through each unit's `<originalData>`. Notes, modules and extensions
/// other tools add are read past; `<mrk>` annotations keep their text.
pub fn read(xml: &str) -> Result<ReadDocument, String> {
    let mut document = ReadDocument::default();
    let mut unit: Option<OpenUnit> = None;
    let mut part: Option<OpenPart> = None;
    let mut capture: Option<Capture> = None;
    let mut text = String::new();
    // The id and end data of each open `<pc>`.
    let mut closing: Vec<(String, Option<String>)> = Vec::new();
    let mut root = true;
    walk(xml, |node| {
        match node {
            Node::Open(name, attributes) => {
                let attribute = |key: &str| attributes.get(key);
                if std::mem::take(&mut root) {
                    if name != "xliff" || !attribute("version").is_some_and(|v| v.starts_with("2."))
                    {
                        return Err(format!("not an XLIFF 2 document: root <{name}>"));
                    }
                    document.source_language = attribute("srcLang").unwrap_or_default();
                    document.target_language = attribute("trgLang").unwrap_or_default();
                    return Ok(());
                }
                match (name.as_str(), &capture) {
                    ("file", None) => document.files.push(ReadFile {
                        original: attribute("original").unwrap_or_default(),
                        ..ReadFile::default()
                    }),
                    ("meta", None) if unit.is_none() => {
                        capture = Some(Capture::Meta(attribute("type").unwrap_or_default()));
                        text.clear();
                    }
                    ("unit", None) => {
                        let id = attribute("name").unwrap_or_else(|| {
                            let id = attribute("id").unwrap_or_default();
                            id.strip_prefix('u').unwrap_or(&id).to_string()
                        });
                        let file = document.files.last().map(|f| f.original.clone());
                        unit = Some(OpenUnit {
                            unit: ReadUnit {
                                file: file.unwrap_or_default(),
                                id,
                                state: "initial".to_string(),
                                ..ReadUnit::default()
                            },
                            ..OpenUnit::default()
                        });
                    }
                    ("segment" | "ignorable", None) if unit.is_some() => {
                        if let (Some(u), Some(state)) = (unit.as_mut(), attribute("state")) {
                            u.unit.state = state;
                        }
                        part = Some(OpenPart {
                            ignorable: name == "ignorable",
                            ..OpenPart::default()
                        });
                    }
                    ("source", None) if part.is_some() => capture = Some(Capture::Source),
                    ("target", None) if part.is_some() => {
                        capture = Some(Capture::Target);
                        if let Some(p) = part.as_mut() {
                            p.target = Some(Vec::new());
                        }
                    }
                    ("note", None) if unit.is_some() => {
                        capture = Some(Capture::Note(attribute("category").unwrap_or_default()));
                        text.clear();
                    }
                    ("data", None) if unit.is_some() => {
                        capture = Some(Capture::Data(attribute("id").unwrap_or_default()));
                        text.clear();
                    }
                    ("cp", Some(_)) => {
                        let c = attribute("hex")
                            .and_then(|h| u32::from_str_radix(&h, 16).ok())
                            .and_then(char::from_u32)
                            .unwrap_or('\u{FFFD}');
                        add_text(&capture, part.as_mut(), &mut text, &c.to_string());
                    }
                    ("ph" | "sc" | "ec" | "pc", Some(Capture::Source | Capture::Target)) => {
                        let id = attribute("id")
                            .or_else(|| attribute("startRef"))
                            .unwrap_or_default();
                        let data = if name == "pc" {
                            closing.push((id.clone(), attribute("dataRefEnd")));
                            attribute("dataRefStart")
                        } else {
                            attribute("dataRef")
                        };
                        add_token(&capture, part.as_mut(), Token::Code { id, data });
                    }
                    _ => {}
                }
            }
            Node::Text(t) => add_text(&capture, part.as_mut(), &mut text, &t),
            Node::Close(name) => match name.as_str() {
                "pc" if matches!(capture, Some(Capture::Source | Capture::Target)) => {
                    if let Some((id, data)) = closing.pop() {
                        add_token(&capture, part.as_mut(), Token::Code { id, data });
                    }
                }
                "source" | "target" => {
                    capture = None;
                    closing.clear();
                }
                "note" | "data" | "meta" => match (capture.take(), unit.as_mut()) {
                    (Some(Capture::Note(category)), Some(u)) => match category.as_str() {
                        "diglot-status" => u.unit.status = Some(text.clone()),
                        "merged-into" => u.unit.merged_into = Some(text.clone()),
                        _ => {}
                    },
                    (Some(Capture::Data(id)), Some(u)) => {
                        u.data.insert(id, text.clone());
                    }
                    (Some(Capture::Meta(kind)), None) => {
                        if let Some(file) = document.files.last_mut() {
                            match kind.as_str() {
                                "format" => file.format = Some(text.trim().to_string()),
                                "sha256" => file.sha256 = Some(text.trim().to_string()),
                                _ => {}
                            }
                        }
                    }
                    _ => {}
                },
                "segment" | "ignorable" => {
                    if let (Some(p), Some(u)) = (part.take(), unit.as_mut()) {
                        u.source.extend(p.source.iter().cloned());
                        match (p.target, p.ignorable) {
                            (Some(target), _) => {
                                u.target.extend(target);
                                u.translated += usize::from(!p.ignorable);
                            }
                            // An ignorable part (white space between segments) is not
                            // translated: its source stands.
                            (None, true) => u.target.extend(p.source),
                            (None, false) => u.untranslated += 1,
                        }
                    }
                }
                "unit" => {
                    if let (Some(open), Some(file)) = (unit.take(), document.files.last_mut()) {
                        file.units.push(finish(open));
                    }
                }
                _ => {}
            },
        }
        Ok(())
    })?;
    Ok(document)
}

fn add_token(capture: &Option<Capture>, part: Option<&mut OpenPart>, token: Token) {
    let Some(part) = part else { return };
    let tokens = match capture {
        Some(Capture::Source) => &mut part.source,
        Some(Capture::Target) => match part.target.as_mut() {
            Some(target) => target,
            None => return,
        },
        _ => return,
    };
    if let (Token::Text(new), Some(Token::Text(last))) = (&token, tokens.last_mut()) {
        last.push_str(new);
        return;
    }
    tokens.push(token);
}

fn add_text(capture: &Option<Capture>, part: Option<&mut OpenPart>, text: &mut String, t: &str) {
    match capture {
        Some(Capture::Source | Capture::Target) => add_token(capture, part, Token::Text(t.into())),
        Some(_) => text.push_str(t),
        None => {}
    }
}

/// The unit read: its source and target as markdown.
fn finish(open: OpenUnit) -> ReadUnit {
    let mut unit = open.unit;
    let mut markdown = |tokens: &[Token]| match inline::markdown(tokens, &open.data) {
        Ok(text) => text,
        Err(unknown) => {
            unit.problems.push(format!(
                "inline code {} has no original data to put back",
                unknown.join(", ")
            ));
            String::new()
        }
    };
    let source = markdown(&open.source);
    let target = if open.translated > 0 {
        markdown(&open.target)
    } else {
        String::new()
    };
    unit.source = source;
    unit.target = target;
    unit.has_target = open.translated > 0 && open.untranslated == 0;
    if open.translated > 0 && open.untranslated > 0 {
        unit.problems
            .push("only some of the unit's segments have a target".to_string());
    }
    unit
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
            source_line: None,
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
                    freshness: None,
                    counts: Default::default(),
                    segments,
                }],
            }],
        }
    }

    #[test]
    fn escapes_text_codes_markup_and_keeps_control_characters_as_code_points() {
        let tricky = "Use <b>&amp;</b> \"quoted\" 'single' a]]>b\u{1}\u{FFFE}\ttab\r\nCRLF";
        let a = alignment(
            "a&\"b<.md",
            "de-DE",
            vec![segment("104", tricky, "Ä <x> & \u{7}", Status::Ok)],
        );
        let xml = to_xliff(&a, "de-DE");
        assert!(xml.contains("original=\"a&amp;&quot;b&lt;.md\""), "{xml}");
        assert!(
            xml.contains("<source>Use <ph id=\"1\" dataRef=\"d1\" disp=\"&lt;b&gt;\"/>&amp;amp;<ph id=\"2\" dataRef=\"d2\" disp=\"&lt;/b&gt;\"/> \"quoted\" 'single' a]]&gt;b<cp hex=\"0001\"/><cp hex=\"FFFE\"/>\ttab<ph id=\"3\" dataRef=\"d3\" type=\"fmt\" subType=\"xlf:lb\"/>CRLF</source>"),
            "{xml}"
        );
        assert!(xml.contains("<data id=\"d1\">&lt;b&gt;</data>"), "{xml}");
        assert!(!xml.contains(['\u{1}', '\u{7}', '\u{FFFE}']));
        let units = from_xliff(&xml).unwrap();
        assert_eq!(units[0].file, "a&\"b<.md");
        assert_eq!(units[0].source, tricky);
        assert_eq!(units[0].target, "Ä <x> & \u{7}");
        assert!(units[0].problems.is_empty());
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
        assert!(xml.contains("<target>سجّل الدخول إلى <pc id=\"1\" dataRefStart=\"d1\" dataRefEnd=\"d1\" type=\"fmt\" subType=\"xlf:b\">المدخل</pc>.</target>"), "{xml}");
        let units = from_xliff(&xml).unwrap();
        assert_eq!(units[0].target, "سجّل الدخول إلى **المدخل**.");
        assert_eq!(units[1].target, "設定を開きます。");
    }

    #[test]
    fn reads_what_cat_tools_write_back() {
        // Start and end codes instead of a paired one, an annotation, a split unit with an
        // ignorable, extra notes and an unknown module: all read past or mapped back.
        let xml = r#"<?xml version="1.0"?>
<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" xmlns:mda="urn:oasis:names:tc:xliff:metadata:2.0" xmlns:x="urn:example" version="2.1" srcLang="en-US" trgLang="nl-NL">
  <file id="f1" original="a.md">
    <mda:metadata><mda:metaGroup category="diglot"><mda:meta type="format">sxs</mda:meta><mda:meta type="sha256">abc</mda:meta></mda:metaGroup></mda:metadata>
    <notes><note>file note</note></notes>
    <unit id="u104">
      <x:thing/>
      <notes><note category="comment">reviewed by Anna</note><note category="diglot-status">ok</note></notes>
      <originalData><data id="d1">**</data><data id="d2">`a<cp hex="0001"/>`</data></originalData>
      <segment id="s1" state="final"><source>Save <pc id="1" dataRefStart="d1" dataRefEnd="d1">it</pc>.</source><target>Sla <sc id="1" dataRef="d1"/><mrk id="m1" type="term">het</mrk><ec startRef="1" dataRef="d1"/> op.</target></segment>
      <ignorable><source> </source></ignorable>
      <segment id="s2" state="final"><source>Run <ph id="2" dataRef="d2"/>.</source><target>Voer <ph id="2" dataRef="d2"/> uit.</target></segment>
    </unit>
    <unit id="u105">
      <segment><source>One.</source><target>Een <ph id="9"/>.</target></segment>
    </unit>
    <unit id="u106">
      <segment><source>One.</source><target>Een.</target></segment>
      <segment><source>Two.</source></segment>
    </unit>
  </file>
</xliff>"#;
        let document = read(xml).unwrap();
        assert_eq!(
            (
                document.source_language.as_str(),
                document.target_language.as_str()
            ),
            ("en-US", "nl-NL")
        );
        let file = &document.files[0];
        assert_eq!(
            (file.format.as_deref(), file.sha256.as_deref()),
            (Some("sxs"), Some("abc"))
        );
        let unit = &file.units[0];
        assert_eq!(unit.source, "Save **it**. Run `a\u{1}`.");
        assert_eq!(unit.target, "Sla **het** op. Voer `a\u{1}` uit.");
        assert_eq!(
            (unit.state.as_str(), unit.status.as_deref(), unit.has_target),
            ("final", Some("ok"), true)
        );
        assert!(unit.problems.is_empty(), "{:?}", unit.problems);
        assert_eq!(
            file.units[1].problems,
            ["inline code 9 has no original data to put back"]
        );
        assert!(!file.units[2].has_target);
        assert_eq!(
            file.units[2].problems,
            ["only some of the unit's segments have a target"]
        );
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
        crate::parse::sxs::segment_text(&format!("{prefix}-{id}"), target, source)
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
        let article = align_article(
            &crate::book::Article::new("a.md", vec![ja.clone(), nl.clone()], None),
            &[],
        );
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
