//! The site: one page per article and locale, the English source of every article, an index
//! per locale and a root index listing the locales, rendered in parallel and written atomically.
//!
//! Every link in the site is relative, so it works from `file://` as well as from a server.

use std::collections::{BTreeMap, BTreeSet};

use rayon::prelude::*;
use serde::Serialize;

use crate::book::{Book, Media};
use crate::diagnostic::Diagnostic;
use crate::locale::Direction;
use crate::markdown::{self, Heading};
use crate::output::Staging;
use crate::parse::Document;
use crate::progress::Progress;
use crate::theme::Theme;

/// What a build wrote.
#[derive(Debug, Default)]
pub struct Summary {
    pub pages: usize,
    pub media: usize,
}

#[derive(Serialize)]
struct SiteContext<'a> {
    title: &'a str,
    description: Option<&'a str>,
}

#[derive(Serialize, Default)]
struct PageContext {
    kind: &'static str,
    lang: String,
    dir: &'static str,
    title: String,
    /// Relative path from the page to the site root: `""` or `"../"` and so on.
    root: String,
    locale_name: String,
    content: String,
    headings: Vec<Heading>,
    alternates: Vec<Alternate>,
    breadcrumb: Vec<Crumb>,
    english_href: Option<String>,
    machine_translated: bool,
    robots: Option<String>,
    articles: Vec<Link>,
    locales: Vec<LocaleLink>,
}

#[derive(Serialize)]
struct Alternate {
    tag: String,
    name: String,
    href: String,
    current: bool,
}

#[derive(Serialize)]
struct Crumb {
    title: String,
    href: Option<String>,
}

#[derive(Serialize)]
struct Link {
    title: String,
    href: String,
}

#[derive(Serialize)]
struct LocaleLink {
    tag: String,
    name: String,
    dir: &'static str,
    href: String,
    articles: usize,
}

