//! The block scanner: finds DocFX's constructs in a markdown text, line by line, the way
//! DocFX's Markdig extensions open them, and returns a [`Doc`].
//!
//! It follows just enough of CommonMark to leave code alone: fenced code, indented code (four
//! columns past the list item the line belongs to) and code spans are never scanned. A quote
//! is taken apart only when it holds a DocFX marker (`[!NOTE]`, `[!div]`, `[!VIDEO]`) or a
//! `:::` construct; other quotes are left to pulldown-cmark. Tab groups are formed last, over
//! the lines and constructs of one level.

use super::Problem;
use super::attributes;
use super::doc::{self, Doc, Item, ItemKind};
use super::mapped::{Builder, Mapped};
use super::{alerts, code, image, includes, tabs, video, zones};
use crate::code::Code;

/// Quotes and containers nested deeper than this are left as they are.
const MAX_DEPTH: usize = 24;

/// Where a text sits: how deep in constructs, and whether inside a zone (zones do not nest).
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct Scope {
    pub depth: usize,
    pub in_zone: bool,
}

impl Scope {
    fn inner(self) -> Scope {
        Scope {
            depth: self.depth + 1,
            ..self
        }
    }
}

/// Parses a whole view.
pub(crate) fn parse<'a>(view: &'a str, problems: &mut Vec<Problem>) -> Doc<'a> {
    if !might_hold_constructs(view) {
        return Doc {
            text: Mapped::view(view),
            items: Vec::new(),
        };
    }
    parse_mapped(&Mapped::view(view), Scope::default(), problems)
}

/// Whether `text` could hold any construct at all: most pages hold none, and are not copied.
fn might_hold_constructs(text: &str) -> bool {
    text.contains(":::") || text.contains("[!") || text.contains("#tab/")
}

/// Parses `src`, a text of some level.
pub(crate) fn parse_mapped(
    src: &Mapped,
    scope: Scope,
    problems: &mut Vec<Problem>,
) -> Doc<'static> {
    let lines = lines(src.as_str());
    let mut scanner = Scanner {
        src,
        lines: &lines,
        scope,
        problems,
    };
    let units = scanner.units();
    let problems = scanner.problems;
    let units = tabs::group(units, src, &lines, scope, problems);
    emit(src, &lines, units, problems)
}

/// A line of a text: `start..end` without its line break, `next` where the next line starts.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Line {
    pub start: usize,
    pub end: usize,
    pub next: usize,
}

pub(crate) fn lines(text: &str) -> Vec<Line> {
    let mut lines = Vec::with_capacity(text.len() / 40 + 1);
    let mut start = 0;
    while start < text.len() {
        let (end, next) = match text[start..].find('\n') {
            Some(i) => (start + i, start + i + 1),
            None => (text.len(), text.len()),
        };
        let end = if text[start..end].ends_with('\r') {
            end - 1
        } else {
            end
        };
        lines.push(Line { start, end, next });
        start = next;
    }
    lines
}

/// What a line is, for what may follow it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum LineKind {
    Blank,
    /// Inside fenced or indented code, or a fence: never scanned.
    Code,
    /// Paragraph text (a setext underline may follow).
    Text,
    /// A heading, a rule, raw HTML: not paragraph text.
    Other,
}

/// A line kept as it is, or a block construct standing for some lines.
#[derive(Debug)]
pub(crate) enum Unit {
    Line { index: usize, kind: LineKind },
    Block { first: usize, item: Item },
}

struct Scanner<'s, 'a> {
    src: &'s Mapped<'a>,
    lines: &'s [Line],
    scope: Scope,
    problems: &'s mut Vec<Problem>,
}

/// An open fence: its character, length and indentation.
#[derive(Debug, Clone, Copy)]
struct Fence {
    ch: u8,
    len: usize,
}

