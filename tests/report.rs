//! The alignment report through the real binary: what needs attention on the dashboard, plain
//! blocks beside the segments they translate, check findings in their rows, drift, freshness,
//! natural order, the split into locale pages on a large book, a rebuild under `serve`, and the
//! pages' weight on the real corpus.

mod common;

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use common::*;
use scraper::{ElementRef, Html, Selector};

fn select<'a>(html: &'a Html, selector: &str) -> Vec<ElementRef<'a>> {
    let selector = Selector::parse(selector).unwrap();
    html.select(&selector).collect()
}

fn within<'a>(element: ElementRef<'a>, selector: &str) -> Vec<ElementRef<'a>> {
    let selector = Selector::parse(selector).unwrap();
    element.select(&selector).collect()
}

fn text(element: ElementRef) -> String {
    element.text().collect::<String>()
}

/// The row header (`th`) of each row of the article table, in order.
fn row_ids(page: &Html) -> Vec<String> {
    select(page, "table.alignment tbody tr > th")
        .into_iter()
        .map(text)
        .collect()
}

/// The cell of `locale` in the article table whose badge starts with `id`.
fn plain_cell<'a>(page: &'a Html, locale: &str, id: &str) -> ElementRef<'a> {
    select(page, &format!("table.alignment td[data-locale={locale}]"))
        .into_iter()
        .find(|td| {
            within(*td, ".badge")
                .first()
                .is_some_and(|b| text(*b).starts_with(&format!("{id} ·")))
        })
        .unwrap_or_else(|| panic!("no {locale} cell {id}"))
}

/// The cell of `locale` in the row whose id is `id`.
fn cell<'a>(page: &'a Html, id: &str, locale: &str) -> ElementRef<'a> {
    let row = select(page, "table.alignment tbody tr")
        .into_iter()
        .find(|tr| within(*tr, "th").first().is_some_and(|th| text(*th) == id))
        .unwrap_or_else(|| panic!("no row {id}"));
    within(row, &format!("td[data-locale={locale}]"))
        .into_iter()
        .next()
        .unwrap_or_else(|| panic!("row {id} has no {locale} cell"))
}

/// The finding codes listed in an element.
fn codes(element: ElementRef) -> Vec<String> {
    within(element, ".findings .finding code")
        .into_iter()
        .map(text)
        .collect()
}

/// The dashboard's review-list cell of `locale` for `article`.
fn review_cell<'a>(dashboard: &'a Html, article: &str, locale: &str) -> ElementRef<'a> {
    let row = select(dashboard, "table#review tbody tr")
        .into_iter()
        .find(|tr| {
            within(*tr, "th a")
                .first()
                .is_some_and(|a| text(*a) == article)
        })
        .unwrap_or_else(|| panic!("{article} is not listed for review"));
    within(row, &format!("td[data-locale={locale}]"))[0]
}

fn pair(id: &str, target: &str, source: &str) -> String {
    common::sxs_segment(&format!("a1b2c-{id}"), target, source)
}

/// An sxs file translated from `commit`, handed off on `handoff`.
fn sxs(locale: &str, commit: &str, handoff: &str, body: &str) -> String {
    format!(
        "---\ntitle: t\nms.sourcegitcommit: {commit}\nms.lasthandoff: {handoff}\nms.contentlocale: {locale}\n---\n{body}\n"
    )
}

/// Builds the project of `files` with the real binary; returns it (keep it alive) and its site.
fn build(files: &[(&str, String)]) -> (tempfile::TempDir, PathBuf) {
    let files: Vec<(&str, &[u8])> = files.iter().map(|(p, t)| (*p, t.as_bytes())).collect();
    let dir = project(&files);
    let (site, run) = build_site(dir.path());
    assert!(
        site.join("reports/index.html").is_file(),
        "{}",
        stderr(&run)
    );
    (dir, site)
}

