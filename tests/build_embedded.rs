//! Building the embedded `content/` with the real binary, and reading the site it writes.

mod common;

use common::*;

#[test]
fn writes_every_locale_and_the_english_source_with_the_right_titles() {
    let (_keep, site) = build_embedded();
    let nb = html(&site.join("nb-NO/device-in-pending-state.html"));
    assert!(text_of(&nb, "title").starts_with("Enhet i ventende tilstand"));
    assert_eq!(attributes(&nb, "html", "lang"), ["nb-NO"]);
    assert_eq!(text_of(&nb, "main h1").trim(), "Enhet i ventende tilstand");

    let en = html(&site.join("en-US/device-in-pending-state.html"));
    assert!(text_of(&en, "title").starts_with("Device in pending state"));
    assert_eq!(attributes(&en, "html", "lang"), ["en-US"]);
    assert!(
        text_of(&en, "main")
            .contains("If you are setting up device registrations for the first time")
    );

    for page in [
        "nl-NL/device-in-pending-state.html",
        "nl-NL/troubleshoot-prt-issue.html",
        "nl-NL/azure-active-directory-automatic-device-registration-faq.html",
        "da-DK/troubleshoot-prt-issue.html",
        "en-US/troubleshoot-prt-issue.html",
        "en-US/azure-active-directory-automatic-device-registration-faq.html",
        "nb-NO/index.html",
        "nl-NL/index.html",
        "da-DK/index.html",
        "en-US/index.html",
        "index.html",
    ] {
        assert!(site.join(page).is_file(), "{page} missing");
    }
}

#[test]
fn no_sxs_markup_or_english_half_leaks_into_pages() {
    let (_keep, site) = build_embedded();
    for file in files_with_extension(&site, "html") {
        let text = std::fs::read_to_string(&file).unwrap();
        assert!(
            !text.contains("sxs-lookup"),
            "{} leaks sxs-lookup",
            file.display()
        );
        assert!(
            !text.contains("data-ttu-id"),
            "{} leaks data-ttu-id",
            file.display()
        );
        let doc = scraper::Html::parse_document(&text);
        let title = text_of(&doc, "title");
        assert!(
            !title.contains('<'),
            "{}: markup in <title>: {title}",
            file.display()
        );
    }
    let nl = html(&site.join("nl-NL/device-in-pending-state.html"));
    let main = text_of(&nl, "main");
    assert!(main.contains("Apparaat met status in behandeling"));
    assert!(
        !main.contains("Device in pending state"),
        "English half shown in the translation"
    );
}

#[test]
fn indexes_list_articles_by_translated_title_and_the_root_lists_locales() {
    let (_keep, site) = build_embedded();
    let nl = html(&site.join("nl-NL/index.html"));
    let titles: Vec<String> = {
        let sel = scraper::Selector::parse(".article-list a").unwrap();
        nl.select(&sel).map(|a| a.text().collect()).collect()
    };
    assert_eq!(titles.len(), 3);
    assert!(
        titles.contains(&"Apparaat met status in behandeling".to_string()),
        "{titles:?}"
    );
    assert!(titles.iter().all(|t| !t.contains("span")));

    let root = html(&site.join("index.html"));
    let locales = attributes(&root, ".locale-list a", "hreflang");
    assert_eq!(locales, ["da-DK", "en-US", "nb-NO", "nl-NL"]);
    for href in attributes(&root, ".locale-list a", "href") {
        assert!(site.join(&href).is_file(), "root links to missing {href}");
    }
}

#[test]
fn the_language_switcher_links_resolve_from_file_urls() {
    let (_keep, site) = build_embedded();
    let page = site.join("nl-NL/device-in-pending-state.html");
    let doc = html(&page);
    let hrefs = attributes(&doc, ".lang-switcher a", "href");
    let langs = attributes(&doc, ".lang-switcher a", "hreflang");
    assert_eq!(langs, ["en-US", "nb-NO", "nl-NL"]);
    for href in hrefs {
        assert!(
            !href.starts_with('/'),
            "absolute link {href} breaks file://"
        );
        let target = page.parent().unwrap().join(&href);
        assert!(target.is_file(), "switcher link {href} does not resolve");
    }
    assert_eq!(
        attributes(&doc, "link[rel=stylesheet]", "href"),
        ["../static/diglot.css", "../static/dfm.css"]
    );
    assert!(site.join("static/diglot.css").is_file() && site.join("static/dfm.css").is_file());
}

