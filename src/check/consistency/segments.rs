//! Per-segment rules: each sxs segment's translation against the English it carries (a merged
//! `pNNN` segment carries the English of all it merged). URLs, inline code and numbers must be
//! the same, bold and italic as many, alerts kept with their English marker, links kept with
//! their text and the words between them, and the text free of known corruptions: words glued
//! to a link, to code or to the end of bold text, broken paths, placeholders of the translation
//! tool. Whatever the English itself has is not the translation's fault.

use std::collections::{BTreeSet, HashMap};

use super::inline::{Glued, Inline};
use super::{markers, numbers, paths, placeholders};
use crate::code::Code;
use crate::diagnostic::Diagnostic;
use crate::parse::{Document, Segment};

/// The English of segments already read, by text: the locales of an article share most of it.
pub type EnglishRead<'a> = HashMap<&'a str, Inline>;

/// Runs the per-segment rules over one sxs translation, reading each English text once per
/// `read` (shared by the locales of an article). Returns its findings and the command-like
/// inline code of its English, for [`super::CommandIndex`].
pub fn check<'a>(
    document: &'a Document,
    read: &mut EnglishRead<'a>,
) -> (Vec<Diagnostic>, BTreeSet<String>) {
    let language = crate::locale::language(&document.locale);
    let glue = match language.as_str() {
        // No spaces between words: nothing is glued.
        "ja" | "zh" | "ko" | "th" => Glue::Allowed,
        // `و` (and), `ب` (with), `ل` (for) are written joined to the next word, links included.
        "ar" | "fa" | "he" => Glue::AfterOnly,
        _ => Glue::Checked,
    };
    let mut findings = Vec::new();
    let mut commands = BTreeSet::new();
    for segment in &document.segments {
        let Some(source) = segment.source.as_deref() else {
            continue;
        };
        if segment.line < document.body_line
            || source.trim().is_empty()
            || segment.target.trim().is_empty()
        {
            continue;
        }
        let english = &*read.entry(source).or_insert_with(|| Inline::of(source));
        let translation = Inline::of(&segment.target);
        commands.extend(english.code.iter().filter(|c| is_command(c)).cloned());
        let mut report = |code: Code, message: String| {
            findings.push(
                super::finding(
                    code,
                    &document.file,
                    (segment.line, segment.column),
                    message,
                )
                .in_article(&document.locale, &document.path),
            );
        };
        if let Some(message) = urls(&translation, english) {
            report(Code::UrlMismatch, message);
        }
        if let Some(message) = empty_link(&translation, english, source) {
            report(Code::EmptyLinkText, message);
        }
        if let Some(message) = adjacent_links(&translation, english, &segment.target) {
            report(Code::AdjacentLinks, message);
        }
        if let Some(message) = code(&translation, english) {
            report(Code::CodeMismatch, message);
        }
        if let Some((missing, extra)) = numbers::mismatch(&translation.prose, &english.prose) {
            report(Code::NumberMismatch, numbers_message(&missing, &extra));
        }
        // A dropped or translated alert marker also changes the bold count: it is reported
        // once, as an alert.
        if let Some((code, message)) = alert(segment, source) {
            report(code, message);
        } else if let Some(message) = markup(&translation, english) {
            report(Code::MarkupMismatch, message);
        }
        if glue != Glue::Allowed
            && let Some(message) = glued_to_bold(&translation, english)
        {
            report(Code::GluedBold, message);
        }
        if let Some(message) = corruption(segment, source, &translation, english, glue) {
            report(Code::TextCorruption, message);
        }
        if let Some(message) = paths::broken(&segment.target, Some(source)) {
            report(Code::BrokenPath, message);
        }
    }
    (findings, commands)
}

/// The URL, inline code, number and bold/italic rules of [`check`] on one translation against
/// its English, outside any document: what `diglot apply` runs on a translator's new target.
pub(crate) fn inline_findings(target: &str, source: &str) -> Vec<(Code, String)> {
    let (translation, english) = (Inline::of(target), Inline::of(source));
    let numbers = numbers::mismatch(&translation.prose, &english.prose)
        .map(|(missing, extra)| numbers_message(&missing, &extra));
    [
        (Code::UrlMismatch, urls(&translation, &english)),
        (Code::CodeMismatch, code(&translation, &english)),
        (Code::NumberMismatch, numbers),
        (Code::MarkupMismatch, markup(&translation, &english)),
    ]
    .into_iter()
    .filter_map(|(code, message)| Some((code, message?)))
    .collect()
}