#[test]
fn the_danish_plain_translation_from_another_commit_with_findings_needs_attention() {
    let (_keep, site) = build_embedded();
    let dashboard = html(&site.join("reports/index.html"));
    let cell = review_cell(&dashboard, "troubleshoot-prt-issue.md", "da-DK");
    assert_eq!(cell.value().attr("class"), Some("attention"));
    assert_eq!(
        within(cell, ".mark.other-commit").len(),
        1,
        "{}",
        cell.html()
    );
    // check finds two `[!NOTE]` alerts turned into bold text, a command that lost its
    // backticks and a mangled path (`\\ win10client01`).
    assert_eq!(
        cell.value().attr("data-codes"),
        Some("alert-mismatch code-mismatch broken-path")
    );
    assert!(text(within(cell, ".mark.findings")[0]).ends_with(": 4"));
    // The summary counts it, and the lead says how many articles need attention.
    let danish = select(&dashboard, "table.summary tbody tr")
        .into_iter()
        .find(|tr| text(within(*tr, "th")[0]) == "da-DK")
        .unwrap();
    assert_eq!(text(within(danish, "td.attention")[0]), "1");
    let listed = select(&dashboard, "table#review tbody tr").len();
    assert!(listed >= 1);
    let lead = text_of(&dashboard, "p.lead");
    assert!(
        lead.contains(&format!("; {listed} need attention")),
        "{lead}"
    );
    // nb-NO's one article is complete and clean: nothing to review there.
    let norwegian = review_cell(&dashboard, "device-in-pending-state.md", "nb-NO");
    assert_eq!(norwegian.value().attr("class"), None);
    // Each locale has its review page, linked from the summary.
    assert_eq!(
        attributes(&dashboard, "table.summary tbody th a", "href"),
        [
            "locales/da-DK.html",
            "locales/nb-NO.html",
            "locales/nl-NL.html"
        ]
    );
    let danish_page = html(&site.join("reports/locales/da-DK.html"));
    assert_eq!(
        attributes(&danish_page, "table#review tbody th a", "href"),
        ["../articles/troubleshoot-prt-issue.html"]
    );
    let norwegian_page = html(&site.join("reports/locales/nb-NO.html"));
    assert!(select(&norwegian_page, "table#review tbody tr").is_empty());
}

#[test]
fn plain_blocks_sit_beside_the_segments_they_translate_in_natural_order() {
    let (_keep, site) = build_embedded();
    let page = html(&site.join("reports/articles/troubleshoot-prt-issue.html"));
    // Rows follow the segment ids as numbers; no plain block makes a row of its own here.
    let ids = row_ids(&page);
    let numbers: Vec<u32> = ids.iter().map(|id| id.parse().unwrap()).collect();
    assert!(numbers.windows(2).all(|w| w[0] < w[1]), "{ids:?}");
    // The Danish third block renders the English paragraph of segments 104 to 107.
    let b3 = plain_cell(&page, "da-DK", "b3");
    assert_eq!(b3.value().attr("rowspan"), Some("4"));
    assert_eq!(cell(&page, "104", "da-DK").id(), b3.id());
    // Every Danish block is in the table once, in natural order (b9 before b10).
    let blocks: Vec<String> = select(&page, "table.alignment td[data-locale=da-DK] .badge")
        .into_iter()
        .map(|b| text(b).split(' ').next().unwrap().to_string())
        .collect();
    let expected: Vec<String> = (1..=blocks.len()).map(|n| format!("b{n}")).collect();
    assert_eq!(blocks, expected);
    assert!(blocks.len() >= 10, "{blocks:?}");
    // The plain pairs carry the alignment's confidence.
    assert!(text(within(b3, ".badge")[0]).ends_with(" · 1.00"));
}

