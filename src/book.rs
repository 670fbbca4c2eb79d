//! The book: every locale and every parsed document, read once and shared by the site, the
//! reports and the checks.

use std::collections::BTreeMap;
use std::path::PathBuf;

use rayon::prelude::*;

use crate::code::Code;
use crate::config::Config;
use crate::diagnostic::{self, Diagnostic};
use crate::load::{self, Entry, Locale};
use crate::parse::{self, Document, Format};
use crate::progress::Progress;
use crate::source;

/// A media file (image, PDF) to copy beside the pages of its locale.
#[derive(Debug, Clone)]
pub struct Media {
    pub locale: String,
    pub path: String,
    pub file: PathBuf,
}

impl Media {
    /// The media files found by [`load::discover`], with their locale's tag.
    pub fn all(locales: &[Locale], found: Vec<Entry>) -> Vec<Media> {
        found
            .into_iter()
            .map(|e| Media {
                locale: locales[e.locale].tag.clone(),
                path: e.path,
                file: e.file,
            })
            .collect()
    }
}

/// The parsed content of a project.
#[derive(Debug)]
pub struct Book {
    pub config: Config,
    pub locales: Vec<Locale>,
    /// Every readable article, sorted by path, then locale.
    pub documents: Vec<Document>,
    pub media: Vec<Media>,
    /// Problems met while reading and parsing, sorted by file and position.
    pub diagnostics: Vec<Diagnostic>,
}

impl Book {
    /// Finds, reads and parses all content, in parallel. Fails only when there is nothing to
    /// build; problems in single files are collected in [`Book::diagnostics`].
    pub fn load(config: Config, progress: &dyn Progress) -> Result<Book, Diagnostic> {
        let inventory = load::discover(&config)?;
        let mut diagnostics = inventory.diagnostics;
        progress.begin("parse", inventory.articles.len() as u64);
        let parsed: Vec<(Option<Document>, Vec<Diagnostic>)> = inventory
            .articles
            .par_iter()
            .map(|entry| {
                let result = read_document(&config, &inventory.locales, entry);
                progress.advance();
                result
            })
            .collect();
        progress.end();
        let mut documents = Vec::with_capacity(parsed.len());
        for (document, found) in parsed {
            documents.extend(document);
            diagnostics.extend(found);
        }
        documents.sort_by(|a, b| (&a.path, &a.locale).cmp(&(&b.path, &b.locale)));
        diagnostic::sort(&mut diagnostics);
        let media = Media::all(&inventory.locales, inventory.media);
        Ok(Book {
            config,
            locales: inventory.locales,
            documents,
            media,
            diagnostics,
        })
    }

    /// The documents of each article, keyed by the article's path.
    pub fn articles(&self) -> BTreeMap<&str, Vec<&Document>> {
        let mut articles: BTreeMap<&str, Vec<&Document>> = BTreeMap::new();
        for document in &self.documents {
            articles.entry(&document.path).or_default().push(document);
        }
        articles
    }

    /// The document whose English half stands for the article's English source: the sxs
    /// translation handed off last (ties go to the first locale). `None` when no locale of the
    /// article carries its English.
    pub fn english_source<'a>(documents: &[&'a Document]) -> Option<&'a Document> {
        documents
            .iter()
            .copied()
            .filter(|d| d.format == Format::Sxs)
            .max_by(|a, b| {
                handoff_key(a)
                    .cmp(&handoff_key(b))
                    .then_with(|| b.locale.cmp(&a.locale))
            })
    }

    /// Reads and parses one article found by [`load::discover`] again, as [`Book::load`] does:
    /// the incremental rebuild of `diglot serve`. `None` when the file cannot be rendered.
    pub fn read_article(&self, entry: &Entry) -> (Option<Document>, Vec<Diagnostic>) {
        read_document(&self.config, &self.locales, entry)
    }

    /// The locale with this tag.
    pub fn locale(&self, tag: &str) -> Option<&Locale> {
        self.locales.iter().find(|l| l.tag == tag)
    }
}

/// `ms.lasthandoff` (`MM/DD/YYYY`) as a sortable `(year, month, day)`.
fn handoff_key(document: &Document) -> (u32, u32, u32) {
    let date = document.front.last_handoff.as_deref().unwrap_or_default();
    let mut parts = date
        .split('/')
        .map(|p| p.trim().parse::<u32>().unwrap_or(0));
    let (month, day, year) = (
        parts.next().unwrap_or(0),
        parts.next().unwrap_or(0),
        parts.next().unwrap_or(0),
    );
    (year, month, day)
}

/// Reads, decodes and parses one article.
fn read_document(
    config: &Config,
    locales: &[Locale],
    entry: &Entry,
) -> (Option<Document>, Vec<Diagnostic>) {
    let display = load::display_path(&config.root, &entry.file);
    let fail = |code, message: String| {
        (
            None,
            vec![Diagnostic::error(code, &display, (0, 0), message)],
        )
    };
    match std::fs::metadata(&entry.file) {
        Ok(meta) if meta.len() > load::MAX_FILE_BYTES => {
            return fail(
                Code::FileTooLarge,
                format!(
                    "{} bytes is more than the {} an article may have; skipped",
                    meta.len(),
                    load::MAX_FILE_BYTES
                ),
            );
        }
        Ok(_) => {}
        Err(e) => return fail(Code::Unreadable, format!("cannot read: {e}")),
    }
    let bytes = match std::fs::read(&entry.file) {
        Ok(bytes) => bytes,
        Err(e) => return fail(Code::Unreadable, format!("cannot read: {e}")),
    };
    let (text, mut diagnostics) = source::decode(&display, &bytes);
    if text.trim().is_empty() {
        diagnostics.push(Diagnostic::warning(
            Code::EmptyFile,
            &display,
            (1, 1),
            "empty file: there is nothing to render; skipped",
        ));
        return (None, diagnostics);
    }
    let locale = &locales[entry.locale].tag;
    let (document, found) = parse::parse_document(locale, &entry.path, &display, &text);
    diagnostics.extend(found);
    (Some(document), diagnostics)
}