impl<'s> Scanner<'s, '_> {
    fn text(&self, i: usize) -> &'s str {
        let line = self.lines[i];
        let src: &'s Mapped = self.src;
        &src.as_str()[line.start..line.end]
    }

    fn problem(&mut self, code: Code, at: usize, message: String) {
        let offset = self.src.view_offset(at);
        self.problems.push(Problem::new(code, offset, message));
    }

    fn units(&mut self) -> Vec<Unit> {
        /// Takes line `i` as one unit of `kind`, and moves on.
        fn take_line(units: &mut Vec<Unit>, prev: &mut LineKind, i: &mut usize, kind: LineKind) {
            units.push(Unit::Line { index: *i, kind });
            *prev = kind;
            *i += 1;
        }

        let mut units = Vec::with_capacity(self.lines.len());
        let mut fence: Option<Fence> = None;
        let mut lists: Vec<usize> = Vec::new();
        let mut prev = LineKind::Blank;
        let mut i = 0;
        while i < self.lines.len() {
            let line = self.text(i);
            if let Some(open) = fence {
                if closes_fence(line, open) {
                    fence = None;
                }
                take_line(&mut units, &mut prev, &mut i, LineKind::Code);
                continue;
            }
            if line.trim().is_empty() {
                take_line(&mut units, &mut prev, &mut i, LineKind::Blank);
                continue;
            }
            let indent = indentation(line);
            if prev == LineKind::Blank {
                while lists.last().is_some_and(|&c| indent < c) {
                    lists.pop();
                }
            }
            let base = lists.last().copied().unwrap_or(0);
            if indent >= base + 4 && matches!(prev, LineKind::Blank | LineKind::Code) {
                take_line(&mut units, &mut prev, &mut i, LineKind::Code);
                continue;
            }
            let content = line.trim_start();
            let content_at = self.lines[i].start + (line.len() - content.len());
            if let Some(open) = opens_fence(content) {
                fence = Some(open);
                take_line(&mut units, &mut prev, &mut i, LineKind::Code);
                continue;
            }
            let construct = if self.scope.depth >= MAX_DEPTH {
                None
            } else {
                match content.as_bytes()[0] {
                    b'>' => match self.quote(i) {
                        Quote::Plain(code) => {
                            let count = code.len();
                            for (k, code) in code.into_iter().enumerate() {
                                let kind = if code { LineKind::Code } else { LineKind::Text };
                                units.push(Unit::Line { index: i + k, kind });
                            }
                            prev = LineKind::Text;
                            i += count;
                            continue;
                        }
                        Quote::Construct(item, next) => Some((item, next)),
                    },
                    b':' => self.colon_block(i, content, content_at),
                    b'[' => self.bracket_block(i, content, content_at),
                    _ => None,
                }
            };
            if let Some((item, next)) = construct {
                units.push(Unit::Block { first: i, item });
                prev = LineKind::Other;
                i = next;
                continue;
            }
            if let Some(width) = list_marker(content) {
                while lists.last().is_some_and(|&c| c > indent) {
                    lists.pop();
                }
                lists.push(indent + width);
            }
            let kind = if is_heading(content) || is_rule(content) || content.starts_with('<') {
                LineKind::Other
            } else {
                LineKind::Text
            };
            take_line(&mut units, &mut prev, &mut i, kind);
        }
        units
    }

    /// The quote starting at line `first`: its lines, and the construct it becomes when it holds
    /// DocFX markup.
    fn quote(&mut self, first: usize) -> Quote {
        let mut quoted = Vec::new(); // (line, whether it has its own `>`, whether in code)
        let mut inner_fence: Option<Fence> = None;
        let mut dfm = false;
        let mut paragraph = false;
        let mut i = first;
        while i < self.lines.len() {
            let line = self.text(i);
            let content = line.trim_start();
            let own = content.starts_with('>');
            if !own {
                let lazy = paragraph
                    && inner_fence.is_none()
                    && !content.is_empty()
                    && !starts_block(content);
                if !lazy {
                    break;
                }
            }
            let inner = content.trim_start_matches(['>', ' ', '\t']);
            let code = inner_fence.is_some() || opens_fence(inner).is_some();
            if let Some(fence) = inner_fence {
                if closes_fence(inner, fence) {
                    inner_fence = None;
                }
                paragraph = false;
            } else if let Some(fence) = opens_fence(inner) {
                inner_fence = Some(fence);
                paragraph = false;
            } else {
                if inner.starts_with("[!") || inner.starts_with(":::") {
                    dfm = true;
                }
                paragraph = !inner.is_empty()
                    && !alerts::is_marker_line(inner)
                    && !is_heading(inner)
                    && !is_rule(inner);
            }
            quoted.push((i, own, code));
            i += 1;
        }
        if !dfm {
            return Quote::Plain(quoted.iter().map(|&(_, _, code)| code).collect());
        }
        let src = self.src;
        let mut inner = Builder::with_capacity(quoted.len() * 60);
        for &(index, own, _) in &quoted {
            let line = self.lines[index];
            let text = &src.as_str()[line.start..line.next];
            let from = if own {
                let marker = text.find('>').unwrap_or(0);
                let after = marker + 1;
                let skip = usize::from(text[after..].starts_with([' ', '\t']));
                line.start + after + skip
            } else {
                line.start
            };
            inner.copy(src, from..line.next);
            if line.next == line.end {
                inner.insert("\n", src.view_offset(line.end));
            }
        }
        let inner = inner.finish();
        let start = self.lines[first].start
            + (self.text(first).len() - self.text(first).trim_start().len());
        let sections = alerts::sections(&inner, self.scope.inner(), self.problems);
        let item = Item {
            offset: src.view_offset(start),
            kind: ItemKind::Quote(sections),
        };
        Quote::Construct(item, i)
    }

    /// A `:::name` line that opens a block construct.
    fn colon_block(&mut self, i: usize, content: &str, at: usize) -> Option<(Item, usize)> {
        let head = colon_head(content)?;
        let offset = self.src.view_offset(at);
        let rest = &content[head.rest..];
        match head.name.as_str() {
            "row" | "column" => {
                let span = if head.name == "column" {
                    column_attributes(rest)?
                } else {
                    if !rest.trim_start().starts_with(":::") {
                        return None;
                    }
                    None
                };
                let (body, next) = self.container(i, &head, true);
                let kind = if head.name == "row" {
                    ItemKind::Row(body)
                } else {
                    ItemKind::Column { span, body }
                };
                Some((Item { offset, kind }, next))
            }
            "zone" | "moniker" => {
                let attrs = match attributes::parse(rest, None) {
                    Ok((attrs, _)) => attrs,
                    Err(message) => {
                        self.problem(
                            Code::DfmSyntax,
                            at,
                            format!("`::: {}`: {message}", head.name),
                        );
                        return None;
                    }
                };
                if head.name == "zone" {
                    if self.scope.in_zone {
                        self.problem(
                            Code::DfmSyntax,
                            at,
                            "zones cannot be nested: this `::: zone` is shown as text".to_string(),
                        );
                        return None;
                    }
                    let (pivots, target) = match zones::zone(&attrs) {
                        Ok(zone) => zone,
                        Err(message) => {
                            self.problem(Code::DfmSyntax, at, format!("`::: zone`: {message}"));
                            return None;
                        }
                    };
                    let scope = Scope {
                        in_zone: true,
                        ..self.scope
                    };
                    let (body, next) = self.container_in(i, &head, false, scope);
                    let kind = ItemKind::Zone {
                        pivots,
                        target,
                        body,
                    };
                    Some((Item { offset, kind }, next))
                } else {
                    let range = match zones::moniker(&attrs) {
                        Ok(range) => range,
                        Err(message) => {
                            self.problem(Code::DfmSyntax, at, format!("`::: moniker`: {message}"));
                            return None;
                        }
                    };
                    let (body, next) = self.container(i, &head, false);
                    Some((
                        Item {
                            offset,
                            kind: ItemKind::Moniker { range, body },
                        },
                        next,
                    ))
                }
            }
            "image" => {
                let (attrs, end) = attributes::parse(rest, Some(":::")).ok()?;
                if attrs.get("type") != Some("complex") || !rest[end..].trim().is_empty() {
                    return None;
                }
                let mut image = match image::from_attributes(&attrs) {
                    Ok(image) => image,
                    Err(message) => {
                        self.problem(Code::DfmSyntax, at, format!("`:::image`: {message}"));
                        return None;
                    }
                };
                let (body, next) = self.container(i, &head, false);
                image.description = Some(body);
                Some((
                    Item {
                        offset,
                        kind: ItemKind::Image(image),
                    },
                    next,
                ))
            }
            "code" => {
                let parsed = attributes::parse(rest, Some(":::"))
                    .and_then(|(attrs, end)| {
                        if rest[end..].trim().is_empty() {
                            Ok(attrs)
                        } else {
                            Err("text follows the closing `:::`".to_string())
                        }
                    })
                    .and_then(|attrs| code::from_attributes(&attrs));
                match parsed {
                    Ok(snippet) => Some((
                        Item {
                            offset,
                            kind: ItemKind::Code(snippet),
                        },
                        i + 1,
                    )),
                    Err(message) => {
                        self.problem(Code::DfmSyntax, at, format!("`:::code`: {message}"));
                        None
                    }
                }
            }
            _ => None,
        }
    }

    /// `[!INCLUDE[...](...)]` or `[!code-lang[...](...)]` alone on a line.
    fn bracket_block(&mut self, i: usize, content: &str, at: usize) -> Option<(Item, usize)> {
        let offset = self.src.view_offset(at);
        if let Some((end, title, path)) = includes::syntax(content)
            && content[end..].trim().is_empty()
        {
            let kind = ItemKind::Include {
                path,
                title,
                block: true,
            };
            return Some((Item { offset, kind }, i + 1));
        }
        let snippet = code::snippet_syntax(content.trim_end())?;
        Some((
            Item {
                offset,
                kind: ItemKind::Code(snippet),
            },
            i + 1,
        ))
    }

    fn container(
        &mut self,
        open: usize,
        head: &ColonHead,
        dedent_all: bool,
    ) -> (Doc<'static>, usize) {
        self.container_in(open, head, dedent_all, self.scope)
    }

    /// The body of the container opened at line `open`, up to its end line, parsed; and the line
    /// after the end. `dedent_all` takes off the body's common indentation (rows and columns
    /// are written indented), else only the opener's.
    fn container_in(
        &mut self,
        open: usize,
        head: &ColonHead,
        dedent_all: bool,
        scope: Scope,
    ) -> (Doc<'static>, usize) {
        let end = self.find_end(open, head);
        let body_end = end.unwrap_or(self.lines.len());
        if end.is_none() {
            let at = self.lines[open].start + indentation_bytes(self.text(open));
            let closing = if head.closing_colons {
                format!("{}{}-end:::", ":".repeat(head.colons), head.name)
            } else {
                format!("::: {}-end", head.name)
            };
            self.problem(
                Code::DfmSyntax,
                at,
                format!("`{}` is never closed: add `{closing}`", head.name),
            );
        }
        let body_lines = open + 1..body_end;
        let dedent = if dedent_all {
            body_lines
                .clone()
                .filter(|&j| !self.text(j).trim().is_empty())
                .map(|j| indentation_bytes(self.text(j)))
                .min()
                .unwrap_or(0)
        } else {
            indentation_bytes(self.text(open))
        };
        let mut body = Builder::default();
        for j in body_lines {
            let line = self.lines[j];
            let text = self.text(j);
            let skip = indentation_bytes(text).min(dedent);
            body.copy(self.src, line.start + skip..line.next);
            if line.next == line.end {
                body.insert("\n", self.src.view_offset(line.end));
            }
        }
        let doc = parse_mapped(&body.finish(), scope.inner(), self.problems);
        (doc, end.map_or(self.lines.len(), |e| e + 1))
    }

    /// The line that ends the container opened at `open`.
    fn find_end(&self, open: usize, head: &ColonHead) -> Option<usize> {
        let mut fence = None;
        for j in open + 1..self.lines.len() {
            let content = self.text(j).trim();
            if let Some(f) = fence {
                if closes_fence(content, f) {
                    fence = None;
                }
                continue;
            }
            if let Some(f) = opens_fence(content) {
                fence = Some(f);
                continue;
            }
            if is_end(content, head) {
                return Some(j);
            }
        }
        None
    }
}

