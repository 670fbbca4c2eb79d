//! The offline search: the build writes one index script per locale, every page carries the
//! search box, and querying an index with the shipped `search.js` (in node, when installed)
//! finds the expected article.

mod common;

use std::path::Path;
use std::process::Command;

use common::*;

/// Loads `static/search.js` and `search/<locale>.js` of `site` into a node vm, as a browser
/// would, and runs each query; returns the urls found per query, best first. `None` (with a
/// note) when node is not installed.
fn node_query(site: &Path, locale: &str, queries: &[&str]) -> Option<Vec<Vec<String>>> {
    const SCRIPT: &str = r#"
const vm = require("vm"), fs = require("fs"), path = require("path");
const [site, locale, ...queries] = process.argv.slice(1);
const context = { window: {} };
vm.createContext(context);
vm.runInContext(fs.readFileSync(path.join(site, "static/search.js"), "utf8"), context);
vm.runInContext(fs.readFileSync(path.join(site, "search", locale + ".js"), "utf8"), context);
const index = context.window.diglotSearchIndex[locale];
const search = context.window.diglotSearch;
console.log(JSON.stringify(queries.map((q) => search.query(index, q, 10).map((r) => r.url))));
"#;
    let run = match Command::new("node")
        .arg("-e")
        .arg(SCRIPT)
        .arg(site)
        .arg(locale)
        .args(queries)
        .output()
    {
        Ok(run) => run,
        Err(_) => {
            eprintln!("NOTE: node is not installed: the search index is not queried");
            return None;
        }
    };
    assert!(run.status.success(), "node failed: {}", stderr(&run));
    Some(serde_json::from_slice(&run.stdout).expect("node prints JSON"))
}

#[test]
fn every_locale_and_the_english_source_get_an_index_and_every_page_the_search_box() {
    let (_keep, site) = build_embedded();
    for locale in ["nl-NL", "nb-NO", "da-DK", "en-US"] {
        let script = std::fs::read_to_string(site.join(format!("search/{locale}.js")))
            .unwrap_or_else(|e| panic!("search/{locale}.js: {e}"));
        assert!(script.starts_with(&format!(
            "(window.diglotSearchIndex=window.diglotSearchIndex||{{}})[\"{locale}\"]="
        )));
    }
    assert!(site.join("static/search.js").is_file());
    for (page, root) in [
        ("nl-NL/device-in-pending-state.html", "../"),
        ("en-US/index.html", "../"),
        ("index.html", ""),
    ] {
        let html = html(&site.join(page));
        assert_eq!(
            attributes(&html, "header [data-search-root]", "data-search-root"),
            [root],
            "{page}"
        );
        assert!(
            attributes(&html, "script", "src").contains(&format!("{root}static/search.js")),
            "{page} does not load search.js"
        );
    }
}

#[test]
fn the_index_holds_only_the_translation() {
    let (_keep, site) = build_embedded();
    let terms = |locale: &str| {
        let script = std::fs::read_to_string(site.join(format!("search/{locale}.js"))).unwrap();
        let line = script
            .lines()
            .find(|l| l.starts_with("\"t\":"))
            .unwrap()
            .to_string();
        let json = line.trim_start_matches("\"t\":").trim_end_matches(',');
        serde_json::from_str::<Vec<String>>(json).unwrap()
    };
    // "pending" and "prerequisites" are in the hidden English of the Dutch files only
    for english in ["pend", "prerequisit"] {
        assert!(terms("en-US").iter().any(|t| t == english), "{english}");
        assert!(!terms("nl-NL").iter().any(|t| t == english), "{english}");
    }
    assert!(terms("nl-NL").iter().any(|t| t == "behandel"));
}

#[test]
fn querying_an_index_finds_the_article_by_its_words_stems_and_prefixes() {
    let (_keep, site) = build_embedded();
    let Some(found) = node_query(
        &site,
        "nl-NL",
        &[
            "status in behandeling",
            "Apparaat STATUS ",
            "prim vernieuwings",
            "PRT",
            "xyzzy",
        ],
    ) else {
        return;
    };
    let first = |n: usize| found[n].first().map(String::as_str);
    assert_eq!(first(0), Some("nl-NL/device-in-pending-state.html"));
    assert_eq!(first(1), Some("nl-NL/device-in-pending-state.html"));
    assert_eq!(first(2), Some("nl-NL/troubleshoot-prt-issue.html"));
    assert_eq!(first(3), Some("nl-NL/troubleshoot-prt-issue.html"));
    assert!(found[4].is_empty(), "{:?}", found[4]);

    let Some(english) = node_query(&site, "en-US", &["devices pending", "refresh token"]) else {
        return;
    };
    assert_eq!(
        english[0].first().map(String::as_str),
        Some("en-US/device-in-pending-state.html")
    );
    assert_eq!(
        english[1].first().map(String::as_str),
        Some("en-US/troubleshoot-prt-issue.html")
    );
}

#[test]
fn a_title_match_ranks_first() {
    let dir = project(&[
        ("book.toml", b"[locale.nl-NL]\n"),
        (
            "content/nl-NL/a.md",
            "# Iets anders\n\nDe printer, de printer, nog een printer en printers.\n".as_bytes(),
        ),
        (
            "content/nl-NL/b.md",
            "---\ntitle: Printer instellen\n---\n# Instellen\n\nZo stel je hem in, met wat meer woorden.\n"
                .as_bytes(),
        ),
        ("content/nl-NL/c.md", b"# Niets\n\nGeen woord erover.\n"),
    ]);
    let (site, run) = build_site(dir.path());
    assert!(run.status.success(), "{}", stderr(&run));
    let Some(found) = node_query(&site, "nl-NL", &["printers "]) else {
        return;
    };
    assert_eq!(found[0], ["nl-NL/b.html", "nl-NL/a.html"]);
}
