//! Markdown inline markup as XLIFF 2.0 inline codes, and back.
//!
//! A segment's markdown is cut into text and markup, byte for byte: bold, italic, strikethrough,
//! links and images become paired codes `<pc>` around their text; inline code, HTML, autolinks,
//! line breaks and any other markup (a list marker, a `> ` prefix, the blank line between two
//! blocks) become placeholders `<ph/>`. Each code's markdown is kept in the unit's
//! `<originalData>` and referenced with `dataRef` (`dataRefStart`, `dataRefEnd` for `<pc>`),
//! which is how Okapi and other CAT tools write codes they must give back unchanged. Reading a
//! target back puts the referenced markdown in place of each code, so an unedited unit gives
//! back exactly the bytes it was made of.

use std::collections::HashMap;
use std::fmt::Write as _;
use std::ops::Range;

use pulldown_cmark::{Event, LinkType, Parser, Tag, TagEnd};

/// A piece of inline markdown, as byte ranges of the text it was cut from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Inline {
    Text(Range<usize>),
    Placeholder(Range<usize>, Kind),
    Paired {
        open: Range<usize>,
        close: Range<usize>,
        kind: Kind,
        children: Vec<Inline>,
    },
}

/// What a code stands for: its XLIFF `type` and `subType`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    Bold,
    Italic,
    Struck,
    Link,
    Image,
    Break,
    Other,
}

impl Kind {
    fn attributes(self) -> &'static str {
        match self {
            Kind::Bold => " type=\"fmt\" subType=\"xlf:b\"",
            Kind::Italic => " type=\"fmt\" subType=\"xlf:i\"",
            Kind::Struck => " type=\"fmt\"",
            Kind::Link => " type=\"link\"",
            Kind::Image => " type=\"image\"",
            Kind::Break => " type=\"fmt\" subType=\"xlf:lb\"",
            Kind::Other => "",
        }
    }
}

/// A container being read: its kind, where it starts, and where its delimiter ends once its
/// first child is seen.
struct Frame {
    kind: Kind,
    range: Range<usize>,
    open_end: Option<usize>,
    children: Vec<Inline>,
}

/// Cuts `markdown` into text and codes. Every byte belongs to exactly one piece, in order.
pub(crate) fn parse(markdown: &str) -> Vec<Inline> {
    let mut top: Vec<Inline> = Vec::new();
    let mut stack: Vec<Frame> = Vec::new();
    let mut pos = 0;
    // Inside an autolink, whose text is part of its placeholder.
    let mut skip_until: Option<usize> = None;
    for (event, range) in Parser::new_ext(markdown, crate::markdown::options()).into_offset_iter() {
        if skip_until.is_some_and(|end| range.start < end) {
            continue;
        }
        skip_until = None;
        if range.end <= pos && !matches!(event, Event::End(_)) {
            continue;
        }
        // The first child of a container ends its opening delimiter.
        if let Some(frame) = stack.last_mut().filter(|f| f.open_end.is_none())
            && !matches!(event, Event::End(_))
        {
            let end = range.start.max(pos);
            frame.open_end = Some(end);
            pos = end;
        }
        let kind = match &event {
            Event::Start(Tag::Strong) => Some(Kind::Bold),
            Event::Start(Tag::Emphasis) => Some(Kind::Italic),
            Event::Start(Tag::Strikethrough) => Some(Kind::Struck),
            Event::Start(Tag::Image { .. }) => Some(Kind::Image),
            Event::Start(Tag::Link { link_type, .. })
                if !matches!(link_type, LinkType::Autolink | LinkType::Email) =>
            {
                Some(Kind::Link)
            }
            _ => None,
        };
        match event {
            Event::Start(_) if kind.is_some() => {
                gap(
                    markdown,
                    &mut pos,
                    range.start,
                    children(&mut top, &mut stack),
                );
                stack.push(Frame {
                    kind: kind.expect("matched"),
                    range,
                    open_end: None,
                    children: Vec::new(),
                });
            }
            Event::Start(Tag::Link { .. }) => {
                // An autolink: one placeholder, its text included.
                leaf(markdown, &mut pos, &range, &mut top, &mut stack, |r| {
                    Inline::Placeholder(r, Kind::Link)
                });
                skip_until = Some(range.end);
            }
            Event::End(
                TagEnd::Strong
                | TagEnd::Emphasis
                | TagEnd::Strikethrough
                | TagEnd::Image
                | TagEnd::Link,
            ) => {
                let Some(frame) = stack.pop() else { continue };
                let piece = match frame.open_end {
                    Some(open_end) if pos <= frame.range.end => Inline::Paired {
                        open: frame.range.start..open_end,
                        close: pos..frame.range.end,
                        kind: frame.kind,
                        children: frame.children,
                    },
                    _ => {
                        Inline::Placeholder(frame.range.start..frame.range.end.max(pos), frame.kind)
                    }
                };
                pos = frame.range.end.max(pos);
                push(children(&mut top, &mut stack), piece);
            }
            Event::Text(_) => leaf(
                markdown,
                &mut pos,
                &range,
                &mut top,
                &mut stack,
                Inline::Text,
            ),
            Event::SoftBreak | Event::HardBreak => {
                leaf(markdown, &mut pos, &range, &mut top, &mut stack, |r| {
                    Inline::Placeholder(r, Kind::Break)
                })
            }
            Event::Start(_) | Event::End(_) => {}
            _ => leaf(markdown, &mut pos, &range, &mut top, &mut stack, |r| {
                Inline::Placeholder(r, Kind::Other)
            }),
        }
    }
    // Containers left open (there should be none) keep their bytes as one placeholder.
    while let Some(frame) = stack.pop() {
        let end = frame.range.end.max(pos);
        push(
            children(&mut top, &mut stack),
            Inline::Placeholder(frame.range.start..end, frame.kind),
        );
        pos = end;
    }
    gap(markdown, &mut pos, markdown.len(), &mut top);
    top
}

