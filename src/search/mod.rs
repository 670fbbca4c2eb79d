//! Offline search, one index per locale, built with the site.
//!
//! Every translated page is indexed in its locale, from the translation view only (the hidden
//! English half of an sxs file never is); the English source pages get their own index under
//! the source locale ([`index`] describes what it holds). Each index is written as scripts
//! ([`shards`]): `search/<locale>.js`, which `static/search.js` loads into the page when the
//! reader first uses the search box, and, for a big index, the shards and chunks under
//! `search/<locale>/` it loads as a query needs them. No fetch, so it works from `file://`.
//! Text becomes terms through [`tokenize`], which the browser script mirrors for queries.

pub mod index;
pub mod shards;
pub mod text;
pub mod tokenize;

use std::collections::HashSet;
use std::hash::{Hash, Hasher};
use std::path::Path;
use std::sync::{Arc, Mutex};

use rayon::prelude::*;
use rustc_hash::{FxHashMap, FxHasher};
use serde::Serialize;

use crate::book::Book;
use crate::code::Code;
use crate::diagnostic::Diagnostic;
use crate::output::Staging;
use index::{Counted, Page};
use tokenize::Tokenizer;

/// Each page's counted words from the last build, by locale and page, with a hash of the title
/// and text they were counted from: a rebuild counts again only the pages whose text changed
/// (parsing and tokenizing every page is most of an index's cost).
#[derive(Debug, Default)]
pub struct Counts {
    locales: Mutex<FxHashMap<String, PageCounts>>,
}

type PageCounts = FxHashMap<String, (u64, Arc<Counted>)>;

impl Counts {
    /// The counts of `pages` of `locale`, reused where the page's text is what it was.
    fn of(&self, locale: &str, pages: &[Page]) -> Vec<Arc<Counted>> {
        let known = self
            .locales
            .lock()
            .map(|mut locales| locales.remove(locale).unwrap_or_default())
            .unwrap_or_default();
        let fresh: Vec<(String, (u64, Arc<Counted>))> = pages
            .par_iter()
            .map(|page| {
                let mut hasher = FxHasher::default();
                (page.title, page.markdown).hash(&mut hasher);
                let hash = hasher.finish();
                let counted = match known.get(&page.url) {
                    Some((was, counted)) if *was == hash => counted.clone(),
                    _ => Arc::new(index::count(page)),
                };
                (page.url.clone(), (hash, counted))
            })
            .collect();
        let counted = fresh.iter().map(|(_, (_, c))| c.clone()).collect();
        if let Ok(mut locales) = self.locales.lock() {
            locales.insert(locale.to_string(), fresh.into_iter().collect());
        }
        counted
    }
}

/// One locale's index, written.
#[derive(Debug, Clone, Serialize)]
pub struct Written {
    pub locale: String,
    /// Path of the manifest relative to the site root.
    pub path: String,
    pub pages: usize,
    pub terms: usize,
    /// Scripts written: 1 when the index stays whole.
    pub files: usize,
    /// Bytes of all its scripts.
    pub bytes: usize,
}

/// The pages of each locale as the site shows them: every locale's translations, then the
/// English of record of every article that has one under the source locale.
pub fn pages(book: &Book) -> Vec<(String, Vec<Page<'_>>)> {
    let english = book.source_locale();
    let mut tags: Vec<&str> = book.locales.iter().map(|l| l.tag.as_str()).collect();
    tags.push(english);
    tags.into_iter()
        .map(|tag| {
            let pages = book
                .articles
                .iter()
                .filter_map(|article| {
                    let view = article.view(tag, english)?;
                    Some(Page {
                        url: article.page(tag),
                        title: view.title(),
                        markdown: view.text(),
                    })
                })
                .collect();
            (tag.to_string(), pages)
        })
        .collect()
}

/// Builds the index of every locale `wanted` says and writes it into `search/` of the site,
/// removing the shards of an earlier build that this one no longer has. `counts` keeps each
/// page's words for the next build.
pub fn write(
    book: &Book,
    staging: &Staging,
    wanted: &(dyn Fn(&str) -> bool + Sync),
    counts: &Counts,
) -> Result<Vec<Written>, Diagnostic> {
    pages(book)
        .into_par_iter()
        .filter(|(locale, _)| wanted(locale))
        .map(|(locale, pages)| {
            let counted = counts.of(&locale, &pages);
            let index = index::from_counted(&Tokenizer::for_locale(&locale), &counted);
            let scripts = shards::scripts(&index, &locale, &shards::Sizes::default());
            let fail = |path: &str, e: std::io::Error| {
                Diagnostic::error(
                    Code::Write,
                    Path::new(path),
                    (0, 0),
                    format!("cannot write: {e}"),
                )
            };
            scripts.par_iter().try_for_each(|s| {
                staging
                    .write(&s.path, s.text.as_bytes())
                    .map_err(|e| fail(&s.path, e))
            })?;
            remove_stale(staging, &locale, &scripts).map_err(|(path, e)| fail(&path, e))?;
            Ok(Written {
                path: format!("search/{locale}.js"),
                locale,
                pages: index.docs.len(),
                terms: index.terms.len(),
                files: scripts.len(),
                bytes: scripts.iter().map(|s| s.text.len()).sum(),
            })
        })
        .collect()
}

