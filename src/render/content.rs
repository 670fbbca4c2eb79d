//! The body of a page as HTML: the markdown of one view of a document, its sxs segments
//! wrapped in spans that carry their English ([`crate::bilingual`]), its relative links pointed
//! at the published pages and resources (a resource the locale lacks is the English source's),
//! and all of it through the allowlist of [`crate::sanitize`].

use crate::bilingual;
use crate::book::Article;
use crate::markdown::{self, Rendered};
use crate::parse::{Half, View};
use crate::paths::{folder_of, percent_decode, resolve};

use super::site::{Site, relative};

/// Maps the relative links of one file of a page to where they lead in the site.
pub struct Links<'s, 'a> {
    pub site: &'s Site<'a>,
    /// The locale of the page.
    pub tag: &'s str,
    /// The page, from the site root.
    pub page: &'s str,
    /// The folder (under the locale folder) of the file the links are written in.
    pub folder: &'s str,
}

impl Links<'_, '_> {
    pub fn for_article<'s, 'a>(
        site: &'s Site<'a>,
        tag: &'s str,
        page: &'s str,
        article: &'s Article,
    ) -> Links<'s, 'a> {
        Links {
            site,
            tag,
            page,
            folder: folder_of(&article.path),
        }
    }

    /// Where `dest` leads, when it is a relative link to a page or resource of the book.
    pub fn href(&self, dest: &str) -> Option<String> {
        if dest.is_empty()
            || dest.starts_with('#')
            || dest.starts_with('/')
            || dest.contains(':')
            || dest.starts_with("//")
        {
            return None;
        }
        let split = dest.find(['#', '?']).unwrap_or(dest.len());
        let (path, rest) = dest.split_at(split);
        let decoded = percent_decode(path);
        let target = resolve(self.folder, &decoded)?;
        if let Some(article) = self.site.book.article(&target) {
            return Some(format!(
                "{}{rest}",
                relative(self.page, &article.page(self.tag))
            ));
        }
        let published = self.site.resource(self.tag, &target)?;
        Some(format!("{}{rest}", relative(self.page, published)))
    }
}

/// `view` as a page shows it: a translation with each segment in a span carrying its English;
/// the English of record as it is.
pub fn translation(view: View, links: &Links) -> Rendered {
    let mut rendered = unsanitized(view, links);
    rendered.html = links.site.sanitizer.body(view.text(), rendered.html);
    rendered
}

fn unsanitized(view: View, links: &Links) -> Rendered {
    let document = view.document;
    if view.half == Half::Source || view.segments().is_empty() {
        return markdown::to_html_with(view.text(), links.tag, &|dest| links.href(dest));
    }
    let ranges: Vec<_> = view.segments().iter().map(|(_, r)| r.clone()).collect();
    let marked = bilingual::mark(view.text(), &ranges);
    let mut rendered = markdown::to_html_with(&marked, links.tag, &|dest| links.href(dest));
    rendered.html = bilingual::spans(&rendered.html, |n, in_link| {
        let segment = &document.segments[view.segments()[n].0];
        let mut attributes = format!("class=\"seg\" data-seg=\"{}\"", segment.id.suffix);
        if let Some(english) = segment.source.as_deref().map(bilingual::plain_text) {
            attributes.push_str(&format!(
                " data-en=\"{}\"",
                bilingual::escape_attribute(&english)
            ));
            if !in_link {
                attributes.push_str(" tabindex=\"0\"");
            }
        }
        attributes
    });
    rendered
}

/// The English `view` carries, as HTML whose segments name their ids: for reading side by side
/// with the translation. Its heading ids and anchors are made inert, so the page's fragment
/// links still lead into the translation.
pub fn english(view: View, links: &Links) -> String {
    let document = view.document;
    let ranges: Vec<_> = view.segments().iter().map(|(_, r)| r.clone()).collect();
    let marked = bilingual::mark(view.text(), &ranges);
    let html = markdown::to_html_with(&marked, links.site.english(), &|dest| links.href(dest)).html;
    let html = without_anchors(&html);
    let html = bilingual::spans(&html, |n, _| {
        let segment = &document.segments[view.segments()[n].0];
        format!("class=\"seg-en\" data-seg=\"{}\"", segment.id.suffix)
    });
    links.site.sanitizer.body(view.text(), html)
}

