//! The raw HTML of a markdown view, start tag by start tag, each read the way a browser reads it
//! (html5ever's tokenizer: entities decoded, names in lower case, script and style content
//! skipped) with its offset in the view; and the DocFX videos of the view, which become frames.

use std::cell::RefCell;

use html5ever::tendril::StrTendril;
use html5ever::tokenizer::states::RawKind;
use html5ever::tokenizer::{
    BufferQueue, TagKind, Token, TokenSink, TokenSinkResult, Tokenizer, TokenizerOpts,
};
use pulldown_cmark::{Event, Parser, Tag, TagEnd};

/// A start tag of raw HTML.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct StartTag {
    /// Byte offset of its `<` in the view.
    pub offset: usize,
    /// Lower case.
    pub name: String,
    /// Names in lower case, values decoded.
    pub attributes: Vec<(String, String)>,
}

/// A DocFX video of the view: the URL its frame shows, and where it is written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Video {
    pub offset: usize,
    pub url: String,
}

/// One stretch of raw HTML: an HTML block (its lines joined) or one inline tag, with where each
/// of its pieces starts in the stretch and in the view.
#[derive(Default)]
struct Stretch {
    text: String,
    pieces: Vec<(usize, usize)>,
}

impl Stretch {
    fn push(&mut self, text: &str, view_offset: usize) {
        self.pieces.push((self.text.len(), view_offset));
        self.text.push_str(text);
    }

    /// The view offset of byte `at` of the stretch.
    fn view_offset(&self, at: usize) -> usize {
        let piece = self.pieces.partition_point(|(start, _)| *start <= at);
        let (start, view) = self.pieces[piece.saturating_sub(1)];
        view + (at - start)
    }
}

/// The start tags of the raw HTML of `markdown` (a view of a document), and its videos.
pub fn scan(markdown: &str) -> (Vec<StartTag>, Vec<Video>) {
    let mut stretches: Vec<Stretch> = Vec::new();
    let mut block: Option<Stretch> = None;
    let mut code: Vec<std::ops::Range<usize>> = Vec::new();
    for (event, range) in Parser::new_ext(markdown, crate::markdown::options()).into_offset_iter() {
        match event {
            Event::Start(Tag::HtmlBlock) => block = Some(Stretch::default()),
            Event::End(TagEnd::HtmlBlock) => stretches.extend(block.take()),
            Event::Html(html) => match &mut block {
                Some(stretch) => stretch.push(&html, range.start),
                None => {
                    let mut stretch = Stretch::default();
                    stretch.push(&html, range.start);
                    stretches.push(stretch);
                }
            },
            Event::InlineHtml(html) => {
                let mut stretch = Stretch::default();
                stretch.push(&html, range.start);
                stretches.push(stretch);
            }
            Event::Start(Tag::CodeBlock(_)) | Event::Code(_) => code.push(range),
            _ => {}
        }
    }
    let tags = stretches
        .iter()
        .flat_map(|stretch| {
            let mut tags = start_tags(&stretch.text);
            locate(&stretch.text, &mut tags);
            for tag in &mut tags {
                tag.offset = stretch.view_offset(tag.offset);
            }
            tags
        })
        .collect();
    let videos = videos(markdown)
        .into_iter()
        .filter(|v| !code.iter().any(|c| c.contains(&v.offset)))
        .collect();
    (tags, videos)
}

/// The DocFX videos of `markdown`: `[!VIDEO url]` lines (also inside quotes) and
/// `:::video source="url" …:::`.
fn videos(markdown: &str) -> Vec<Video> {
    let mut found = Vec::new();
    let mut line_start = 0;
    for line in markdown.split_inclusive('\n') {
        let body = line.trim_start_matches(['>', ' ', '\t']);
        let at = line_start + line.len() - body.len();
        let body = body.trim_end();
        if let Some(url) =
            strip_prefix_ignoring_case(body, "[!VIDEO").and_then(|r| r.strip_suffix(']'))
        {
            found.push(Video {
                offset: at,
                url: url.trim().to_string(),
            });
        } else if let Some(rest) = strip_prefix_ignoring_case(body, ":::video")
            && let Some(value) = rest.split("source=\"").nth(1)
        {
            found.push(Video {
                offset: at,
                url: value.split('"').next().unwrap_or_default().to_string(),
            });
        }
        line_start += line.len();
    }
    found
}

fn strip_prefix_ignoring_case<'t>(text: &'t str, prefix: &str) -> Option<&'t str> {
    let head = text.get(..prefix.len())?;
    head.eq_ignore_ascii_case(prefix)
        .then(|| &text[prefix.len()..])
}

