//! Lookup tables built once per check run: which articles and media files each locale has
//! (the English source counted as a locale of its own), with a case-folded twin to tell
//! "missing" from "differs only in letter case", and the folders to look in for other files.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::Path;

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
    /// Articles of every locale; the English source's under the source locale's tag.
    pub articles: Names<'b>,
    /// Media of every locale; under the source locale's tag, every locale's media, as the site
    /// copies them for the English pages.
    pub media: Names<'b>,
    /// The tags of the locales, sorted.
    locales: Vec<&'b str>,
    /// The folders of each locale; every folder for the source locale.
    roots: BTreeMap<&'b str, Vec<&'b Path>>,
}

impl<'b> Index<'b> {
    pub fn new(book: &'b Book) -> Index<'b> {
        let source = book.config.source_locale.as_str();
        let mut articles = Names::default();
        for document in &book.documents {
            articles.insert(&document.locale, &document.path);
        }
        for (path, documents) in book.articles() {
            if Book::english_source(&documents).is_some() {
                articles.insert(source, path);
            }
        }
        let mut media = Names::default();
        for item in &book.media {
            media.insert(&item.locale, &item.path);
            media.insert(source, &item.path);
        }
        let mut roots: BTreeMap<&str, Vec<&Path>> = BTreeMap::new();
        for locale in &book.locales {
            roots.entry(&locale.tag).or_default().push(&locale.root);
            roots.entry(source).or_default().push(&locale.root);
        }
        let mut locales: Vec<&str> = book.locales.iter().map(|l| l.tag.as_str()).collect();
        locales.sort_unstable();
        Index {
            articles,
            media,
            locales,
            roots,
        }
    }

    /// The locales other than `locale` whose `names` have `path`.
    pub fn other_locales(&self, names: &Names, locale: &str, path: &str) -> Vec<&'b str> {
        self.locales
            .iter()
            .copied()
            .filter(|&other| other != locale && names.lookup(other, path) == Lookup::Found)
            .collect()
    }

    /// Whether a file that is neither an article nor media (an include fragment, `TOC.yml`, a
    /// download) is on disk in a folder of `locale`.
    pub fn on_disk(&self, locale: &str, path: &str) -> bool {
        self.roots
            .get(locale)
            .is_some_and(|roots| roots.iter().any(|root| root.join(path).is_file()))
    }
}
