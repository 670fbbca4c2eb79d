//! Every locale's site speaks its reader's language: the theme's own words (banners, buttons,
//! hints, navigation labels, the search UI, the updated line) come from the locale's string
//! table, and no English phrase of the theme is left on Hebrew, Arabic, Chinese, Japanese and
//! German pages, nor on any page sampled from every locale of the shared corpus. Overrides from
//! book.toml and a theme folder reach the pages; a mistyped key stops the build at its line.

mod common;
#[path = "locales/fixture.rs"]
mod fixture;

use std::collections::{BTreeMap, HashSet};
use std::path::Path;

use common::*;
use diglot::i18n::Strings;
use scraper::{ElementRef, Html, Selector};

fn selector(css: &str) -> Selector {
    Selector::parse(css).unwrap()
}

/// Parts of a page that are the article's own words, not the theme's: left out of the search
/// for English (real articles quote English names of menus and products). The pager's labels
/// are checked against the table by `assert_words_from_table`.
const CONTENT: &str = "article.content, template, title, h1, nav.toc, nav.outline li, .article-list li, .breadcrumb li, .lang-switcher li, .site-title, .site-footer, .pager a, .locale-list";

/// Attributes that carry theme words.
const WORD_ATTRIBUTES: [&str; 10] = [
    "aria-label",
    "placeholder",
    "title",
    "data-placeholder",
    "data-results",
    "data-none",
    "data-loading",
    "data-error",
    "data-label",
    "data-table-label",
];

/// The theme's words on a page: text nodes and word attributes outside the article's content.
fn theme_words(doc: &Html) -> Vec<String> {
    let content: HashSet<_> = doc
        .select(&selector(CONTENT))
        .flat_map(|e| e.descendants().map(|n| n.id()))
        .collect();
    let mut words = Vec::new();
    for node in doc.root_element().descendants() {
        if content.contains(&node.id()) {
            continue;
        }
        if let Some(text) = node.value().as_text() {
            let text = text.trim();
            if !text.is_empty() {
                words.push(text.to_string());
            }
        } else if let Some(element) = ElementRef::wrap(node) {
            for attribute in WORD_ATTRIBUTES {
                if let Some(value) = element.value().attr(attribute) {
                    words.push(value.trim().to_string());
                }
            }
        }
    }
    words
}

/// Whether `text` is the English `pattern` (whose `{placeholders}` match anything).
fn is_english(text: &str, pattern: &str) -> bool {
    let mut parts = pattern.split(['{', '}']).step_by(2);
    let first = parts.next().unwrap_or_default();
    let Some(mut rest) = text.strip_prefix(first) else {
        return false;
    };
    let parts: Vec<&str> = parts.collect();
    for (i, part) in parts.iter().enumerate() {
        if part.is_empty() {
            continue;
        }
        let found = if i + 1 == parts.len() {
            rest.ends_with(part).then(|| rest.len() - part.len())
        } else {
            rest.find(part)
        };
        match found {
            Some(at) => rest = &rest[at + part.len()..],
            None => return false,
        }
    }
    pattern.ends_with('}') || rest.is_empty()
}

/// Fails when a theme word of `page` is an English string whose translation for `tag` differs.
fn assert_no_english_left(strings: &Strings, tag: &str, page: &Path) {
    let doc = html(page);
    let english = strings.table("en-US");
    let own = strings.table(tag);
    for word in theme_words(&doc) {
        for (key, en) in &english {
            if own[key] != *en && is_english(&word, en) {
                panic!(
                    "{}: `{word}` is the English of `{key}`; {tag} says `{}`",
                    page.display(),
                    own[key]
                );
            }
        }
    }
}

/// The text of each element matching `css`, trimmed.
fn texts(doc: &Html, css: &str) -> Vec<String> {
    doc.select(&selector(css))
        .map(|e| e.text().collect::<String>().trim().to_string())
        .collect()
}

