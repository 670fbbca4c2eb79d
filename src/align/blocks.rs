//! Block-by-block alignment of a plain translation (no spans, no English inside) with the
//! English reconstructed from an sxs sibling: both are cut into text blocks (headings,
//! paragraphs, list items, alert paragraphs, table cells) and paired in order.

use pulldown_cmark::{Event, Parser, Tag, TagEnd};

use super::{AlignedSegment, Status, text};
use crate::source::LineIndex;

/// One block of text: its kind, its plain text and its byte offset in the markdown.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Block {
    pub kind: &'static str,
    pub text: String,
    pub offset: usize,
}

/// Cuts markdown into its text blocks, in document order.
pub fn blocks(markdown: &str) -> Vec<Block> {
    let mut done: Vec<Block> = Vec::new();
    let mut open: Vec<Block> = Vec::new();
    let mut in_alert = 0usize;
    for (event, range) in Parser::new_ext(markdown, crate::markdown::options()).into_offset_iter() {
        match event {
            Event::Start(tag) => {
                let kind = match tag {
                    Tag::Heading { .. } => "heading",
                    Tag::Paragraph if in_alert > 0 => "alert",
                    Tag::Paragraph => "paragraph",
                    Tag::Item => "list-item",
                    Tag::TableCell => "table-cell",
                    Tag::BlockQuote(Some(_)) => {
                        in_alert += 1;
                        continue;
                    }
                    _ => continue,
                };
                open.push(Block {
                    kind,
                    text: String::new(),
                    offset: range.start,
                });
            }
            Event::End(TagEnd::BlockQuote(Some(_))) => in_alert = in_alert.saturating_sub(1),
            Event::End(
                TagEnd::Heading(_) | TagEnd::Paragraph | TagEnd::Item | TagEnd::TableCell,
            ) => {
                if let Some(block) = open.pop() {
                    let text = text::normalize(&block.text);
                    if !text.is_empty() {
                        done.push(Block { text, ..block });
                    }
                }
            }
            Event::Text(t) | Event::Code(t) => {
                if let Some(block) = open.last_mut() {
                    block.text.push_str(&t);
                }
            }
            Event::SoftBreak | Event::HardBreak => {
                if let Some(block) = open.last_mut() {
                    block.text.push(' ');
                }
            }
            _ => {}
        }
    }
    done.sort_by_key(|b| b.offset);
    done
}

/// Pairs the blocks of a plain translation with those of the English, in order. Blocks beyond
/// the shorter side are `missing` (English only) or `extra` (translation only). Lines are those
/// of the translation, `body_line` being where its markdown starts in the file.
pub fn align(translation: &str, english: &str, body_line: usize) -> Vec<AlignedSegment> {
    let index = LineIndex::new(translation);
    let ours = blocks(translation);
    let theirs = blocks(english);
    let line = |b: &Block| index.position(translation, b.offset).0 + body_line - 1;
    (0..ours.len().max(theirs.len()))
        .map(|i| {
            let id = format!("b{}", i + 1);
            match (ours.get(i), theirs.get(i)) {
                (Some(t), Some(e)) => AlignedSegment {
                    id,
                    status: if text::is_untranslated(&t.text, &e.text) {
                        Status::Untranslated
                    } else {
                        Status::Ok
                    },
                    source: e.text.clone(),
                    target: t.text.clone(),
                    line: line(t),
                    merged_into: None,
                    source_line: None,
                },
                (Some(t), None) => AlignedSegment {
                    id,
                    status: Status::Extra,
                    source: String::new(),
                    target: t.text.clone(),
                    line: line(t),
                    merged_into: None,
                    source_line: None,
                },
                (None, Some(e)) => AlignedSegment {
                    id,
                    status: Status::Missing,
                    source: e.text.clone(),
                    target: String::new(),
                    line: 0,
                    merged_into: None,
                    source_line: None,
                },
                (None, None) => unreachable!("index below the longer length"),
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cuts_headings_paragraphs_items_alerts_and_cells() {
        let md = "# Kop\n\nTekst een.\n\n1. Stap een\n    1. Sub\n2. Stap twee\n\n> [!NOTE]\n> Let op.\n\n| a | b |\n|---|---|\n| c | d |\n";
        let kinds: Vec<(&str, String)> = blocks(md).into_iter().map(|b| (b.kind, b.text)).collect();
        assert_eq!(
            kinds,
            [
                ("heading", "Kop".into()),
                ("paragraph", "Tekst een.".into()),
                ("list-item", "Stap een".into()),
                ("list-item", "Sub".into()),
                ("list-item", "Stap twee".into()),
                ("alert", "Let op.".into()),
                ("table-cell", "a".into()),
                ("table-cell", "b".into()),
                ("table-cell", "c".into()),
                ("table-cell", "d".into()),
            ]
        );
    }

    #[test]
    fn pairs_in_order_and_reports_the_rest() {
        let segments = align("# Kop\n\nTekst.\n\nMeer.\n", "# Title\n\nText.\n", 5);
        let got: Vec<(&str, Status, &str, usize)> = segments
            .iter()
            .map(|s| (s.id.as_str(), s.status, s.source.as_str(), s.line))
            .collect();
        assert_eq!(
            got,
            [
                ("b1", Status::Ok, "Title", 5),
                ("b2", Status::Ok, "Text.", 7),
                ("b3", Status::Extra, "", 9)
            ]
        );
        let segments = align("# Kop\n", "# Title\n\nThe text is here.\n", 1);
        assert_eq!(segments[1].status, Status::Missing);
    }
}
