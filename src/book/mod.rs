//! The book: the one model of a docset that every later stage reads. It holds the locales, the
//! articles (each with its translations and its English of record), the include fragments,
//! every file of every locale folder (for resources, code samples and link checks), and the
//! navigation (tables of contents) of each locale, all read and parsed once.
//!
//! The English of record of an article is the source locale's file when the source locale has a
//! folder (the English source repository the doc writers keep); otherwise it is reconstructed
//! from the English halves of the sxs translations (the one handed off last).

mod update;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use crate::code::Code;
use crate::config::Config;
use crate::diagnostic::{self, Diagnostic};
use crate::load::{self, Docfx, Entry, Kind, Locale};
use crate::parse::{self, Document, Format, Half, View};
use crate::progress::Progress;
use crate::source;
use crate::toc::{self, Toc};
pub use update::{Changed, NeedsFullBuild};

/// One article across its locales.
#[derive(Debug, Clone)]
pub struct Article {
    /// The path under the locale folders: the article's identity across locales.
    pub path: String,
    /// Where its pages go under each locale's folder of the site, without the extension
    /// (`docfx.json`'s `dest` applied): `a/b.md` is published as `<locale>/a/b.html`.
    pub site: String,
    /// The translations, sorted by locale.
    pub documents: Vec<Document>,
    /// The file of the English source folder, when there is one.
    pub source: Option<Document>,
}

impl Article {
    /// The article `path` with these translations (in any order) and English source file,
    /// published at its path.
    pub fn new(path: &str, mut documents: Vec<Document>, source: Option<Document>) -> Article {
        documents.sort_by(|a, b| a.locale.cmp(&b.locale));
        Article {
            path: path.to_string(),
            site: without_extension(path).to_string(),
            documents,
            source,
        }
    }

    /// The translation of `locale`.
    pub fn document(&self, locale: &str) -> Option<&Document> {
        self.documents.iter().find(|d| d.locale == locale)
    }

    /// The English of record: the source folder's file, else the English half of the sxs
    /// translation handed off last (ties go to the first locale).
    pub fn english(&self) -> Option<View<'_>> {
        if let Some(source) = &self.source {
            return Some(View::new(source, Half::Target));
        }
        self.documents
            .iter()
            .filter(|d| d.format == Format::Sxs)
            .max_by(|a, b| {
                handoff_key(a)
                    .cmp(&handoff_key(b))
                    .then_with(|| b.locale.cmp(&a.locale))
            })
            .map(|d| View::new(d, Half::Source))
    }

    /// The view a reader of `locale` sees: the English of record for the source locale, the
    /// translation otherwise.
    pub fn view(&self, locale: &str, source_locale: &str) -> Option<View<'_>> {
        if locale == source_locale {
            self.english()
        } else {
            self.document(locale).map(|d| View::new(d, Half::Target))
        }
    }

    /// The page of this article in `locale`, relative to the site root: `<locale>/<site>.html`.
    pub fn page(&self, locale: &str) -> String {
        format!("{locale}/{}.html", self.site)
    }

    /// Every document: the translations, then the source's.
    pub fn all_documents(&self) -> impl Iterator<Item = &Document> {
        self.documents.iter().chain(&self.source)
    }
}

/// A file of a locale folder.
#[derive(Debug, Clone)]
pub struct File {
    pub path: String,
    /// The file on disk.
    pub file: PathBuf,
    pub kind: Kind,
}

/// The files of every locale folder, looked up locale first, then in the English source.
#[derive(Debug, Default)]
pub struct Files {
    by_locale: BTreeMap<String, BTreeMap<String, File>>,
    source: Option<String>,
}

impl Files {
    /// The file `path` of `locale`'s own folder.
    pub fn get(&self, locale: &str, path: &str) -> Option<&File> {
        self.by_locale.get(locale)?.get(path)
    }