enum Quote {
    /// A quote without DocFX markup: for each of its lines, whether it is code.
    Plain(Vec<bool>),
    Construct(Item, usize),
}

/// The start of a `:::name` line.
#[derive(Debug)]
pub(crate) struct ColonHead {
    pub colons: usize,
    pub name: String,
    /// Where what follows the name starts.
    pub rest: usize,
    /// Whether the end line is written `:::name-end:::` (rows, columns, images) rather than
    /// `::: name-end`.
    pub closing_colons: bool,
}

pub(crate) fn colon_head(content: &str) -> Option<ColonHead> {
    let colons = content.bytes().take_while(|&b| b == b':').count();
    if colons < 3 {
        return None;
    }
    let after = content[colons..].trim_start_matches([' ', '\t']);
    let name_start = content.len() - after.len();
    let len = after
        .bytes()
        .take_while(|b| b.is_ascii_alphanumeric() || *b == b'-')
        .count();
    if len == 0 || !after.as_bytes()[0].is_ascii_alphabetic() {
        return None;
    }
    let name = after[..len].to_ascii_lowercase();
    let closing_colons = matches!(name.as_str(), "row" | "column" | "image");
    Some(ColonHead {
        colons,
        name,
        rest: name_start + len,
        closing_colons,
    })
}

