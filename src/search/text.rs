//! The text a reader sees in a page's markdown, split into what search weighs differently:
//! headings and body. Markup, link targets, raw HTML tags and code blocks are left out; image
//! alt text is kept. DocFX constructs are read through: the text of alerts, sections, tabs
//! (titles included), shown zones, monikers, columns, complex images' descriptions, `:::no-loc`
//! and `:::image` alt text, and, when the files are given, of included files. Alert titles and
//! code samples are not the reader's text.

use pulldown_cmark::{Event, Parser, Tag, TagEnd};

use crate::markdown::Options;
use crate::markdown::doc::{self, Doc, ItemKind, Piece};
use crate::markdown::{includes, scan};

/// Included files nested deeper than this are not read.
const MAX_INCLUDE_DEPTH: usize = 8;

/// The visible text of one markdown view.
#[derive(Debug, Default, Clone, PartialEq)]
pub struct Fields {
    /// The text of every heading, one heading a line.
    pub headings: String,
    /// Everything else, white space collapsed.
    pub body: String,
}

/// Splits `markdown` into heading and body text; includes are not read.
pub fn fields(markdown: &str) -> Fields {
    fields_in(markdown, &Options::new("", ""))
}

/// Splits `markdown`, the file `options.path`, into heading and body text, with the text of
/// the files it includes read through `options.files`.
pub fn fields_in(markdown: &str, options: &Options) -> Fields {
    let mut reader = Reader {
        options,
        files: vec![options.path.to_string()],
        fields: Fields::default(),
    };
    let doc = scan::parse(markdown, &mut Vec::new());
    reader.doc(&doc);
    let mut fields = reader.fields;
    fields.body = fields.body.split_whitespace().collect::<Vec<_>>().join(" ");
    fields
}

struct Reader<'o> {
    options: &'o Options<'o>,
    /// The chain of files being read: the page, then includes.
    files: Vec<String>,
    fields: Fields,
}

impl Reader<'_> {
    fn doc(&mut self, doc: &Doc) {
        let mut in_heading = false;
        let mut in_code = false;
        for event in Parser::new_ext(doc.text.as_str(), crate::markdown::options()) {
            match event {
                Event::Start(Tag::Heading { .. }) => in_heading = true,
                Event::End(TagEnd::Heading(_)) => {
                    in_heading = false;
                    let line = self.fields.headings.trim_end().len();
                    self.fields.headings.truncate(line);
                    self.fields.headings.push('\n');
                }
                Event::Start(Tag::CodeBlock(_)) => in_code = true,
                Event::End(TagEnd::CodeBlock) => in_code = false,
                Event::Text(_) if in_code => {}
                Event::Text(text) => {
                    for piece in doc::pieces(&text) {
                        match piece {
                            Piece::Text(t) => push_words(self.out(in_heading), t),
                            Piece::Item(k) => self.item(doc, k, in_heading),
                        }
                    }
                }
                Event::Code(text) => push_words(self.out(in_heading), &text),
                Event::Html(html) => match doc::block_item(&html) {
                    Some(k) => self.item(doc, k, false),
                    None => push_words(self.out(in_heading), &without_tags(&html, " ")),
                },
                Event::InlineHtml(html) => self.out(in_heading).push_str(&without_tags(&html, "")),
                Event::SoftBreak | Event::HardBreak | Event::End(_) => {
                    push_words(self.out(in_heading), " ")
                }
                _ => {}
            }
        }
    }

    fn out(&mut self, in_heading: bool) -> &mut String {
        if in_heading {
            &mut self.fields.headings
        } else {
            &mut self.fields.body
        }
    }

    fn item(&mut self, doc: &Doc, k: usize, in_heading: bool) {
        let Some(item) = doc.items.get(k) else {
            return;
        };
        match &item.kind {
            ItemKind::Quote(sections) => {
                for section in sections {
                    self.doc(&section.body);
                }
            }
            ItemKind::Tabs(tabs) => {
                for tab in tabs {
                    self.doc(&tab.title);
                    self.doc(&tab.body);
                }
            }
            ItemKind::Row(body)
            | ItemKind::Column { body, .. }
            | ItemKind::Moniker { body, .. } => self.doc(body),
            ItemKind::Zone { target, body, .. } => {
                if crate::markdown::zone_shown(target.as_deref()) {
                    self.doc(body);
                }
            }
            ItemKind::Image(image) => {
                push_words(self.out(in_heading), &image.alt);
                if let Some(description) = &image.description {
                    self.doc(description);
                }
            }
            ItemKind::NoLoc(text) => push_words(self.out(in_heading), text),
            ItemKind::Include { path, .. } => self.include(path),
            ItemKind::Video { .. } | ItemKind::Code(_) => {}
        }
        push_words(self.out(in_heading), " ");
    }

    /// The text of the included file `path`, as written in the file being read.
    fn include(&mut self, path: &str) {
        let file = self.files.last().cloned().unwrap_or_default();
        let Some(resolved) = includes::resolve(&file, path)
            .ok()
            .or_else(|| includes::below_root(&file, path))
        else {
            return;
        };
        if self.files.contains(&resolved) || self.files.len() > MAX_INCLUDE_DEPTH {
            return;
        }
        let Some(text) = self.options.files.read(&resolved) else {
            return;
        };
        let body = &text[includes::body_start(&text)..];
        let doc = scan::parse(body, &mut Vec::new());
        self.files.push(resolved);
        self.doc(&doc);
        self.files.pop();
    }
}

