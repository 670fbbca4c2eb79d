//! DocFX's quote sections: a quote (`>`) whose lines hold markers. `[!NOTE]`, `[!TIP]`,
//! `[!IMPORTANT]`, `[!WARNING]` and `[!CAUTION]` (any case) start an alert, `[!div class=...]`
//! a `<div>` with those attributes, `[!VIDEO url]` an embedded video. Each marker starts a new
//! part, even in the middle of a quote; what comes before the first marker stays a quote. A
//! marker must stand alone on its line: `> [!NOTE] text` stays a quote, with a warning.
//!
//! The text after a marker is the part's markdown, lazy continuation lines included (the
//! scanner took them into the quote).

use super::Problem;
use super::attributes::{self, Attributes};
use super::doc::{Alert, Doc, Section, SectionKind};
use super::mapped::{Builder, Mapped};
use super::render::Renderer;
use super::scan::{self, Scope};
use super::video;
use crate::code::Code;

/// What a line starting with `[!` is.
enum Marker {
    Kind(SectionKind),
    /// A marker followed by text on its line.
    Followed(String),
}

/// Whether `content`, a quote line with its `>` marks taken off, is a marker line.
pub(crate) fn is_marker_line(content: &str) -> bool {
    matches!(marker(content), Some(Marker::Kind(_)))
}

fn marker(content: &str) -> Option<Marker> {
    let inner_start = 2;
    if !content.starts_with("[!") {
        return None;
    }
    let mut close = None;
    let mut escaped = false;
    for (i, c) in content.char_indices().skip(inner_start) {
        match c {
            '\\' if !escaped => escaped = true,
            ']' if !escaped => {
                close = Some(i);
                break;
            }
            _ => escaped = false,
        }
    }
    let close = close?;
    let info = &content[inner_start..close];
    let word = |n: usize, name: &str| info.get(..n).is_some_and(|w| w.eq_ignore_ascii_case(name));
    let kind = if let Some(alert) = Alert::named(info.trim()) {
        SectionKind::Alert(alert)
    } else if word(3, "div")
        && info[3..]
            .chars()
            .next()
            .is_none_or(|c| c.is_whitespace() || c == '`')
    {
        SectionKind::Div(div_attributes(info[3..].trim()))
    } else if info.len() > 5 && word(5, "video") {
        let url = info[5..].trim();
        if !info[5..].starts_with([' ', '\t'])
            || !(url.starts_with("https://") || url.starts_with("http://"))
            || url.contains(char::is_whitespace)
        {
            return None;
        }
        SectionKind::Video(url.to_string())
    } else {
        return None;
    };
    if content[close + 1..].trim().is_empty() {
        Some(Marker::Kind(kind))
    } else {
        Some(Marker::Followed(content[..=close].to_string()))
    }
}

/// `class="a" id="b"`, or the same between backticks; a backtick left open gives none.
fn div_attributes(text: &str) -> Attributes {
    let text = match (text.strip_prefix('`'), text.ends_with('`')) {
        (Some(inner), true) if !inner.is_empty() => &inner[..inner.len() - 1],
        (Some(_), _) => return Attributes::default(),
        (None, _) => text,
    };
    attributes::parse(text.trim(), None)
        .map(|(attrs, _)| attrs)
        .unwrap_or_default()
}

/// Splits a quote's text (its `>` marks taken off) into its parts, each parsed.
pub(crate) fn sections(inner: &Mapped, scope: Scope, problems: &mut Vec<Problem>) -> Vec<Section> {
    let text = inner.as_str();
    let lines = scan::lines(text);
    let mut found = Vec::new();
    let mut open = (SectionKind::Quote, inner.view_offset(0), 0usize);
    let mut fence = false;
    for (j, line) in lines.iter().enumerate() {
        let content = text[line.start..line.end].trim_start();
        if content.starts_with("```") || content.starts_with("~~~") {
            fence = !fence;
        }
        if fence || scan::indentation(&text[line.start..line.end]) >= 4 {
            continue;
        }
        match marker(content) {
            Some(Marker::Kind(kind)) => {
                let (kind_before, offset, start) = std::mem::replace(
                    &mut open,
                    (SectionKind::Quote, inner.view_offset(line.start), j + 1),
                );
                push(&mut found, inner, &lines, kind_before, offset, start..j, scope, problems);
                match kind {
                    SectionKind::Video(url) => found.push(Section {
                        offset: inner.view_offset(line.start),
                        kind: SectionKind::Video(url),
                        body: empty(),
                    }),
                    kind => open.0 = kind,
                }
            }
            Some(Marker::Followed(marker)) => problems.push(Problem::new(
                Code::DfmSyntax,
                inner.view_offset(line.start),
                format!("text follows `{marker}` on its line: shown as a quote; put the text on the next line"),
            )),
            None => {}
        }
    }
    let (kind, offset, start) = open;
    push(
        &mut found,
        inner,
        &lines,
        kind,
        offset,
        start..lines.len(),
        scope,
        problems,
    );
    found
}