/// Removes the files of `search/<locale>/` that are not among `scripts` (an in-place rebuild
/// after the index shrank, or stopped being split).
fn remove_stale(
    staging: &Staging,
    locale: &str,
    scripts: &[shards::Script],
) -> Result<(), (String, std::io::Error)> {
    let folder = format!("search/{locale}");
    let Ok(entries) = staging.path(&folder).and_then(std::fs::read_dir) else {
        return Ok(());
    };
    let kept: HashSet<&str> = scripts.iter().map(|s| s.path.as_str()).collect();
    for entry in entries.flatten() {
        let path = format!("{folder}/{}", entry.file_name().to_string_lossy());
        if !kept.contains(path.as_str()) {
            staging.remove(&path).map_err(|e| (path, e))?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_rebuild_counts_only_the_pages_whose_text_changed_and_builds_the_same_index() {
        let page = |url: &str, title: &'static str, markdown: &'static str| Page {
            url: url.to_string(),
            title,
            markdown,
        };
        let before = [
            page("nl-NL/a.html", "Apparaat", "Registreer het apparaat."),
            page("nl-NL/b.html", "Printer", "De printer staat uit."),
        ];
        let after = [
            page("nl-NL/a.html", "Apparaat", "Verwijder het apparaat."),
            page("nl-NL/b.html", "Printer", "De printer staat uit."),
        ];
        let counts = Counts::default();
        let first = counts.of("nl-NL", &before);
        let second = counts.of("nl-NL", &after);
        assert!(
            !Arc::ptr_eq(&first[0], &second[0]),
            "the changed page was not counted again"
        );
        assert!(
            Arc::ptr_eq(&first[1], &second[1]),
            "the unchanged page was counted again"
        );
        let nl = Tokenizer::for_locale("nl-NL");
        let kept = index::from_counted(&nl, &second);
        let fresh = index::build(&nl, &after);
        assert_eq!(kept.terms, fresh.terms);
        assert_eq!(kept.postings, fresh.postings);
        assert_eq!(kept.docs, fresh.docs);
        assert!(kept.terms.iter().any(|t| t.starts_with("verwijder")));
        assert!(!kept.terms.iter().any(|t| t.starts_with("registr")));
    }

    #[test]
    fn the_hidden_english_half_is_not_indexed() {
        let text = "---\ntitle: Apparaat\n---\n# <span data-ttu-id=\"a-1\">Apparaat in behandeling</span><span class=\"sxs-lookup\"><span data-stu-id=\"a-1\">Device pending</span></span>\n\n<span data-ttu-id=\"a-2\">Registreer het apparaat.</span><span class=\"sxs-lookup\"><span data-stu-id=\"a-2\">Register the device.</span></span>\n";
        let (document, _) =
            crate::parse::parse_document("nl-NL", "a.md", Path::new("nl-NL/a.md"), text);
        let nl = Tokenizer::for_locale("nl-NL");
        let translated = index::build(
            &nl,
            &[Page {
                url: "nl-NL/a.html".into(),
                title: &document.title,
                markdown: &document.translation,
            }],
        );
        assert!(translated.terms.contains(&nl.stem("registreer")));
        for english in ["device", "register", "pending"] {
            assert!(
                !translated.terms.iter().any(|t| t.starts_with(english)),
                "{english} leaked into the Dutch index"
            );
        }
        assert!(!translated.docs[0].excerpt.contains("Register"));
    }

    #[test]
    fn a_rebuild_in_place_removes_the_parts_the_index_no_longer_has() {
        let dir = tempfile::tempdir().unwrap();
        let site = dir.path().join("book");
        crate::output::claim(&site).unwrap();
        let staging = Staging::in_place(&site).unwrap();
        for part in ["t0", "t1", "d0", "d7"] {
            staging
                .write(&format!("search/nl-NL/{part}.js"), b"old")
                .unwrap();
        }
        staging
            .write("search/da-DK/t0.js", b"other locale")
            .unwrap();
        let kept = [
            "search/nl-NL.js",
            "search/nl-NL/t0.js",
            "search/nl-NL/d0.js",
        ]
        .map(|path| shards::Script {
            path: path.to_string(),
            text: String::new(),
        });
        remove_stale(&staging, "nl-NL", &kept).unwrap();
        let mut left: Vec<String> = std::fs::read_dir(site.join("search/nl-NL"))
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        left.sort();
        assert_eq!(left, ["d0.js", "t0.js"]);
        assert!(site.join("search/da-DK/t0.js").is_file());

        // An index that stopped being split leaves no folder behind.
        remove_stale(&staging, "nl-NL", &kept[..1]).unwrap();
        assert!(!site.join("search/nl-NL").exists());
    }
}
