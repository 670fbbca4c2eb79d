//! `sitemap.xml`: every indexable page of the site, each with its language alternates as
//! `xhtml:link rel="alternate" hreflang` (the form search engines read for localized pages).
//! Locations are absolute under the book's `site-url`, else relative to the site root.

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
