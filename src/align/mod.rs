//! Alignment: every translated segment against its English of record, and every locale of an
//! article against the others. Computed once per build ([`align`]) and read by the site, the
//! checks and the reports.
//!
//! With an English source folder, the English of record is the source's file: an sxs segment
//! whose English no longer occurs in it (text compared, markup and link targets aside) is
//! `drift`; source text that no segment of a locale carries is `missing` (what to translate
//! next); plain translations are aligned with the source's blocks; and each locale gets a
//! freshness figure, the share of the source's English it still matches.
//!
//! Without one, the English is reconstructed from the sxs files (the English half handed off
//! last, [`Article::english`]). Segments are matched across locales by the suffix of their id
//! (`104`, `p101`), and a locale whose English differs is `drift` rather than silently
//! overruled. Missing and extra segments are then judged only against locales translated from
//! the same `ms.sourcegitcommit`; a locale that merged numbered segments into one paragraph
//! segment (`p101`) has them `merged`, not `missing`.

pub mod blocks;
mod source;
pub(crate) mod text;

use std::cell::OnceCell;
use std::collections::{BTreeMap, HashMap};

use serde::Serialize;

use crate::book::{Article, Book};
use crate::parse::{Document, Format, Segment, View};

pub use text::{is_english_prose, is_respaced_english, normalize, prose_words};

/// The version of the alignment model, written into every JSON report.
pub const VERSION: u32 = 2;

/// What became of one source segment in one locale.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    /// Translated.
    Ok,
    /// The translation is the English itself (and not just a name, code, URL or number).
    Untranslated,
    /// The English of other locales from the same source commit has it; this locale does not.
    Missing,
    /// Carried by a merged paragraph segment (`pNNN`) of this locale.
    Merged,
    /// This locale has it; no other locale from the same source commit does.
    Extra,
    /// This locale's English for it differs from the article's English (with a source folder:
    /// no longer occurs in the source article): stale or re-segmented.
    Drift,
    /// The translation or its English is empty.
    Empty,
}

impl Status {
    pub const ALL: [Status; 7] = [
        Status::Ok,
        Status::Untranslated,
        Status::Missing,
        Status::Merged,
        Status::Extra,
        Status::Drift,
        Status::Empty,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Status::Ok => "ok",
            Status::Untranslated => "untranslated",
            Status::Missing => "missing",
            Status::Merged => "merged",
            Status::Extra => "extra",
            Status::Drift => "drift",
            Status::Empty => "empty",
        }
    }
}

/// One segment of one locale, with its English.
#[derive(Debug, Clone, Serialize)]
pub struct AlignedSegment {
    /// The id suffix shared by every locale: `104`, `p101`.
    pub id: String,
    pub source: String,
    pub target: String,
    pub status: Status,
    /// 1-based line in the file; 0 for a segment the file lacks.
    pub line: usize,
    /// For `merged`: the id of the paragraph segment that carries it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub merged_into: Option<String>,
    /// For source text no segment carries: its line in the English source file.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub source_line: Option<usize>,
    /// For a plain file's block: how sure the block alignment is of this pair, from 0 to 1.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub confidence: Option<f64>,
}

impl AlignedSegment {
    /// A segment of the file with its status: `empty` when either half is, else what `judge`
    /// says of its English (drift, extra...), else `untranslated` or `ok`.
    fn judged(segment: &Segment, judge: impl FnOnce(&str) -> Option<Status>) -> AlignedSegment {
        let source = segment.source.clone().unwrap_or_default();
        let status = if segment.target.trim().is_empty() || source.trim().is_empty() {
            Status::Empty
        } else if let Some(status) = judge(&source) {
            status
        } else if text::is_untranslated(&segment.target, &source) {
            Status::Untranslated
        } else {
            Status::Ok
        };
        AlignedSegment {
            id: segment.id.suffix.clone(),
            source,
            target: segment.target.clone(),
            status,
            line: segment.line,
            merged_into: None,
            source_line: None,
            confidence: None,
        }
    }
}

/// The overall judgement of one locale of one article.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Verdict {
    /// Every segment translated.
    Complete,
    /// Untranslated, extra, drifted or empty segments to look at.
    NeedsReview,
    /// Segments missing.
    Incomplete,
    /// A plain file: aligned block by block with an sxs sibling's English, when there is one.
    Plain,
}