/// Inline code worth finding without its backticks elsewhere: a command with a switch or a
/// path (`dsregcmd /join`, `Get-Mailbox -Identity x`, `C:\Windows`), never a single word.
pub fn is_command(code: &str) -> bool {
    code.len() >= 6
        && !code.contains('\n')
        && code.chars().any(|c| c.is_ascii_alphabetic())
        && (code.contains(" /") || code.contains(" -") || code.contains('\\'))
}

/// A URL as compared: without the locale part Microsoft sites add (`/en-us/`), its case, and a
/// trailing slash.
fn comparable_url(url: &str) -> String {
    url.trim()
        .trim_end_matches('/')
        .to_ascii_lowercase()
        .split('/')
        .filter(|part| !crate::locale::is_tag(part))
        .collect::<Vec<_>>()
        .join("/")
}

fn urls(translation: &Inline, english: &Inline) -> Option<String> {
    let theirs: BTreeSet<String> = english.urls.iter().map(|u| comparable_url(u)).collect();
    let ours: BTreeSet<String> = translation.urls.iter().map(|u| comparable_url(u)).collect();
    if let Some(lost) = english
        .urls
        .iter()
        .find(|u| !ours.contains(&comparable_url(u)))
    {
        return Some(if english.bare_urls.contains(lost) {
            format!(
                "the English writes the URL `{lost}` in its text; the translation does not, not as it is"
            )
        } else {
            format!("the English links to `{lost}`; the translation does not")
        });
    }
    let added = translation
        .urls
        .iter()
        .find(|u| !theirs.contains(&comparable_url(u)))?;
    Some(if translation.bare_urls.contains(added) {
        format!("the translation writes the URL `{added}` in its text; the English does not")
    } else {
        format!("the translation links to `{added}`; the English does not")
    })
}

fn code(translation: &Inline, english: &Inline) -> Option<String> {
    let mut ours = translation.code.clone();
    let mut lost = Vec::new();
    for code in &english.code {
        match ours.iter().position(|c| c == code) {
            Some(i) => {
                ours.remove(i);
            }
            None => lost.push(code),
        }
    }
    if let Some(code) = lost.iter().find(|c| translation.prose.contains(c.as_str())) {
        return Some(format!(
            "`{code}` lost its backticks: the English has it as code"
        ));
    }
    match (lost.first(), ours.first()) {
        (Some(lost), Some(added)) => Some(format!(
            "inline code `{added}` where the English has `{lost}`"
        )),
        (Some(lost), None) => Some(format!("inline code `{lost}` of the English is missing")),
        (None, Some(added)) => Some(format!("inline code `{added}` is not in the English")),
        (None, None) => None,
    }
}

fn numbers_message(missing: &[String], extra: &[String]) -> String {
    let list = |n: &[String]| n.join(", ");
    match (missing.is_empty(), extra.is_empty()) {
        (false, false) => format!(
            "numbers differ: {} in the translation, {} in the English",
            list(extra),
            list(missing)
        ),
        (false, true) => format!(
            "the English has {}; the translation does not",
            list(missing)
        ),
        _ => format!("the translation has {}; the English does not", list(extra)),
    }
}

fn markup(translation: &Inline, english: &Inline) -> Option<String> {
    let describe = |what: &str, ours: usize, theirs: usize| {
        (ours != theirs).then(|| {
            format!("{what} text {ours} time(s) where the English has it {theirs} time(s)")
        })
    };
    describe("bold", translation.bold, english.bold)
        .or_else(|| describe("italic", translation.italic, english.italic))
}

/// An alert marker of the English that the translation translated (`[!הערה]` for `[!NOTE]`)
/// or dropped. An English marker DocFX does not know is the English's fault, not reported here.
fn alert(segment: &Segment, source: &str) -> Option<(Code, String)> {
    let (_, marker) = markers::find(source).find(|(_, m)| markers::is_known(m))?;
    if let Some((_, translated)) = markers::first_unknown(&segment.target) {
        return Some((
            Code::AlertMarker,
            format!(
                "the alert marker `{marker}` is translated as `{translated}`: DocFX only knows the English marker and shows a plain quote"
            ),
        ));
    }
    let kept = markers::find(&segment.target).any(|(_, m)| m.eq_ignore_ascii_case(marker));
    if kept {
        return None;
    }
    let marker = marker.to_ascii_uppercase();
    Some((
        Code::AlertMismatch,
        if segment.target.contains("**") {
            format!("the English `{marker}` alert became plain bold text")
        } else {
            format!("the English `{marker}` alert is missing")
        },
    ))
}

