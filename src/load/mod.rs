//! Finding the content: which locales there are, where the English source of record is, and
//! what each file of a locale folder is (a page, a table of contents, a resource, or another
//! file such as an include or a code sample).
//!
//! Locales are the subfolders of the content dir named with a BCP-47 tag, plus any
//! `[locale.<tag>]` table of `book.toml`, which may point anywhere. The source locale
//! (`[book] source-locale`, `en-US` by default) is the English source repository when it has a
//! folder: its files are the English every translation is measured against, and the files a
//! locale lacks (images, includes, code samples) are taken from it. What is a page and what is a
//! resource is the business of each folder's `docfx.json` ([`docfx`]); a locale without one
//! follows the source's.

pub mod docfx;

use std::path::{Component, Path, PathBuf};

use walkdir::WalkDir;

use crate::code::Code;
use crate::config::Config;
use crate::diagnostic::Diagnostic;
use crate::locale::{self, Direction};
pub use docfx::{Docfx, MEDIA_EXTENSIONS, Metadata, Role};

/// Files larger than this are not read: no real article comes near it.
pub const MAX_FILE_BYTES: u64 = 8 * 1024 * 1024;

/// A locale and the folder its files come from.
#[derive(Debug, Clone)]
pub struct Locale {
    pub tag: String,
    pub name: String,
    pub dir: Direction,
    pub root: PathBuf,
}

/// What a file of a locale folder is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Kind {
    /// A markdown page, published at `site` (relative to the locale's folder of the site, with
    /// its source extension).
    Page { site: String },
    /// A YAML page (`### YamlMime:Landing`, `### YamlMime:FAQ`), published at `site`.
    YamlPage { site: String },
    /// A table of contents: `TOC.md`, `TOC.yml` or `toc.yml`, in any folder.
    Toc,
    /// A markdown file that is not a page: an include fragment.
    Fragment,
    /// A file copied with the site, at `site`.
    Resource { site: String },
    /// Any other file: a code sample, a download, a configuration file.
    Other,
}

/// A file found in a locale folder.
#[derive(Debug, Clone)]
pub struct Entry {
    /// Index into [`Inventory::locales`].
    pub locale: usize,
    /// Path under the locale folder, `/`-separated: the file's identity across locales.
    pub path: String,
    /// The file on disk.
    pub file: PathBuf,
    pub kind: Kind,
}

/// Everything found, before anything is read.
#[derive(Debug, Default)]
pub struct Inventory {
    /// The translated locales and, when it has a folder, the source locale, sorted by tag.
    pub locales: Vec<Locale>,
    /// The index of the source locale in `locales`, when it has a folder.
    pub source: Option<usize>,
    /// The `docfx.json` rules of each locale (the source's when a locale has none).
    pub docfx: Vec<Docfx>,
    /// Every file of every locale folder, by locale, then path.
    pub entries: Vec<Entry>,
    pub diagnostics: Vec<Diagnostic>,
}

/// Finds the locales and their files. Fails only when there is nothing to build at all.
pub fn discover(config: &Config) -> Result<Inventory, Diagnostic> {
    let mut inventory = Inventory::default();
    for (tag, root) in locale_roots(config, &mut inventory.diagnostics) {
        let settings = config.locales.get(&tag);
        if tag.eq_ignore_ascii_case(&config.source_locale) {
            inventory.source = Some(inventory.locales.len());
        }
        inventory.locales.push(Locale {
            name: settings
                .and_then(|s| s.name.clone())
                .unwrap_or_else(|| locale::default_name(&tag)),
            dir: settings
                .and_then(|s| s.dir)
                .unwrap_or_else(|| locale::default_direction(&tag)),
            tag,
            root,
        });
    }
    if inventory.locales.len() == usize::from(inventory.source.is_some()) {
        return Err(Diagnostic::error(
            Code::NoLocales,
            &display_path(&config.root, &config.content_dir),
            (0, 0),
            "no locales found: expected folders named with a locale tag (such as `nl-NL`) in the content dir, or `[locale.<tag>]` tables in book.toml",
        ));
    }
    let own: Vec<Docfx> = inventory
        .locales
        .iter()
        .map(|l| {
            let shown = display_path(&config.root, &l.root.join("docfx.json"));
            Docfx::read(&l.root, &shown, &mut inventory.diagnostics)
        })
        .collect();
    let fallback = inventory.source.map(|s| own[s].clone()).filter(|d| d.found);
    inventory.docfx = own
        .into_iter()
        .map(|d| match (&fallback, d.found) {
            (Some(source), false) => source.clone(),
            _ => d,
        })
        .collect();
    for index in 0..inventory.locales.len() {
        walk_locale(config, index, &mut inventory);
    }
    Ok(inventory)
}

