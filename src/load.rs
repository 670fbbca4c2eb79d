//! Finding the content: which locales there are, and which of their files are articles,
//! include fragments and media.
//!
//! Locales are the subfolders of the content dir named with a BCP-47 tag, plus any
//! `[locale.<tag>]` table of `book.toml`, which may point anywhere. Inside a locale, `includes/`
//! holds fragments rather than pages, and a `docfx.json` may exclude files from the build.

use std::path::{Component, Path, PathBuf};

use globset::{Glob, GlobSet, GlobSetBuilder};
use serde::Deserialize;
use walkdir::WalkDir;

use crate::code::Code;
use crate::config::Config;
use crate::diagnostic::Diagnostic;
use crate::locale::{self, Direction};

/// Files larger than this are not read: no real article comes near it.
pub const MAX_FILE_BYTES: u64 = 8 * 1024 * 1024;

/// Extensions copied as media.
pub const MEDIA_EXTENSIONS: &[&str] = &["png", "jpg", "jpeg", "gif", "svg", "webp", "pdf"];

/// A locale and the folder its files come from.
#[derive(Debug, Clone)]
pub struct Locale {
    pub tag: String,
    pub name: String,
    pub dir: Direction,
    pub root: PathBuf,
}

/// A file found in a locale folder.
#[derive(Debug, Clone)]
pub struct Entry {
    /// Index into [`Inventory::locales`].
    pub locale: usize,
    /// Path under the locale folder, `/`-separated.
    pub path: String,
    /// The file on disk.
    pub file: PathBuf,
}

/// Everything found, before anything is read.
#[derive(Debug, Default)]
pub struct Inventory {
    pub locales: Vec<Locale>,
    pub articles: Vec<Entry>,
    pub media: Vec<Entry>,
    pub diagnostics: Vec<Diagnostic>,
}