/// A link the translation left without text where the English link to the same place has text.
fn empty_link(translation: &Inline, english: &Inline, source: &str) -> Option<String> {
    if translation.empty_links.is_empty()
        || english.empty_links.len() >= translation.empty_links.len()
    {
        return None;
    }
    let links = Inline::links(source);
    translation.empty_links.iter().find_map(|url| {
        let (_, text) = links.iter().find(|(theirs, text)| {
            comparable_url(theirs) == comparable_url(url) && !text.trim().is_empty()
        })?;
        Some(format!(
            "the link to `{url}` has no text; the English link reads `{}`",
            text.trim()
        ))
    })
}

/// Two links with nothing between them, where the English has as many links apart.
fn adjacent_links(translation: &Inline, english: &Inline, target: &str) -> Option<String> {
    if translation.adjacent_links.len() <= english.adjacent_links.len() {
        return None;
    }
    let second = translation.adjacent_links[0];
    let links = Inline::links(target);
    let text = |rank: usize| links.get(rank).map_or("", |l| l.1.as_str());
    Some(format!(
        "the links `{}` and `{}` run together with nothing between them; the English has words between its links",
        text(second - 1),
        text(second)
    ))
}

/// A word glued to the end of bold text that the English writes apart.
fn glued_to_bold(translation: &Inline, english: &Inline) -> Option<String> {
    if translation.glued_to_bold.len() <= english.glued_to_bold.len() {
        return None;
    }
    let word = translation
        .glued_to_bold
        .iter()
        .find(|w| !english.glued_to_bold.contains(w))
        .unwrap_or(&translation.glued_to_bold[0]);
    Some(format!(
        "`{word}` is glued to the end of the bold text before it: a space is missing"
    ))
}

/// Which words glued to a link or to code a language's spelling allows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Glue {
    Checked,
    /// Words before a link may be joined to it (prefixes); words after it may not.
    AfterOnly,
    Allowed,
}

