//! The incremental rebuild: the parsed book stays in memory between edits; a batch of changed
//! files re-reads only those files, re-renders only the pages they show on, and rewrites only
//! the files of the site whose bytes changed.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Component, Path, PathBuf};
use std::time::{Duration, Instant};

use crate::book::{Book, Media};
use crate::diagnostic::{self, Diagnostic, Severity};
use crate::load::{self, Entry};
use crate::output::Staging;
use crate::render;
use crate::theme::Theme;

use super::watch::{Batch, Change};

/// The site being served: its parsed book and its theme.
pub struct Live {
    pub book: Book,
    theme: Theme,
}

/// What a batch of changes needs.
#[derive(Debug, Default, PartialEq)]
pub struct Plan {
    /// book.toml, the theme, a `docfx.json`, a TOC or a locale folder changed: build it all.
    pub full: bool,
    /// Files or folders appeared or disappeared: walk the locale folders again.
    pub rediscover: bool,
    /// Known articles to read again, as (locale index, path under the locale folder).
    pub articles: BTreeSet<(usize, String)>,
    /// Known media files to copy again.
    pub media: BTreeSet<PathBuf>,
}

/// What one incremental rebuild did.
#[derive(Debug)]
pub struct Rebuilt {
    /// The articles read again (their paths under the locale folders).
    pub articles: Vec<String>,
    /// Pages rendered, and files of the site replaced or removed because their bytes changed.
    pub pages: usize,
    pub changed: usize,
    pub elapsed: Duration,
    /// What the changed files have to say, and any problem writing the site.
    pub diagnostics: Vec<Diagnostic>,
}

/// The outcome of a batch.
#[derive(Debug)]
pub enum Update {
    /// Nothing the site is built from changed.
    Nothing,
    /// Only a full build can follow this change.
    Full,
    Rebuilt(Rebuilt),
}

/// The articles and media an update touched.
#[derive(Default)]
struct Touched {
    articles: BTreeSet<String>,
    /// A title changed or an article came or went: the indexes list them.
    indexes: bool,
    /// Media paths (under the locale folder) to copy again, and media files gone.
    media: BTreeSet<String>,
    removed_media: Vec<Media>,
}

impl Live {
    pub fn new(book: Book, theme: Theme) -> Live {
        Live { book, theme }
    }

    /// Sorts the changed paths of a batch into what they need.
    pub fn plan(&self, batch: &Batch) -> Plan {
        let mut plan = Plan {
            full: batch.rescan,
            ..Plan::default()
        };
        for change in &batch.changes {
            self.plan_one(change, &mut plan);
        }
        plan
    }

    fn plan_one(&self, change: &Change, plan: &mut Plan) {
        let config = &self.book.config;
        let path = load::normalize(&change.path);
        if is_build_output(&config.build_dir, &path) {
            return;
        }
        if path == config.root.join(crate::config::FILE_NAME)
            || config.theme.as_deref().is_some_and(|t| path.starts_with(t))
        {
            plan.full = true;
            return;
        }
        let Some((locale, relative)) = self.locale_of(&path) else {
            let name = path.file_name().unwrap_or_default().to_string_lossy();
            let new_locale = path.parent() == Some(config.content_dir.as_path())
                && crate::locale::is_tag(&name)
                && path.is_dir();
            plan.full |= new_locale;
            return;
        };
        let name = relative.rsplit('/').next().unwrap_or_default();
        if relative.is_empty() || relative == "docfx.json" || name.eq_ignore_ascii_case("toc.yml") {
            plan.full = true;
            return;
        }
        let skipped = relative.starts_with("includes/")
            || relative
                .split('/')
                .any(|part| part.starts_with('.') || part == "obj" || part.starts_with("_themes"));
        if skipped {
            return;
        }
        let extension = name.rsplit_once('.').map(|(_, e)| e.to_ascii_lowercase());
        let is_file = path.is_file();
        match extension.as_deref() {
            Some("md") if is_file && self.document(locale, &relative).is_some() => {
                plan.articles.insert((locale, relative));
            }
            Some(extension) if is_file && load::MEDIA_EXTENSIONS.contains(&extension) => {
                if self.book.media.iter().any(|m| m.file == path) {
                    plan.media.insert(path);
                } else {
                    plan.rediscover = true;
                }
            }
            Some("md") => plan.rediscover = true,
            Some(extension) if load::MEDIA_EXTENSIONS.contains(&extension) => {
                plan.rediscover = true;
            }
            _ => plan.rediscover |= change.folder || path.is_dir(),
        }
    }

