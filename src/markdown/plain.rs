//! The text of a markdown snippet as a reader sees it: markup and HTML left out, white space
//! collapsed, DocFX's constructs read through (the text inside alerts, sections, tabs, zones,
//! monikers and columns; `:::no-loc` as its text, `:::image` as its alt text). Titles, the
//! English on demand and the alignment's text comparisons all read it.

use pulldown_cmark::{Event, Parser};

use super::doc::{self, Doc, ItemKind, Piece};
use super::scan;

/// The reader's text of `markdown`, white space collapsed.
pub fn plain_text(markdown: &str) -> String {
    let parsed = scan::parse(markdown, &mut Vec::new());
    let mut text = String::with_capacity(markdown.len());
    push_doc(&parsed, &mut text);
    collapse_white_space(&text)
}

fn push_doc(parsed: &Doc, text: &mut String) {
    for event in Parser::new(parsed.text.as_str()) {
        match event {
            Event::Text(t) => {
                for piece in doc::pieces(&t) {
                    match piece {
                        Piece::Text(t) => text.push_str(t),
                        Piece::Item(k) => push_item(parsed, k, text),
                    }
                }
            }
            Event::Html(html) => {
                if let Some(k) = doc::block_item(&html) {
                    push_item(parsed, k, text);
                }
            }
            Event::Code(t) => text.push_str(&t),
            Event::SoftBreak | Event::HardBreak => text.push(' '),
            Event::End(pulldown_cmark::TagEnd::Paragraph | pulldown_cmark::TagEnd::Heading(_)) => {
                text.push(' ')
            }
            _ => {}
        }
    }
}

/// The reader's text of construct `k` of `parsed`; includes, code samples and videos have none
/// of their own.
fn push_item(parsed: &Doc, k: usize, text: &mut String) {
    let Some(item) = parsed.items.get(k) else {
        return;
    };
    let body = |doc: &Doc, text: &mut String| {
        text.push(' ');
        push_doc(doc, text);
        text.push(' ');
    };
    match &item.kind {
        ItemKind::Quote(sections) => sections.iter().for_each(|s| body(&s.body, text)),
        ItemKind::Tabs(tabs) => tabs.iter().for_each(|tab| {
            body(&tab.title, text);
            body(&tab.body, text);
        }),
        ItemKind::Row(doc)
        | ItemKind::Column { body: doc, .. }
        | ItemKind::Zone { body: doc, .. }
        | ItemKind::Moniker { body: doc, .. } => body(doc, text),
        ItemKind::Image(image) => {
            text.push_str(&image.alt);
            if let Some(description) = &image.description {
                body(description, text);
            }
        }
        ItemKind::NoLoc(words) => text.push_str(words),
        ItemKind::Include { .. } | ItemKind::Video { .. } | ItemKind::Code(_) => {}
    }
}

/// `text` with each run of white space made one space and the ends trimmed; no-break spaces
/// (`HoloLens\u{a0}2`) are kept, since they say where a line must not break.
pub fn collapse_white_space(text: &str) -> String {
    let breaking = |c: char| c.is_whitespace() && c != '\u{a0}' && c != '\u{202f}';
    text.split(breaking)
        .filter(|piece| !piece.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_text_drops_markup() {
        assert_eq!(
            plain_text("See [the *guide*](a.md) and `cmd`\nnow <b>x</b>"),
            "See the guide and cmd now x"
        );
        assert_eq!(
            plain_text(
                "Select :::no-loc text=\"Find\"::: and :::image type=\"icon\" source=\"a.png\":::."
            ),
            "Select Find and ."
        );
    }

    #[test]
    fn text_inside_alerts_tabs_and_zones_is_read() {
        let text = plain_text(
            "Intro.\n\n> [!NOTE]\n> UI during the update.\n\n# [Win](#tab/w)\n\nTab text.\n\n---\n\n::: zone pivot=\"a\"\nZoned.\n::: zone-end\n",
        );
        assert_eq!(text, "Intro. UI during the update. Win Tab text. Zoned.");
    }
}