/// One locale of one article.
#[derive(Debug, Clone, Serialize)]
pub struct LocaleAlignment {
    pub locale: String,
    /// The file, as diagnostics name it.
    pub file: String,
    pub format: Format,
    pub source_commit: Option<String>,
    pub translation_type: Option<String>,
    pub verdict: Verdict,
    /// For a plain file: the sxs file whose English its blocks were aligned with.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub english_sibling: Option<Sibling>,
    /// With an English source folder: the share (0 to 100) of the source's English that this
    /// translation still matches.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub freshness: Option<f64>,
    pub counts: BTreeMap<Status, usize>,
    pub segments: Vec<AlignedSegment>,
}

impl LocaleAlignment {
    /// How many segments have `status`.
    pub fn count(&self, status: Status) -> usize {
        self.counts.get(&status).copied().unwrap_or_default()
    }
}

/// The sxs sibling a plain file is aligned with, and whether both come from one source commit.
#[derive(Debug, Clone, Serialize)]
pub struct Sibling {
    pub locale: String,
    pub source_commit: Option<String>,
    /// False when the sibling was translated from another English commit: expect differences.
    pub same_commit: bool,
}

/// One article across its locales.
#[derive(Debug, Clone, Serialize)]
pub struct ArticleAlignment {
    /// The path under the locale folder.
    pub article: String,
    /// The locale whose English is taken as the article's source: the source locale when it
    /// has a folder, else the sxs locale handed off last; none when no locale carries English.
    pub english_from: Option<String>,
    /// True when locales were translated from different source commits.
    pub mixed_commits: bool,
    pub locales: Vec<LocaleAlignment>,
}

/// The alignment of a whole book.
#[derive(Debug, Clone, Serialize)]
pub struct Alignment {
    pub version: u32,
    pub source_locale: String,
    pub articles: Vec<ArticleAlignment>,
}

impl Alignment {
    /// The alignment of article `path`.
    pub fn article(&self, path: &str) -> Option<&ArticleAlignment> {
        self.articles
            .binary_search_by(|a| a.article.as_str().cmp(path))
            .ok()
            .map(|i| &self.articles[i])
    }

    /// The alignment of `locale`'s translation of article `path`.
    pub fn locale(&self, path: &str, locale: &str) -> Option<&LocaleAlignment> {
        self.article(path)?
            .locales
            .iter()
            .find(|l| l.locale == locale)
    }
}

/// Aligns every article of the book, optionally only for some locales.
pub fn align(book: &Book, only: &[String]) -> Alignment {
    use rayon::prelude::*;
    let articles = book
        .articles
        .par_iter()
        .map(|article| align_article(article, only))
        .filter(|a| !a.locales.is_empty())
        .collect();
    Alignment {
        version: VERSION,
        source_locale: book.config.source_locale.clone(),
        articles,
    }
}

/// The English and the line of each segment of a document, by id suffix.
struct Segments<'a> {
    document: &'a Document,
    by_id: HashMap<&'a str, &'a Segment>,
    /// The English view and each segment's English without white space, made when first asked:
    /// the containment tests of the absent and extra checks read them many times.
    compact_view: OnceCell<String>,
    compact_sources: OnceCell<Vec<String>>,
}

impl<'a> Segments<'a> {
    fn new(document: &'a Document) -> Self {
        let by_id = document
            .segments
            .iter()
            .map(|s| (s.id.suffix.as_str(), s))
            .collect();
        Segments {
            document,
            by_id,
            compact_view: OnceCell::new(),
            compact_sources: OnceCell::new(),
        }
    }

    fn english(&self, id: &str) -> Option<&'a str> {
        self.by_id.get(id).and_then(|s| s.source.as_deref())
    }

    fn commit(&self) -> Option<&'a str> {
        self.document.front.source_commit.as_deref()
    }

    fn compact_view(&self) -> &str {
        self.compact_view
            .get_or_init(|| text::compact(&self.document.english))
    }

    fn compact_sources(&self) -> &[String] {
        self.compact_sources.get_or_init(|| {
            self.document
                .segments
                .iter()
                .map(|s| text::compact(s.source.as_deref().unwrap_or_default()))
                .filter(|s| !s.is_empty())
                .collect()
        })
    }
}

