//! An article's page in one locale: a translation with its English on demand and its banners
//! (machine translation, stale translation), or the English page itself; YAML pages (landing,
//! FAQ) are articles of their own kind.

use crate::align::Status;
use crate::book::Article;
use crate::diagnostic::Diagnostic;
use crate::parse::{Format, Half, PageKind};

use super::content::{self, Context};
use super::context::{PageContext, Stale};
use super::nav;
use super::site::{Site, root_prefix};

/// The page of `article` in locale `tag` (the source locale for the English page), and what
/// its markdown had to say.
pub fn page(
    context: &Context,
    article: &Article,
    tag: &str,
) -> Option<(PageContext, Vec<Diagnostic>)> {
    let site = context.site;
    let view = site.view(article, tag)?;
    let document = view.document;
    let path = article.page(tag);
    let root = root_prefix(&path);
    let english = tag == site.english();
    let body = content::page(context, tag, &path, article, view.half);
    let (rendered, diagnostics) = content::translation(view, &body);
    let alternates = site.alternates(article, &root, tag);
    let english_page = alternates.iter().find(|a| a.tag == site.english());
    let english_href = (!english)
        .then(|| english_page.map(|a| a.href.clone()))
        .flatten();
    let x_default = Some(english_page.map_or_else(
        || {
            site.url("index.html")
                .unwrap_or(format!("{root}index.html"))
        },
        |a| a.url.clone(),
    ));
    let index = site
        .book
        .articles
        .binary_search_by(|a| a.path.cmp(&article.path))
        .ok()?;
    let (previous, next) = site.neighbours(tag, index, &path);
    let title = view.title().to_string();
    let english_content = (!english)
        .then(|| english_side(article, &body, view.half))
        .flatten();
    let page = PageContext {
        kind: match (document.kind, english) {
            (PageKind::Landing, _) => "landing",
            (PageKind::Faq, _) => "faq",
            (PageKind::Article, true) => "source",
            (PageKind::Article, false) => "article",
        },
        lang: tag.to_string(),
        dir: site.direction(tag).as_str(),
        locale_name: site.locale_name(tag),
        content: rendered.html,
        headings: rendered
            .headings
            .into_iter()
            .filter(|h| (2..=3).contains(&h.level))
            .collect(),
        breadcrumb: nav::breadcrumb(site, tag, &path, Some((&article.path, &title))),
        title,
        alternates,
        x_default,
        canonical: site.url(&path),
        english_href,
        machine_translated: !english && document.front.is_machine_translated(),
        stale: (!english).then(|| staleness(site, article, tag)).flatten(),
        english_content,
        segments: !english && !view.segments().is_empty(),
        robots: document.front.robots.clone(),
        nav: nav::tree(site, tag, &path, Some(&article.path)),
        previous,
        next,
        updated: document
            .front
            .date
            .as_deref()
            .and_then(|d| crate::i18n::date::format(tag, d)),
        root,
        ..PageContext::default()
    };
    Some((page, diagnostics))
}

/// The English a translation is read beside: its own English half when it is sxs, else the
/// article's English of record.
fn english_side(article: &Article, body: &content::Page, half: Half) -> Option<String> {
    let document = article.document(body.tag)?;
    let view = if document.format == Format::Sxs && half == Half::Target {
        crate::parse::View::new(document, Half::Source)
    } else {
        article.english()?
    };
    Some(content::english(view, body))
}

/// Whether the translation of `article` into `tag` was made from another English than the
/// article's English of record, from the alignment.
fn staleness(site: &Site, article: &Article, tag: &str) -> Option<Stale> {
    let document = article.document(tag)?;
    let english = article.english()?;
    if std::ptr::eq(english.document, document) {
        return None;
    }
    let aligned = site.aligned(article, tag);
    let other_commit = article.source.is_none()
        && matches!(
            (&document.front.source_commit, &english.document.front.source_commit),
            (Some(a), Some(b)) if a != b
        );
    let changed = aligned.map_or(0, |a| a.count(Status::Drift));
    let freshness = aligned.and_then(|a| a.freshness).filter(|f| *f < 100.0);
    (other_commit || changed > 0 || freshness.is_some()).then_some(Stale {
        changed,
        other_commit,
        freshness,
    })
}