/// Whether `content` (a trimmed line) ends the container `head` opened.
fn is_end(content: &str, head: &ColonHead) -> bool {
    let Some(end) = colon_head(content) else {
        return false;
    };
    if end.name != format!("{}-end", head.name) {
        return false;
    }
    let rest = content[end.rest..].trim();
    if head.closing_colons {
        end.colons == head.colons && (rest == ":::" || rest.starts_with(":::"))
    } else {
        rest.is_empty()
    }
}

/// `span="n"` of a `:::column ...:::` line, `None` inside when there is none; `None` outside
/// when the line is not a column.
fn column_attributes(rest: &str) -> Option<Option<String>> {
    let (attrs, end) = attributes::parse(rest, Some(":::")).ok()?;
    if !rest[end..].trim().is_empty() || attrs.unknown(&["span"]).is_some() {
        return None;
    }
    Some(attrs.get("span").map(str::to_string))
}

/// Turns units into a [`Doc`]: lines are copied (inline constructs replaced), block constructs
/// become placeholder lines.
pub(crate) fn emit(
    src: &Mapped,
    lines: &[Line],
    units: Vec<Unit>,
    problems: &mut Vec<Problem>,
) -> Doc<'static> {
    let mut out = Builder::with_capacity(src.as_str().len() + 64);
    let mut items = Vec::new();
    for unit in units {
        match unit {
            Unit::Line { index, kind } => {
                let line = lines[index];
                if kind == LineKind::Code || kind == LineKind::Blank {
                    out.copy(src, line.start..line.next);
                } else {
                    inline_constructs(src, line.start..line.next, &mut out, &mut items, problems);
                }
                if line.next == line.end && !out.ends_with_newline() {
                    out.insert("\n", src.view_offset(line.end));
                }
            }
            Unit::Block { first, item } => {
                let line = lines[first];
                let text = &src.as_str()[line.start..line.end];
                let indent = indentation_bytes(text);
                if !out.ends_with_newline() {
                    out.insert("\n", item.offset);
                }
                out.copy(src, line.start..line.start + indent);
                out.insert(&doc::block_placeholder(items.len()), item.offset);
                out.insert("\n", item.offset);
                items.push(item);
            }
        }
    }
    Doc {
        text: out.finish(),
        items,
    }
}

