//! Findings from the alignment of each sxs translation with its article's English (computed
//! once by [`crate::align`]): missing segments, untranslated ones (and English left as it was but
//! for its punctuation or spacing) and source drift. A run of consecutive missing or drifted
//! segments is one finding. A locale whose `ms.openlocfilehash` is the article English's was
//! translated from the same English file: what differs is how the tool wrote it, not drift. With
//! an English source folder, the source text a translation does not carry is one summary per
//! article and locale.

use std::collections::HashMap;

use super::markers;
use crate::align::{self, AlignedSegment, ArticleAlignment, LocaleAlignment, Status};
use crate::book::Article;
use crate::code::Code;
use crate::diagnostic::Diagnostic;
use crate::parse::{Document, Format, Segment};

/// How many ordinary words an untranslated segment needs to be reported: fewer is a name.
const MIN_UNTRANSLATED_WORDS: usize = 3;

/// Findings for the locales `only` of one article, from its alignment.
pub fn check(article: &Article, aligned: &ArticleAlignment, only: &[&str]) -> Vec<Diagnostic> {
    let english = article.english().map(|v| v.document);
    let mut findings = Vec::new();
    for locale in aligned
        .locales
        .iter()
        .filter(|l| only.contains(&l.locale.as_str()))
    {
        let Some(document) = article.document(&locale.locale) else {
            continue;
        };
        if article.source.is_some() {
            findings.extend(untranslated_source(document, locale));
            findings.extend(stale_against_source(document, locale, article));
        }
        if locale.format != Format::Sxs {
            continue;
        }
        let peers: Vec<&Document> = article
            .documents
            .iter()
            .filter(|d| {
                d.format == Format::Sxs
                    && !std::ptr::eq(*d, document)
                    && d.front.source_commit == document.front.source_commit
            })
            .collect();
        let english = english.filter(|e| !std::ptr::eq(*e, document));
        let judge = Judge {
            document,
            english,
            same_english_file: english.is_some_and(|e| same_source_file(e, document)),
            peers,
            english_from: aligned.english_from.as_deref().unwrap_or_default(),
        };
        let segments: Vec<AlignedSegment> = locale
            .segments
            .iter()
            // Against a source folder, drift is one finding per translation (above).
            .filter(|s| s.source_line.is_none())
            .filter(|s| article.source.is_none() || s.status != Status::Drift)
            .cloned()
            .collect();
        findings.extend(judge.findings(&segments));
    }
    findings
}

/// True when two translations were made from one English file: their `ms.openlocfilehash`.
fn same_source_file(a: &Document, b: &Document) -> bool {
    fn hash(d: &Document) -> Option<&str> {
        d.front.open_loc_file_hash.as_deref().map(str::trim)
    }
    hash(a).is_some_and(|h| !h.is_empty() && hash(b) == Some(h))
}

/// One finding per sxs translation made from English the source no longer has: how many
/// segments, where the first is, and the translation's freshness.
fn stale_against_source(
    document: &Document,
    locale: &LocaleAlignment,
    article: &Article,
) -> Option<Diagnostic> {
    let drifted: Vec<&AlignedSegment> = locale
        .segments
        .iter()
        .filter(|s| s.status == Status::Drift)
        .collect();
    let first = drifted.first()?;
    let freshness = locale
        .freshness
        .map(|f| format!(" (it matches {f}% of the English source)"))
        .unwrap_or_default();
    let count = match drifted.len() {
        1 => "1 segment was".to_string(),
        n => format!("{n} segments were"),
    };
    let diagnostic = Diagnostic::warning(
        Code::SourceDrift,
        &document.file,
        (first.line, 1),
        format!(
            "{count} translated from English the source no longer has{freshness}, the first: `{}`",
            excerpt(&first.source)
        ),
    )
    .in_article(&document.locale, &document.path);
    Some(match &article.source {
        Some(source) => {
            diagnostic.with_related(&source.file, (source.body_line, 1), "the English source")
        }
        None => diagnostic,
    })
}

/// One note per translation that lacks text of the English source: how much, where the first
/// piece is, and the translation's freshness.
fn untranslated_source(document: &Document, locale: &LocaleAlignment) -> Option<Diagnostic> {
    let missing: Vec<&AlignedSegment> = locale
        .segments
        .iter()
        .filter(|s| s.status == Status::Missing && s.source_line.is_some())
        .collect();
    let first = missing.first()?;
    let freshness = locale
        .freshness
        .map(|f| format!(" (it matches {f}% of the English source)"))
        .unwrap_or_default();
    Some(
        Diagnostic::info(
            Code::MissingSegment,
            &document.file,
            (document.body_line, 1),
            format!(
                "{} {} of the English source {} not in this translation{freshness}, the first: `{}`",
                missing.len(),
                if missing.len() == 1 { "block" } else { "blocks" },
                if missing.len() == 1 { "is" } else { "are" },
                excerpt(&first.source)
            ),
        )
        .in_article(&document.locale, &document.path),
    )
}

/// The places one locale's findings point at.
struct Judge<'a> {
    document: &'a Document,
    english: Option<&'a Document>,
    /// The translation was made from the very English file of `english`.
    same_english_file: bool,
    /// Locales translated from the same source commit.
    peers: Vec<&'a Document>,
    english_from: &'a str,
}

