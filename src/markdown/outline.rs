//! The outline of one view of a document: its links, the anchors a fragment can point at, and
//! its block structure, DocFX constructs included. Made from the same parse the renderer uses
//! (so heading ids are the page's), once per view, and shared by every check.
//!
//! What it sees through: `:::image` images are image links and image blocks; `[!INCLUDE]` and
//! code samples are file references ([`LinkKind::Include`], [`LinkKind::Code`]); tabs, zones,
//! monikers, `[!div]` sections, alerts and code blocks are blocks; links to `#tab/...` select a
//! tab and are not fragment links. Links inside an included file are not the view's: the
//! included file is outlined on its own, so each is checked once, at its own line.

use std::collections::HashSet;
use std::ops::Range;

use pulldown_cmark::{Event, Parser, Tag, TagEnd};

use super::doc::{self, Doc, ItemKind, Piece, SectionKind};
use super::{headings, scan};
use crate::parse::{Document, Half};

/// How a link was written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LinkKind {
    /// `[text](dest)`, `<dest>` or a reference link.
    Link,
    /// `![alt](src)` or `:::image source=`.
    Image,
    /// `href` or `src` of raw HTML.
    Html,
    /// The file of an `[!INCLUDE[...](path)]`.
    Include,
    /// The file of a `:::code source=` or `[!code-lang[...](path)]`.
    Code,
    /// A cross-reference: `<xref:uid>` or `[text](xref:uid)`, its `dest` being `xref:uid`.
    Xref,
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
    /// Fenced or indented code, or a code sample from a file.
    Code,
    Image,
    /// A tab of a tab group, by id (`a`, `a+b`, `id/condition`).
    Tab(String),
    /// A zone, by its pivots (`a b`) or its target.
    Zone(String),
    /// A moniker range.
    Moniker(String),
    /// A `[!div]` section, by its class.
    Section(String),
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
    let doc = scan::parse(markdown, &mut Vec::new());
    let mut walker = Walker {
        out: Outline::default(),
        ids: HashSet::new(),
    };
    walker.doc(&doc, 0);
    let Walker { mut out, ids } = walker;
    out.anchors.extend(ids);
    out
}

struct Walker {
    out: Outline,
    ids: HashSet<String>,
}

impl Walker {
    /// Reads `doc`, whose lists start at depth `base`.
    fn doc(&mut self, doc: &Doc, base: usize) {
        let text = doc.text.as_str();
        let at = |offset: usize| doc.text.view_offset(offset);
        let mut depth = base;
        let mut heading: Option<(u8, usize, Vec<Event>)> = None;
        let mut table: Option<(usize, usize, usize)> = None; // (offset, rows, columns)
        for (event, range) in Parser::new_ext(text, super::options()).into_offset_iter() {
            if let Some((_, _, events)) = heading.as_mut()
                && !matches!(event, Event::End(TagEnd::Heading(_)))
            {
                events.push(event.clone());
            }
            match event {
                Event::Start(Tag::Heading { level, .. }) => {
                    heading = Some((level as u8, at(range.start), Vec::new()));
                }
                Event::End(TagEnd::Heading(_)) => {
                    if let Some((level, offset, events)) = heading.take() {
                        self.heading_id(&events, doc);
                        self.push_block(BlockKind::Heading(level), depth, offset);
                    }
                }
                Event::Start(Tag::List(_)) => depth += 1,
                Event::End(TagEnd::List(_)) => depth = depth.saturating_sub(1),
                Event::Start(Tag::Item) => {
                    let ordered = is_ordered_item(text, range.clone());
                    self.push_block(BlockKind::Item { ordered }, depth, at(range.start));
                }
                Event::Start(Tag::BlockQuote(Some(kind))) => {
                    let name = super::alert_name(&format!("{kind:?}")).unwrap_or("note");
                    self.push_block(BlockKind::Alert(name), depth, at(range.start));
                }
                Event::Start(Tag::CodeBlock(_)) => {
                    self.push_block(BlockKind::Code, depth, at(range.start))
                }
                Event::Start(Tag::Table(alignments)) => {
                    table = Some((at(range.start), 0, alignments.len()));
                }
                Event::Start(Tag::TableHead) | Event::Start(Tag::TableRow) => {
                    if let Some((_, rows, _)) = table.as_mut() {
                        *rows += 1;
                    }
                }
                Event::End(TagEnd::Table) => {
                    if let Some((offset, rows, columns)) = table.take() {
                        self.push_block(BlockKind::Table { rows, columns }, depth, offset);
                    }
                }
                Event::Start(Tag::Image { dest_url, .. }) => {
                    self.push_block(BlockKind::Image, depth, at(range.start));
                    self.push_link(&dest_url, LinkKind::Image, at(range.start));
                }
                Event::Start(Tag::Link { dest_url, .. }) => {
                    self.push_link(&dest_url, LinkKind::Link, at(range.start));
                }
                Event::Html(raw) | Event::InlineHtml(raw) => match doc::block_item(&raw) {
                    Some(k) => self.item(doc, k, depth),
                    None => self.read_html(&raw, range.start, doc),
                },
                Event::Text(t) if doc::has_inline(&t) => {
                    for piece in doc::pieces(&t) {
                        if let Piece::Item(k) = piece {
                            self.item(doc, k, depth);
                        }
                    }
                }
                _ => {}
            }
        }
    }