#[test]
fn each_finding_is_in_the_row_of_its_segment_and_can_be_filtered() {
    let (_keep, site) = build_embedded();
    let page = html(&site.join("reports/articles/troubleshoot-prt-issue.html"));
    // The alert that became bold text is in the Danish block that holds it.
    let b9 = plain_cell(&page, "da-DK", "b9");
    assert!(text(b9).contains("**Bemærk!**"));
    assert_eq!(codes(b9), ["alert-mismatch"]);
    assert_eq!(b9.value().attr("data-codes"), Some("alert-mismatch"));
    // A Dutch segment glued to a link, in its own row and cell only.
    let glued = cell(&page, "112", "nl-NL");
    assert_eq!(codes(glued), ["text-corruption"]);
    assert!(codes(cell(&page, "111", "nl-NL")).is_empty());
    let finding = text(within(glued, ".finding")[0]);
    assert!(
        finding.contains("is glued to a link") && finding.contains("34:"),
        "{finding}"
    );
    // The filters offer the codes on the page, besides statuses and locales.
    assert_eq!(
        attributes(&page, "form.filters input[name=code]", "value"),
        [
            "alert-mismatch",
            "broken-path",
            "code-mismatch",
            "text-corruption"
        ]
    );
    assert_eq!(
        attributes(&page, "form.filters input[name=locale]", "value"),
        ["da-DK", "nl-NL"]
    );
    assert_eq!(
        attributes(&page, "form.filters input[name=status]", "value").len(),
        7
    );
    // Every cell the filters read says its locale and statuses.
    for td in select(&page, "table.alignment td[data-locale]") {
        assert!(td.value().attr("data-statuses").is_some(), "{}", td.html());
    }
}

/// With `[build] xref-maps`, an `xref:` link no map resolves is a finding in its segment's row
/// (once `[check.severity]` makes it more than an info note); one the map resolves is not.
#[test]
fn an_unresolved_xref_is_in_the_row_of_its_segment() {
    let map = "references:\n- uid: Known.Type\n  name: Known\n  href: https://learn.test/known\n";
    let body = format!(
        "# {}\n\n{}\n\n{}\n",
        pair("101", "Titel", "Title"),
        pair(
            "102",
            "Zie [dit](xref:Known.Type).",
            "See [this](xref:Known.Type)."
        ),
        pair(
            "103",
            "Zie [dat](xref:Unknown.Type).",
            "See [that](xref:Unknown.Type)."
        ),
    );
    let (_keep, site) = build(&[
        (
            "book.toml",
            "[book]\ntitle = \"Docs\"\n[build]\nxref-maps = [\"map.yml\"]\n[check.severity]\nunresolved-xref = \"warning\"\n".to_string(),
        ),
        ("map.yml", map.to_string()),
        ("content/nl-NL/a.md", sxs("nl-NL", "c1", "01/01/2021", &body)),
    ]);
    let page = html(&site.join("reports/articles/a.html"));
    assert!(codes(cell(&page, "102", "nl-NL")).is_empty());
    let unresolved = cell(&page, "103", "nl-NL");
    // Both halves of the segment link to it: the translation and its English.
    assert_eq!(codes(unresolved), ["unresolved-xref", "unresolved-xref"]);
    let findings: Vec<String> = within(unresolved, ".finding")
        .into_iter()
        .map(text)
        .collect();
    assert!(
        findings.iter().all(|f| f.contains("`Unknown.Type`")),
        "{findings:?}"
    );
}

#[test]
fn a_drifted_segment_shows_the_english_it_was_made_from() {
    let title = pair("101", "Titel", "Set up the device");
    let (_keep, site) = build(&[
        (
            "content/nl-NL/a.md",
            sxs(
                "nl-NL",
                "c2",
                "02/01/2021",
                &format!(
                    "# {title}\n\n{}\n",
                    pair(
                        "102",
                        "Meld u aan bij de nieuwe beheerportal.",
                        "Sign in to the new admin portal."
                    )
                ),
            ),
        ),
        (
            "content/de-DE/a.md",
            sxs(
                "de-DE",
                "c1",
                "01/01/2021",
                &format!(
                    "# {title}\n\n{}\n",
                    pair(
                        "102",
                        "Melden Sie sich beim alten Portal an.",
                        "Sign in to the old portal."
                    )
                ),
            ),
        ),
    ]);
    let page = html(&site.join("reports/articles/a.html"));
    let drifted = cell(&page, "102", "de-DE");
    assert_eq!(drifted.value().attr("data-statuses"), Some("drift"));
    let removed: Vec<String> = within(drifted, ".was del").into_iter().map(text).collect();
    let added: Vec<String> = within(drifted, ".was ins").into_iter().map(text).collect();
    assert_eq!(
        (removed, added),
        (vec!["old".into()], vec!["new admin".into()])
    );
    // The current translation shows no English of its own.
    assert!(within(cell(&page, "102", "nl-NL"), ".was").is_empty());
    let dashboard = html(&site.join("reports/index.html"));
    let german = review_cell(&dashboard, "a.md", "de-DE");
    assert_eq!(german.value().attr("class"), Some("attention"));
    assert_eq!(german.value().attr("data-statuses"), Some("ok drift"));
}

