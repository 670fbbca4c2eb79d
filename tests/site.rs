//! The multilingual site's structure, read with scraper from pages the real binary writes:
//! language alternates, right-to-left pages, navigation from TOC.yml, English on demand,
//! the stale-translation banner, canonical links, sitemap.xml and the 404 page.

mod common;
#[path = "browser/fixture.rs"]
mod fixture;

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use common::*;
use fixture::build;

fn select_count(doc: &scraper::Html, selector: &str) -> usize {
    doc.select(&scraper::Selector::parse(selector).unwrap())
        .count()
}

/// `href` seen from `page` resolves to a file of the site.
fn resolves(page: &Path, href: &str) -> bool {
    let path = href.split('#').next().unwrap();
    page.parent().unwrap().join(path).is_file()
}

#[test]
fn alternates_list_every_locale_of_the_article_and_x_default() {
    let (_keep, site) = build(None);
    let page = site.join("nl-NL/reset.html");
    let doc = html(&page);
    let langs: BTreeSet<String> = attributes(&doc, "link[rel=alternate]", "hreflang")
        .into_iter()
        .collect();
    let expected: BTreeSet<String> = ["ar-SA", "en-US", "nl-NL", "x-default"]
        .map(String::from)
        .into();
    assert_eq!(langs, expected);
    for href in attributes(&doc, "link[rel=alternate]", "href") {
        assert!(resolves(&page, &href), "alternate {href} does not resolve");
    }
    let x_default = attributes(&doc, "link[hreflang=x-default]", "href");
    assert_eq!(x_default, ["../en-US/reset.html"]);
    // The switcher lists the same locales, each resolving to a page.
    let switcher = attributes(&doc, ".lang-switcher a", "href");
    assert_eq!(switcher.len(), 3);
    assert!(switcher.iter().all(|h| resolves(&page, h)), "{switcher:?}");
    // An article only in Dutch has no switcher and no x-default.
    let other = html(&site.join("nl-NL/other.html"));
    assert_eq!(select_count(&other, ".lang-switcher"), 0);
    assert_eq!(select_count(&other, "link[hreflang=x-default]"), 0);
}

#[test]
fn arabic_pages_are_right_to_left_and_titles_carry_no_sxs_markup() {
    let (_keep, site) = build(None);
    let ar = html(&site.join("ar-SA/reset.html"));
    assert_eq!(attributes(&ar, "html", "dir"), ["rtl"]);
    assert_eq!(attributes(&ar, "html", "lang"), ["ar-SA"]);
    assert_eq!(
        attributes(&html(&site.join("ar-SA/index.html")), "html", "dir"),
        ["rtl"]
    );
    assert_eq!(
        attributes(&html(&site.join("nl-NL/reset.html")), "html", "dir"),
        ["ltr"]
    );
    for file in files_with_extension(&site, "html") {
        let doc = html(&file);
        let title = text_of(&doc, "title");
        assert!(
            !title.contains('<') && !title.contains("data-ttu"),
            "{}: {title}",
            file.display()
        );
    }
    assert!(text_of(&ar, "title").starts_with("إعادة تعيين كلمة المرور"));
}

#[test]
fn toc_navigation_comes_from_toc_yml_and_its_links_resolve() {
    let (_keep, site) = build(None);
    let page = site.join("nl-NL/reset.html");
    let doc = html(&page);
    let items: Vec<String> = doc
        .select(&scraper::Selector::parse("nav.toc a, nav.toc span").unwrap())
        .map(|item| item.text().collect::<String>().trim().to_string())
        .collect();
    assert_eq!(
        items,
        [
            "Beginnen",
            "Wachtwoord opnieuw instellen",
            "Ontbreekt",
            "Op internet"
        ]
    );
    let hrefs = attributes(&doc, "nav.toc a", "href");
    assert_eq!(
        hrefs,
        ["index.html", "reset.html", "https://example.test/"],
        "a missing article is listed without a link"
    );
    for href in hrefs.iter().filter(|h| !h.contains("://")) {
        assert!(resolves(&page, href), "TOC link {href} does not resolve");
    }
    assert_eq!(
        attributes(&doc, "nav.toc a[aria-current=page]", "href"),
        ["reset.html"]
    );
    // The English pages read the English names of the same TOC; Arabic has none.
    let en = html(&site.join("en-US/reset.html"));
    assert_eq!(text_of(&en, "nav.toc a, nav.toc span").trim(), "Start");
    // The section holding the current page is open.
    assert_eq!(
        select_count(&doc, "nav.toc details[open] a[aria-current=page]"),
        1
    );
    assert_eq!(
        select_count(&html(&site.join("ar-SA/reset.html")), "nav.toc"),
        0
    );
}