/// Checks the theme words every kind of page has, and those it has when it has them, against
/// the table of `tag`.
fn assert_words_from_table(strings: &Strings, tag: &str, page: &Path) {
    let doc = html(page);
    let t = strings.table(tag);
    let one = |css: &str, attribute: &str| attributes(&doc, css, attribute);
    let at = page.display();
    assert_eq!(texts(&doc, ".skip-link"), [t["skip_to_content"]], "{at}");
    for (attribute, key) in [
        ("data-placeholder", "search_placeholder"),
        ("data-results", "search_results"),
        ("data-none", "search_none"),
        ("data-loading", "search_loading"),
        ("data-error", "search_error"),
    ] {
        assert_eq!(one("#search", attribute), [t[key]], "{at}: {attribute}");
    }
    let labelled = [
        (".lang-switcher", "language"),
        (".breadcrumb", "breadcrumb"),
        ("nav.toc", "table_of_contents"),
        ("nav.outline", "on_this_page"),
        ("nav.pager", "previous_and_next"),
    ];
    for (css, key) in labelled {
        for label in one(css, "aria-label") {
            assert_eq!(label, t[key], "{at}: {css}");
        }
    }
    for (css, key) in [
        (".banner-mt > p > a", "read_english_original"),
        (".toggle-sxs", "english_side_by_side"),
        (".english-tools .hint", "hover_hint"),
        (".pager .previous .pager-label", "previous"),
        (".pager .next .pager-label", "next"),
    ] {
        for text in texts(&doc, css) {
            assert_eq!(text, t[key], "{at}: {css}");
        }
    }
    for banner in texts(&doc, ".banner-mt") {
        assert!(banner.starts_with(t["mt_notice"]), "{at}: {banner}");
    }
    for label in one("#segment-tip", "data-label") {
        assert_eq!(label, t["english"], "{at}");
    }
    for line in texts(&doc, ".updated time") {
        let (before, _) = t["updated"].split_once("{date}").unwrap();
        assert!(line.starts_with(before), "{at}: {line}");
    }
}

#[test]
fn hebrew_arabic_chinese_japanese_and_german_pages_have_no_english_theme_word() {
    let (_keep, site) = fixture::build();
    let strings = Strings::builtin().unwrap();
    for tag in fixture::LOCALES {
        let pages = ["reset.html", "sign-in.html", "index.html"];
        for page in pages.map(|p| site.join(tag).join(p)) {
            assert_words_from_table(&strings, tag, &page);
            assert_no_english_left(&strings, tag, &page);
        }
        let article = html(&site.join(tag).join("reset.html"));
        assert_eq!(attributes(&article, "html", "lang"), [tag]);
        // Every fixture article is machine translated, has neighbours and an outline.
        assert_eq!(texts(&article, ".banner-mt > p > a").len(), 1, "{tag}");
        assert_eq!(texts(&article, ".pager-label").len(), 1, "{tag}");
        assert_eq!(
            attributes(&article, "nav.outline", "aria-label").len(),
            1,
            "{tag}"
        );
        let index = html(&site.join(tag).join("index.html"));
        let count = strings.get(tag, "article_count").replace("{count}", "2");
        assert_eq!(texts(&index, ".article-list .count"), [count], "{tag}");
    }
    // The search for English finds it where a table leaves it: the English pages.
    let english = site.join("en-US/reset.html");
    let result = std::panic::catch_unwind(|| assert_no_english_left(&strings, "de-DE", &english));
    assert!(
        result.is_err(),
        "the check does not see English theme words"
    );
}

#[test]
fn the_stale_banner_and_the_updated_line_are_in_the_readers_language() {
    let (_keep, site) = fixture::build();
    let strings = Strings::builtin().unwrap();
    let de = html(&site.join("de-DE/reset.html"));
    let banner = texts(&de, ".banner-stale").join(" ");
    assert!(
        banner.starts_with(strings.get("de-DE", "stale_other_version")),
        "{banner}"
    );
    assert!(
        banner.contains("Sätze, deren englischer Text sich geändert hat: 2."),
        "{banner}"
    );
    assert_eq!(
        texts(&de, ".banner-stale a"),
        ["Aktuellen englischen Text lesen"]
    );
    assert_eq!(
        texts(&de, ".updated time"),
        ["Zuletzt aktualisiert am 21. April 2020"]
    );
    assert_eq!(attributes(&de, ".updated time", "datetime"), ["2020-04-21"]);
    let ja = html(&site.join("ja-JP/reset.html"));
    assert_eq!(texts(&ja, ".updated time"), ["最終更新日: 2020年4月21日"]);
    assert_eq!(texts(&ja, ".banner-stale").len(), 0);
    let he = html(&site.join("he-IL/sign-in.html"));
    assert_eq!(
        texts(&he, ".updated time"),
        ["עודכן לאחרונה ב- 21 באפריל 2020"]
    );
    assert_eq!(texts(&he, ".banner-mt > p > a"), ["קרא את המקור באנגלית"]);
    assert_eq!(texts(&he, ".pager-label"), ["הקודם"]);
    let en = html(&site.join("en-US/reset.html"));
    assert_eq!(
        texts(&en, ".updated time"),
        ["Last updated on April 21, 2020"]
    );
}