#[test]
fn pairs_the_block_alignment_is_unsure_of_are_flagged() {
    // One Danish paragraph for two English ones of the same shape: either may be its English.
    let english = format!(
        "# {}\n\n{}\n\n{}\n",
        pair("101", "Apparaat instellen", "Set up the device"),
        pair(
            "102",
            "Open de instellingen nu.",
            "Open the settings page now."
        ),
        pair(
            "103",
            "Sluit de instellingen nu.",
            "Close the settings page now."
        ),
    );
    let files = [
        (
            "content/nl-NL/a.md",
            sxs("nl-NL", "c1", "01/01/2021", &english),
        ),
        (
            "content/da-DK/a.md",
            "---\ntitle: t\nms.sourcegitcommit: c1\n---\n# Indstil enheden\n\nLuk indstillingssiden nu.\n"
                .to_string(),
        ),
    ];
    let (dir, site) = build(&files);
    let run = diglot(&[
        "--root",
        dir.path().to_str().unwrap(),
        "-q",
        "align",
        "--format",
        "json",
    ]);
    let json: serde_json::Value = serde_json::from_slice(&run.stdout).unwrap();
    let unsure: Vec<String> = json["articles"][0]["locales"][0]["segments"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|s| s["confidence"].as_f64().is_some_and(|c| c < 0.5))
        .map(|s| s["id"].as_str().unwrap().to_string())
        .collect();
    assert!(!unsure.is_empty(), "{json}");
    let page = html(&site.join("reports/articles/a.html"));
    let flagged: Vec<String> = select(&page, "td.low-confidence .badge")
        .into_iter()
        .map(|b| text(b).split(' ').next().unwrap().to_string())
        .collect();
    assert_eq!(flagged, unsure);
    let dashboard = html(&site.join("reports/index.html"));
    let danish = review_cell(&dashboard, "a.md", "da-DK");
    assert_eq!(danish.value().attr("class"), Some("attention"));
    assert!(
        text(within(danish, ".mark.low-confidence")[0]).ends_with(&format!(": {}", unsure.len()))
    );
}

#[test]
fn against_an_english_source_stale_translations_need_attention() {
    let (_keep, site) = build(&[
        (
            "content/en-US/a.md",
            "---\ntitle: Set up\n---\n# Set up the device\n\nSign in to the portal.\n\nA new paragraph nobody translated.\n".to_string(),
        ),
        (
            "content/de-DE/a.md",
            sxs(
                "de-DE",
                "c1",
                "01/01/2021",
                &format!(
                    "# {}\n\n{}\n",
                    pair("101", "Gerät einrichten", "Set up the device"),
                    pair("102", "Beim Portal anmelden.", "Sign in to the portal.")
                ),
            ),
        ),
        (
            "content/nl-NL/a.md",
            sxs(
                "nl-NL",
                "c1",
                "01/01/2021",
                &format!(
                    "# {}\n\n{}\n\n{}\n",
                    pair("101", "Apparaat instellen", "Set up the device"),
                    pair("102", "Meld u aan.", "Sign in to the portal."),
                    pair("103", "Een nieuwe alinea.", "A new paragraph nobody translated.")
                ),
            ),
        ),
    ]);
    let dashboard = html(&site.join("reports/index.html"));
    let german = review_cell(&dashboard, "a.md", "de-DE");
    assert_eq!(german.value().attr("class"), Some("attention"));
    let freshness = text(within(german, ".mark.stale")[0]);
    let figure: f64 = freshness.trim_end_matches('%').parse().unwrap();
    assert!(figure > 30.0 && figure < 100.0, "{freshness}");
    // The Dutch translation carries all the source: fresh, nothing to do.
    let dutch = review_cell(&dashboard, "a.md", "nl-NL");
    assert_eq!(dutch.value().attr("class"), None);
    assert!(within(dutch, ".mark.stale").is_empty());
    // The summary has a freshness column.
    assert!(
        select(&dashboard, "table.summary td")
            .iter()
            .any(|td| td.value().attr("data-label") == Some("Freshness"))
    );
    // The source paragraph German lacks is a missing row, with its line in the English source.
    let page = html(&site.join("reports/articles/a.html"));
    let missing = select(
        &page,
        "table.alignment td[data-locale=de-DE][data-statuses=missing]",
    );
    assert_eq!(missing.len(), 1);
    assert!(text(within(missing[0], ".badge")[0]).contains("English line 8"));
    let header = text_of(&page, "table.alignment thead th[data-locale=de-DE]");
    assert!(
        header.contains(&format!("Freshness {figure:.1}%")),
        "{header}"
    );
}

