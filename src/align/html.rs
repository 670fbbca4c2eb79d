//! The alignment as HTML, for translators: a dashboard with completeness charts (inline SVG,
//! readable without JavaScript) and a page per article showing the English and every locale
//! side by side, one row per segment, coloured by status and filterable by status and locale.

use std::collections::BTreeMap;

use serde::Serialize;

use super::{Alignment, ArticleAlignment, Status, Verdict};
use crate::locale;
use crate::theme::Theme;

/// Width of the chart's bar area, in SVG units.
const BAR_WIDTH: f64 = 480.0;
const BAR_X: f64 = 70.0;
const ROW_HEIGHT: usize = 26;

#[derive(Serialize, Default)]
struct Page {
    kind: &'static str,
    lang: &'static str,
    dir: &'static str,
    title: String,
    root: String,
    summary: String,
    statuses: Vec<&'static str>,
    locales: Vec<LocaleSummary>,
    chart_height: usize,
    articles: Vec<ArticleRow>,
    complete_count: usize,
    alternates: Vec<()>,
    breadcrumb: Vec<Crumb>,
    dashboard_href: String,
    english_from: Option<String>,
    mixed_commits: bool,
    rows: Vec<SegmentRow>,
}

#[derive(Serialize)]
struct Crumb {
    title: String,
    href: Option<String>,
}

#[derive(Serialize, Default, Clone)]
struct LocaleSummary {
    tag: String,
    format: &'static str,
    verdict: &'static str,
    y: usize,
    articles: usize,
    complete: usize,
    needs_review: usize,
    incomplete: usize,
    plain: usize,
    percent_ok: String,
    counts: Vec<BarPart>,
    bar: Vec<BarPart>,
}

#[derive(Serialize, Default, Clone)]
struct BarPart {
    status: &'static str,
    count: usize,
    x: String,
    width: String,
}

#[derive(Serialize)]
struct ArticleRow {
    path: String,
    href: String,
    verdicts: Vec<&'static str>,
}

#[derive(Serialize)]
struct SegmentRow {
    id: String,
    english: String,
    statuses: String,
    cells: Vec<Cell>,
}

#[derive(Serialize, Default)]
struct Cell {
    locale: String,
    dir: &'static str,
    status: &'static str,
    text: String,
    line: usize,
    merged_into: Option<String>,
}

fn verdict_name(verdict: Verdict) -> &'static str {
    match verdict {
        Verdict::Complete => "complete",
        Verdict::NeedsReview => "needs-review",
        Verdict::Incomplete => "incomplete",
        Verdict::Plain => "plain",
    }
}

/// The report page of an article, relative to the reports folder.
pub fn article_path(article: &str) -> String {
    format!(
        "articles/{}.html",
        article.strip_suffix(".md").unwrap_or(article)
    )
}

/// Renders the dashboard (`index.html`) and one page per article (only those `wanted` says,
/// when given). `site_root` is the relative path from the reports folder to the folder holding
/// `static/` (`"../"` inside a built site).
pub fn pages(
    alignment: &Alignment,
    theme: &Theme,
    site_title: &str,
    site_root: &str,
    wanted: Option<&dyn Fn(&str) -> bool>,
) -> Result<Vec<(String, String)>, String> {
    let statuses: Vec<&'static str> = Status::ALL.iter().map(|s| s.as_str()).collect();
    let tags: Vec<String> = {
        let mut tags: Vec<String> = alignment
            .articles
            .iter()
            .flat_map(|a| a.locales.iter().map(|l| l.locale.clone()))
            .collect();
        tags.sort();
        tags.dedup();
        tags
    };
    let mut out = Vec::with_capacity(alignment.articles.len() + 1);
    let dashboard = dashboard(alignment, &tags, &statuses, site_root);
    out.push((
        "index.html".to_string(),
        render(theme, "report.html", site_title, &dashboard)?,
    ));
    for article in &alignment.articles {
        if wanted.is_some_and(|wanted| !wanted(&article.article)) {
            continue;
        }
        let path = article_path(&article.article);
        let depth = "../".repeat(path.matches('/').count());
        let page = article_page(article, &statuses, &format!("{depth}{site_root}"), &depth);
        out.push((
            path,
            render(theme, "report-article.html", site_title, &page)?,
        ));
    }
    Ok(out)
}

fn render(theme: &Theme, template: &str, site_title: &str, page: &Page) -> Result<String, String> {
    let mut context = tera::Context::new();
    context.insert("site", &serde_json::json!({ "title": site_title }));
    context.insert("page", page);
    theme.render(template, page.lang, &context)
}