/// The start tags html5ever reads in `html`, in order (their offsets not yet known).
fn start_tags(html: &str) -> Vec<StartTag> {
    let sink = Sink::default();
    let tokenizer = Tokenizer::new(sink, TokenizerOpts::default());
    let input = BufferQueue::default();
    input.push_back(StrTendril::from(html));
    let _ = tokenizer.feed(&input);
    tokenizer.end();
    tokenizer.sink.tags.take()
}

#[derive(Default)]
struct Sink {
    tags: RefCell<Vec<StartTag>>,
}

impl TokenSink for Sink {
    type Handle = ();

    fn process_token(&self, token: Token, _line: u64) -> TokenSinkResult<()> {
        let Token::TagToken(tag) = token else {
            return TokenSinkResult::Continue;
        };
        if tag.kind != TagKind::StartTag {
            return TokenSinkResult::Continue;
        }
        let name = tag.name.to_string();
        let attributes = tag
            .attrs
            .iter()
            .map(|a| (a.name.local.to_string(), a.value.to_string()))
            .collect();
        self.tags.borrow_mut().push(StartTag {
            offset: 0,
            name: name.clone(),
            attributes,
        });
        // What a browser reads as text after these start tags, the tokenizer must too.
        match name.as_str() {
            "script" => TokenSinkResult::RawData(RawKind::ScriptData),
            "style" | "iframe" | "xmp" | "noembed" | "noframes" | "noscript" => {
                TokenSinkResult::RawData(RawKind::Rawtext)
            }
            "textarea" | "title" => TokenSinkResult::RawData(RawKind::Rcdata),
            "plaintext" => TokenSinkResult::Plaintext,
            _ => TokenSinkResult::Continue,
        }
    }
}

/// Sets the offset of each tag to where it starts in `html`: the next `<name` (any letter
/// case) after the previous tag.
fn locate(html: &str, tags: &mut [StartTag]) {
    let lower = html.to_ascii_lowercase();
    let mut from = 0;
    for tag in tags {
        let needle = format!("<{}", tag.name);
        tag.offset = lower[from..]
            .match_indices(&needle)
            .map(|(i, _)| from + i)
            .find(|&i| {
                lower[i + needle.len()..]
                    .bytes()
                    .next()
                    .is_none_or(|b| !b.is_ascii_alphanumeric() && b != b'-')
            })
            .unwrap_or(from);
        from = (tag.offset + 1).min(html.len());
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(markdown: &str) -> Vec<(usize, String)> {
        scan(markdown)
            .0
            .into_iter()
            .map(|t| (t.offset, t.name))
            .collect()
    }

    #[test]
    fn tags_inline_and_in_blocks_with_their_offsets() {
        let md = "Zie <b onmouseover=\"x\">dit</b>.\n\n> <div class=\"a\">\n> <img src=x\n> onerror=y>\n> </div>\n";
        let (tags, _) = scan(md);
        let found: Vec<(&str, &str)> = tags
            .iter()
            .map(|t| (t.name.as_str(), &md[t.offset..t.offset + t.name.len() + 1]))
            .collect();
        assert_eq!(found, [("b", "<b"), ("div", "<div"), ("img", "<img")]);
        assert_eq!(
            tags[2].attributes,
            [("src".into(), "x".into()), ("onerror".into(), "y".into())]
        );
    }

    #[test]
    fn attributes_are_read_as_a_browser_reads_them() {
        let (tags, _) = scan("<A HREF=\"jav&#x61;script&colon;alert(1)\" OnClick='x'>a</A>\n");
        assert_eq!(tags[0].name, "a");
        assert_eq!(
            tags[0].attributes,
            [
                ("href".into(), "javascript:alert(1)".into()),
                ("onclick".into(), "x".into())
            ]
        );
    }

    #[test]
    fn code_comments_and_script_content_hold_no_tags() {
        let md = "`<img onerror=x>`\n\n```\n<script>\n```\n\n<!-- <img onerror=y> -->\n\n<script>var a = '<img onerror=z>';</script>\n";
        assert_eq!(
            names(md),
            [(md.find("<script>var").unwrap(), "script".to_string())]
        );
    }

    #[test]
    fn videos_outside_code() {
        let md = "> [!VIDEO https://evil.example/v]\n\n```\n[!VIDEO https://x.example/]\n```\n\n:::video source=\"https://www.youtube.com/watch?v=1\" title=\"T\":::\n";
        let (_, videos) = scan(md);
        let urls: Vec<&str> = videos.iter().map(|v| v.url.as_str()).collect();
        assert_eq!(
            urls,
            [
                "https://evil.example/v",
                "https://www.youtube.com/watch?v=1"
            ]
        );
        assert_eq!(&md[videos[0].offset..videos[0].offset + 7], "[!VIDEO");
    }
}
