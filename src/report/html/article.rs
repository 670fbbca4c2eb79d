//! The report page of one article: the English and every locale side by side, one row per
//! segment in natural id order (`102` before `110`, `b2` before `b10`).
//!
//! sxs segments share their ids across locales and make the rows. A plain translation has no
//! ids of its own in common with them: each of its blocks goes beside the rows whose English
//! its English block holds (a cell spanning them), found in document order; a block whose
//! English no row carries (or that has no English) gets a row of its own where it falls. Rows a
//! spanning cell ties together form one group, which the filters show or hide whole.
//!
//! Each cell carries its status, file line, check findings and, for a plain block, the
//! alignment's confidence; a drifted segment shows the English it was made from against the
//! article's.

use std::collections::{BTreeSet, HashMap};

use serde::Serialize;

use super::diff::{self, Part};
use super::findings::{FileFindings, Finding, Findings};
use super::{LOW_CONFIDENCE, format_name, verdict_name};
use crate::align::{AlignedSegment, ArticleAlignment, LocaleAlignment, Status, text};
use crate::locale;
use crate::markdown::plain_text;
use crate::parse::Format;

/// How many rows past the last placed block a plain block's English is looked for.
const LOOKAHEAD: usize = 24;

/// What the article template shows below the page frame.
#[derive(Serialize)]
pub struct ArticleBody {
    pub english_from: Option<String>,
    pub mixed_commits: bool,
    pub statuses: Vec<&'static str>,
    /// The finding codes on this page, for the filter.
    pub codes: Vec<&'static str>,
    pub locales: Vec<LocaleHead>,
    pub groups: Vec<Group>,
    /// Findings in the article's English source file.
    pub english_findings: Vec<Finding>,
}

/// The column of one locale.
#[derive(Serialize)]
pub struct LocaleHead {
    pub tag: String,
    pub format: &'static str,
    pub verdict: &'static str,
    pub freshness: Option<String>,
    /// A plain file aligned with English of another commit.
    pub other_commit: bool,
    pub findings: usize,
    /// Findings about the file as a whole, or before its first segment.
    pub unplaced: Vec<Finding>,
}

/// Rows that a plain cell spanning them ties together.
#[derive(Serialize)]
pub struct Group {
    pub rows: Vec<Row>,
}

#[derive(Serialize)]
pub struct Row {
    pub id: String,
    pub english: String,
    pub cells: Vec<Cell>,
}

/// One locale's cell of a row: a segment, a plain block (spanning `rowspan` rows), nothing, or
/// `covered` by the plain block of a row above.
#[derive(Serialize, Default, Clone)]
pub struct Cell {
    pub locale: String,
    pub dir: &'static str,
    pub covered: bool,
    pub rowspan: usize,
    /// A plain block's own id (`b4`).
    pub id: Option<String>,
    pub status: &'static str,
    pub text: String,
    pub line: usize,
    pub merged_into: Option<String>,
    pub source_line: Option<usize>,
    pub confidence: Option<String>,
    pub low_confidence: bool,
    /// For a drifted segment: the English it was made from against the row's English.
    pub was: Vec<Part>,
    pub findings: Vec<Finding>,
    /// The codes of `findings`, space-separated, for the filter.
    pub codes: String,
}

/// A row being built: its English compacted for containment tests (made only when a plain
/// translation is placed).
struct Draft {
    id: String,
    english: String,
    key: String,
    cells: Vec<Cell>,
}

/// Builds the page body of `article`.
pub fn body(article: &ArticleAlignment, findings: &Findings) -> ArticleBody {
    let files: Vec<Option<&FileFindings>> = article
        .locales
        .iter()
        .map(|l| findings.of_file(&l.file))
        .collect();
    let mut rows = sxs_rows(article, &files);
    let empty: Vec<Cell> = article.locales.iter().map(empty_cell).collect();
    let mut keyed = false;
    for (column, locale) in article.locales.iter().enumerate() {
        if locale.format == Format::Plain {
            if !keyed {
                rows.iter_mut().for_each(|row| row.key = key(&row.english));
                keyed = true;
            }
            place_plain(&mut rows, &empty, column, locale, files[column]);
        }
    }
    let mut codes = BTreeSet::new();
    let locales = article
        .locales
        .iter()
        .zip(&files)
        .map(|(l, found)| {
            let found_codes = found.map(FileFindings::codes).unwrap_or_default();
            codes.extend(found_codes.keys().map(|c| c.name()));
            LocaleHead {
                tag: l.locale.clone(),
                format: format_name(l.format),
                verdict: verdict_name(l.verdict),
                freshness: l.freshness.map(|f| format!("{f:.1}")),
                other_commit: l.english_sibling.as_ref().is_some_and(|s| !s.same_commit),
                findings: found_codes.values().sum(),
                unplaced: found.map(|f| f.unplaced.clone()).unwrap_or_default(),
            }
        })
        .collect();
    let english_findings = findings.of_english(&article.article).to_vec();
    codes.extend(english_findings.iter().map(|f| f.code.name()));
    ArticleBody {
        english_from: article.english_from.clone(),
        mixed_commits: article.mixed_commits,
        statuses: Status::ALL.iter().map(|s| s.as_str()).collect(),
        codes: codes.into_iter().collect(),
        locales,
        groups: groups(rows),
        english_findings,
    }
}

