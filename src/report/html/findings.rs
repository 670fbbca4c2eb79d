//! Check findings placed on the rows of the alignment report. A finding in a translation's file
//! belongs to the segment (sxs) or block (plain) it lies in, found by its line and column: the
//! last segment that starts at or before it, or the first segment of its line when it comes
//! before that one (a finding about a list item names the item's start). A finding before the
//! first segment, or about the whole file, belongs to the file; one in a file no translation of
//! the report is (an English source file) belongs to its article's English.
//!
//! Findings that restate a segment's status (`missing-segment`, `source-drift`,
//! `untranslated`) and info notes are left out: the report shows the status itself.

use std::collections::{BTreeMap, HashMap};

use serde::Serialize;

use crate::align::{Alignment, LocaleAlignment, blocks};
use crate::book::Book;
use crate::code::Code;
use crate::diagnostic::{Diagnostic, Severity};
use crate::parse::{Document, Format, Half};

/// Codes whose findings the report shows as segment statuses already.
const SHOWN_AS_STATUS: [Code; 3] = [Code::MissingSegment, Code::SourceDrift, Code::Untranslated];

/// One finding, as a report row shows it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Finding {
    pub code: Code,
    pub severity: Severity,
    pub line: usize,
    pub column: usize,
    pub message: String,
}

/// The findings of one translation file.
#[derive(Debug, Default)]
pub struct FileFindings {
    /// By segment or block id.
    pub by_id: HashMap<String, Vec<Finding>>,
    /// About the file, or before its first segment.
    pub unplaced: Vec<Finding>,
}

impl FileFindings {
    /// How many findings of each code the file has.
    pub fn codes(&self) -> BTreeMap<Code, usize> {
        let mut codes = BTreeMap::new();
        for finding in self.by_id.values().flatten().chain(&self.unplaced) {
            *codes.entry(finding.code).or_default() += 1;
        }
        codes
    }
}

/// Every finding of a report, placed.
#[derive(Debug, Default)]
pub struct Findings {
    /// By file, as diagnostics and the alignment name it.
    files: HashMap<String, FileFindings>,
    /// By article: findings in files that are not one of its translations.
    english: HashMap<String, Vec<Finding>>,
}

impl Findings {
    /// Places `diagnostics` (what `diglot check` found in `book`) on the rows of `alignment`.
    pub fn place(book: &Book, alignment: &Alignment, diagnostics: &[Diagnostic]) -> Findings {
        let translations: HashMap<&str, (&str, &LocaleAlignment)> = alignment
            .articles
            .iter()
            .flat_map(|a| {
                a.locales
                    .iter()
                    .map(|l| (l.file.as_str(), (a.article.as_str(), l)))
            })
            .collect();
        let mut by_file: BTreeMap<String, Vec<&Diagnostic>> = BTreeMap::new();
        let mut findings = Findings::default();
        for diagnostic in diagnostics.iter().filter(|d| shown(d)) {
            let file = diagnostic.file.display().to_string();
            if translations.contains_key(file.as_str()) {
                by_file.entry(file).or_default().push(diagnostic);
            } else if let Some(article) = &diagnostic.article {
                findings
                    .english
                    .entry(article.clone())
                    .or_default()
                    .push(finding(diagnostic));
            }
        }
        for (file, diagnostics) in by_file {
            let (article, locale) = translations[file.as_str()];
            let document = book
                .article(article)
                .and_then(|a| a.document(&locale.locale));
            let anchors = document.map_or_else(Vec::new, |d| anchors(d, locale));
            let mut placed = FileFindings::default();
            for diagnostic in diagnostics {
                match place_at(&anchors, diagnostic.line, diagnostic.column) {
                    Some(id) => placed
                        .by_id
                        .entry(id.to_string())
                        .or_default()
                        .push(finding(diagnostic)),
                    None => placed.unplaced.push(finding(diagnostic)),
                }
            }
            findings.files.insert(file, placed);
        }
        findings
    }

    /// The findings of the translation file `file`.
    pub fn of_file(&self, file: &str) -> Option<&FileFindings> {
        self.files.get(file)
    }

    /// The findings of article `article` outside its translations: in its English source.
    pub fn of_english(&self, article: &str) -> &[Finding] {
        self.english.get(article).map_or(&[], Vec::as_slice)
    }
}

