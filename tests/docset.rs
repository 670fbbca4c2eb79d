//! A whole DocFX docset: the HoloLens English source repository with its localized
//! repositories (`../shared/corpus/hololens`), built and aligned by the real binary.
//!
//! One build of the sxs locales is shared by the page tests (every page, the sidebar from each
//! locale's `TOC.md`, images, the landing page, the FAQ pages); a second book is made of the
//! plain locales; and the drift of each sxs segment against the English source is checked
//! against a truth computed here, independently of diglot.

mod common;

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use common::*;
use regex::Regex;

const LOCALES: [&str; 3] = ["de-DE", "ja-JP", "zh-CN"];

/// The book over the English source and the sxs locales, built once: (project, site, stderr).
fn sxs_site() -> Option<&'static (tempfile::TempDir, PathBuf, String)> {
    static SITE: OnceLock<Option<(tempfile::TempDir, PathBuf, String)>> = OnceLock::new();
    SITE.get_or_init(|| {
        let corpus = hololens()?;
        let mut locales = vec![("en-US", corpus.join("en-US"))];
        locales.extend(LOCALES.map(|tag| (tag, corpus.join("sxs").join(tag))));
        let project = book_over(&locales);
        let (site, run) = build_site(project.path());
        let log = stderr(&run);
        assert_ne!(run.status.code(), Some(2), "{log}");
        Some((project, site, log))
    })
    .as_ref()
}

/// The pages a locale folder should give: every markdown file but the TOC, README and
/// includes, and every YAML page, as `<stem>.html`.
fn expected_pages(folder: &Path) -> BTreeSet<String> {
    std::fs::read_dir(folder)
        .unwrap()
        .filter_map(Result::ok)
        .filter_map(|entry| {
            let name = entry.file_name().to_string_lossy().into_owned();
            let (stem, extension) = name.rsplit_once('.')?;
            let page = match extension {
                "md" => !["TOC", "README"].contains(&stem),
                "yml" => std::fs::read_to_string(entry.path())
                    .unwrap()
                    .starts_with("### YamlMime:"),
                _ => false,
            };
            page.then(|| format!("{stem}.html"))
        })
        .collect()
}

/// The pages of a locale of the site (the `404.html` page aside).
fn written_pages(site: &Path, tag: &str) -> BTreeSet<String> {
    std::fs::read_dir(site.join(tag))
        .unwrap()
        .filter_map(Result::ok)
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|name| name.ends_with(".html") && name != "404.html")
        .collect()
}

#[test]
fn every_article_and_yaml_page_has_a_page_in_every_locale() {
    let Some((_, site, log)) = sxs_site() else {
        return;
    };
    let corpus = hololens().unwrap();
    let english = expected_pages(&corpus.join("en-US"));
    assert!(
        english.len() > 100 && english.contains("index.html"),
        "{english:?}"
    );
    assert_eq!(written_pages(site, "en-US"), english, "{log}");
    for tag in LOCALES {
        let expected = expected_pages(&corpus.join("sxs").join(tag));
        assert_eq!(written_pages(site, tag), expected, "{tag}");
    }
    // The English pages are the source repository's, not reconstructed sxs halves.
    let page = html(&site.join("en-US/hololens2-cloud-connected-overview.html"));
    let text = text_of(&page, "article.content");
    let source =
        std::fs::read_to_string(corpus.join("en-US/hololens2-cloud-connected-overview.md"))
            .unwrap();
    let sentence =
        "This guide will help IT professionals plan for and deploy Microsoft HoloLens 2 devices";
    assert_eq!(source.contains(sentence), text.contains(sentence));
}

#[test]
fn the_sidebar_follows_each_locales_toc_md_and_marks_the_current_page() {
    let Some((_, site, _)) = sxs_site() else {
        return;
    };
    let corpus = hololens().unwrap();
    let heading = Regex::new(r"^#{1,6}\s+(?:\[(.*)\]\((.*)\)|(.*?))\s*$").unwrap();
    for tag in LOCALES {
        let toc = std::fs::read_to_string(corpus.join("sxs").join(tag).join("TOC.md")).unwrap();
        let titles: Vec<String> = toc
            .lines()
            .filter_map(|line| heading.captures(line))
            .map(|c| {
                c.get(1)
                    .or_else(|| c.get(3))
                    .unwrap()
                    .as_str()
                    .trim()
                    .to_string()
            })
            .collect();
        let page = html(&site.join(tag).join("hololens2-setup.html"));
        let shown: Vec<String> = page
            .select(&scraper::Selector::parse("nav.toc a, nav.toc span").unwrap())
            .map(|e| e.text().collect::<String>().trim().to_string())
            .collect();
        assert_eq!(shown, titles, "{tag}: the sidebar is the locale's TOC.md");
        let current = attributes(&page, "nav.toc a[aria-current=page]", "href");
        assert_eq!(current, ["hololens2-setup.html"], "{tag}");
        // Its sections are open; the others closed.
        let open = page
            .select(&scraper::Selector::parse("nav.toc details[open]").unwrap())
            .count();
        let all = page
            .select(&scraper::Selector::parse("nav.toc details").unwrap())
            .count();
        assert!(
            open >= 1 && open < all,
            "{tag}: {open} of {all} sections open"
        );
    }
}

