//! Defects of an article's English itself, reported once, on the English (under the source
//! locale), rather than once in every locale that inherits them: a link that never closes, so
//! it is a link in no locale and no locale's copy of it is checked; an alert marker DocFX does
//! not know (`[!TIPS]`); a step written without the space after its number (`4.Run`), a
//! paragraph in the English that each translation adding the space turns into a list item.

use super::View;
use super::markers;
use crate::code::Code;
use crate::diagnostic::Diagnostic;

/// The findings of the English view of one article.
pub fn check(english: &View, path: &str, source_locale: &str) -> Vec<Diagnostic> {
    let view = english.document.view(english.half);
    let report = |code: Code, offset: usize, message: String| {
        super::finding(
            code,
            &english.document.file,
            english.position(offset),
            message,
        )
        .in_article(source_locale, path)
    };
    let mut findings = Vec::new();
    let mut steps = Vec::new();
    let mut offset = 0;
    let mut in_fence = false;
    let lines: Vec<&str> = view.split_inclusive('\n').collect();
    for (i, line) in lines.iter().enumerate() {
        let lead = line.trim_start_matches([' ', '\t', '>']);
        let at = offset + (line.len() - lead.len());
        offset += line.len();
        if lead.starts_with("```") || lead.starts_with("~~~") {
            in_fence = !in_fence;
            continue;
        }
        if in_fence {
            continue;
        }
        if let Some(step) = unspaced_step(lead) {
            steps.push((at, step));
        }
        let next = lines.get(i + 1).copied().unwrap_or_default();
        if let Some(link) = lead
            .contains("](")
            .then(|| unclosed_link(lead, next))
            .flatten()
        {
            let at = at + (link.as_ptr() as usize - lead.as_ptr() as usize);
            findings.push(report(
                Code::UnclosedLink,
                at,
                format!(
                    "the English link `{}` never closes with `)`: it is plain text in every locale, and its URL is checked in none",
                    excerpt(link)
                ),
            ));
        }
        if let Some((marker_at, marker)) = lead
            .contains("[!")
            .then(|| markers::first_unknown(lead))
            .flatten()
        {
            findings.push(report(
                Code::AlertMarker,
                at + marker_at,
                format!(
                    "`{marker}` is not an alert DocFX knows (NOTE, TIP, IMPORTANT, WARNING, CAUTION): the English shows it as text, and each locale translates it"
                ),
            ));
        }
    }
    if let Some(&(first, step)) = steps.first() {
        let message = match steps.len() {
            1 => format!(
                "the English step `{step}` lacks the space after its number: it is a paragraph, not a list item, and translations that add the space make it one"
            ),
            n => format!(
                "{n} English steps lack the space after their number (`{step}` and more): they are paragraphs, not list items, and translations that add the space make them some"
            ),
        };
        let mut finding = report(Code::StepMismatch, first, message);
        for &(at, step) in &steps[1..] {
            finding = finding.with_related(
                &english.document.file,
                english.position(at),
                format!("`{step}`"),
            );
        }
        findings.push(finding);
    }
    findings
}

/// The start of `line` when it is a step number glued to its text: `4.Run` (not `1.5 GB`, not
/// `4. Run`), as the number and the first word.
pub fn unspaced_step(line: &str) -> Option<&str> {
    let digits = line.find(|c: char| !c.is_ascii_digit())?;
    if !(1..=2).contains(&digits) || !line[digits..].starts_with('.') {
        return None;
    }
    let rest = &line[digits + 1..];
    if !rest.starts_with(char::is_alphabetic) {
        return None;
    }
    let word = rest
        .find(|c: char| !c.is_alphanumeric())
        .unwrap_or(rest.len());
    Some(&line[..digits + 1 + word])
}

/// A link in `line` whose destination never closes: `[text](https://...` with no `)` after the
/// destination, on this line or, past one line break, at the start of `next` (CommonMark allows
/// `[text](url` and `)` on the next line). Inline code is skipped.
fn unclosed_link<'a>(line: &'a str, next: &str) -> Option<&'a str> {
    let mut code = false;
    let mut start = None;
    for (at, c) in line.char_indices() {
        match c {
            '`' => code = !code,
            '[' if !code => start = Some(at),
            _ if !code && line[at..].starts_with("](") => {
                let destination = &line[at + 2..];
                let closes_on_the_next_line = !destination.trim().contains(char::is_whitespace)
                    && next.trim_start().starts_with(')');
                if !destination.contains(')')
                    && !destination.trim().is_empty()
                    && !closes_on_the_next_line
                {
                    return Some(line[start.unwrap_or(at)..].trim_end());
                }
            }
            _ => {}
        }
    }
    None
}

