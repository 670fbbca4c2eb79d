//! The dashboard (completeness per locale as an inline SVG chart, readable without JavaScript,
//! and what needs attention) and one review page per locale listing its articles that need
//! attention. On a small book the dashboard lists those articles itself; on a large one each
//! locale's page does, so that no page carries every article of every locale.
//!
//! A locale of an article needs attention when it is incomplete or needs review (missing,
//! untranslated, extra, drifted or empty segments), when it is a plain translation aligned with
//! English of another commit, when it is stale (freshness below 100), when check found
//! something in it, or when the block alignment is unsure of a pair.

use std::collections::BTreeMap;

use serde::Serialize;

use super::findings::Findings;
use super::{LOW_CONFIDENCE, article_path, natural_cmp, verdict_name};
use crate::align::{Alignment, ArticleAlignment, LocaleAlignment, Status, Verdict};
use crate::code::Code;

/// Width of the chart's bar area, in SVG units.
const BAR_WIDTH: f64 = 480.0;
const BAR_X: f64 = 70.0;
const ROW_HEIGHT: usize = 26;
/// The dashboard lists the articles that need attention itself up to this many.
const LIST_LIMIT: usize = 100;

/// One locale of one article, as the review lists judge it.
struct Review<'a> {
    article: &'a ArticleAlignment,
    locale: &'a LocaleAlignment,
    codes: BTreeMap<Code, usize>,
    low_confidence: usize,
}

impl<'a> Review<'a> {
    fn new(
        article: &'a ArticleAlignment,
        locale: &'a LocaleAlignment,
        findings: &Findings,
    ) -> Self {
        Review {
            article,
            locale,
            codes: findings
                .of_file(&locale.file)
                .map(|f| f.codes())
                .unwrap_or_default(),
            low_confidence: locale
                .segments
                .iter()
                .filter(|s| s.confidence.is_some_and(|c| c < LOW_CONFIDENCE))
                .count(),
        }
    }

    fn other_commit(&self) -> bool {
        self.locale
            .english_sibling
            .as_ref()
            .is_some_and(|s| !s.same_commit)
    }

    fn stale(&self) -> bool {
        self.locale.freshness.is_some_and(|f| f < 100.0)
    }

    fn findings(&self) -> usize {
        self.codes.values().sum()
    }

    fn needs_attention(&self) -> bool {
        matches!(
            self.locale.verdict,
            Verdict::Incomplete | Verdict::NeedsReview
        ) || self.other_commit()
            || self.stale()
            || self.findings() > 0
            || self.low_confidence > 0
    }

    /// The cell this locale of the article has in a review list.
    fn cell(&self) -> ReviewCell {
        let counts = |pairs: Vec<(&'static str, usize)>| {
            pairs
                .into_iter()
                .filter(|(_, n)| *n > 0)
                .map(|(name, count)| Count { name, count })
                .collect::<Vec<_>>()
        };
        let statuses = counts(
            Status::ALL
                .iter()
                .map(|s| (s.as_str(), self.locale.count(*s)))
                .collect(),
        );
        let codes = counts(self.codes.iter().map(|(c, n)| (c.name(), *n)).collect());
        let names = |counts: &[Count]| counts.iter().map(|c| c.name).collect::<Vec<_>>().join(" ");
        ReviewCell {
            locale: self.locale.locale.clone(),
            verdict: verdict_name(self.locale.verdict),
            attention: self.needs_attention(),
            freshness: self.locale.freshness.map(|f| format!("{f:.1}")),
            stale: self.stale(),
            other_commit: self.other_commit(),
            low_confidence: self.low_confidence,
            findings: self.findings(),
            status_names: names(&statuses),
            code_names: names(&codes),
            statuses: statuses
                .into_iter()
                .filter(|c| c.name != Status::Ok.as_str())
                .collect(),
            codes,
        }
    }
}

/// A name and how many.
#[derive(Serialize, Clone)]
pub struct Count {
    pub name: &'static str,
    pub count: usize,
}

/// One locale of one article in a review list.
#[derive(Serialize, Clone)]
pub struct ReviewCell {
    pub locale: String,
    pub verdict: &'static str,
    pub attention: bool,
    pub freshness: Option<String>,
    pub stale: bool,
    pub other_commit: bool,
    pub low_confidence: usize,
    pub findings: usize,
    /// The statuses its segments have (`ok` included) and its finding codes, space-separated,
    /// for the filters.
    pub status_names: String,
    pub code_names: String,
    /// Its segments per status other than `ok`, and its findings per code.
    pub statuses: Vec<Count>,
    pub codes: Vec<Count>,
}

/// An article in the dashboard's review list: one cell per locale.
#[derive(Serialize)]
pub struct ArticleRow {
    pub path: String,
    pub href: String,
    pub cells: Vec<Slot>,
}

/// A locale's cell of an article row; no review where the article has no translation.
#[derive(Serialize, Clone)]
pub struct Slot {
    pub locale: String,
    pub review: Option<ReviewCell>,
}

#[derive(Serialize, Default, Clone)]
pub struct LocaleSummary {
    pub tag: String,
    pub href: String,
    pub y: usize,
    pub articles: usize,
    pub complete: usize,
    pub needs_review: usize,
    pub incomplete: usize,
    pub plain: usize,
    pub attention: usize,
    pub findings: usize,
    /// The mean freshness of its articles that have one.
    pub freshness: Option<String>,
    pub percent_ok: String,
    /// Its segments per status, those it has.
    pub bar: Vec<BarPart>,
}

#[derive(Serialize, Default, Clone)]
pub struct BarPart {
    pub status: &'static str,
    pub count: usize,
    pub x: String,
    pub width: String,
}