/// Copies `src[range]`, one line, replacing `:::image`, `:::video`, `:::no-loc` and inline
/// `[!INCLUDE]` by placeholders; code spans are left alone.
fn inline_constructs(
    src: &Mapped,
    range: std::ops::Range<usize>,
    out: &mut Builder,
    items: &mut Vec<Item>,
    problems: &mut Vec<Problem>,
) {
    let text = &src.as_str()[range.clone()];
    if !(text.contains(":::") || text.contains("[!")) {
        out.copy(src, range);
        return;
    }
    let bytes = text.as_bytes();
    let mut copied = 0;
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'`' => {
                let run = bytes[i..].iter().take_while(|&&b| b == b'`').count();
                let fence = &text[i..i + run];
                i += run;
                if let Some(close) = find_run(&text[i..], fence) {
                    i += close + run;
                }
            }
            b'\\' => i += 2,
            b':' | b'[' => {
                let at = range.start + i;
                match inline_construct(&text[i..], src.view_offset(at)) {
                    Some(Ok((len, item))) => {
                        out.copy(src, range.start + copied..at);
                        out.insert(&doc::inline_placeholder(items.len()), item.offset);
                        items.push(item);
                        i += len;
                        copied = i;
                    }
                    Some(Err(message)) => {
                        problems.push(Problem::new(Code::DfmSyntax, src.view_offset(at), message));
                        i += 1;
                    }
                    None => i += 1,
                }
            }
            _ => i += 1,
        }
    }
    out.copy(src, range.start + copied.min(text.len())..range.end);
}

