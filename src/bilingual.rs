//! English on demand: each sxs segment of a rendered page wrapped in a span that names its
//! segment and carries its English, so the reader can see the source of any sentence.
//!
//! Segments are marked in the markdown view with inline tags `<dgs-N>` … `</dgs-N>` (N the
//! segment's position in the view's list), the markdown is rendered as usual, and the markers
//! are then turned into spans. A marker pair is dropped, never half-kept, when the HTML between
//! its ends is not balanced (a segment spanning blocks), and markers that ended up escaped or
//! inside a tag (code spans, image alt text, raw HTML attributes) are removed: the page always
//! stays well-formed and the markers never show.

use std::ops::Range;

const OPEN: &str = "<dgs-";
const CLOSE: &str = "</dgs-";
const ESCAPED_OPEN: &str = "&lt;dgs-";
const ESCAPED_CLOSE: &str = "&lt;/dgs-";

/// Elements that never have an end tag.
const VOID: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track",
    "wbr",
];

/// `view` with each non-empty range of `segments` enclosed in `<dgs-N>` … `</dgs-N>`, N being
/// the range's position in `segments`. Segments that start a line with something markdown reads
/// as block syntax are left unmarked, so marking never changes the page's structure.
pub fn mark(view: &str, segments: &[Range<usize>]) -> String {
    let mut out = String::with_capacity(view.len() + segments.len() * 16);
    let mut pos = 0;
    for (n, range) in segments.iter().enumerate() {
        let fits = range.start >= pos
            && range.start < range.end
            && range.end <= view.len()
            && view.is_char_boundary(range.start)
            && view.is_char_boundary(range.end);
        if !fits || starts_block(view, range.start) {
            continue;
        }
        out.push_str(&view[pos..range.start]);
        out.push_str(&format!("{OPEN}{n}>"));
        out.push_str(&view[range.clone()]);
        out.push_str(&format!("{CLOSE}{n}>"));
        pos = range.end;
    }
    out.push_str(&view[pos..]);
    out
}

/// Whether the text at `at` begins a line with block syntax (a heading, list, quote, table,
/// fence, indented code or a DocFX construct) that an inline tag in front of it would break.
fn starts_block(view: &str, at: usize) -> bool {
    let line_start = view[..at].rfind('\n').map_or(0, |i| i + 1);
    if !view[line_start..at].trim().is_empty() {
        return false;
    }
    let line = view[at..].lines().next().unwrap_or_default();
    let mut chars = line.chars();
    let first = chars.next().unwrap_or(' ');
    let second = chars.next().unwrap_or(' ');
    let numbered = first.is_ascii_digit()
        && line
            .trim_start_matches(|c: char| c.is_ascii_digit())
            .starts_with(['.', ')']);
    let bullet = matches!(first, '-' | '*' | '+') && second.is_whitespace();
    let heading = first == '#'
        && (line.trim_start_matches('#').starts_with([' ', '\t']) || line.trim() == "#");
    let fence = line.starts_with("```") || line.starts_with("~~~");
    let rule = line.trim().len() >= 3 && line.trim().chars().all(|c| "-*_=".contains(c));
    // DocFX constructs that stand on their own line (`:::image`, `[!INCLUDE]`).
    let docfx = line.starts_with(":::") || line.starts_with("[!");
    matches!(first, '>' | '|' | '<') || numbered || bullet || heading || fence || rule || docfx
}

/// Replaces the markers of rendered HTML: a well-nested pair `<dgs-N>` … `</dgs-N>` becomes
/// `<span ATTRS>` … `</span>` with `ATTRS = attributes(N, inside_link)`; every other marker is
/// removed.
pub fn spans(html: &str, attributes: impl Fn(usize, bool) -> String) -> String {
    let html = strip_escaped(html);
    let tags = tags(&html);
    let mut out = String::with_capacity(html.len() + html.len() / 4);
    let mut pos = 0;
    let mut links = 0usize;
    let mut open: Option<usize> = None;
    for (i, tag) in tags.iter().enumerate() {
        out.push_str(&html[pos..tag.range.start]);
        pos = tag.range.end;
        match &tag.kind {
            Kind::Marker { n, closing: false } => {
                if well_nested(&tags[i + 1..], *n) {
                    out.push_str("<span ");
                    out.push_str(&attributes(*n, links > 0));
                    out.push('>');
                    open = Some(*n);
                }
            }
            Kind::Marker { n, closing: true } => {
                if open == Some(*n) {
                    out.push_str("</span>");
                    open = None;
                }
            }
            Kind::Element { name, closing } => {
                if name == "a" {
                    links = if *closing {
                        links.saturating_sub(1)
                    } else {
                        links + 1
                    };
                }
                out.push_str(&without_markers(&html[tag.range.clone()]));
            }
        }
    }
    out.push_str(&html[pos..]);
    out
}

