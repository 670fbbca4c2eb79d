//! Per-segment rules: each sxs segment's translation against the English it carries (a merged
//! `pNNN` segment carries the English of all it merged). URLs, inline code and numbers must be
//! the same, bold and italic as many, alerts kept, and the text free of known corruptions.

use std::collections::BTreeSet;

use super::inline::{Glued, Inline};
use super::numbers;
use crate::code::Code;
use crate::diagnostic::Diagnostic;
use crate::parse::{Document, Segment};

/// Runs the per-segment rules over one sxs translation. Returns its findings and the
/// command-like inline code of its English, for [`super::lost_code`].
pub fn check(document: &Document) -> (Vec<Diagnostic>, BTreeSet<String>) {
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
        let english = Inline::of(source);
        let translation = Inline::of(&segment.target);
        commands.extend(english.code.iter().filter(|c| is_command(c)).cloned());
        let mut report = |code: Code, message: String| {
            findings.push(
                Diagnostic::warning(
                    code,
                    &document.file,
                    (segment.line, segment.column),
                    message,
                )
                .in_article(&document.locale, &document.path),
            );
        };
        if let Some(message) = urls(&translation, &english) {
            report(Code::UrlMismatch, message);
        }
        if let Some(message) = code(&translation, &english) {
            report(Code::CodeMismatch, message);
        }
        if let Some((missing, extra)) = numbers::mismatch(&translation.prose, &english.prose) {
            report(Code::NumberMismatch, numbers_message(&missing, &extra));
        }
        // A dropped alert marker also changes the bold count: it is reported once, as an alert.
        if let Some(message) = alert(segment, source) {
            report(Code::AlertMismatch, message);
        } else if let Some(message) = markup(&translation, &english) {
            report(Code::MarkupMismatch, message);
        }
        if let Some(message) = corruption(segment, source, &translation, &english, glue) {
            report(Code::TextCorruption, message);
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
        return Some(format!(
            "the English links to `{lost}`; the translation does not"
        ));
    }
    let added = translation
        .urls
        .iter()
        .find(|u| !theirs.contains(&comparable_url(u)))?;
    Some(format!(
        "the translation links to `{added}`; the English does not"
    ))
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

const ALERT_MARKERS: [&str; 5] = [
    "[!NOTE]",
    "[!TIP]",
    "[!IMPORTANT]",
    "[!WARNING]",
    "[!CAUTION]",
];

/// An alert marker of the English that the translation dropped.
fn alert(segment: &Segment, source: &str) -> Option<String> {
    let marker = ALERT_MARKERS
        .iter()
        .find(|m| source.contains(**m) && !segment.target.to_ascii_uppercase().contains(**m))?;
    Some(if segment.target.contains("**") {
        format!("the English `{marker}` alert became plain bold text")
    } else {
        format!("the English `{marker}` alert is missing")
    })
}

/// Which words glued to a link or to code a language's spelling allows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Glue {
    Checked,
    /// Words before a link may be joined to it (prefixes); words after it may not.
    AfterOnly,
    Allowed,
}

/// Text glued to a link or to code, and mangled UNC paths.
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
    let mangled = mangled_unc_path(&segment.target)?;
    (mangled_unc_path(source).is_none())
        .then(|| format!("`{mangled}`: a path with a space after `\\\\`"))
}

/// The first `\\ name` in `text`: a UNC path a translation tool broke with a space.
pub fn mangled_unc_path(text: &str) -> Option<&str> {
    text.match_indices("\\\\").find_map(|(at, _)| {
        let rest = &text[at + 2..];
        let name = rest.trim_start_matches(' ');
        let spaced = name.len() < rest.len();
        let word_len = name
            .find(|c: char| !(c.is_alphanumeric() || c == '-' || c == '_'))
            .unwrap_or(name.len());
        (spaced && word_len > 0).then(|| &text[at..at + 2 + (rest.len() - name.len()) + word_len])
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parse::parse_document;
    use std::path::Path;

    fn pair(id: &str, target: &str, source: &str) -> String {
        format!(
            "<span data-ttu-id=\"a-{id}\">{target}</span><span class=\"sxs-lookup\"><span data-stu-id=\"a-{id}\">{source}</span></span>"
        )
    }

    fn findings(locale: &str, target: &str, source: &str) -> Vec<(Code, String)> {
        let text = format!("---\ntitle: t\n---\n{}\n", pair("101", target, source));
        let (document, _) = parse_document(locale, "a.md", Path::new("a.md"), &text);
        let (found, _) = check(&document);
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
    fn mangled_unc_paths() {
        assert_eq!(
            codes_of(
                "nl-NL",
                "Bijvoorbeeld PsExec -s \\\\ win10client01 cmd",
                "For example, PsExec -s \\\\win10client01 cmd"
            ),
            [Code::TextCorruption]
        );
        assert_eq!(mangled_unc_path("a \\\\ host b"), Some("\\\\ host"));
        assert_eq!(mangled_unc_path("a \\\\host b"), None);
    }

    #[test]
    fn dropped_alert_markers() {
        assert_eq!(
            codes_of("nl-NL", "**Opmerking** tekst", "[!NOTE] text"),
            [Code::AlertMismatch]
        );
    }
}
