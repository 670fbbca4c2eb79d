//! The files of each report format, ready to write: one place that knows which format makes
//! which files, for the CLI and for anything else that exports an alignment.

use super::{html, json, tmx, xliff};
use crate::align::Alignment;
use crate::book::Book;
use crate::diagnostic::Diagnostic;
use crate::theme::Theme;

/// A report format of `diglot align`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReportFormat {
    /// `alignment.json`.
    Json,
    /// `index.html`, `articles/*.html` and the theme's `static/` files.
    Html,
    /// `<locale>.xlf` for every locale with segments, each file's SHA-256 read from disk.
    Xliff,
    /// `translation-memory.tmx`.
    Tmx,
}

impl ReportFormat {
    /// True when the format is one file, which may go to standard output.
    pub fn is_single_file(self) -> bool {
        matches!(self, ReportFormat::Json | ReportFormat::Tmx)
    }
}

/// The files of `format`, as paths relative to the output folder and their bytes. The HTML
/// report uses the theme of `book`'s config and shows check's `findings` in its rows; the other
/// formats ignore them.
pub fn files(
    alignment: &Alignment,
    format: ReportFormat,
    book: &Book,
    findings: &[Diagnostic],
) -> Result<Vec<(String, Vec<u8>)>, Diagnostic> {
    let config = &book.config;
    Ok(match format {
        ReportFormat::Json => vec![(
            "alignment.json".into(),
            json::to_string(alignment).into_bytes(),
        )],
        ReportFormat::Tmx => vec![(
            "translation-memory.tmx".into(),
            tmx::to_tmx(alignment).into_bytes(),
        )],
        ReportFormat::Xliff => {
            let mut tags: Vec<&str> = alignment
                .articles
                .iter()
                .flat_map(|a| &a.locales)
                .filter(|l| !l.segments.is_empty())
                .map(|l| l.locale.as_str())
                .collect();
            tags.sort();
            tags.dedup();
            tags.into_iter()
                .map(|tag| {
                    let hashes = xliff::exported(alignment, tag)
                        .filter_map(|(_, l)| {
                            let bytes = std::fs::read(config.root.join(&l.file)).ok()?;
                            Some((l.file.clone(), crate::apply::sha256(&bytes)))
                        })
                        .collect();
                    let xml = xliff::to_xliff_with_hashes(alignment, tag, &hashes);
                    (format!("{tag}.xlf"), xml.into_bytes())
                })
                .collect()
        }
        ReportFormat::Html => {
            let theme = Theme::load(config.theme.as_deref())?;
            let findings = html::Findings::place(book, alignment, findings);
            let pages = std::sync::Mutex::new(Vec::new());
            let keep = |path: &str, html: &str| {
                let page = (path.to_string(), html.as_bytes().to_vec());
                pages.lock().unwrap_or_else(|e| e.into_inner()).push(page);
                Ok(())
            };
            html::pages(alignment, &findings, &theme, &config.title, "", None, &keep)?;
            let assets = theme
                .assets()
                .map(|(name, bytes)| (format!("static/{name}"), bytes.to_vec()));
            let mut pages = pages.into_inner().unwrap_or_else(|e| e.into_inner());
            // Rendered in parallel: in path order, so every run lists the same files alike.
            pages.sort_by(|a, b| a.0.cmp(&b.0));
            pages.into_iter().chain(assets).collect()
        }
    })
}
