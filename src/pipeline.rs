//! The build pipeline end to end: load and parse the book, render the site and the alignment
//! reports into a staging folder, and swap it in. The CLI and the tests call this one function.

use std::path::Path;
use std::time::{Duration, Instant};

use crate::align;

use crate::book::Book;
use crate::code::Code;
use crate::config::Config;
use crate::diagnostic::{self, Diagnostic};
use crate::output::Staging;
use crate::progress::Progress;
use crate::render;
use crate::search;
use crate::theme::Theme;

/// What a build did.
#[derive(Debug)]
pub struct Built {
    pub book: Book,
    pub pages: usize,
    pub media: usize,
    pub elapsed: Duration,
    /// The search index written for each locale.
    pub search: Vec<search::Written>,
    /// Every finding of the build: the book's and the renderer's.
    pub diagnostics: Vec<Diagnostic>,
}

/// Builds the site described by `config`. `Err` means nothing was written (bad configuration or
/// theme, no locales, the build dir could not be prepared or swapped in); problems in the
/// content are in [`Built::diagnostics`] and the rest of the site is still written.
pub fn build(config: Config, progress: &dyn Progress) -> Result<Built, Diagnostic> {
    let started = Instant::now();
    check_build_dir(&config)?;
    let theme = Theme::for_config(&config)?;
    let book = Book::load(config, progress)?;
    let build_dir = book.config.build_dir.clone();
    let staging = Staging::begin(&build_dir).map_err(|e| output_error(&build_dir, e))?;
    let (summary, mut render_diagnostics) = render::render(&book, &theme, &staging, progress);
    let reports = write_reports(&book, &theme, &staging);
    render_diagnostics.extend(reports.as_ref().err().cloned());
    let search = search::write(&book, &staging).unwrap_or_else(|e| {
        render_diagnostics.push(e);
        Vec::new()
    });
    staging.commit().map_err(|e| output_error(&build_dir, e))?;
    let mut diagnostics = book.diagnostics.clone();
    diagnostics.extend(render_diagnostics);
    diagnostic::sort(&mut diagnostics);
    Ok(Built {
        book,
        pages: summary.pages + reports.unwrap_or(0),
        media: summary.media,
        elapsed: started.elapsed(),
        search,
        diagnostics,
    })
}

/// Writes the alignment report into `reports/` of the site; returns the number of pages.
fn write_reports(book: &Book, theme: &Theme, staging: &Staging) -> Result<usize, Diagnostic> {
    let alignment = align::align(book, &[]);
    let pages = align::html::pages(&alignment, theme, &book.config.title, "../")
        .map_err(|e| Diagnostic::error(Code::Template, Path::new("report.html"), (0, 0), e))?;
    for (path, html) in &pages {
        let path = format!("reports/{path}");
        staging
            .write(&path, html.as_bytes())
            .map_err(|e| output_error(Path::new(&path), e))?;
    }
    Ok(pages.len())
}

fn output_error(dir: &std::path::Path, e: std::io::Error) -> Diagnostic {
    Diagnostic::error(Code::BuildDir, dir, (0, 0), e.to_string())
}

/// The build dir is replaced whole, so it must not hold the project or its content.
fn check_build_dir(config: &Config) -> Result<(), Diagnostic> {
    let build = crate::load::normalize(&config.build_dir);
    let root = crate::load::normalize(&config.root);
    let content = crate::load::normalize(&config.content_dir);
    let inside = |outer: &std::path::Path| outer.starts_with(&build);
    if inside(&root)
        || inside(&content)
        || config
            .locales
            .values()
            .filter_map(|l| l.src.as_deref())
            .any(|s| crate::load::normalize(s).starts_with(&build))
    {
        return Err(Diagnostic::error(
            Code::BuildDir,
            &config.build_dir,
            (0, 0),
            "the build dir would contain the project or its content, and it is replaced on every build; choose another `build-dir`",
        ));
    }
    Ok(())
}