/// Text glued to a link or to code, and placeholders of the translation tool.
fn corruption(
    segment: &Segment,
    source: &str,
    translation: &Inline,
    english: &Inline,
    glue: Glue,
) -> Option<String> {
    let counted = |g: &&Glued| glue == Glue::Checked || glue == Glue::AfterOnly && !g.before;
    let ours: Vec<&Glued> = translation.glued.iter().filter(counted).collect();
    let theirs: Vec<&Glued> = english.glued.iter().filter(counted).collect();
    if ours.len() > theirs.len() {
        let glued = ours
            .iter()
            .find(|g| !theirs.contains(g))
            .unwrap_or(&ours[0]);
        return Some(format!(
            "`{}` is glued to a link or to inline code: a space is missing",
            glued.word
        ));
    }
    let placeholder = placeholders::find(&segment.target)
        .into_iter()
        .map(|r| &segment.target[r])
        .find(|p| !source.contains(p))?;
    Some(format!(
        "`{placeholder}` is a placeholder the translation tool left in place of words of the English"
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parse::parse_document;
    use std::path::Path;

    fn pair(id: &str, target: &str, source: &str) -> String {
        crate::parse::sxs::segment_text(&format!("a-{id}"), target, source)
    }

    fn findings(locale: &str, target: &str, source: &str) -> Vec<(Code, String)> {
        let text = format!("---\ntitle: t\n---\n{}\n", pair("101", target, source));
        let (document, _) = parse_document(locale, "a.md", Path::new("a.md"), &text);
        let (found, _) = check(&document, &mut HashMap::new());
        assert!(found.iter().all(|d| d.line == 4), "{found:?}");
        found.into_iter().map(|d| (d.code, d.message)).collect()
    }

    fn codes_of(locale: &str, target: &str, source: &str) -> Vec<Code> {
        findings(locale, target, source)
            .into_iter()
            .map(|f| f.0)
            .collect()
    }

    #[test]
    fn lost_backticks_and_changed_code() {
        let found = findings(
            "nl-NL",
            "Voer dsregcmd /join uit.",
            "Issue a `dsregcmd /join` locally.",
        );
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].0, Code::CodeMismatch);
        assert!(found[0].1.contains("lost its backticks"), "{}", found[0].1);
        assert_eq!(
            codes_of(
                "nl-NL",
                "Voer `dsregcmd /leave` uit.",
                "Run `dsregcmd /join`."
            ),
            [Code::CodeMismatch]
        );
        assert!(
            codes_of(
                "nl-NL",
                "Voer `dsregcmd /join` uit.",
                "Run `dsregcmd /join`."
            )
            .is_empty()
        );
    }

    #[test]
    fn a_bare_url_is_not_called_a_link() {
        // de-DE/troubleshoot-aad-authentication-and-authorization-error-codes.md
        let found = findings(
            "de-DE",
            "Die **OAuth2.0-Spezifikation** https://tools.ietf.org/html/rfc6749#section-5.2enthält Anleitungen.",
            "The **OAuth2.0 spec**, https://tools.ietf.org/html/rfc6749#section-5.2, provides guidance.",
        );
        assert_eq!(found.len(), 1, "{found:?}");
        assert!(
            found[0].1.starts_with("the English writes the URL `https://tools.ietf.org/html/rfc6749#section-5.2` in its text"),
            "{}",
            found[0].1
        );
        // ja-JP/troubleshoot-issues-office-365-atp.md: the URL is kept, glued to Japanese.
        assert!(
            codes_of(
                "ja-JP",
                " https://protection.office.comに移動して、サインインします。",
                "Go to https://protection.office.com, and sign in."
            )
            .is_empty()
        );
    }

    #[test]
    fn urls_ignore_the_locale_part() {
        assert!(
            codes_of(
                "nl-NL",
                "Zie [dit](https://docs.microsoft.com/nl-nl/a/b).",
                "See [this](https://docs.microsoft.com/en-us/a/b/)."
            )
            .is_empty()
        );
        assert_eq!(
            codes_of(
                "nl-NL",
                "Zie [dit](https://docs.microsoft.com/a/c).",
                "See [this](https://docs.microsoft.com/a/b)."
            ),
            [Code::UrlMismatch]
        );
    }

    #[test]
    fn numbers_full_width_and_dates_are_the_same() {
        assert!(codes_of("ja-JP", "３０ 分ごと", "Every 30 minutes").is_empty());
        assert!(codes_of("de-DE", "am 01.12.2020", "on 12/01/2020").is_empty());
        assert_eq!(
            codes_of("de-DE", "alle 60 Minuten", "every 30 minutes"),
            [Code::NumberMismatch]
        );
    }

    #[test]
    fn markup_counts() {
        assert_eq!(
            codes_of("nl-NL", "Kies Opslaan.", "Select **Save**."),
            [Code::MarkupMismatch]
        );
        assert!(codes_of("nl-NL", "Kies **Opslaan**.", "Select **Save**.").is_empty());
    }

    #[test]
    fn glued_text_except_in_languages_without_spaces() {
        let glued = "Zie dit [document](https://a.example/d)voor meer.";
        let english = "For more, see this [document](https://a.example/d).";
        assert_eq!(codes_of("nl-NL", glued, english), [Code::TextCorruption]);
        assert!(
            codes_of(
                "ja-JP",
                "詳細は[ドキュメント](https://a.example/d)を参照",
                english
            )
            .is_empty()
        );
        assert!(
            codes_of(
                "ar-SA",
                "راجع و[المستند](https://a.example/d) للمزيد",
                english
            )
            .is_empty()
        );
        assert_eq!(
            codes_of(
                "ar-SA",
                "راجع [المستند](https://a.example/d)أو للمزيد",
                english
            ),
            [Code::TextCorruption]
        );
        assert!(
            codes_of(
                "nl-NL",
                "Zie dit [document](https://a.example/d) voor meer.",
                english
            )
            .is_empty()
        );
    }

    #[test]
    fn broken_paths() {
        // nl-NL/troubleshoot-prt-issue.md
        assert_eq!(
            codes_of(
                "nl-NL",
                "Bijvoorbeeld PsExec -s \\\\ win10client01 cmd",
                "For example, PsExec -s \\\\win10client01 cmd"
            ),
            [Code::BrokenPath]
        );
        assert!(
            codes_of(
                "zh-CN",
                "打开 `C:\\Users` 文件夹",
                "Open the `C:\\Users` folder"
            )
            .is_empty()
        );
    }

    #[test]
    fn placeholders_are_corruption_not_numbers_or_italic() {
        // de-DE/redirected-to-delve-after-you-click-onedrive.md
        let found = findings(
            "de-DE",
            "Dies liegt daran, dass die OneDrive for #A0 auf \"Meine Websites\" erstellt wird.",
            "This is because the OneDrive for Business page is created on My Sites.",
        );
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(found[0].0, Code::TextCorruption);
        assert!(
            found[0].1.contains("`#A0` is a placeholder"),
            "{}",
            found[0].1
        );
        let found = findings(
            "fr-FR",
            "Sélectionnez **Fichier** _GT_ **Ouvrir**.",
            "Select **File** > **Open**.",
        );
        assert_eq!(found.len(), 1, "{found:?}");
        assert!(
            found[0].1.contains("`_GT_` is a placeholder"),
            "{}",
            found[0].1
        );
    }

    #[test]
    fn empty_link_text_where_the_english_has_text() {
        // nl-NL/sso-connection-issues.md
        let found = findings(
            "nl-NL",
            "Volg de onderstaande [](https://docs.microsoft.com/azure/active-directory/manage-apps/sso-options) richtlijnen, afhankelijk van de gekozen optie.",
            "Depending on the application and [Single sign-on option](https://docs.microsoft.com/azure/active-directory/manage-apps/sso-options) you chose, follow the appropriate guidance below:",
        );
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(found[0].0, Code::EmptyLinkText);
        assert!(
            found[0].1.contains("`Single sign-on option`"),
            "{}",
            found[0].1
        );
        // nl-NL/use-breakout-rooms.md: the English link has no target, but it has text.
        assert_eq!(
            codes_of(
                "nl-NL",
                "Zie []() voor meer.",
                "See [Create and manage breakout rooms]() for more."
            ),
            [Code::EmptyLinkText]
        );
        assert!(codes_of("nl-NL", "Zie []() hier.", "See []() here.").is_empty());
        assert!(
            codes_of(
                "nl-NL",
                "Zie [de handleiding](https://a.example/x).",
                "See [the guide](https://a.example/x)."
            )
            .is_empty()
        );
    }

    #[test]
    fn links_run_together() {
        // holo ja-JP/hololens-provisioning.md
        let found = findings(
            "ja-JP",
            "[構成デザイナー を使用してプロビジョニング](hololens-provisioning.md)[パッケージWindows作成します](https://www.microsoft.com/store/productId/9NBLGGH4TX22)。",
            "[Create a Provisioning Package](hololens-provisioning.md) using [Windows Configuration Designer](https://www.microsoft.com/store/productId/9NBLGGH4TX22).",
        );
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(found[0].0, Code::AdjacentLinks);
        assert!(
            codes_of(
                "ja-JP",
                "[プロビジョニング パッケージを作成](hololens-provisioning.md)するには、[Windows 構成デザイナー](https://www.microsoft.com/store/productId/9NBLGGH4TX22)を使用します。",
                "[Create a Provisioning Package](hololens-provisioning.md) using [Windows Configuration Designer](https://www.microsoft.com/store/productId/9NBLGGH4TX22).",
            )
            .is_empty()
        );
    }

    #[test]
    fn words_glued_to_bold_except_in_languages_without_spaces() {
        // nl-NL/change-permissions-for-a-sharepoint-list-or-library.md
        let english = "Under **Permissions and Management**, click **Permissions for this list**.";
        let found = findings(
            "nl-NL",
            "Klik onder **machtigingen en beheer**op **machtigingen voor deze lijst**.",
            english,
        );
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(found[0].0, Code::GluedBold);
        assert!(found[0].1.starts_with("`op` is glued"), "{}", found[0].1);
        assert!(
            codes_of(
                "nl-NL",
                "Klik onder **machtigingen en beheer** op **machtigingen voor deze lijst**.",
                english
            )
            .is_empty()
        );
        assert!(
            codes_of(
                "ja-JP",
                "**アクセス許可と管理**で**このリストに対する権限**をクリックします。",
                english
            )
            .is_empty()
        );
    }

    #[test]
    fn translated_alert_markers() {
        let found = findings("he-IL", "[!הערה] טקסט", "[!NOTE] text");
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(found[0].0, Code::AlertMarker);
        assert!(found[0].1.contains("`[!הערה]`"), "{}", found[0].1);
        // ja-JP/set-up-insider-risk-management.md: `[!TIPS]` is the English's own fault.
        assert!(codes_of("ja-JP", "[!ヒント]", "[!TIPS]").is_empty());
        assert!(codes_of("nl-NL", "[!note] tekst", "[!NOTE] text").is_empty());
    }

    #[test]
    fn dropped_alert_markers() {
        assert_eq!(
            codes_of("nl-NL", "**Opmerking** tekst", "[!NOTE] text"),
            [Code::AlertMismatch]
        );
    }
}
