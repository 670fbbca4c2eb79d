//! What every page knows about the rest of the site: its locales (the translations and the
//! English), each locale's articles in reading order, where every page and resource is
//! published, and the alignment behind the stale banners.

use std::collections::{BTreeSet, HashMap};

use crate::align::{Alignment, LocaleAlignment};
use crate::book::{Article, Book};
use crate::load::Kind;
use crate::locale::Direction;
use crate::parse::View;
use crate::sanitize::Sanitizer;
use crate::toc::Target;

use super::context::{Alternate, Link};

/// The site of one book.
pub struct Site<'a> {
    pub book: &'a Book,
    pub alignment: &'a Alignment,
    /// The translated locales and the source locale, sorted.
    pub tags: Vec<&'a str>,
    /// What every page body goes through.
    pub sanitizer: Sanitizer,
    /// Each locale's articles (indexes into `book.articles`) in reading order: its tables of
    /// contents first, then by title.
    order: HashMap<&'a str, Vec<usize>>,
    /// Position of `(locale, article index)` in its reading order.
    position: HashMap<(&'a str, usize), usize>,
    /// Where each locale's resources are published: `(locale, path)` to a site path.
    resources: HashMap<(&'a str, &'a str), String>,
    /// The same, by path in lower case: a link written in another letter case still leads to
    /// the file (check reports it).
    folded: HashMap<(&'a str, String), String>,
}

impl<'a> Site<'a> {
    pub fn new(book: &'a Book, alignment: &'a Alignment) -> Site<'a> {
        let mut tags: Vec<&str> = book.locales.iter().map(|l| l.tag.as_str()).collect();
        tags.push(book.source_locale());
        tags.sort();
        tags.dedup();
        let mut site = Site {
            book,
            alignment,
            tags,
            sanitizer: Sanitizer::new(&book.config),
            order: HashMap::new(),
            position: HashMap::new(),
            resources: HashMap::new(),
            folded: HashMap::new(),
        };
        site.order_articles();
        site.place_resources();
        site
    }

    /// The source locale's tag.
    pub fn english(&self) -> &'a str {
        self.book.source_locale()
    }

    /// What a reader of `tag` sees of `article`.
    pub fn view(&self, article: &'a Article, tag: &str) -> Option<View<'a>> {
        article.view(tag, self.english())
    }

    /// The title of `article` in `tag`, if it exists there.
    pub fn title_in(&self, article: &'a Article, tag: &str) -> Option<&'a str> {
        self.view(article, tag).map(|v| v.title())
    }

    pub fn locale_name(&self, tag: &str) -> String {
        self.book
            .locale(tag)
            .map(|l| l.name.clone())
            .unwrap_or_else(|| crate::locale::default_name(tag))
    }

    pub fn direction(&self, tag: &str) -> Direction {
        self.book
            .locale(tag)
            .map_or_else(|| crate::locale::default_direction(tag), |l| l.dir)
    }

    /// `path` (from the site root) as an absolute URL under the `site-url`, if there is one.
    pub fn url(&self, path: &str) -> Option<String> {
        let base = self.book.config.site_url.as_deref()?;
        Some(format!("{}/{path}", base.trim_end_matches('/')))
    }

    /// The locales an article exists in, the source locale included when it has English.
    pub fn locales_of(&self, article: &Article) -> Vec<&'a str> {
        self.tags
            .iter()
            .copied()
            .filter(|tag| article.view(tag, self.english()).is_some())
            .collect()
    }

    /// The alignment of `article`'s translation into `tag`.
    pub fn aligned(&self, article: &Article, tag: &str) -> Option<&'a LocaleAlignment> {
        self.alignment.locale(&article.path, tag)
    }

    /// The articles of `tag` in reading order.
    pub fn order(&self, tag: &str) -> &[usize] {
        self.order.get(tag).map_or(&[], Vec::as_slice)
    }

    /// The same page in every locale that has it.
    pub fn alternates(&self, article: &Article, root: &str, current: &str) -> Vec<Alternate> {
        self.locales_of(article)
            .into_iter()
            .map(|tag| self.alternate(tag, &article.page(tag), root, current))
            .collect()
    }

    pub fn alternate(&self, tag: &str, page: &str, root: &str, current: &str) -> Alternate {
        Alternate {
            tag: tag.to_string(),
            name: self.locale_name(tag),
            href: format!("{root}{page}"),
            url: self.url(page).unwrap_or_else(|| format!("{root}{page}")),
            current: tag == current,
        }
    }

    /// The articles before and after article `index` in the reading order of `tag`.
    pub fn neighbours(&self, tag: &str, index: usize, page: &str) -> (Option<Link>, Option<Link>) {
        let (Some(order), Some(&at)) = (self.order.get(tag), self.position.get(&(tag, index)))
        else {
            return (None, None);
        };
        let link = |i: usize| {
            let article = &self.book.articles[*order.get(i)?];
            Some(Link {
                title: self.title_in(article, tag)?.to_string(),
                href: relative(page, &article.page(tag)),
            })
        };
        (at.checked_sub(1).and_then(link), link(at + 1))
    }

    /// Where the resource `path` used by a page of `tag` is published: the locale's own copy,
    /// else the English one.
    pub fn resource<'s>(&'s self, tag: &'s str, path: &'s str) -> Option<&'s str> {
        let exact = |tag: &'s str| self.resources.get(&(tag, path));
        let folded = |tag: &'s str| self.folded.get(&(tag, path.to_lowercase()));
        exact(tag)
            .or_else(|| exact(self.english()))
            .or_else(|| folded(tag))
            .or_else(|| folded(self.english()))
            .map(String::as_str)
    }

    /// Every resource to publish: `(site path, file on disk)`.
    pub fn resource_files(&self) -> Vec<(&str, &'a std::path::Path)> {
        let mut out: Vec<(&str, &std::path::Path)> = Vec::new();
        for (tag, files) in self.book.files.locales() {
            for file in files.values() {
                if let Some(site) = self.resources.get(&(tag, file.path.as_str()))
                    && site.starts_with(&format!("{tag}/"))
                {
                    out.push((site, &file.file));
                }
            }
        }
        if self.book.source.is_none() {
            // The English pages of a book without a source folder use the first locale's copy.
            let english = self.english();
            for (tag, files) in self.book.files.locales() {
                for file in files.values() {
                    if let Some(site) = self.resources.get(&(english, file.path.as_str()))
                        && self.first_owner(&file.path) == Some(tag)
                    {
                        out.push((site, &file.file));
                    }
                }
            }
        }
        out.sort();
        out
    }

    fn first_owner(&self, path: &str) -> Option<&'a str> {
        self.book
            .files
            .locales()
            .find(|(_, files)| files.get(path).is_some_and(|f| is_resource(&f.kind)))
            .map(|(tag, _)| tag)
    }

    fn place_resources(&mut self) {
        let english = self.english();
        let book = self.book;
        for (tag, files) in book.files.locales() {
            for file in files.values() {
                if let Kind::Resource { site } = &file.kind {
                    let mut owners = vec![tag];
                    if book.source.is_none() && !self.resources.contains_key(&(english, &file.path))
                    {
                        owners.push(english);
                    }
                    for owner in owners {
                        let published = format!("{owner}/{site}");
                        self.folded
                            .entry((owner, file.path.to_lowercase()))
                            .or_insert_with(|| published.clone());
                        self.resources
                            .insert((owner, file.path.as_str()), published);
                    }
                }
            }
        }
    }

    fn order_articles(&mut self) {
        let book = self.book;
        let by_path: HashMap<&str, usize> = book
            .articles
            .iter()
            .enumerate()
            .map(|(i, a)| (a.path.as_str(), i))
            .collect();
        for &tag in &self.tags {
            let mut listed: Vec<usize> = Vec::new();
            let mut seen: BTreeSet<usize> = BTreeSet::new();
            for toc in book.navigation.of(tag) {
                for (entry, _) in toc.flatten() {
                    if let Some(Target::Page(path)) = &entry.target
                        && let Some(&i) = by_path.get(path.as_str())
                        && !is_landing(&book.articles[i])
                        && self.view(&book.articles[i], tag).is_some()
                        && seen.insert(i)
                    {
                        listed.push(i);
                    }
                }
            }
            let mut rest: Vec<(String, usize)> = book
                .articles
                .iter()
                .enumerate()
                .filter(|(i, a)| !seen.contains(i) && !is_landing(a))
                .filter_map(|(i, a)| Some((self.title_in(a, tag)?.to_lowercase(), i)))
                .collect();
            rest.sort();
            listed.extend(rest.into_iter().map(|(_, i)| i));
            for (at, &i) in listed.iter().enumerate() {
                self.position.insert((tag, i), at);
            }
            self.order.insert(tag, listed);
        }
    }
}

