//! What the per-segment rules compare of one piece of inline markdown: its URLs, inline code,
//! bold and italic markup, the prose outside code, text glued to a link, to code or to the end
//! of bold text, links without text and links run together. Placeholders a translation tool
//! left (`_GT_`, `#A0`) are read as blanks: `_GT_` is not italic text.

use pulldown_cmark::{Event, Parser, Tag, TagEnd};

use crate::markdown;

/// The inline content of a segment.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Inline {
    /// Link and image destinations, `href`/`src` of raw HTML and bare `http(s)://` URLs.
    pub urls: Vec<String>,
    /// Of those, the bare URLs: plain text, not links.
    pub bare_urls: Vec<String>,
    /// Inline code spans, exactly as written between the backticks.
    pub code: Vec<String>,
    pub bold: usize,
    pub italic: usize,
    /// The prose: text outside code and URLs, each run followed by a line break.
    pub prose: String,
    /// Words glued to a link or to inline code: `voor` after `[document](url)voor`, `Type`
    /// before ``Type`x` ``, `zie` before `zie[link](url)`.
    pub glued: Vec<Glued>,
    /// Words glued to the end of bold text: `les` after `**Ajouter**les`.
    pub glued_to_bold: Vec<String>,
    /// The destinations of links with no text: `[](url)`.
    pub empty_links: Vec<String>,
    /// Links that follow the previous link with nothing between them (`[a](x)[b](y)`), as the
    /// rank of the second among the links of the text ([`Inline::links`] has their texts).
    pub adjacent_links: Vec<usize>,
}

/// Characters without which a text is plain prose: no markdown, HTML or entity (`&#39;`) to
/// parse.
fn has_markup(text: &str) -> bool {
    text.contains(['*', '_', '`', '[', '<', '!', '&']) || text.contains("://")
}

impl Inline {
    /// Reads one segment's markdown.
    pub fn of(text: &str) -> Inline {
        let text = super::placeholders::strip(text.trim());
        let text = text.trim();
        if !has_markup(text) {
            return Inline {
                prose: text.to_string(),
                ..Inline::default()
            };
        }
        let mut inline = Inline::default();
        // What the previous event ended with: a letter of prose, a link, or inline code.
        let mut previous = Previous::Other;
        let mut trailing_word = String::new();
        // The link being read (the index of its URL, whether it has text, whether a link with
        // text ends right before it), whether the last event closed a link with text, the
        // number of links read, whether the last event closed bold text.
        let mut link: Option<(usize, bool, bool)> = None;
        let mut closed_link: Option<bool> = None;
        let mut links = 0;
        let mut bold_just_closed = false;
        for event in Parser::new_ext(text, markdown::options()) {
            let after_link = closed_link.take();
            let after_bold = std::mem::take(&mut bold_just_closed);
            match &event {
                Event::Start(Tag::Link { .. }) => {
                    link = Some((inline.urls.len(), false, after_link == Some(true)));
                }
                Event::End(TagEnd::Link) => {
                    if let Some((url, has_text, follows_link)) = link.take() {
                        if !has_text {
                            inline.empty_links.push(inline.urls[url].clone());
                        } else if follows_link {
                            inline.adjacent_links.push(links);
                        }
                        closed_link = Some(has_text);
                        links += 1;
                    }
                }
                Event::End(TagEnd::Strong) => bold_just_closed = true,
                Event::Text(t) | Event::Code(t) => {
                    if let Some((_, has_text, _)) = link.as_mut() {
                        *has_text |= !t.trim().is_empty();
                    }
                    let starts_with_letter = t.chars().next().is_some_and(char::is_alphabetic);
                    if after_bold && starts_with_letter && matches!(event, Event::Text(_)) {
                        inline
                            .glued_to_bold
                            .push(t.chars().take_while(|c| c.is_alphabetic()).collect());
                    }
                }
                Event::Start(Tag::Image { .. }) => {
                    if let Some((_, has_text, _)) = link.as_mut() {
                        *has_text = true;
                    }
                }
                _ => {}
            }
            let now = match &event {
                Event::Start(Tag::Link { dest_url, .. } | Tag::Image { dest_url, .. }) => {
                    inline.urls.push(dest_url.to_string());
                    if previous == Previous::Letter {
                        inline.glued.push(Glued {
                            word: trailing_word.clone(),
                            before: true,
                        });
                    }
                    Previous::Other
                }
                Event::End(TagEnd::Link) => Previous::Link,
                Event::Start(Tag::Strong) => {
                    inline.bold += 1;
                    Previous::Other
                }
                Event::Start(Tag::Emphasis) => {
                    inline.italic += 1;
                    Previous::Other
                }
                Event::Code(code) => {
                    inline.code.push(code.to_string());
                    if previous == Previous::Letter {
                        inline.glued.push(Glued {
                            word: trailing_word.clone(),
                            before: true,
                        });
                    }
                    Previous::Code
                }
                Event::Text(t) => {
                    let starts_with_letter = t.chars().next().is_some_and(char::is_alphabetic);
                    if starts_with_letter && matches!(previous, Previous::Link | Previous::Code) {
                        let word = t.chars().take_while(|c| c.is_alphabetic()).collect();
                        inline.glued.push(Glued {
                            word,
                            before: false,
                        });
                    }
                    inline.read_prose(t);
                    if t.chars().last().is_some_and(char::is_alphabetic) {
                        let start = t
                            .char_indices()
                            .rev()
                            .find(|(_, c)| !c.is_alphabetic())
                            .map_or(0, |(i, c)| i + c.len_utf8());
                        trailing_word = t[start..].to_string();
                        Previous::Letter
                    } else {
                        Previous::Other
                    }
                }
                Event::Html(raw) | Event::InlineHtml(raw) => {
                    inline.read_html(raw);
                    Previous::Other
                }
                // Text inside a link and the markup around it keep what came before.
                Event::End(TagEnd::Strong | TagEnd::Emphasis) => previous,
                _ => Previous::Other,
            };
            previous = now;
        }
        inline
    }