#[test]
fn a_large_book_lists_its_articles_per_locale_in_natural_order() {
    // More articles need attention than the dashboard lists itself: one untranslated sentence
    // in each.
    let files: Vec<(String, String)> = (1..=120)
        .map(|n| {
            let body = format!(
                "# {}\n\n{}\n",
                pair("101", &format!("Stap {n}"), &format!("Step {n}")),
                pair("102", "Open the settings page.", "Open the settings page.")
            );
            (
                format!("content/nl-NL/step-{n}.md"),
                sxs("nl-NL", "c1", "01/01/2021", &body),
            )
        })
        .collect();
    let files: Vec<(&str, String)> = files.iter().map(|(p, t)| (p.as_str(), t.clone())).collect();
    let (_keep, site) = build(&files);
    let dashboard = html(&site.join("reports/index.html"));
    assert!(select(&dashboard, "table#review").is_empty());
    assert!(
        attributes(&dashboard, "article a", "href").contains(&"locales/nl-NL.html".to_string())
    );
    assert!(text_of(&dashboard, "p.lead").contains("; 120 need attention"));
    let dutch = html(&site.join("reports/locales/nl-NL.html"));
    let listed = attributes(&dutch, "table#review tbody th a", "href");
    let expected: Vec<String> = (1..=120)
        .map(|n| format!("../articles/step-{n}.html"))
        .collect();
    assert_eq!(listed, expected);
    let first = select(&dutch, "table#review tbody td[data-locale=nl-NL]")[0];
    assert_eq!(first.value().attr("data-statuses"), Some("ok untranslated"));
}

#[test]
fn align_html_places_findings_in_the_standalone_report_too() {
    let out = tempfile::tempdir().unwrap();
    let run = diglot(&[
        "--root",
        repo().to_str().unwrap(),
        "-q",
        "align",
        "--format",
        "html",
        "--out",
        out.path().to_str().unwrap(),
    ]);
    assert!(run.status.success(), "{}", stderr(&run));
    for asset in ["report.css", "report.js"] {
        assert!(out.path().join("static").join(asset).is_file(), "{asset}");
    }
    let page = html(&out.path().join("articles/troubleshoot-prt-issue.html"));
    assert_eq!(codes(plain_cell(&page, "da-DK", "b9")), ["alert-mismatch"]);
    assert_eq!(
        attributes(&page, "link[rel=stylesheet]", "href"),
        ["../static/diglot.css", "../static/report.css"]
    );
    assert!(attributes(&page, "script", "src").contains(&"../static/report.js".to_string()));
}

