//! The pages that are no article: each locale's index (its landing page, `index.md` or
//! `index.yml`, above the list of its articles), the root page listing the locales, and the
//! "not found" pages (one per locale, and one at the root).

use crate::diagnostic::Diagnostic;
use crate::parse::PageKind;

use super::content::{self, Context};
use super::context::{Crumb, Link, LocaleLink, PageContext};
use super::nav;
use super::site::{Site, is_landing, relative, root_prefix};

/// The index page of locale `tag`, at `path`, and what its landing page's markdown had to say.
pub fn locale_index(context: &Context, tag: &str, path: &str) -> (PageContext, Vec<Diagnostic>) {
    let site = context.site;
    let root = root_prefix(path);
    let landing = site
        .book
        .articles
        .iter()
        .filter(|a| is_landing(a))
        .find_map(|a| Some((a, site.view(a, tag)?)));
    let articles: Vec<Link> = site
        .order(tag)
        .iter()
        .filter_map(|&i| {
            let article = &site.book.articles[i];
            Some(Link {
                title: site.title_in(article, tag)?.to_string(),
                href: relative(path, &article.page(tag)),
            })
        })
        .collect();
    let mut diagnostics = Vec::new();
    let (content, title, robots, kind) = match landing {
        Some((article, view)) => {
            let body = content::page(context, tag, path, article, view.half);
            let (rendered, found) = content::translation(view, &body);
            diagnostics = found;
            (
                rendered.html,
                view.title().to_string(),
                view.document.front.robots.clone(),
                if view.document.kind == PageKind::Landing {
                    "landing"
                } else {
                    "index"
                },
            )
        }
        None => (String::new(), site.locale_name(tag), None, "index"),
    };
    let alternates = site
        .tags
        .iter()
        .map(|t| site.alternate(t, &format!("{t}/index.html"), &root, tag))
        .collect();
    let page = PageContext {
        kind,
        lang: tag.to_string(),
        dir: site.direction(tag).as_str(),
        title,
        locale_name: site.locale_name(tag),
        content,
        breadcrumb: nav::breadcrumb(site, tag, path, None),
        alternates,
        x_default: Some(
            site.url("index.html")
                .unwrap_or(format!("{root}index.html")),
        ),
        canonical: site.url(path),
        robots,
        nav: nav::tree(site, tag, path, None),
        articles,
        root,
        ..PageContext::default()
    };
    (page, diagnostics)
}

/// Every locale with a link from `root` and its number of articles.
fn locales(site: &Site, root: &str) -> Vec<LocaleLink> {
    site.tags
        .iter()
        .map(|tag| LocaleLink {
            tag: tag.to_string(),
            name: site.locale_name(tag),
            dir: site.direction(tag).as_str(),
            href: format!("{root}{tag}/index.html"),
            articles: site.order(tag).len(),
        })
        .collect()
}

/// The root page, listing the locales.
pub fn root(site: &Site) -> PageContext {
    PageContext {
        kind: "root",
        lang: site.english().to_string(),
        dir: "ltr",
        title: site.book.config.title.clone(),
        canonical: site.url("index.html"),
        locales: locales(site, ""),
        ..PageContext::default()
    }
}

/// The page a server shows for a missing path under locale `tag` (`<tag>/404.html`), or
/// anywhere else (`404.html`, in the source locale's language). Its links start at the site's
/// root URL (the `site-url`, else the server's root), since it is served at any depth.
pub fn not_found(site: &Site, tag: Option<&str>) -> PageContext {
    let root = site
        .book
        .config
        .site_url
        .as_deref()
        .map_or("/".to_string(), |u| format!("{}/", u.trim_end_matches('/')));
    let lang = tag.unwrap_or(site.english());
    PageContext {
        kind: "not-found",
        lang: lang.to_string(),
        dir: site.direction(lang).as_str(),
        title: "Page not found".to_string(),
        robots: Some("noindex".to_string()),
        locale_name: tag.map(|t| site.locale_name(t)).unwrap_or_default(),
        breadcrumb: tag
            .map(|t| {
                vec![Crumb {
                    title: site.locale_name(t),
                    href: Some(format!("{root}{t}/index.html")),
                }]
            })
            .unwrap_or_default(),
        locales: locales(site, &root),
        root,
        ..PageContext::default()
    }
}
