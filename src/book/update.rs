//! Keeping the book current while `diglot serve` runs: a batch of changed files of the locale
//! folders is read again into the model, each file sorted by the same rules the first load used
//! ([`load::classify`]), and what changed is reported so that the pipeline rebuilds only that.

use std::collections::BTreeSet;
use std::path::{Component, Path};

use crate::code::Code;
use crate::diagnostic::{Diagnostic, Severity};
use crate::load::{self, Entry, Kind};
use crate::parse::Document;

use super::{Article, Book, File, read_navigation, without_extension};

/// What a batch of changes did to the book.
#[derive(Debug, Default)]
pub struct Changed {
    /// Articles whose translations or English changed, came or went.
    pub articles: BTreeSet<String>,
    /// Locales where a title changed or an article came or went: their indexes and neighbours
    /// change. A change in the English source reaches every locale (its titles stand in where a
    /// translation is missing).
    pub titles: BTreeSet<String>,
    /// Locales whose tables of contents changed.
    pub navigation: BTreeSet<String>,
    /// Include fragments and other files (code samples) that changed: `(locale, path)`.
    pub dependencies: BTreeSet<(String, String)>,
    /// Resources to copy again, as `(locale, path)`, and resources gone, as `(locale, where
    /// they were published)`.
    pub resources: BTreeSet<(String, String)>,
    pub removed_resources: BTreeSet<(String, String)>,
    /// What the changed files have to say.
    pub diagnostics: Vec<Diagnostic>,
}

impl Changed {
    pub fn is_empty(&self) -> bool {
        self.articles.is_empty()
            && self.navigation.is_empty()
            && self.dependencies.is_empty()
            && self.resources.is_empty()
            && self.removed_resources.is_empty()
            && self.diagnostics.is_empty()
    }
}

/// A change only a full build can follow: book.toml, a `docfx.json`, a locale that came or
/// went.
#[derive(Debug)]
pub struct NeedsFullBuild;

impl Book {
    /// Reads the changed `paths` (files or folders, anywhere) into the book.
    pub fn update(&mut self, paths: &[&Path]) -> Result<Changed, NeedsFullBuild> {
        let mut changed = Changed::default();
        for path in paths {
            self.update_one(path, &mut changed)?;
        }
        if !changed.navigation.is_empty() {
            let (navigation, found) = read_navigation(
                &self.config,
                &self.files,
                &self.locales,
                self.source.as_ref(),
            );
            self.navigation = navigation;
            changed.diagnostics.extend(found);
        }
        Ok(changed)
    }

    fn update_one(&mut self, path: &Path, changed: &mut Changed) -> Result<(), NeedsFullBuild> {
        if path == self.config.root.join(crate::config::FILE_NAME) {
            return Err(NeedsFullBuild);
        }
        let Some((tag, relative)) = self.locale_of(path) else {
            let name = path.file_name().unwrap_or_default().to_string_lossy();
            let is_locale_folder = path.parent() == Some(self.config.content_dir.as_path())
                && crate::locale::is_tag(&name);
            return if is_locale_folder {
                Err(NeedsFullBuild)
            } else {
                Ok(())
            };
        };
        if relative.is_empty() {
            return Err(NeedsFullBuild);
        }
        if relative.split('/').any(load::is_skipped) {
            return Ok(());
        }
        if relative.eq_ignore_ascii_case("docfx.json") {
            return Err(NeedsFullBuild);
        }
        if path.is_dir() {
            // A folder that came (or was renamed in): everything in it is new.
            let inside: Vec<std::path::PathBuf> = walkdir::WalkDir::new(path)
                .into_iter()
                .filter_map(Result::ok)
                .filter(|e| e.file_type().is_file())
                .map(|e| e.into_path())
                .collect();
            for file in inside {
                self.update_one(&file, changed)?;
            }
            return Ok(());
        }
        if !path.is_file() {
            self.forget(&tag, &relative, changed);
            return Ok(());
        }
        let kind = load::classify(
            self.docfx.get(&tag).unwrap_or(&load::Docfx::default()),
            &relative,
            path,
        );
        let entry = Entry {
            locale: 0,
            path: relative.clone(),
            file: path.to_path_buf(),
            kind: kind.clone(),
        };
        let known = self.files.get(&tag, &relative).is_some();
        self.files.by_locale.entry(tag.clone()).or_default().insert(
            relative.clone(),
            File {
                path: relative.clone(),
                file: path.to_path_buf(),
                kind: kind.clone(),
            },
        );
        match kind {
            Kind::Page { site } | Kind::YamlPage { site } => {
                self.reread(&tag, &entry, &site, changed);
            }
            Kind::Fragment => {
                let (document, found) = self.read(&tag, &entry);
                changed.diagnostics.extend(found);
                self.fragments
                    .retain(|d| !(d.locale == tag && d.path == relative));
                if let Some(document) = document {
                    let at = self.fragments.partition_point(|d| {
                        (d.locale.as_str(), d.path.as_str()) < (tag.as_str(), relative.as_str())
                    });
                    self.fragments.insert(at, document);
                }
                changed.dependencies.insert((tag, relative));
            }
            Kind::Toc => {
                changed.navigation.insert(tag);
            }
            Kind::Resource { .. } => {
                changed.resources.insert((tag, relative));
            }
            Kind::Other => {
                if !known {
                    self.titles_changed(&tag, false, changed);
                }
                changed.dependencies.insert((tag, relative));
            }
        }
        Ok(())
    }