fn dashboard(
    alignment: &Alignment,
    tags: &[String],
    statuses: &[&'static str],
    root: &str,
) -> Page {
    let mut summaries: BTreeMap<&str, LocaleSummary> = tags
        .iter()
        .map(|t| {
            (
                t.as_str(),
                LocaleSummary {
                    tag: t.clone(),
                    ..LocaleSummary::default()
                },
            )
        })
        .collect();
    let mut counts: BTreeMap<&str, BTreeMap<Status, usize>> = BTreeMap::new();
    let mut articles = Vec::new();
    let mut complete_count = 0;
    for article in &alignment.articles {
        let mut verdicts = vec!["—"; tags.len()];
        let mut all_fine = true;
        for locale in &article.locales {
            let summary = summaries
                .get_mut(locale.locale.as_str())
                .expect("tag listed");
            summary.articles += 1;
            match locale.verdict {
                Verdict::Complete => summary.complete += 1,
                Verdict::NeedsReview => summary.needs_review += 1,
                Verdict::Incomplete => summary.incomplete += 1,
                Verdict::Plain => summary.plain += 1,
            }
            all_fine &= matches!(locale.verdict, Verdict::Complete | Verdict::Plain);
            let total = counts.entry(&locale.locale).or_default();
            for (status, n) in &locale.counts {
                *total.entry(*status).or_default() += n;
            }
            if let Some(i) = tags.iter().position(|t| *t == locale.locale) {
                verdicts[i] = verdict_name(locale.verdict);
            }
        }
        if all_fine {
            complete_count += 1;
        } else {
            articles.push(ArticleRow {
                path: article.article.clone(),
                href: article_path(&article.article),
                verdicts,
            });
        }
    }
    let locales: Vec<LocaleSummary> = summaries
        .into_values()
        .enumerate()
        .map(|(i, mut summary)| {
            let total_counts = counts.remove(summary.tag.as_str()).unwrap_or_default();
            let total: usize = total_counts.values().sum();
            let mut x = BAR_X;
            for status in Status::ALL {
                let count = total_counts.get(&status).copied().unwrap_or(0);
                let width = if total == 0 {
                    0.0
                } else {
                    BAR_WIDTH * count as f64 / total as f64
                };
                let part = BarPart {
                    status: status.as_str(),
                    count,
                    x: format!("{x:.1}"),
                    width: format!("{width:.1}"),
                };
                summary.counts.push(part.clone());
                if count > 0 {
                    summary.bar.push(part);
                }
                x += width;
            }
            let ok = total_counts.get(&Status::Ok).copied().unwrap_or(0);
            summary.percent_ok = if total == 0 {
                "–".into()
            } else {
                format!("{:.1}", 100.0 * ok as f64 / total as f64)
            };
            summary.y = i * ROW_HEIGHT;
            summary
        })
        .collect();
    Page {
        kind: "report",
        lang: "en",
        dir: "ltr",
        title: "Alignment report".into(),
        root: root.to_string(),
        summary: format!(
            "{} articles in {} locales; {} need attention in at least one locale.",
            alignment.articles.len(),
            locales.len(),
            articles.len()
        ),
        statuses: statuses.to_vec(),
        chart_height: locales.len() * ROW_HEIGHT + 4,
        locales,
        articles,
        complete_count,
        ..Page::default()
    }
}

fn segment_of<'a>(
    locale: &'a super::LocaleAlignment,
    id: &str,
) -> Option<&'a super::AlignedSegment> {
    locale.segments.iter().find(|s| s.id == id)
}

fn article_page(
    article: &ArticleAlignment,
    statuses: &[&'static str],
    root: &str,
    depth: &str,
) -> Page {
    let mut ids: Vec<&str> = article
        .locales
        .iter()
        .flat_map(|l| l.segments.iter().map(|s| s.id.as_str()))
        .collect();
    ids.sort_by_key(|id| super::text::id_order(id));
    ids.dedup();
    let english_locale = article.english_from.as_deref();
    let rows = ids
        .into_iter()
        .map(|id| {
            let english = article
                .locales
                .iter()
                .filter(|l| Some(l.locale.as_str()) == english_locale)
                .chain(article.locales.iter())
                .find_map(|l| segment_of(l, id))
                .map(|s| s.source.clone())
                .unwrap_or_default();
            let cells: Vec<Cell> = article
                .locales
                .iter()
                .map(|l| match segment_of(l, id) {
                    Some(s) => Cell {
                        locale: l.locale.clone(),
                        dir: locale::default_direction(&l.locale).as_str(),
                        status: s.status.as_str(),
                        text: s.target.clone(),
                        line: s.line,
                        merged_into: s.merged_into.clone(),
                    },
                    None => Cell {
                        locale: l.locale.clone(),
                        dir: locale::default_direction(&l.locale).as_str(),
                        ..Cell::default()
                    },
                })
                .collect();
            let mut row_statuses: Vec<&str> = cells
                .iter()
                .map(|c| c.status)
                .filter(|s| !s.is_empty())
                .collect();
            row_statuses.dedup();
            SegmentRow {
                id: id.to_string(),
                english,
                statuses: row_statuses.join(" "),
                cells,
            }
        })
        .collect();
    let locales = article
        .locales
        .iter()
        .map(|l| LocaleSummary {
            tag: l.locale.clone(),
            format: match l.format {
                crate::parse::Format::Sxs => "sxs",
                crate::parse::Format::Plain => "plain",
            },
            verdict: verdict_name(l.verdict),
            ..LocaleSummary::default()
        })
        .collect();
    Page {
        kind: "report",
        lang: "en",
        dir: "ltr",
        title: article.article.clone(),
        root: root.to_string(),
        statuses: statuses.to_vec(),
        locales,
        breadcrumb: vec![
            Crumb {
                title: "Alignment report".into(),
                href: Some(format!("{depth}index.html")),
            },
            Crumb {
                title: article.article.clone(),
                href: None,
            },
        ],
        dashboard_href: format!("{depth}index.html"),
        english_from: article.english_from.clone(),
        mixed_commits: article.mixed_commits,
        rows,
        ..Page::default()
    }
}
