//! Helpers shared by the integration tests: running the real `diglot` binary, making temporary
//! projects, finding the shared corpus, and reading the HTML it writes.

#![allow(dead_code)]

pub mod http;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// The repository root (where book.toml and content/ live).
pub fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Runs `diglot` with `args`; returns its output.
pub fn diglot(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_diglot"))
        .args(args)
        .env("NO_COLOR", "1")
        .output()
        .expect("the diglot binary runs")
}

pub fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

/// Segment `id` as a translation tool writes it: `target` carrying its English `source`.
pub fn sxs_segment(id: &str, target: &str, source: &str) -> String {
    format!(
        "<span data-ttu-id=\"{id}\">{target}</span><span class=\"sxs-lookup\"><span data-stu-id=\"{id}\">{source}</span></span>"
    )
}

/// The shared corpus of real localized docs, or `None` (with a clear note) when absent.
pub fn corpus() -> Option<PathBuf> {
    let dir = repo().join("../shared/corpus/alchemy-sxs");
    if dir.is_dir() {
        Some(dir)
    } else {
        eprintln!(
            "NOTE: the shared corpus is absent ({} not found): this test checks nothing",
            dir.display()
        );
        None
    }
}

/// The HoloLens docset of the shared corpus (English source, sxs and plain locales), or `None`
/// (with a clear note) when absent.
pub fn hololens() -> Option<PathBuf> {
    let dir = repo().join("../shared/corpus/hololens");
    if dir.join("en-US").is_dir() {
        Some(dir)
    } else {
        eprintln!(
            "NOTE: the shared HoloLens docset is absent ({} not found): this test checks nothing",
            dir.display()
        );
        None
    }
}

/// A temporary project whose book.toml has `[locale.<tag>] src = <folder>` for each pair.
pub fn book_over(locales: &[(&str, PathBuf)]) -> tempfile::TempDir {
    let mut toml = String::from("[book]\ntitle = \"Docs\"\n");
    for (tag, folder) in locales {
        toml.push_str(&format!(
            "[locale.{tag}]\nsrc = \"{}\"\n",
            folder.display().to_string().replace('\\', "/")
        ));
    }
    project(&[("book.toml", toml.as_bytes())])
}

/// A temporary project: writes `files` (path, contents) under a new folder.
pub fn project(files: &[(&str, &[u8])]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    for (path, contents) in files {
        let file = dir.path().join(path);
        std::fs::create_dir_all(file.parent().unwrap()).unwrap();
        std::fs::write(file, contents).unwrap();
    }
    dir
}

/// Copies the embedded project (book.toml and content/) into `dir`, for tests that edit it.
pub fn copy_embedded_project(dir: &Path) {
    std::fs::create_dir_all(dir).unwrap();
    std::fs::copy(repo().join("book.toml"), dir.join("book.toml")).unwrap();
    for file in files_with_extension(&repo().join("content"), "md") {
        let target = dir.join(file.strip_prefix(repo()).unwrap());
        std::fs::create_dir_all(target.parent().unwrap()).unwrap();
        std::fs::copy(&file, target).unwrap();
    }
}

/// Builds the project in `root` into `site` with the real binary; returns the run.
pub fn build_into(root: &Path, site: &Path) -> Output {
    diglot(&[
        "--root",
        root.to_str().unwrap(),
        "build",
        "--dest",
        site.to_str().unwrap(),
    ])
}

/// Builds the project in `root` into `root/site` with the real binary; returns the site folder
/// and the run.
pub fn build_site(root: &Path) -> (PathBuf, Output) {
    let site = root.join("site");
    let run = build_into(root, &site);
    (site, run)
}

/// Parses an HTML file of a built site.
pub fn html(path: &Path) -> scraper::Html {
    let text = std::fs::read_to_string(path)
        .unwrap_or_else(|e| panic!("{} should exist: {e}", path.display()));
    scraper::Html::parse_document(&text)
}

/// The text of the first element matching `selector`.
pub fn text_of(document: &scraper::Html, selector: &str) -> String {
    let selector = scraper::Selector::parse(selector).unwrap();
    document
        .select(&selector)
        .next()
        .unwrap_or_else(|| panic!("no element matches {selector:?}"))
        .text()
        .collect::<String>()
}

/// Every value of `attribute` on elements matching `selector`.
pub fn attributes(document: &scraper::Html, selector: &str, attribute: &str) -> Vec<String> {
    let selector = scraper::Selector::parse(selector).unwrap();
    document
        .select(&selector)
        .filter_map(|e| e.value().attr(attribute).map(str::to_string))
        .collect()
}

/// All files under `dir` with the given extension.
pub fn files_with_extension(dir: &Path, extension: &str) -> Vec<PathBuf> {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file() && e.path().extension().is_some_and(|x| x == extension))
        .map(|e| e.into_path())
        .collect()
}

/// Builds the embedded `content/` into a temporary folder; returns it (keep it alive) and the site.
pub fn build_embedded() -> (tempfile::TempDir, PathBuf) {
    let out = tempfile::tempdir().unwrap();
    let site = out.path().join("site");
    let run = build_into(&repo(), &site);
    assert!(run.status.success(), "build failed: {}", stderr(&run));
    (out, site)
}
