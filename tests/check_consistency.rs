//! `diglot check --offline`: the consistency of each locale with its English source, on the
//! embedded content (seeds 002 and 003) and on small fixtures, one per rule, each with a
//! near miss that must stay quiet.

mod common;

use common::*;

/// Runs `diglot check --offline` in `root`; returns its report.
fn check(root: &std::path::Path) -> String {
    let run = diglot(&["--root", root.to_str().unwrap(), "check", "--offline"]);
    String::from_utf8_lossy(&run.stdout).into_owned() + &stderr(&run)
}

/// The findings of a report as (code, message, location): the `warning[code]: message` line and
/// the `  --> file:line:col` line that follows it.
fn findings(report: &str) -> Vec<(String, String, String)> {
    let lines: Vec<&str> = report.lines().collect();
    lines
        .iter()
        .enumerate()
        .filter_map(|(i, line)| {
            let rest = line.strip_prefix("warning[")?;
            let (code, message) = rest.split_once("]: ")?;
            let location = lines[i + 1..]
                .iter()
                .take(3)
                .find_map(|l| l.trim_start().strip_prefix("--> "))?;
            Some((code.into(), message.into(), location.replace('\\', "/")))
        })
        .collect()
}

/// Asserts a finding of `code` at `location` (`file:line:col`, or `file:line:` for any column)
/// whose message contains `message`.
fn assert_finding(report: &str, code: &str, location: &str, message: &str) {
    let found = findings(report);
    assert!(
        found.iter().any(|(c, m, l)| c == code
            && (l.ends_with(location) || l.contains(location) && location.ends_with(':'))
            && m.contains(message)),
        "no {code} at {location} with {message:?} in:\n{report}"
    );
}

/// The codes of the findings about files whose path contains `file`.
fn codes_for(report: &str, file: &str) -> Vec<String> {
    findings(report)
        .into_iter()
        .filter(|(_, _, l)| l.contains(file))
        .map(|(c, _, _)| c)
        .collect()
}

fn pair(id: &str, target: &str, source: &str) -> String {
    format!(
        "<span data-ttu-id=\"ab-{id}\">{target}</span><span class=\"sxs-lookup\"><span data-stu-id=\"ab-{id}\">{source}</span></span>"
    )
}

fn sxs(locale: &str, commit: &str, body: &str) -> String {
    sxs_handed_off(locale, commit, "01/01/2021", body)
}

fn sxs_handed_off(locale: &str, commit: &str, handoff: &str, body: &str) -> String {
    format!(
        "---\ntitle: T\nms.contentlocale: {locale}\nms.sourcegitcommit: {commit}\nms.lasthandoff: {handoff}\n---\n{body}\n"
    )
}

/// A project of `files` (path under content/, text) checked offline.
fn check_files(files: &[(&str, String)]) -> String {
    let owned: Vec<(String, &[u8])> = files
        .iter()
        .map(|(p, t)| (format!("content/{p}"), t.as_bytes()))
        .collect();
    let borrowed: Vec<(&str, &[u8])> = owned.iter().map(|(p, t)| (p.as_str(), *t)).collect();
    let dir = project(&borrowed);
    check(dir.path())
}

#[test]
fn the_embedded_seeds_show_their_lost_alerts_backticks_and_corruptions() {
    let report = check(&repo());
    let da = "content/da-DK/troubleshoot-prt-issue.md";
    // Seed 002: both `> [!NOTE]` alerts of the English became `**Bemærk!**` paragraphs.
    assert_finding(
        &report,
        "alert-mismatch",
        &format!("{da}:37:1"),
        "`**Bemærk!**`",
    );
    assert_finding(
        &report,
        "alert-mismatch",
        &format!("{da}:49:1"),
        "`[!NOTE]`",
    );
    // ... `dsregcmd /join` lost the backticks the English gives it, and `\\win10client01` a space.
    assert_finding(
        &report,
        "code-mismatch",
        &format!("{da}:50:13"),
        "`dsregcmd /join` lost its backticks",
    );
    assert_finding(
        &report,
        "text-corruption",
        &format!("{da}:50:"),
        "`\\\\ win10client01`",
    );
    // Seed 003 (nl-NL): text glued to links and the same mangled path, segment by segment.
    let nl = "content/nl-NL/troubleshoot-prt-issue.md";
    assert_finding(
        &report,
        "text-corruption",
        &format!("{nl}:34:"),
        "`voor` is glued",
    );
    assert_finding(
        &report,
        "text-corruption",
        &format!("{nl}:52:"),
        "win10client01",
    );
    // Seed 004: `Type`dsregcmd.exe ...`` lost the space before its code.
    assert_finding(
        &report,
        "text-corruption",
        "content/nl-NL/azure-active-directory-automatic-device-registration-faq.md:63:",
        "`Type` is glued",
    );
    // Seed 000 (nb-NO) keeps its alerts, code and links: nothing to say.
    assert_eq!(codes_for(&report, "nb-NO"), Vec::<String>::new());
}