/// Adds a piece that has no children, after the markup before it.
fn leaf(
    markdown: &str,
    pos: &mut usize,
    range: &Range<usize>,
    top: &mut Vec<Inline>,
    stack: &mut [Frame],
    piece: impl FnOnce(Range<usize>) -> Inline,
) {
    let into = children(top, stack);
    gap(markdown, pos, range.start, into);
    push(into, piece(*pos..range.end));
    *pos = range.end;
}

fn children<'a>(top: &'a mut Vec<Inline>, stack: &'a mut [Frame]) -> &'a mut Vec<Inline> {
    match stack.last_mut() {
        Some(frame) => &mut frame.children,
        None => top,
    }
}

/// Bytes between two events: spaces stay text; anything else is markup, a placeholder.
fn gap(markdown: &str, pos: &mut usize, to: usize, into: &mut Vec<Inline>) {
    if to <= *pos {
        return;
    }
    let piece = if markdown[*pos..to].chars().all(|c| c == ' ' || c == '\t') {
        Inline::Text(*pos..to)
    } else {
        Inline::Placeholder(*pos..to, Kind::Other)
    };
    push(into, piece);
    *pos = to;
}

/// Appends a piece, joining it to the previous one when both are text or both placeholders.
fn push(into: &mut Vec<Inline>, piece: Inline) {
    match (into.last_mut(), &piece) {
        (Some(Inline::Text(last)), Inline::Text(next)) if last.end == next.start => {
            last.end = next.end;
        }
        (Some(Inline::Placeholder(last, Kind::Other)), Inline::Placeholder(next, Kind::Other))
            if last.end == next.start =>
        {
            last.end = next.end;
        }
        _ => into.push(piece),
    }
}

/// The codes of one unit: the markdown each stands for (`<originalData>`) and the ids its
/// source gave them, which its target reuses for the same markup.
#[derive(Debug, Default)]
pub(crate) struct Codes {
    /// Markdown of each `<data>`, its id being `d` and its index plus one.
    data: Vec<String>,
    /// (code id, data refs) of the source's codes, for the target to match.
    source: Vec<(usize, Vec<usize>)>,
    next_id: usize,
}

impl Codes {
    fn data_ref(&mut self, markdown: &str) -> usize {
        match self.data.iter().position(|d| d == markdown) {
            Some(i) => i,
            None => {
                self.data.push(markdown.to_string());
                self.data.len() - 1
            }
        }
    }

    /// The XLIFF inline content of a `<source>`.
    pub(crate) fn source(&mut self, markdown: &str) -> String {
        let mut out = String::new();
        self.write(markdown, &parse(markdown), &mut out, &mut None);
        out
    }

    /// The XLIFF inline content of a `<target>`: codes with the same markup as one of the
    /// source's take its id, in order; others get new ids.
    pub(crate) fn target(&mut self, markdown: &str) -> String {
        let mut out = String::new();
        let mut unused = Some(self.source.clone());
        self.write(markdown, &parse(markdown), &mut out, &mut unused);
        out
    }

