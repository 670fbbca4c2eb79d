//! The build pipeline end to end, one way for a full build and for a rebuild after an edit:
//! load and parse the book, align it, then render the pages, the search index of each locale,
//! the sitemap, the alignment reports and the resources into the build dir. A full build writes
//! everything into a staging folder and swaps it in ([`build`]); a rebuild ([`rebuild`]) reads
//! the changed files into the kept model and runs the same steps over the articles they touch,
//! writing only the files whose bytes changed.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use crate::align::{self, Alignment};
use crate::book::{Book, Changed};
use crate::check;
use crate::code::Code;
use crate::config::Config;
use crate::diagnostic::{self, Diagnostic};
use crate::markdown::xref::XrefMap;
use crate::output::{self, Staging};
use crate::progress::{Progress, Silent};
use crate::render::{self, Scope, Site};
use crate::report;
use crate::sanitize;
use crate::search;
use crate::theme::Theme;

/// A built site and the model it was built from.
pub struct Built {
    pub book: Book,
    pub alignment: Alignment,
    /// What check's offline rules find, shown in the alignment reports ([`report_findings`]).
    pub report_findings: Vec<Diagnostic>,
    pub theme: Theme,
    /// The cross-reference maps of `[build] xref-maps`, read once.
    pub xrefs: XrefMap,
    /// Each page's words, kept for the search indexes of the next rebuild.
    pub counts: search::Counts,
    pub pages: usize,
    /// Resource files copied (images, media).
    pub resources: usize,
    pub elapsed: Duration,
    /// The search index written for each locale.
    pub search: Vec<search::Written>,
    /// Every finding of the build: the book's and the renderer's.
    pub diagnostics: Vec<Diagnostic>,
}

/// What a rebuild did.
#[derive(Debug)]
pub struct Rebuilt {
    /// The articles whose pages were rendered again.
    pub articles: Vec<String>,
    /// Pages rendered, and files of the site replaced or removed because their bytes changed.
    pub pages: usize,
    pub changed: usize,
    pub elapsed: Duration,
    /// What the changed files have to say, and any problem writing the site.
    pub diagnostics: Vec<Diagnostic>,
}

/// The outcome of a rebuild.
#[derive(Debug)]
pub enum Outcome {
    /// Nothing the site is built from changed.
    Nothing,
    /// Only a full build can follow these changes (book.toml, a `docfx.json`, a locale).
    Full,
    Rebuilt(Rebuilt),
}

/// Builds the site described by `config`. `Err` means nothing was written (bad configuration or
/// theme, no locales, the build dir could not be prepared or swapped in); problems in the
/// content are in [`Built::diagnostics`] and the rest of the site is still written.
pub fn build(config: Config, progress: &dyn Progress) -> Result<Built, Diagnostic> {
    let started = Instant::now();
    check_build_dir(&config)?;
    let theme = Theme::for_config(&config)?;
    let book = Book::load(config, progress)?;
    let alignment = align::align(&book, &[]);
    let (xrefs, xref_diagnostics) = XrefMap::load(&book.config, book.config.check.offline);
    let build_dir = book.config.build_dir.clone();
    let staging = Staging::begin(&build_dir).map_err(|e| output_error(&build_dir, e))?;
    let counts = search::Counts::default();
    let sources = Sources {
        book: &book,
        alignment: &alignment,
        theme: &theme,
        xrefs: &xrefs,
        counts: &counts,
    };
    // check's rules, and the reports that show their findings, are made while the pages are
    // written: both sides keep the processors busy when the other waits on the disk.
    let (mut written, (report_findings, reports)) = rayon::join(
        || write(&sources, &staging, &Everything, progress),
        || {
            let findings = report_findings(&book, &alignment, &xrefs, &[], None);
            let reports = write_reports(&sources, &findings, &staging, &Everything);
            (findings, reports)
        },
    );
    written.add_reports(reports);
    staging.commit().map_err(|e| output_error(&build_dir, e))?;
    let mut diagnostics = book.diagnostics.clone();
    diagnostics.extend(xref_diagnostics);
    diagnostics.extend(written.diagnostics);
    diagnostics.extend(sanitize::findings(&book, None));
    diagnostic::sort(&mut diagnostics);
    Ok(Built {
        book,
        alignment,
        report_findings,
        theme,
        xrefs,
        counts,
        pages: written.pages,
        resources: written.resources,
        elapsed: started.elapsed(),
        search: written.search,
        diagnostics,
    })
}

