//! The text a reader sees in a page's markdown, split into what search weighs differently:
//! headings and body. Markup, link targets, raw HTML tags and DocFX `[!NOTE]`-style markers are
//! left out; image alt text is kept.

use pulldown_cmark::{Event, Parser, Tag, TagEnd};

/// The visible text of one markdown view.
#[derive(Debug, Default, Clone, PartialEq)]
pub struct Fields {
    /// The text of every heading, one heading a line.
    pub headings: String,
    /// Everything else, white space collapsed.
    pub body: String,
}

/// Splits `markdown` into heading and body text.
pub fn fields(markdown: &str) -> Fields {
    let mut fields = Fields::default();
    let mut in_heading = false;
    for event in Parser::new_ext(markdown, crate::markdown::options()) {
        let out = if in_heading {
            &mut fields.headings
        } else {
            &mut fields.body
        };
        match event {
            Event::Start(Tag::Heading { .. }) => in_heading = true,
            Event::End(TagEnd::Heading(_)) => {
                in_heading = false;
                let line = fields.headings.trim_end().len();
                fields.headings.truncate(line);
                fields.headings.push('\n');
            }
            Event::Text(text) | Event::Code(text) => push_words(out, &without_markers(&text)),
            Event::Html(html) => push_words(out, &without_tags(&html, " ")),
            Event::InlineHtml(html) => out.push_str(&without_tags(&html, "")),
            Event::SoftBreak | Event::HardBreak | Event::End(_) => push_words(out, " "),
            _ => {}
        }
    }
    fields.body = fields.body.split_whitespace().collect::<Vec<_>>().join(" ");
    fields
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

/// Text with DocFX markers such as `[!NOTE]` and `[!INCLUDE` removed.
fn without_markers(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find("[!") {
        out.push_str(&rest[..at]);
        let after = &rest[at + 2..];
        let word = after.len()
            - after
                .trim_start_matches(|c: char| c.is_ascii_alphabetic())
                .len();
        if word == 0 {
            out.push_str("[!");
            rest = after;
        } else {
            rest = after[word..].strip_prefix(']').unwrap_or(&after[word..]);
        }
    }
    out.push_str(rest);
    out
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
    fn docfx_markers_are_not_text() {
        assert_eq!(without_markers(">[!Note] Let op"), "> Let op");
        assert_eq!(
            without_markers("[!INCLUDE [a](b.md)] x [!"),
            " [a](b.md)] x [!"
        );
    }

    #[test]
    fn excerpts_cut_at_a_space_near_the_limit() {
        assert_eq!(excerpt("kort", 10), "kort");
        assert_eq!(excerpt("een twee drie vier", 10), "een twee…");
        assert_eq!(excerpt("デバイスの登録について", 5), "デバイスの…");
    }
}