/// Whether the tags after an opening marker reach `</dgs-n>` with every element opened in
/// between closed again and none closed that was opened before.
fn well_nested(after: &[Tag], n: usize) -> bool {
    let mut depth = 0usize;
    for tag in after {
        match &tag.kind {
            Kind::Marker { n: m, closing } if *m == n => return *closing && depth == 0,
            Kind::Marker { .. } => {}
            Kind::Element {
                closing: false,
                name,
            } if !VOID.contains(&name.as_str()) && !tag.self_closing => depth += 1,
            Kind::Element { closing: true, .. } => match depth.checked_sub(1) {
                Some(d) => depth = d,
                None => return false,
            },
            Kind::Element { .. } => {}
        }
    }
    false
}

/// Removes markers that the renderer escaped into text (code spans, alt text).
fn strip_escaped(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(at) = rest.find("&lt;") {
        out.push_str(&rest[..at]);
        let tail = &rest[at..];
        let marker = [ESCAPED_OPEN, ESCAPED_CLOSE]
            .iter()
            .find_map(|p| marker_number(tail, p, "&gt;"));
        match marker {
            Some((_, len)) => rest = &tail[len..],
            None => {
                out.push_str("&lt;");
                rest = &tail[4..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// Removes raw markers from inside a tag's text (an attribute value of raw HTML).
fn without_markers(tag: &str) -> String {
    let mut out = String::with_capacity(tag.len());
    let mut rest = tag;
    while let Some(at) = rest.find('<') {
        out.push_str(&rest[..at]);
        let tail = &rest[at..];
        match [OPEN, CLOSE]
            .iter()
            .find_map(|p| marker_number(tail, p, ">"))
        {
            Some((_, len)) => rest = &tail[len..],
            _ => {
                out.push('<');
                rest = &tail[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// `(N, length)` when `text` starts with `prefix`, digits and `end`.
fn marker_number(text: &str, prefix: &str, end: &str) -> Option<(usize, usize)> {
    let digits = text.strip_prefix(prefix)?;
    let count = digits.bytes().take_while(u8::is_ascii_digit).count();
    if count == 0 || !digits[count..].starts_with(end) {
        return None;
    }
    let n = digits[..count].parse().ok()?;
    Some((n, prefix.len() + count + end.len()))
}

/// A tag of the HTML: an element's start or end tag, or a marker.
struct Tag {
    range: Range<usize>,
    kind: Kind,
    self_closing: bool,
}

enum Kind {
    Element { name: String, closing: bool },
    Marker { n: usize, closing: bool },
}

/// Every tag of `html` in order; quoted attribute values are skipped over, comments and
/// doctypes ignored.
fn tags(html: &str) -> Vec<Tag> {
    let bytes = html.as_bytes();
    let mut found = Vec::new();
    let mut i = 0;
    while let Some(rel) = html[i..].find('<') {
        let start = i + rel;
        let rest = &html[start..];
        if rest.starts_with("<!--") {
            i = rest.find("-->").map_or(html.len(), |e| start + e + 3);
            continue;
        }
        let closing = rest.starts_with("</");
        let name_start = start + if closing { 2 } else { 1 };
        let name_len = html[name_start..]
            .bytes()
            .take_while(|b| b.is_ascii_alphanumeric() || *b == b'-')
            .count();
        if name_len == 0 || !bytes[name_start].is_ascii_alphabetic() {
            i = start + 1;
            continue;
        }
        let end = tag_end(html, name_start + name_len);
        let name = html[name_start..name_start + name_len].to_ascii_lowercase();
        let kind = match name.strip_prefix("dgs-").map(str::parse::<usize>) {
            Some(Ok(n)) => Kind::Marker { n, closing },
            _ => Kind::Element { name, closing },
        };
        found.push(Tag {
            range: start..end,
            self_closing: html[..end].ends_with("/>"),
            kind,
        });
        i = end;
    }
    found
}

/// The offset just past the `>` that ends a tag whose attributes start at `from`.
fn tag_end(html: &str, from: usize) -> usize {
    let mut quote: Option<u8> = None;
    for (i, b) in html.bytes().enumerate().skip(from) {
        match (quote, b) {
            (Some(q), _) if b == q => quote = None,
            (Some(_), _) => {}
            (None, b'"' | b'\'') => quote = Some(b),
            (None, b'>') => return i + 1,
            (None, _) => {}
        }
    }
    html.len()
}

/// `text` made safe inside a double-quoted HTML attribute.
pub fn escape_attribute(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '"' => out.push_str("&quot;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn render(view: &str, segments: &[Range<usize>]) -> String {
        let html = crate::markdown::to_html(&mark(view, segments), "nl-NL").html;
        spans(&html, |n, link| {
            format!(
                "class=\"seg\" data-n=\"{n}\"{}",
                if link { "" } else { " tabindex=\"0\"" }
            )
        })
    }

    fn range_of(view: &str, needle: &str) -> Range<usize> {
        let start = view.find(needle).unwrap();
        start..start + needle.len()
    }

    #[test]
    fn segments_become_spans_and_markdown_inside_them_still_renders() {
        let view = "# <a name=\"x\"></a>Kop\n\n1. _Eerst_ dit. **Dan** dat.\n";
        let html = render(
            view,
            &[
                range_of(view, "Kop"),
                range_of(view, "_Eerst_ dit."),
                range_of(view, "**Dan** dat."),
            ],
        );
        assert!(html.contains("<span class=\"seg\" data-n=\"0\" tabindex=\"0\">Kop</span>"));
        assert!(html.contains(
            "<li><span class=\"seg\" data-n=\"1\" tabindex=\"0\"><em>Eerst</em> dit.</span>"
        ));
        assert!(html.contains("<strong>Dan</strong> dat.</span>"), "{html}");
        assert!(!html.contains("dgs-"), "{html}");
    }

    #[test]
    fn segments_inside_links_are_not_focusable() {
        let view = "Zie [de handleiding](a.md).\n";
        let html = render(view, &[range_of(view, "de handleiding")]);
        assert!(
            html.contains(
                "<a href=\"a.html\"><span class=\"seg\" data-n=\"0\">de handleiding</span></a>"
            ),
            "{html}"
        );
    }

    #[test]
    fn markers_in_code_alt_text_and_attributes_disappear() {
        let view = "`code` ![alt tekst](i.png) <img alt=\"raw\">\n";
        let html = render(
            view,
            &[
                range_of(view, "code"),
                range_of(view, "alt tekst"),
                range_of(view, "raw"),
            ],
        );
        assert!(!html.contains("dgs-"), "{html}");
        assert!(html.contains("<code>code</code>"), "{html}");
        assert!(html.contains("alt=\"alt tekst\""), "{html}");
        assert!(html.contains("<img alt=\"raw\">"), "{html}");
    }

    #[test]
    fn a_segment_spanning_blocks_is_left_unwrapped() {
        let view = "Een.\n\nTwee.\n";
        let both_paragraphs = 0..view.len() - 1;
        let html = render(view, &[both_paragraphs]);
        assert_eq!(html, "<p>Een.</p>\n<p>Twee.</p>\n");
    }

    #[test]
    fn a_segment_that_starts_a_block_is_not_marked() {
        for view in ["- item\n", "# Kop\n", "> quote\n", "2) twee\n", "```\n"] {
            let line = 0..view.len() - 1;
            assert_eq!(mark(view, &[line]), view);
        }
        let (bold, numbered) = (0..7, 2..6);
        assert_eq!(mark("**Vet**\n", &[bold]), "<dgs-0>**Vet**</dgs-0>\n");
        assert_eq!(mark("x 1. y", &[numbered]), "x <dgs-0>1. y</dgs-0>");
    }

    #[test]
    fn segments_inside_docfx_constructs_become_spans() {
        let view = "> [!NOTE]\n> Eerst dit.\n\n# [Venster](#tab/w)\n\nTab tekst.\n";
        let html = render(
            view,
            &[
                range_of(view, "Eerst dit."),
                range_of(view, "Venster"),
                range_of(view, "Tab tekst."),
            ],
        );
        assert!(html.contains("<p class=\"alert-title\">Opmerking</p>\n<p><span class=\"seg\" data-n=\"0\" tabindex=\"0\">Eerst dit.</span></p>"), "{html}");
        assert!(
            html.contains(
                "aria-selected=\"true\"><span class=\"seg\" data-n=\"1\">Venster</span></a>"
            ),
            "{html}"
        );
        assert!(
            html.contains("<span class=\"seg\" data-n=\"2\" tabindex=\"0\">Tab tekst.</span>"),
            "{html}"
        );
        let whole_line = 0..40;
        assert_eq!(
            mark(
                ":::image source=\"a.png\" alt-text=\"a\":::\n",
                &[whole_line]
            ),
            ":::image source=\"a.png\" alt-text=\"a\":::\n"
        );
    }
}