    /// The locale whose folder holds `path` (the deepest, when folders nest), and the path under
    /// it, `/`-separated.
    fn locale_of(&self, path: &Path) -> Option<(String, String)> {
        self.locales
            .iter()
            .chain(&self.source)
            .filter_map(|locale| {
                let relative = path.strip_prefix(&locale.root).ok()?;
                let parts: Option<Vec<&str>> = relative
                    .components()
                    .map(|c| match c {
                        Component::Normal(part) => part.to_str(),
                        _ => None,
                    })
                    .collect();
                Some((locale, parts?.join("/")))
            })
            .max_by_key(|(locale, _)| locale.root.as_os_str().len())
            .map(|(locale, relative)| (locale.tag.clone(), relative))
    }

    /// A file that is gone: its document, fragment or resource leaves the book.
    fn forget(&mut self, tag: &str, relative: &str, changed: &mut Changed) {
        let Some(file) = self
            .files
            .by_locale
            .get_mut(tag)
            .and_then(|files| files.remove(relative))
        else {
            // A folder that went: forget everything under it.
            let prefix = format!("{relative}/");
            let under: Vec<String> = self
                .files
                .of(tag)
                .filter(|f| f.path.starts_with(&prefix))
                .map(|f| f.path.clone())
                .collect();
            for path in under {
                self.forget(tag, &path, changed);
            }
            return;
        };
        let display = load::display_path(&self.config.root, &file.file);
        self.diagnostics.retain(|d| d.file != display);
        match file.kind {
            Kind::Page { .. } | Kind::YamlPage { .. } => {
                if let Some(i) = self.article_index(relative) {
                    let article = &mut self.articles[i];
                    if article.source.as_ref().is_some_and(|d| d.locale == tag) {
                        article.source = None;
                    }
                    article.documents.retain(|d| d.locale != tag);
                    if article.documents.is_empty() && article.source.is_none() {
                        self.articles.remove(i);
                    }
                }
                changed.articles.insert(relative.to_string());
                self.titles_changed(tag, false, changed);
            }
            Kind::Fragment => {
                self.fragments
                    .retain(|d| !(d.locale == tag && d.path == relative));
                changed
                    .dependencies
                    .insert((tag.to_string(), relative.to_string()));
            }
            Kind::Toc => {
                changed.navigation.insert(tag.to_string());
            }
            Kind::Resource { site } => {
                changed.removed_resources.insert((tag.to_string(), site));
            }
            Kind::Other => {
                changed
                    .dependencies
                    .insert((tag.to_string(), relative.to_string()));
            }
        }
    }

    /// Records that titles of `tag` changed (and of the English pages, `english_too`, when the
    /// English half of an sxs title did); the English source's reach every locale.
    fn titles_changed(&self, tag: &str, english_too: bool, changed: &mut Changed) {
        let english = self.source_locale();
        changed.titles.insert(tag.to_string());
        if english_too {
            changed.titles.insert(english.to_string());
        }
        if tag == english {
            changed
                .titles
                .extend(self.locales.iter().map(|l| l.tag.clone()));
        }
    }

    fn article_index(&self, path: &str) -> Option<usize> {
        self.articles
            .binary_search_by(|a| a.path.as_str().cmp(path))
            .ok()
    }

    /// Reads a page again and puts it in its article, unless the edit broke it: a file that
    /// cannot be read, or that has more errors than before, leaves the previous version in
    /// place (and its page served).
    fn reread(&mut self, tag: &str, entry: &Entry, site: &str, changed: &mut Changed) {
        let (document, found) = self.read(tag, entry);
        let display = load::display_path(&self.config.root, &entry.file);
        let errors = |list: &[Diagnostic]| {
            list.iter()
                .filter(|d| d.file == display && d.severity == Severity::Error)
                .count()
        };
        let index = self.article_index(&entry.path);
        let previous: Option<&Document> = index.and_then(|i| {
            let article = &self.articles[i];
            article.all_documents().find(|d| d.locale == tag)
        });
        let broken = previous.is_some()
            && (document.is_none() || errors(&found) > errors(&self.diagnostics));
        changed.diagnostics.extend(found.iter().cloned());
        if broken {
            changed.diagnostics.push(Diagnostic::warning(
                Code::ServeKept,
                &display,
                (0, 0),
                "the previous version of this page is still served until the file is fixed",
            ));
            return;
        }
        let Some(document) = document else {
            return;
        };
        if let Some(english_too) = match previous {
            None => Some(false),
            Some(p) if p.title != document.title => Some(p.english_title != document.english_title),
            Some(p) => (p.english_title != document.english_title).then_some(true),
        } {
            self.titles_changed(tag, english_too, changed);
        }
        self.diagnostics.retain(|d| d.file != display);
        self.diagnostics.extend(found);
        changed.articles.insert(entry.path.clone());
        let is_source = self.source.as_ref().is_some_and(|s| s.tag == tag);
        let i = match index {
            Some(i) => i,
            None => {
                let at = self
                    .articles
                    .partition_point(|a| a.path.as_str() < entry.path.as_str());
                let mut article = Article::new(&entry.path, Vec::new(), None);
                article.site = without_extension(site).to_string();
                self.articles.insert(at, article);
                at
            }
        };
        let article = &mut self.articles[i];
        if is_source {
            article.source = Some(document);
        } else {
            article.documents.retain(|d| d.locale != tag);
            let at = article
                .documents
                .partition_point(|d| d.locale.as_str() < tag);
            article.documents.insert(at, document);
        }
    }
}