fn excerpt(text: &str) -> String {
    match text.char_indices().nth(70) {
        Some((at, _)) => format!("{}…", &text[..at]),
        None => text.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::markdown::outline::Outline;
    use crate::parse::{Half, parse_document};
    use std::path::Path;

    #[test]
    fn unspaced_steps() {
        assert_eq!(unspaced_step("4.Run the tool"), Some("4.Run"));
        assert_eq!(unspaced_step("12.Select **OK**"), Some("12.Select"));
        for line in [
            "4. Run",
            "1.5 GB",
            "2020.Run",
            "Run 4.Run",
            "4.",
            "4.**Run**",
        ] {
            assert_eq!(unspaced_step(line), None, "{line}");
        }
    }

    #[test]
    fn unclosed_links() {
        // */import-a-pst-file-from-outlook-for-mac-from-outlook-for-windows.md, segment 161
        assert_eq!(
            unclosed_link(
                "- [Import information into Outlook](https://support.microsoft.com/office/import-a-pst",
                ""
            ),
            Some(
                "[Import information into Outlook](https://support.microsoft.com/office/import-a-pst"
            )
        );
        for line in [
            "See [a](https://x/y_(z)) and [b](c \"title\").",
            "Run `[a](b` as is.",
            "Arrays are written a[i](j) here)",
        ] {
            assert_eq!(unclosed_link(line, ""), None, "{line}");
        }
        // ar-SA/activation-sign-in-issue-another-account-is-already-signed-in.md: `)` on the
        // next line still closes the link.
        assert_eq!(
            unclosed_link(
                "[Learn how](https://docs.microsoft.com/office365/x\n",
                ").\n"
            ),
            None
        );
    }

    fn findings(body: &str) -> Vec<(Code, usize, String, usize)> {
        let text = format!("---\ntitle: t\n---\n{body}");
        let (document, _) = parse_document("ar-SA", "a.md", Path::new("ar-SA/a.md"), &text);
        let view = View {
            document: &document,
            half: Half::Source,
            outline: Outline::of(&document, Half::Source),
        };
        check(&view, "a.md", "en-US")
            .into_iter()
            .map(|d| {
                assert_eq!(d.locale.as_deref(), Some("en-US"));
                (d.code, d.line, d.message, d.related.len())
            })
            .collect()
    }

    #[test]
    fn the_englishs_own_defects_once_on_the_english() {
        let pair = |id: &str, target: &str, source: &str| {
            crate::parse::sxs::segment_text(&format!("a-{id}"), target, source)
        };
        // ar-SA/using-the-office-deployment-tool.md and set-up-insider-risk-management.md
        let body = format!(
            "1. {}\n\n```\nsetup.exe /download\n```\n\n{}\n\n{}\n\n> {}\n\n- {}\n",
            pair("101", "تنزيل", "Download the tool."),
            pair(
                "113",
                "4. قم بتشغيل",
                "4.Run the Office Deployment Tool in configure mode."
            ),
            pair("115", "6.انقر", "6.Click **Set active**"),
            pair("107", "[تلميحات1]", "[!TIPS]"),
            pair(
                "161",
                "[x] (https://a",
                "[Import information](https://support.microsoft.com/x"
            ),
        );
        let found = findings(&body);
        let codes: Vec<(Code, usize)> = found.iter().map(|f| (f.0, f.1)).collect();
        assert_eq!(
            codes,
            [
                (Code::AlertMarker, 14),
                (Code::UnclosedLink, 16),
                (Code::StepMismatch, 10)
            ],
            "{found:?}"
        );
        assert!(found[2].2.starts_with("2 English steps"), "{}", found[2].2);
        assert_eq!(found[2].3, 1);
        assert!(findings("1. Download the tool.\n2. Run it.\n").is_empty());
    }
}