/// The locales to build, sorted by tag, each with its folder.
fn locale_roots(config: &Config, diagnostics: &mut Vec<Diagnostic>) -> Vec<(String, PathBuf)> {
    let mut roots: Vec<(String, PathBuf)> = Vec::new();
    if let Ok(entries) = std::fs::read_dir(&config.content_dir) {
        for entry in entries.flatten() {
            let name = entry.file_name().to_string_lossy().into_owned();
            let is_dir = entry.path().is_dir();
            if is_dir && locale::is_tag(&name) {
                roots.push((name, entry.path()));
            }
        }
    }
    for (tag, settings) in &config.locales {
        let root = settings
            .src
            .clone()
            .unwrap_or_else(|| config.content_dir.join(tag));
        let root = normalize(&root);
        if !root.is_dir() {
            diagnostics.push(Diagnostic::error(
                Code::MissingLocale,
                &config.root.join(crate::config::FILE_NAME),
                (0, 0),
                format!("`[locale.{tag}]`: folder {} does not exist", root.display()),
            ));
            roots.retain(|(t, _)| t != tag);
            continue;
        }
        match roots.iter_mut().find(|(t, _)| t == tag) {
            Some(existing) => existing.1 = root,
            None => roots.push((tag.clone(), root)),
        }
    }
    roots.sort();
    roots
}

/// Names inside a locale folder that are never content: hidden files and folders, `obj`,
/// `_themes*`, the build output of DocFX (`_site`).
pub fn is_skipped(name: &str) -> bool {
    name.starts_with('.') || name == "obj" || name == "_site" || name.starts_with("_themes")
}

/// Whether a file name is a table of contents.
pub fn is_toc(name: &str) -> bool {
    name.eq_ignore_ascii_case("toc.md") || name.eq_ignore_ascii_case("toc.yml")
}

/// What the file `path` of a locale folder with `docfx` rules is; `file` is read only to tell
/// a YAML page (`### YamlMime:...` on its first line) from other YAML.
pub fn classify(docfx: &Docfx, path: &str, file: &Path) -> Kind {
    let name = path.rsplit('/').next().unwrap_or(path);
    let extension = name
        .rsplit_once('.')
        .map(|(_, e)| e.to_ascii_lowercase())
        .unwrap_or_default();
    if is_toc(name) {
        return Kind::Toc;
    }
    match extension.as_str() {
        "md" | "markdown" => match docfx.role(path, true) {
            Role::Page(site) => Kind::Page { site },
            _ => Kind::Fragment,
        },
        "yml" | "yaml" if is_yaml_page(file) => match docfx.role(path, true) {
            Role::Page(site) => Kind::YamlPage { site },
            _ => Kind::Other,
        },
        _ if name.eq_ignore_ascii_case("docfx.json") => Kind::Other,
        _ => match docfx.role(path, false) {
            Role::Resource(site) => Kind::Resource { site },
            _ => Kind::Other,
        },
    }
}

