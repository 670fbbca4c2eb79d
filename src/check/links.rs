//! Internal links: relative `.md` links, `#fragment`s, root-relative links, media and `mailto:`,
//! resolved against the book. External URLs are collected, one entry per unique URL, for
//! [`super::external`].

use std::collections::BTreeMap;

use super::{Model, Place};
use crate::diagnostic::Diagnostic;

/// What the link checks found.
#[derive(Debug, Default)]
pub struct Found {
    pub diagnostics: Vec<Diagnostic>,
    /// Links and images seen.
    pub count: usize,
    /// Each external URL once, with every place it appears.
    pub external: BTreeMap<String, Vec<Place>>,
}

/// Checks every link of every view of `model`.
pub fn check(model: &Model) -> Found {
    // Stand-in until the link checks land: collects the external URLs only.
    let mut found = Found::default();
    for (article, view) in model.views() {
        for link in &view.outline.links {
            found.count += 1;
            if link.dest.starts_with("http://") || link.dest.starts_with("https://") {
                let (line, column) = view.position(link.offset);
                found
                    .external
                    .entry(link.dest.clone())
                    .or_default()
                    .push(Place {
                        locale: view.locale(model.book).to_string(),
                        article: article.to_string(),
                        file: view.document.file.clone(),
                        line,
                        column,
                    });
            }
        }
    }
    found
}