/// One page to write.
enum Job<'a> {
    /// A translated article.
    Article(&'a Document),
    /// The English source of an article, from the document that carries it.
    English(&'a Document),
    /// A locale's landing page (`<locale>/index.html`), with its own `index.md` if it has one.
    LocaleIndex(&'a str),
    /// The root page listing the locales.
    Root,
}

/// The output path of an article page: `<locale>/<path>.html`.
pub fn page_path(locale: &str, article: &str) -> String {
    let stem = article.strip_suffix(".md").unwrap_or(article);
    format!("{locale}/{stem}.html")
}

/// `../` once per folder between a page and the site root.
fn root_prefix(page: &str) -> String {
    "../".repeat(page.matches('/').count())
}

/// Renders the whole book into `staging`.
pub fn render(
    book: &Book,
    theme: &Theme,
    staging: &Staging,
    progress: &dyn Progress,
) -> (Summary, Vec<Diagnostic>) {
    let site = Site::new(book);
    let mut jobs: Vec<Job> = Vec::new();
    for article in site.articles.values() {
        jobs.extend(article.jobs());
    }
    for locale in &site.tags {
        jobs.push(Job::LocaleIndex(locale));
    }
    jobs.push(Job::Root);

    let mut diagnostics = site.render_jobs(&jobs, theme, staging, progress);
    let pages = jobs.len() - diagnostics.len();

    let (media, media_diagnostics) = copy_media(book, staging, |_| true);
    diagnostics.extend(media_diagnostics);
    for (name, bytes) in theme.assets() {
        let target = format!("static/{name}");
        if let Err(e) = staging.write(&target, bytes) {
            diagnostics.push(write_error(&target, e));
        }
    }
    (Summary { pages, media }, diagnostics)
}

/// Renders again only the pages of `articles` (the page of each locale and the English page)
/// and, when `indexes`, the locale indexes and the root: the incremental rebuild of
/// `diglot serve`. Returns the paths of the pages rendered and the problems met.
pub fn render_articles(
    book: &Book,
    theme: &Theme,
    staging: &Staging,
    articles: &BTreeSet<&str>,
    indexes: bool,
) -> (Vec<String>, Vec<Diagnostic>) {
    // The indexes list every article; the pages of a few articles need only those.
    let site = if indexes {
        Site::new(book)
    } else {
        let documents = articles.iter().filter_map(|path| {
            let start = book.documents.partition_point(|d| d.path.as_str() < *path);
            let end = book.documents.partition_point(|d| d.path.as_str() <= *path);
            let found: Vec<&Document> = book.documents[start..end].iter().collect();
            (!found.is_empty()).then_some((*path, found))
        });
        Site::of(book, documents.collect())
    };
    let mut jobs: Vec<Job> = articles
        .iter()
        .filter_map(|path| site.articles.get(path))
        .flat_map(Article::jobs)
        .collect();
    if indexes {
        jobs.extend(site.tags.iter().map(|tag| Job::LocaleIndex(tag)));
        jobs.push(Job::Root);
    }
    let diagnostics = site.render_jobs(&jobs, theme, staging, &crate::progress::Silent);
    let paths = jobs.iter().map(|job| site.job_path(job)).collect();
    (paths, diagnostics)
}

/// Copies the media `wanted` beside the pages of their locale, and the first copy of each path
/// beside the English pages too. Returns the number of files copied and the problems met.
pub fn copy_media(
    book: &Book,
    staging: &Staging,
    wanted: impl Fn(&Media) -> bool,
) -> (usize, Vec<Diagnostic>) {
    let mut copied = 0;
    let mut diagnostics = Vec::new();
    let mut english_media = BTreeSet::new();
    let english_tag = &book.config.source_locale;
    for item in book.media.iter().filter(|item| wanted(item)) {
        let mut targets = vec![format!("{}/{}", item.locale, item.path)];
        if english_media.insert(item.path.as_str()) {
            targets.push(format!("{english_tag}/{}", item.path));
        }
        for target in targets {
            match staging.copy(&target, &item.file) {
                Ok(()) => copied += 1,
                Err(e) => diagnostics.push(write_error(&target, e)),
            }
        }
    }
    (copied, diagnostics)
}

fn write_error(target: &str, e: std::io::Error) -> Diagnostic {
    Diagnostic::error(
        "write",
        std::path::Path::new(target),
        (0, 0),
        format!("cannot write: {e}"),
    )
}

/// What every page needs to know about the rest of the site.
struct Site<'a> {
    book: &'a Book,
    articles: BTreeMap<&'a str, Article<'a>>,
    /// Translated locales plus the source locale, sorted.
    tags: Vec<&'a str>,
}

/// One article: its documents, and the one whose English half is its English page.
struct Article<'a> {
    documents: Vec<&'a Document>,
    english: Option<&'a Document>,
}

impl<'a> Article<'a> {
    /// The pages of this article: one per locale, and the English page (`index.md` is no page:
    /// it is the landing text of the locale index).
    fn jobs(&self) -> impl Iterator<Item = Job<'a>> + '_ {
        let is_page = |d: &&Document| d.path != "index.md";
        let pages = self.documents.iter().copied().filter(is_page);
        let english = self.english.filter(is_page);
        pages.map(Job::Article).chain(english.map(Job::English))
    }
}

impl<'a> Site<'a> {
    fn new(book: &'a Book) -> Self {
        Site::of(book, book.articles())
    }

    /// A site that knows only `articles`: enough for their own pages, not for the indexes.
    fn of(book: &'a Book, articles: BTreeMap<&'a str, Vec<&'a Document>>) -> Self {
        let mut tags: Vec<&str> = book.locales.iter().map(|l| l.tag.as_str()).collect();
        tags.push(&book.config.source_locale);
        tags.sort();
        let articles = articles
            .into_iter()
            .map(|(path, documents)| {
                let english = Book::english_source(&documents);
                (path, Article { documents, english })
            })
            .collect();
        Site {
            book,
            articles,
            tags,
        }
    }

