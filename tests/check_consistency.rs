//! `diglot check --offline`: the consistency of each locale with its English source, on the
//! embedded content (seeds 002 and 003) and on small fixtures built from real segments of the
//! corpus, one per rule, each with a near miss that must stay quiet.

mod common;

use common::*;

/// Runs `diglot check --offline` in `root`; returns its report.
fn check(root: &std::path::Path) -> String {
    let run = diglot(&["--root", root.to_str().unwrap(), "check", "--offline"]);
    String::from_utf8_lossy(&run.stdout).into_owned() + &stderr(&run)
}

/// The findings of a report as (code, message, location): the `warning[code]: message` (or
/// `info[`, `error[`) line and the `  --> file:line:col` line that follows it.
fn findings(report: &str) -> Vec<(String, String, String)> {
    let lines: Vec<&str> = report.lines().collect();
    lines
        .iter()
        .enumerate()
        .filter_map(|(i, line)| {
            let rest = ["warning[", "info[", "error["]
                .iter()
                .find_map(|p| line.strip_prefix(p))?;
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
    common::sxs_segment(&format!("ab-{id}"), target, source)
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
    check_with_config("", files)
}

/// A project of `book.toml` and `files` (path under content/, text) checked offline.
fn check_with_config(book_toml: &str, files: &[(&str, String)]) -> String {
    let mut owned: Vec<(String, &[u8])> = files
        .iter()
        .map(|(p, t)| (format!("content/{p}"), t.as_bytes()))
        .collect();
    owned.push(("book.toml".to_string(), book_toml.as_bytes()));
    let borrowed: Vec<(&str, &[u8])> = owned.iter().map(|(p, t)| (p.as_str(), *t)).collect();
    let dir = project(&borrowed);
    check(dir.path())
}

/// The findings of `code` in `report`, as (message, location).
fn of_code(report: &str, code: &str) -> Vec<(String, String)> {
    findings(report)
        .into_iter()
        .filter(|(c, _, _)| c == code)
        .map(|(_, m, l)| (m, l))
        .collect()
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
        "broken-path",
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
        "broken-path",
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

/// An sxs file of `locale` from source commit `c1` whose segments are `pairs` (id, translation,
/// English), one paragraph each, with `front` lines added to the front matter.
fn article(locale: &str, front: &str, pairs: &[(&str, &str, &str)]) -> String {
    let body: Vec<String> = pairs.iter().map(|(id, t, e)| pair(id, t, e)).collect();
    format!(
        "---\ntitle: T\nms.contentlocale: {locale}\nms.sourcegitcommit: c1\nms.lasthandoff: 01/01/2021\n{front}---\n{}\n",
        body.join("\n\n")
    )
}

#[test]
fn the_defects_the_issue_lists_on_real_segments_with_their_near_misses() {
    let report = check_files(&[
        // nl-NL/sso-connection-issues.md: the link text is gone.
        (
            "nl-NL/a.md",
            article(
                "nl-NL",
                "",
                &[
                    (
                        "101",
                        "Volg de onderstaande [](https://docs.microsoft.com/azure/sso-options) richtlijnen.",
                        "Depending on the [Single sign-on option](https://docs.microsoft.com/azure/sso-options) you chose, follow the guidance below.",
                    ),
                    // nl-NL/change-permissions-for-a-sharepoint-list-or-library.md
                    (
                        "102",
                        "Klik onder **machtigingen en beheer**op **machtigingen voor deze lijst**.",
                        "Under **Permissions and Management**, click **Permissions for this list**.",
                    ),
                    // nl-NL/delete-account-picture.md
                    (
                        "103",
                        "Ga naar C:\\Gebruikers \\\\ *uw naam*\\AppData\\Roaming.",
                        "Go to C:\\Users\\\\*yourname*\\AppData\\Roaming.",
                    ),
                    // Near misses: the link keeps its text, the bold its space, the path its form.
                    (
                        "104",
                        "Zie [de optie voor eenmalige aanmelding](https://docs.microsoft.com/azure/x).",
                        "See [Single sign-on option](https://docs.microsoft.com/azure/x).",
                    ),
                    (
                        "105",
                        "Klik onder **machtigingen en beheer** op **Opslaan**.",
                        "Under **Permissions and Management**, click **Save**.",
                    ),
                    ("106", "Ga naar C:\\Users\\naam.", "Go to C:\\Users\\name."),
                ],
            ),
        ),
        // holo ja-JP/hololens-provisioning.md: two links run together.
        (
            "ja-JP/b.md",
            article(
                "ja-JP",
                "",
                &[
                    (
                        "101",
                        "[構成デザイナー を使用してプロビジョニング](hololens-provisioning.md)[パッケージWindows作成します](https://www.microsoft.com/store)。",
                        "[Create a Provisioning Package](hololens-provisioning.md) using [Windows Configuration Designer](https://www.microsoft.com/store).",
                    ),
                    // Japanese has no spaces: bold followed by a particle is fine.
                    (
                        "102",
                        "**アクセス許可と管理**で**このリストに対する権限**をクリックします。",
                        "Under **Permissions and Management**, click **Permissions for this list**.",
                    ),
                ],
            ),
        ),
        // A translated alert marker, and a translation that keeps the English one.
        (
            "he-IL/c.md",
            article(
                "he-IL",
                "",
                &[
                    ("101", "[!הערה] יש להיכנס תחילה.", "[!NOTE] Sign in first."),
                    ("102", "[!TIP] נסה שוב.", "[!TIP] Try again."),
                ],
            ),
        ),
        // English left as it is but for full-width punctuation.
        (
            "zh-CN/d.md",
            article(
                "zh-CN",
                "",
                &[
                    (
                        "101",
                        "Devices > USB：you can disable USB connections by default.",
                        "Devices > USB: you can disable USB connections by default.",
                    ),
                    (
                        "102",
                        "设备 > USB：默认禁用 USB 连接。",
                        "Devices > USB: disable USB connections by default.",
                    ),
                ],
            ),
        ),
    ]);
    let at = |code: &str, file: &str| -> Vec<String> {
        of_code(&report, code)
            .into_iter()
            .filter(|(_, l)| l.contains(file))
            .map(|(m, l)| format!("{l} {m}"))
            .collect()
    };
    let empty = at("empty-link-text", "nl-NL/a.md");
    assert_eq!(empty.len(), 1, "{report}");
    assert!(
        empty[0].contains(":7:1 ") && empty[0].contains("`Single sign-on option`"),
        "{empty:?}"
    );
    let glued = at("glued-bold", "");
    assert_eq!(glued.len(), 1, "{report}");
    assert!(
        glued[0].contains("nl-NL/a.md:9:1 `op` is glued"),
        "{glued:?}"
    );
    let path = at("broken-path", "");
    assert_eq!(path.len(), 1, "{report}");
    assert!(
        path[0].contains("nl-NL/a.md:11:1 `C:\\Gebruikers \\\\`"),
        "{path:?}"
    );
    assert_eq!(at("adjacent-links", "ja-JP/b.md").len(), 1, "{report}");
    let marker = at("alert-marker", "");
    assert_eq!(marker.len(), 1, "{report}");
    assert!(
        marker[0].contains("he-IL/c.md:7:1 ") && marker[0].contains("`[!הערה]`"),
        "{marker:?}"
    );
    assert!(at("alert-mismatch", "").is_empty(), "{report}");
    let untouched = at("untouched-english", "");
    assert_eq!(untouched.len(), 1, "{report}");
    assert!(untouched[0].contains("zh-CN/d.md:7:1 "), "{untouched:?}");
    assert!(at("untranslated", "").is_empty(), "{report}");
}

#[test]
fn the_englishs_own_defects_are_reported_once_on_the_english() {
    // ar-SA/using-the-office-deployment-tool.md, set-up-insider-risk-management.md and
    // import-a-pst-file-from-outlook-for-mac-from-outlook-for-windows.md, and two articles
    // sharing an ms.assetid (add-or-update-payment-azure.md and 7 more).
    let english_steps = |step4: &str| {
        format!(
            "3. {}\n\n{}\n\n> {}\n\n- {}\n",
            pair("111", "Ga naar de map.", "Go to the folder."),
            pair(
                "113",
                step4,
                "4.Run the Office Deployment Tool in configure mode."
            ),
            pair("107", "[!TIPS]", "[!TIPS]"),
            pair(
                "161",
                "[Gegevens importeren](https://support.microsoft.com/office/import-a-pst",
                "[Import information into Outlook](https://support.microsoft.com/office/import-a-pst"
            ),
        )
    };
    let sxs_with = |locale: &str, step4: &str, asset: &str| {
        format!(
            "---\ntitle: T\nms.assetid: {asset}\nms.sourcegitcommit: c1\nms.lasthandoff: 01/01/2021\n---\n{}",
            english_steps(step4)
        )
        .replace("ms.assetid", &format!("ms.contentlocale: {locale}\nms.assetid"))
    };
    let mut files = Vec::new();
    for (locale, step4) in [
        ("nl-NL", "4. Voer het Office-implementatieprogramma uit."),
        ("de-DE", "4. Führen Sie das Office-Bereitstellungstool aus."),
        ("ar-SA", "4.قم بتشغيل أداة نشر Office"),
    ] {
        files.push((
            format!("{locale}/a.md"),
            sxs_with(locale, step4, "82c0a06e"),
        ));
        files.push((
            format!("{locale}/b.md"),
            article(
                locale,
                "ms.assetid: 82C0A06E\n",
                &[("101", "Tekst.", "Text.")],
            ),
        ));
    }
    let files: Vec<(&str, String)> = files.iter().map(|(p, t)| (p.as_str(), t.clone())).collect();
    let report = check_files(&files);
    let english: Vec<(String, String)> = findings(&report)
        .into_iter()
        .filter(|(c, _, _)| c != "unchecked-link" && c != "broken-link")
        .map(|(c, m, _)| (c, m))
        .collect();
    let codes: Vec<&str> = english.iter().map(|(c, _)| c.as_str()).collect();
    assert_eq!(
        {
            let mut sorted = codes.clone();
            sorted.sort();
            sorted
        },
        [
            "alert-marker",
            "front-matter",
            "step-mismatch",
            "unclosed-link"
        ],
        "{report}"
    );
    assert!(
        english
            .iter()
            .any(|(c, m)| c == "step-mismatch" && m.contains("`4.Run`")),
        "{report}"
    );
    assert!(
        english
            .iter()
            .any(|(c, m)| c == "front-matter" && m.contains("of the English article a.md")),
        "{report}"
    );
}

#[test]
fn protected_terms_learned_from_the_locales_and_named_in_book_toml() {
    // `Azure` is kept by every locale but he-IL, which writes the colour `תכלת`.
    let english = [
        "Sign in to the Azure portal.",
        "Open Contoso in the Azure portal.",
        "The Azure subscription ends.",
    ];
    let translations = [
        (
            "nl-NL",
            [
                "Meld u aan bij de Azure-portal.",
                "Open Contoso in de Azure-portal.",
                "Het Azure-abonnement eindigt.",
            ],
        ),
        (
            "de-DE",
            [
                "Melden Sie sich beim Azure-Portal an.",
                "Öffnen Sie Contoso im Azure-Portal.",
                "Das Azure-Abonnement endet.",
            ],
        ),
        (
            "ja-JP",
            [
                "Azure ポータルにサインインします。",
                "Azure ポータルで コントソ を開きます。",
                "Azure サブスクリプションが終了します。",
            ],
        ),
        (
            "he-IL",
            [
                "היכנס לפורטל תכלת.",
                "פתח את Contoso בפורטל תכלת.",
                "המינוי של תכלת מסתיים.",
            ],
        ),
    ];
    let files: Vec<(String, String)> = translations
        .iter()
        .map(|(locale, texts)| {
            let pairs: Vec<(&str, &str, &str)> = ["101", "102", "103"]
                .iter()
                .zip(texts.iter().zip(english.iter()))
                .map(|(id, (t, e))| (*id, *t, *e))
                .collect();
            (format!("{locale}/a.md"), article(locale, "", &pairs))
        })
        .collect();
    let files: Vec<(&str, String)> = files.iter().map(|(p, t)| (p.as_str(), t.clone())).collect();
    let report = check_files(&files);
    let terms = of_code(&report, "translated-term");
    assert_eq!(terms.len(), 1, "{report}");
    assert!(terms[0].1.contains("he-IL/a.md:7:1"), "{terms:?}");
    assert!(
        terms[0]
            .0
            .starts_with("`Azure` is not in the translation of 3 segments"),
        "{terms:?}"
    );
    assert!(report.contains("info[translated-term]"), "{report}");
    // book.toml: `Contoso` must be kept too (ja-JP wrote it in katakana); Azure may be translated.
    let configured = check_with_config(
        "[check]\nprotected-terms = [\"Contoso\"]\ntranslatable-terms = [\"Azure\"]\n",
        &files,
    );
    let terms = of_code(&configured, "translated-term");
    assert_eq!(terms.len(), 1, "{configured}");
    assert!(
        terms[0].1.contains("ja-JP/a.md:9:1") && terms[0].0.starts_with("`Contoso`"),
        "{terms:?}"
    );
}

#[test]
fn the_same_english_written_another_way_is_not_drift_and_other_languages_are_not_untranslated() {
    // de-DE and ar-SA fix-audio-quality-bluetooth.md: one English file, a locale part rewritten.
    let english_url =
        "See [Fix Bluetooth problems](https://support.microsoft.com/en-us/help/4026994).";
    let local_url =
        "See [Fix Bluetooth problems](https://support.microsoft.com/de-DE/help/4026994).";
    // como-pagar-com-boleto.md: the source itself is Portuguese.
    let portuguese = "Você pode pagar sua fatura com boleto bancário ou transferência.";
    let report = check_files(&[
        (
            "ar-SA/a.md",
            sxs_handed_off(
                "ar-SA",
                "c1",
                "02/01/2021",
                &format!(
                    "{}\n\n{}",
                    pair("101", "راجع الحل.", english_url),
                    pair("102", portuguese, portuguese)
                ),
            )
            .replace("---\ntitle", "---\nms.openlocfilehash: 8e654a38\ntitle"),
        ),
        (
            "de-DE/a.md",
            sxs(
                "de-DE",
                "c1",
                &format!(
                    "{}\n\n{}",
                    pair("101", "Siehe Lösung.", local_url),
                    pair("102", portuguese, portuguese)
                ),
            )
            .replace("---\ntitle", "---\nms.openlocfilehash: 8e654a38\ntitle"),
        ),
        (
            "nl-NL/a.md",
            sxs(
                "nl-NL",
                "c1",
                &format!(
                    "{}\n\n{}",
                    pair(
                        "101",
                        "Zie de oplossing.",
                        "See [Fix Bluetooth problems](https://support.microsoft.com/help/999)."
                    ),
                    pair("102", portuguese, portuguese)
                ),
            ),
        ),
    ]);
    let drift = of_code(&report, "source-drift");
    assert_eq!(drift.len(), 1, "{report}");
    assert!(drift[0].1.contains("nl-NL/a.md"), "{drift:?}");
    assert!(of_code(&report, "untranslated").is_empty(), "{report}");
}