/// Reads the changed `paths` into `built`'s model and writes what they change into its build
/// dir. Paths inside the build dir, and files no locale folder holds, are ignored.
pub fn rebuild(built: &mut Built, paths: &[PathBuf]) -> Outcome {
    let started = Instant::now();
    let config = &built.book.config;
    let theme_changed = config
        .theme
        .as_deref()
        .is_some_and(|theme| paths.iter().any(|p| p.starts_with(theme)));
    let paths: Vec<&Path> = paths
        .iter()
        .map(PathBuf::as_path)
        .filter(|p| !output::is_build_output(&config.build_dir, p))
        .collect();
    if theme_changed {
        return Outcome::Full;
    }
    let Ok(changed) = built.book.update(&paths) else {
        return Outcome::Full;
    };
    if changed.is_empty() {
        return Outcome::Nothing;
    }
    let scope = affected(&built.book, &changed);
    for path in &scope.articles {
        let fresh = built
            .book
            .article(path)
            .map(|a| align::align_article(a, &[]));
        let articles = &mut built.alignment.articles;
        let at = articles.partition_point(|a| a.article.as_str() < path.as_str());
        let present = articles.get(at).is_some_and(|a| &a.article == path);
        match (fresh.filter(|a| !a.locales.is_empty()), present) {
            (Some(fresh), true) => articles[at] = fresh,
            (Some(fresh), false) => articles.insert(at, fresh),
            (None, true) => {
                articles.remove(at);
            }
            (None, false) => {}
        }
    }
    let build_dir = built.book.config.build_dir.clone();
    let staging = match Staging::in_place(&build_dir) {
        Ok(staging) => staging,
        Err(_) => return Outcome::Full,
    };
    let fresh = report_findings(
        &built.book,
        &built.alignment,
        &built.xrefs,
        &[],
        Some(&scope.articles),
    );
    built.report_findings.retain(|d| {
        d.article
            .as_ref()
            .is_none_or(|a| !scope.articles.contains(a))
    });
    built.report_findings.extend(fresh);
    let mut diagnostics = changed.diagnostics.clone();
    let sources = Sources {
        book: &built.book,
        alignment: &built.alignment,
        theme: &built.theme,
        xrefs: &built.xrefs,
        counts: &built.counts,
    };
    let mut written = write(&sources, &staging, &scope, &Silent);
    written.add_reports(write_reports(
        &sources,
        &built.report_findings,
        &staging,
        &scope,
    ));
    diagnostics.extend(written.diagnostics);
    diagnostics.extend(sanitize::findings(&built.book, Some(&scope.articles)));
    diagnostics.extend(remove_gone(&built.book, &changed, &staging));
    diagnostic::sort(&mut diagnostics);
    Outcome::Rebuilt(Rebuilt {
        articles: scope.articles.into_iter().collect(),
        pages: written.pages,
        changed: staging.changed(),
        elapsed: started.elapsed(),
        diagnostics,
    })
}

/// What to write: everything, or what a set of changes touched.
trait Part: Sync {
    /// The articles to report on; `None` for all.
    fn articles(&self) -> Option<&BTreeSet<String>>;
    /// What to render.
    fn scope(&self) -> Scope<'_>;
    /// Whether the search index of `locale` changes.
    fn search(&self, locale: &str) -> bool;
    /// Whether the resource file `file` (on disk) is copied.
    fn resource(&self, file: &Path) -> bool;
}

/// The whole site.
struct Everything;

impl Part for Everything {
    fn articles(&self) -> Option<&BTreeSet<String>> {
        None
    }
    fn scope(&self) -> Scope<'_> {
        Scope::All
    }
    fn search(&self, _: &str) -> bool {
        true
    }
    fn resource(&self, _: &Path) -> bool {
        true
    }
}

/// What a set of changes touches.
#[derive(Debug, Default)]
struct Affected {
    articles: BTreeSet<String>,
    /// Locales whose every page is rendered again (a title or a table of contents changed).
    navigation: BTreeSet<String>,
    /// Locales whose search index changes; every locale when an English page changed.
    locales: BTreeSet<String>,
    /// Resource files (on disk) to copy again.
    resources: BTreeSet<PathBuf>,
}

