//! Alignment against the English source folder, the English the doc writers keep.
//!
//! Texts are compared as a reader reads them: markup and link targets aside, white space
//! removed. An sxs segment is current when its English occurs in the source article; a block of
//! the source (a heading, paragraph, list item, alert, table cell) is carried by a translation
//! when the English the translation was made from holds it. Freshness is the share of the
//! source's text, by characters, that a translation carries.

use super::blocks::{self, Block};
use super::{AlignedSegment, LocaleAlignment, Status, locale_alignment, text};
use crate::markdown::plain_text;
use crate::parse::{Document, View};

/// The English of record of one article, read once for all its locales.
pub struct Record<'a> {
    view: View<'a>,
    /// The whole article's text, compact.
    compact: String,
    /// Its text blocks, each with its compact text.
    blocks: Vec<(Block, String)>,
}

impl<'a> Record<'a> {
    pub fn new(view: View<'a>) -> Self {
        let blocks = blocks::blocks(view.text())
            .into_iter()
            .map(|block| {
                let compact = compact_text(&block.text);
                (block, compact)
            })
            .filter(|(_, compact)| !compact.is_empty())
            .collect();
        Record {
            compact: compact_text(&plain_text(view.text())),
            view,
            blocks,
        }
    }

    /// Whether the source article still holds `english` (a segment's English, as markdown).
    pub fn holds(&self, english: &str) -> bool {
        let wanted = compact_text(&plain_text(english));
        wanted.is_empty() || self.compact.contains(&wanted)
    }

    fn total(&self) -> usize {
        self.blocks.iter().map(|(_, c)| c.chars().count()).sum()
    }
}

/// Text without white space and without DocFX markers (`[!NOTE]`), for containment tests.
fn compact_text(text: &str) -> String {
    let compact = text::compact(text);
    if !compact.contains("[!") {
        return compact;
    }
    let mut out = String::with_capacity(compact.len());
    let mut rest = compact.as_str();
    while let Some(at) = rest.find("[!") {
        out.push_str(&rest[..at]);
        let marker = &rest[at..];
        match marker.find(']') {
            Some(end) if marker[2..end].chars().all(|c| c.is_ascii_alphabetic()) => {
                rest = &marker[end + 1..];
            }
            _ => {
                out.push_str("[!");
                rest = &marker[2..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// An sxs translation against the source: each segment current, drifted, untranslated or
/// empty, and the source's blocks its English does not hold, as `missing`.
pub fn align_sxs(document: &Document, record: &Record) -> LocaleAlignment {
    let mut segments: Vec<AlignedSegment> = document
        .segments
        .iter()
        .map(|segment| {
            let in_front_matter = segment.line < document.body_line;
            AlignedSegment::judged(segment, |source| {
                (!in_front_matter && !record.holds(source)).then_some(Status::Drift)
            })
        })
        .collect();
    segments.sort_by_key(|s| text::id_order(&s.id));
    let carried = compact_text(&plain_text(&document.english));
    let mut matched = 0;
    for (n, (block, compact)) in record.blocks.iter().enumerate() {
        if carried.contains(compact.as_str()) {
            matched += compact.chars().count();
            continue;
        }
        segments.push(AlignedSegment {
            id: format!("s{}", n + 1),
            source: block.text.clone(),
            target: String::new(),
            status: Status::Missing,
            line: 0,
            merged_into: None,
            source_line: Some(record.view.position(block.range.start).0),
            confidence: None,
        });
    }
    let freshness = share(matched, record.total());
    locale_alignment(document, segments, Some(freshness))
}

/// A plain translation against the source's blocks.
pub fn align_plain(document: &Document, record: &Record) -> LocaleAlignment {
    let segments = blocks::align(
        &document.translation,
        record.view.text(),
        document.body_line,
    );
    let matched: usize = segments
        .iter()
        .filter(|s| matches!(s.status, Status::Ok | Status::Untranslated))
        .map(|s| compact_text(&s.source).chars().count())
        .sum();
    let freshness = share(matched, record.total());
    locale_alignment(document, segments, Some(freshness))
}

/// `part` of `whole` in percent, one decimal; 100 for an empty whole.
fn share(part: usize, whole: usize) -> f64 {
    if whole == 0 {
        return 100.0;
    }
    let percent = part.min(whole) as f64 * 100.0 / whole as f64;
    (percent * 10.0).round() / 10.0
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parse::{Half, parse_document};
    use std::path::Path;

    fn pair(id: &str, target: &str, source: &str) -> String {
        crate::parse::sxs::segment_text(&format!("a-{id}"), target, source)
    }

    fn document(locale: &str, body: &str) -> Document {
        parse_document(
            locale,
            "a.md",
            Path::new("a.md"),
            &format!("---\ntitle: t\n---\n{body}\n"),
        )
        .0
    }

    const SOURCE: &str = "# Set up the device\n\nSign in to the [portal](https://portal.test/).\n\n> [!NOTE]\n> Keep the **device** charged.\n\nA new paragraph nobody translated.\n";

    #[test]
    fn segments_whose_english_left_the_source_drift() {
        let source = document("en-US", SOURCE);
        let record = Record::new(View::new(&source, Half::Target));
        let de = document(
            "de-DE",
            &format!(
                "# {}\n\n{} [{}](https://portal.test/de).\n\n> [!NOTE]\n> {}\n",
                pair("1", "Gerät einrichten", "Set up the device"),
                pair("2", "Anmelden beim", "Sign in to the"),
                pair("3", "Portal", "portal"),
                pair(
                    "4",
                    "Das Gerät laden.",
                    "Keep the device *charged*, always."
                ),
            ),
        );
        let aligned = align_sxs(&de, &record);
        let statuses: Vec<(&str, Status)> = aligned
            .segments
            .iter()
            .map(|s| (s.id.as_str(), s.status))
            .collect();
        assert_eq!(
            statuses,
            [
                ("1", Status::Ok),
                ("2", Status::Ok),
                ("3", Status::Ok),
                ("4", Status::Drift),
                ("s3", Status::Missing),
                ("s4", Status::Missing),
            ]
        );
        let missing = &aligned.segments[5];
        assert_eq!(missing.source, "A new paragraph nobody translated.");
        assert_eq!(missing.source_line, Some(11));
        let freshness = aligned.freshness.unwrap();
        assert!(freshness > 30.0 && freshness < 70.0, "{freshness}");
    }

    #[test]
    fn a_complete_translation_is_fresh() {
        let source = document("en-US", "# Title\n\nOne sentence.\n");
        let record = Record::new(View::new(&source, Half::Target));
        let de = document(
            "de-DE",
            &format!(
                "# {}\n\n{}\n",
                pair("1", "Titel", "Title"),
                pair("2", "Ein Satz.", "One sentence.")
            ),
        );
        assert_eq!(align_sxs(&de, &record).freshness, Some(100.0));
    }

    #[test]
    fn markers_and_white_space_do_not_count() {
        assert_eq!(compact_text("[!NOTE] Keep  it [!x"), "Keepit[!x");
    }
}