#[test]
fn a_fix_under_serve_clears_its_finding_from_the_report() {
    let glued = |text: &str| {
        sxs(
            "nl-NL",
            "c1",
            "01/01/2021",
            &format!(
                "# {}\n\n{}\n",
                pair("101", "Titel", "Title"),
                pair(
                    "102",
                    text,
                    "See the [guide](https://example.test/guide) for more."
                )
            ),
        )
    };
    let dir = project(&[(
        "content/nl-NL/a.md",
        glued("Zie de [gids](https://example.test/guide)voor meer.").as_bytes(),
    )]);
    let mut serve = std::process::Command::new(env!("CARGO_BIN_EXE_diglot"))
        .args([
            "--root",
            dir.path().to_str().unwrap(),
            "serve",
            "--port",
            "0",
        ])
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    // It watches the files once it says where it serves.
    let mut serving = String::new();
    std::io::BufRead::read_line(
        &mut std::io::BufReader::new(serve.stdout.take().unwrap()),
        &mut serving,
    )
    .unwrap();
    assert!(serving.starts_with("serving "), "{serving:?}");
    let report = dir.path().join("book/reports/articles/a.html");
    let findings = |report: &Path| -> Option<Vec<String>> {
        let page = Html::parse_document(&std::fs::read_to_string(report).ok()?);
        let row = select(&page, "table.alignment td[data-locale=nl-NL]")
            .get(1)
            .copied()?;
        Some(codes(row))
    };
    let wait_for = |wanted: &[&str]| {
        let start = Instant::now();
        loop {
            let found = findings(&report);
            if found.as_deref().is_some_and(|f| f == wanted) {
                return;
            }
            assert!(
                start.elapsed() < Duration::from_secs(30),
                "the report shows {found:?}, not {wanted:?}"
            );
            std::thread::sleep(Duration::from_millis(100));
        }
    };
    wait_for(&["text-corruption"]);
    std::fs::write(
        dir.path().join("content/nl-NL/a.md"),
        glued("Zie de [gids](https://example.test/guide) voor meer."),
    )
    .unwrap();
    wait_for(&[]);
    serve.kill().unwrap();
    serve.wait().unwrap();
}