/// Aligns one article: each of its locales (restricted to `only` when not empty).
pub fn align_article(article: &Article, only: &[String]) -> ArticleAlignment {
    let english = article.english();
    let wanted =
        |d: &&Document| only.is_empty() || only.iter().any(|o| o.eq_ignore_ascii_case(&d.locale));
    let all: Vec<Segments> = article
        .documents
        .iter()
        .filter(|d| d.format == Format::Sxs)
        .map(Segments::new)
        .collect();
    let commits: std::collections::BTreeSet<_> = all.iter().map(Segments::commit).collect();
    let locales = match (english, &article.source) {
        (Some(source), Some(_)) => {
            let record = source::Record::new(source);
            article
                .documents
                .iter()
                .filter(wanted)
                .map(|document| match document.format {
                    Format::Sxs => source::align_sxs(document, &record),
                    Format::Plain => source::align_plain(document, &record),
                })
                .collect()
        }
        _ => {
            let reference =
                english.and_then(|e| all.iter().find(|s| std::ptr::eq(s.document, e.document)));
            article
                .documents
                .iter()
                .filter(wanted)
                .map(
                    |document| match all.iter().find(|s| std::ptr::eq(s.document, document)) {
                        Some(this) => align_sxs(this, &all, reference),
                        None => plain(document, english),
                    },
                )
                .collect()
        }
    };
    ArticleAlignment {
        article: article.path.clone(),
        english_from: english.map(|e| e.document.locale.clone()),
        mixed_commits: commits.len() > 1,
        locales,
    }
}

fn align_sxs(this: &Segments, all: &[Segments], reference: Option<&Segments>) -> LocaleAlignment {
    let peers: Vec<&Segments> = all
        .iter()
        .filter(|s| !std::ptr::eq(s.document, this.document) && s.commit() == this.commit())
        .collect();
    let mut segments: Vec<AlignedSegment> = this
        .document
        .segments
        .iter()
        .map(|segment| {
            let id = segment.id.suffix.as_str();
            let reference_english = reference
                .filter(|r| !std::ptr::eq(r.document, this.document))
                .and_then(|r| r.english(id));
            AlignedSegment::judged(segment, |source| {
                if !peers.is_empty()
                    && peers.iter().all(|p| !p.by_id.contains_key(id))
                    && !text::segmented_differently(source, &peers)
                {
                    Some(Status::Extra)
                } else if reference_english.is_some_and(|e| !text::same_english(e, source)) {
                    Some(Status::Drift)
                } else {
                    None
                }
            })
        })
        .collect();
    segments.extend(absent_segments(this, &peers));
    segments.sort_by_key(|s| text::id_order(&s.id));
    locale_alignment(this.document, segments, None)
}

/// The alignment of `document` from its segments: counts and the verdict.
fn locale_alignment(
    document: &Document,
    segments: Vec<AlignedSegment>,
    freshness: Option<f64>,
) -> LocaleAlignment {
    let counts = count(&segments);
    let verdict = if document.format == Format::Plain {
        Verdict::Plain
    } else if counts[&Status::Missing] > 0 {
        Verdict::Incomplete
    } else if [
        Status::Untranslated,
        Status::Extra,
        Status::Drift,
        Status::Empty,
    ]
    .iter()
    .any(|s| counts[s] > 0)
    {
        Verdict::NeedsReview
    } else {
        Verdict::Complete
    };
    LocaleAlignment {
        locale: document.locale.clone(),
        file: document.file.display().to_string(),
        format: document.format,
        source_commit: document.front.source_commit.clone(),
        translation_type: document.front.translation_type.clone(),
        verdict,
        english_sibling: None,
        freshness,
        counts,
        segments,
    }
}

/// Segments the peers (same source commit) have and this locale lacks: `merged` when one of
/// this locale's paragraph segments carries their English, `missing` otherwise.
fn absent_segments(this: &Segments, peers: &[&Segments]) -> Vec<AlignedSegment> {
    let paragraphs: Vec<(&str, String)> = this
        .document
        .segments
        .iter()
        .filter(|s| s.id.is_merged_paragraph())
        .map(|s| {
            (
                s.id.suffix.as_str(),
                text::compact(s.source.as_deref().unwrap_or_default()),
            )
        })
        .collect();
    let mut absent: BTreeMap<&str, &str> = BTreeMap::new();
    for peer in peers {
        for (id, segment) in &peer.by_id {
            if !this.by_id.contains_key(id) {
                absent
                    .entry(id)
                    .or_insert(segment.source.as_deref().unwrap_or_default());
            }
        }
    }
    absent
        .into_iter()
        .filter_map(|(id, english)| {
            let wanted = text::compact(english);
            let carrier = paragraphs
                .iter()
                .find(|(_, p)| !wanted.is_empty() && p.contains(&wanted))
                .map(|(pid, _)| pid.to_string());
            // Text this locale carries in segments cut otherwise, or leaves unsegmented, is
            // not lost: it is not listed (it has no id of its own here).
            if carrier.is_none() && text::carried_elsewhere(english, this) {
                return None;
            }
            Some(AlignedSegment {
                id: id.to_string(),
                source: english.to_string(),
                target: String::new(),
                status: if carrier.is_some() {
                    Status::Merged
                } else {
                    Status::Missing
                },
                line: 0,
                merged_into: carrier,
                source_line: None,
                confidence: None,
            })
        })
        .collect()
}

