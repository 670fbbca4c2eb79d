//! The site: a page per article and locale (the English pages included), an index per locale,
//! a root page listing the locales, "not found" pages, `sitemap.xml` and the theme's static
//! files, rendered in parallel into a [`Staging`] folder; [`Site::resource_files`] lists the
//! resources the pages use.
//!
//! Every link in the site is relative, so it works from `file://` as well as from a server.
//!
//! - [`site`]: what every page knows about the rest of the site.
//! - [`article`], [`index`]: the page contexts of articles and of the other pages.
//! - [`content`]: a document's body as HTML, segments carrying their English.
//! - [`nav`]: the navigation tree and the breadcrumb.
//! - [`context`]: what the templates see.
//! - [`sitemap`]: the sitemap.

pub mod article;
pub mod content;
pub mod context;
pub mod index;
pub mod nav;
pub mod site;
pub mod sitemap;

use std::collections::BTreeSet;
use std::path::Path;

use rayon::prelude::*;

use crate::code::Code;
use crate::diagnostic::Diagnostic;
use crate::markdown;
use crate::output::Staging;
use crate::progress::Progress;
use crate::theme::Theme;
use content::Context;
use context::{PageContext, SiteContext};
pub use site::Site;

/// Which part of the site to render.
#[derive(Debug, Clone, Copy)]
pub enum Scope<'s> {
    /// Everything: pages, indexes, resources, static files, the sitemap.
    All,
    /// The pages of these articles in every locale, every page of the `navigation` locales
    /// (their sidebars or neighbours changed) and, when there are any, the locale indexes and
    /// the root page, and the sitemap: what an edit during `diglot serve` changes.
    Articles {
        paths: &'s BTreeSet<String>,
        navigation: &'s BTreeSet<String>,
    },
}

/// What a render wrote.
#[derive(Debug, Default)]
pub struct Summary {
    /// The pages written, as paths from the site root.
    pub pages: Vec<String>,
    /// Resource files copied (by the caller: [`Site::resource_files`] lists them).
    pub resources: usize,
    pub diagnostics: Vec<Diagnostic>,
}

/// One page to write.
enum Job {
    /// The page of article `index` (into `book.articles`) in a locale.
    Article(usize, String),
    /// A locale's index page.
    LocaleIndex(String),
    /// The root page listing the locales.
    Root,
    /// The page for a missing path, under a locale or at the root.
    NotFound(Option<String>),
}

/// Renders `scope` of the `site` into `staging`.
pub fn render(
    site: &Site,
    theme: &Theme,
    xrefs: &dyn markdown::Xrefs,
    staging: &Staging,
    scope: Scope,
    progress: &dyn Progress,
) -> Summary {
    let book = site.book;
    let context = Context { site, theme, xrefs };
    let mut jobs: Vec<Job> = Vec::new();
    let no_locales = BTreeSet::new();
    let (paths, navigation, indexes) = match scope {
        Scope::All => (None, &no_locales, true),
        Scope::Articles { paths, navigation } => (Some(paths), navigation, !navigation.is_empty()),
    };
    let wanted = |path: &str| paths.is_none_or(|p| p.contains(path));
    for (i, article) in book.articles.iter().enumerate() {
        if site::is_landing(article) {
            continue;
        }
        let every_locale = wanted(&article.path);
        for tag in site.locales_of(article) {
            if every_locale || navigation.contains(tag) {
                jobs.push(Job::Article(i, tag.to_string()));
            }
        }
    }
    let landing_changed = book
        .articles
        .iter()
        .any(|a| site::is_landing(a) && wanted(&a.path));
    if indexes || landing_changed {
        jobs.extend(site.tags.iter().map(|t| Job::LocaleIndex(t.to_string())));
        jobs.push(Job::Root);
    }
    if matches!(scope, Scope::All) {
        jobs.push(Job::NotFound(None));
        jobs.extend(site.tags.iter().map(|t| Job::NotFound(Some(t.to_string()))));
    }

    progress.begin("render", jobs.len() as u64);
    let results: Vec<Result<JobOutput, Diagnostic>> = jobs
        .par_iter()
        .map(|job| {
            let result = render_job(&context, job, staging);
            progress.advance();
            result
        })
        .collect();
    progress.end();
    let mut summary = Summary::default();
    for result in results {
        match result {
            Ok((page, found)) => {
                summary.pages.extend(page);
                summary.diagnostics.extend(found);
            }
            Err(d) => summary.diagnostics.push(d),
        }
    }

    let map = sitemap::xml(&sitemap::entries(site));
    if let Err(e) = staging.write("sitemap.xml", map.as_bytes()) {
        summary.diagnostics.push(write_error("sitemap.xml", e));
    }
    if matches!(scope, Scope::All) {
        for (name, bytes) in theme.assets() {
            let target = format!("static/{name}");
            if let Err(e) = staging.write(&target, bytes) {
                summary.diagnostics.push(write_error(&target, e));
            }
        }
    }
    summary
}

/// What one render job gives: the page it wrote (for the sitemap and the summary), if any,
/// and what it found on the way.
type JobOutput = (Option<String>, Vec<Diagnostic>);

/// Renders and writes one page; `None` when the article has no page in that locale. With the
/// page, what its markdown had to say.
fn render_job(context: &Context, job: &Job, staging: &Staging) -> Result<JobOutput, Diagnostic> {
    let site = context.site;
    let mut found = Vec::new();
    let (path, template, page) = match job {
        Job::Article(i, tag) => {
            let article = &site.book.articles[*i];
            let Some((page, diagnostics)) = article::page(context, article, tag) else {
                return Ok((None, Vec::new()));
            };
            found = diagnostics;
            (article.page(tag), "page.html", page)
        }
        Job::LocaleIndex(tag) => {
            let path = format!("{tag}/index.html");
            let (page, diagnostics) = index::locale_index(context, tag, &path);
            found = diagnostics;
            (path, "index.html", page)
        }
        Job::Root => ("index.html".to_string(), "root.html", index::root(site)),
        Job::NotFound(tag) => {
            let path = match tag {
                Some(tag) => format!("{tag}/404.html"),
                None => "404.html".to_string(),
            };
            (path, "404.html", index::not_found(site, tag.as_deref()))
        }
    };
    let html = render_page(site, context.theme, template, &page).map_err(|e| {
        Diagnostic::error(
            Code::Template,
            Path::new(template),
            (0, 0),
            format!("rendering {path}: {e}"),
        )
    })?;
    staging
        .write(&path, html.as_bytes())
        .map_err(|e| write_error(&path, e))?;
    Ok((Some(path), found))
}

fn render_page(
    site: &Site,
    theme: &Theme,
    template: &str,
    page: &PageContext,
) -> Result<String, String> {
    let mut context = tera::Context::new();
    context.insert(
        "site",
        &SiteContext {
            title: &site.book.config.title,
            description: site.book.config.description.as_deref(),
            source_locale: site.english(),
        },
    );
    context.insert("page", page);
    theme.render(template, &page.lang, &context)
}

fn write_error(target: &str, e: std::io::Error) -> Diagnostic {
    Diagnostic::error(
        Code::Write,
        Path::new(target),
        (0, 0),
        format!("cannot write: {e}"),
    )
}