    /// `<originalData>` with every code's markdown, or nothing when there are no codes.
    pub(crate) fn original_data(&self, indent: &str) -> String {
        if self.data.is_empty() {
            return String::new();
        }
        let mut out = format!("{indent}<originalData>\n");
        for (i, markdown) in self.data.iter().enumerate() {
            let _ = writeln!(
                out,
                "{indent}  <data id=\"d{}\">{}</data>",
                i + 1,
                content(markdown)
            );
        }
        let _ = writeln!(out, "{indent}</originalData>");
        out
    }

    /// Writes pieces; `unused` is `None` for a source (ids are new and recorded), else the
    /// source's codes not yet matched.
    fn write(
        &mut self,
        markdown: &str,
        pieces: &[Inline],
        out: &mut String,
        unused: &mut Option<Vec<(usize, Vec<usize>)>>,
    ) {
        for piece in pieces {
            match piece {
                Inline::Text(range) => out.push_str(&content(&markdown[range.clone()])),
                Inline::Placeholder(range, kind) => {
                    let code = &markdown[range.clone()];
                    let data = self.data_ref(code);
                    let id = self.id(vec![data], unused);
                    let disp = if code.contains('\n') || code.trim().is_empty() {
                        String::new()
                    } else {
                        format!(" disp=\"{}\"", super::super::xml::escape(code, true))
                    };
                    let _ = write!(
                        out,
                        "<ph id=\"{id}\" dataRef=\"d{}\"{}{disp}/>",
                        data + 1,
                        kind.attributes()
                    );
                }
                Inline::Paired {
                    open,
                    close,
                    kind,
                    children,
                } => {
                    let start = self.data_ref(&markdown[open.clone()]);
                    let end = self.data_ref(&markdown[close.clone()]);
                    let id = self.id(vec![start, end], unused);
                    let _ = write!(
                        out,
                        "<pc id=\"{id}\" dataRefStart=\"d{}\" dataRefEnd=\"d{}\"{}>",
                        start + 1,
                        end + 1,
                        kind.attributes()
                    );
                    self.write(markdown, children, out, unused);
                    out.push_str("</pc>");
                }
            }
        }
    }

    fn id(&mut self, refs: Vec<usize>, unused: &mut Option<Vec<(usize, Vec<usize>)>>) -> usize {
        if let Some(unused) = unused
            && let Some(at) = unused.iter().position(|(_, r)| *r == refs)
        {
            return unused.remove(at).0;
        }
        self.next_id += 1;
        if unused.is_none() {
            self.source.push((self.next_id, refs));
        }
        self.next_id
    }
}

/// Text as XLIFF element content: escaped, and characters XML 1.0 cannot carry as `<cp>`.
pub(crate) fn content(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\u{0}'..='\u{8}'
            | '\u{B}'
            | '\u{C}'
            | '\u{E}'..='\u{1F}'
            | '\u{FFFE}'
            | '\u{FFFF}' => {
                let _ = write!(out, "<cp hex=\"{:04X}\"/>", c as u32);
            }
            c => out.push_str(&super::super::xml::escape(
                c.encode_utf8(&mut [0; 4]),
                false,
            )),
        }
    }
    out
}

/// A piece of a `<source>` or `<target>` as read: text, or a code with its data references.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Token {
    Text(String),
    /// A placeholder, a start or end code, or either end of a paired code: the id of the code
    /// and the `<data>` it refers to, if it names one.
    Code {
        id: String,
        data: Option<String>,
    },
}