/// The offset of the first run of backticks in `text` exactly as long as `fence`.
fn find_run(text: &str, fence: &str) -> Option<usize> {
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'`' {
            let run = bytes[i..].iter().take_while(|&&b| b == b'`').count();
            if run == fence.len() {
                return Some(i);
            }
            i += run;
        } else {
            i += 1;
        }
    }
    None
}

/// An inline construct at the start of `text`: its length and item; an error for a construct
/// whose syntax is wrong; `None` for anything else.
fn inline_construct(text: &str, offset: usize) -> Option<Result<(usize, Item), String>> {
    let item = |len: usize, kind: ItemKind| Ok((len, Item { offset, kind }));
    if text.starts_with('[') {
        let (len, title, path) = includes::syntax(text)?;
        return Some(item(
            len,
            ItemKind::Include {
                path,
                title,
                block: false,
            },
        ));
    }
    if let Some(rest) = text.strip_prefix(":::no-loc text=\"") {
        let mut value = String::new();
        let mut chars = rest.char_indices();
        while let Some((i, c)) = chars.next() {
            match c {
                '\\' => value.extend(chars.next().map(|(_, c)| c)),
                '"' => {
                    return rest[i + 1..].starts_with(":::").then(|| {
                        let len = ":::no-loc text=\"".len() + i + 1 + 3;
                        item(len, ItemKind::NoLoc(value))
                    });
                }
                _ => value.push(c),
            }
        }
        return None;
    }
    let head = colon_head(text).filter(|h| h.colons == 3 && text.as_bytes()[3] != b' ')?;
    if head.name != "image" && head.name != "video" {
        return None;
    }
    let rest = &text[head.rest..];
    let (attrs, end) = match attributes::parse(rest, Some(":::")) {
        Ok(found) => found,
        Err(message) => return Some(Err(format!("`:::{}`: {message}", head.name))),
    };
    let len = head.rest + end;
    let kind = if head.name == "image" {
        if attrs.get("type") == Some("complex") {
            return Some(Err(
                "`:::image type=\"complex\"` must stand on its own line and end with `:::image-end:::`"
                    .to_string(),
            ));
        }
        image::from_attributes(&attrs).map(ItemKind::Image)
    } else {
        video::from_attributes(&attrs)
    };
    Some(match kind {
        Ok(kind) => item(len, kind),
        Err(message) => Err(format!("`:::{}`: {message}", head.name)),
    })
}

