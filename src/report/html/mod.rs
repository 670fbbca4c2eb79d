//! The alignment as HTML, for translators: a dashboard ([`dashboard`]: completeness per
//! locale, what needs attention, a review page per locale) and a page per article
//! ([`article`]: the English and every locale side by side, plain blocks beside the segments
//! they translate, each row with its check findings ([`findings`]), filterable by status,
//! locale and finding code).
//!
//! The pages' own words come from the theme's string tables (`t.report_*`); statuses and
//! finding codes are shown by their stable names.

mod article;
mod dashboard;
mod diff;
pub mod findings;

use std::cmp::Ordering;
use std::path::Path;

use rayon::prelude::*;
use serde::Serialize;

use crate::align::{Alignment, Verdict};
use crate::code::Code;
use crate::diagnostic::Diagnostic;
use crate::parse::Format;
use crate::theme::Theme;
pub use findings::Findings;

/// Below this confidence a plain pair is flagged as worth a look.
pub const LOW_CONFIDENCE: f64 = 0.5;

/// The language of the report pages' own words.
const LANG: &str = "en";

/// What every report page has: base.html's fields, then the page's own.
#[derive(Serialize)]
struct Frame<T: Serialize> {
    kind: &'static str,
    lang: &'static str,
    dir: &'static str,
    title: String,
    root: String,
    alternates: Vec<()>,
    breadcrumb: Vec<Crumb>,
    dashboard_href: String,
    #[serde(flatten)]
    body: T,
}

#[derive(Serialize)]
struct Crumb {
    title: String,
    href: Option<String>,
}

fn verdict_name(verdict: Verdict) -> &'static str {
    match verdict {
        Verdict::Complete => "complete",
        Verdict::NeedsReview => "needs-review",
        Verdict::Incomplete => "incomplete",
        Verdict::Plain => "plain",
    }
}

fn format_name(format: Format) -> &'static str {
    match format {
        Format::Sxs => "sxs",
        Format::Plain => "plain",
    }
}

/// The report page of an article, relative to the reports folder.
pub fn article_path(article: &str) -> String {
    format!(
        "articles/{}.html",
        article.strip_suffix(".md").unwrap_or(article)
    )
}

/// Renders the dashboard (`index.html`), a review page per locale (`locales/<tag>.html`) and
/// one page per article (only those `wanted` says, when given), with the check `findings`
/// placed on their rows, and hands each page to `sink` (its path relative to the reports
/// folder, and its HTML) as soon as it is rendered, in parallel; returns how many there were.
/// `site_root` is the relative path from the reports folder to the folder holding `static/`
/// (`"../"` inside a built site). A template error, or the first error of `sink`, stops it.
pub fn pages(
    alignment: &Alignment,
    findings: &Findings,
    theme: &Theme,
    site_title: &str,
    site_root: &str,
    wanted: Option<&(dyn Fn(&str) -> bool + Sync)>,
    sink: &(dyn Fn(&str, &str) -> Result<(), Diagnostic> + Sync),
) -> Result<usize, Diagnostic> {
    let mut tags: Vec<String> = alignment
        .articles
        .iter()
        .flat_map(|a| a.locales.iter().map(|l| l.locale.clone()))
        .collect();
    tags.sort();
    tags.dedup();
    let out_of = Renderer {
        theme,
        site_title,
        site_root,
        report_title: theme.strings().get(LANG, "alignment_report").to_string(),
    };
    let written = |(path, html): (String, String)| sink(&path, &html);
    let (dashboard, locales) = dashboard::bodies(alignment, findings, &tags);
    let title = out_of.report_title.clone();
    written(out_of.render("report.html", "index.html".into(), &title, dashboard)?)?;
    let overviews = locales.len();
    for (tag, body) in locales {
        let path = dashboard::locale_path(&tag);
        written(out_of.render("report-locale.html", path, &tag, body)?)?;
    }
    let articles = alignment
        .articles
        .par_iter()
        .filter(|article| wanted.is_none_or(|wanted| wanted(&article.article)))
        .map(|article| {
            let path = article_path(&article.article);
            let body = article::body(article, findings);
            written(out_of.render("report-article.html", path, &article.article, body)?)
        })
        .try_fold(|| 0, |count, page| page.map(|()| count + 1))
        .try_reduce(|| 0, |a, b| Ok(a + b))?;
    Ok(1 + overviews + articles)
}

/// Renders report pages with the theme.
struct Renderer<'a> {
    theme: &'a Theme,
    site_title: &'a str,
    site_root: &'a str,
    report_title: String,
}

impl Renderer<'_> {
    /// The page at `path` (relative to the reports folder): `body` in its frame, through
    /// `template`.
    fn render<T: Serialize>(
        &self,
        template: &str,
        path: String,
        title: &str,
        body: T,
    ) -> Result<(String, String), Diagnostic> {
        let depth = "../".repeat(path.matches('/').count());
        let breadcrumb = if path == "index.html" {
            Vec::new()
        } else {
            vec![
                Crumb {
                    title: self.report_title.clone(),
                    href: Some(format!("{depth}index.html")),
                },
                Crumb {
                    title: title.to_string(),
                    href: None,
                },
            ]
        };
        let page = Frame {
            kind: "report",
            lang: LANG,
            dir: "ltr",
            title: title.to_string(),
            root: format!("{depth}{}", self.site_root),
            alternates: Vec::new(),
            breadcrumb,
            dashboard_href: format!("{depth}index.html"),
            body,
        };
        let mut context = tera::Context::new();
        context.insert("site", &serde_json::json!({ "title": self.site_title }));
        context.insert("page", &page);
        let html = self
            .theme
            .render(template, LANG, &context)
            .map_err(|e| Diagnostic::error(Code::Template, Path::new(template), (0, 0), e))?;
        Ok((path, html))
    }
}

/// Compares two paths as a reader does: runs of digits by their number (`step-2` before
/// `step-10`), everything else character by character.
pub fn natural_cmp(a: &str, b: &str) -> Ordering {
    let (mut a, mut b) = (a, b);
    loop {
        let (Some(x), Some(y)) = (a.chars().next(), b.chars().next()) else {
            return a.len().cmp(&b.len());
        };
        if x.is_ascii_digit() && y.is_ascii_digit() {
            let digits = |s: &str| s.find(|c: char| !c.is_ascii_digit()).unwrap_or(s.len());
            let (da, db) = (digits(a), digits(b));
            let (na, nb) = (
                a[..da].trim_start_matches('0'),
                b[..db].trim_start_matches('0'),
            );
            let order = na.len().cmp(&nb.len()).then_with(|| na.cmp(nb));
            if order != Ordering::Equal {
                return order;
            }
            (a, b) = (&a[da..], &b[db..]);
        } else if x != y {
            return x.cmp(&y);
        } else {
            (a, b) = (&a[x.len_utf8()..], &b[y.len_utf8()..]);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_sort_naturally() {
        let mut paths = vec![
            "step-10.md",
            "step-2.md",
            "b.md",
            "a/z.md",
            "step-02b.md",
            "step-1.md",
        ];
        paths.sort_by(|a, b| natural_cmp(a, b));
        assert_eq!(
            paths,
            [
                "a/z.md",
                "b.md",
                "step-1.md",
                "step-2.md",
                "step-02b.md",
                "step-10.md"
            ]
        );
        assert_eq!(natural_cmp("x", "x"), Ordering::Equal);
    }
}