    /// The file `path` a page of `locale` uses: the locale's own, else the English source's
    /// (as the publisher's build takes what a localized repository lacks), with the tag of the
    /// folder it was found in.
    pub fn resolve<'a>(&'a self, locale: &'a str, path: &str) -> Option<(&'a str, &'a File)> {
        if let Some(file) = self.get(locale, path) {
            return Some((locale, file));
        }
        let source = self.source.as_deref()?;
        self.get(source, path).map(|file| (source, file))
    }

    /// Every file of `locale`'s own folder.
    pub fn of(&self, locale: &str) -> impl Iterator<Item = &File> {
        self.by_locale
            .get(locale)
            .into_iter()
            .flat_map(|m| m.values())
    }

    /// Every locale with a folder, with its files.
    pub fn locales(&self) -> impl Iterator<Item = (&str, &BTreeMap<String, File>)> {
        self.by_locale
            .iter()
            .map(|(tag, files)| (tag.as_str(), files))
    }
}

/// The tables of contents of each locale (the source locale's included).
#[derive(Debug, Default)]
pub struct Navigation {
    by_locale: BTreeMap<String, Vec<Toc>>,
}

impl Navigation {
    /// The table of contents that serves the page `path` of `locale`: the one in the deepest
    /// folder that holds the page.
    pub fn toc_for(&self, locale: &str, path: &str) -> Option<&Toc> {
        self.by_locale
            .get(locale)?
            .iter()
            .filter(|toc| {
                let folder = toc.folder();
                folder.is_empty() || path.starts_with(&format!("{folder}/"))
            })
            .max_by_key(|toc| toc.folder().len())
    }

    /// The root table of contents of `locale`.
    pub fn root(&self, locale: &str) -> Option<&Toc> {
        self.by_locale
            .get(locale)?
            .iter()
            .find(|t| t.folder().is_empty())
    }

    /// Every table of contents of `locale`.
    pub fn of(&self, locale: &str) -> &[Toc] {
        self.by_locale.get(locale).map_or(&[], Vec::as_slice)
    }
}

/// The parsed content of a project.
#[derive(Debug)]
pub struct Book {
    pub config: Config,
    /// The translated locales, sorted by tag.
    pub locales: Vec<Locale>,
    /// The English source folder, when the source locale has one.
    pub source: Option<Locale>,
    /// Every article, sorted by path.
    pub articles: Vec<Article>,
    /// Include fragments (markdown files that are not pages), sorted by locale, then path.
    pub fragments: Vec<Document>,
    pub files: Files,
    pub navigation: Navigation,
    /// The `docfx.json` rules of each locale with a folder.
    pub docfx: BTreeMap<String, Docfx>,
    /// Problems met while reading and parsing, sorted by file and position.
    pub diagnostics: Vec<Diagnostic>,
}