    /// Records the id of a heading whose inline events are `events`.
    fn heading_id(&mut self, events: &[Event], doc: &Doc) {
        if let Some((_, _, name)) = headings::first_anchor(events) {
            self.ids.insert(name.to_string());
            return;
        }
        let mut text = String::new();
        for event in events {
            match event {
                Event::Text(t) => {
                    for piece in doc::pieces(t) {
                        match piece {
                            Piece::Text(t) => text.push_str(t),
                            Piece::Item(k) => {
                                if let Some(ItemKind::NoLoc(word)) =
                                    doc.items.get(k).map(|i| &i.kind)
                                {
                                    text.push_str(word);
                                }
                            }
                        }
                    }
                }
                Event::Code(t) => text.push_str(t),
                Event::SoftBreak | Event::HardBreak => text.push(' '),
                _ => {}
            }
        }
        let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
        headings::unique_id(headings::slug(&text), &mut self.ids);
    }

    /// The blocks and links of construct `k` of `doc`, at list depth `depth`.
    fn item(&mut self, doc: &Doc, k: usize, depth: usize) {
        let Some(item) = doc.items.get(k) else {
            return;
        };
        let offset = item.offset;
        match &item.kind {
            ItemKind::Quote(sections) => {
                for section in sections {
                    match &section.kind {
                        SectionKind::Quote => {}
                        SectionKind::Alert(alert) => {
                            self.push_block(BlockKind::Alert(alert.name()), depth, section.offset)
                        }
                        SectionKind::Div(attrs) => {
                            let class = attrs.get("class").unwrap_or_default().to_string();
                            self.push_block(BlockKind::Section(class), depth, section.offset);
                        }
                        SectionKind::Video(url) => {
                            self.push_link(url, LinkKind::Link, section.offset)
                        }
                    }
                    self.doc(&section.body, depth);
                }
            }
            ItemKind::Tabs(tabs) => {
                for tab in tabs {
                    let id = match &tab.condition {
                        Some(c) => format!("{}/{c}", tab.id),
                        None => tab.id.clone(),
                    };
                    self.push_block(BlockKind::Tab(id), depth, tab.offset);
                    self.doc(&tab.title, depth);
                    self.doc(&tab.body, depth);
                }
            }
            ItemKind::Row(body) | ItemKind::Column { body, .. } => self.doc(body, depth),
            ItemKind::Zone {
                pivots,
                target,
                body,
            } => {
                let name = if pivots.is_empty() {
                    target.clone().unwrap_or_default()
                } else {
                    pivots.join(" ")
                };
                self.push_block(BlockKind::Zone(name), depth, offset);
                self.doc(body, depth);
            }
            ItemKind::Moniker { range, body } => {
                self.push_block(BlockKind::Moniker(range.clone()), depth, offset);
                self.doc(body, depth);
            }
            ItemKind::Image(image) => {
                self.push_block(BlockKind::Image, depth, offset);
                self.push_link(&image.source, LinkKind::Image, offset);
                if let Some(full) = &image.lightbox {
                    self.push_link(full, LinkKind::Image, offset);
                }
                if let Some(link) = &image.link {
                    self.push_link(link, LinkKind::Link, offset);
                }
                if let Some(description) = &image.description {
                    self.doc(description, depth);
                }
            }
            ItemKind::Video { source, .. } => self.push_link(source, LinkKind::Link, offset),
            ItemKind::NoLoc(_) => {}
            ItemKind::Include { path, .. } => self.push_link(path, LinkKind::Include, offset),
            ItemKind::Code(snippet) => {
                self.push_block(BlockKind::Code, depth, offset);
                self.push_link(&snippet.path, LinkKind::Code, offset);
            }
        }
    }

