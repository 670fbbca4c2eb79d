//! The outline of one view of a document: its links, the anchors a fragment can point at, and
//! its block structure. Made in one pass of pulldown-cmark per view and shared by every check.

use std::collections::HashSet;
use std::ops::Range;

use pulldown_cmark::{Event, Parser, Tag, TagEnd};

use crate::markdown;
use crate::parse::{Document, Half};

/// How a link was written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LinkKind {
    /// `[text](dest)`, `<dest>` or a reference link.
    Link,
    /// `![alt](src)`.
    Image,
    /// `href` or `src` of raw HTML.
    Html,
}

/// A link or image in a view, at a byte offset of that view.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Link {
    pub dest: String,
    pub kind: LinkKind,
    /// Where the construct starts in the view.
    pub offset: usize,
}

/// A structural element, in document order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BlockKind {
    Heading(u8),
    /// A list item, numbered or not.
    Item {
        ordered: bool,
    },
    /// A DocFX or GFM alert: `note`, `tip`, `important`, `warning`, `caution`.
    Alert(&'static str),
    Table {
        rows: usize,
        columns: usize,
    },
    Code,
    Image,
}

/// A structural element with its list nesting depth (0 outside lists) and where it starts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Block {
    pub kind: BlockKind,
    pub depth: usize,
    pub offset: usize,
}

/// Everything the checks read of one view of a document.
#[derive(Debug, Clone, Default)]
pub struct Outline {
    pub links: Vec<Link>,
    /// Ids a `#fragment` can point at: heading ids computed the DocFX way, `<a name>`, `id=`.
    pub anchors: HashSet<String>,
    pub blocks: Vec<Block>,
}

impl Outline {
    /// The outline of `document`'s translation (`Half::Target`) or English (`Half::Source`).
    pub fn of(document: &Document, half: Half) -> Outline {
        outline(document.view(half))
    }
}

/// The outline of a markdown text.
pub fn outline(markdown: &str) -> Outline {
    let mut out = Outline::default();
    let mut heading_ids = HashSet::new();
    let mut heading: Option<(u8, usize, String)> = None;
    let mut depth = 0usize;
    let mut table: Option<(usize, usize, usize)> = None; // (offset, rows, columns)
    for (event, range) in Parser::new_ext(markdown, markdown::options()).into_offset_iter() {
        match event {
            Event::Start(Tag::Heading { level, .. }) => {
                heading = Some((level as u8, range.start, String::new()));
            }
            Event::End(TagEnd::Heading(_)) => {
                if let Some((level, offset, text)) = heading.take() {
                    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
                    markdown::unique_id(markdown::slug(&text), &mut heading_ids);
                    out.push_block(BlockKind::Heading(level), depth, offset);
                }
            }
            Event::Text(t) | Event::Code(t) => {
                if let Some((_, _, text)) = heading.as_mut() {
                    text.push_str(&t);
                }
            }
            Event::SoftBreak | Event::HardBreak => {
                if let Some((_, _, text)) = heading.as_mut() {
                    text.push(' ');
                }
            }
            Event::Start(Tag::List(_)) => depth += 1,
            Event::End(TagEnd::List(_)) => depth = depth.saturating_sub(1),
            Event::Start(Tag::Item) => {
                let ordered = is_ordered_item(markdown, range.clone());
                out.push_block(BlockKind::Item { ordered }, depth, range.start);
            }
            Event::Start(Tag::BlockQuote(Some(kind))) => {
                out.push_block(
                    BlockKind::Alert(markdown::kind_name(kind)),
                    depth,
                    range.start,
                );
            }
            Event::Start(Tag::CodeBlock(_)) => out.push_block(BlockKind::Code, depth, range.start),
            Event::Start(Tag::Table(alignments)) => {
                table = Some((range.start, 0, alignments.len()));
            }
            Event::Start(Tag::TableHead) | Event::Start(Tag::TableRow) => {
                if let Some((_, rows, _)) = table.as_mut() {
                    *rows += 1;
                }
            }
            Event::End(TagEnd::Table) => {
                if let Some((offset, rows, columns)) = table.take() {
                    out.push_block(BlockKind::Table { rows, columns }, depth, offset);
                }
            }
            Event::Start(Tag::Image { dest_url, .. }) => {
                out.push_block(BlockKind::Image, depth, range.start);
                out.push_link(&dest_url, LinkKind::Image, range.start);
            }
            Event::Start(Tag::Link { dest_url, .. }) => {
                out.push_link(&dest_url, LinkKind::Link, range.start);
            }
            Event::Html(raw) | Event::InlineHtml(raw) => out.read_html(&raw, range.start),
            _ => {}
        }
    }
    out.anchors.extend(heading_ids);
    out
}