/// One row per sxs segment id, in natural order, with an empty cell for every plain locale.
fn sxs_rows(article: &ArticleAlignment, files: &[Option<&FileFindings>]) -> Vec<Draft> {
    let by_id: Vec<HashMap<&str, &AlignedSegment>> = article
        .locales
        .iter()
        .map(|l| match l.format {
            Format::Sxs => l.segments.iter().map(|s| (s.id.as_str(), s)).collect(),
            Format::Plain => HashMap::new(),
        })
        .collect();
    let mut ids: Vec<&str> = by_id.iter().flat_map(|m| m.keys().copied()).collect();
    ids.sort_by_key(|id| text::id_order(id));
    ids.dedup();
    let english_locale = article
        .locales
        .iter()
        .position(|l| Some(l.locale.as_str()) == article.english_from.as_deref());
    ids.into_iter()
        .map(|id| {
            let segments: Vec<Option<&AlignedSegment>> =
                by_id.iter().map(|m| m.get(id).copied()).collect();
            let english = row_english(&segments, english_locale);
            let cells = article
                .locales
                .iter()
                .zip(files)
                .zip(&segments)
                .map(|((l, found), segment)| match segment {
                    Some(s) => segment_cell(l, s, &english, *found),
                    None => empty_cell(l),
                })
                .collect();
            Draft {
                id: id.to_string(),
                key: String::new(),
                english,
                cells,
            }
        })
        .collect()
}

/// The English of a row whose segments per locale are `segments`: the article's English
/// locale's, else a locale's whose English is current (not drifted), else any locale's.
fn row_english(segments: &[Option<&AlignedSegment>], english_locale: Option<usize>) -> String {
    let present = || segments.iter().flatten();
    english_locale
        .and_then(|i| segments[i])
        .or_else(|| present().find(|s| s.status != Status::Drift).copied())
        .or_else(|| present().next().copied())
        .map(|s| s.source.clone())
        .unwrap_or_default()
}

/// Text compacted for containment tests: markup and white space aside.
fn key(markdown: &str) -> String {
    text::compact(&plain_text(markdown))
}

fn empty_cell(locale: &LocaleAlignment) -> Cell {
    Cell {
        locale: locale.locale.clone(),
        dir: locale::default_direction(&locale.locale).as_str(),
        rowspan: 1,
        ..Cell::default()
    }
}

/// The cell of a segment or block, with its findings.
fn segment_cell(
    locale: &LocaleAlignment,
    segment: &AlignedSegment,
    row_english: &str,
    found: Option<&FileFindings>,
) -> Cell {
    let findings = found
        .and_then(|f| f.by_id.get(&segment.id))
        .cloned()
        .unwrap_or_default();
    let codes: BTreeSet<&str> = findings.iter().map(|f| f.code.name()).collect();
    Cell {
        status: segment.status.as_str(),
        text: segment.target.clone(),
        line: segment.line,
        merged_into: segment.merged_into.clone(),
        source_line: segment.source_line,
        confidence: segment.confidence.map(|c| format!("{c:.2}")),
        low_confidence: segment.confidence.is_some_and(|c| c < LOW_CONFIDENCE),
        was: if segment.status == Status::Drift {
            diff::words(&segment.source, row_english)
        } else {
            Vec::new()
        },
        codes: codes.into_iter().collect::<Vec<_>>().join(" "),
        findings,
        ..empty_cell(locale)
    }
}

/// Puts each block of the plain `locale` (column `column`) beside the rows whose English its
/// English holds, or in a row of its own (whose other cells are `empty`).
fn place_plain(
    rows: &mut Vec<Draft>,
    empty: &[Cell],
    column: usize,
    locale: &LocaleAlignment,
    found: Option<&FileFindings>,
) {
    let mut cursor = 0;
    for block in &locale.segments {
        let english = key(&block.source);
        let free = |row: &Draft| row.cells[column].status.is_empty() && !row.cells[column].covered;
        let holds = |row: &Draft| !row.key.is_empty() && english.contains(row.key.as_str());
        let first = (cursor..rows.len().min(cursor + LOOKAHEAD))
            .find(|&r| !english.is_empty() && free(&rows[r]) && holds(&rows[r]));
        let mut cell = segment_cell(locale, block, "", found);
        cell.id = Some(block.id.clone());
        match first {
            Some(start) => {
                let end = (start + 1..rows.len())
                    .find(|&r| !(free(&rows[r]) && holds(&rows[r])))
                    .unwrap_or(rows.len());
                for row in &mut rows[start + 1..end] {
                    row.cells[column].covered = true;
                }
                cell.rowspan = end - start;
                rows[start].cells[column] = cell;
                cursor = end;
            }
            None => {
                let mut cells = empty.to_vec();
                cells[column] = cell;
                rows.insert(
                    cursor,
                    Draft {
                        id: block.id.clone(),
                        english: block.source.clone(),
                        key: english,
                        cells,
                    },
                );
                cursor += 1;
            }
        }
    }
}

/// Cuts the rows into groups: a row a cell above spans joins that cell's group.
fn groups(rows: Vec<Draft>) -> Vec<Group> {
    let mut groups: Vec<Group> = Vec::new();
    let mut open_until = 0;
    for (i, draft) in rows.into_iter().enumerate() {
        let row = Row {
            id: draft.id,
            english: draft.english,
            cells: draft.cells,
        };
        let spans_to = i + row.cells.iter().map(|c| c.rowspan).max().unwrap_or(1);
        match groups.last_mut() {
            Some(group) if i < open_until => group.rows.push(row),
            _ => groups.push(Group { rows: vec![row] }),
        }
        open_until = open_until.max(spans_to);
    }
    groups
}