impl Book {
    /// Finds, reads and parses all content, in parallel. Fails only when there is nothing to
    /// build; problems in single files are collected in [`Book::diagnostics`].
    pub fn load(config: Config, progress: &dyn Progress) -> Result<Book, Diagnostic> {
        let inventory = load::discover(&config)?;
        let mut diagnostics = inventory.diagnostics;
        let tags: Vec<String> = inventory.locales.iter().map(|l| l.tag.clone()).collect();
        let docfx: BTreeMap<String, Docfx> = tags
            .iter()
            .cloned()
            .zip(inventory.docfx.iter().cloned())
            .collect();
        let readable: Vec<&Entry> = inventory
            .entries
            .iter()
            .filter(|e| {
                matches!(
                    e.kind,
                    Kind::Page { .. } | Kind::YamlPage { .. } | Kind::Fragment
                )
            })
            .collect();
        progress.begin("parse", readable.len() as u64);
        let parsed: Vec<(Option<Document>, Vec<Diagnostic>)> = readable
            .par_iter()
            .map(|entry| {
                let tag = &tags[entry.locale];
                let result = read_document(&config, tag, &inventory.docfx[entry.locale], entry);
                progress.advance();
                result
            })
            .collect();
        progress.end();

        let source_tag = inventory.source.map(|i| tags[i].clone());
        let mut articles: BTreeMap<String, Article> = BTreeMap::new();
        let mut fragments = Vec::new();
        for (entry, (document, found)) in readable.iter().zip(parsed) {
            diagnostics.extend(found);
            let Some(document) = document else { continue };
            let site = match &entry.kind {
                Kind::Page { site } | Kind::YamlPage { site } => site,
                _ => {
                    fragments.push(document);
                    continue;
                }
            };
            let article = articles
                .entry(entry.path.clone())
                .or_insert_with(|| Article::new(&entry.path, Vec::new(), None));
            // The English source decides where the page goes.
            if article.documents.is_empty() || Some(&document.locale) == source_tag.as_ref() {
                article.site = without_extension(site).to_string();
            }
            if Some(&document.locale) == source_tag.as_ref() {
                article.source = Some(document);
            } else {
                article.documents.push(document);
            }
        }
        let articles: Vec<Article> = articles.into_values().collect();
        fragments.sort_by(|a, b| (&a.locale, &a.path).cmp(&(&b.locale, &b.path)));

        let mut files = Files {
            by_locale: BTreeMap::new(),
            source: source_tag.clone(),
        };
        for entry in inventory.entries {
            files
                .by_locale
                .entry(tags[entry.locale].clone())
                .or_default()
                .insert(
                    entry.path.clone(),
                    File {
                        path: entry.path,
                        file: entry.file,
                        kind: entry.kind,
                    },
                );
        }
        let mut locales = inventory.locales;
        let source = inventory.source.map(|i| locales.remove(i));
        let (navigation, found) = read_navigation(&config, &files, &locales, source.as_ref());
        diagnostics.extend(found);
        diagnostic::sort(&mut diagnostics);
        Ok(Book {
            config,
            locales,
            source,
            articles,
            fragments,
            files,
            navigation,
            docfx,
            diagnostics,
        })
    }

    /// The locale with this tag: a translation or the English source.
    pub fn locale(&self, tag: &str) -> Option<&Locale> {
        self.locales
            .iter()
            .chain(&self.source)
            .find(|l| l.tag == tag)
    }

    /// The article at `path`.
    pub fn article(&self, path: &str) -> Option<&Article> {
        self.articles
            .binary_search_by(|a| a.path.as_str().cmp(path))
            .ok()
            .map(|i| &self.articles[i])
    }

    /// The tag of the source locale (whether or not it has a folder).
    pub fn source_locale(&self) -> &str {
        &self.config.source_locale
    }

    /// Every translation, article by article.
    pub fn documents(&self) -> impl Iterator<Item = &Document> {
        self.articles.iter().flat_map(|a| &a.documents)
    }

    /// The include fragment `path` of `locale`, else of the English source.
    pub fn fragment(&self, locale: &str, path: &str) -> Option<&Document> {
        let find = |tag: &str| {
            self.fragments
                .binary_search_by(|d| (d.locale.as_str(), d.path.as_str()).cmp(&(tag, path)))
                .ok()
                .map(|i| &self.fragments[i])
        };
        find(locale).or_else(|| find(self.source.as_ref()?.tag.as_str()))
    }

    /// Reads and parses one file found by [`load::discover`] again, as [`Book::load`] does:
    /// the incremental rebuild of `diglot serve`. `None` when the file cannot be rendered.
    pub fn read(&self, locale: &str, entry: &Entry) -> (Option<Document>, Vec<Diagnostic>) {
        let default = Docfx::default();
        let docfx = self.docfx.get(locale).unwrap_or(&default);
        read_document(&self.config, locale, docfx, entry)
    }
}