#[test]
fn numbers_differ_but_full_width_digits_and_dates_do_not() {
    let report = check_files(&[
        (
            "nl-NL/a.md",
            sxs(
                "nl-NL",
                "c1",
                &pair("101", "Elke 60 minuten.", "Every 30 minutes."),
            ),
        ),
        (
            "ja-JP/a.md",
            sxs(
                "ja-JP",
                "c1",
                &pair("101", "３０ 分ごと。", "Every 30 minutes."),
            ),
        ),
        (
            "de-DE/b.md",
            sxs(
                "de-DE",
                "c1",
                &pair(
                    "101",
                    "Am 01.12.2020, 1.000 Geräte.",
                    "On 12/01/2020, 1,000 devices.",
                ),
            ),
        ),
    ]);
    assert_finding(&report, "number-mismatch", "nl-NL/a.md:7:1", "60");
    assert!(
        !codes_for(&report, "ja-JP").contains(&"number-mismatch".to_string()),
        "{report}"
    );
    assert_eq!(
        codes_for(&report, "de-DE"),
        Vec::<String>::new(),
        "{report}"
    );
}

#[test]
fn text_glued_to_a_link_except_in_japanese() {
    let english = "For more, see this [document](https://a.example/d).";
    let report = check_files(&[
        (
            "nl-NL/a.md",
            sxs(
                "nl-NL",
                "c1",
                &pair(
                    "101",
                    "Zie dit [document](https://a.example/d)voor meer.",
                    english,
                ),
            ),
        ),
        (
            "ja-JP/a.md",
            sxs(
                "ja-JP",
                "c1",
                &pair(
                    "101",
                    "詳細は[ドキュメント](https://a.example/d)を参照。",
                    english,
                ),
            ),
        ),
    ]);
    assert_finding(
        &report,
        "text-corruption",
        "nl-NL/a.md:7:1",
        "`voor` is glued",
    );
    assert_eq!(
        codes_for(&report, "ja-JP"),
        Vec::<String>::new(),
        "{report}"
    );
}

#[test]
fn urls_code_and_markup_per_segment() {
    let body = [
        pair(
            "101",
            "Zie [dit](https://a.example/nieuw).",
            "See [this](https://a.example/old).",
        ),
        pair("102", "Voer dsregcmd /join uit.", "Run `dsregcmd /join`."),
        pair("103", "Kies Opslaan.", "Select **Save**."),
        // Near misses: the locale part of a URL, code kept, bold kept.
        pair(
            "104",
            "Zie [dit](https://docs.microsoft.com/nl-nl/x).",
            "See [this](https://docs.microsoft.com/en-us/x).",
        ),
        pair("105", "Voer `dsregcmd /join` uit.", "Run `dsregcmd /join`."),
        pair("106", "Kies **Opslaan**.", "Select **Save**."),
    ]
    .join("\n\n");
    let report = check_files(&[("nl-NL/a.md", sxs("nl-NL", "c1", &body))]);
    assert_finding(
        &report,
        "url-mismatch",
        "nl-NL/a.md:7:1",
        "https://a.example/old",
    );
    assert_finding(
        &report,
        "code-mismatch",
        "nl-NL/a.md:9:1",
        "lost its backticks",
    );
    assert_finding(
        &report,
        "markup-mismatch",
        "nl-NL/a.md:11:1",
        "bold text 0 time(s)",
    );
    let lines: Vec<String> = findings(&report).into_iter().map(|f| f.2).collect();
    assert!(
        lines
            .iter()
            .all(|l| !(l.contains(":13:") || l.contains(":15:") || l.contains(":17:"))),
        "{report}"
    );
}