/// Leading white space in columns, a tab reaching the next multiple of four.
pub(crate) fn indentation(line: &str) -> usize {
    let mut columns = 0;
    for b in line.bytes() {
        match b {
            b' ' => columns += 1,
            b'\t' => columns += 4 - columns % 4,
            _ => break,
        }
    }
    columns
}

/// Leading white space in bytes.
pub(crate) fn indentation_bytes(line: &str) -> usize {
    line.len() - line.trim_start_matches([' ', '\t']).len()
}

/// The fence a (trimmed) line opens: three or more backticks or tildes.
fn opens_fence(content: &str) -> Option<Fence> {
    let ch = *content.as_bytes().first()?;
    if ch != b'`' && ch != b'~' {
        return None;
    }
    let len = content.bytes().take_while(|&b| b == ch).count();
    if len < 3 || (ch == b'`' && content[len..].contains('`')) {
        return None;
    }
    Some(Fence { ch, len })
}

fn closes_fence(line: &str, fence: Fence) -> bool {
    let content = line.trim();
    let len = content.bytes().take_while(|&b| b == fence.ch).count();
    len >= fence.len && len == content.len()
}

/// The width of a list marker and the space after it, when `content` starts a list item.
fn list_marker(content: &str) -> Option<usize> {
    let bytes = content.as_bytes();
    let marker = match bytes.first()? {
        b'-' | b'*' | b'+' => 1,
        b'0'..=b'9' => {
            let digits = bytes.iter().take_while(|b| b.is_ascii_digit()).count();
            if digits > 9 || !matches!(bytes.get(digits), Some(b'.' | b')')) {
                return None;
            }
            digits + 1
        }
        _ => return None,
    };
    let spaces = bytes[marker..].iter().take_while(|&&b| b == b' ').count();
    match bytes.get(marker) {
        None => Some(marker + 1),
        Some(b' ' | b'\t') if spaces <= 4 => Some(marker + spaces.max(1)),
        Some(b' ' | b'\t') => Some(marker + 1),
        _ => None,
    }
}

/// An ATX heading's level, when `content` (a trimmed line) is one.
pub(crate) fn heading_level(content: &str) -> Option<usize> {
    let level = content.bytes().take_while(|&b| b == b'#').count();
    let after = content.as_bytes().get(level);
    ((1..=6).contains(&level) && matches!(after, None | Some(b' ' | b'\t'))).then_some(level)
}

fn is_heading(content: &str) -> bool {
    heading_level(content).is_some()
}

/// A thematic break: three or more `-`, `*` or `_`, spaces between allowed.
pub(crate) fn is_rule(content: &str) -> bool {
    let Some(&first) = content.as_bytes().first() else {
        return false;
    };
    if !matches!(first, b'-' | b'*' | b'_') {
        return false;
    }
    let mut count = 0;
    for b in content.trim_end().bytes() {
        if b == first {
            count += 1;
        } else if b != b' ' && b != b'\t' {
            return false;
        }
    }
    count >= 3
}

