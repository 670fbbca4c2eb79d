//! `diglot check --offline` on internal links, through the real binary: broken links, missing
//! media and broken fragments fail the run with a finding naming file, line and column; a clean
//! project passes; the embedded content and the shared corpus give their known findings.

mod common;

use common::*;

/// Runs `diglot --root DIR check --offline ARGS`; returns the exit code and everything printed.
fn check(root: &std::path::Path, args: &[&str]) -> (Option<i32>, String) {
    let mut all = vec!["--root", root.to_str().unwrap(), "check", "--offline"];
    all.extend(args);
    let run = diglot(&all);
    let printed = format!("{}{}", String::from_utf8_lossy(&run.stdout), stderr(&run));
    (run.status.code(), printed)
}

/// Asserts that `printed` holds the finding `header` followed by `  --> location`.
fn assert_finding(printed: &str, header: &str, location: &str) {
    let lines: Vec<&str> = printed.lines().collect();
    let found = lines
        .windows(2)
        .any(|pair| pair[0] == header && pair[1] == format!("  --> {location}"));
    assert!(found, "no `{header}` at `{location}` in:\n{printed}");
}

#[test]
fn broken_links_fail_the_check_with_file_line_and_column() {
    let dir = project(&[
        ("book.toml", b""),
        (
            "content/nl-NL/guide/start.md",
            "# Start\n\nLees [de stappen](steps.md#stap-2) en [meer](../gone.md).\n\n![Scherm](../media/Screen.png)\n"
                .as_bytes(),
        ),
        (
            "content/nl-NL/guide/steps.md",
            b"# Stappen\n\n## Stap 1\n",
        ),
        ("content/nl-NL/media/screen.png", b"png"),
        ("content/da-DK/gone.md", b"# Weg\n"),
    ]);
    let (code, printed) = check(dir.path(), &[]);
    assert_eq!(code, Some(1), "{printed}");
    assert_finding(
        &printed,
        "error[broken-fragment]: `#stap-2` names no heading or anchor of `guide/steps.md` in nl-NL",
        "content/nl-NL/guide/start.md:3:6",
    );
    assert_finding(
        &printed,
        "error[broken-link]: `../gone.md` (`gone.md`): no such article in nl-NL; it exists in da-DK",
        "content/nl-NL/guide/start.md:3:39",
    );
    assert_finding(
        &printed,
        "error[missing-file]: `../media/Screen.png` (`media/Screen.png`): nl-NL has only `media/screen.png`, which differs in letter case and breaks on case-sensitive hosting",
        "content/nl-NL/guide/start.md:5:1",
    );
}

#[test]
fn a_project_whose_links_all_resolve_passes() {
    let dir = project(&[
        ("book.toml", b""),
        (
            "content/nl-NL/index.md",
            "# Welkom\n\n[Stappen](guide/steps.md#stap-1), [boven](#welkom), [mail](mailto:hulp@contoso.nl), [web](https://contoso.test/a#b), [instellingen](ms-settings:windowsupdate)\n\n![Scherm](media/screen.png)\n\n<a href=\"guide/steps.md\">stappen</a>\n"
                .as_bytes(),
        ),
        (
            "content/nl-NL/guide/steps.md",
            b"# Stappen\n\n## Stap 1\n\n[terug](../index.md)\n",
        ),
        ("content/nl-NL/media/screen.png", b"png"),
    ]);
    let (code, printed) = check(dir.path(), &[]);
    assert_eq!(code, Some(0), "{printed}");
    assert!(!printed.contains("error["), "{printed}");
}

#[test]
fn the_embedded_content_lists_the_articles_seed_004_links_to() {
    let (code, printed) = check(&repo(), &[]);
    assert_eq!(code, Some(1), "{printed}");
    let file = "content/nl-NL/azure-active-directory-automatic-device-registration-faq.md";
    for (target, line, column) in [
        ("active-directory-device-registration.md", 108, 487),
        ("active-directory-azureadjoin-overview.md", 120, 279),
        (
            "active-directory-conditional-access-automatic-device-registration-setup.md",
            140,
            74,
        ),
        (
            "active-directory-device-registration-troubleshoot-windows.md",
            148,
            3,
        ),
        (
            "active-directory-device-registration-troubleshoot-windows-legacy.md",
            150,
            3,
        ),
    ] {
        assert_finding(
            &printed,
            &format!("error[broken-link]: `{target}`: no such article in nl-NL; no locale has it"),
            &format!("{file}:{line}:{column}"),
        );
    }
}

#[test]
fn the_corpus_media_differing_in_case_and_missing_in_a_locale_are_reported() {
    let Some(corpus) = corpus() else { return };
    let corpus = diglot::load::normalize(&corpus);
    let toml = format!(
        "[locale.nl-NL]\nsrc = \"{0}/nl-NL\"\n[locale.da-DK]\nsrc = \"{0}/da-DK\"\n",
        corpus.display()
    );
    let dir = project(&[("book.toml", toml.as_bytes())]);
    let (code, printed) = check(dir.path(), &[]);
    assert_eq!(code, Some(1), "{printed}");
    assert_finding(
        &printed,
        "error[missing-file]: `media/16353_mouse_over_inbox_scrollbar-225x292.gif`: nl-NL has only `media/16353_Mouse_over_inbox_scrollbar-225x292.gif`, which differs in letter case and breaks on case-sensitive hosting",
        &format!(
            "{}/nl-NL/cannot-see-the-scroll-bar.md:26:1",
            corpus.display()
        ),
    );
    assert_finding(
        &printed,
        "error[missing-file]: `media/MSN_Video_Widget.gif`: no such file in nl-NL; it exists in da-DK",
        &format!(
            "{}/nl-NL/testing-alchemy-inline-videos.md:23:1",
            corpus.display()
        ),
    );
}
