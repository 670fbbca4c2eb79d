//! The navigation of a page: its locale's table of contents as a tree (the current page
//! marked, its sections open) and the breadcrumb.

use crate::toc::{Entry, Target, Toc};

use super::context::{Crumb, NavNode};
use super::site::{Site, relative};

/// The navigation tree of locale `tag` as seen from `page` (a site path), showing article
/// `current` (none on index pages): the table of contents serving that article, else the
/// locale's root one. Empty when the locale has none, or one with a single entry (the
/// breadcrumb says as much).
pub fn tree(site: &Site, tag: &str, page: &str, current: Option<&str>) -> Vec<NavNode> {
    let navigation = &site.book.navigation;
    let toc = match current {
        Some(path) => navigation.toc_for(tag, path),
        None => navigation.root(tag),
    };
    let Some(toc) = toc.filter(|t| t.flatten().len() > 1) else {
        return Vec::new();
    };
    nodes(site, tag, page, current, &toc.entries)
}

fn nodes(
    site: &Site,
    tag: &str,
    page: &str,
    current: Option<&str>,
    entries: &[Entry],
) -> Vec<NavNode> {
    entries
        .iter()
        .map(|entry| {
            let children = nodes(site, tag, page, current, &entry.children);
            let (href, is_current) = match &entry.target {
                Some(Target::Page(path)) => {
                    let article = site.book.article(path);
                    let href = article
                        .filter(|a| site.view(a, tag).is_some())
                        .map(|a| relative(page, &a.page(tag)));
                    (href, current == Some(path.as_str()))
                }
                Some(Target::Url(url)) => (Some(url.clone()), false),
                Some(Target::File(_)) | None => (None, false),
            };
            let holds_current = children.iter().any(|c| c.current || holds(c));
            NavNode {
                title: entry.title.clone(),
                href,
                current: is_current,
                open: entry.expanded || holds_current,
                children,
            }
        })
        .collect()
}

/// Whether the current page is somewhere below `node`.
fn holds(node: &NavNode) -> bool {
    node.children.iter().any(|c| c.current || holds(c))
}

/// The breadcrumb of a page of locale `tag`: the site, the locale, the TOC sections above
/// article `current`, and the page's own title.
pub fn breadcrumb(site: &Site, tag: &str, page: &str, current: Option<(&str, &str)>) -> Vec<Crumb> {
    let root = super::site::root_prefix(page);
    let mut crumbs = vec![Crumb {
        title: site.book.config.title.clone(),
        href: Some(format!("{root}index.html")),
    }];
    let locale = Crumb {
        title: site.locale_name(tag),
        href: Some(relative(page, &format!("{tag}/index.html"))),
    };
    let Some((path, title)) = current else {
        crumbs.push(Crumb {
            href: None,
            ..locale
        });
        return crumbs;
    };
    crumbs.push(locale);
    if let Some(toc) = site.book.navigation.toc_for(tag, path) {
        for entry in sections_above(toc, path) {
            let href = match &entry.target {
                Some(Target::Page(p)) => site
                    .book
                    .article(p)
                    .filter(|a| site.view(a, tag).is_some())
                    .map(|a| relative(page, &a.page(tag))),
                _ => None,
            };
            crumbs.push(Crumb {
                title: entry.title.clone(),
                href,
            });
        }
    }
    crumbs.push(Crumb {
        title: title.to_string(),
        href: None,
    });
    crumbs
}

/// The entries above the first entry for `path`, from the top level down.
fn sections_above<'t>(toc: &'t Toc, path: &str) -> Vec<&'t Entry> {
    fn find<'t>(entries: &'t [Entry], path: &str, trail: &mut Vec<&'t Entry>) -> bool {
        for entry in entries {
            if matches!(&entry.target, Some(Target::Page(p)) if p == path) {
                return true;
            }
            trail.push(entry);
            if find(&entry.children, path, trail) {
                return true;
            }
            trail.pop();
        }
        false
    }
    let mut trail = Vec::new();
    find(&toc.entries, path, &mut trail);
    trail
}
