//! The body of a page as HTML: the markdown of one view of a document rendered as DocFX does
//! ([`crate::markdown`]), its includes and code samples read from the model (the locale, then
//! the English source), its relative links pointed at the published pages and resources, its
//! labels in the reader's language, and its sxs segments wrapped in spans that carry their
//! English ([`crate::bilingual`]), all of it through the allowlist of [`crate::sanitize`].
//! Problems the markdown meets (a missing include, an
//! unresolved cross-reference) become diagnostics at their file, line and column.

use std::borrow::Cow;

use crate::bilingual;
use crate::book::{self, Article};
use crate::diagnostic::Diagnostic;
use crate::markdown::{self, LinkRef, Rendered};
use crate::parse::{Half, View};
use crate::paths::{folder_of, percent_decode, resolve};
use crate::theme::Theme;

use super::site::{Site, relative};

/// Everything a page body needs besides its markdown.
pub struct Context<'s, 'a> {
    pub site: &'s Site<'a>,
    pub theme: &'s Theme,
    pub xrefs: &'s dyn markdown::Xrefs,
}

/// Where the links, includes and labels of one page lead.
pub struct Page<'c, 's, 'a> {
    pub context: &'c Context<'s, 'a>,
    /// The locale the page is read in.
    pub tag: &'c str,
    /// The page, from the site root.
    pub page: &'c str,
    /// The article's path under the locale folder.
    pub path: &'c str,
    /// Which half of sxs includes the page shows.
    pub half: Half,
}

impl Page<'_, '_, '_> {
    /// Where `dest`, written in the file `file` (under the locale folder), leads from this page,
    /// when it is a relative link to a page or resource of the book.
    pub fn href(&self, file: &str, dest: &str) -> Option<String> {
        if dest.is_empty() || dest.starts_with(['#', '/']) || dest.contains(':') {
            return None;
        }
        let site = self.context.site;
        let split = dest.find(['#', '?']).unwrap_or(dest.len());
        let (path, rest) = dest.split_at(split);
        let decoded = percent_decode(path);
        let target = resolve(folder_of(file), &decoded)?;
        if let Some(article) = site.book.article(&target) {
            return Some(format!(
                "{}{rest}",
                relative(self.page, &article.page(self.tag))
            ));
        }
        let published = site.resource(self.tag, &target)?;
        Some(format!("{}{rest}", relative(self.page, published)))
    }

    /// Renders `markdown` (a view of this page's document) with this page's context.
    fn render(&self, markdown: &str) -> Rendered {
        let options = markdown::Options {
            lang: self.tag,
            path: self.path,
            files: self,
            links: self,
            labels: Some(self),
            xrefs: self.context.xrefs,
        };
        markdown::render(markdown, &options)
    }
}

impl markdown::Links for Page<'_, '_, '_> {
    fn rewrite(&self, link: &LinkRef) -> String {
        self.href(link.file, link.dest)
            .unwrap_or_else(|| markdown::PageLinks.rewrite(link))
    }
}

impl markdown::Files for Page<'_, '_, '_> {
    fn read(&self, path: &str) -> Option<Cow<'_, str>> {
        let book = self.context.site.book;
        let english = book.source_locale();
        // An include of the book: the locale's (or the English source's) in the half shown.
        let fragment = if self.tag == english && book.source.is_none() {
            book.fragments
                .iter()
                .find(|d| d.path == path)
                .map(|d| View::new(d, Half::Source))
        } else {
            book.fragment(self.tag, path)
                .map(|d| View::new(d, self.half))
        };
        if let Some(view) = fragment {
            return Some(Cow::Borrowed(view.text()));
        }
        // Any other file (a code sample, a page included whole), read from disk.
        let owner = if self.tag == english {
            book.source.as_ref().map_or(self.tag, |s| s.tag.as_str())
        } else {
            self.tag
        };
        let (_, file) = book.files.resolve(owner, path)?;
        let (text, _) = book::read_text(&book.config, &file.file).ok()?;
        Some(Cow::Owned(text))
    }
}

impl markdown::Labels for Page<'_, '_, '_> {
    fn label(&self, key: &str) -> Option<Cow<'_, str>> {
        let kind = key.strip_prefix("alert-")?;
        let title = self.context.theme.strings().alert_title(self.tag, kind);
        (!title.is_empty()).then_some(Cow::Borrowed(title))
    }
}