impl Part for Affected {
    fn articles(&self) -> Option<&BTreeSet<String>> {
        Some(&self.articles)
    }
    fn scope(&self) -> Scope<'_> {
        Scope::Articles {
            paths: &self.articles,
            navigation: &self.navigation,
        }
    }
    fn search(&self, locale: &str) -> bool {
        self.locales.contains(locale)
    }
    fn resource(&self, file: &Path) -> bool {
        self.resources.contains(file)
    }
}

/// The articles a set of changes touches: the changed ones and those whose text names a changed
/// include or code sample (rendered in every locale, their search indexes rebuilt); with a
/// title or a table of contents changed, the locales concerned (their every page is rendered
/// again: navigation and neighbours change).
fn affected(book: &Book, changed: &Changed) -> Affected {
    let mut articles = changed.articles.clone();
    for (_, path) in &changed.dependencies {
        let name = path.rsplit('/').next().unwrap_or(path);
        articles.extend(
            book.articles
                .iter()
                .filter(|a| {
                    a.all_documents()
                        .any(|d| d.translation.contains(name) || d.english.contains(name))
                })
                .map(|a| a.path.clone()),
        );
    }
    let mut navigation = changed.navigation.clone();
    navigation.extend(changed.titles.iter().cloned());
    let mut locales: BTreeSet<String> = BTreeSet::new();
    for path in &articles {
        match book.article(path) {
            Some(article) => {
                locales.extend(article.documents.iter().map(|d| d.locale.clone()));
                locales.insert(book.source_locale().to_string());
            }
            None => {
                locales.extend(book.locales.iter().map(|l| l.tag.clone()));
                locales.insert(book.source_locale().to_string());
            }
        }
    }
    Affected {
        articles,
        navigation,
        locales,
        resources: changed
            .resources
            .iter()
            .filter_map(|(tag, path)| Some(book.files.get(tag, path)?.file.clone()))
            .collect(),
    }
}

/// What [`write`] wrote.
struct Written {
    pages: usize,
    resources: usize,
    search: Vec<search::Written>,
    diagnostics: Vec<Diagnostic>,
}

impl Written {
    /// Counts the report pages [`write_reports`] wrote, or keeps why it could not.
    fn add_reports(&mut self, reports: Result<usize, Diagnostic>) {
        match reports {
            Ok(pages) => self.pages += pages,
            Err(e) => self.diagnostics.push(e),
        }
    }
}

/// What the site is written from: the model and what was read or kept beside it.
struct Sources<'a> {
    book: &'a Book,
    alignment: &'a Alignment,
    theme: &'a Theme,
    xrefs: &'a XrefMap,
    counts: &'a search::Counts,
}

/// Writes `part` of the site: pages, sitemap, resources and static files (render), and the
/// search indexes. The alignment reports are written by [`write_reports`].
fn write(
    sources: &Sources,
    staging: &Staging,
    part: &dyn Part,
    progress: &dyn Progress,
) -> Written {
    let Sources {
        book,
        alignment,
        theme,
        xrefs,
        counts,
    } = *sources;
    let site = Site::new(book, alignment);
    let mut summary = render::render(&site, theme, xrefs, staging, part.scope(), progress);
    for (target, file) in site.resource_files() {
        if part.resource(file) {
            match staging.copy(target, file) {
                Ok(()) => summary.resources += 1,
                Err(e) => summary.diagnostics.push(output_error(Path::new(target), e)),
            }
        }
    }
    let mut diagnostics = summary.diagnostics;
    let wanted = |locale: &str| part.search(locale);
    let search = search::write(book, staging, &wanted, counts).unwrap_or_else(|e| {
        diagnostics.push(e);
        Vec::new()
    });
    Written {
        pages: summary.pages.len(),
        resources: summary.resources,
        search,
        diagnostics,
    }
}

