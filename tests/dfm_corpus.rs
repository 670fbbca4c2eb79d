//! The HoloLens docset of the shared corpus, built with the real binary: no page's article text
//! (code aside) may still hold DocFX markup (`:::` or `[!`), and the constructs the docset uses
//! are rendered as what they are.
//!
//! The book reads the plain de-DE translation (which has its includes) and the English source
//! folder as a locale (which has `samples/`, read for de-DE's code samples). The sxs locales
//! lack their includes until the docset model reads them from the English source.

mod common;

use std::path::{Path, PathBuf};

use scraper::{ElementRef, Html, Node, Selector};

/// The HoloLens docset, or `None` (with a clear note) when the corpus is absent.
fn hololens() -> Option<PathBuf> {
    let dir = common::repo().join("../shared/corpus/hololens");
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

fn build(hololens: &Path) -> (tempfile::TempDir, PathBuf) {
    let toml = format!(
        "[book]\ntitle = \"HoloLens\"\n\n[locale.en-US]\nsrc = \"{}\"\n\n[locale.de-DE]\nsrc = \"{}\"\n",
        hololens.join("en-US").display(),
        hololens.join("plain/de-DE").display()
    )
    .replace('\\', "/");
    let dir = common::project(&[("book.toml", toml.as_bytes())]);
    let (site, run) = common::build_site(dir.path());
    assert!(
        run.status.success(),
        "build failed: {}",
        common::stderr(&run)
    );
    (dir, site)
}

#[test]
fn no_docfx_markup_is_left_in_any_article() {
    let Some(hololens) = hololens() else { return };
    let (_dir, site) = build(&hololens);
    let articles = Selector::parse("article").unwrap();
    let mut pages = 0;
    let mut leftovers = Vec::new();
    for locale in ["de-DE", "en-US"] {
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
    assert!(pages > 200, "only {pages} pages were built");
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
    let (_dir, site) = build(&hololens);
    let count = |page: &str, selector: &str| {
        let html: Html = common::html(&site.join(page));
        html.select(&Selector::parse(selector).unwrap()).count()
    };
    // `[!INCLUDE]` of a file holding tab groups.
    assert_eq!(count("de-DE/hololens-kiosk.html", "article .tabGroup"), 2);
    assert!(count("de-DE/hololens-kiosk.html", "article .tabGroup [role=tab]") >= 7);
    // `:::code` from the English source's `samples/`, with its highlighted lines.
    assert!(
        count(
            "de-DE/hololens-kiosk-reference.html",
            "article pre > code.lang-xml"
        ) >= 8
    );
    assert!(
        count(
            "de-DE/hololens-kiosk-reference.html",
            "article mark.line-highlight"
        ) >= 8
    );
    // `:::row:::` and `:::column:::`.
    assert_eq!(
        count(
            "en-US/hololens-commercial-features.html",
            "article section.row > div.column.span2"
        ),
        count(
            "en-US/hololens-commercial-features.html",
            "article section.row"
        )
    );
    assert!(
        count(
            "en-US/hololens-commercial-features.html",
            "article section.row"
        ) >= 5
    );
    // `:::image` with a lightbox, `[!div class="nextstepaction"]`, `[!VIDEO]`.
    assert_eq!(
        count(
            "de-DE/hololens2-cloud-connected-overview.html",
            "article a.lightbox > img"
        ),
        1
    );
    assert!(
        count(
            "de-DE/hololens-requirements.html",
            "article div.nextstepaction a"
        ) >= 4
    );
    assert_eq!(
        count(
            "de-DE/hololens-core-components.html",
            "article div.embeddedvideo > iframe[title]"
        ),
        1
    );
}