#[test]
fn previous_and_next_follow_the_toc_then_the_titles() {
    let (_keep, site) = build(None);
    let reset = html(&site.join("nl-NL/reset.html"));
    assert_eq!(select_count(&reset, ".pager a[rel=prev]"), 0);
    assert_eq!(
        attributes(&reset, ".pager a[rel=next]", "href"),
        ["other.html"]
    );
    let other = html(&site.join("nl-NL/other.html"));
    assert_eq!(
        attributes(&other, ".pager a[rel=prev]", "href"),
        ["reset.html"]
    );
    assert!(text_of(&other, ".pager a[rel=prev]").contains("Wachtwoord opnieuw instellen"));
}

#[test]
fn every_segment_names_its_english_and_the_english_source_rides_along() {
    let (_keep, site) = build(None);
    let doc = html(&site.join("nl-NL/reset.html"));
    let english = attributes(&doc, "article.content .seg", "data-en");
    assert_eq!(
        english,
        ["Reset your password", "Open Settings.", "Choose Security."]
    );
    // Focusable, except inside a link; the emphasis inside a segment still renders.
    assert_eq!(select_count(&doc, "article.content .seg[tabindex='0']"), 3);
    assert_eq!(text_of(&doc, ".seg[data-seg='102'] strong"), "Instellingen");
    // The English, segment by segment, for reading side by side; never shown in `main` text.
    let template = text_of(&doc, "template#english-source");
    assert!(template.contains("Open Settings."), "{template}");
    let inside = doc
        .select(&scraper::Selector::parse("template#english-source").unwrap())
        .next()
        .unwrap()
        .inner_html();
    let english = scraper::Html::parse_fragment(&inside);
    assert_eq!(
        attributes(&english, ".seg-en", "data-seg"),
        ["101", "102", "103"]
    );
    // Block for block, the English has the translation's structure.
    assert_eq!(select_count(&doc, "main article.content > *"), 3);
    assert_eq!(select_count(&english, "article > *"), 3);
    // It answers no fragment links: ids and anchors belong to the translation.
    assert_eq!(select_count(&english, "[id], a[name]"), 0);
    assert_eq!(select_count(&english, "h1[data-id]"), 1);
    assert!(!text_of(&doc, "main article.content").contains("Settings"));
    assert_eq!(select_count(&doc, "#segment-tip[role=tooltip]"), 1);
    // The English page itself has no segments to hover.
    let en = html(&site.join("en-US/reset.html"));
    assert_eq!(select_count(&en, ".seg"), 0);
    assert_eq!(select_count(&en, "template"), 0);
}

#[test]
fn a_translation_of_other_english_has_a_stale_banner() {
    let (_keep, site) = build(None);
    // Dutch was handed off last: it is the English source. Arabic's second sentence differs.
    let ar = html(&site.join("ar-SA/reset.html"));
    let banner = text_of(&ar, ".banner-stale");
    let strings = diglot::i18n::Strings::builtin().unwrap();
    assert!(
        banner.contains(strings.get("ar-SA", "stale_other_version")),
        "{banner}"
    );
    let changed = strings
        .get("ar-SA", "stale_changed")
        .replace("{count}", "1");
    assert!(banner.contains(&changed), "{banner}");
    assert_eq!(
        attributes(&ar, ".banner-stale a", "href"),
        ["../en-US/reset.html"]
    );
    assert_eq!(
        select_count(&html(&site.join("nl-NL/reset.html")), ".banner-stale"),
        0
    );
}

#[test]
fn canonical_links_and_absolute_alternates_only_with_a_site_url() {
    let (_keep, site) = build(Some("https://help.example.org/docs/"));
    let doc = html(&site.join("ar-SA/reset.html"));
    assert_eq!(
        attributes(&doc, "link[rel=canonical]", "href"),
        ["https://help.example.org/docs/ar-SA/reset.html"]
    );
    assert!(
        attributes(&doc, "link[rel=alternate]", "href")
            .iter()
            .all(|h| h.starts_with("https://help.example.org/docs/"))
    );
    // The switcher stays relative so the site still works from file://.
    assert!(
        attributes(&doc, ".lang-switcher a", "href")
            .iter()
            .all(|h| h.starts_with("../"))
    );
    let (_keep, plain) = build(None);
    assert_eq!(
        select_count(
            &html(&plain.join("ar-SA/reset.html")),
            "link[rel=canonical]"
        ),
        0
    );
}

