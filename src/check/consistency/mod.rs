//! Consistency of each locale with its English source and with the other locales: the block
//! structure (steps, alerts, headings, tables, images, code), each segment's URLs, code,
//! numbers and markup, the alignment of its segments, and the front matter.
//!
//! Each translation is compared with one reference, so a divergence is reported once: an sxs
//! file with the article's English when both come from one source commit, else with its own
//! English half; a plain file with the article's English; an article with no English at all
//! with the structure most of its locales share.

mod alignment;
mod front;
mod inline;
mod numbers;
mod segments;
mod structure;

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
    let per_article: Vec<(Vec<Diagnostic>, BTreeSet<String>)> = model
        .articles
        .par_iter()
        .map(|(path, article)| check_article(model, path, article))
        .collect();
    let mut commands = BTreeSet::new();
    let mut findings = Vec::new();
    for (found, article_commands) in per_article {
        findings.extend(found);
        commands.extend(article_commands);
    }
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
    findings.extend(front::duplicate_asset_ids(
        model
            .articles
            .values()
            .flat_map(|a| a.translations.iter().map(|v| v.document)),
    ));
    findings
}

/// Every rule about one article; also the command-like code of its English.
fn check_article(
    model: &Model,
    path: &str,
    article: &Article,
) -> (Vec<Diagnostic>, BTreeSet<String>) {
    let mut findings = Vec::new();
    let mut commands = BTreeSet::new();
    let majority = majority(article);
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
        if document.format == Format::Sxs {
            let (found, english_commands) = segments::check(document);
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
/// English of the book writes in backticks and that lost them here, and mangled UNC paths.
fn plain_text(view: &View, commands: &CommandIndex) -> Vec<Diagnostic> {
    let document = view.document;
    let text = &document.translation;
    let report = |offset: usize, code: Code, message: String| {
        Diagnostic::warning(code, &document.file, view.position(offset), message)
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
        if let Some(mangled) = segments::mangled_unc_path(line) {
            let at = mangled.as_ptr() as usize - line.as_ptr() as usize;
            findings.push(report(
                line_start + at,
                Code::TextCorruption,
                format!("`{mangled}`: a path with a space after `\\\\`"),
            ));
        }
        line_start += line.len();
    }
    findings
}
