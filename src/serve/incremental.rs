//! The incremental rebuild: the parsed book stays in memory between edits; a batch of changed
//! files re-reads only those files, re-renders only the pages they show on, and rewrites only
//! the files of the site whose bytes changed.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Component, Path, PathBuf};
use std::time::{Duration, Instant};

use crate::book::{Book, Media};
use crate::code::Code;
use crate::diagnostic::{self, Diagnostic, Severity};
use crate::load::{self, Entry};
use crate::output::{self, Staging};
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
        if output::is_build_output(&config.build_dir, &path) {
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
        if relative.starts_with("includes/") || relative.split('/').any(load::is_skipped) {
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
                    Code::BuildDir,
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
                    Code::Write,
                    Path::new(&page),
                    (0, 0),
                    format!("cannot remove: {e}"),
                ));
            }
        }
        rendered.len()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::Config;
    use crate::progress::Silent;
    use std::collections::BTreeMap;
    use std::time::SystemTime;

    /// A one-segment sxs article: its title and a body sentence, both with their English.
    fn article(title: &str, body: &str) -> String {
        let pair = |id: &str, text: &str, english: &str| {
            format!(
                "<span data-ttu-id=\"t1-{id}\">{text}</span><span class=\"sxs-lookup\"><span data-stu-id=\"t1-{id}\">{english}</span></span>"
            )
        };
        format!(
            "---\ntitle: {title}\nms.lasthandoff: 01/01/2021\n---\n# {}\n\n{}\n",
            pair("101", title, "Title"),
            pair("102", body, "English body")
        )
    }

    /// A project with `nl-NL/{a,b}.md`, `da-DK/a.md` and a picture, built; its live state.
    fn built() -> (tempfile::TempDir, Live) {
        let dir = tempfile::tempdir().unwrap();
        let content = dir.path().join("content");
        for (path, text) in [
            ("nl-NL/a.md", article("Een", "Tekst een")),
            ("nl-NL/b.md", article("Twee", "Tekst twee")),
            ("nl-NL/includes/i.md", "fragment".to_string()),
            ("nl-NL/media/p.png", "png".to_string()),
            ("da-DK/a.md", article("En", "Tekst en")),
        ] {
            let file = content.join(path);
            std::fs::create_dir_all(file.parent().unwrap()).unwrap();
            std::fs::write(file, text).unwrap();
        }
        std::fs::write(dir.path().join("book.toml"), "").unwrap();
        let config = Config::load(dir.path()).unwrap();
        let built = crate::pipeline::build(config, &Silent).unwrap();
        let theme = Theme::load(None).unwrap();
        (dir, Live::new(built.book, theme))
    }

    fn batch(paths: &[PathBuf]) -> Batch {
        Batch {
            changes: paths
                .iter()
                .map(|path| Change {
                    path: path.clone(),
                    folder: false,
                })
                .collect(),
            rescan: false,
        }
    }

    /// Every file of the site with its modification time.
    fn stamps(site: &Path) -> BTreeMap<String, SystemTime> {
        walkdir::WalkDir::new(site)
            .into_iter()
            .filter_map(Result::ok)
            .filter(|e| e.file_type().is_file())
            .map(|e| {
                let path = e.path().strip_prefix(site).unwrap();
                let time = e.metadata().unwrap().modified().unwrap();
                (path.to_string_lossy().replace('\\', "/"), time)
            })
            .collect()
    }

    fn changed_since(site: &Path, before: &BTreeMap<String, SystemTime>) -> Vec<String> {
        let after = stamps(site);
        let mut changed: Vec<String> = after
            .iter()
            .filter(|(path, time)| before.get(*path) != Some(time))
            .map(|(path, _)| path.clone())
            .collect();
        changed.extend(before.keys().filter(|p| !after.contains_key(*p)).cloned());
        changed.sort();
        changed
    }

    fn rebuild(live: &mut Live, paths: &[PathBuf]) -> Rebuilt {
        match live.update(live.plan(&batch(paths))) {
            Update::Rebuilt(rebuilt) => rebuilt,
            other => panic!("expected an incremental rebuild, got {other:?}"),
        }
    }

    #[test]
    fn changes_are_sorted_by_what_they_need() {
        let (dir, live) = built();
        let content = dir.path().join("content");
        let nl = content.join("nl-NL");
        let plan = |paths: &[PathBuf]| live.plan(&batch(paths));
        let full = Plan {
            full: true,
            ..Plan::default()
        };

        let edited = plan(&[nl.join("a.md")]);
        assert_eq!(edited.articles, BTreeSet::from([(1, "a.md".to_string())]));
        assert!(!edited.full && !edited.rediscover);
        assert_eq!(plan(&[dir.path().join("book.toml")]), full);
        assert_eq!(plan(&[nl.join("TOC.yml")]), full);
        assert_eq!(plan(&[nl.join("docfx.json")]), full);
        std::fs::create_dir(content.join("fr-FR")).unwrap();
        assert_eq!(plan(&[content.join("fr-FR")]), full, "a new locale");
        for ignored in [
            dir.path().join("book/nl-NL/a.html"),
            dir.path().join(".book.staging-7/nl-NL/a.html"),
            nl.join("includes/i.md"),
            nl.join(".a.md.swp"),
            nl.join("a.md~"),
            content.join("notes.txt"),
        ] {
            assert_eq!(
                plan(std::slice::from_ref(&ignored)),
                Plan::default(),
                "{ignored:?}"
            );
        }
        std::fs::write(nl.join("c.md"), article("Drie", "Tekst drie")).unwrap();
        assert!(plan(&[nl.join("c.md")]).rediscover, "a new article");
        assert!(plan(&[nl.join("gone.png")]).rediscover, "a deleted picture");
        let picture = plan(&[nl.join("media/p.png")]);
        assert_eq!(picture.media, BTreeSet::from([nl.join("media/p.png")]));
        let lost = live.plan(&Batch {
            changes: Vec::new(),
            rescan: true,
        });
        assert_eq!(lost, full, "lost events");
    }

    #[test]
    fn an_edit_rewrites_only_the_files_of_its_pages_that_changed() {
        let (dir, mut live) = built();
        let site = dir.path().join("book");
        let before = stamps(&site);
        std::thread::sleep(Duration::from_millis(20));
        let file = dir.path().join("content/nl-NL/a.md");
        std::fs::write(&file, article("Een", "Nieuwe tekst")).unwrap();

        let rebuilt = rebuild(&mut live, std::slice::from_ref(&file));
        assert_eq!(rebuilt.articles, ["a.md"]);
        assert_eq!(rebuilt.pages, 3, "nl-NL, da-DK and English; no index");
        assert_eq!(rebuilt.changed, 1);
        assert_eq!(changed_since(&site, &before), ["nl-NL/a.html"]);
        let page = std::fs::read_to_string(site.join("nl-NL/a.html")).unwrap();
        assert!(page.contains("Nieuwe tekst"), "{page}");

        std::fs::write(&file, article("Een nieuwe titel", "Nieuwe tekst")).unwrap();
        let before = stamps(&site);
        std::thread::sleep(Duration::from_millis(20));
        rebuild(&mut live, &[file]);
        let index = std::fs::read_to_string(site.join("nl-NL/index.html")).unwrap();
        assert!(index.contains("Een nieuwe titel"), "{index}");
        assert_eq!(
            changed_since(&site, &before),
            ["nl-NL/a.html", "nl-NL/index.html"]
        );
    }

    #[test]
    fn a_broken_edit_keeps_the_previous_page() {
        let (dir, mut live) = built();
        let site = dir.path().join("book");
        let before = stamps(&site);
        let file = dir.path().join("content/nl-NL/a.md");
        std::fs::write(&file, "---\ntitle: Kapot\n# never closed\n").unwrap();

        let rebuilt = rebuild(&mut live, std::slice::from_ref(&file));
        assert!(
            rebuilt
                .diagnostics
                .iter()
                .any(|d| d.code == "front-matter" && d.line == 1),
            "{:?}",
            rebuilt.diagnostics
        );
        assert!(rebuilt.diagnostics.iter().any(|d| d.code == "serve-kept"));
        assert_eq!(rebuilt.changed, 0);
        assert!(changed_since(&site, &before).is_empty());
        let index = live.document(1, "a.md").unwrap();
        assert_eq!(live.book.documents[index].title, "Een");

        std::fs::write(&file, article("Een", "Hersteld")).unwrap();
        rebuild(&mut live, &[file]);
        let page = std::fs::read_to_string(site.join("nl-NL/a.html")).unwrap();
        assert!(page.contains("Hersteld"), "a fixed file is rendered again");
    }

    #[test]
    fn articles_and_media_that_come_and_go_add_and_remove_their_files() {
        let (dir, mut live) = built();
        let site = dir.path().join("book");
        let nl = dir.path().join("content/nl-NL");

        std::fs::write(nl.join("c.md"), article("Drie", "Tekst drie")).unwrap();
        std::fs::write(nl.join("media/q.png"), "new picture").unwrap();
        let rebuilt = rebuild(&mut live, &[nl.join("c.md"), nl.join("media/q.png")]);
        assert_eq!(rebuilt.articles, ["c.md"]);
        assert!(site.join("nl-NL/c.html").is_file());
        assert!(site.join("en-US/c.html").is_file());
        let index = std::fs::read_to_string(site.join("nl-NL/index.html")).unwrap();
        assert!(index.contains("c.html"), "{index}");
        for copy in ["nl-NL/media/q.png", "en-US/media/q.png"] {
            assert_eq!(std::fs::read(site.join(copy)).unwrap(), b"new picture");
        }

        std::fs::remove_file(nl.join("a.md")).unwrap();
        std::fs::remove_file(nl.join("media/q.png")).unwrap();
        rebuild(&mut live, &[nl.join("a.md"), nl.join("media/q.png")]);
        assert!(!site.join("nl-NL/a.html").exists());
        assert!(
            site.join("en-US/a.html").is_file(),
            "da-DK still carries it"
        );
        assert!(!site.join("nl-NL/media/q.png").exists());
        assert!(!site.join("en-US/media/q.png").exists());
        assert!(site.join("en-US/media/p.png").is_file());
        let index = std::fs::read_to_string(site.join("nl-NL/index.html")).unwrap();
        assert!(!index.contains("a.html"), "{index}");

        let da = dir.path().join("content/da-DK/a.md");
        std::fs::remove_file(&da).unwrap();
        rebuild(&mut live, &[da]);
        assert!(!site.join("en-US/a.html").exists(), "no locale carries it");
        assert!(site.join("en-US/b.html").is_file());
    }
}
