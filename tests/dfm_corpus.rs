//! The HoloLens docset of the shared corpus, built with the real binary: no page's article text
//! (code aside) may still hold DocFX markup (`:::` or `[!`), and the constructs the docset uses
//! are rendered as what they are.
//!
//! Two books: the English source with the sxs locales (whose includes, images and code samples
//! come from the English source), and the English source with the plain de-DE translation
//! (which has includes of its own).

mod common;

use std::path::{Path, PathBuf};

use scraper::{ElementRef, Html, Node, Selector};

use common::hololens;

/// The text of `element` a reader sees, code left out.
fn text_outside_code(element: ElementRef, out: &mut String) {
    for child in element.children() {
        match child.value() {
            Node::Text(text) => out.push_str(text),
            Node::Element(e) if matches!(e.name(), "pre" | "code" | "script" | "style") => {}
            Node::Element(_) => {
                text_outside_code(ElementRef::wrap(child).expect("an element"), out)
            }
            _ => {}
        }
    }
}

const LOCALES: [&str; 3] = ["de-DE", "ja-JP", "zh-CN"];

/// Builds the English source with `locales` of the `flavor` (`sxs` or `plain`) folder.
fn build(hololens: &Path, flavor: &str, locales: &[&str]) -> (tempfile::TempDir, PathBuf) {
    let mut folders = vec![("en-US", hololens.join("en-US"))];
    folders.extend(
        locales
            .iter()
            .map(|tag| (*tag, hololens.join(flavor).join(tag))),
    );
    let dir = common::book_over(&folders);
    let (site, run) = common::build_site(dir.path());
    assert_ne!(
        run.status.code(),
        Some(2),
        "build failed: {}",
        common::stderr(&run)
    );
    (dir, site)
}

#[test]
fn no_docfx_markup_is_left_in_any_article() {
    let Some(hololens) = hololens() else { return };
    let articles = Selector::parse("article").unwrap();
    let mut pages = 0;
    let mut leftovers = Vec::new();
    let books = [
        build(&hololens, "sxs", &LOCALES),
        build(&hololens, "plain", &["de-DE"]),
    ];
    let sites = books.iter().map(|(_, site)| site);
    for (site, locale) in
        sites.flat_map(|site| ["en-US"].iter().chain(&LOCALES).map(move |l| (site, *l)))
    {
        if !site.join(locale).is_dir() {
            continue;
        }
        for page in common::files_with_extension(&site.join(locale), "html") {
            let html = common::html(&page);
            for article in html.select(&articles) {
                let mut text = String::new();
                text_outside_code(article, &mut text);
                for marker in [":::", "[!"] {
                    if let Some(at) = text.find(marker) {
                        let start = text[..at]
                            .char_indices()
                            .rev()
                            .nth(40)
                            .map_or(0, |(i, _)| i);
                        let around: String = text[start..].chars().take(100).collect();
                        leftovers.push(format!("{}: …{around}…", page.display()));
                    }
                }
            }
            pages += 1;
        }
    }
    assert!(pages > 600, "only {pages} pages were built");
    // The English source's pages render its includes (tab groups in this one).
    let kiosk = common::html(&books[0].1.join("en-US/hololens-kiosk.html"));
    let tabs = kiosk
        .select(&Selector::parse("article .tabGroup [role=tab]").unwrap())
        .count();
    assert!(tabs >= 7, "{tabs} tabs from the English include");
    assert!(
        leftovers.is_empty(),
        "DocFX markup left in {} places:\n{}",
        leftovers.len(),
        leftovers.join("\n")
    );
}

#[test]
fn the_docsets_constructs_are_rendered() {
    let Some(hololens) = hololens() else { return };
    let (_dir, site) = build(&hololens, "plain", &["de-DE"]);
    let count = |page: &str, selector: &str| {
        let html: Html = common::html(&site.join(page));
        html.select(&Selector::parse(selector).unwrap()).count()
    };
    // `[!INCLUDE]` of a file holding tab groups (the English on demand, in its template, is
    // not counted).
    assert_eq!(
        count(
            "de-DE/hololens-kiosk.html",
            "article:not(.english) .tabGroup"
        ),
        2
    );
    assert!(
        count(
            "de-DE/hololens-kiosk.html",
            "article:not(.english) .tabGroup [role=tab]"
        ) >= 7
    );
    // `:::code` from the English source's `samples/`, with its highlighted lines.
    assert!(
        count(
            "de-DE/hololens-kiosk-reference.html",
            "article:not(.english) pre > code.lang-xml"
        ) >= 8
    );
    assert!(
        count(
            "de-DE/hololens-kiosk-reference.html",
            "article:not(.english) mark.line-highlight"
        ) >= 8
    );
    // `:::row:::` and `:::column:::`.
    assert_eq!(
        count(
            "en-US/hololens-commercial-features.html",
            "article:not(.english) section.row > div.column.span2"
        ),
        count(
            "en-US/hololens-commercial-features.html",
            "article:not(.english) section.row"
        )
    );
    assert!(
        count(
            "en-US/hololens-commercial-features.html",
            "article:not(.english) section.row"
        ) >= 5
    );
    // `:::image` with a lightbox, `[!div class="nextstepaction"]`, `[!VIDEO]`.
    assert_eq!(
        count(
            "de-DE/hololens2-cloud-connected-overview.html",
            "article:not(.english) a.lightbox > img"
        ),
        1
    );
    assert!(
        count(
            "de-DE/hololens-requirements.html",
            "article:not(.english) div.nextstepaction a"
        ) >= 4
    );
    assert_eq!(
        count(
            "de-DE/hololens-core-components.html",
            "article:not(.english) div.embeddedvideo > iframe[title]"
        ),
        1
    );
}
