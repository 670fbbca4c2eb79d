//! Consistency of each locale with its English source and with the other locales: the block
//! structure (steps, alerts, headings, tables, images, code), each segment's URLs, code,
//! numbers, markup, links and paths, the alignment of its segments, the product names the
//! locales keep, and the front matter.
//!
//! Each translation is compared with one reference, so a divergence is reported once: an sxs
//! file with the article's English when both come from one source commit, else with its own
//! English half; a plain file with the article's English; an article with no English at all
//! with the structure most of its locales share. A defect of the English itself is reported
//! once, on the English (`english.rs`), and not held against the translations.

mod alignment;
mod english;
mod front;
mod inline;
mod markers;
mod numbers;
mod paths;
mod placeholders;
mod segments;
mod structure;
mod terms;

use std::collections::{BTreeSet, HashMap};

use rayon::prelude::*;

use super::{Article, Model, View};
use crate::code::Code;
use crate::diagnostic::Diagnostic;
use crate::markdown::outline::Outline;
use crate::parse::{Format, Half};
use structure::Side;

pub(crate) use segments::inline_findings;

/// Runs every consistency rule over `model`.
pub fn check(model: &Model) -> Vec<Diagnostic> {
    let locales = terms::locales(model.book);
    let (mut findings, commands, reading) = model
        .articles
        .par_iter()
        .fold(
            || (Vec::new(), BTreeSet::new(), terms::Reading::default()),
            |(mut findings, mut commands, mut reading), (path, article)| {
                let (found, article_commands) = check_article(model, path, article);
                findings.extend(found);
                commands.extend(article_commands);
                reading.read_article(&article.article.documents, &locales);
                (findings, commands, reading)
            },
        )
        .reduce(
            || (Vec::new(), BTreeSet::new(), terms::Reading::default()),
            |(mut findings, mut commands, reading), (more, more_commands, more_reading)| {
                findings.extend(more);
                commands.extend(more_commands);
                (findings, commands, reading.merge(more_reading))
            },
        );
    let commands = CommandIndex::new(&commands);
    let plain: Vec<&View> = model
        .articles
        .values()
        .flat_map(|a| &a.translations)
        .filter(|v| v.document.format == Format::Plain)
        .collect();
    findings.par_extend(
        plain
            .par_iter()
            .flat_map_iter(|view| plain_text(view, &commands)),
    );
    findings.extend(terms::check(model, &locales, reading));
    findings.extend(front::duplicate_asset_ids(
        model
            .articles
            .values()
            .filter_map(|a| a.english.as_ref().map(|v| v.document)),
        model
            .articles
            .values()
            .flat_map(|a| a.translations.iter().map(|v| v.document)),
        &model.book.config.source_locale,
    ));
    findings
}

/// Every rule about one article; also the command-like code of its English.
fn check_article(
    model: &Model,
    path: &str,
    article: &Article,
) -> (Vec<Diagnostic>, BTreeSet<String>) {
    let source_locale = &model.book.config.source_locale;
    let mut findings = Vec::new();
    let mut commands = BTreeSet::new();
    if let Some(english) = &article.english {
        findings.extend(english::check(english, path, source_locale));
    }
    let majority = majority(article);
    let mut english_read = segments::EnglishRead::new();
    for view in &article.translations {
        let document = view.document;
        findings.extend(front::check(document));
        let ours = Side {
            document,
            half: Half::Target,
            blocks: &view.outline.blocks,
        };
        let same_commit =
            |e: &&View| e.document.front.source_commit == document.front.source_commit;
        match (&article.english, document.format) {
            (Some(english), Format::Plain) => {
                findings.extend(structure::compare(ours, side(english), "the English"))
            }
            (Some(english), Format::Sxs) if same_commit(&english) => {
                findings.extend(structure::compare(ours, side(english), "the English"))
            }
            (_, Format::Sxs) => {
                let own = Outline::of(document, Half::Source);
                let theirs = Side {
                    document,
                    half: Half::Source,
                    blocks: &own.blocks,
                };
                findings.extend(structure::compare(ours, theirs, "the English"));
            }
            (None, Format::Plain) => {
                if let Some(model) = majority.filter(|m| !std::ptr::eq(*m, view)) {
                    let name = model.document.locale.clone();
                    findings.extend(structure::compare(ours, side(model), &name));
                }
            }
        }
        if let Some(finding) = translated_marker(view, article.english.as_ref()) {
            findings.push(finding);
        }
        if document.format == Format::Sxs {
            let (found, english_commands) = segments::check(document, &mut english_read);
            findings.extend(found);
            commands.extend(english_commands);
        }
    }
    if let Some(aligned) = model.alignment.article(path) {
        let only: Vec<&str> = article
            .translations
            .iter()
            .map(|v| v.document.locale.as_str())
            .collect();
        findings.extend(alignment::check(article.article, aligned, &only));
    }
    (findings, commands)
}