    /// The locale whose folder holds `path`, and the path under it, `/`-separated.
    fn locale_of(&self, path: &Path) -> Option<(usize, String)> {
        self.book
            .locales
            .iter()
            .enumerate()
            .filter_map(|(index, locale)| {
                let relative = path.strip_prefix(&locale.root).ok()?;
                let parts: Option<Vec<&str>> = relative
                    .components()
                    .map(|c| match c {
                        Component::Normal(part) => part.to_str(),
                        _ => None,
                    })
                    .collect();
                Some((index, parts?.join("/")))
            })
            .max_by_key(|(index, _)| self.book.locales[*index].root.as_os_str().len())
    }

    /// Where the document of `locale` for `path` sits in [`Book::documents`].
    fn document(&self, locale: usize, path: &str) -> Option<usize> {
        let tag = self.book.locales[locale].tag.as_str();
        self.book
            .documents
            .binary_search_by(|d| (d.path.as_str(), d.locale.as_str()).cmp(&(path, tag)))
            .ok()
    }

    /// Applies a plan that needs no full build: reads the changed files again, renders their
    /// pages into the live build dir, and removes the pages of articles that are gone.
    pub fn update(&mut self, plan: Plan) -> Update {
        if plan.full {
            return Update::Full;
        }
        if !plan.rediscover && plan.articles.is_empty() && plan.media.is_empty() {
            return Update::Nothing;
        }
        let started = Instant::now();
        let mut diagnostics = Vec::new();
        let mut touched = Touched::default();
        let mut entries: Vec<Entry> = plan
            .articles
            .into_iter()
            .map(|(locale, path)| Entry {
                file: self.book.locales[locale].root.join(&path),
                locale,
                path,
            })
            .collect();
        touched.media = self
            .book
            .media
            .iter()
            .filter(|m| plan.media.contains(&m.file))
            .map(|m| m.path.clone())
            .collect();
        if plan.rediscover {
            match self.rediscover(&mut entries, &mut touched) {
                Ok(()) => {}
                Err(full) => return full,
            }
        }
        for entry in entries {
            self.reread(&entry, &mut touched, &mut diagnostics);
        }
        let build_dir = self.book.config.build_dir.clone();
        let staging = match Staging::in_place(&build_dir) {
            Ok(staging) => staging,
            Err(e) => {
                diagnostics.push(Diagnostic::error(
                    "build-dir",
                    &build_dir,
                    (0, 0),
                    e.to_string(),
                ));
                return Update::Full;
            }
        };
        let pages = self.render(&touched, &staging, &mut diagnostics);
        diagnostic::sort(&mut diagnostics);
        Update::Rebuilt(Rebuilt {
            articles: touched.articles.into_iter().collect(),
            pages,
            changed: staging.changed(),
            elapsed: started.elapsed(),
            diagnostics,
        })
    }

    /// Walks the locale folders again: new articles join `entries`, articles and media gone
    /// leave the book. A change in the set of locales needs a full build.
    fn rediscover(
        &mut self,
        entries: &mut Vec<Entry>,
        touched: &mut Touched,
    ) -> Result<(), Update> {
        let inventory = load::discover(&self.book.config).map_err(|_| Update::Full)?;
        let same_locales = inventory.locales.len() == self.book.locales.len()
            && inventory
                .locales
                .iter()
                .zip(&self.book.locales)
                .all(|(a, b)| a.tag == b.tag && a.root == b.root);
        if !same_locales {
            return Err(Update::Full);
        }
        let found: BTreeSet<(&str, &str)> = inventory
            .articles
            .iter()
            .map(|e| (inventory.locales[e.locale].tag.as_str(), e.path.as_str()))
            .collect();
        let before = self.book.documents.len();
        self.book.documents.retain(|d| {
            let kept = found.contains(&(d.locale.as_str(), d.path.as_str()));
            if !kept {
                touched.articles.insert(d.path.clone());
            }
            kept
        });
        touched.indexes |= self.book.documents.len() != before;
        for entry in &inventory.articles {
            if self.document(entry.locale, &entry.path).is_none()
                && !entries.iter().any(|e| e.file == entry.file)
            {
                entries.push(entry.clone());
            }
        }
        let media = Media::all(&inventory.locales, inventory.media);
        let old: BTreeMap<&Path, &Media> = self
            .book
            .media
            .iter()
            .map(|m| (m.file.as_path(), m))
            .collect();
        let new: BTreeSet<&Path> = media.iter().map(|m| m.file.as_path()).collect();
        touched.media.extend(
            media
                .iter()
                .filter(|m| !old.contains_key(m.file.as_path()))
                .map(|m| m.path.clone()),
        );
        touched.removed_media = old
            .values()
            .filter(|m| !new.contains(m.file.as_path()))
            .map(|m| (*m).clone())
            .collect();
        self.book.media = media;
        Ok(())
    }

