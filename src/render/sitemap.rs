//! `sitemap.xml`: every indexable page of the site, each with its language alternates as
//! `xhtml:link rel="alternate" hreflang` (the form search engines read for localized pages).
//! Locations are absolute under the book's `site-url`, else relative to the site root.

use super::site::{Site, is_landing};

/// One page of the sitemap.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    pub location: String,
    /// `(locale tag, location)` of every language version, this one included.
    pub alternates: Vec<(String, String)>,
}

/// Whether a `ROBOTS` front matter value keeps the page out of search engines.
pub fn is_noindex(robots: Option<&str>) -> bool {
    robots.is_some_and(|r| {
        r.split(',').any(|d| {
            d.trim().eq_ignore_ascii_case("noindex") || d.trim().eq_ignore_ascii_case("none")
        })
    })
}

/// Every indexable page of `site`: each article in every locale that has it (unless its
/// `ROBOTS` says `noindex`), the root and each locale's index.
pub fn entries(site: &Site) -> Vec<Entry> {
    let location = |page: &str| site.url(page).unwrap_or_else(|| page.to_string());
    let mut entries = Vec::new();
    for article in site.book.articles.iter().filter(|a| !is_landing(a)) {
        let tags: Vec<&str> = site
            .locales_of(article)
            .into_iter()
            .filter(|tag| {
                site.view(article, tag)
                    .is_some_and(|v| !is_noindex(v.document.front.robots.as_deref()))
            })
            .collect();
        let alternates: Vec<(String, String)> = tags
            .iter()
            .map(|tag| (tag.to_string(), location(&article.page(tag))))
            .collect();
        for tag in &tags {
            entries.push(Entry {
                location: location(&article.page(tag)),
                alternates: alternates.clone(),
            });
        }
    }
    let indexes: Vec<(String, String)> = site
        .tags
        .iter()
        .map(|tag| (tag.to_string(), location(&format!("{tag}/index.html"))))
        .collect();
    entries.push(Entry {
        location: location("index.html"),
        alternates: Vec::new(),
    });
    for (_, index) in &indexes {
        entries.push(Entry {
            location: index.clone(),
            alternates: indexes.clone(),
        });
    }
    entries
}

/// The sitemap document for `entries`.
pub fn xml(entries: &[Entry]) -> String {
    let mut out = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\" xmlns:xhtml=\"http://www.w3.org/1999/xhtml\">\n",
    );
    for entry in entries {
        out.push_str(&format!("<url><loc>{}</loc>", escape(&entry.location)));
        for (tag, location) in &entry.alternates {
            out.push_str(&format!(
                "<xhtml:link rel=\"alternate\" hreflang=\"{}\" href=\"{}\"/>",
                escape(tag),
                escape(location)
            ));
        }
        out.push_str("</url>\n");
    }
    out.push_str("</urlset>\n");
    out
}

fn escape(text: &str) -> String {
    crate::bilingual::escape_attribute(text).replace('\'', "&apos;")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_locations_with_escaped_alternates() {
        let map = xml(&[Entry {
            location: "https://d.test/nl-NL/a.html?x=1&y=2".into(),
            alternates: vec![
                ("nl-NL".into(), "https://d.test/nl-NL/a.html?x=1&y=2".into()),
                ("ar-SA".into(), "https://d.test/ar-SA/a.html".into()),
            ],
        }]);
        assert!(map.contains("<loc>https://d.test/nl-NL/a.html?x=1&amp;y=2</loc>"));
        assert!(map.contains(
            "<xhtml:link rel=\"alternate\" hreflang=\"ar-SA\" href=\"https://d.test/ar-SA/a.html\"/>"
        ));
        assert_eq!(map.matches("<url>").count(), 1);
    }

    #[test]
    fn noindex_is_read_case_insensitively() {
        assert!(is_noindex(Some("NOINDEX, NOFOLLOW")));
        assert!(is_noindex(Some("none")));
        assert!(!is_noindex(Some("index, follow")));
        assert!(!is_noindex(None));
    }
}