/// A plain file, aligned block by block with the English of its sxs sibling when there is one.
fn plain(document: &Document, sibling: Option<View>) -> LocaleAlignment {
    let segments = sibling.map_or_else(Vec::new, |s| {
        blocks::align(&document.translation, s.text(), document.body_line)
    });
    let mut alignment = locale_alignment(document, segments, None);
    alignment.english_sibling = sibling.map(|s| Sibling {
        locale: s.document.locale.clone(),
        source_commit: s.document.front.source_commit.clone(),
        same_commit: s.document.front.source_commit == document.front.source_commit,
    });
    alignment
}

fn count(segments: &[AlignedSegment]) -> BTreeMap<Status, usize> {
    let mut counts: BTreeMap<Status, usize> = Status::ALL.iter().map(|s| (*s, 0)).collect();
    for s in segments {
        *counts.entry(s.status).or_default() += 1;
    }
    counts
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parse::parse_document;
    use std::path::Path;

    fn pair(prefix: &str, id: &str, target: &str, source: &str) -> String {
        crate::parse::sxs::segment_text(&format!("{prefix}-{id}"), target, source)
    }

    fn document(locale: &str, commit: &str, handoff: &str, body: &str) -> Document {
        let text = format!(
            "---\ntitle: t\nms.sourcegitcommit: {commit}\nms.lasthandoff: {handoff}\n---\n{body}\n"
        );
        parse_document(locale, "a.md", Path::new(&format!("{locale}/a.md")), &text).0
    }

    fn article(documents: &[&Document]) -> Article {
        Article::new(
            "a.md",
            documents.iter().map(|d| (*d).clone()).collect(),
            None,
        )
    }

    fn statuses(
        alignment: &ArticleAlignment,
        locale: &str,
    ) -> Vec<(String, Status, Option<String>)> {
        alignment
            .locales
            .iter()
            .find(|l| l.locale == locale)
            .unwrap()
            .segments
            .iter()
            .map(|s| (s.id.clone(), s.status, s.merged_into.clone()))
            .collect()
    }

    const ONE: &str = "Sign in to the portal.";
    const TWO: &str = "Open the settings page.";
    const THREE: &str = "Select the device.";

    #[test]
    fn merged_paragraphs_are_merged_not_missing() {
        let nl = document(
            "nl-NL",
            "c1",
            "01/01/2021",
            &format!(
                "{} {} {}",
                pair("a", "104", "Meld aan.", ONE),
                pair("a", "105", "Open.", TWO),
                pair("a", "106", "Kies.", THREE)
            ),
        );
        let de = document(
            "de-DE",
            "c1",
            "01/01/2021",
            &format!(
                "{} {}",
                pair("b", "104", "Anmelden.", ONE),
                pair("b", "p101", "Öffnen. Wählen.", &format!("{TWO} {THREE}"))
            ),
        );
        let a = align_article(&article(&[&de, &nl]), &[]);
        assert_eq!(
            statuses(&a, "de-DE"),
            [
                ("p101".into(), Status::Ok, None),
                ("104".into(), Status::Ok, None),
                ("105".into(), Status::Merged, Some("p101".into())),
                ("106".into(), Status::Merged, Some("p101".into())),
            ]
        );
        assert!(
            statuses(&a, "nl-NL").iter().all(|s| s.1 == Status::Ok),
            "{:?}",
            statuses(&a, "nl-NL")
        );
        assert_eq!(a.locales[0].verdict, Verdict::Complete);
    }

    #[test]
    fn a_true_gap_is_missing() {
        let nl = document(
            "nl-NL",
            "c1",
            "01/01/2021",
            &format!(
                "{} {}",
                pair("a", "104", "Meld aan.", ONE),
                pair("a", "105", "Open.", TWO)
            ),
        );
        let nb = document(
            "nb-NO",
            "c1",
            "01/01/2021",
            &pair("b", "104", "Logg på.", ONE),
        );
        let a = align_article(&article(&[&nb, &nl]), &[]);
        let nb_statuses = statuses(&a, "nb-NO");
        assert_eq!(nb_statuses[1], ("105".into(), Status::Missing, None));
        let nb_locale = a.locales.iter().find(|l| l.locale == "nb-NO").unwrap();
        assert_eq!(nb_locale.verdict, Verdict::Incomplete);
        assert_eq!(nb_locale.segments[1].source, TWO);
        assert_eq!(nb_locale.segments[1].line, 0);
    }

    #[test]
    fn other_commits_are_not_compared_for_gaps_but_drift_is_reported() {
        let new = document(
            "nl-NL",
            "c2",
            "02/01/2021",
            &format!(
                "{} {}",
                pair("a", "104", "Meld aan.", ONE),
                pair("a", "105", "Open.", TWO)
            ),
        );
        let old = document(
            "da-DK",
            "c1",
            "01/01/2020",
            &pair("b", "104", "Log på.", "Sign in to the old portal."),
        );
        let a = align_article(&article(&[&old, &new]), &[]);
        assert_eq!(a.english_from.as_deref(), Some("nl-NL"));
        assert!(a.mixed_commits);
        assert_eq!(statuses(&a, "da-DK"), [("104".into(), Status::Drift, None)]);
        assert!(statuses(&a, "nl-NL").iter().all(|s| s.1 == Status::Ok));
    }

    #[test]
    fn extra_empty_and_untranslated() {
        let nl = document(
            "nl-NL",
            "c1",
            "01/01/2021",
            &format!(
                "{} {} {}",
                pair("a", "104", "Meld aan.", ONE),
                pair("a", "105", TWO, TWO),
                pair("a", "107", "", THREE)
            ),
        );
        let nb = document(
            "nb-NO",
            "c1",
            "01/01/2021",
            &format!(
                "{} {}",
                pair("b", "104", "Logg på.", ONE),
                pair("b", "105", "Åpne.", TWO)
            ),
        );
        let a = align_article(&article(&[&nb, &nl]), &[]);
        assert_eq!(
            statuses(&a, "nl-NL")
                .into_iter()
                .map(|s| s.1)
                .collect::<Vec<_>>(),
            [Status::Ok, Status::Untranslated, Status::Empty]
        );
        let extra = document(
            "nl-NL",
            "c1",
            "01/01/2021",
            &format!(
                "{} {}",
                pair("a", "104", "Meld aan.", ONE),
                pair("a", "108", "Iets nieuws.", "Something new here.")
            ),
        );
        let a = align_article(&article(&[&nb, &extra]), &[]);
        assert_eq!(
            statuses(&a, "nl-NL")
                .into_iter()
                .map(|s| (s.0, s.1))
                .collect::<Vec<_>>(),
            [
                ("104".into(), Status::Ok),
                ("105".into(), Status::Missing),
                ("108".into(), Status::Extra)
            ]
        );
        assert_eq!(
            a.locales
                .iter()
                .find(|l| l.locale == "nl-NL")
                .unwrap()
                .verdict,
            Verdict::Incomplete
        );
    }

    #[test]
    fn counts_and_json_shape() {
        let nl = document(
            "nl-NL",
            "c1",
            "01/01/2021",
            &pair("a", "104", "Meld aan.", ONE),
        );
        let plain = parse_document(
            "da-DK",
            "a.md",
            Path::new("da-DK/a.md"),
            "---\ntitle: x\n---\nTekst.\n",
        )
        .0;
        let a = align_article(&article(&[&plain, &nl]), &[]);
        let json: serde_json::Value = serde_json::to_value(&a).unwrap();
        assert_eq!(json["article"], "a.md");
        assert_eq!(json["locales"][0]["format"], "plain");
        assert_eq!(json["locales"][0]["verdict"], "plain");
        assert_eq!(json["locales"][1]["counts"]["ok"], 1);
        assert_eq!(json["locales"][1]["segments"][0]["status"], "ok");
        assert_eq!(json["locales"][1]["segments"][0]["line"], 6);
        let only = align_article(&article(&[&plain, &nl]), &["nl-nl".to_string()]);
        assert_eq!(only.locales.len(), 1);
    }
}