/// Whether an article is a locale's landing text (`index.md`, or `index.yml`).
pub fn is_landing(article: &Article) -> bool {
    article.path == "index.md" || article.path == "index.yml"
}

fn is_resource(kind: &Kind) -> bool {
    matches!(kind, Kind::Resource { .. })
}

/// `../` once per folder between a page and the site root.
pub fn root_prefix(page: &str) -> String {
    "../".repeat(page.matches('/').count())
}

/// The relative URL from the page `from` to the site path `to` (both from the site root).
pub fn relative(from: &str, to: &str) -> String {
    let from_dirs: Vec<&str> = from.split('/').collect();
    let from_dirs = &from_dirs[..from_dirs.len() - 1];
    let to_parts: Vec<&str> = to.split('/').collect();
    let common = from_dirs
        .iter()
        .zip(&to_parts[..to_parts.len() - 1])
        .take_while(|(a, b)| a == b)
        .count();
    let mut out = "../".repeat(from_dirs.len() - common);
    out.push_str(&to_parts[common..].join("/"));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn relative_urls_climb_only_as_far_as_needed() {
        assert_eq!(relative("nl-NL/a.html", "nl-NL/b.html"), "b.html");
        assert_eq!(relative("nl-NL/sub/a.html", "nl-NL/b.html"), "../b.html");
        assert_eq!(
            relative("de-DE/a.html", "en-US/images/x.png"),
            "../en-US/images/x.png"
        );
        assert_eq!(
            relative("index.html", "nl-NL/index.html"),
            "nl-NL/index.html"
        );
        assert_eq!(root_prefix("nl-NL/sub/b.html"), "../../");
        assert_eq!(root_prefix("index.html"), "");
    }
}
