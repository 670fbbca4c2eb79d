//! Traps of the real corpus, in every locale: front matter wrapped in translation spans and
//! links with empty targets. Only the trap articles are copied into a temporary project, so
//! the test stays quick; the nl-NL-only traps (stray `</a>`) are in tests/corpus.rs.

mod common;

use std::path::{Path, PathBuf};

use common::*;

const WRAPPED_FRONT_MATTER: &str = "troubleshoot-presence-issues-outlook.md";

/// The articles of a locale folder (includes left out) that hold a link with an empty target.
fn articles_with_empty_links(locale: &Path) -> Vec<PathBuf> {
    let mut found: Vec<PathBuf> = std::fs::read_dir(locale)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "md"))
        .filter(|p| String::from_utf8_lossy(&std::fs::read(p).unwrap()).contains("]()"))
        .collect();
    found.sort();
    found
}

#[test]
fn every_locale_builds_its_traps_with_a_diagnostic() {
    let Some(corpus) = corpus() else { return };
    let mut locales: Vec<String> = std::fs::read_dir(&corpus)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|tag| corpus.join(tag).join(WRAPPED_FRONT_MATTER).is_file())
        .collect();
    locales.sort();
    assert!(locales.len() >= 2, "corpus locales: {locales:?}");

    let project = tempfile::tempdir().unwrap();
    let mut empty_links: Vec<(String, String)> = Vec::new();
    for tag in &locales {
        let dir = project.path().join("content").join(tag);
        std::fs::create_dir_all(&dir).unwrap();
        let traps = articles_with_empty_links(&corpus.join(tag));
        assert!(!traps.is_empty(), "{tag}: no article with an empty link");
        for file in traps.iter().chain(std::iter::once(
            &corpus.join(tag).join(WRAPPED_FRONT_MATTER),
        )) {
            let name = file.file_name().unwrap().to_string_lossy().into_owned();
            std::fs::copy(file, dir.join(&name)).unwrap();
            if name != WRAPPED_FRONT_MATTER {
                empty_links.push((tag.clone(), name.trim_end_matches(".md").to_string()));
            }
        }
    }
    let run = diglot(&["--root", project.path().to_str().unwrap(), "build"]);
    let log = stderr(&run);
    assert!(matches!(run.status.code(), Some(0 | 1)), "{log}");
    let site = project.path().join("book");

    for tag in &locales {
        let location = format!("--> content/{tag}/{WRAPPED_FRONT_MATTER}:2:1");
        let lines: Vec<&str> = log.lines().collect();
        assert!(
            lines.windows(2).any(|w| w[1].trim() == location
                && w[0].contains("front matter is wrapped in translation spans")),
            "{tag}: no diagnostic at {location} in:\n{log}"
        );
        let page = html(
            &site
                .join(tag)
                .join("troubleshoot-presence-issues-outlook.html"),
        );
        let title = text_of(&page, "title");
        assert!(
            !title.contains("span") && !title.contains("ms.") && title.len() > 20,
            "{tag}: the title is read from inside the spans: {title:?}"
        );
    }
    for (tag, stem) in &empty_links {
        let page = html(&site.join(tag).join(format!("{stem}.html")));
        let hrefs = attributes(&page, "main a", "href");
        assert!(
            hrefs.iter().any(String::is_empty),
            "{tag}/{stem}: the empty link is kept as a link: {hrefs:?}"
        );
    }
}