/// A short excerpt of `body`: its first `max_chars` characters, cut at a space when one is near.
pub fn excerpt(body: &str, max_chars: usize) -> String {
    let Some((cut, _)) = body.char_indices().nth(max_chars) else {
        return body.to_string();
    };
    let head = &body[..cut];
    let near_space = head
        .rfind(' ')
        .filter(|&space| head[space..].chars().count() < 24);
    format!("{}…", head[..near_space.unwrap_or(cut)].trim_end())
}

fn push_words(out: &mut String, text: &str) {
    if text.trim().is_empty() {
        if !out.ends_with(' ') && !out.is_empty() && !out.ends_with('\n') {
            out.push(' ');
        }
    } else {
        out.push_str(text);
    }
}

/// The text between the tags of an HTML fragment, each tag replaced by `gap`.
fn without_tags(html: &str, gap: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' if in_tag => {
                in_tag = false;
                out.push_str(gap);
            }
            _ if !in_tag => out.push(c),
            _ => {}
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::borrow::Cow;

    #[test]
    fn headings_and_body_are_split_and_markup_is_dropped() {
        let fields = fields(
            "# <a name=\"x\"></a>Apparaat **status**\n\nZie [de pagina](https://example.com/a.md) en `code`.\n\n> [!NOTE]\n> Let op <b>dit</b>.\n\n![Een schermafbeelding](media/a.png)\n\n## Stap 2\n",
        );
        assert_eq!(fields.headings, "Apparaat status\nStap 2\n");
        assert_eq!(
            fields.body,
            "Zie de pagina en code. Let op dit. Een schermafbeelding"
        );
    }

    #[test]
    fn docfx_constructs_are_read_through_and_code_is_not() {
        let fields = fields(
            "> [!TIP]\n> Tipp-Text\n\n# [Fenster](#tab/windows)\n\nTab-Text\n\n---\n\n:::image type=\"content\" source=\"a.png\" alt-text=\"Bildtext\":::\n\n::: zone target=\"chromeless\"\nVerborgen\n::: zone-end\n\n::: zone pivot=\"cli\"\nSichtbar :::no-loc text=\"Find\":::\n::: zone-end\n\n```\nCodezeile\n```\n\n:::code source=\"a.cs\":::\n",
        );
        assert_eq!(fields.headings, "");
        assert_eq!(
            fields.body,
            "Tipp-Text Fenster Tab-Text Bildtext Sichtbar Find"
        );
    }

    #[test]
    fn included_text_is_read_when_the_files_are_given() {
        struct One;
        impl crate::markdown::Files for One {
            fn read(&self, path: &str) -> Option<Cow<'_, str>> {
                (path == "includes/x.md").then_some(Cow::Borrowed(
                    "---\ntitle: t\n---\nAus der Datei [!INCLUDE[again](x.md)]\n",
                ))
            }
        }
        let options = Options {
            files: &One,
            ..Options::new("de", "a.md")
        };
        let fields = fields_in("Vorher\n\n[!INCLUDE[x](includes/x.md)]\n", &options);
        assert_eq!(fields.body, "Vorher Aus der Datei");
    }

    #[test]
    fn excerpts_cut_at_a_space_near_the_limit() {
        assert_eq!(excerpt("kort", 10), "kort");
        assert_eq!(excerpt("een twee drie vier", 10), "een twee…");
        assert_eq!(excerpt("デバイスの登録について", 5), "デバイスの…");
    }
}