#[test]
fn a_plain_translation_missing_a_step_of_the_english() {
    let english = format!(
        "# {}\n\n1. {}\n2. {}\n3. {}\n",
        pair("101", "Stappen", "Steps"),
        pair("102", "Een", "One"),
        pair("103", "Twee", "Two"),
        pair("104", "Drie", "Three")
    );
    let report = check_files(&[
        ("nl-NL/a.md", sxs("nl-NL", "c1", &english)),
        (
            "da-DK/a.md",
            "---\ntitle: T\n---\n# Trin\n\n1. En\n2. To\n".into(),
        ),
        (
            "nb-NO/a.md",
            "---\ntitle: T\n---\n# Trinn\n\n1. En\n2. To\n3. Tre\n".into(),
        ),
    ]);
    assert_finding(
        &report,
        "step-mismatch",
        "da-DK/a.md:7:",
        "the English has 1 more block(s)",
    );
    assert_eq!(
        codes_for(&report, "nb-NO"),
        Vec::<String>::new(),
        "{report}"
    );
}

#[test]
fn missing_untranslated_and_drifted_segments() {
    let full = [
        pair("101", "Meld u aan bij de portal.", "Sign in to the portal."),
        pair("102", "Open de instellingen.", "Open the settings page."),
        pair(
            "103",
            "Kies het apparaat in de lijst.",
            "Select the device in the list.",
        ),
        pair(
            "104",
            "Microsoft 365-apps voor bedrijven",
            "Microsoft 365 Apps for business",
        ),
    ]
    .join("\n\n");
    let gappy = [
        pair("101", "Logg på portalen.", "Sign in to the portal."),
        pair(
            "103",
            "Select the device in the list.",
            "Select the device in the list.",
        ),
        // A product name left in English is not reported.
        pair(
            "104",
            "Microsoft 365 Apps for business",
            "Microsoft 365 Apps for business",
        ),
    ]
    .join("\n\n");
    let report = check_files(&[
        ("nl-NL/a.md", sxs("nl-NL", "c1", &full)),
        ("nb-NO/a.md", sxs("nb-NO", "c1", &gappy)),
        (
            "da-DK/a.md",
            sxs_handed_off(
                "da-DK",
                "c0",
                "01/01/2020",
                &pair("101", "Log på.", "Sign in to the old portal."),
            ),
        ),
    ]);
    assert_finding(&report, "missing-segment", "nb-NO/a.md:7:1", "segment 102");
    assert_finding(&report, "untranslated", "nb-NO/a.md:9:1", "segment 103");
    assert!(
        !findings(&report)
            .iter()
            .any(|f| f.2.contains("nb-NO/a.md:11:")),
        "{report}"
    );
    assert_finding(&report, "source-drift", "da-DK/a.md:7:1", "segment 101");
    assert_eq!(
        codes_for(&report, "nl-NL"),
        Vec::<String>::new(),
        "{report}"
    );
}

#[test]
fn front_matter_locale_and_title() {
    let report = check_files(&[
        (
            "nl-NL/a.md",
            "---\nms.date: x\nms.contentlocale: de-DE\n---\n# Kop\n".into(),
        ),
        (
            "nl-NL/b.md",
            "---\ntitle: B\nms.contentlocale: NL-nl\n---\n# Kop\n".into(),
        ),
    ]);
    assert_finding(
        &report,
        "front-matter",
        "nl-NL/a.md:3:1",
        "ms.contentlocale: de-DE",
    );
    assert_finding(&report, "front-matter", "nl-NL/a.md:1:1", "no `title`");
    assert_eq!(codes_for(&report, "b.md"), Vec::<String>::new(), "{report}");
}
