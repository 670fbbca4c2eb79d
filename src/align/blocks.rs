//! Block-by-block alignment of a plain translation (no spans, no English inside) with an
//! English text: both are cut into text blocks (headings, paragraphs, list items, alert
//! paragraphs, table cells) and paired by a monotone alignment ([`monotone`]) that scores
//! candidate pairs by block kind, length and anchors ([`score`]), so one inserted or dropped
//! paragraph no longer shifts every later pair.
//!
//! Ids name the translation's blocks, numbered in document order: `b4` is its fourth block,
//! `b4-5` its fourth and fifth translated as one English block, and `b4.1`, `b4.2` the English
//! blocks with no translation that come after `b4` (`b0.1` before the first). They do not
//! change when the English does, and they sort naturally ([`super::text::id_order`]).

mod anchors;
pub mod monotone;
mod score;

use std::ops::Range;

use pulldown_cmark::{Event, Parser, Tag, TagEnd};

pub use anchors::Anchors;
pub use monotone::Step;

use super::{AlignedSegment, Status, text};
use crate::source::LineIndex;

/// One block of text: its kind, its plain text, where it and its inline content are in the
/// markdown, and the anchors that tie it to its translation.
#[derive(Debug, Clone, PartialEq)]
pub struct Block {
    pub kind: &'static str,
    /// The plain text, white space collapsed.
    pub text: String,
    /// The whole block, markup included (`1. `, `# `, `> `).
    pub range: Range<usize>,
    /// Its inline content: what a translator rewrites (a heading's `<a name>` anchor left out).
    pub content: Range<usize>,
    pub anchors: Anchors,
}

/// A block being read: what [`blocks`] keeps until the block ends.
struct Open {
    kind: &'static str,
    text: String,
    range: Range<usize>,
    content: Option<Range<usize>>,
    anchors: Anchors,
    /// Set once a nested block starts: later text belongs to no content range of this block.
    frozen: bool,
}

impl Open {
    fn extend(&mut self, range: &Range<usize>) {
        if self.frozen {
            return;
        }
        self.content = Some(match self.content.take() {
            Some(c) => c.start.min(range.start)..c.end.max(range.end),
            None => range.clone(),
        });
    }
}

/// Cuts markdown into its text blocks, in document order.
pub fn blocks(markdown: &str) -> Vec<Block> {
    let mut done: Vec<Block> = Vec::new();
    let mut open: Vec<Open> = Vec::new();
    let mut in_alert = 0usize;
    for (event, range) in Parser::new_ext(markdown, crate::markdown::options()).into_offset_iter() {
        match event {
            Event::Start(tag) => {
                let kind = match &tag {
                    Tag::Heading { .. } => "heading",
                    Tag::Paragraph if in_alert > 0 => "alert",
                    Tag::Paragraph => "paragraph",
                    Tag::Item => "list-item",
                    Tag::TableCell => "table-cell",
                    Tag::BlockQuote(Some(_)) => {
                        in_alert += 1;
                        continue;
                    }
                    Tag::Link { dest_url, .. } | Tag::Image { dest_url, .. } => {
                        if let Some(block) = open.last_mut() {
                            block.anchors.add_target(dest_url);
                            block.extend(&range);
                        }
                        continue;
                    }
                    Tag::Emphasis | Tag::Strong | Tag::Strikethrough => {
                        if let Some(block) = open.last_mut() {
                            block.extend(&range);
                        }
                        continue;
                    }
                    _ => continue,
                };
                if let Some(parent) = open.last_mut() {
                    parent.frozen = true;
                }
                open.push(Open {
                    kind,
                    text: String::new(),
                    range,
                    content: None,
                    anchors: Anchors::default(),
                    frozen: false,
                });
            }
            Event::End(TagEnd::BlockQuote(Some(_))) => in_alert = in_alert.saturating_sub(1),
            Event::End(
                TagEnd::Heading(_) | TagEnd::Paragraph | TagEnd::Item | TagEnd::TableCell,
            ) => {
                if let Some(block) = open.pop() {
                    let text = text::normalize(&block.text);
                    if let (false, Some(content)) = (text.is_empty(), block.content) {
                        let mut anchors = block.anchors;
                        anchors.add_text(&text);
                        done.push(Block {
                            kind: block.kind,
                            text,
                            range: block.range,
                            content,
                            anchors,
                        });
                    }
                }
            }
            Event::Text(t) => {
                if let Some(block) = open.last_mut().filter(|b| !b.frozen) {
                    block.text.push_str(&t);
                    block.extend(&range);
                }
            }
            Event::Code(code) => {
                if let Some(block) = open.last_mut().filter(|b| !b.frozen) {
                    block.text.push_str(&code);
                    block.anchors.add_code(&code);
                    block.extend(&range);
                }
            }
            Event::InlineHtml(html) => {
                if let Some(block) = open.last_mut() {
                    // A heading's leading `<a name="x"></a>` is not text to translate.
                    let anchor = html.starts_with("<a ")
                        && (html.contains("name=") || html.contains("id="))
                        || html.starts_with("</a");
                    if !(anchor && block.content.is_none()) {
                        block.extend(&range);
                    }
                }
            }
            Event::SoftBreak | Event::HardBreak => {
                if let Some(block) = open.last_mut().filter(|b| !b.frozen) {
                    block.text.push(' ');
                }
            }
            _ => {}
        }
    }
    done.sort_by_key(|b| b.range.start);
    done
}