/// True when the file starts with a `### YamlMime:` line naming a page type diglot renders.
fn is_yaml_page(file: &Path) -> bool {
    use std::io::Read;
    let mut head = [0u8; 64];
    let Ok(read) = std::fs::File::open(file).and_then(|mut f| f.read(&mut head)) else {
        return false;
    };
    let head = String::from_utf8_lossy(&head[..read]);
    let head = head.trim_start_matches('\u{feff}');
    ["### YamlMime:Landing", "### YamlMime:FAQ"]
        .iter()
        .any(|mime| head.starts_with(mime))
}

fn walk_locale(config: &Config, index: usize, inventory: &mut Inventory) {
    let root = inventory.locales[index].root.clone();
    let walker = WalkDir::new(&root)
        .follow_links(false)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| e.depth() == 0 || !is_skipped(&e.file_name().to_string_lossy()));
    for entry in walker {
        let entry = match entry {
            Ok(entry) => entry,
            Err(e) => {
                let path = e
                    .path()
                    .map(Path::to_path_buf)
                    .unwrap_or_else(|| root.clone());
                inventory.diagnostics.push(Diagnostic::warning(
                    Code::Unreadable,
                    &display_path(&config.root, &path),
                    (0, 0),
                    format!("cannot read: {e}"),
                ));
                continue;
            }
        };
        let Ok(relative) = entry.path().strip_prefix(&root) else {
            continue;
        };
        if entry.path_is_symlink() {
            inventory.diagnostics.push(Diagnostic::warning(
                Code::Symlink,
                &display_path(&config.root, entry.path()),
                (0, 0),
                "symbolic link not followed: content must be regular files inside the locale folder",
            ));
            continue;
        }
        if !entry.file_type().is_file() {
            continue;
        }
        let path = relative
            .components()
            .map(|c| c.as_os_str().to_string_lossy())
            .collect::<Vec<_>>()
            .join("/");
        let kind = classify(&inventory.docfx[index], &path, entry.path());
        inventory.entries.push(Entry {
            locale: index,
            path,
            file: entry.path().to_path_buf(),
            kind,
        });
    }
}

/// Removes `.` and `..` components without touching the file system.
pub fn normalize(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for component in path.components() {
        match component {
            Component::CurDir => {}
            Component::ParentDir => {
                let climbs = matches!(
                    out.components().next_back(),
                    None | Some(Component::ParentDir)
                );
                if climbs {
                    out.push("..");
                } else {
                    out.pop();
                }
            }
            other => out.push(other),
        }
    }
    out
}

