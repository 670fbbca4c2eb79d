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
use std::path::Path;

use rayon::prelude::*;
use serde::Serialize;

use crate::book::Book;
use crate::code::Code;
use crate::diagnostic::Diagnostic;
use crate::output::Staging;
use index::Page;
use tokenize::Tokenizer;

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
/// removing the shards of an earlier build that this one no longer has.
pub fn write(
    book: &Book,
    staging: &Staging,
    wanted: &(dyn Fn(&str) -> bool + Sync),
) -> Result<Vec<Written>, Diagnostic> {
    pages(book)
        .into_par_iter()
        .filter(|(locale, _)| wanted(locale))
        .map(|(locale, pages)| {
            let index = index::build(&Tokenizer::for_locale(&locale), &pages);
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