/// The six locales of the corpus: the dashboard stays light (it lists no article itself), no
/// article page is heavy, and every finding `diglot check --offline` reports inside a segment
/// is in that segment's row. The truth comes from the sxs scanner: the segment whose span (both
/// halves) holds the finding's line and column.
#[test]
fn on_the_corpus_pages_stay_light_and_findings_sit_in_their_segments() {
    let Some(corpus) = corpus() else {
        return;
    };
    let locales = ["nl-NL", "nb-NO", "da-DK", "de-DE", "ja-JP", "ar-SA"];
    let dir = book_over(
        &locales
            .iter()
            .map(|t| (*t, corpus.join(t)))
            .collect::<Vec<_>>(),
    );
    let root = dir.path().to_str().unwrap();
    let out = dir.path().join("report");
    let run = diglot(&[
        "--root",
        root,
        "-q",
        "align",
        "--format",
        "html",
        "--out",
        out.to_str().unwrap(),
    ]);
    assert!(out.join("index.html").is_file(), "{}", stderr(&run));
    let size = |path: &Path| std::fs::metadata(path).unwrap().len();
    let dashboard = size(&out.join("index.html"));
    let locale_pages: Vec<(String, u64)> = locales
        .iter()
        .map(|t| (t.to_string(), size(&out.join(format!("locales/{t}.html")))))
        .collect();
    let articles = files_with_extension(&out.join("articles"), "html");
    let (largest, largest_size) = articles
        .iter()
        .map(|p| (p.clone(), size(p)))
        .max_by_key(|(_, s)| *s)
        .unwrap();
    eprintln!(
        "dashboard {dashboard} bytes; locale pages {locale_pages:?}; {} article pages, the largest {} with {largest_size} bytes",
        articles.len(),
        largest.display()
    );
    let page = html(&out.join("index.html"));
    assert!(select(&page, "table#review").is_empty());
    assert!(dashboard < 20_000, "{dashboard}");
    assert!(locale_pages.iter().all(|(_, s)| *s < 1_500_000));
    assert!(largest_size < 1_000_000, "{largest_size}");

    let check = diglot(&[
        "--root",
        root,
        "-q",
        "check",
        "--offline",
        "--format",
        "json",
    ]);
    let real_corpus = corpus.canonicalize().unwrap();
    let json: serde_json::Value = serde_json::from_slice(&check.stdout).unwrap();
    let mut truth: Vec<(String, String, String, String)> = Vec::new();
    let mut outside = 0;
    for d in json["diagnostics"].as_array().unwrap() {
        let code = d["code"].as_str().unwrap();
        let shown_as_status = ["missing-segment", "source-drift", "untranslated"].contains(&code);
        if d["severity"] == "info" || shown_as_status || d["article"].is_null() {
            continue;
        }
        let file = dir.path().join(d["file"].as_str().unwrap());
        // The column a finding is shown in is its file's locale (the English of an sxs file
        // included). Paths are compared resolved: the corpus may sit behind a symbolic link.
        let resolved = file.canonicalize().unwrap();
        let locale = resolved
            .strip_prefix(&real_corpus)
            .unwrap()
            .iter()
            .next()
            .unwrap();
        let locale = locale.to_string_lossy().into_owned();
        let bytes = std::fs::read(&file).unwrap();
        let (text, _) = diglot::source::decode(&file, &bytes);
        let (line, column) = (d["line"].as_u64().unwrap(), d["column"].as_u64().unwrap());
        let Some(offset) = offset_of(&text, line as usize, column as usize) else {
            continue;
        };
        let scan = diglot::parse::sxs::scan(&text, &file);
        match scan.segments.iter().find(|s| s.range.contains(&offset)) {
            Some(segment) => truth.push((
                d["article"].as_str().unwrap().to_string(),
                locale,
                format!("{line}:{column} {}", d["message"].as_str().unwrap()),
                segment.id.suffix.clone(),
            )),
            None => outside += 1,
        }
    }
    let mut placed = std::collections::HashMap::new();
    let mut misplaced = Vec::new();
    for (article, locale, finding, id) in &truth {
        let rows = placed.entry(article.clone()).or_insert_with(|| {
            let page =
                html(&out.join(format!("articles/{}.html", article.trim_end_matches(".md"))));
            finding_rows(&page)
        });
        let found = rows.get(&(locale.clone(), finding.clone()));
        if found != Some(id) {
            misplaced.push(format!(
                "{article} {locale} {finding}: in {found:?}, not {id}"
            ));
        }
    }
    eprintln!(
        "{} findings inside a segment, {} misplaced; {outside} outside every segment",
        truth.len(),
        misplaced.len()
    );
    assert!(truth.len() > 1_000, "{}", truth.len());
    assert!(misplaced.is_empty(), "{misplaced:#?}");
}

/// The byte offset of a 1-based line and character column.
fn offset_of(text: &str, line: usize, column: usize) -> Option<usize> {
    let start = if line == 1 {
        0
    } else {
        text.match_indices('\n').nth(line - 2)?.0 + 1
    };
    let rest = &text[start..];
    rest.char_indices()
        .nth(column.checked_sub(1)?)
        .map(|(i, _)| start + i)
}

/// Each finding of an article page, (locale, "line:column message"), with the id of its row.
fn finding_rows(page: &Html) -> std::collections::HashMap<(String, String), String> {
    let mut rows = std::collections::HashMap::new();
    let mut id = String::new();
    for tr in select(page, "table.alignment tbody tr") {
        if let Some(th) = within(tr, "th").first() {
            id = text(*th);
        }
        for td in within(tr, "td[data-locale]") {
            let locale = td.value().attr("data-locale").unwrap().to_string();
            for finding in within(td, ".finding") {
                let message: String = finding
                    .children()
                    .skip(1)
                    .filter_map(|n| n.value().as_text().map(|t| t.to_string()))
                    .collect();
                let place = within(finding, ".where").first().map(|w| text(*w));
                let key = format!("{} {}", place.unwrap_or_default(), message.trim());
                rows.insert((locale.clone(), key), id.clone());
            }
        }
    }
    rows
}