/// A finding of `code` at its default severity (`[check.severity]` applies later).
fn finding(code: Code, file: &std::path::Path, at: (usize, usize), message: String) -> Diagnostic {
    Diagnostic::new(code.default_severity(), code, file, at, message)
}

/// An alert marker written outside the segments of a translation (a plain file's `> [!REMARQUE]`)
/// that DocFX does not know and the English does not have: translated. Markers inside segments
/// are compared with their English by the segment rules; the English's own by [`english`].
fn translated_marker(view: &View, english: Option<&View>) -> Option<Diagnostic> {
    let document = view.document;
    let (at, marker) = markers::first_unknown_alert_line(&document.translation)?;
    let in_segment = document
        .translation_segments
        .iter()
        .any(|(_, range)| range.contains(&at));
    let english_has_it = english.is_some_and(|e| e.document.view(e.half).contains(marker));
    if in_segment || english_has_it {
        return None;
    }
    Some(
        finding(
            Code::AlertMarker,
            &document.file,
            view.position(at),
            format!(
                "the alert marker `{marker}` is translated: DocFX only knows the English markers (NOTE, TIP, IMPORTANT, WARNING, CAUTION) and shows a plain quote"
            ),
        )
        .in_article(&document.locale, &document.path),
    )
}

/// The translated view of a model view, as one side of a structure comparison.
fn side<'a>(view: &'a View) -> Side<'a> {
    Side {
        document: view.document,
        half: view.half,
        blocks: &view.outline.blocks,
    }
}

/// For an article without English: the translation whose structure more than half of the
/// locales share (at least three), which the others are compared with.
fn majority<'a, 'b>(article: &'a Article<'b>) -> Option<&'a View<'b>> {
    if article.english.is_some() || article.translations.len() < 3 {
        return None;
    }
    let key = |v: &View| {
        v.outline
            .blocks
            .iter()
            .map(|b| (b.kind.clone(), b.depth))
            .collect::<Vec<_>>()
    };
    let mut counts: Vec<(Vec<_>, usize, &View)> = Vec::new();
    for view in &article.translations {
        let structure = key(view);
        match counts.iter_mut().find(|c| c.0 == structure) {
            Some(c) => c.1 += 1,
            None => counts.push((structure, 1, view)),
        }
    }
    counts
        .into_iter()
        .find(|(_, n, _)| 2 * n > article.translations.len())
        .map(|(_, _, view)| view)
}

/// Command-like inline code of the English, indexed by its first word.
struct CommandIndex<'a> {
    by_first_word: HashMap<&'a str, Vec<&'a str>>,
}

impl<'a> CommandIndex<'a> {
    fn new(commands: &'a BTreeSet<String>) -> Self {
        let mut by_first_word: HashMap<&str, Vec<&str>> = HashMap::new();
        for command in commands {
            if let Some(first) = command.split_whitespace().next() {
                by_first_word.entry(first).or_default().push(command);
            }
        }
        CommandIndex { by_first_word }
    }

    /// The first command of the index written at `offset` of `text` without backticks.
    fn bare_at(&self, text: &str, offset: usize, word: &str) -> Option<&'a str> {
        let before = text[..offset].chars().next_back();
        if before == Some('`') {
            return None;
        }
        self.by_first_word.get(word)?.iter().copied().find(|c| {
            text[offset..].starts_with(c)
                && text[offset + c.len()..]
                    .chars()
                    .next()
                    .is_none_or(|n| !(n.is_alphanumeric() || n == '`'))
        })
    }
}

/// Rules for a plain translation, which has no English of its own: command-like code the
/// English of the book writes in backticks and that lost them here, and broken paths.
fn plain_text(view: &View, commands: &CommandIndex) -> Vec<Diagnostic> {
    let document = view.document;
    let text = &document.translation;
    let report = |offset: usize, code: Code, message: String| {
        finding(code, &document.file, view.position(offset), message)
            .in_article(&document.locale, &document.path)
    };
    let mut findings = Vec::new();
    let mut line_start = 0;
    for line in text.split_inclusive('\n') {
        let words = line
            .split_whitespace()
            .map(|w| (w.as_ptr() as usize - line.as_ptr() as usize, w));
        if let Some((at, command)) = words
            .filter_map(|(at, w)| Some((at, commands.bare_at(line, at, w)?)))
            .next()
        {
            findings.push(report(
                line_start + at,
                Code::CodeMismatch,
                format!("`{command}` lost its backticks: the English writes it as code"),
            ));
        }
        if let Some(at) = paths::first_offset(line) {
            let message = paths::broken(line, None).unwrap_or_default();
            findings.push(report(line_start + at, Code::BrokenPath, message));
        }
        line_start += line.len();
    }
    findings
}