#[allow(clippy::too_many_arguments)]
fn push(
    found: &mut Vec<Section>,
    inner: &Mapped,
    lines: &[scan::Line],
    kind: SectionKind,
    offset: usize,
    range: std::ops::Range<usize>,
    scope: Scope,
    problems: &mut Vec<Problem>,
) {
    let text = inner.as_str();
    let blank = lines[range.clone()]
        .iter()
        .all(|l| text[l.start..l.end].trim().is_empty());
    if matches!(kind, SectionKind::Quote) && blank {
        return;
    }
    let mut body = Builder::default();
    if let (Some(first), Some(last)) = (
        lines.get(range.start),
        range.end.checked_sub(1).and_then(|e| lines.get(e)),
    ) && range.start < range.end
    {
        body.copy(inner, first.start..last.next);
    }
    let body = scan::parse_mapped(&body.finish(), scope, problems);
    found.push(Section { offset, kind, body });
}

fn empty() -> Doc<'static> {
    Doc {
        text: Builder::default().finish(),
        items: Vec::new(),
    }
}

/// Writes the parts of a quote.
pub(crate) fn render(sections: &[Section], r: &mut Renderer, out: &mut String) {
    for section in sections {
        match &section.kind {
            SectionKind::Quote => {
                out.push_str("<blockquote>\n");
                r.doc(&section.body, out);
                out.push_str("</blockquote>\n");
            }
            SectionKind::Alert(alert) => {
                let title = r.label(&format!("alert-{}", alert.name()));
                out.push_str(&format!(
                    "<div class=\"alert alert-{0}\" role=\"note\">\n<p class=\"alert-title\">{1}</p>\n",
                    alert.name(),
                    attributes::escape(&title)
                ));
                r.doc(&section.body, out);
                out.push_str("</div>\n");
            }
            SectionKind::Div(attrs) => {
                out.push_str(&format!("<div{}>\n", attrs.to_html()));
                r.doc(&section.body, out);
                out.push_str("</div>\n");
            }
            SectionKind::Video(url) => {
                let title = r.label("video");
                video::embed(url, &title, None, out);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(quote: &str) -> Vec<String> {
        let mut problems = Vec::new();
        sections(&Mapped::view(quote), Scope::default(), &mut problems)
            .iter()
            .map(|s| match &s.kind {
                SectionKind::Quote => format!("quote:{}", s.body.text.as_str().trim()),
                SectionKind::Alert(a) => format!("{}:{}", a.name(), s.body.text.as_str().trim()),
                SectionKind::Div(attrs) => {
                    format!("div{}:{}", attrs.to_html(), s.body.text.as_str().trim())
                }
                SectionKind::Video(url) => format!("video:{url}"),
            })
            .collect()
    }

    #[test]
    fn every_marker_starts_a_part() {
        assert_eq!(
            kinds(
                "before\n\n[!NOTE]\nn\n[!tip]\nt\nlazy\n[!div class=\"x\"]\nd\n[!VIDEO https://v.test/e]\nafter\n"
            ),
            [
                "quote:before",
                "note:n",
                "tip:t\nlazy",
                "div class=\"x\":d",
                "video:https://v.test/e",
                "quote:after"
            ]
        );
    }

    #[test]
    fn malformed_markers_stay_text() {
        assert_eq!(
            kinds("[!NOTE] text\n[!TIP\n[!di-no-v class=\"whatever\"]\n"),
            ["quote:[!NOTE] text\n[!TIP\n[!di-no-v class=\"whatever\"]"]
        );
        assert_eq!(kinds("[!Video]\n"), ["quote:[!Video]"]);
    }

    #[test]
    fn translated_markers_are_not_markers() {
        assert_eq!(
            kinds("[!ヒント]\nText\n[!注意]\n"),
            ["quote:[!ヒント]\nText\n[!注意]"]
        );
    }

    #[test]
    fn div_attributes_in_backticks() {
        assert_eq!(kinds("[!div `id=\"right\"`]\n"), ["div id=\"right\":"]);
        assert_eq!(kinds("[!div `id=\"error\"]\n"), ["div:"]);
        assert_eq!(kinds("[!div]\n"), ["div:"]);
    }

    #[test]
    fn markers_in_code_are_not_markers() {
        assert_eq!(kinds("```\n[!NOTE]\n```\n"), ["quote:```\n[!NOTE]\n```"]);
    }
}