#[test]
fn only_a_locale_with_a_toc_gets_a_sidebar() {
    let (_keep, site) = fixture::build();
    let de = html(&site.join("de-DE/reset.html"));
    assert_eq!(attributes(&de, ".layout", "class"), ["layout with-nav"]);
    for tag in ["ar-SA", "he-IL", "ja-JP", "zh-CN"] {
        let page = html(&site.join(tag).join("reset.html"));
        assert_eq!(attributes(&page, ".layout", "class"), ["layout"], "{tag}");
        assert_eq!(texts(&page, "nav.toc").len(), 0, "{tag}");
        // The outline column is there because the article has headings; an index has none.
        assert_eq!(
            attributes(&page, "main", "class"),
            ["with-outline"],
            "{tag}"
        );
        let index = html(&site.join(tag).join("index.html"));
        assert_eq!(attributes(&index, "main", "class").len(), 0, "{tag}");
    }
}

#[test]
fn book_toml_and_a_theme_folder_override_strings() {
    let book = "[build]\ntheme = \"theme\"\n[strings.de-DE]\nprevious = \"Vorheriger Artikel\"\n[strings.pt]\nnext = \"Seguinte\"\n";
    let theme = [("theme/i18n/he.toml", "next = \"המאמר הבא\"\n")];
    let dir = fixture::write(book, &theme);
    let (site, run) = build_site(dir.path());
    assert!(run.status.success(), "{}", stderr(&run));
    let de = html(&site.join("de-DE/sign-in.html"));
    assert_eq!(
        texts(&de, ".pager .previous .pager-label"),
        ["Vorheriger Artikel"]
    );
    let he = html(&site.join("he-IL/reset.html"));
    assert_eq!(texts(&he, ".pager .next .pager-label"), ["המאמר הבא"]);
    // The rest of the Hebrew table is untouched.
    assert_eq!(texts(&he, ".toggle-sxs"), ["אנגלית זה לצד זה"]);
}

#[test]
fn a_mistyped_string_key_stops_the_build_at_its_line() {
    let book = "[strings.de-DE]\n\nprevous = \"Zurück\"\n";
    let dir = fixture::write(book, &[]);
    let (_site, run) = build_site(dir.path());
    assert_eq!(run.status.code(), Some(2), "{}", stderr(&run));
    let log = stderr(&run);
    assert!(log.contains("book.toml:5:1"), "{log}");
    assert!(log.contains("`prevous`"), "{log}");

    let dir = fixture::write(
        "[build]\ntheme = \"theme\"\n",
        &[(
            "theme/i18n/ja-JP.toml",
            "next = \"次\"\nupdated = \"更新\"\n",
        )],
    );
    let (_site, run) = build_site(dir.path());
    assert_eq!(run.status.code(), Some(2));
    let log = stderr(&run);
    assert!(log.contains("ja-JP.toml:2:1"), "{log}");
    assert!(log.contains("{date}"), "{log}");
}

/// Up to `n` article pages of `folder`, spread over its sorted file list, and its index.
fn sample(folder: &Path, n: usize) -> Vec<std::path::PathBuf> {
    let mut pages: Vec<_> = files_with_extension(folder, "html");
    pages.sort();
    let step = pages.len().div_ceil(n).max(1);
    let mut chosen: Vec<_> = pages.iter().step_by(step).cloned().collect();
    chosen.push(folder.join("index.html"));
    chosen
}

/// Builds `locales` (tag to folder) into a temporary site; returns it (keep it alive).
fn build_locales(
    locales: &BTreeMap<&str, std::path::PathBuf>,
) -> (tempfile::TempDir, std::path::PathBuf) {
    let mut book = "[book]\ntitle = \"Corpus\"\n".to_string();
    for (tag, folder) in locales {
        book.push_str(&format!("[locale.{tag}]\nsrc = \"{}\"\n", folder.display()));
    }
    let dir = project(&[("book.toml", book.as_bytes())]);
    let (site, run) = build_site(dir.path());
    assert_ne!(run.status.code(), Some(2), "{}", stderr(&run));
    (dir, site)
}

#[test]
fn every_corpus_locale_reads_the_theme_in_its_own_language() {
    let Some(alchemy) = corpus() else { return };
    let hololens = alchemy.join("../hololens/sxs");
    let strings = Strings::builtin().unwrap();
    let sets: Vec<BTreeMap<&str, std::path::PathBuf>> = vec![
        ["ar-SA", "da-DK", "de-DE", "ja-JP", "nb-NO", "nl-NL"]
            .into_iter()
            .map(|tag| (tag, alchemy.join(tag)))
            .collect(),
        ["de-DE", "ja-JP", "zh-CN"]
            .into_iter()
            .map(|tag| (tag, hololens.join(tag)))
            .collect(),
    ];
    let mut checked = 0;
    for locales in &sets {
        let (_keep, site) = build_locales(locales);
        for tag in locales.keys() {
            for page in sample(&site.join(tag), 40) {
                assert_words_from_table(&strings, tag, &page);
                assert_no_english_left(&strings, tag, &page);
                checked += 1;
            }
        }
    }
    assert!(checked > 300, "only {checked} pages checked");
}
