//! What the templates see: the page context of every kind of page, as serializable structs.
//! The templates (`themes/default/templates`) name these fields.

use serde::Serialize;

use crate::markdown::Heading;

/// The site-wide part of every page's context (`site` in the templates).
#[derive(Serialize)]
pub struct SiteContext<'a> {
    pub title: &'a str,
    pub description: Option<&'a str>,
    /// The English locale's tag, for links to the source.
    pub source_locale: &'a str,
}

/// One page (`page` in the templates).
#[derive(Serialize, Default)]
pub struct PageContext {
    /// `article`, `source` (an English page), `landing`, `faq`, `index`, `root`, `not-found`.
    pub kind: &'static str,
    pub lang: String,
    pub dir: &'static str,
    pub title: String,
    /// Relative path from the page to the site root: `""` or `"../"` and so on.
    pub root: String,
    pub locale_name: String,
    pub content: String,
    pub headings: Vec<Heading>,
    pub alternates: Vec<Alternate>,
    /// Where readers whose language the site lacks are sent: the English page, else the root.
    pub x_default: Option<String>,
    /// The page's absolute URL when the book has a `site-url`.
    pub canonical: Option<String>,
    pub breadcrumb: Vec<Crumb>,
    pub english_href: Option<String>,
    pub machine_translated: bool,
    /// Set when the translation was made from another English than the article's source.
    pub stale: Option<Stale>,
    /// The English source as HTML, for reading side by side with the translation.
    pub english_content: Option<String>,
    /// Whether the content has segments that show their English on hover and focus.
    pub segments: bool,
    pub robots: Option<String>,
    /// The navigation of the page's locale: its table of contents as a tree, or empty.
    pub nav: Vec<NavNode>,
    pub previous: Option<Link>,
    pub next: Option<Link>,
    pub articles: Vec<Link>,
    pub locales: Vec<LocaleLink>,
    /// `ms.date`, written the way the page's locale writes dates.
    pub updated: Option<crate::i18n::date::Date>,
}

/// Why a translation is stale.
#[derive(Serialize)]
pub struct Stale {
    /// Segments whose English differs from the article's English of record.
    pub changed: usize,
    /// Translated from another `ms.sourcegitcommit` than the source.
    pub other_commit: bool,
    /// With an English source folder: the share (0 to 100) of the source's English that the
    /// translation still matches.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub freshness: Option<f64>,
}

/// One entry of the navigation tree.
#[derive(Serialize)]
pub struct NavNode {
    pub title: String,
    pub href: Option<String>,
    /// The page being shown.
    pub current: bool,
    /// Open: it holds the current page, or its TOC entry says `expanded`.
    pub open: bool,
    pub children: Vec<NavNode>,
}

/// The page in another language.
#[derive(Serialize)]
pub struct Alternate {
    pub tag: String,
    pub name: String,
    pub href: String,
    /// `href` made absolute with the `site-url`, when there is one.
    pub url: String,
    pub current: bool,
}

#[derive(Serialize)]
pub struct Crumb {
    pub title: String,
    pub href: Option<String>,
}

#[derive(Serialize)]
pub struct Link {
    pub title: String,
    pub href: String,
}

#[derive(Serialize)]
pub struct LocaleLink {
    pub tag: String,
    pub name: String,
    pub dir: &'static str,
    pub href: String,
    pub articles: usize,
}
