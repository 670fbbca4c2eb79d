//! DocFX-flavoured markdown to HTML.
//!
//! On top of CommonMark with tables, strikethrough and GFM alerts (pulldown-cmark), this adds
//! what Microsoft docs use: `> [!NOTE]` alerts rendered as localized callouts (also written
//! `>[!Note]`), `[!VIDEO url]` embeds, heading ids computed the DocFX way, and relative `.md`
//! links pointing at the rendered `.html` pages.

use std::collections::HashSet;

use pulldown_cmark::{BlockQuoteKind, CowStr, Event, Options, Parser, Tag, TagEnd, html};
use serde::Serialize;

/// A heading of a rendered page, for the page's outline and for fragment checks.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Heading {
    pub level: u8,
    pub text: String,
    pub id: String,
}

/// The HTML of a markdown text and the outline found while rendering it.
#[derive(Debug, Clone, Default)]
pub struct Rendered {
    pub html: String,
    pub headings: Vec<Heading>,
}

/// The parser options DocFX markdown needs.
pub fn options() -> Options {
    Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH | Options::ENABLE_GFM
}

/// Renders markdown to HTML; `lang` picks the language of the alert titles.
pub fn to_html(markdown: &str, lang: &str) -> Rendered {
    to_html_with(markdown, lang, &|_| None)
}

/// Renders markdown to HTML, asking `links` where each relative link or image points: `None`
/// keeps the destination (a `.md` link then points at its `.html` page).
pub fn to_html_with(
    markdown: &str,
    lang: &str,
    links: &dyn Fn(&str) -> Option<String>,
) -> Rendered {
    let markdown = embed_videos(markdown);
    let mut headings = Vec::new();
    let mut ids = HashSet::new();
    let mut events: Vec<Event> = Vec::new();
    let mut heading_start: Option<usize> = None;
    for event in Parser::new_ext(&markdown, options()) {
        match event {
            Event::Start(Tag::Heading { .. }) => {
                heading_start = Some(events.len());
                events.push(event);
            }
            Event::End(TagEnd::Heading(level)) => {
                if let Some(start) = heading_start.take() {
                    let text = plain_text(&events[start + 1..]);
                    let id = unique_id(slug(&text), &mut ids);
                    if let Event::Start(Tag::Heading { id: slot, .. }) = &mut events[start] {
                        *slot = Some(CowStr::from(id.clone()));
                    }
                    headings.push(Heading {
                        level: level as u8,
                        text,
                        id,
                    });
                }
                events.push(Event::End(TagEnd::Heading(level)));
            }
            Event::Start(Tag::BlockQuote(Some(kind))) => {
                events.push(Event::Html(CowStr::from(format!(
                    "<div class=\"alert alert-{}\" role=\"note\">\n<p class=\"alert-title\">{}</p>\n",
                    kind_name(kind),
                    alert_title(kind, lang)
                ))));
            }
            Event::End(TagEnd::BlockQuote(Some(_))) => {
                events.push(Event::Html(CowStr::from("</div>\n")));
            }
            Event::Start(Tag::Link {
                link_type,
                dest_url,
                title,
                id,
            }) => events.push(Event::Start(Tag::Link {
                link_type,
                dest_url: match links(&dest_url) {
                    Some(href) if !is_script_url(&dest_url) => CowStr::from(href),
                    _ => page_link(dest_url),
                },
                title,
                id,
            })),
            Event::Start(Tag::Image {
                link_type,
                dest_url,
                title,
                id,
            }) => events.push(Event::Start(Tag::Image {
                link_type,
                dest_url: if is_script_url(&dest_url) {
                    CowStr::from("#")
                } else {
                    links(&dest_url).map_or(dest_url, CowStr::from)
                },
                title,
                id,
            })),
            Event::Html(raw) | Event::InlineHtml(raw) if is_script(&raw) => {
                events.push(Event::Text(raw));
            }
            Event::Html(raw) => events.push(Event::Html(html_links(raw, links))),
            Event::InlineHtml(raw) => events.push(Event::InlineHtml(html_links(raw, links))),
            other => events.push(other),
        }
    }
    let mut out = String::with_capacity(markdown.len() * 3 / 2);
    html::push_html(&mut out, events.into_iter());
    Rendered {
        html: out,
        headings,
    }
}

