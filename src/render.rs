//! The site: one page per article and locale, the English source of every article, an index
//! per locale, a root index listing the locales, a 404 page and `sitemap.xml`, rendered in
//! parallel and written atomically.
//!
//! Every link in the site is relative, so it works from `file://` as well as from a server.
//! Article pages carry their English on demand: each segment names its English
//! ([`crate::bilingual`]) and the whole English source rides along for side-by-side reading.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use rayon::prelude::*;
use serde::Serialize;

use crate::align::{self, Status};
use crate::bilingual;
use crate::book::{Book, Media};
use crate::code::Code;
use crate::diagnostic::Diagnostic;
use crate::locale::Direction;
use crate::markdown::{self, Heading};
use crate::output::Staging;
use crate::parse::{Document, Format, Half};
use crate::progress::Progress;
use crate::sitemap;
use crate::theme::Theme;
use crate::toc::{self, Target};

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
    /// The English locale's tag, for links to the source.
    source_locale: &'a str,
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
    /// Where readers whose language the site lacks are sent: the English page, else the root.
    x_default: Option<String>,
    /// The page's absolute URL when the book has a `site-url`.
    canonical: Option<String>,
    breadcrumb: Vec<Crumb>,
    english_href: Option<String>,
    machine_translated: bool,
    /// Set when the translation was made from another English than the article's source.
    stale: Option<Stale>,
    /// The English source as HTML, for reading side by side with the translation.
    english_content: Option<String>,
    /// Whether the content has segments that show their English on hover and focus.
    segments: bool,
    robots: Option<String>,
    /// The locale's table of contents, flattened, or empty.
    nav: Vec<NavItem>,
    previous: Option<Link>,
    next: Option<Link>,
    articles: Vec<Link>,
    locales: Vec<LocaleLink>,
}

#[derive(Serialize)]
struct Stale {
    /// Segments whose English differs from the article's source.
    changed: usize,
    /// Translated from another `ms.sourcegitcommit` than the source.
    other_commit: bool,
}

/// One entry of the navigation, at `depth` (0 for the top level).
#[derive(Serialize)]
struct NavItem {
    title: String,
    href: Option<String>,
    depth: usize,
    current: bool,
}

#[derive(Serialize)]
struct Alternate {
    tag: String,
    name: String,
    href: String,
    /// `href` made absolute with the `site-url`, when there is one.
    url: String,
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
    /// The page a server shows for a missing path (`404.html`).
    NotFound,
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
    let (site, mut diagnostics) = Site::new(book);
    let mut jobs: Vec<Job> = Vec::new();
    for article in site.articles.values() {
        jobs.extend(article.jobs());
    }
    for locale in &site.tags {
        jobs.push(Job::LocaleIndex(locale));
    }
    jobs.push(Job::Root);
    jobs.push(Job::NotFound);

    let failed = diagnostics.len();
    diagnostics.extend(site.render_jobs(&jobs, theme, staging, progress));
    let pages = jobs.len() - (diagnostics.len() - failed);

    let map = sitemap::xml(&site.sitemap_entries());
    if let Err(e) = staging.write("sitemap.xml", map.as_bytes()) {
        diagnostics.push(write_error("sitemap.xml", e));
    }

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
    // Pages link to their neighbours (previous, next, navigation): the whole site is needed.
    let (site, mut diagnostics) = Site::new(book);
    let mut jobs: Vec<Job> = articles
        .iter()
        .filter_map(|path| site.articles.get(path))
        .flat_map(Article::jobs)
        .collect();
    if indexes {
        jobs.extend(site.tags.iter().map(|tag| Job::LocaleIndex(tag)));
        jobs.push(Job::Root);
    }
    diagnostics.extend(site.render_jobs(&jobs, theme, staging, &crate::progress::Silent));
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
        Code::Write,
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
    /// Each locale's table of contents (the source locale reads the English of the first
    /// locale that has one).
    tocs: HashMap<&'a str, Vec<toc::Entry>>,
    /// Each locale's articles in reading order: its table of contents first, then by title.
    order: HashMap<&'a str, Vec<&'a str>>,
    /// Position of `(locale, article)` in its reading order.
    position: HashMap<(&'a str, &'a str), usize>,
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
    /// The site of `book`, and the problems met reading its tables of contents.
    fn new(book: &'a Book) -> (Self, Vec<Diagnostic>) {
        let mut tags: Vec<&str> = book.locales.iter().map(|l| l.tag.as_str()).collect();
        tags.push(&book.config.source_locale);
        tags.sort();
        let articles = book
            .articles()
            .into_iter()
            .map(|(path, documents)| {
                let english = Book::english_source(&documents);
                (path, Article { documents, english })
            })
            .collect();
        let mut site = Site {
            book,
            articles,
            tags,
            tocs: HashMap::new(),
            order: HashMap::new(),
            position: HashMap::new(),
        };
        let diagnostics = site.read_tocs();
        site.order_articles();
        (site, diagnostics)
    }