/// Pairs the blocks of a plain translation with those of the English, by [`pairs`]. Lines are
/// those of the translation, `body_line` being where its markdown starts in the file. Targets
/// and sources are the blocks' inline markdown, as sxs segments are.
pub fn align(translation: &str, english: &str, body_line: usize) -> Vec<AlignedSegment> {
    let index = LineIndex::new(translation);
    let ours = blocks(translation);
    let theirs = blocks(english);
    let line = |b: &Block| index.position(translation, b.range.start).0 + body_line - 1;
    let slice = |text: &str, blocks: &[Block], range: &Range<usize>| -> String {
        match (
            blocks.get(range.start),
            range.end.checked_sub(1).and_then(|l| blocks.get(l)),
        ) {
            (Some(first), Some(last)) if !range.is_empty() => {
                text[first.content.start..last.content.end].to_string()
            }
            _ => String::new(),
        }
    };
    let mut missing_run = 0;
    pairs(&ours, &theirs)
        .into_iter()
        .map(|step| {
            let source = slice(english, &theirs, &step.theirs);
            let target = slice(translation, &ours, &step.ours);
            let id = match step.ours.len() {
                0 => {
                    missing_run += 1;
                    format!("b{}.{missing_run}", step.ours.start)
                }
                1 => {
                    missing_run = 0;
                    format!("b{}", step.ours.start + 1)
                }
                _ => {
                    missing_run = 0;
                    format!("b{}-{}", step.ours.start + 1, step.ours.end)
                }
            };
            let status = match (step.ours.is_empty(), step.theirs.is_empty()) {
                (true, _) => Status::Missing,
                (false, true) => Status::Extra,
                _ => {
                    let untranslated = step
                        .ours
                        .clone()
                        .zip(step.theirs.clone())
                        .all(|(o, t)| text::is_untranslated(&ours[o].text, &theirs[t].text));
                    if untranslated {
                        Status::Untranslated
                    } else {
                        Status::Ok
                    }
                }
            };
            AlignedSegment {
                id,
                source,
                target,
                status,
                line: ours
                    .get(step.ours.start)
                    .filter(|_| !step.ours.is_empty())
                    .map_or(0, line),
                merged_into: None,
                source_line: None,
                confidence: Some(step.confidence),
            }
        })
        .collect()
}

