//! `diglot check`: the gate CI runs. Every link and image of every locale and of the English
//! source is resolved, external links are fetched once per unique URL, and each locale's steps
//! are compared with its English source and with the other locales.
//!
//! The checks read the same parsed [`Book`] the build renders; each view of each document is
//! outlined once ([`crate::markdown::outline`]) and shared by the link checks ([`links`], [`external`]) and the
//! consistency checks ([`consistency`]). Findings are [`Diagnostic`]s with a stable code
//! ([`crate::code::Code`]), written by [`format`] as human text, JSON, GitHub annotations, SARIF or JUnit.

pub mod consistency;
pub mod external;
pub mod format;
pub mod links;

use std::collections::BTreeMap;
use std::path::PathBuf;

use rayon::prelude::*;
use serde::Serialize;

use crate::align::Alignment;
use crate::book::{self, Book};
use crate::diagnostic::{self, Diagnostic};
use crate::markdown::outline::Outline;
use crate::markdown::xref::XrefMap;
use crate::parse::{Document, Half};
use crate::progress::Progress;

/// What the command line asks of a check run.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// Skip external links entirely: no network.
    pub offline: bool,
    /// Only these locales; all when empty.
    pub locales: Vec<String>,
}

/// The result of a check run.
#[derive(Debug, Serialize)]
pub struct Checked {
    /// Every finding, parse diagnostics included, sorted by file and position.
    pub diagnostics: Vec<Diagnostic>,
    pub stats: Stats,
}

/// What a check run looked at.
#[derive(Debug, Default, Clone, Serialize)]
pub struct Stats {
    /// Documents checked, English sources not counted.
    pub documents: usize,
    /// Links and images found, in every view.
    pub links: usize,
    /// Unique external URLs found.
    pub external_urls: usize,
    /// Of those, fetched in this run, answered from the cache, and not checked (offline or excluded).
    pub fetched: usize,
    pub cached: usize,
    pub skipped: usize,
}

/// A place in a file, with the article it belongs to.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Place {
    pub locale: String,
    pub article: String,
    pub file: PathBuf,
    pub line: usize,
    pub column: usize,
}

/// One view of a document with its outline.
#[derive(Debug)]
pub struct View<'b> {
    pub document: &'b Document,
    /// `Half::Target` for a locale's translation, `Half::Source` for the English source.
    pub half: Half,
    pub outline: Outline,
}

impl View<'_> {
    /// The locale the view is read as: the document's, or the source locale for English.
    pub fn locale<'a>(&'a self, book: &'a Book) -> &'a str {
        if self.is_english(book) {
            book.source_locale()
        } else {
            &self.document.locale
        }
    }

    /// Whether this is the English of record (a source file, or an sxs file's English half).
    pub fn is_english(&self, book: &Book) -> bool {
        self.half == Half::Source || self.document.locale == book.source_locale()
    }

    /// The file position of byte `offset` of this view.
    pub fn position(&self, offset: usize) -> (usize, usize) {
        self.document.position(self.half, offset)
    }
}

/// One article: the translation of each locale, and the English of record when there is one.
#[derive(Debug)]
pub struct Article<'b> {
    /// The article in the book.
    pub article: &'b book::Article,
    pub translations: Vec<View<'b>>,
    pub english: Option<View<'b>>,
}

/// What every check reads: the book, its alignment and the outlined views of each article.
#[derive(Debug)]
pub struct Model<'b> {
    pub book: &'b Book,
    pub alignment: &'b Alignment,
    pub articles: BTreeMap<&'b str, Article<'b>>,
    /// The include fragments of the checked locales and of the English source, each outlined
    /// once: their links are checked at their own lines.
    pub fragments: Vec<View<'b>>,
    /// The xref maps of `[build] xref-maps`, when there are any: `xref:` links are checked
    /// against them.
    pub xrefs: Option<XrefMap>,
}

impl<'b> Model<'b> {
    /// Outlines every view, in parallel. `locales` limits the translations; empty means all.
    pub fn new(book: &'b Book, alignment: &'b Alignment, locales: &[String]) -> Model<'b> {
        let wanted = |d: &Document| locales.is_empty() || locales.contains(&d.locale);
        let articles = book
            .articles
            .par_iter()
            .map(|article| {
                let english = article.english().map(|view| View {
                    document: view.document,
                    half: view.half,
                    outline: Outline::of(view.document, view.half),
                });
                let translations = article
                    .documents
                    .iter()
                    .filter(|d| wanted(d))
                    .map(|document| View {
                        document,
                        half: Half::Target,
                        outline: Outline::of(document, Half::Target),
                    })
                    .collect();
                (
                    article.path.as_str(),
                    Article {
                        article,
                        translations,
                        english,
                    },
                )
            })
            .collect();
        let fragments = book
            .fragments
            .par_iter()
            .filter(|d| wanted(d) || d.locale == book.source_locale())
            .map(|document| View {
                document,
                half: Half::Target,
                outline: Outline::of(document, Half::Target),
            })
            .collect();
        Model {
            book,
            alignment,
            articles,
            fragments,
            xrefs: None,
        }
    }

    /// Every view: each translation, then the English source, article by article; then the
    /// include fragments, each under its own path.
    pub fn views(&self) -> impl Iterator<Item = (&'b str, &View<'b>)> + '_ {
        let articles = self.articles.iter().flat_map(|(path, article)| {
            article
                .translations
                .iter()
                .chain(article.english.as_ref())
                .map(move |view| (*path, view))
        });
        let fragments = self
            .fragments
            .iter()
            .map(|view| (view.document.path.as_str(), view));
        articles.chain(fragments)
    }
}

/// Runs every check over `book`, whose alignment is `alignment`.
pub fn check(
    book: &Book,
    alignment: &Alignment,
    options: &Options,
    progress: &dyn Progress,
) -> Checked {
    let mut model = Model::new(book, alignment, &options.locales);
    let offline = options.offline || book.config.check.offline;
    let mut xref_diagnostics = Vec::new();
    if !book.config.xref_maps.is_empty() {
        let (map, found) = XrefMap::load(&book.config, offline);
        model.xrefs = Some(map);
        xref_diagnostics = found;
    }
    let mut stats = Stats {
        documents: model.articles.values().map(|a| a.translations.len()).sum(),
        ..Stats::default()
    };
    let selected = |d: &Diagnostic| {
        options.locales.is_empty()
            || d.locale
                .as_ref()
                .is_none_or(|l| options.locales.contains(l))
    };
    let mut diagnostics: Vec<Diagnostic> = book
        .diagnostics
        .iter()
        .filter(|d| selected(d))
        .cloned()
        .collect();

    diagnostics.extend(xref_diagnostics);
    let found = links::check(&model);
    stats.links = found.count;
    diagnostics.extend(found.diagnostics);
    let (external, external_stats) =
        external::check(&found.external, &book.config, offline, progress);
    diagnostics.extend(external);
    stats.external_urls = found.external.len();
    stats.fetched = external_stats.fetched;
    stats.cached = external_stats.cached;
    stats.skipped = external_stats.skipped;

    diagnostics.extend(consistency::check(&model));
    diagnostics.extend(
        crate::sanitize::findings(book, None)
            .into_iter()
            .filter(|d| selected(d)),
    );

    for d in &mut diagnostics {
        if let Some(&severity) = book.config.check.severity.get(&d.code) {
            d.severity = severity;
        }
    }
    diagnostic::sort(&mut diagnostics);
    Checked { diagnostics, stats }
}