/// The page of `article` in `tag` at `page`, showing `half` of its documents.
pub fn page<'c, 's, 'a>(
    context: &'c Context<'s, 'a>,
    tag: &'c str,
    page: &'c str,
    article: &'c Article,
    half: Half,
) -> Page<'c, 's, 'a> {
    Page {
        context,
        tag,
        page,
        path: &article.path,
        half,
    }
}

/// `view` as a page shows it: a translation with each segment in a span carrying its English;
/// the English of record as it is. Problems become diagnostics at their place in the file.
pub fn translation(view: View, page: &Page) -> (Rendered, Vec<Diagnostic>) {
    let document = view.document;
    let mut rendered = if view.half == Half::Source || view.segments().is_empty() {
        page.render(view.text())
    } else {
        let ranges: Vec<_> = view.segments().iter().map(|(_, r)| r.clone()).collect();
        let marked = bilingual::mark(view.text(), &ranges);
        let mut rendered = page.render(&marked);
        rendered.html = bilingual::spans(&rendered.html, |n, in_link| {
            let segment = &document.segments[view.segments()[n].0];
            let mut attributes = format!("class=\"seg\" data-seg=\"{}\"", segment.id.suffix);
            if let Some(english) = segment.source.as_deref().map(markdown::plain_text) {
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
    };
    rendered.html = page.context.site.sanitizer.body(view.text(), rendered.html);
    let problems = std::mem::take(&mut rendered.problems);
    let diagnostics = problems
        .into_iter()
        .map(|problem| problem_diagnostic(page, view, problem))
        .collect();
    (rendered, diagnostics)
}

/// A markdown problem as a diagnostic: at its place in the document, or in the include it sits
/// in.
fn problem_diagnostic(page: &Page, view: View, problem: markdown::Problem) -> Diagnostic {
    let document = view.document;
    let mut diagnostic = Diagnostic::new(
        problem.code.default_severity(),
        problem.code,
        &document.file,
        view.position(problem.offset),
        problem.message,
    )
    .in_article(&document.locale, &document.path);
    if let Some(site) = problem.include {
        let book = page.context.site.book;
        if let Some(include) = book.fragment(page.tag, &site.path) {
            let half = if include.locale == document.locale {
                view.half
            } else {
                Half::Target
            };
            diagnostic = diagnostic.with_related(
                &include.file,
                include.position(half, site.offset),
                "inside this include",
            );
        }
    }
    diagnostic
}

/// The English `view` carries, as HTML whose segments name their ids: for reading side by side
/// with the translation. Its heading ids and anchors are made inert, so the page's fragment
/// links still lead into the translation.
pub fn english(view: View, page: &Page) -> String {
    let document = view.document;
    let english = Page {
        tag: page.context.site.english(),
        half: Half::Source,
        ..*page
    };
    let ranges: Vec<_> = view.segments().iter().map(|(_, r)| r.clone()).collect();
    let marked = bilingual::mark(view.text(), &ranges);
    let html = without_anchors(&english.render(&marked).html);
    let html = bilingual::spans(&html, |n, _| {
        let segment = &document.segments[view.segments()[n].0];
        format!("class=\"seg-en\" data-seg=\"{}\"", segment.id.suffix)
    });
    page.context.site.sanitizer.body(view.text(), html)
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
        crate::parse::sxs::segment_text(&format!("ab1-{n}"), target, source)
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
            let theme = Theme::for_config(&book.config).unwrap();
            let xrefs = markdown::xref::XrefMap::default();
            let context = Context { site: &site, theme: &theme, xrefs: &xrefs };
            for article in &book.articles {
                for tag in ["nl-NL", "en-US"] {
                    let Some(view) = site.view(article, tag) else { continue };
                    let address = article.page(tag);
                    let page = page(&context, tag, &address, article, view.half);
                    let mut bodies = vec![(view, translation(view, &page).0.html)];
                    let document = article.document("nl-NL").unwrap();
                    if tag == "nl-NL" && !document.segments.is_empty() {
                        let source = View::new(document, Half::Source);
                        bodies.push((source, english(source, &page)));
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