/// Removes the pages of articles no longer in a locale, and the resources gone.
fn remove_gone(book: &Book, changed: &Changed, staging: &Staging) -> Vec<Diagnostic> {
    let english = book.source_locale();
    let tags: Vec<&str> = book
        .locales
        .iter()
        .map(|l| l.tag.as_str())
        .chain([english])
        .collect();
    let mut gone: Vec<String> = Vec::new();
    for path in &changed.articles {
        let article = book.article(path);
        let site = article.map_or_else(
            || {
                path.rsplit_once('.')
                    .map_or(path.as_str(), |(s, _)| s)
                    .to_string()
            },
            |a| a.site.clone(),
        );
        for tag in &tags {
            if article.is_none_or(|a| a.view(tag, english).is_none()) {
                gone.push(format!("{tag}/{site}.html"));
            }
        }
        if article.is_none() {
            gone.push(format!("reports/{}", report::html::article_path(path)));
        }
    }
    for (tag, site) in &changed.removed_resources {
        gone.push(format!("{tag}/{site}"));
        // Without a source folder, the English pages use the first locale's copy.
        let elsewhere = book.files.locales().any(|(_, files)| {
            files
                .values()
                .any(|f| matches!(&f.kind, crate::load::Kind::Resource { site: s } if s == site))
        });
        if book.source.is_none() && !elsewhere {
            gone.push(format!("{english}/{site}"));
        }
    }
    gone.into_iter()
        .filter_map(|page| {
            staging.remove(&page).err().map(|e| {
                Diagnostic::error(
                    Code::Write,
                    Path::new(&page),
                    (0, 0),
                    format!("cannot remove: {e}"),
                )
            })
        })
        .collect()
}

/// What `diglot check --offline` finds in `articles` (all when `None`) of the `locales` (all
/// when empty), for the alignment reports: the book's own findings, and those of the link and
/// consistency rules, with the severities book.toml sets. External links are not fetched;
/// `xref:` links are checked against `xrefs`, the maps of `[build] xref-maps` (when it lists
/// any).
pub fn report_findings(
    book: &Book,
    alignment: &Alignment,
    xrefs: &XrefMap,
    locales: &[String],
    articles: Option<&BTreeSet<String>>,
) -> Vec<Diagnostic> {
    let wanted = |path: &str| articles.is_none_or(|a| a.contains(path));
    let mut model = check::Model::of_articles(book, alignment, locales, wanted);
    if !book.config.xref_maps.is_empty() {
        model.xrefs = Some(xrefs.clone());
    }
    let in_model = |d: &Diagnostic| {
        d.article.as_deref().is_some_and(wanted)
            && (locales.is_empty() || d.locale.as_ref().is_none_or(|l| locales.contains(l)))
    };
    let mut found: Vec<Diagnostic> = book
        .diagnostics
        .iter()
        .filter(|d| in_model(d))
        .cloned()
        .collect();
    found.extend(check::links::check(&model).diagnostics);
    found.extend(check::consistency::check(&model));
    found.retain(|d| in_model(d));
    for d in &mut found {
        if let Some(&severity) = book.config.check.severity.get(&d.code) {
            d.severity = severity;
        }
    }
    found
}

/// Writes the alignment report into `reports/` of the site (the dashboard, the locales' review
/// pages, and the pages of the articles of `part`); returns the number of pages.
fn write_reports(
    sources: &Sources,
    report_findings: &[Diagnostic],
    staging: &Staging,
    part: &dyn Part,
) -> Result<usize, Diagnostic> {
    let articles = part.articles();
    let Sources {
        book,
        alignment,
        theme,
        ..
    } = *sources;
    let wanted = |path: &str| articles.is_none_or(|a| a.contains(path));
    let findings = report::html::Findings::place(book, alignment, report_findings);
    let write = |path: &str, html: &str| {
        let path = format!("reports/{path}");
        staging
            .write(&path, html.as_bytes())
            .map_err(|e| output_error(Path::new(&path), e))
    };
    let title = &book.config.title;
    report::html::pages(
        alignment,
        &findings,
        theme,
        title,
        "../",
        Some(&wanted),
        &write,
    )
}

fn output_error(dir: &Path, e: std::io::Error) -> Diagnostic {
    Diagnostic::error(Code::BuildDir, dir, (0, 0), e.to_string())
}

/// The build dir is replaced whole, so it must not hold the project or its content.
fn check_build_dir(config: &Config) -> Result<(), Diagnostic> {
    let build = crate::load::normalize(&config.build_dir);
    let root = crate::load::normalize(&config.root);
    let content = crate::load::normalize(&config.content_dir);
    let inside = |outer: &Path| outer.starts_with(&build);
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