impl Judge<'_> {
    fn findings(&self, segments: &[AlignedSegment]) -> Vec<Diagnostic> {
        let own = by_id(self.document);
        let mut findings = Vec::new();
        // The line of the last segment the file has: where a missing one would have been.
        let mut previous = (self.document.body_line, 1);
        let mut i = 0;
        while i < segments.len() {
            let segment = &segments[i];
            let run = segments[i..]
                .iter()
                .take_while(|s| s.status == segment.status)
                .count();
            let at = own
                .get(segment.id.as_str())
                .map_or(previous, |s| (s.line, s.column));
            match segment.status {
                // An English alert marker DocFX does not know (`[!TIPS]`) is the English's
                // fault, reported on the English; a locale that made it `> [!TIP]` lost nothing.
                Status::Missing
                    if segments[i..i + run]
                        .iter()
                        .all(|s| markers::is_unknown_marker(&s.source)) => {}
                Status::Missing => findings.push(self.missing(&segments[i..i + run], previous)),
                Status::Drift if !self.same_english_file => {
                    findings.push(self.drift(&segments[i..i + run], at))
                }
                Status::Ok => {
                    let respaced = segments[i..i + run].iter().filter(|s| {
                        align::is_respaced_english(&s.target, &s.source)
                            && align::prose_words(&s.source) >= MIN_UNTRANSLATED_WORDS
                            && align::is_english_prose(&s.source)
                    });
                    for s in respaced {
                        let at = own.get(s.id.as_str()).map_or(at, |s| (s.line, s.column));
                        findings.push(self.diagnostic(
                            Code::UntouchedEnglish,
                            at,
                            format!(
                                "segment {} is the English with only its punctuation or spacing changed: `{}`",
                                s.id,
                                excerpt(&s.target)
                            ),
                        ));
                    }
                }
                Status::Untranslated => {
                    // Two ordinary words are also a product name (`Apps for business`).
                    let sentences = segments[i..i + run]
                        .iter()
                        .filter(|s| align::prose_words(&s.source) >= MIN_UNTRANSLATED_WORDS);
                    for s in sentences {
                        let at = own.get(s.id.as_str()).map_or(at, |s| (s.line, s.column));
                        findings.push(self.diagnostic(
                            Code::Untranslated,
                            at,
                            format!(
                                "segment {} is not translated: `{}`",
                                s.id,
                                excerpt(&s.source)
                            ),
                        ));
                    }
                }
                _ => {}
            }
            if let Some(s) = segments[i..i + run]
                .iter()
                .rev()
                .find_map(|s| own.get(s.id.as_str()))
            {
                previous = (s.line, s.column);
            }
            i += run;
        }
        findings
    }

    fn diagnostic(&self, code: Code, at: (usize, usize), message: String) -> Diagnostic {
        super::finding(code, &self.document.file, at, message)
            .in_article(&self.document.locale, &self.document.path)
    }

    fn missing(&self, run: &[AlignedSegment], at: (usize, usize)) -> Diagnostic {
        let first = &run[0];
        let message = if run.len() == 1 {
            format!(
                "segment {} of the English is missing: `{}`",
                first.id,
                excerpt(&first.source)
            )
        } else {
            format!(
                "{} segments of the English are missing after this line, {} to {}: `{}` ...",
                run.len(),
                first.id,
                run[run.len() - 1].id,
                excerpt(&first.source)
            )
        };
        let diagnostic = self.diagnostic(Code::MissingSegment, at, message);
        let carrier = self.peers.iter().find_map(|p| {
            p.segments
                .iter()
                .find(|s| s.id.suffix == first.id)
                .map(|s| (*p, s))
        });
        match carrier {
            Some((peer, s)) => diagnostic.with_related(
                &peer.file,
                (s.line, s.column),
                format!("translated in {}", peer.locale),
            ),
            None => diagnostic,
        }
    }

    fn drift(&self, run: &[AlignedSegment], at: (usize, usize)) -> Diagnostic {
        let first = &run[0];
        let count = if run.len() == 1 {
            format!("segment {}", first.id)
        } else {
            format!("{} segments from {} on", run.len(), first.id)
        };
        let diagnostic = self.diagnostic(
            Code::SourceDrift,
            at,
            format!(
                "the English of {count} differs from the article's English (from {}): `{}`",
                self.english_from,
                excerpt(&first.source)
            ),
        );
        let english_segment = self.english.and_then(|e| {
            e.segments
                .iter()
                .find(|s| s.id.suffix == first.id)
                .map(|s| (e, s))
        });
        match english_segment {
            Some((e, s)) => diagnostic.with_related(
                &e.file,
                (s.line, s.column),
                format!("the English in {}", e.locale),
            ),
            None => diagnostic,
        }
    }
}

fn by_id(document: &Document) -> HashMap<&str, &Segment> {
    document
        .segments
        .iter()
        .map(|s| (s.id.suffix.as_str(), s))
        .collect()
}

/// The start of a segment's text, for a message.
pub fn excerpt(text: &str) -> String {
    let text = align::normalize(text);
    match text.char_indices().nth(60) {
        Some((at, _)) => format!("{}…", &text[..at]),
        None => text,
    }
}