    fn read_tocs(&mut self) -> Vec<Diagnostic> {
        let mut diagnostics = Vec::new();
        let mut english: Option<Vec<toc::Entry>> = None;
        for locale in &self.book.locales {
            match toc::read(&locale.root, Half::Target) {
                Ok(Some(entries)) => {
                    if english.is_none() {
                        english = toc::read(&locale.root, Half::Source).ok().flatten();
                    }
                    self.tocs.insert(locale.tag.as_str(), entries);
                }
                Ok(None) => {}
                Err(d) => diagnostics.push(d),
            }
        }
        if let Some(entries) = english {
            self.tocs.insert(self.english(), entries);
        }
        diagnostics
    }

    fn order_articles(&mut self) {
        let mut order = HashMap::new();
        for &tag in &self.tags {
            let mut listed: Vec<&'a str> = Vec::new();
            let mut seen: BTreeSet<&str> = BTreeSet::new();
            let mut in_toc = Vec::new();
            flatten(
                self.tocs.get(tag).map_or(&[][..], Vec::as_slice),
                0,
                &mut in_toc,
            );
            for (entry, _) in in_toc {
                if let Some(Target::Article(path)) = &entry.target
                    && let Some((&key, article)) = self.articles.get_key_value(path.as_str())
                    && *path != "index.md"
                    && self.document_in(article, tag).is_some()
                    && seen.insert(key)
                {
                    listed.push(key);
                }
            }
            let mut rest: Vec<(String, &'a str)> = self
                .articles
                .iter()
                .filter(|(path, _)| **path != "index.md" && !seen.contains(*path))
                .filter_map(|(path, article)| {
                    let title = self.title_in(article, tag)?;
                    Some((title.to_lowercase(), *path))
                })
                .collect();
            rest.sort();
            listed.extend(rest.into_iter().map(|(_, path)| path));
            for (i, path) in listed.iter().enumerate() {
                self.position.insert((tag, path), i);
            }
            order.insert(tag, listed);
        }
        self.order = order;
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

    /// The title of `article` in locale `tag`, if it exists there.
    fn title_in(&self, article: &Article<'a>, tag: &str) -> Option<&'a str> {
        let document = self.document_in(article, tag)?;
        Some(if tag == self.english() {
            &document.english_title
        } else {
            &document.title
        })
    }

    fn english(&self) -> &'a str {
        &self.book.config.source_locale
    }

    /// DocFX markdown of `document` for a reader of `lang`: includes and code samples are read
    /// from the document's locale folder, then from the source locale's when it has one.
    fn markdown(&self, text: &str, lang: &str, document: &Document) -> markdown::Rendered {
        let roots = [document.locale.as_str(), self.english()]
            .iter()
            .filter_map(|tag| self.book.locale(tag).map(|l| l.root.clone()))
            .collect();
        let files = markdown::DirFiles::new(roots);
        let options = markdown::Options {
            files: &files,
            ..markdown::Options::new(lang, &document.path)
        };
        markdown::render(text, &options)
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

    /// `path` (from the site root) as an absolute URL under the `site-url`, if there is one.
    fn url(&self, path: &str) -> Option<String> {
        let base = self.book.config.site_url.as_deref()?;
        Some(format!("{}/{path}", base.trim_end_matches('/')))
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
            Job::NotFound => "404.html".to_string(),
        }
    }

    fn render_job(&self, job: &Job, theme: &Theme, staging: &Staging) -> Result<(), Diagnostic> {
        let path = self.job_path(job);
        let (template, page) = match job {
            Job::Article(document) => ("page.html", self.article(document, &path, false)),
            Job::English(document) => ("page.html", self.article(document, &path, true)),
            Job::LocaleIndex(tag) => ("index.html", self.locale_index(tag, &path)),
            Job::Root => ("root.html", self.root()),
            Job::NotFound => ("404.html", self.not_found()),
        };
        let mut context = tera::Context::new();
        context.insert(
            "site",
            &SiteContext {
                title: &self.book.config.title,
                description: self.book.config.description.as_deref(),
                source_locale: self.english(),
            },
        );
        context.insert("page", &page);
        let html = theme.render(template, &context).map_err(|e| {
            Diagnostic::error(
                Code::Template,
                std::path::Path::new(template),
                (0, 0),
                format!("rendering {path}: {e}"),
            )
        })?;
        staging
            .write(&path, html.as_bytes())
            .map_err(|e| write_error(&path, e))
    }

    /// The locales an article exists in, the source locale included when it has English.
    fn locales_of(&self, article: &str) -> Vec<&'a str> {
        let entry = &self.articles[article];
        let mut tags: Vec<&str> = entry.documents.iter().map(|d| d.locale.as_str()).collect();
        if entry.english.is_some() {
            tags.push(self.english());
        }
        tags.sort();
        tags
    }

    fn alternate(&self, tag: &str, page: &str, root: &str, current: &str) -> Alternate {
        Alternate {
            tag: tag.to_string(),
            name: self.locale_name(tag),
            href: format!("{root}{page}"),
            url: self.url(page).unwrap_or_else(|| format!("{root}{page}")),
            current: tag == current,
        }
    }

    /// Links to this article in every locale that has it, and in English when it can be had.
    fn alternates(&self, article: &str, root: &str, current: &str) -> Vec<Alternate> {
        self.locales_of(article)
            .into_iter()
            .map(|tag| self.alternate(tag, &page_path(tag, article), root, current))
            .collect()
    }

    /// The navigation of locale `tag` seen from the page of `article` (None on index pages):
    /// its table of contents, unless that has a single entry (the breadcrumb does as much).
    fn nav(&self, tag: &str, root: &str, article: Option<&str>) -> Vec<NavItem> {
        let mut flat = Vec::new();
        flatten(
            self.tocs.get(tag).map_or(&[][..], Vec::as_slice),
            0,
            &mut flat,
        );
        if flat.len() < 2 {
            return Vec::new();
        }
        flat.into_iter()
            .map(|(entry, depth)| {
                let (href, current) = match &entry.target {
                    Some(Target::Article(path)) => {
                        let exists = self
                            .articles
                            .get(path.as_str())
                            .is_some_and(|a| self.document_in(a, tag).is_some());
                        (
                            exists.then(|| format!("{root}{}", page_path(tag, path))),
                            article == Some(path.as_str()),
                        )
                    }
                    Some(Target::Url(url)) => (Some(url.clone()), false),
                    None => (None, false),
                };
                NavItem {
                    title: entry.title.clone(),
                    href,
                    depth,
                    current,
                }
            })
            .collect()
    }

    /// The articles before and after `article` in the reading order of `tag`.
    fn neighbours(&self, tag: &str, article: &str, root: &str) -> (Option<Link>, Option<Link>) {
        let (Some(order), Some(&at)) = (self.order.get(tag), self.position.get(&(tag, article)))
        else {
            return (None, None);
        };
        let link = |i: usize| {
            let path = *order.get(i)?;
            let title = self.title_in(&self.articles[path], tag)?;
            Some(Link {
                title: title.to_string(),
                href: format!("{root}{}", page_path(tag, path)),
            })
        };
        (at.checked_sub(1).and_then(link), link(at + 1))
    }

    /// Whether the translation `document` was made from another English than the article's
    /// source, and how much of it differs.
    fn staleness(&self, document: &Document) -> Option<Stale> {
        let article = &self.articles[document.path.as_str()];
        let source = article.english?;
        if std::ptr::eq(source, document) {
            return None;
        }
        let other_commit = matches!(
            (&document.front.source_commit, &source.front.source_commit),
            (Some(a), Some(b)) if a != b
        );
        let changed = if document.format == Format::Sxs {
            let alignment = align::align_article(
                &document.path,
                &article.documents,
                std::slice::from_ref(&document.locale),
            );
            alignment.locales.first().map_or(0, |l| {
                l.counts.get(&Status::Drift).copied().unwrap_or_default()
            })
        } else {
            0
        };
        (other_commit || changed > 0).then_some(Stale {
            changed,
            other_commit,
        })
    }

    /// The translation of `document` as HTML, each segment in a span carrying its English.
    fn translation_html(&self, document: &Document) -> markdown::Rendered {
        let ranges: Vec<_> = document
            .translation_segments
            .iter()
            .map(|(_, r)| r.clone())
            .collect();
        let marked = bilingual::mark(&document.translation, &ranges);
        let mut rendered = self.markdown(&marked, &document.locale, document);
        rendered.html = bilingual::spans(&rendered.html, |n, in_link| {
            let segment = &document.segments[document.translation_segments[n].0];
            let mut attributes = format!("class=\"seg\" data-seg=\"{}\"", segment.id.suffix);
            if let Some(english) = segment.source.as_deref().map(bilingual::plain_text) {
                attributes.push_str(&format!(
                    " data-en=\"{}\"",
                    bilingual::escape_attribute(&english)
                ));
                if !in_link {
                    attributes.push_str(" tabindex=\"0\"");
                }
            }
            attributes
        });
        rendered
    }

    /// The English `document` was translated from, as HTML whose segments name their ids:
    /// its own English half when it has one, else the article's English source.
    fn english_html(&self, document: &'a Document) -> Option<String> {
        let source = if document.format == Format::Sxs {
            document
        } else {
            self.articles[document.path.as_str()].english?
        };
        let ranges: Vec<_> = source
            .english_segments
            .iter()
            .map(|(_, r)| r.clone())
            .collect();
        let marked = bilingual::mark(&source.english, &ranges);
        let html = without_anchors(&self.markdown(&marked, self.english(), source).html);
        Some(bilingual::spans(&html, |n, _| {
            let segment = &source.segments[source.english_segments[n].0];
            format!("class=\"seg-en\" data-seg=\"{}\"", segment.id.suffix)
        }))
    }

    fn article(&self, document: &'a Document, path: &str, english: bool) -> PageContext {
        let root = root_prefix(path);
        let (tag, title) = if english {
            (self.english(), &document.english_title)
        } else {
            (document.locale.as_str(), &document.title)
        };
        let rendered = if english {
            self.markdown(&document.english, tag, document)
        } else {
            self.translation_html(document)
        };
        let alternates = self.alternates(&document.path, &root, tag);
        let english_page = alternates.iter().find(|a| a.tag == self.english());
        let english_href = (!english)
            .then(|| english_page.map(|a| a.href.clone()))
            .flatten();
        let x_default = Some(english_page.map_or_else(
            || {
                self.url("index.html")
                    .unwrap_or(format!("{root}index.html"))
            },
            |a| a.url.clone(),
        ));
        let (previous, next) = self.neighbours(tag, &document.path, &root);
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
                .filter(|h| (2..=3).contains(&h.level))
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
            x_default,
            canonical: self.url(path),
            english_href,
            machine_translated: !english && document.front.is_machine_translated(),
            stale: (!english).then(|| self.staleness(document)).flatten(),
            english_content: (!english).then(|| self.english_html(document)).flatten(),
            segments: !english && !document.translation_segments.is_empty(),
            robots: document.front.robots.clone(),
            nav: self.nav(tag, &root, Some(&document.path)),
            previous,
            next,
            root,
            ..PageContext::default()
        }
    }