    /// The destination and text of each link of `text`, in order.
    pub fn links(text: &str) -> Vec<(String, String)> {
        let mut links: Vec<(String, String)> = Vec::new();
        let mut inside = false;
        for event in Parser::new_ext(text, markdown::options()) {
            match event {
                Event::Start(Tag::Link { dest_url, .. }) => {
                    links.push((dest_url.to_string(), String::new()));
                    inside = true;
                }
                Event::End(TagEnd::Link) => inside = false,
                Event::Text(t) | Event::Code(t) if inside => {
                    if let Some(link) = links.last_mut() {
                        link.1.push_str(&t);
                    }
                }
                _ => {}
            }
        }
        links
    }

    /// Adds a run of prose, taking its bare URLs out.
    fn read_prose(&mut self, text: &str) {
        let mut rest = text;
        while let Some(at) = rest.find("http") {
            let candidate = &rest[at..];
            if !(candidate.starts_with("http://") || candidate.starts_with("https://")) {
                self.prose.push_str(&rest[..at + 4]);
                rest = &rest[at + 4..];
                continue;
            }
            // A URL is ASCII: `https://x/を参照` in Japanese ends before `を`.
            let end = candidate
                .find(|c: char| {
                    c.is_whitespace() || !c.is_ascii() || matches!(c, '"' | '<' | '>' | ')')
                })
                .unwrap_or(candidate.len());
            let url = candidate[..end].trim_end_matches(['.', ',', ';', ':']);
            // `https://(IP address)` names the scheme alone.
            let scheme = url.find("://").map_or(url.len(), |at| at + 3);
            let host_follows = url[scheme..].starts_with(|c: char| c.is_alphanumeric() || c == '<');
            let url = if host_follows { url } else { &url[..scheme] };
            self.urls.push(url.to_string());
            self.bare_urls.push(url.to_string());
            self.prose.push_str(&rest[..at]);
            rest = &candidate[url.len()..];
        }
        self.prose.push_str(rest);
        self.prose.push('\n');
    }

    /// `href` and `src` values of raw inline HTML.
    fn read_html(&mut self, raw: &str) {
        for name in ["href=\"", "src=\""] {
            let mut rest = raw;
            while let Some(at) = rest.find(name) {
                let value = &rest[at + name.len()..];
                let end = value.find('"').unwrap_or(value.len());
                self.urls.push(value[..end].to_string());
                rest = &value[end..];
            }
        }
    }
}