/// How a path is shown in diagnostics: relative to the project root when inside it.
pub fn display_path(root: &Path, path: &Path) -> PathBuf {
    let path = normalize(path);
    let root = normalize(root);
    match path.strip_prefix(&root) {
        Ok(relative) if !root.as_os_str().is_empty() => relative.to_path_buf(),
        _ => path,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalize_removes_dot_dot() {
        assert_eq!(normalize(Path::new("/a/b/../c/./d")), Path::new("/a/c/d"));
        assert_eq!(normalize(Path::new("../x")), Path::new("../x"));
        assert_eq!(
            normalize(Path::new("./../../shared/a")),
            Path::new("../../shared/a")
        );
        assert_eq!(normalize(Path::new("/../a")), Path::new("/a"));
    }

    #[test]
    fn display_path_is_relative_inside_the_root() {
        assert_eq!(
            display_path(Path::new("/r"), Path::new("/r/content/nl-NL/a.md")),
            Path::new("content/nl-NL/a.md")
        );
        assert_eq!(
            display_path(Path::new("/r"), Path::new("/r/../s/a.md")),
            Path::new("/s/a.md")
        );
    }

    #[test]
    fn discovers_locales_pages_resources_and_honours_docfx() {
        let dir = tempfile::tempdir().unwrap();
        let content = dir.path().join("content");
        for (path, body) in [
            ("nl-NL/a.md", "x"),
            ("nl-NL/sub/b.md", "x"),
            ("nl-NL/includes/inc.md", "x"),
            ("nl-NL/README.md", "x"),
            ("nl-NL/TOC.md", "# [A](a.md)"),
            ("nl-NL/faq.yml", "### YamlMime:FAQ\ntitle: x"),
            ("nl-NL/data.yml", "a: 1"),
            ("nl-NL/media/p.PNG", "x"),
            (
                "nl-NL/docfx.json",
                r#"{"build":{"content":[{"files":["**/*.md","**/*.yml"],"exclude":["README.md"]}]}}"#,
            ),
            ("da-DK/a.md", "x"),
            ("en-US/a.md", "x"),
            ("en-US/samples/s.xml", "<x/>"),
            ("media/not-a-locale.md", "x"),
        ] {
            let file = content.join(path);
            std::fs::create_dir_all(file.parent().unwrap()).unwrap();
            std::fs::write(file, body).unwrap();
        }
        let config = Config::parse(dir.path(), &dir.path().join("book.toml"), "").unwrap();
        let inv = discover(&config).unwrap();
        let tags: Vec<&str> = inv.locales.iter().map(|l| l.tag.as_str()).collect();
        assert_eq!(tags, ["da-DK", "en-US", "nl-NL"]);
        assert_eq!(inv.source, Some(1));
        let found: Vec<(usize, &str, &Kind)> = inv
            .entries
            .iter()
            .map(|e| (e.locale, e.path.as_str(), &e.kind))
            .collect();
        let page = |p: &str| Kind::Page { site: p.into() };
        assert_eq!(
            found,
            [
                (0, "a.md", &page("a.md")),
                (1, "a.md", &page("a.md")),
                (1, "samples/s.xml", &Kind::Other),
                (2, "README.md", &Kind::Fragment),
                (2, "TOC.md", &Kind::Toc),
                (2, "a.md", &page("a.md")),
                (2, "data.yml", &Kind::Other),
                (2, "docfx.json", &Kind::Other),
                (
                    2,
                    "faq.yml",
                    &Kind::YamlPage {
                        site: "faq.yml".into()
                    }
                ),
                // The docfx.json does not exclude includes/: DocFX would publish it.
                (2, "includes/inc.md", &page("includes/inc.md")),
                (
                    2,
                    "media/p.PNG",
                    &Kind::Resource {
                        site: "media/p.PNG".into()
                    }
                ),
                (2, "sub/b.md", &page("sub/b.md")),
            ]
        );
    }

    #[test]
    fn a_locale_without_docfx_follows_the_source() {
        let dir = tempfile::tempdir().unwrap();
        let content = dir.path().join("content");
        for (path, body) in [
            (
                "en-US/docfx.json",
                r#"{"build":{"content":[{"files":["**/*.md"],"exclude":["old/**"]}]}}"#,
            ),
            ("en-US/old/a.md", "x"),
            ("de-DE/old/a.md", "x"),
        ] {
            let file = content.join(path);
            std::fs::create_dir_all(file.parent().unwrap()).unwrap();
            std::fs::write(file, body).unwrap();
        }
        let config = Config::parse(dir.path(), &dir.path().join("book.toml"), "").unwrap();
        let inv = discover(&config).unwrap();
        assert!(
            inv.entries
                .iter()
                .filter(|e| e.path == "old/a.md")
                .all(|e| e.kind == Kind::Fragment)
        );
    }

    #[test]
    fn the_source_locale_alone_is_nothing_to_build() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join("content/en-US")).unwrap();
        let config = Config::parse(dir.path(), &dir.path().join("book.toml"), "").unwrap();
        assert_eq!(discover(&config).unwrap_err().code, Code::NoLocales);
    }

    #[test]
    fn no_locales_is_an_error() {
        let dir = tempfile::tempdir().unwrap();
        let config = Config::parse(dir.path(), &dir.path().join("book.toml"), "").unwrap();
        let err = discover(&config).unwrap_err();
        assert_eq!(err.code, "no-locales");
    }
}
