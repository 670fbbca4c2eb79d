//! Lookup tables built once per check run: which articles and files each locale has (the
//! English source counted as a locale of its own), with a case-folded twin to tell "missing"
//! from "differs only in letter case".

use std::collections::{HashMap, HashSet};

use crate::book::Book;

/// What a lookup of a path in one locale found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lookup<'b> {
    Found,
    /// Not there, but this path differs from the one asked for only in letter case.
    OtherCase(&'b str),
    Missing,
}

/// The paths each locale has, exactly and case-folded.
#[derive(Debug, Default)]
pub struct Names<'b> {
    exact: HashSet<(&'b str, &'b str)>,
    folded: HashMap<(&'b str, String), &'b str>,
}

impl<'b> Names<'b> {
    fn insert(&mut self, locale: &'b str, path: &'b str) {
        if self.exact.insert((locale, path)) {
            self.folded
                .entry((locale, path.to_lowercase()))
                .or_insert(path);
        }
    }

    /// Whether `locale` has `path`, or a path that differs only in letter case.
    pub fn lookup(&self, locale: &str, path: &str) -> Lookup<'b> {
        if self.exact.contains(&(locale, path)) {
            Lookup::Found
        } else {
            match self.folded.get(&(locale, path.to_lowercase())) {
                Some(other) => Lookup::OtherCase(other),
                None => Lookup::Missing,
            }
        }
    }
}

/// Everything a link is resolved against.
#[derive(Debug)]
pub struct Index<'b> {
    /// Articles of every locale; the English of record's under the source locale's tag.
    pub articles: Names<'b>,
    /// Every other file of every locale folder (resources, includes, code samples, downloads);
    /// under the source locale's tag the source folder's, or, without one, every locale's (the
    /// site copies them for the English pages).
    pub files: Names<'b>,
    /// The tags of the translated locales, sorted.
    locales: Vec<&'b str>,
    /// The source locale's tag, when it has a folder to fall back on.
    source: Option<&'b str>,
}

impl<'b> Index<'b> {
    pub fn new(book: &'b Book) -> Index<'b> {
        let source = book.source_locale();
        let mut articles = Names::default();
        for article in &book.articles {
            for document in &article.documents {
                articles.insert(&document.locale, &article.path);
            }
            if article.english().is_some() {
                articles.insert(source, &article.path);
            }
        }
        let mut files = Names::default();
        for (tag, found) in book.files.locales() {
            for path in found.keys() {
                files.insert(tag, path);
                if book.source.is_none() {
                    files.insert(source, path);
                }
            }
        }
        let mut locales: Vec<&str> = book.locales.iter().map(|l| l.tag.as_str()).collect();
        locales.sort_unstable();
        Index {
            articles,
            files,
            locales,
            source: book.source.as_ref().map(|s| s.tag.as_str()),
        }
    }

    /// Whether a page of `locale` can use the file `path`: its own, or the English source's
    /// (the publisher's build takes what a localized repository lacks from the source).
    pub fn file(&self, locale: &str, path: &str) -> Lookup<'b> {
        let own = self.files.lookup(locale, path);
        match (own, self.source) {
            (Lookup::Found, _) | (_, None) => own,
            (_, Some(source)) => match self.files.lookup(source, path) {
                Lookup::Missing => own,
                from_source => from_source,
            },
        }
    }

    /// Whether the English source folder, which pages of every locale fall back on, exists.
    pub fn has_source(&self) -> bool {
        self.source.is_some()
    }

    /// The locales other than `locale` whose `names` have `path`.
    pub fn other_locales(&self, names: &Names, locale: &str, path: &str) -> Vec<&'b str> {
        self.locales
            .iter()
            .copied()
            .filter(|&other| other != locale && names.lookup(other, path) == Lookup::Found)
            .collect()
    }
}
