//! The body of a page as HTML: the markdown of one view of a document, its sxs segments
//! wrapped in spans that carry their English ([`crate::bilingual`]), its relative links pointed
//! at the published pages and resources (a resource the locale lacks is the English source's).

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
    bilingual::spans(&html, |n, _| {
        let segment = &document.segments[view.segments()[n].0];
        format!("class=\"seg-en\" data-seg=\"{}\"", segment.id.suffix)
    })
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