    fn locale_index(&self, tag: &str, path: &str) -> PageContext {
        let root = root_prefix(path);
        let english = tag == self.english();
        let landing = self
            .articles
            .get("index.md")
            .and_then(|a| self.document_in(a, tag));
        let articles: Vec<Link> = self.order[tag]
            .iter()
            .filter_map(|path| {
                let title = self.title_in(&self.articles[path], tag)?;
                let stem = path.strip_suffix(".md").unwrap_or(path);
                Some(Link {
                    title: title.to_string(),
                    href: format!("{stem}.html"),
                })
            })
            .collect();
        let (content, title, robots) = match landing {
            Some(d) => {
                let markdown = if english { &d.english } else { &d.translation };
                let title = if english { &d.english_title } else { &d.title };
                (
                    self.markdown(markdown, tag, d).html,
                    title.clone(),
                    d.front.robots.clone(),
                )
            }
            None => (String::new(), self.locale_name(tag), None),
        };
        let alternates = self
            .tags
            .iter()
            .map(|t| self.alternate(t, &format!("{t}/index.html"), &root, tag))
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
            x_default: Some(
                self.url("index.html")
                    .unwrap_or(format!("{root}index.html")),
            ),
            canonical: self.url(path),
            robots,
            nav: self.nav(tag, &root, None),
            articles,
            root,
            ..PageContext::default()
        }
    }

    fn locales(&self, root: &str) -> Vec<LocaleLink> {
        self.tags
            .iter()
            .map(|tag| LocaleLink {
                tag: tag.to_string(),
                name: self.locale_name(tag),
                dir: self.direction(tag).as_str(),
                href: format!("{root}{tag}/index.html"),
                articles: self
                    .articles
                    .values()
                    .filter(|a| self.document_in(a, tag).is_some())
                    .count(),
            })
            .collect()
    }

    fn root(&self) -> PageContext {
        PageContext {
            kind: "root",
            lang: self.english().to_string(),
            dir: "ltr",
            title: self.book.config.title.clone(),
            canonical: self.url("index.html"),
            locales: self.locales(""),
            ..PageContext::default()
        }
    }

    /// The 404 page: served for any missing path, so its links start at the site's root URL
    /// (the `site-url`, else the server's root).
    fn not_found(&self) -> PageContext {
        let root = self
            .book
            .config
            .site_url
            .as_deref()
            .map_or("/".to_string(), |u| format!("{}/", u.trim_end_matches('/')));
        PageContext {
            kind: "not-found",
            lang: self.english().to_string(),
            dir: "ltr",
            title: "Page not found".to_string(),
            robots: Some("noindex".to_string()),
            locales: self.locales(&root),
            root,
            ..PageContext::default()
        }
    }

    /// Every indexable page with its alternates, for `sitemap.xml`.
    fn sitemap_entries(&self) -> Vec<sitemap::Entry> {
        let location = |page: &str| self.url(page).unwrap_or_else(|| page.to_string());
        let mut entries = Vec::new();
        for (path, article) in &self.articles {
            let tags: Vec<&str> = self
                .locales_of(path)
                .into_iter()
                .filter(|tag| {
                    self.document_in(article, tag)
                        .is_some_and(|d| !sitemap::is_noindex(d.front.robots.as_deref()))
                })
                .collect();
            let alternates: Vec<(String, String)> = tags
                .iter()
                .map(|tag| (tag.to_string(), location(&page_path(tag, path))))
                .collect();
            for tag in &tags {
                entries.push(sitemap::Entry {
                    location: location(&page_path(tag, path)),
                    alternates: alternates.clone(),
                });
            }
        }
        let indexes: Vec<(String, String)> = self
            .tags
            .iter()
            .map(|tag| (tag.to_string(), location(&format!("{tag}/index.html"))))
            .collect();
        entries.push(sitemap::Entry {
            location: location("index.html"),
            alternates: Vec::new(),
        });
        for (_, index) in &indexes {
            entries.push(sitemap::Entry {
                location: index.clone(),
                alternates: indexes.clone(),
            });
        }
        entries
    }
}

/// `html` with its heading ids and `<a name>` anchors made inert (`data-` attributes): the
/// English that rides along a translation must not answer the page's fragment links.
fn without_anchors(html: &str) -> String {
    let mut html = html.replace("<a name=\"", "<a data-name=\"");
    for level in 1..=6 {
        html = html.replace(
            &format!("<h{level} id=\""),
            &format!("<h{level} data-id=\""),
        );
    }
    html
}

/// The entries of a table of contents in order, each with its depth.
fn flatten<'t>(entries: &'t [toc::Entry], depth: usize, out: &mut Vec<(&'t toc::Entry, usize)>) {
    for entry in entries {
        out.push((entry, depth));
        flatten(&entry.children, depth + 1, out);
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
