//! Building real data: two locales of the shared corpus through a temporary book.toml, and the
//! nl-NL traps (stray `</a>`, front matter in spans) in the pages of that one build.

mod common;

use common::*;

/// Articles of a locale folder as the publisher's docfx.json defines them: every `.md` outside
/// `includes/`, except the files it excludes by name.
fn articles(locale: &std::path::Path) -> Vec<std::path::PathBuf> {
    files_with_extension(locale, "md")
        .into_iter()
        .filter(|f| {
            let relative = f.strip_prefix(locale).unwrap();
            !relative.starts_with("includes") && relative != std::path::Path::new("README.md")
        })
        .collect()
}

#[test]
fn two_corpus_locales_build_every_article_and_count_every_segment() {
    let Some(corpus) = corpus() else { return };
    let project = project(&[(
        "book.toml",
        format!(
            "[book]\ntitle = \"Alchemy\"\n[locale.nl-NL]\nsrc = \"{0}/nl-NL\"\n[locale.ar-SA]\nsrc = \"{0}/ar-SA\"\n",
            corpus.display()
        )
        .as_bytes(),
    )]);
    let run = diglot(&["--root", project.path().to_str().unwrap(), "build"]);
    let log = stderr(&run);
    assert_ne!(run.status.code(), Some(2), "{log}");
    let site = project.path().join("book");

    for tag in ["nl-NL", "ar-SA"] {
        let read = articles(&corpus.join(tag));
        let written: Vec<_> = files_with_extension(&site.join(tag), "html")
            .into_iter()
            .filter(|f| !f.ends_with("404.html"))
            .collect();
        // index.md is the locale's landing page, written as index.html like every other article.
        assert_eq!(
            written.len(),
            read.len(),
            "{tag}: pages written differ from articles read"
        );

        let spans: usize = read
            .iter()
            .map(|f| {
                String::from_utf8_lossy(&std::fs::read(f).unwrap())
                    .matches("data-ttu-id=\"")
                    .count()
            })
            .sum();
        let summary = log
            .lines()
            .find(|l| l.starts_with(&format!("{tag}: ")))
            .unwrap_or_else(|| panic!("no summary for {tag} in:\n{log}"));
        assert_eq!(
            summary,
            format!("{tag}: {} articles, {spans} segments", read.len()),
            "parser's segment total differs from the data-ttu-id spans in the files"
        );
    }

    let ar = html(&site.join("ar-SA/device-in-pending-state.html"));
    assert_eq!(attributes(&ar, "html", "dir"), ["rtl"]);
    let nl = html(&site.join("nl-NL/device-in-pending-state.html"));
    assert_eq!(attributes(&nl, "html", "dir"), ["ltr"]);
    // Corpus media are copied beside the pages that use them.
    assert!(site.join("nl-NL/media").is_dir());

    // The traps of nl-NL, checked on the same build. Front matter wrapped in translation spans:
    // reported, and the page built with the title read from inside the spans.
    assert!(
        log.contains("nl-NL/troubleshoot-presence-issues-outlook.md:2:1"),
        "{log}"
    );
    assert!(log.contains("front matter is wrapped in translation spans"));
    let wrapped = html(&site.join("nl-NL/troubleshoot-presence-issues-outlook.html"));
    assert!(
        text_of(&wrapped, "title")
            .starts_with("Problemen met aanwezigheidsoplossers in Outlook oplossen")
    );
    // Stray `</a>` end tags (mdBook panics on them) build, and the text after them is kept.
    let stray = html(&site.join("nl-NL/microsoft-account-user-permission-issues.html"));
    assert!(text_of(&stray, "main").contains("het beheren van de microsoft 365-aanmelding"));
    let stray = html(&site.join("nl-NL/office-content-search-tool.html"));
    assert!(text_of(&stray, "main").contains("voor het zoeken naar items in de Place Place"));
}
