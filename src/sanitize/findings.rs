//! What the sanitizer removes from the raw HTML of the content, as `html-removed` diagnostics
//! (info) naming the file, line and column where the writer wrote it and why it goes. Each
//! place is reported once, though the translation and the English of an sxs file share the
//! text outside their segments; `diglot build` and `diglot check` report the same.

use std::collections::{BTreeSet, HashSet};

use rayon::prelude::*;

use super::needs_cleaning;
use super::policy::{ElementKind, Policy, Removal};
use super::raw::{self, StartTag};
use crate::book::{Article, Book};
use crate::code::Code;
use crate::diagnostic::Diagnostic;
use crate::parse::{Document, Format, Half};

/// The longest address a message quotes.
const QUOTED: usize = 80;

/// What the sanitizer removes from the articles of `book` (those in `articles`, all when
/// `None`), in every document and both halves of sxs files; nothing when `[build] unsafe-html`
/// trusts the content.
pub fn findings(book: &Book, articles: Option<&BTreeSet<String>>) -> Vec<Diagnostic> {
    if book.config.unsafe_html {
        return Vec::new();
    }
    let policy = Policy::new(&book.config.iframe_hosts);
    book.articles
        .par_iter()
        .filter(|a| articles.is_none_or(|wanted| wanted.contains(&a.path)))
        .flat_map_iter(|article| {
            article
                .all_documents()
                .flat_map(|document| in_document(&policy, article, document))
                .collect::<Vec<_>>()
        })
        .collect()
}

/// The findings of one document: its translation, and the English of an sxs file.
fn in_document(policy: &Policy, article: &Article, document: &Document) -> Vec<Diagnostic> {
    let halves: &[Half] = match document.format {
        Format::Sxs => &[Half::Target, Half::Source],
        Format::Plain => &[Half::Target],
    };
    let mut seen: HashSet<(usize, usize, String)> = HashSet::new();
    let mut found = Vec::new();
    for &half in halves {
        let text = document.view(half);
        if !needs_cleaning(text) {
            continue;
        }
        let (tags, videos) = raw::scan(text);
        let removals = tags
            .iter()
            .flat_map(|tag| {
                policy
                    .judge(&tag.name, &tag.attributes)
                    .into_iter()
                    .map(move |r| (tag.offset, message(&r, tag)))
            })
            .chain(videos.iter().filter_map(|video| {
                policy.url("iframe", "src", &video.url).err().map(|_| {
                    let frame = Removal::Frame {
                        address: video.url.clone(),
                    };
                    (video.offset, message(&frame, &StartTag::default()))
                })
            }));
        for (offset, message) in removals {
            let (line, column) = document.position(half, offset);
            if seen.insert((line, column, message.clone())) {
                found.push(
                    Diagnostic::info(Code::HtmlRemoved, &document.file, (line, column), message)
                        .in_article(&document.locale, &article.path),
                );
            }
        }
    }
    found
}