/// Raw HTML with the `src` and `href` values `links` rewrites replaced.
fn html_links<'a>(raw: CowStr<'a>, links: &dyn Fn(&str) -> Option<String>) -> CowStr<'a> {
    let lower = raw.to_ascii_lowercase();
    if !lower.contains("src=") && !lower.contains("href=") {
        return raw;
    }
    let mut out = String::with_capacity(raw.len());
    let mut pos = 0;
    for (at, _) in lower.match_indices('=') {
        let before = lower[..at].trim_end();
        let name_start = before.rfind(char::is_whitespace).map_or(0, |i| i + 1);
        let name = &before[name_start..];
        let is_link = (name == "src" || name == "href") && name_start > 0 && at >= pos;
        let rest = &raw[at + 1..];
        let quote = rest.chars().next();
        let (Some(q @ ('"' | '\'')), true) = (quote, is_link) else {
            continue;
        };
        let Some(len) = rest[1..].find(q) else {
            continue;
        };
        let value = &rest[1..1 + len];
        if let Some(new) = links(value) {
            out.push_str(&raw[pos..at + 2]);
            out.push_str(&new.replace('"', "&quot;"));
            pos = at + 2 + len;
        }
    }
    if pos == 0 {
        return raw;
    }
    out.push_str(&raw[pos..]);
    CowStr::from(out)
}

/// The text of inline events, as a reader sees it: markup and raw HTML left out.
fn plain_text(events: &[Event]) -> String {
    let mut text = String::new();
    for event in events {
        match event {
            Event::Text(t) | Event::Code(t) => text.push_str(t),
            Event::SoftBreak | Event::HardBreak => text.push(' '),
            _ => {}
        }
    }
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// A heading id the way DocFX (markdig's GitHub mode) makes it: lower case, punctuation
/// dropped, spaces turned into hyphens; letters of every script kept.
pub fn slug(text: &str) -> String {
    let mut slug = String::with_capacity(text.len());
    for c in text.trim().chars() {
        if c.is_alphanumeric() || c == '-' || c == '_' {
            slug.extend(c.to_lowercase());
        } else if c.is_whitespace() {
            slug.push('-');
        }
    }
    slug
}

/// `base`, or `base-1`, `base-2`... when taken: how DocFX keeps the ids of a page distinct.
pub fn unique_id(base: String, taken: &mut HashSet<String>) -> String {
    let base = if base.is_empty() {
        "section".to_string()
    } else {
        base
    };
    let mut id = base.clone();
    let mut n = 1;
    while !taken.insert(id.clone()) {
        id = format!("{base}-{n}");
        n += 1;
    }
    id
}

/// Relative links to `.md` files point at the rendered `.html` page instead; links that would
/// run a script lead nowhere.
fn page_link(url: CowStr<'_>) -> CowStr<'_> {
    if is_script_url(&url) {
        return CowStr::from("#");
    }
    if url.contains("://")
        || url.starts_with('/')
        || url.starts_with('#')
        || url.starts_with("mailto:")
    {
        return url;
    }
    let split = url.find(['#', '?']).unwrap_or(url.len());
    let (path, rest) = url.split_at(split);
    match path.len().checked_sub(3) {
        // Compared as bytes: `stem` may fall inside a character when the path does not end in
        // `.md`; when it does, `stem` is a character boundary.
        Some(stem) if path.as_bytes()[stem..].eq_ignore_ascii_case(b".md") => {
            CowStr::from(format!("{}.html{rest}", &path[..stem]))
        }
        _ => url,
    }
}

fn is_script(html: &str) -> bool {
    let lower = html.to_ascii_lowercase();
    lower.contains("<script") || lower.contains("javascript:")
}

/// A URL a browser could run as a script, however it is spelt (browsers ignore white space
/// and control characters inside the scheme); `data:` pictures other than SVG are fine.
fn is_script_url(url: &str) -> bool {
    let squeezed: String = url
        .chars()
        .filter(|c| !c.is_whitespace() && !c.is_control())
        .collect::<String>()
        .to_ascii_lowercase();
    let Some((scheme, rest)) = squeezed.split_once(':') else {
        return false;
    };
    match scheme {
        "javascript" | "vbscript" => true,
        "data" => !rest.starts_with("image/") || rest.starts_with("image/svg"),
        _ => false,
    }
}

/// Turns DocFX `[!VIDEO url]` lines (also inside `>` quotes) into embedded players, keeping
/// the line count so positions stay right.
fn embed_videos(markdown: &str) -> std::borrow::Cow<'_, str> {
    if !markdown.contains("[!VIDEO") {
        return std::borrow::Cow::Borrowed(markdown);
    }
    let mut out = String::with_capacity(markdown.len() + 256);
    for line in markdown.split_inclusive('\n') {
        let quote_end = line.len() - line.trim_start_matches(['>', ' ', '\t']).len();
        let rest = line[quote_end..].trim_end();
        match rest
            .strip_prefix("[!VIDEO")
            .and_then(|r| r.strip_suffix(']'))
            .map(str::trim)
        {
            Some(url)
                if !url.is_empty() && !url.contains(['"', '<', '>']) && !is_script_url(url) =>
            {
                out.push_str(&line[..quote_end]);
                out.push_str(&format!(
                    "<div class=\"video\"><iframe src=\"{url}\" title=\"Video\" loading=\"lazy\" allowfullscreen></iframe></div>"
                ));
                if line.ends_with('\n') {
                    out.push('\n');
                }
            }
            _ => out.push_str(line),
        }
    }
    std::borrow::Cow::Owned(out)
}

/// The lower-case name of an alert kind, as DocFX writes it in class names.
pub fn kind_name(kind: BlockQuoteKind) -> &'static str {
    match kind {
        BlockQuoteKind::Note => "note",
        BlockQuoteKind::Tip => "tip",
        BlockQuoteKind::Important => "important",
        BlockQuoteKind::Warning => "warning",
        BlockQuoteKind::Caution => "caution",
    }
}