/// The monotone alignment of two block lists: each step pairs a run of `ours` (0 to 2 blocks)
/// with a run of `theirs`, in order, with its confidence.
///
/// The translation's length relative to the English is not known beforehand: a first pass
/// takes it from the whole article and weighs lengths lightly; the second takes it from the
/// blocks the first paired one to one, so an added or untranslated paragraph does not skew it.
pub fn pairs(ours: &[Block], theirs: &[Block]) -> Vec<Step> {
    // Every cell of both passes scores runs of these blocks: what it reads of them is worked
    // out once.
    let (of_ours, of_theirs) = score::Features::of(ours, theirs);
    let run = |lengths: score::Lengths| {
        monotone::align(ours.len(), theirs.len(), |o, t| {
            let ours = (&ours[o.clone()], &of_ours[o]);
            score::pair(ours, (&theirs[t.clone()], &of_theirs[t]), lengths)
        })
    };
    let first = run(score::Lengths::rough(ours, theirs));
    let paired: Vec<(&Block, &Block)> = first
        .iter()
        .filter(|s| s.ours.len() == 1 && s.theirs.len() == 1)
        .map(|s| (&ours[s.ours.start], &theirs[s.theirs.start]))
        .collect();
    match score::Lengths::from_pairs(&paired) {
        Some(lengths) => run(lengths),
        None => first,
    }
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
    fn content_is_the_inline_markdown_without_heading_anchors() {
        let md = "# <a name=\"x\"></a>Kop **vet**\n\n1. Zie [dit](a.md) en `cmd /x`\n    1. Sub\n\n> [!NOTE]\n> Let op\n> hier.\n";
        let contents: Vec<&str> = blocks(md).iter().map(|b| &md[b.content.clone()]).collect();
        assert_eq!(
            contents,
            [
                "Kop **vet**",
                "Zie [dit](a.md) en `cmd /x`",
                "Sub",
                "Let op\n> hier."
            ]
        );
    }

    #[test]
    fn an_inserted_paragraph_shifts_nothing() {
        let english = "# Title\n\nSign in to the portal at https://portal.example.\n\nRun `dsregcmd /status` and check the 3 values.\n\nSelect **Save**.\n";
        let translation = "# Titel\n\nEn helt ny indledning, som ikke findes på engelsk, og som er ret lang.\n\nLog på portalen på https://portal.example.\n\nKør `dsregcmd /status`, og kontroller de 3 værdier.\n\nVælg **Gem**.\n";
        let segments = align(translation, english, 5);
        let got: Vec<(&str, Status, &str, usize)> = segments
            .iter()
            .map(|s| (s.id.as_str(), s.status, s.source.as_str(), s.line))
            .collect();
        assert_eq!(
            got,
            [
                ("b1", Status::Ok, "Title", 5),
                ("b2", Status::Extra, "", 7),
                (
                    "b3",
                    Status::Ok,
                    "Sign in to the portal at https://portal.example.",
                    9
                ),
                (
                    "b4",
                    Status::Ok,
                    "Run `dsregcmd /status` and check the 3 values.",
                    11
                ),
                ("b5", Status::Ok, "Select **Save**.", 13),
            ]
        );
        assert_eq!(
            segments[3].target,
            "Kør `dsregcmd /status`, og kontroller de 3 værdier."
        );
        assert!(
            segments
                .iter()
                .all(|s| s.confidence.is_some_and(|c| (0.0..=1.0).contains(&c)))
        );
        assert!(segments[3].confidence.unwrap() > 0.9, "{segments:?}");
    }

    #[test]
    fn a_dropped_paragraph_is_missing_with_a_natural_id() {
        let english = "Open https://a.example.\n\nThis paragraph was not translated at all, it is long.\n\nRun `x /y`.\n";
        let translation = "Åbn https://a.example.\n\nKør `x /y`.\n";
        let segments = align(translation, english, 1);
        let got: Vec<(&str, Status, usize)> = segments
            .iter()
            .map(|s| (s.id.as_str(), s.status, s.line))
            .collect();
        assert_eq!(
            got,
            [
                ("b1", Status::Ok, 1),
                ("b1.1", Status::Missing, 0),
                ("b2", Status::Ok, 3)
            ]
        );
        let mut ids: Vec<&str> = got.iter().map(|g| g.0).collect();
        ids.sort_by_key(|id| text::id_order(id));
        assert_eq!(ids, ["b1", "b1.1", "b2"]);
    }

    #[test]
    fn two_translation_blocks_may_render_one_english_block() {
        let english = "# Title\n\nOpen the portal at https://a.example and run `cmd /x` to sign in to it, then wait 5 minutes.\n\nDone.\n";
        let translation = "# Titel\n\nÅbn portalen på https://a.example, og kør `cmd /x`.\n\nLog så på, og vent 5 minutter.\n\nFærdig.\n";
        let segments = align(translation, english, 1);
        let ids: Vec<&str> = segments.iter().map(|s| s.id.as_str()).collect();
        assert_eq!(ids, ["b1", "b2-3", "b4"], "{segments:#?}");
        assert_eq!(
            segments[1].target,
            "Åbn portalen på https://a.example, og kør `cmd /x`.\n\nLog så på, og vent 5 minutter."
        );
    }

    #[test]
    fn empty_sides() {
        assert!(align("", "", 1).is_empty());
        let segments = align("# Kop\n", "", 1);
        assert_eq!(
            (segments[0].id.as_str(), segments[0].status),
            ("b1", Status::Extra)
        );
        let segments = align("", "# Title\n", 1);
        assert_eq!(
            (segments[0].id.as_str(), segments[0].status),
            ("b0.1", Status::Missing)
        );
    }
}