/// Whether the report shows a finding: an error or warning that is not a status in disguise.
fn shown(diagnostic: &Diagnostic) -> bool {
    diagnostic.severity != Severity::Info && !SHOWN_AS_STATUS.contains(&diagnostic.code)
}

fn finding(diagnostic: &Diagnostic) -> Finding {
    Finding {
        code: diagnostic.code,
        severity: diagnostic.severity,
        line: diagnostic.line,
        column: diagnostic.column,
        message: diagnostic.message.clone(),
    }
}

/// Where each segment or block of a translation starts, with its id, sorted by position.
fn anchors<'a>(
    document: &'a Document,
    locale: &'a LocaleAlignment,
) -> Vec<(usize, usize, &'a str)> {
    let mut anchors: Vec<(usize, usize, &str)> = match document.format {
        Format::Sxs => document
            .segments
            .iter()
            .map(|s| (s.line, s.column, s.id.suffix.as_str()))
            .collect(),
        Format::Plain => {
            // The block alignment's ids number the translation's blocks: `b4` is the fourth,
            // `b4-5` the fourth and fifth.
            let mut owner: Vec<Option<&str>> = Vec::new();
            for segment in &locale.segments {
                if let Some(range) = block_range(&segment.id) {
                    if owner.len() < range.end {
                        owner.resize(range.end, None);
                    }
                    owner[range].fill(Some(segment.id.as_str()));
                }
            }
            blocks::blocks(&document.translation)
                .iter()
                .zip(owner)
                .filter_map(|(block, id)| {
                    let (line, column) = document.position(Half::Target, block.range.start);
                    Some((line, column, id?))
                })
                .collect()
        }
    };
    anchors.sort_unstable();
    anchors
}

/// The translation blocks (0-based) a plain pair's id names: `b4` is 3..4, `b4-5` 3..5; none
/// for an English block with no translation (`b4.1`).
fn block_range(id: &str) -> Option<std::ops::Range<usize>> {
    let numbers = id.strip_prefix('b')?;
    let (first, last) = numbers.split_once('-').unwrap_or((numbers, numbers));
    let first: usize = first.parse().ok()?;
    let last: usize = last.parse().ok()?;
    (first >= 1 && last >= first).then(|| first - 1..last)
}

/// The id of the anchor a finding at `line`:`column` belongs to.
fn place_at<'a>(
    anchors: &[(usize, usize, &'a str)],
    line: usize,
    column: usize,
) -> Option<&'a str> {
    if line == 0 {
        return None;
    }
    let after = anchors.partition_point(|&(l, c, _)| (l, c) <= (line, column));
    let before = after.checked_sub(1).map(|i| anchors[i]);
    match (before, anchors.get(after)) {
        (Some((l, _, id)), _) if l == line => Some(id),
        (_, Some(&(l, _, id))) if l == line => Some(id),
        (Some((_, _, id)), _) => Some(id),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const ANCHORS: [(usize, usize, &str); 4] =
        [(5, 3, "101"), (7, 1, "102"), (7, 40, "103"), (9, 4, "104")];

    #[test]
    fn a_finding_belongs_to_the_segment_it_lies_in() {
        assert_eq!(place_at(&ANCHORS, 7, 45), Some("103"));
        assert_eq!(place_at(&ANCHORS, 7, 39), Some("102"));
        assert_eq!(place_at(&ANCHORS, 8, 1), Some("103"));
        assert_eq!(place_at(&ANCHORS, 12, 1), Some("104"));
    }

    #[test]
    fn a_finding_at_the_start_of_a_line_belongs_to_that_line() {
        // A list item's finding names column 1; its segment starts after `1. `.
        assert_eq!(place_at(&ANCHORS, 9, 1), Some("104"));
        assert_eq!(place_at(&ANCHORS, 5, 1), Some("101"));
    }

    #[test]
    fn findings_before_the_first_segment_or_about_the_file_are_unplaced() {
        assert_eq!(place_at(&ANCHORS, 3, 1), None);
        assert_eq!(place_at(&ANCHORS, 0, 0), None);
        assert_eq!(place_at(&[], 4, 1), None);
    }

    #[test]
    fn plain_ids_name_translation_blocks() {
        assert_eq!(block_range("b4"), Some(3..4));
        assert_eq!(block_range("b4-5"), Some(3..5));
        assert_eq!(block_range("b4.1"), None);
        assert_eq!(block_range("b0.1"), None);
        assert_eq!(block_range("104"), None);
    }
}