#[test]
fn sitemap_lists_indexable_pages_with_their_alternates() {
    let (_keep, site) = build(Some("https://help.example.org/"));
    let map = std::fs::read_to_string(site.join("sitemap.xml")).unwrap();
    let doc = scraper::Html::parse_fragment(&map);
    let locations: BTreeSet<String> = doc
        .select(&scraper::Selector::parse("loc").unwrap())
        .map(|l| l.text().collect())
        .collect();
    for page in [
        "nl-NL/reset.html",
        "ar-SA/reset.html",
        "en-US/reset.html",
        "index.html",
        "nl-NL/index.html",
    ] {
        assert!(
            locations.contains(&format!("https://help.example.org/{page}")),
            "{page} missing from {locations:?}"
        );
    }
    assert!(
        !locations.iter().any(|l| l.contains("other.html")),
        "a NOINDEX page is listed"
    );
    for location in &locations {
        let relative = location.strip_prefix("https://help.example.org/").unwrap();
        assert!(site.join(relative).is_file(), "{location} is not a page");
    }
    // Each article lists its three language versions.
    let url = scraper::Selector::parse("url").unwrap();
    let reset = doc
        .select(&url)
        .find(|u| {
            u.inner_html()
                .contains("<loc>https://help.example.org/ar-SA/reset.html")
        })
        .unwrap();
    let hreflangs: BTreeSet<&str> = reset
        .select(&scraper::Selector::parse("*").unwrap())
        .filter_map(|e| e.value().attr("hreflang"))
        .collect();
    assert_eq!(hreflangs, BTreeSet::from(["ar-SA", "en-US", "nl-NL"]));
}

#[test]
fn the_404_page_links_to_every_locale_from_the_site_root() {
    let (_keep, site) = build(Some("https://help.example.org/docs"));
    let doc = html(&site.join("404.html"));
    assert_eq!(
        attributes(&doc, ".locale-list a", "href"),
        [
            "https://help.example.org/docs/ar-SA/index.html",
            "https://help.example.org/docs/en-US/index.html",
            "https://help.example.org/docs/nl-NL/index.html",
        ]
    );
    assert_eq!(
        attributes(&doc, "link[rel=stylesheet]", "href"),
        [
            "https://help.example.org/docs/static/diglot.css",
            "https://help.example.org/docs/static/dfm.css"
        ]
    );
    let (_keep, plain) = build(None);
    let doc = html(&plain.join("404.html"));
    assert_eq!(
        attributes(&doc, "link[rel=stylesheet]", "href"),
        ["/static/diglot.css", "/static/dfm.css"]
    );
}

#[test]
fn print_styles_and_the_search_slot_are_in_place() {
    let (_keep, site) = build(None);
    let css = std::fs::read_to_string(site.join("static/diglot.css")).unwrap();
    assert!(css.contains("@import url(\"print.css\") print;"));
    assert!(site.join("static/print.css").is_file());
    let doc = html(&site.join("nl-NL/reset.html"));
    assert_eq!(select_count(&doc, "header #search"), 1);
}

/// Builds a project made of `files`; returns it, the site and the build's stderr.
fn build_files(files: &[(&str, &[u8])]) -> (tempfile::TempDir, PathBuf, String) {
    let dir = project(files);
    let (site, run) = build_site(dir.path());
    (dir, site, stderr(&run))
}

#[test]
fn a_broken_toc_is_a_diagnostic_and_the_site_is_still_built() {
    let (_keep, site, err) = build_files(&[
        ("book.toml", b"[book]\ntitle = \"T\"\n"),
        ("content/nl-NL/a.md", b"---\ntitle: A\n---\n# A\n"),
        ("content/nl-NL/TOC.yml", b"- name: A\n  items: nee\n"),
    ]);
    assert!(err.contains("TOC.yml:2:"), "{err}");
    assert!(site.join("nl-NL/a.html").is_file());
    assert_eq!(
        select_count(&html(&site.join("nl-NL/a.html")), "nav.toc"),
        0
    );
}

#[test]
fn a_toc_with_a_single_entry_adds_no_sidebar_but_the_pager_still_leads_on() {
    // The corpus's TOC.yml lists only its index: the breadcrumb already links there.
    let (_keep, site, err) = build_files(&[
        ("book.toml", b"[book]\ntitle = \"T\"\n"),
        ("content/nl-NL/b.md", b"---\ntitle: Bee\n---\n# Bee\n"),
        ("content/nl-NL/a.md", b"---\ntitle: Aap\n---\n# Aap\n"),
        (
            "content/nl-NL/TOC.yml",
            b"- name: Index\n  href: index.md\n",
        ),
    ]);
    let page = html(&site.join("nl-NL/a.html"));
    assert_eq!(select_count(&page, "nav.toc"), 0, "{err}");
    assert_eq!(attributes(&page, ".pager a[rel=next]", "href"), ["b.html"]);
}