#[test]
fn images_of_localized_pages_resolve_to_the_english_source_files() {
    let Some((_, site, _)) = sxs_site() else {
        return;
    };
    let corpus = hololens().unwrap();
    let mut checked = 0;
    for tag in LOCALES {
        for page in files_with_extension(&site.join(tag), "html") {
            let doc = html(&page);
            for src in attributes(&doc, "article.content img", "src") {
                // Root-relative images live on the publisher's site, not in the docset.
                if src.contains("://") || src.starts_with("data:") || src.starts_with('/') {
                    continue;
                }
                let file = page.parent().unwrap().join(src.split('#').next().unwrap());
                // A path that climbs out of the locale folders (`../hololens/images/x.png`), or
                // a file the docset lacks, is broken in the repository itself: check reports it.
                let normal = diglot::load::normalize(&file);
                let Ok(published) = normal.strip_prefix(site) else {
                    continue;
                };
                let mut parts = published.iter();
                let owner = parts.next().unwrap().to_string_lossy().into_owned();
                let is_locale = owner == "en-US" || LOCALES.contains(&owner.as_str());
                let in_docset = is_locale && corpus.join("en-US").join(parts.as_path()).is_file()
                    || corpus
                        .join("sxs")
                        .join(&owner)
                        .join(parts.as_path())
                        .is_file();
                if !in_docset {
                    continue;
                }
                assert!(
                    file.is_file(),
                    "{}: image {src} does not resolve",
                    page.display()
                );
                checked += 1;
            }
        }
    }
    assert!(checked > 100, "only {checked} images checked");
    // Shared images are written once, under the English source.
    assert!(!site.join("de-DE/images").exists());
    assert!(site.join("en-US/images").is_dir());
}

#[test]
fn the_landing_page_shows_its_summary_and_cards() {
    let Some((_, site, _)) = sxs_site() else {
        return;
    };
    let corpus = hololens().unwrap();
    let yaml = std::fs::read_to_string(corpus.join("sxs/de-DE/index.yml")).unwrap();
    let summary = yaml
        .lines()
        .find_map(|l| l.strip_prefix("summary: "))
        .unwrap();
    let cards: Vec<&str> = yaml
        .lines()
        .filter_map(|l| l.strip_prefix("- title: "))
        .collect();
    let page = html(&site.join("de-DE/index.html"));
    assert!(text_of(&page, "article.content").contains(summary.trim()));
    let shown: Vec<String> = page
        .select(&scraper::Selector::parse(".landing-card h2").unwrap())
        .map(|e| e.text().collect::<String>())
        .collect();
    assert_eq!(shown, cards);
    let links = attributes(&page, ".landing-card a", "href");
    assert!(links.len() > 20, "{links:?}");
    // Each leads to its page, unless the locale lacks the article (a broken link check reports).
    for href in &links {
        let article = href.replace(".html", ".md");
        let exists = corpus.join("sxs/de-DE").join(&article).is_file();
        assert_eq!(site.join("de-DE").join(href).is_file(), exists, "{href}");
    }
}

#[test]
fn faq_pages_show_their_questions_and_answers() {
    let Some((_, site, _)) = sxs_site() else {
        return;
    };
    let page = html(&site.join("de-DE/hololens1-faq-security.html"));
    let questions: Vec<String> = page
        .select(&scraper::Selector::parse("article.content h3").unwrap())
        .map(|e| e.text().collect::<String>())
        .collect();
    assert!(
        questions.iter().any(|q| q == "Was ist FCC ID?"),
        "{questions:?}"
    );
    assert!(questions.len() >= 10, "{questions:?}");
    let text = text_of(&page, "article.content");
    assert!(text.contains("C3K1688"), "the answers are there");
    assert!(
        !attributes(
            &page,
            "article.content a[href='hololens1-encryption.html']",
            "href"
        )
        .is_empty()
    );
}

#[test]
fn a_book_of_the_plain_locales_builds_and_aligns_with_the_source() {
    let Some(corpus) = hololens() else { return };
    let mut locales = vec![("en-US", corpus.join("en-US"))];
    locales.extend(LOCALES.map(|tag| (tag, corpus.join("plain").join(tag))));
    let project = book_over(&locales);
    let (site, run) = build_site(project.path());
    assert_ne!(run.status.code(), Some(2), "{}", stderr(&run));
    for tag in LOCALES {
        let expected = expected_pages(&corpus.join("plain").join(tag));
        assert_eq!(written_pages(&site, tag), expected, "{tag}");
    }
    let run = diglot(&[
        "--root",
        project.path().to_str().unwrap(),
        "align",
        "--locale",
        "de-DE",
    ]);
    let json: serde_json::Value = serde_json::from_slice(&run.stdout).unwrap();
    let article = json["articles"]
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["article"] == "hololens2-setup.md")
        .unwrap();
    assert_eq!(article["english_from"], "en-US");
    let locale = &article["locales"][0];
    assert_eq!(locale["format"], "plain");
    let freshness = locale["freshness"].as_f64().unwrap();
    assert!((0.0..=100.0).contains(&freshness));
    assert!(!locale["segments"].as_array().unwrap().is_empty());
}