/// Puts back the markdown of every code; the ids of codes whose data is unknown are returned
/// as the error.
pub(crate) fn markdown(
    tokens: &[Token],
    data: &HashMap<String, String>,
) -> Result<String, Vec<String>> {
    let mut out = String::new();
    let mut unknown = Vec::new();
    for token in tokens {
        match token {
            Token::Text(text) => out.push_str(text),
            Token::Code {
                id,
                data: reference,
            } => match reference.as_ref().and_then(|r| data.get(r)) {
                Some(markdown) => out.push_str(markdown),
                None => unknown.push(id.clone()),
            },
        }
    }
    if unknown.is_empty() {
        Ok(out)
    } else {
        Err(unknown)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The pieces as (kind, markdown) pairs, containers as their delimiters around children.
    fn shape(markdown: &str) -> String {
        fn walk(markdown: &str, pieces: &[Inline], out: &mut String) {
            for piece in pieces {
                match piece {
                    Inline::Text(r) => out.push_str(&markdown[r.clone()]),
                    Inline::Placeholder(r, _) => {
                        let _ = write!(out, "{{{}}}", &markdown[r.clone()]);
                    }
                    Inline::Paired {
                        open,
                        close,
                        children,
                        ..
                    } => {
                        let _ = write!(out, "<{}>", &markdown[open.clone()]);
                        walk(markdown, children, out);
                        let _ = write!(out, "</{}>", &markdown[close.clone()]);
                    }
                }
            }
        }
        let mut out = String::new();
        walk(markdown, &parse(markdown), &mut out);
        out
    }

    #[test]
    fn cuts_markup_into_codes() {
        assert_eq!(
            shape("Zie **[dit](https://a.example \"t\")** en `cmd /x` <br/> *nu*"),
            "Zie <**><[>dit</](https://a.example \"t\")></**> en {`cmd /x`} {<br/>} <*>nu</*>"
        );
        assert_eq!(
            shape("Ga naar <https://a.example>."),
            "Ga naar {<https://a.example>}."
        );
        assert_eq!(shape("![Alt tekst](a.png)"), "<![>Alt tekst</](a.png)>");
        assert_eq!(shape("een\n> twee"), "een{\n> }twee");
        assert_eq!(
            shape("Alinea een.\n\nAlinea twee."),
            "Alinea een.{\n\n}Alinea twee."
        );
        assert_eq!(shape(" vrij \\*niet vet\\* "), " vrij {\\}*niet vet{\\}* ");
        assert_eq!(shape(""), "");
    }

    #[test]
    fn targets_reuse_the_ids_of_the_same_markup() {
        let mut codes = Codes::default();
        let source = codes.source("See [doc](https://a.example) and `cmd`.");
        let target = codes.target("`cmd` en [dok](https://a.example) **nieuw**.");
        assert_eq!(
            source,
            "See <pc id=\"1\" dataRefStart=\"d1\" dataRefEnd=\"d2\" type=\"link\">doc</pc> and <ph id=\"2\" dataRef=\"d3\" disp=\"`cmd`\"/>."
        );
        assert_eq!(
            target,
            "<ph id=\"2\" dataRef=\"d3\" disp=\"`cmd`\"/> en <pc id=\"1\" dataRefStart=\"d1\" dataRefEnd=\"d2\" type=\"link\">dok</pc> <pc id=\"3\" dataRefStart=\"d4\" dataRefEnd=\"d4\" type=\"fmt\" subType=\"xlf:b\">nieuw</pc>."
        );
        assert_eq!(
            codes.original_data(""),
            "<originalData>\n  <data id=\"d1\">[</data>\n  <data id=\"d2\">](https://a.example)</data>\n  <data id=\"d3\">`cmd`</data>\n  <data id=\"d4\">**</data>\n</originalData>\n"
        );
    }

    #[test]
    fn markdown_comes_back_from_tokens() {
        let data = HashMap::from([("d1".to_string(), "**".to_string())]);
        let tokens = [
            Token::Code {
                id: "1".into(),
                data: Some("d1".into()),
            },
            Token::Text("Gem".into()),
            Token::Code {
                id: "1".into(),
                data: Some("d1".into()),
            },
        ];
        assert_eq!(markdown(&tokens, &data), Ok("**Gem**".to_string()));
        let lost = [Token::Code {
            id: "7".into(),
            data: None,
        }];
        assert_eq!(markdown(&lost, &data), Err(vec!["7".to_string()]));
    }

    #[test]
    fn invalid_xml_characters_become_code_points() {
        assert_eq!(
            content("a\u{1}<b>&\t"),
            "a<cp hex=\"0001\"/>&lt;b&gt;&amp;\t"
        );
    }

    mod properties {
        use super::*;
        use proptest::prelude::*;

        fn flatten(markdown: &str, pieces: &[Inline], out: &mut String) {
            for piece in pieces {
                match piece {
                    Inline::Text(r) | Inline::Placeholder(r, _) => {
                        out.push_str(&markdown[r.clone()])
                    }
                    Inline::Paired {
                        open,
                        close,
                        children,
                        ..
                    } => {
                        out.push_str(&markdown[open.clone()]);
                        flatten(markdown, children, out);
                        out.push_str(&markdown[close.clone()]);
                    }
                }
            }
        }

        proptest! {
            #[test]
            fn every_byte_is_kept_in_order(markdown in r"[a-zæ *_`\[\]()<>!#\\\n>|-]{0,40}") {
                let mut out = String::new();
                flatten(&markdown, &parse(&markdown), &mut out);
                prop_assert_eq!(out, markdown);
            }
        }
    }
}