    fn push_block(&mut self, kind: BlockKind, depth: usize, offset: usize) {
        self.out.blocks.push(Block {
            kind,
            depth,
            offset,
        });
    }

    fn push_link(&mut self, dest: &str, kind: LinkKind, offset: usize) {
        if dest.starts_with("#tab/") {
            return;
        }
        let kind = if kind == LinkKind::Link && dest.starts_with("xref:") {
            LinkKind::Xref
        } else {
            kind
        };
        self.out.links.push(Link {
            dest: dest.to_string(),
            kind,
            offset,
        });
    }

    /// Anchors (`<a name>`, `id=`) and links (`href=`, `src=`) of raw HTML at `at` of `doc`.
    fn read_html(&mut self, raw: &str, at: usize, doc: &Doc) {
        for (name, value, offset) in attributes(raw) {
            match name.to_ascii_lowercase().as_str() {
                "name" | "id" => {
                    self.out.anchors.insert(value.to_string());
                }
                "href" | "src" => {
                    let offset = doc.text.view_offset(at + offset);
                    self.push_link(value, LinkKind::Html, offset);
                }
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
        let o = outline(
            "# <a name=\"top\"></a>Stap **één**!\n\n## Stap één\n\n## Stap één\n\n<div id='x'></div>\n",
        );
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

    #[test]
    fn docfx_constructs_are_links_and_blocks() {
        let md = "# [Windows](#tab/windows)\n\n:::image type=\"content\" source=\"media/a.png\" alt-text=\"A\":::\n\n[!INCLUDE[x](includes/x.md)]\n\n# [Linux](#tab/linux)\n\n> [!div class=\"nextstepaction\"]\n> [Next](next.md)\n\n---\n\n::: zone pivot=\"cli\"\n:::code language=\"xml\" source=\"samples/a.xml\":::\n::: zone-end\n\n[Pick](#tab/linux)\n";
        let o = outline(md);
        let links: Vec<(&str, LinkKind, usize)> = o
            .links
            .iter()
            .map(|l| {
                (
                    l.dest.as_str(),
                    l.kind,
                    md[..l.offset].matches('\n').count() + 1,
                )
            })
            .collect();
        assert_eq!(
            links,
            [
                ("media/a.png", LinkKind::Image, 3),
                ("includes/x.md", LinkKind::Include, 5),
                ("next.md", LinkKind::Link, 10),
                ("samples/a.xml", LinkKind::Code, 15),
            ]
        );
        let kinds: Vec<BlockKind> = o.blocks.into_iter().map(|b| b.kind).collect();
        assert_eq!(
            kinds,
            [
                BlockKind::Tab("windows".into()),
                BlockKind::Image,
                BlockKind::Tab("linux".into()),
                BlockKind::Section("nextstepaction".into()),
                BlockKind::Zone("cli".into()),
                BlockKind::Code,
            ]
        );
    }
}