    /// The document of `article` shown in locale `tag`: the English source for the source
    /// locale, the locale's own translation otherwise.
    fn document_in(&self, article: &Article<'a>, tag: &str) -> Option<&'a Document> {
        if tag == self.english() {
            article.english
        } else {
            article.documents.iter().copied().find(|d| d.locale == tag)
        }
    }

    fn english(&self) -> &'a str {
        &self.book.config.source_locale
    }

    fn locale_name(&self, tag: &str) -> String {
        self.book
            .locale(tag)
            .map(|l| l.name.clone())
            .unwrap_or_else(|| crate::locale::default_name(tag))
    }

    fn direction(&self, tag: &str) -> Direction {
        self.book
            .locale(tag)
            .map_or_else(|| crate::locale::default_direction(tag), |l| l.dir)
    }

    /// Renders `jobs` in parallel; returns the problems met.
    fn render_jobs(
        &self,
        jobs: &[Job],
        theme: &Theme,
        staging: &Staging,
        progress: &dyn Progress,
    ) -> Vec<Diagnostic> {
        progress.begin("render", jobs.len() as u64);
        let results: Vec<Result<(), Diagnostic>> = jobs
            .par_iter()
            .map(|job| {
                let result = self.render_job(job, theme, staging);
                progress.advance();
                result
            })
            .collect();
        progress.end();
        results.into_iter().filter_map(Result::err).collect()
    }

    /// The output path of a page.
    fn job_path(&self, job: &Job) -> String {
        match job {
            Job::Article(document) => page_path(&document.locale, &document.path),
            Job::English(document) => page_path(self.english(), &document.path),
            Job::LocaleIndex(tag) => format!("{tag}/index.html"),
            Job::Root => "index.html".to_string(),
        }
    }

    fn render_job(&self, job: &Job, theme: &Theme, staging: &Staging) -> Result<(), Diagnostic> {
        let path = self.job_path(job);
        let (template, page) = match job {
            Job::Article(document) => ("page.html", self.article(document, &path, false)),
            Job::English(document) => ("page.html", self.article(document, &path, true)),
            Job::LocaleIndex(tag) => ("index.html", self.locale_index(tag, &path)),
            Job::Root => ("root.html", self.root()),
        };
        let mut context = tera::Context::new();
        context.insert(
            "site",
            &SiteContext {
                title: &self.book.config.title,
                description: self.book.config.description.as_deref(),
            },
        );
        context.insert("page", &page);
        let html = theme.render(template, &context).map_err(|e| {
            Diagnostic::error(
                "template",
                std::path::Path::new(template),
                (0, 0),
                format!("rendering {path}: {e}"),
            )
        })?;
        staging
            .write(&path, html.as_bytes())
            .map_err(|e| write_error(&path, e))
    }

    /// Links to this article in every locale that has it, and in English when it can be had.
    fn alternates(&self, article: &str, root: &str, current: &str) -> Vec<Alternate> {
        let entry = &self.articles[article];
        let mut tags: Vec<&str> = entry.documents.iter().map(|d| d.locale.as_str()).collect();
        if entry.english.is_some() {
            tags.push(self.english());
        }
        tags.sort();
        tags.into_iter()
            .map(|tag| Alternate {
                tag: tag.to_string(),
                name: self.locale_name(tag),
                href: format!("{root}{}", page_path(tag, article)),
                current: tag == current,
            })
            .collect()
    }