/// `html` with its heading ids and `<a name>` anchors made inert (`data-` attributes): the
/// English that rides along a translation must not answer the page's fragment links.
fn without_anchors(html: &str) -> String {
    let mut html = html.replace("<a name=\"", "<a data-name=\"");
    for level in 1..=6 {
        html = html.replace(
            &format!("<h{level} id=\""),
            &format!("<h{level} data-id=\""),
        );
    }
    html
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::book::Book;
    use crate::config::Config;
    use crate::parse::View;
    use crate::progress::Silent;
    use crate::sanitize::needs_cleaning;
    use proptest::prelude::*;

    /// The elements (attributes sorted) and text of an HTML fragment, adjacent text joined.
    fn dom(html: &str) -> Vec<String> {
        let fragment = scraper::Html::parse_fragment(html);
        let mut out: Vec<String> = Vec::new();
        for node in fragment.tree.root().descendants() {
            match node.value() {
                scraper::Node::Element(e) => {
                    let mut attributes: Vec<String> =
                        e.attrs().map(|(n, v)| format!("{n}={v:?}")).collect();
                    attributes.sort();
                    out.push(format!("<{} {}>", e.name(), attributes.join(" ")));
                }
                scraper::Node::Text(text) => match out.last_mut() {
                    Some(last) if last.starts_with('"') => last.push_str(text),
                    _ => out.push(format!("\"{}", &**text)),
                },
                _ => {}
            }
        }
        out
    }

    /// Link and image destinations: pages, pictures, the web, apps, and URLs that would run a
    /// script however they are spelt.
    fn destination() -> impl Strategy<Value = &'static str> {
        prop::sample::select(vec![
            "other.md",
            "sub/x.md#frag",
            "media/a.png",
            "#top",
            "https://learn.microsoft.com/x?a=1&b=2",
            "//cdn.example/x.png",
            "mailto:a@b.example",
            "ms-settings:privacy",
            "zune:x",
            "javascript:alert(1)",
            "JaVaScRiPt:alert(1)",
            "java%09script:alert(1)",
            "jav&#x61;script&colon;alert(1)",
            "vbscript:msgbox(1)",
            "data:text/html,x",
            "data:image/png;base64,AA",
            "data:image/svg+xml,x",
            "x\"onmouseover=\"alert(1)",
        ])
    }

    /// Inline markdown that holds no raw HTML but the safe anchors and breaks.
    fn inline() -> impl Strategy<Value = String> {
        prop_oneof![
            "[a-zA-Zé日 ,.!?'\"&;#()=*_-]{1,16}",
            (destination(), "[a-z ]{0,6}").prop_map(|(d, t)| format!("[{t}]({d})")),
            (destination(), "[a-z ]{0,6}").prop_map(|(d, t)| format!("![{t}]({d} \"t\")")),
            prop::sample::select(vec![
                "**vet** _schuin_ ~~weg~~",
                "`a && b \" onclick=x`",
                "&lt;script&gt;alert(1)&lt;/script&gt;",
                "&#106;avascript&#58;alert(1)",
                "<a name=\"anchor-1\"></a>",
                "<a id=\"x.y:z\"></a>",
                "regel<br/>breuk<br />en<br>meer",
                "[!NOTE] [!] 3 < 4",
            ])
            .prop_map(str::to_string),
        ]
    }

    /// A block: a heading, list item, quote, alert, table row, code or paragraph around `text`.
    fn block() -> impl Strategy<Value = (&'static str, String)> {
        (
            prop::sample::select(vec![
                "# ",
                "## ",
                "- ",
                "1. ",
                "> ",
                "> [!WARNING]\n> ",
                "| a | b |\n|---|---|\n| ",
                "```js onclick=alert(1)\n",
                "",
            ]),
            prop::collection::vec(inline(), 1..4).prop_map(|parts| parts.join(" ")),
        )
    }

    fn sxs_pair(n: usize, target: &str, source: &str) -> String {
        format!(
            "<span data-ttu-id=\"ab1-{n}\">{target}</span><span class=\"sxs-lookup\"><span data-stu-id=\"ab1-{n}\">{source}</span></span>"
        )
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(48))]

        /// The cheap path is safe: a body whose markdown holds no raw HTML but the safe anchors
        /// and breaks, rendered as a page shows it (plain, sxs with its English on demand, the
        /// English page), holds nothing the sanitizer would change.
        #[test]
        fn bodies_without_raw_html_hold_nothing_the_sanitizer_removes(
            blocks in prop::collection::vec(block(), 1..8)
        ) {
            let close = |prefix: &str| if prefix.starts_with("```") { "\n```\n" } else { "\n" };
            let plain: String = blocks
                .iter()
                .map(|(prefix, text)| format!("{prefix}{text}{}\n", close(prefix)))
                .collect();
            let sxs: String = blocks
                .iter()
                .enumerate()
                .map(|(n, (prefix, text))| {
                    let text = if prefix.starts_with("```") {
                        text.clone()
                    } else {
                        sxs_pair(100 + n, text, &format!("{text} (en)"))
                    };
                    format!("{prefix}{text}{}\n", close(prefix))
                })
                .collect();
            let dir = tempfile::tempdir().unwrap();
            for (name, body) in [("plain.md", &plain), ("sxs.md", &sxs)] {
                let file = dir.path().join("content/nl-NL").join(name);
                std::fs::create_dir_all(file.parent().unwrap()).unwrap();
                std::fs::write(file, format!("---\ntitle: T\n---\n{body}")).unwrap();
            }
            let config = Config::parse(dir.path(), &dir.path().join("book.toml"), "").unwrap();
            let book = Book::load(config, &Silent).unwrap();
            let alignment = crate::align::align(&book, &[]);
            let site = Site::new(&book, &alignment);
            for article in &book.articles {
                for tag in ["nl-NL", "en-US"] {
                    let Some(view) = site.view(article, tag) else { continue };
                    let page = article.page(tag);
                    let links = Links::for_article(&site, tag, &page, article);
                    let mut bodies = vec![(view, translation(view, &links).html)];
                    let document = article.document("nl-NL").unwrap();
                    if tag == "nl-NL" && !document.segments.is_empty() {
                        let source = View::new(document, Half::Source);
                        bodies.push((source, english(source, &links)));
                    }
                    for (view, html) in bodies {
                        prop_assert!(!needs_cleaning(view.text()), "{}", view.text());
                        prop_assert_eq!(
                            dom(&site.sanitizer.clean(&html)),
                            dom(&html),
                            "{} changes:\n{}",
                            view.text(),
                            html
                        );
                    }
                }
            }
        }
    }
}