impl Outline {
    fn push_block(&mut self, kind: BlockKind, depth: usize, offset: usize) {
        self.blocks.push(Block {
            kind,
            depth,
            offset,
        });
    }

    fn push_link(&mut self, dest: &str, kind: LinkKind, offset: usize) {
        self.links.push(Link {
            dest: dest.to_string(),
            kind,
            offset,
        });
    }

    /// Anchors (`<a name>`, `id=`) and links (`href=`, `src=`) of raw HTML.
    fn read_html(&mut self, raw: &str, offset: usize) {
        for (name, value, at) in attributes(raw) {
            match name.to_ascii_lowercase().as_str() {
                "name" | "id" => {
                    self.anchors.insert(value.to_string());
                }
                "href" | "src" => self.push_link(value, LinkKind::Html, offset + at),
                _ => {}
            }
        }
    }
}

/// `name="value"` pairs of the tags in a piece of raw HTML, with the offset of each name.
fn attributes(raw: &str) -> impl Iterator<Item = (&str, &str, usize)> {
    let mut rest = 0;
    std::iter::from_fn(move || {
        loop {
            let eq = raw[rest..].find('=')? + rest;
            let name_start = raw[..eq]
                .trim_end()
                .rfind(|c: char| !(c.is_ascii_alphanumeric() || c == '-' || c == '_'))
                .map_or(0, |i| i + 1);
            let name = raw[name_start..eq].trim_end();
            let after = raw[eq + 1..].trim_start();
            let value_start = raw.len() - after.len();
            let quote = after.chars().next()?;
            let (value, end) = if quote == '"' || quote == '\'' {
                let close = after[1..].find(quote)?;
                (&after[1..1 + close], value_start + close + 2)
            } else {
                let len = after
                    .find(|c: char| c.is_whitespace() || c == '>')
                    .unwrap_or(after.len());
                (&after[..len], value_start + len)
            };
            rest = end;
            let inside_tag = raw[..name_start].rfind('<') > raw[..name_start].rfind('>');
            if !name.is_empty() && inside_tag {
                return Some((name, value, name_start));
            }
        }
    })
}

/// True when the list item at `range` starts with a number (`1.` or `1)`).
fn is_ordered_item(markdown: &str, range: Range<usize>) -> bool {
    markdown[range]
        .trim_start()
        .starts_with(|c: char| c.is_ascii_digit())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn links_images_and_html_links_with_offsets() {
        let md = "See [a](a.md#x) and ![i](media/i.png).\n\n<a href=\"b.md\">b</a>\n";
        let o = outline(md);
        let found: Vec<(&str, LinkKind, &str)> = o
            .links
            .iter()
            .map(|l| (l.dest.as_str(), l.kind, &md[l.offset..l.offset + 2]))
            .collect();
        assert_eq!(
            found,
            [
                ("a.md#x", LinkKind::Link, "[a"),
                ("media/i.png", LinkKind::Image, "!["),
                ("b.md", LinkKind::Html, "hr"),
            ]
        );
    }

    #[test]
    fn anchors_are_docfx_heading_ids_and_html_names() {
        let o =
            outline("# <a name=\"top\"></a>Stap **één**!\n\n## Stap één\n\n<div id='x'></div>\n");
        let mut anchors: Vec<&str> = o.anchors.iter().map(String::as_str).collect();
        anchors.sort();
        assert_eq!(anchors, ["stap-één", "stap-één-1", "top", "x"]);
    }

    #[test]
    fn blocks_record_lists_alerts_tables_and_code_with_depth() {
        let md = "# T\n\n1. a\n    - b\n\n    > [!NOTE]\n    > n\n2. c\n\n| x | y |\n|---|---|\n| 1 | 2 |\n\n```\ncode\n```\n";
        let kinds: Vec<(BlockKind, usize)> = outline(md)
            .blocks
            .into_iter()
            .map(|b| (b.kind, b.depth))
            .collect();
        assert_eq!(
            kinds,
            [
                (BlockKind::Heading(1), 0),
                (BlockKind::Item { ordered: true }, 1),
                (BlockKind::Item { ordered: false }, 2),
                (BlockKind::Alert("note"), 1),
                (BlockKind::Item { ordered: true }, 1),
                (
                    BlockKind::Table {
                        rows: 2,
                        columns: 2
                    },
                    0
                ),
                (BlockKind::Code, 0),
            ]
        );
    }
}