/// Finds the locales and their files. Fails only when there is nothing to build at all.
pub fn discover(config: &Config) -> Result<Inventory, Diagnostic> {
    let mut inventory = Inventory::default();
    for (tag, root) in locale_roots(config, &mut inventory.diagnostics) {
        let settings = config.locales.get(&tag);
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
    if inventory.locales.is_empty() {
        return Err(Diagnostic::error(
            Code::NoLocales,
            &display_path(&config.root, &config.content_dir),
            (0, 0),
            "no locales found: expected folders named with a locale tag (such as `nl-NL`) in the content dir, or `[locale.<tag>]` tables in book.toml",
        ));
    }
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
            // `Path::is_dir` follows a symbolic link: a linked locale folder is a locale.
            let is_dir = entry.path().is_dir();
            if !is_dir || !locale::is_tag(&name) {
                continue;
            }
            if name.eq_ignore_ascii_case(&config.source_locale) {
                diagnostics.push(Diagnostic::warning(
                    Code::SourceLocaleFolder,
                    &display_path(&config.root, &entry.path()),
                    (0, 0),
                    format!("`{name}` is the source locale: its pages are reconstructed from the sxs files, so this folder is not read"),
                ));
                continue;
            }
            roots.push((name, entry.path()));
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
/// `_themes*`.
pub fn is_skipped(name: &str) -> bool {
    name.starts_with('.') || name == "obj" || name.starts_with("_themes")
}

fn walk_locale(config: &Config, index: usize, inventory: &mut Inventory) {
    let root = inventory.locales[index].root.clone();
    let excludes = docfx_excludes(config, &root, &mut inventory.diagnostics);
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
        let path = relative
            .components()
            .map(|c| c.as_os_str().to_string_lossy())
            .collect::<Vec<_>>()
            .join("/");
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
        let extension = entry
            .path()
            .extension()
            .map(|e| e.to_string_lossy().to_ascii_lowercase())
            .unwrap_or_default();
        let found = Entry {
            locale: index,
            path: path.clone(),
            file: entry.path().to_path_buf(),
        };
        if path.starts_with("includes/") || excludes.as_ref().is_some_and(|g| g.is_match(&path)) {
            continue;
        }
        if extension == "md" {
            inventory.articles.push(found);
        } else if MEDIA_EXTENSIONS.contains(&extension.as_str()) {
            inventory.media.push(found);
        }
    }
}

#[derive(Deserialize)]
struct DocfxJson {
    build: DocfxBuild,
}

#[derive(Deserialize)]
struct DocfxBuild {
    #[serde(default)]
    content: Vec<DocfxContent>,
}

#[derive(Deserialize)]
struct DocfxContent {
    #[serde(default)]
    exclude: Vec<String>,
}

/// The `build.content[].exclude` globs of a `docfx.json` in the locale folder, if any.
fn docfx_excludes(
    config: &Config,
    root: &Path,
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<GlobSet> {
    let file = root.join("docfx.json");
    let text = std::fs::read_to_string(&file).ok()?;
    let parsed: DocfxJson = match serde_json::from_str(&text) {
        Ok(parsed) => parsed,
        Err(e) => {
            diagnostics.push(Diagnostic::warning(
                Code::DocfxJson,
                &display_path(&config.root, &file),
                (e.line(), e.column()),
                format!("ignored: {e}"),
            ));
            return None;
        }
    };
    let mut builder = GlobSetBuilder::new();
    for pattern in parsed.build.content.iter().flat_map(|c| &c.exclude) {
        match Glob::new(pattern) {
            Ok(glob) => {
                builder.add(glob);
            }
            Err(e) => diagnostics.push(Diagnostic::warning(
                Code::DocfxJson,
                &display_path(&config.root, &file),
                (0, 0),
                format!("exclude pattern ignored: {e}"),
            )),
        }
    }
    builder.build().ok()
}

/// Removes `.` and `..` components without touching the file system.
pub fn normalize(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for component in path.components() {
        match component {
            Component::CurDir => {}
            Component::ParentDir => {
                if !out.pop() {
                    out.push("..");
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
    fn discovers_locales_articles_media_and_honours_docfx() {
        let dir = tempfile::tempdir().unwrap();
        let content = dir.path().join("content");
        for (path, body) in [
            ("nl-NL/a.md", "x"),
            ("nl-NL/sub/b.md", "x"),
            ("nl-NL/includes/inc.md", "x"),
            ("nl-NL/README.md", "x"),
            ("nl-NL/media/p.PNG", "x"),
            (
                "nl-NL/docfx.json",
                r#"{"build":{"content":[{"exclude":["README.md"]}]}}"#,
            ),
            ("da-DK/a.md", "x"),
            ("media/not-a-locale.md", "x"),
        ] {
            let file = content.join(path);
            std::fs::create_dir_all(file.parent().unwrap()).unwrap();
            std::fs::write(file, body).unwrap();
        }
        let config = Config::parse(dir.path(), &dir.path().join("book.toml"), "").unwrap();
        let inv = discover(&config).unwrap();
        let tags: Vec<&str> = inv.locales.iter().map(|l| l.tag.as_str()).collect();
        assert_eq!(tags, ["da-DK", "nl-NL"]);
        let articles: Vec<(usize, &str)> = inv
            .articles
            .iter()
            .map(|e| (e.locale, e.path.as_str()))
            .collect();
        assert_eq!(articles, [(0, "a.md"), (1, "a.md"), (1, "sub/b.md")]);
        assert_eq!(inv.media.len(), 1);
        assert_eq!(inv.media[0].path, "media/p.PNG");
    }

    #[test]
    fn no_locales_is_an_error() {
        let dir = tempfile::tempdir().unwrap();
        let config = Config::parse(dir.path(), &dir.path().join("book.toml"), "").unwrap();
        let err = discover(&config).unwrap_err();
        assert_eq!(err.code, "no-locales");
    }
}