    fn article(&self, document: &Document, path: &str, english: bool) -> PageContext {
        let root = root_prefix(path);
        let (tag, markdown, title) = if english {
            (self.english(), &document.english, &document.english_title)
        } else {
            (
                document.locale.as_str(),
                &document.translation,
                &document.title,
            )
        };
        let rendered = markdown::to_html(markdown, tag);
        let alternates = self.alternates(&document.path, &root, tag);
        let english_href = (!english)
            .then(|| {
                alternates
                    .iter()
                    .find(|a| a.tag == self.english())
                    .map(|a| a.href.clone())
            })
            .flatten();
        PageContext {
            kind: if english { "source" } else { "article" },
            lang: tag.to_string(),
            dir: self.direction(tag).as_str(),
            title: title.clone(),
            locale_name: self.locale_name(tag),
            content: rendered.html,
            headings: rendered
                .headings
                .into_iter()
                .filter(|h| h.level <= 3)
                .collect(),
            breadcrumb: vec![
                Crumb {
                    title: self.book.config.title.clone(),
                    href: Some(format!("{root}index.html")),
                },
                Crumb {
                    title: self.locale_name(tag),
                    href: Some(format!("{root}{tag}/index.html")),
                },
                Crumb {
                    title: title.clone(),
                    href: None,
                },
            ],
            alternates,
            english_href,
            machine_translated: !english && document.front.is_machine_translated(),
            robots: document.front.robots.clone(),
            root,
            ..PageContext::default()
        }
    }

    fn locale_index(&self, tag: &str, path: &str) -> PageContext {
        let root = root_prefix(path);
        let english = tag == self.english();
        let mut landing: Option<&Document> = None;
        let mut articles: Vec<Link> = Vec::new();
        for (article, entry) in &self.articles {
            let Some(document) = self.document_in(entry, tag) else {
                continue;
            };
            if *article == "index.md" {
                landing = Some(document);
                continue;
            }
            let title = if english {
                &document.english_title
            } else {
                &document.title
            };
            let stem = article.strip_suffix(".md").unwrap_or(article);
            articles.push(Link {
                title: title.clone(),
                href: format!("{stem}.html"),
            });
        }
        articles.sort_by_cached_key(|a| (a.title.to_lowercase(), a.href.clone()));
        let (content, title, robots) = match landing {
            Some(d) => {
                let markdown = if english { &d.english } else { &d.translation };
                let title = if english { &d.english_title } else { &d.title };
                (
                    markdown::to_html(markdown, tag).html,
                    title.clone(),
                    d.front.robots.clone(),
                )
            }
            None => (String::new(), self.locale_name(tag), None),
        };
        let alternates = self
            .tags
            .iter()
            .map(|t| Alternate {
                tag: t.to_string(),
                name: self.locale_name(t),
                href: format!("{root}{t}/index.html"),
                current: *t == tag,
            })
            .collect();
        PageContext {
            kind: "index",
            lang: tag.to_string(),
            dir: self.direction(tag).as_str(),
            title,
            locale_name: self.locale_name(tag),
            content,
            breadcrumb: vec![
                Crumb {
                    title: self.book.config.title.clone(),
                    href: Some(format!("{root}index.html")),
                },
                Crumb {
                    title: self.locale_name(tag),
                    href: None,
                },
            ],
            alternates,
            robots,
            articles,
            root,
            ..PageContext::default()
        }
    }

    fn root(&self) -> PageContext {
        let locales = self
            .tags
            .iter()
            .map(|tag| LocaleLink {
                tag: tag.to_string(),
                name: self.locale_name(tag),
                dir: self.direction(tag).as_str(),
                href: format!("{tag}/index.html"),
                articles: self
                    .articles
                    .values()
                    .filter(|a| self.document_in(a, tag).is_some())
                    .count(),
            })
            .collect();
        PageContext {
            kind: "root",
            lang: self.english().to_string(),
            dir: "ltr",
            title: self.book.config.title.clone(),
            locales,
            ..PageContext::default()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn page_paths_keep_folders_and_swap_the_extension() {
        assert_eq!(page_path("nl-NL", "a.md"), "nl-NL/a.html");
        assert_eq!(page_path("en-US", "sub/b.md"), "en-US/sub/b.html");
        assert_eq!(root_prefix("nl-NL/sub/b.html"), "../../");
        assert_eq!(root_prefix("index.html"), "");
    }
}