/// What the dashboard shows.
#[derive(Serialize)]
pub struct DashboardBody {
    pub article_count: usize,
    pub attention: usize,
    pub statuses: Vec<&'static str>,
    pub codes: Vec<&'static str>,
    pub locales: Vec<LocaleSummary>,
    pub chart_height: usize,
    pub with_freshness: bool,
    /// The articles that need attention, when few enough to list here.
    pub listed: bool,
    pub articles: Vec<ArticleRow>,
}

/// What one locale's review page shows.
#[derive(Serialize)]
pub struct LocaleBody {
    pub tag: String,
    pub statuses: Vec<&'static str>,
    pub codes: Vec<&'static str>,
    pub with_freshness: bool,
    pub rows: Vec<LocaleRow>,
}

#[derive(Serialize)]
pub struct LocaleRow {
    pub path: String,
    pub href: String,
    pub cell: ReviewCell,
}

/// The dashboard and each locale's review page (tag, body), from one pass over the alignment.
/// Links are relative to the reports folder.
pub fn bodies(
    alignment: &Alignment,
    findings: &Findings,
    tags: &[String],
) -> (DashboardBody, Vec<(String, LocaleBody)>) {
    let mut summaries: Vec<LocaleSummary> = tags
        .iter()
        .enumerate()
        .map(|(i, tag)| LocaleSummary {
            tag: tag.clone(),
            href: locale_path(tag),
            y: i * ROW_HEIGHT,
            ..LocaleSummary::default()
        })
        .collect();
    let mut status_totals = vec![BTreeMap::<Status, usize>::new(); tags.len()];
    let mut freshness = vec![(0.0, 0usize); tags.len()];
    let mut pages: Vec<LocaleBody> = tags
        .iter()
        .map(|tag| LocaleBody {
            tag: tag.clone(),
            statuses: statuses(),
            codes: Vec::new(),
            with_freshness: false,
            rows: Vec::new(),
        })
        .collect();
    let mut codes = std::collections::BTreeSet::new();
    let mut rows = Vec::new();
    let mut articles: Vec<&ArticleAlignment> = alignment.articles.iter().collect();
    articles.sort_by(|a, b| natural_cmp(&a.article, &b.article));
    for article in articles {
        let mut cells: Vec<Slot> = tags
            .iter()
            .map(|tag| Slot {
                locale: tag.clone(),
                review: None,
            })
            .collect();
        for locale in &article.locales {
            let Some(i) = tags.iter().position(|t| *t == locale.locale) else {
                continue;
            };
            let review = Review::new(article, locale, findings);
            let summary = &mut summaries[i];
            summary.articles += 1;
            match locale.verdict {
                Verdict::Complete => summary.complete += 1,
                Verdict::NeedsReview => summary.needs_review += 1,
                Verdict::Incomplete => summary.incomplete += 1,
                Verdict::Plain => summary.plain += 1,
            }
            summary.findings += review.findings();
            for (status, n) in &locale.counts {
                *status_totals[i].entry(*status).or_default() += n;
            }
            if let Some(f) = locale.freshness {
                freshness[i].0 += f;
                freshness[i].1 += 1;
            }
            codes.extend(review.codes.keys().map(|c| c.name()));
            let cell = review.cell();
            if cell.attention {
                summary.attention += 1;
                let page = &mut pages[i];
                page.codes.extend(review.codes.keys().map(|c| c.name()));
                page.rows.push(LocaleRow {
                    path: review.article.article.clone(),
                    href: format!("../{}", article_path(&review.article.article)),
                    cell: cell.clone(),
                });
            }
            cells[i].review = Some(cell);
        }
        if cells.iter().flat_map(|c| &c.review).any(|c| c.attention) {
            rows.push(ArticleRow {
                path: article.article.clone(),
                href: article_path(&article.article),
                cells,
            });
        }
    }
    for (i, summary) in summaries.iter_mut().enumerate() {
        chart_bar(summary, &status_totals[i]);
        let (sum, n) = freshness[i];
        summary.freshness = (n > 0).then(|| format!("{:.1}", sum / n as f64));
    }
    let with_freshness = summaries.iter().any(|s| s.freshness.is_some());
    for page in &mut pages {
        page.codes.sort_unstable();
        page.codes.dedup();
        page.with_freshness = with_freshness;
    }
    let dashboard = DashboardBody {
        article_count: alignment.articles.len(),
        attention: rows.len(),
        statuses: statuses(),
        codes: codes.into_iter().collect(),
        chart_height: summaries.len() * ROW_HEIGHT + 4,
        locales: summaries,
        with_freshness,
        listed: rows.len() <= LIST_LIMIT,
        articles: if rows.len() <= LIST_LIMIT {
            rows
        } else {
            Vec::new()
        },
    };
    (dashboard, tags.iter().cloned().zip(pages).collect())
}

/// The review page of locale `tag`, relative to the reports folder.
pub fn locale_path(tag: &str) -> String {
    format!("locales/{tag}.html")
}

fn statuses() -> Vec<&'static str> {
    Status::ALL.iter().map(|s| s.as_str()).collect()
}

/// The bar of one locale in the chart: its count per status.
fn chart_bar(summary: &mut LocaleSummary, totals: &BTreeMap<Status, usize>) {
    let total: usize = totals.values().sum();
    let mut x = BAR_X;
    for status in Status::ALL {
        let count = totals.get(&status).copied().unwrap_or(0);
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
        if count > 0 {
            summary.bar.push(part);
        }
        x += width;
    }
    let ok = totals.get(&Status::Ok).copied().unwrap_or(0);
    summary.percent_ok = if total == 0 {
        "–".into()
    } else {
        format!("{:.1}", 100.0 * ok as f64 / total as f64)
    };
}