#[test]
fn docfx_syntax_renders() {
    let (_keep, site) = build_embedded();
    // Seed 004 writes `>[!Note]` and links to other articles as `.md`.
    let faq =
        html(&site.join("nl-NL/azure-active-directory-automatic-device-registration-faq.html"));
    assert_eq!(text_of(&faq, ".alert-note .alert-title"), "Opmerking");
    assert!(text_of(&faq, ".alert-note").contains("Verloren apparaten"));
    let hrefs = attributes(&faq, "main a", "href");
    assert!(
        hrefs.contains(&"active-directory-device-registration.html".to_string()),
        "{hrefs:?}"
    );
    assert!(hrefs.iter().all(|h| !h.ends_with(".md")));
    // The heading's anchor gives it its id, as DocFX does.
    assert_eq!(
        attributes(&faq, "h1", "id"),
        ["azure-active-directory-automatic-device-registration-faq"]
    );
    // The seeds' steps: ordered lists nested with four spaces.
    let prt = html(&site.join("nl-NL/troubleshoot-prt-issue.html"));
    let nested = scraper::Selector::parse("main ol > li ol > li").unwrap();
    assert!(
        prt.select(&nested).count() >= 2,
        "nested steps not rendered as nested lists"
    );
    // The machine-translation banner and its link to the English original.
    let banner = attributes(&prt, ".banner-mt a", "href");
    assert_eq!(banner, ["../en-US/troubleshoot-prt-issue.html"]);
}

#[test]
fn rebuilding_gives_byte_identical_output() {
    let (_a, first) = build_embedded();
    let (_b, second) = build_embedded();
    let mut files = files_with_extension(&first, "html");
    files.sort();
    assert!(!files.is_empty());
    for file in files {
        let relative = file.strip_prefix(&first).unwrap();
        assert_eq!(
            std::fs::read(&file).unwrap(),
            std::fs::read(second.join(relative)).unwrap(),
            "{} differs between builds",
            relative.display()
        );
    }
}

/// A second build, run from inside the project as a user runs it, keeps the pages whose bytes
/// did not change as the very same files (same inode, same modification time: what `rsync` and
/// caches go by) and writes the edited page anew.
#[test]
#[cfg(unix)]
fn a_rebuild_keeps_unchanged_pages_as_they_were_and_writes_the_edited_one() {
    use std::os::unix::fs::MetadataExt;
    let dir = tempfile::tempdir().unwrap();
    copy_embedded_project(dir.path());
    let build = || {
        let run = std::process::Command::new(env!("CARGO_BIN_EXE_diglot"))
            .args(["build", "--quiet"])
            .current_dir(dir.path())
            .output()
            .unwrap();
        assert!(run.status.success(), "{}", stderr(&run));
    };
    build();
    let site = dir.path().join("book");
    let unchanged = site.join("da-DK/troubleshoot-prt-issue.html");
    let edited = site.join("nb-NO/device-in-pending-state.html");
    let stamp = |file: &std::path::Path| {
        let meta = std::fs::metadata(file).unwrap();
        (meta.ino(), meta.modified().unwrap())
    };
    let (before_unchanged, before_edited) = (stamp(&unchanged), stamp(&edited));
    std::thread::sleep(std::time::Duration::from_millis(20));

    let source = dir.path().join("content/nb-NO/device-in-pending-state.md");
    let mut text = std::fs::read_to_string(&source).unwrap();
    text.push_str("\nEt nytt avsnitt om registrering.\n");
    std::fs::write(&source, text).unwrap();
    build();

    assert_eq!(
        stamp(&unchanged),
        before_unchanged,
        "the unchanged page is the same file"
    );
    assert_ne!(
        stamp(&edited).0,
        before_edited.0,
        "the edited page is a new file"
    );
    assert!(text_of(&html(&edited), "main").contains("Et nytt avsnitt om registrering."));
    let leftovers: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .filter_map(Result::ok)
        .filter(|e| e.file_name().to_string_lossy().starts_with(".book."))
        .collect();
    assert!(
        leftovers.is_empty(),
        "no staging or old site left: {leftovers:?}"
    );
}