/// `a/b.md` as `a/b`.
fn without_extension(path: &str) -> &str {
    match path.rsplit_once('.') {
        Some((stem, _)) if !stem.ends_with('/') && !stem.is_empty() => stem,
        _ => path,
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

/// Reads and decodes a file under the size limit; a diagnostic when it cannot.
pub fn read_text(config: &Config, file: &Path) -> Result<(String, Vec<Diagnostic>), Diagnostic> {
    let display = load::display_path(&config.root, file);
    let fail = |code, message: String| Diagnostic::error(code, &display, (0, 0), message);
    match std::fs::metadata(file) {
        Ok(meta) if meta.len() > load::MAX_FILE_BYTES => {
            return Err(fail(
                Code::FileTooLarge,
                format!(
                    "{} bytes is more than the {} a file may have; skipped",
                    meta.len(),
                    load::MAX_FILE_BYTES
                ),
            ));
        }
        Ok(_) => {}
        Err(e) => return Err(fail(Code::Unreadable, format!("cannot read: {e}"))),
    }
    let bytes =
        std::fs::read(file).map_err(|e| fail(Code::Unreadable, format!("cannot read: {e}")))?;
    Ok(source::decode(&display, &bytes))
}

/// Reads, decodes and parses one page or fragment, with the metadata `docfx` gives it.
fn read_document(
    config: &Config,
    locale: &str,
    docfx: &Docfx,
    entry: &Entry,
) -> (Option<Document>, Vec<Diagnostic>) {
    let display = load::display_path(&config.root, &entry.file);
    let (text, mut diagnostics) = match read_text(config, &entry.file) {
        Ok(read) => read,
        Err(d) => return (None, vec![d]),
    };
    if text.trim().is_empty() {
        diagnostics.push(Diagnostic::warning(
            Code::EmptyFile,
            &display,
            (1, 1),
            "empty file: there is nothing to render; skipped",
        ));
        return (None, diagnostics);
    }
    let (document, found) = match entry.kind {
        Kind::YamlPage { .. } => parse::parse_yaml_page(locale, &entry.path, &display, &text),
        Kind::Fragment => {
            let (document, found) = parse::parse_fragment(locale, &entry.path, &display, &text);
            (Some(document), found)
        }
        _ => {
            let (document, found) = parse::parse_document(locale, &entry.path, &display, &text);
            (Some(document), found)
        }
    };
    diagnostics.extend(found);
    let document = document.map(|mut d| {
        if !docfx.metadata.is_empty() && entry.kind != Kind::Fragment {
            d.front.inherit(&docfx.metadata.for_path(&entry.path));
        }
        d
    });
    (document, diagnostics)
}

/// Reads every locale's tables of contents. The English reads the source folder's, or, with no
/// source folder, the English half of the first locale that has any.
fn read_navigation(
    config: &Config,
    files: &Files,
    locales: &[Locale],
    source: Option<&Locale>,
) -> (Navigation, Vec<Diagnostic>) {
    let mut navigation = Navigation::default();
    let mut diagnostics = Vec::new();
    let read_locale = |tag: &str, half: Half, diagnostics: &mut Vec<Diagnostic>| {
        let read = |path: &str| {
            let file = files.get(tag, path)?;
            let (text, _) = read_text(config, &file.file).ok()?;
            Some((text, load::display_path(&config.root, &file.file)))
        };
        let is_page = |path: &str| {
            files
                .resolve(tag, path)
                .is_some_and(|(_, f)| matches!(f.kind, Kind::Page { .. } | Kind::YamlPage { .. }))
        };
        let reader = toc::Reader {
            read: &read,
            half,
            is_page: &is_page,
        };
        let paths: Vec<String> = files
            .of(tag)
            .filter(|f| f.kind == Kind::Toc)
            .map(|f| f.path.clone())
            .collect();
        let (tocs, found) = reader.read_all(&paths);
        diagnostics.extend(found);
        tocs
    };
    for locale in locales {
        let tocs = read_locale(&locale.tag, Half::Target, &mut diagnostics);
        if !tocs.is_empty() {
            navigation.by_locale.insert(locale.tag.clone(), tocs);
        }
    }
    let english = match source {
        Some(source) => read_locale(&source.tag, Half::Target, &mut diagnostics),
        None => locales
            .iter()
            .find(|l| navigation.by_locale.contains_key(&l.tag))
            .map(|l| read_locale(&l.tag, Half::Source, &mut Vec::new()))
            .unwrap_or_default(),
    };
    if !english.is_empty() {
        navigation
            .by_locale
            .insert(config.source_locale.clone(), english);
    }
    (navigation, diagnostics)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::progress::Silent;

    fn book(files: &[(&str, &str)]) -> Book {
        let dir = tempfile::tempdir().unwrap();
        for (path, body) in files {
            let file = dir.path().join("content").join(path);
            std::fs::create_dir_all(file.parent().unwrap()).unwrap();
            std::fs::write(file, body).unwrap();
        }
        let config = Config::parse(dir.path(), &dir.path().join("book.toml"), "").unwrap();
        Book::load(config, &Silent).unwrap()
    }

    const SXS: &str = "---\ntitle: T\nms.lasthandoff: 01/02/2021\n---\n# <span data-ttu-id=\"a-1\">Kop</span><span class=\"sxs-lookup\"><span data-stu-id=\"a-1\">Heading</span></span>\n";

    #[test]
    fn the_source_folder_is_the_english_of_record() {
        let book = book(&[
            ("nl-NL/a.md", SXS),
            ("nl-NL/b.md", SXS),
            ("en-US/a.md", "---\ntitle: A\n---\n# Current heading\n"),
            ("en-US/includes/i.md", "Shared text."),
            ("en-US/TOC.md", "# [A](a.md)\n"),
            ("nl-NL/TOC.md", "# [Een](a.md)\n"),
        ]);
        assert_eq!(book.source.as_ref().unwrap().tag, "en-US");
        assert_eq!(book.locales.len(), 1);
        let a = book.article("a.md").unwrap();
        let english = a.english().unwrap();
        assert_eq!(english.document.locale, "en-US");
        assert_eq!(english.title(), "A");
        assert_eq!(english.document.english_title, "Current heading");
        // No source file: the English is the sxs file's English half.
        let b = book.article("b.md").unwrap();
        assert_eq!(b.english().unwrap().title(), "Heading");
        assert_eq!(b.english().unwrap().half, Half::Source);
        // Fragments are found locale first, then in the source.
        assert_eq!(
            book.fragment("nl-NL", "includes/i.md").unwrap().locale,
            "en-US"
        );
        // Every locale has its navigation, the English its own.
        assert_eq!(
            book.navigation.root("nl-NL").unwrap().entries[0].title,
            "Een"
        );
        assert_eq!(book.navigation.root("en-US").unwrap().entries[0].title, "A");
    }

    #[test]
    fn without_a_source_folder_the_english_toc_is_the_sxs_english_half() {
        let book = book(&[
            ("nl-NL/a.md", SXS),
            (
                "nl-NL/TOC.yml",
                "- name: <span data-ttu-id=\"a-1\">Begin</span><span class=\"sxs-lookup\"><span data-stu-id=\"a-1\">Start</span></span>\n  href: a.md\n",
            ),
            ("nl-NL/media/x.png", "png"),
        ]);
        assert!(book.source.is_none());
        assert_eq!(
            book.navigation.root("en-US").unwrap().entries[0].title,
            "Start"
        );
        assert_eq!(
            book.navigation.root("nl-NL").unwrap().entries[0].title,
            "Begin"
        );
        assert!(matches!(
            book.files.resolve("nl-NL", "media/x.png").unwrap().1.kind,
            Kind::Resource { .. }
        ));
        assert!(book.files.resolve("da-DK", "media/x.png").is_none());
    }

    #[test]
    fn docfx_metadata_fills_in_front_matter_and_dest_moves_pages() {
        let book = book(&[
            (
                "nl-NL/docfx.json",
                r#"{"build": {"content": [{"files": ["**/*.md"], "src": "docs", "dest": "learn"}], "globalMetadata": {"ROBOTS": "NOINDEX"}}}"#,
            ),
            ("nl-NL/docs/a.md", "---\ntitle: A\n---\n# A\n"),
        ]);
        let a = book.article("docs/a.md").unwrap();
        assert_eq!(a.site, "learn/a");
        assert_eq!(a.documents[0].front.robots.as_deref(), Some("NOINDEX"));
    }
}