/// The title of an alert in the page's language, as Microsoft Learn shows it.
fn alert_title(kind: BlockQuoteKind, lang: &str) -> &'static str {
    let titles: [&str; 5] = match crate::locale::language(lang).as_str() {
        "nl" => ["Opmerking", "Tip", "Belangrijk", "Waarschuwing", "Let op"],
        "nb" | "no" => ["Obs!", "Tips", "Viktig", "Advarsel", "Forsiktig"],
        "da" => ["Bemærk", "Tip", "Vigtigt", "Advarsel", "Forsigtig"],
        "de" => ["Hinweis", "Tipp", "Wichtig", "Warnung", "Achtung"],
        "ja" => ["注意", "ヒント", "重要", "警告", "注意事項"],
        "ar" => ["ملاحظة", "تلميح", "هام", "تحذير", "تنبيه"],
        _ => ["Note", "Tip", "Important", "Warning", "Caution"],
    };
    titles[match kind {
        BlockQuoteKind::Note => 0,
        BlockQuoteKind::Tip => 1,
        BlockQuoteKind::Important => 2,
        BlockQuoteKind::Warning => 3,
        BlockQuoteKind::Caution => 4,
    }]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn alerts_become_localized_callouts() {
        let r = to_html("> [!NOTE]\n> Let op dit.\n", "nl-NL");
        assert!(
            r.html
                .contains("<div class=\"alert alert-note\" role=\"note\">"),
            "{}",
            r.html
        );
        assert!(r.html.contains("<p class=\"alert-title\">Opmerking</p>"));
        assert!(r.html.contains("Let op dit."));
        assert!(!r.html.contains("<blockquote"));
    }

    #[test]
    fn alerts_written_tight_and_in_mixed_case_inside_list_items() {
        let r = to_html("1. Stap\n\n    >[!Warning] \n    >Pas op\n", "en-US");
        assert!(r.html.contains("alert-warning"), "{}", r.html);
        assert!(r.html.contains("<li>"));
    }

    #[test]
    fn headings_get_docfx_ids_and_the_outline_records_them() {
        let r = to_html(
            "# <a name=\"x\"></a>**Apparaat** in behandeling!\n\n## Stap 1\n\n## Stap 1\n",
            "nl-NL",
        );
        let ids: Vec<&str> = r.headings.iter().map(|h| h.id.as_str()).collect();
        assert_eq!(ids, ["apparaat-in-behandeling", "stap-1", "stap-1-1"]);
        assert_eq!(r.headings[0].text, "Apparaat in behandeling!");
        assert!(
            r.html
                .contains("<h1 id=\"apparaat-in-behandeling\"><a name=\"x\"></a>")
        );
    }

    #[test]
    fn md_links_point_at_html_pages() {
        let r = to_html(
            "[a](other.md) [b](sub/x.md#frag) [c](https://h.test/y.md) [d](#top) [e](img.png)",
            "en",
        );
        assert!(r.html.contains("href=\"other.html\""));
        assert!(r.html.contains("href=\"sub/x.html#frag\""));
        assert!(r.html.contains("href=\"https://h.test/y.md\""));
        assert!(r.html.contains("href=\"#top\""));
        assert!(r.html.contains("href=\"img.png\""));
    }

    #[test]
    fn raw_html_links_are_rewritten_too() {
        let links =
            |dest: &str| (dest == "./images/x.jpg").then(|| "../en-US/images/x.jpg".to_string());
        let r = to_html_with(
            "<br/><img src=\"./images/x.jpg\" alt=\"x\" />\n\n<a href='./images/x.jpg'>y</a> <img data-src=\"./images/x.jpg\">",
            "en",
            &links,
        );
        assert_eq!(
            r.html.matches("../en-US/images/x.jpg").count(),
            2,
            "{}",
            r.html
        );
        assert!(r.html.contains("data-src=\"./images/x.jpg\""), "{}", r.html);
    }

    #[test]
    fn videos_are_embedded() {
        let r = to_html(
            "> [!VIDEO https://www.microsoft.com/videoplayer/embed/RE1FOfN?autoplay=false]\n",
            "en",
        );
        assert!(
            r.html.contains(
                "<iframe src=\"https://www.microsoft.com/videoplayer/embed/RE1FOfN?autoplay=false\""
            ),
            "{}",
            r.html
        );
    }

    #[test]
    fn nested_ordered_lists_with_four_spaces() {
        let r = to_html("1. Een\n    1. Sub een\n    2. Sub twee\n2. Twee\n", "nl");
        assert_eq!(r.html.matches("<ol>").count(), 2, "{}", r.html);
        assert_eq!(r.html.matches("<li>").count(), 4);
    }

    #[test]
    fn tables_render() {
        let r = to_html("| a | b |\n|---|---|\n| 1 | 2 |\n", "en");
        assert!(r.html.contains("<table>") && r.html.contains("<td>2</td>"));
    }

    #[test]
    fn scripts_are_shown_as_text_not_run() {
        let r = to_html("<script>alert(1)</script>\n\nx <script>y</script>", "en");
        assert!(!r.html.contains("<script"), "{}", r.html);
    }

    #[test]
    fn script_urls_lead_nowhere() {
        let r = to_html(
            "[a](javascript:alert(1)) [b](JaVa&#x09;ScRiPt:x) [c](data:text/html,x) [d](page.md)\n\n![e](data:image/png;base64,AA) ![f](javascript:x)\n\n[!VIDEO javascript:alert(1)]\n",
            "en",
        );
        assert_eq!(r.html.matches("href=\"#\"").count(), 3, "{}", r.html);
        assert!(r.html.contains("href=\"page.html\""));
        assert!(r.html.contains("src=\"data:image/png;base64,AA\""));
        assert!(r.html.contains("src=\"#\""), "{}", r.html);
        assert!(!r.html.contains("<iframe"), "{}", r.html);
    }

    #[test]
    fn links_ending_inside_a_multibyte_character_are_kept() {
        // Found by the `markdown` fuzz target: the last three bytes split the U+FFFD.
        let r = to_html("[x](a\u{FFFD}d) [y](é.MD#top) [z](日本.md)", "en");
        assert!(r.html.contains("href=\"a%EF%BF%BDd\""), "{}", r.html);
        assert!(r.html.contains("href=\"%C3%A9.html#top\""), "{}", r.html);
        assert!(
            r.html.contains("href=\"%E6%97%A5%E6%9C%AC.html\""),
            "{}",
            r.html
        );
    }

    #[test]
    fn slug_keeps_letters_of_every_script() {
        assert_eq!(
            slug("Enhet i ventende tilstand"),
            "enhet-i-ventende-tilstand"
        );
        assert_eq!(slug("保留中の デバイス"), "保留中の-デバイス");
        assert_eq!(slug("Q&A: what?"), "qa-what");
    }

    mod properties {
        use super::*;
        use proptest::prelude::*;

        proptest! {
            #[test]
            fn any_markdown_renders_without_running_scripts(
                pieces in prop::collection::vec(prop_oneof![
                    Just("<script>alert(1)</script>".to_string()),
                    Just("<SCRIPT src=x>".to_string()),
                    Just("[x](javascript:alert(1))".to_string()),
                    Just("[!VIDEO javascript:alert(1)]".to_string()),
                    Just("> [!NOTE]\n> ".to_string()),
                    Just("<div>\n".to_string()),
                    r"\[[a-z]\]\([a-zé€日\u{FFFD}./#]{0,8}\)",
                    r"[-#>*`\[\]()!|:a-zA-Z0-9 \n]{0,20}",
                ], 0..16)
            ) {
                let markdown = pieces.concat();
                let html = to_html(&markdown, "nl").html.to_ascii_lowercase();
                prop_assert!(!html.contains("<script"), "{:?} -> {}", markdown, html);
                prop_assert!(!html.contains("=\"javascript:"), "{:?} -> {}", markdown, html);
            }

            #[test]
            fn heading_ids_are_distinct_and_slugs(
                titles in prop::collection::vec("[a-zA-Zé日 !?&-]{0,12}", 1..12)
            ) {
                let markdown = titles.iter().map(|t| format!("## {t}\n\n")).collect::<String>();
                let rendered = to_html(&markdown, "en");
                prop_assert_eq!(rendered.headings.len(), titles.len());
                let ids: HashSet<&str> = rendered.headings.iter().map(|h| h.id.as_str()).collect();
                prop_assert_eq!(ids.len(), titles.len(), "ids repeat: {:?}", rendered.headings);
                for heading in &rendered.headings {
                    prop_assert!(!heading.id.is_empty());
                    prop_assert!(heading.id.chars().all(|c| c.is_alphanumeric() || c == '-' || c == '_'));
                    let id_attribute = format!("id=\"{}\"", heading.id);
                    prop_assert!(rendered.html.contains(&id_attribute));
                }
            }
        }
    }
}