    /// Reads and parses one article again and puts it in the book, unless the edit broke it: a
    /// file that cannot be read, or that has more errors than before, leaves the previous
    /// version in place (and its page served).
    fn reread(&mut self, entry: &Entry, touched: &mut Touched, diagnostics: &mut Vec<Diagnostic>) {
        let (document, found) = self.book.read_article(entry);
        let display = load::display_path(&self.book.config.root, &entry.file);
        let errors = |list: &[Diagnostic]| {
            list.iter()
                .filter(|d| d.file == display && d.severity == Severity::Error)
                .count()
        };
        let index = self.document(entry.locale, &entry.path);
        let broken = index.is_some()
            && (document.is_none() || errors(&found) > errors(&self.book.diagnostics));
        diagnostics.extend(found.iter().cloned());
        if broken {
            diagnostics.push(Diagnostic::warning(
                "serve-kept",
                &display,
                (0, 0),
                "the previous version of this page is still served until the file is fixed",
            ));
            return;
        }
        let Some(document) = document else {
            return;
        };
        self.book.diagnostics.retain(|d| d.file != display);
        self.book.diagnostics.extend(found);
        touched.articles.insert(document.path.clone());
        touched.indexes |= document.path == "index.md";
        match index {
            Some(index) => {
                let old = &self.book.documents[index];
                touched.indexes |=
                    old.title != document.title || old.english_title != document.english_title;
                self.book.documents[index] = document;
            }
            None => {
                touched.indexes = true;
                let at = self
                    .book
                    .documents
                    .partition_point(|d| (&d.path, &d.locale) < (&document.path, &document.locale));
                self.book.documents.insert(at, document);
            }
        }
    }

    /// Renders the touched pages and media into the build dir; removes pages and media that
    /// are gone. Returns the number of pages rendered.
    fn render(
        &self,
        touched: &Touched,
        staging: &Staging,
        diagnostics: &mut Vec<Diagnostic>,
    ) -> usize {
        let book = &self.book;
        let articles: BTreeSet<&str> = touched.articles.iter().map(String::as_str).collect();
        let (rendered, found) =
            render::render_articles(book, &self.theme, staging, &articles, touched.indexes);
        let rendered_all = found.is_empty();
        diagnostics.extend(found);
        let (_, found) = render::copy_media(book, staging, |m| touched.media.contains(&m.path));
        diagnostics.extend(found);

        let english = book.config.source_locale.as_str();
        let tags = book.locales.iter().map(|l| l.tag.as_str()).chain([english]);
        let mut gone: Vec<String> = Vec::new();
        if rendered_all {
            let rendered: BTreeSet<&str> = rendered.iter().map(String::as_str).collect();
            for article in articles.iter().filter(|a| **a != "index.md") {
                gone.extend(
                    tags.clone()
                        .map(|tag| render::page_path(tag, article))
                        .filter(|page| !rendered.contains(page.as_str())),
                );
            }
        }
        for media in &touched.removed_media {
            gone.push(format!("{}/{}", media.locale, media.path));
            if !book.media.iter().any(|m| m.path == media.path) {
                gone.push(format!("{english}/{}", media.path));
            }
        }
        for page in gone {
            if let Err(e) = staging.remove(&page) {
                diagnostics.push(Diagnostic::error(
                    "write",
                    Path::new(&page),
                    (0, 0),
                    format!("cannot remove: {e}"),
                ));
            }
        }
        rendered.len()
    }
}

/// True for the build dir and the staging and old folders a full build leaves beside it.
fn is_build_output(build_dir: &Path, path: &Path) -> bool {
    if path.starts_with(build_dir) {
        return true;
    }
    let name = build_dir.file_name().unwrap_or_default().to_string_lossy();
    path.parent() == build_dir.parent()
        && path
            .file_name()
            .is_some_and(|n| n.to_string_lossy().starts_with(&format!(".{name}.")))
}