/// Whether a (trimmed) line would start a block of its own rather than continue a quote's
/// paragraph lazily. Any list marker counts: in docs it starts the next item of the list the
/// quote sits in.
fn starts_block(content: &str) -> bool {
    is_heading(content)
        || is_rule(content)
        || opens_fence(content).is_some()
        || content.starts_with("[!")
        || content.starts_with(":::")
        || list_marker(content).is_some()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parsed(text: &str) -> (Doc<'_>, Vec<Problem>) {
        let mut problems = Vec::new();
        let doc = parse(text, &mut problems);
        (doc, problems)
    }

    #[test]
    fn a_page_without_constructs_is_not_copied() {
        let (doc, _) = parsed("# T\n\n> quote\n");
        assert!(matches!(doc.text.text, std::borrow::Cow::Borrowed(_)));
        assert!(doc.items.is_empty());
    }

    #[test]
    fn constructs_in_code_are_left_alone() {
        let text = "```\n:::row:::\n> [!NOTE]\n```\n\n    :::image source=\"a.png\" alt-text=\"a\":::\n\n`:::no-loc text=\"x\":::`\n";
        let (doc, problems) = parsed(text);
        assert!(doc.items.is_empty(), "{:?}", doc.items);
        assert!(problems.is_empty());
        assert_eq!(doc.text.as_str(), text);
    }

    #[test]
    fn block_constructs_become_placeholders_inside_list_items() {
        let text = "1. Step\n\n   > [!NOTE]\n   > Careful.\n\n2. Next\n";
        let (doc, _) = parsed(text);
        assert_eq!(doc.items.len(), 1);
        assert_eq!(doc.text.as_str(), "1. Step\n\n   <!--dfm:0-->\n\n2. Next\n");
        assert_eq!(doc.items[0].offset, text.find('>').unwrap());
    }

    #[test]
    fn indented_columns_are_containers_not_code() {
        let text = ":::row:::\n    :::column span=\"2\":::\n        ### Title\n        Text.\n    :::column-end:::\n:::row-end:::\nAfter\n";
        let (doc, problems) = parsed(text);
        assert!(problems.is_empty(), "{problems:?}");
        let ItemKind::Row(row) = &doc.items[0].kind else {
            panic!("{:?}", doc.items)
        };
        let ItemKind::Column { span, body } = &row.items[0].kind else {
            panic!("{:?}", row.items)
        };
        assert_eq!(span.as_deref(), Some("2"));
        assert_eq!(body.text.as_str(), "### Title\nText.\n");
        assert_eq!(body.text.view_offset(0), text.find("###").unwrap());
        assert!(doc.text.as_str().ends_with("After\n"));
    }

    #[test]
    fn unclosed_containers_and_bad_zones_are_problems() {
        let (_, problems) = parsed("::: zone pivot=\"a\"\ntext\n");
        assert_eq!(problems.len(), 1);
        assert!(problems[0].message.contains("never closed"), "{problems:?}");
        let (doc, problems) = parsed("::: zone pivot=\"a b\"\n::: zone-end\n");
        assert!(doc.items.is_empty());
        assert_eq!(problems.len(), 1);
        let (doc, problems) =
            parsed("::: zone target=\"docs\"\n::: zone pivot=\"x\"\n::: zone-end\n");
        assert_eq!(doc.items.len(), 1);
        assert!(problems[0].message.contains("nested"), "{problems:?}");
    }

    #[test]
    fn code_in_a_plain_quote_is_left_alone() {
        let text = "> ```\n> a :::no-loc text=\"x\":::\n> ```\n> b :::no-loc text=\"y\":::\n";
        let (doc, _) = parsed(text);
        assert_eq!(doc.items.len(), 1);
        assert!(
            doc.text
                .as_str()
                .starts_with("> ```\n> a :::no-loc text=\"x\":::\n")
        );
    }

    #[test]
    fn inline_constructs_become_inline_placeholders() {
        let text =
            "Use :::image type=\"icon\" source=\"a.svg\"::: and :::no-loc text=\"Find\":::.\n";
        let (doc, _) = parsed(text);
        assert_eq!(doc.items.len(), 2);
        assert_eq!(doc.items[1].offset, text.find(":::no-loc").unwrap());
        let ItemKind::NoLoc(word) = &doc.items[1].kind else {
            panic!()
        };
        assert_eq!(word, "Find");
        assert_eq!(
            doc.text.as_str(),
            "Use \u{E000}0\u{E001} and \u{E000}1\u{E001}.\n"
        );
    }
}