/// A word glued to a link or to inline code, and on which side.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Glued {
    pub word: String,
    /// True when the word comes before the link or code (`zie[link](url)`).
    pub before: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Previous {
    Letter,
    Link,
    Code,
    Other,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_urls_code_markup_and_prose() {
        let inline = Inline::of(
            "See **the** [*doc*](https://a.example/x) or <a href=\"b.md\">b</a>, run `dsregcmd /join` at https://c.example/y.",
        );
        assert_eq!(
            inline.urls,
            ["https://a.example/x", "b.md", "https://c.example/y"]
        );
        assert_eq!(inline.code, ["dsregcmd /join"]);
        assert_eq!((inline.bold, inline.italic), (1, 1));
        assert!(inline.prose.contains("run "));
        assert!(!inline.prose.contains("c.example"));
        assert_eq!(inline.bare_urls, ["https://c.example/y"]);
        assert_eq!(
            Inline::of("go to https://(IP address)").bare_urls,
            ["https://"]
        );
        // ja-JP/power-bi-catchall.md: no space between a URL and Japanese text.
        assert_eq!(
            Inline::of("https://powerbi.microsoft.com/support/を参照してください。").bare_urls,
            ["https://powerbi.microsoft.com/support/"]
        );
        assert!(inline.glued.is_empty(), "{:?}", inline.glued);
    }

    #[test]
    fn finds_words_glued_to_links_and_code() {
        let inline =
            Inline::of("Zie dit [document](https://a.example)voor meer. Type`x /y` en zie[a](b)");
        let glued: Vec<(&str, bool)> = inline
            .glued
            .iter()
            .map(|g| (g.word.as_str(), g.before))
            .collect();
        assert_eq!(glued, [("voor", false), ("Type", true), ("zie", true)]);
        assert!(
            Inline::of("See [docs](https://a.example).")
                .glued
                .is_empty()
        );
    }

    #[test]
    fn empty_links_adjacent_links_and_words_glued_to_bold() {
        // nl-NL/sso-connection-issues.md, segment of the translation.
        let inline = Inline::of(
            "Volg de onderstaande [](https://docs.microsoft.com/azure/sso-options) richtlijnen.",
        );
        assert_eq!(
            inline.empty_links,
            ["https://docs.microsoft.com/azure/sso-options"]
        );
        assert_eq!(
            Inline::links("See [a](x) and [](y)."),
            [
                ("x".to_string(), "a".to_string()),
                ("y".to_string(), String::new())
            ]
        );
        // holo ja-JP/hololens-provisioning.md
        let inline = Inline::of(
            "[構成デザイナー を使用してプロビジョニング](hololens-provisioning.md)[パッケージWindows作成します](https://www.microsoft.com/store)。",
        );
        assert_eq!(inline.adjacent_links, [1]);
        assert!(
            Inline::of("[a](x) and [b](y), [c](z) [d](w)")
                .adjacent_links
                .is_empty()
        );
        // nl-NL/remove-a-hub-site.md
        let inline = Inline::of(
            "Ga in het nieuwe SharePoint-Beheercentrum naar **sites**en klik op **actieve sites**.",
        );
        assert_eq!(inline.glued_to_bold, ["en"]);
        assert!(
            Inline::of("Kies **Opslaan**, dan **OK**.")
                .glued_to_bold
                .is_empty()
        );
        assert!(
            Inline::of("**Save** and **Close**")
                .glued_to_bold
                .is_empty()
        );
    }

    #[test]
    fn a_placeholder_is_not_italic_text() {
        let inline = Inline::of("Sélectionnez **Fichier** _GT_ **Ouvrir**.");
        assert_eq!((inline.bold, inline.italic), (2, 0));
        assert_eq!(Inline::of("Sélectionnez *Fichier*.").italic, 1);
    }

    #[test]
    fn plain_prose_is_not_parsed() {
        assert_eq!(Inline::of(" Every 30 minutes. ").prose, "Every 30 minutes.");
    }
}