/// The text of markdown as the truth compares it: link targets, tags, markers and markup
/// characters removed, and all white space.
fn bare(markdown: &str) -> String {
    static RULES: OnceLock<[(Regex, &'static str); 4]> = OnceLock::new();
    let rules = RULES.get_or_init(|| {
        [
            (Regex::new(r"!?\[([^\]]*)\]\([^)]*\)").unwrap(), "$1"),
            (Regex::new(r"<[^>]+>").unwrap(), ""),
            (Regex::new(r"\[!\w+\]").unwrap(), ""),
            (Regex::new(r"[*_`#>|\\\s]").unwrap(), ""),
        ]
    });
    let mut text = markdown
        .replace("&nbsp;", " ")
        .replace("&amp;", "&")
        .replace("&lt;", "<")
        .replace("&gt;", ">");
    for (rule, with) in rules {
        text = rule.replace_all(&text, *with).into_owned();
    }
    text
}

#[test]
fn drift_against_the_english_source_matches_an_independent_truth() {
    let Some(corpus) = hololens() else { return };
    let project = book_over(&[
        ("en-US", corpus.join("en-US")),
        ("de-DE", corpus.join("sxs/de-DE")),
    ]);
    let run = diglot(&[
        "--root",
        project.path().to_str().unwrap(),
        "align",
        "--format",
        "json",
    ]);
    let json: serde_json::Value = serde_json::from_slice(&run.stdout).unwrap();
    let (mut true_drift, mut false_drift, mut missed) = (0usize, 0usize, 0usize);
    for article in json["articles"].as_array().unwrap() {
        let name = article["article"].as_str().unwrap();
        let Ok(source) = std::fs::read_to_string(corpus.join("en-US").join(name)) else {
            continue;
        };
        let body = source
            .strip_prefix("---")
            .and_then(|rest| rest.split_once("\n---").map(|(_, body)| body))
            .unwrap_or(&source);
        let source = bare(body);
        for segment in article["locales"][0]["segments"].as_array().unwrap() {
            if segment.get("source_line").is_some() || segment["status"] == "empty" {
                continue;
            }
            let current = source.contains(&bare(segment["source"].as_str().unwrap()));
            match (segment["status"] == "drift", current) {
                (true, false) => true_drift += 1,
                (true, true) => false_drift += 1,
                (false, false) => missed += 1,
                (false, true) => {}
            }
        }
    }
    let precision = true_drift as f64 / (true_drift + false_drift) as f64;
    let recall = true_drift as f64 / (true_drift + missed) as f64;
    eprintln!(
        "de-DE drift: {true_drift} true, {false_drift} false, {missed} missed: precision {precision:.4}, recall {recall:.4}"
    );
    assert!(
        true_drift > 1000,
        "the translations are stale: {true_drift}"
    );
    assert!(precision >= 0.97, "precision {precision}");
    assert!(recall >= 0.97, "recall {recall}");
}

#[test]
fn check_reports_stale_translations_once_and_toc_entries_at_their_line() {
    let Some(corpus) = hololens() else { return };
    let project = book_over(&[
        ("en-US", corpus.join("en-US")),
        ("ja-JP", corpus.join("sxs/ja-JP")),
    ]);
    let run = diglot(&[
        "--root",
        project.path().to_str().unwrap(),
        "check",
        "--offline",
        "--format",
        "json",
    ]);
    let json: serde_json::Value = serde_json::from_slice(&run.stdout).unwrap();
    let findings = json["diagnostics"].as_array().unwrap();
    let drift: Vec<&serde_json::Value> = findings
        .iter()
        .filter(|d| d["code"] == "source-drift")
        .collect();
    let articles: BTreeSet<&str> = drift
        .iter()
        .map(|d| d["article"].as_str().unwrap())
        .collect();
    assert!(drift.len() > 20, "stale translations are reported");
    assert_eq!(
        drift.len(),
        articles.len(),
        "one finding per stale translation"
    );
    assert!(
        drift
            .iter()
            .all(|d| d["related"][0]["file"].as_str().unwrap().contains("en-US")),
        "each points at the English source"
    );
    // The ja-JP TOC lists a page no locale has, at its own line.
    let toc = std::fs::read_to_string(corpus.join("sxs/ja-JP/TOC.md")).unwrap();
    let line = toc
        .lines()
        .position(|l| l.contains("(hololens-faq.md)"))
        .unwrap()
        + 1;
    assert!(
        findings.iter().any(|d| d["code"] == "broken-link"
            && d["file"].as_str().unwrap().ends_with("ja-JP/TOC.md")
            && d["line"] == line),
        "no finding at TOC.md:{line}"
    );
}