/// What was removed from `tag` and why, in a sentence.
fn message(removal: &Removal, tag: &StartTag) -> String {
    match removal {
        Removal::Element {
            name,
            kind: ElementKind::Script,
            ..
        } => format!(
            "`<{name}>` removed with its content: scripts and styles in content could run code in the site or restyle it"
        ),
        Removal::Element {
            name,
            kind: ElementKind::Active,
            ..
        } => format!(
            "`<{name}>` removed, its text kept: forms, embedded objects, SVG, MathML and page metadata are not on the allowlist"
        ),
        Removal::Element {
            name,
            kind: ElementKind::Other,
            ..
        } => format!("`<{name}>` removed, its text kept: the element is not on the allowlist"),
        Removal::Element {
            kind: ElementKind::Unknown,
            ..
        } => {
            let written = std::iter::once(tag.name.as_str())
                .chain(tag.attributes.iter().map(|(a, _)| a.as_str()))
                .collect::<Vec<_>>()
                .join(" ");
            format!(
                "`<{written}>` removed: it is no HTML element, so browsers never showed it; to show it as text, write `\\<{written}>` or put it in backticks"
            )
        }
        Removal::EventHandler { element, attribute } => {
            format!("`{attribute}` removed from `<{element}>`: event handlers run scripts")
        }
        Removal::ScriptUrl {
            element,
            attribute,
            scheme,
        } if scheme == "data" => format!(
            "`{attribute}` removed from `<{element}>`: a `data:` URL other than a picture can carry a page or a script"
        ),
        Removal::ScriptUrl {
            element,
            attribute,
            scheme,
        } => format!("`{attribute}` removed from `<{element}>`: a `{scheme}:` URL runs a script"),
        Removal::InvalidUrl { element, attribute } => {
            format!("`{attribute}` removed from `<{element}>`: its value is not a valid URL")
        }
        Removal::Frame { address } => format!(
            "frame of `{}` removed: frames show only the video hosts DocFX embeds and those of `[build] iframe-hosts`",
            shortened(address)
        ),
        Removal::Attribute { element, attribute } => format!(
            "`{attribute}` removed from `<{element}>`: the attribute is not on the allowlist"
        ),
        Removal::Style {
            element,
            properties,
        } => format!(
            "style {} removed from `<{element}>`: only sizes and alignment are kept",
            properties
                .iter()
                .map(|p| format!("`{p}`"))
                .collect::<Vec<_>>()
                .join(", ")
        ),
    }
}

/// `text` cut to [`QUOTED`] characters.
fn shortened(text: &str) -> String {
    match text.char_indices().nth(QUOTED) {
        Some((cut, _)) => format!("{}…", &text[..cut]),
        None => text.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    fn sxs(id: &str, target: &str, source: &str) -> String {
        crate::parse::sxs::segment_text(id, target, source)
    }

    fn findings_of(text: &str) -> Vec<(usize, usize, String)> {
        let (document, _) =
            crate::parse::parse_document("nl-NL", "a.md", Path::new("nl-NL/a.md"), text);
        let article = Article::new("a.md", vec![document.clone()], None);
        in_document(&Policy::new(&[]), &article, &document)
            .into_iter()
            .map(|d| (d.line, d.column, d.message))
            .collect()
    }

    #[test]
    fn each_place_once_though_both_halves_carry_it() {
        let text = format!(
            "---\ntitle: T\n---\n<img src=x onerror=alert(1)>\n\n{}\n",
            sxs(
                "a-1",
                "Zie <b onmouseover=\"x\">dit</b>.",
                "See <b onmouseover=\"y\">this</b>."
            )
        );
        let found = findings_of(&text);
        let places: Vec<(usize, usize)> = found.iter().map(|(l, c, _)| (*l, *c)).collect();
        let translation = text.lines().nth(5).unwrap().find("<b").unwrap();
        let english = text.lines().nth(5).unwrap().rfind("<b").unwrap();
        assert_eq!(
            places,
            [(4, 1), (6, translation + 1), (6, english + 1)],
            "{found:?}"
        );
        assert!(
            found[0]
                .2
                .contains("`onerror` removed from `<img>`: event handlers run scripts")
        );
    }

    #[test]
    fn placeholders_videos_and_frames_say_why() {
        let found = findings_of(
            "---\ntitle: T\n---\nRun `Get-Mailbox` <mailbox name>.\n\n> [!VIDEO https://evil.example/v]\n\n<iframe src=\"https://www.youtube.com/embed/x\"></iframe>\n",
        );
        assert_eq!(found.len(), 2, "{found:?}");
        assert_eq!((found[0].0, found[0].1), (4, 19));
        assert!(
            found[0]
                .2
                .contains("`<mailbox name>` removed: it is no HTML element"),
            "{}",
            found[0].2
        );
        assert_eq!((found[1].0, found[1].1), (6, 3));
        assert!(
            found[1]
                .2
                .starts_with("frame of `https://evil.example/v` removed")
        );
    }
}
