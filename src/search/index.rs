//! One locale's search index: every page's terms with a precomputed BM25 score, and the
//! vocabulary a query is looked up in. [`shards`](super::shards) writes it as the scripts the
//! browser loads.
//!
//! Scores: BM25 (k1 = 1.2, b = 0.75) over the body with heading words counted
//! [`HEADING_WEIGHT`] times, plus [`TITLE_BOOST`] × idf when the term is in the title, so a
//! title match outranks any number of mentions in the body. Scores are scaled to 1..=63 per
//! index: the query only adds and compares them.
//!
//! - Pages: `[url relative to the site root, title, excerpt]`; a page's id is its place.
//! - Terms (stems, CJK bigrams), sorted as JavaScript compares strings (UTF-16 code units), so
//!   the browser can binary-search them.
//! - Postings, for each term one string ([`encode_postings`]): per page the page id's distance
//!   from the previous one as a base-32 varint, then the score, in the alphabet [`DIGITS`].
//! - Variants: the words of the pages whose term differs from the word (`apparaten` →
//!   `apparat`), sorted, each with its term. A query word is looked up among them, then among
//!   the terms, so it resolves to exactly the stem the build gave it; the word being typed is
//!   matched as a prefix of both.

use std::sync::Arc;

use rayon::prelude::*;
use rustc_hash::FxHashMap;

use super::text;
use super::tokenize::{self, Tokenizer};

/// How many times a heading word counts in the body.
pub const HEADING_WEIGHT: f32 = 3.0;
/// What a title match adds, in units of the term's idf.
pub const TITLE_BOOST: f32 = 3.0;
/// Characters of body text shown under a result.
pub const EXCERPT_CHARS: usize = 160;
/// The alphabet of posting strings: digits 0..32 end a number, 32..64 continue it.
pub const DIGITS: &[u8; 64] = b"0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz-_";

const K1: f32 = 1.2;
const B: f32 = 0.75;

/// A page to index.
#[derive(Debug, Clone)]
pub struct Page<'a> {
    /// Path of the page relative to the site root.
    pub url: String,
    pub title: &'a str,
    pub markdown: &'a str,
}

/// A built index.
#[derive(Debug, Default)]
pub struct Index {
    pub docs: Vec<Doc>,
    /// Terms in UTF-16 order, and for each its postings `(doc, score 1..=63)` in doc order.
    pub terms: Vec<String>,
    pub postings: Vec<Vec<(u32, u8)>>,
    /// Words whose term differs from them, in UTF-16 order, with their term's index.
    pub variants: Vec<(String, u32)>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Doc {
    pub url: String,
    pub title: String,
    pub excerpt: String,
}

/// What one page contributes, before its words are stemmed: what a rebuild keeps of the pages
/// whose text did not change.
#[derive(Debug)]
pub struct Counted {
    /// Surface word → (weighted count in body and headings, in title, is CJK).
    words: FxHashMap<String, (f32, bool, bool)>,
    length: f32,
    doc: Doc,
}

/// Builds the index of one locale's pages.
///
/// Each distinct word of the locale is stemmed once; words and terms are numbered as they are
/// first met, so the postings are gathered by number, without hashing a word twice.
pub fn build(tokenizer: &Tokenizer, pages: &[Page]) -> Index {
    let counted: Vec<Arc<Counted>> = pages.par_iter().map(|p| Arc::new(count(p))).collect();
    from_counted(tokenizer, &counted)
}

/// Builds the index of one locale from its pages' counts, in page order.
pub fn from_counted(tokenizer: &Tokenizer, counted: &[Arc<Counted>]) -> Index {
    // Every distinct word once (with whether it is CJK), and each page's words by number.
    let mut numbers: FxHashMap<&str, u32> = FxHashMap::default();
    let mut surfaces: Vec<(&str, bool)> = Vec::new();
    let mut page_words: Vec<Vec<(u32, f32, bool)>> = Vec::with_capacity(counted.len());
    for page in counted {
        let mut words = Vec::with_capacity(page.words.len());
        for (surface, &(tf, in_title, cjk)) in &page.words {
            let number = *numbers.entry(surface).or_insert_with(|| {
                surfaces.push((surface, cjk));
                surfaces.len() as u32 - 1
            });
            words.push((number, tf, in_title));
        }
        page_words.push(words);
    }

    // Each word's stem when it differs from the word (a CJK term is its own).
    let stems: Vec<Option<String>> = surfaces
        .par_iter()
        .map(|&(surface, cjk)| {
            let stem = (!cjk).then(|| tokenizer.stem(surface));
            stem.filter(|stem| stem != surface)
        })
        .collect();
    let mut term_numbers: FxHashMap<&str, u32> = FxHashMap::default();
    let mut terms: Vec<&str> = Vec::new();
    let term_of: Vec<u32> = surfaces
        .iter()
        .zip(&stems)
        .map(|(&(surface, _), stem)| {
            let term = stem.as_deref().unwrap_or(surface);
            *term_numbers.entry(term).or_insert_with(|| {
                terms.push(term);
                terms.len() as u32 - 1
            })
        })
        .collect();

    // term → (doc, tf, in title), in doc order
    let page_terms: Vec<Vec<(u32, f32, bool)>> = page_words
        .par_iter()
        .map(|words| {
            let mut terms: Vec<(u32, f32, bool)> = words
                .iter()
                .map(|&(word, tf, in_title)| (term_of[word as usize], tf, in_title))
                .collect();
            terms.sort_unstable_by_key(|t| t.0);
            terms.dedup_by(|next, kept| {
                let same = next.0 == kept.0;
                if same {
                    kept.1 += next.1;
                    kept.2 |= next.2;
                }
                same
            });
            terms
        })
        .collect();
    let mut by_term: Vec<Vec<(u32, f32, bool)>> = vec![Vec::new(); terms.len()];
    for (doc, page) in page_terms.iter().enumerate() {
        for &(term, tf, in_title) in page {
            by_term[term as usize].push((doc as u32, tf, in_title));
        }
    }
    let mut order: Vec<u32> = (0..terms.len() as u32).collect();
    order.par_sort_unstable_by(|&a, &b| utf16_order(terms[a as usize], terms[b as usize]));

    let docs = counted.len() as f32;
    let average = (counted.iter().map(|c| c.length).sum::<f32>() / docs.max(1.0)).max(1.0);
    let scored: Vec<Vec<(u32, f32)>> = order
        .par_iter()
        .map(|&term| {
            let postings = &by_term[term as usize];
            let df = postings.len() as f32;
            let idf = (1.0 + (docs - df + 0.5) / (df + 0.5)).ln();
            postings
                .iter()
                .map(|&(doc, tf, in_title)| {
                    let norm = K1 * (1.0 - B + B * counted[doc as usize].length / average);
                    let body = tf * (K1 + 1.0) / (tf + norm);
                    let title = if in_title { TITLE_BOOST } else { 0.0 };
                    (doc, idf * (body + title))
                })
                .collect()
        })
        .collect();
    let top = scored
        .iter()
        .flatten()
        .map(|p| p.1)
        .fold(f32::MIN_POSITIVE, f32::max);
    let postings = scored
        .into_iter()
        .map(|list| {
            list.into_iter()
                .map(|(doc, score)| (doc, (score / top * 63.0).round().clamp(1.0, 63.0) as u8))
                .collect()
        })
        .collect();

    let mut position = vec![0u32; terms.len()];
    for (rank, &term) in order.iter().enumerate() {
        position[term as usize] = rank as u32;
    }
    let mut variants: Vec<(String, u32)> = surfaces
        .iter()
        .zip(&stems)
        .zip(&term_of)
        .filter(|((_, stem), _)| stem.is_some())
        .map(|(((surface, _), _), &term)| (surface.to_string(), position[term as usize]))
        .collect();
    variants.par_sort_unstable_by(|a, b| utf16_order(&a.0, &b.0));

    Index {
        terms: order
            .iter()
            .map(|&t| terms[t as usize].to_string())
            .collect(),
        postings,
        variants,
        docs: counted.iter().map(|c| c.doc.clone()).collect(),
    }
}

/// The order JavaScript compares strings in (UTF-16 code units), so the browser can binary
/// search the sorted vocabulary.
pub fn utf16_order(a: &str, b: &str) -> std::cmp::Ordering {
    a.encode_utf16().cmp(b.encode_utf16())
}

/// Counts the normalized words of one page by where they stand.
pub fn count(page: &Page) -> Counted {
    let fields = text::fields(page.markdown);
    let mut words: FxHashMap<String, (f32, bool, bool)> = FxHashMap::default();
    let mut length = 0.0;
    let mut add = |text: &str, weight: f32, in_title: bool| {
        let mut added = 0.0;
        tokenize::for_each_surface(&tokenize::normalize(text), |surface, cjk| {
            let entry = match words.get_mut(surface) {
                Some(entry) => entry,
                None => words
                    .entry(surface.to_string())
                    .or_insert((0.0, false, cjk)),
            };
            entry.0 += weight;
            entry.1 |= in_title;
            added += 1.0;
        });
        added
    };
    add(page.title, 0.0, true);
    add(&fields.headings, HEADING_WEIGHT, false);
    length += add(&fields.body, 1.0, false);
    Counted {
        words,
        length,
        doc: Doc {
            url: page.url.clone(),
            title: page.title.to_string(),
            excerpt: text::excerpt(&fields.body, EXCERPT_CHARS),
        },
    }
}

/// Postings as varint page-id gaps, each followed by its score digit.
pub fn encode_postings(postings: &[(u32, u8)]) -> String {
    let mut out = String::with_capacity(3 * postings.len());
    let mut previous = 0;
    for &(doc, score) in postings {
        encode_number(doc - previous, &mut out);
        previous = doc;
        out.push(DIGITS[usize::from(score & 63)] as char);
    }
    out
}

/// Base 32, most significant digit first; every digit but the last from the upper half.
fn encode_number(mut n: u32, out: &mut String) {
    let mut digits = [0u8; 7];
    let mut len = 0;
    loop {
        digits[len] = (n % 32) as u8;
        len += 1;
        n /= 32;
        if n == 0 {
            break;
        }
    }
    for (i, &digit) in digits[..len].iter().enumerate().rev() {
        let continues = if i > 0 { 32 } else { 0 };
        out.push(DIGITS[usize::from(digit + continues)] as char);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn page<'a>(url: &str, title: &'a str, markdown: &'a str) -> Page<'a> {
        Page {
            url: url.to_string(),
            title,
            markdown,
        }
    }

    fn score(index: &Index, term: &str, url: &str) -> Option<u8> {
        let t = index.terms.iter().position(|x| x == term)?;
        let d = index.docs.iter().position(|d| d.url == url)? as u32;
        index.postings[t].iter().find(|p| p.0 == d).map(|p| p.1)
    }

    #[test]
    fn a_title_match_outscores_many_mentions_in_the_body() {
        let nl = Tokenizer::for_locale("nl-NL");
        let index = build(
            &nl,
            &[
                page(
                    "nl-NL/a.html",
                    "Iets anders",
                    "Apparaat apparaat apparaten apparaat apparaat, en nog wat tekst.",
                ),
                page(
                    "nl-NL/b.html",
                    "Apparaat registreren",
                    "Stappen om het te doen, met veel meer woorden erbij.",
                ),
                page("nl-NL/c.html", "Niets", "Een pagina over iets heel anders."),
            ],
        );
        let stem = nl.stem("apparaat");
        let body_only = score(&index, &stem, "nl-NL/a.html").unwrap();
        let in_title = score(&index, &stem, "nl-NL/b.html").unwrap();
        assert!(in_title > body_only, "{in_title} <= {body_only}");
        assert_eq!(score(&index, &stem, "nl-NL/c.html"), None);
        let best = index.postings.iter().flatten().map(|p| p.1).max();
        assert_eq!(
            best,
            Some(63),
            "the best score of the index is the top of the scale"
        );
    }

    #[test]
    fn inflected_words_are_variants_of_their_stem() {
        let nl = Tokenizer::for_locale("nl-NL");
        let index = build(
            &nl,
            &[page(
                "nl-NL/a.html",
                "Apparaten",
                "Apparaten en registraties.",
            )],
        );
        let stem = nl.stem("apparaten");
        let variant = index.variants.iter().find(|v| v.0 == "apparaten").unwrap();
        assert_eq!(index.terms[variant.1 as usize], stem);
        assert!(index.variants.windows(2).all(|w| w[0].0 < w[1].0));
        assert!(index.terms.windows(2).all(|w| w[0] < w[1]));
    }

    #[test]
    fn the_vocabulary_is_in_javascript_order() {
        // U+FF71 (half-width katakana) sorts after U+20000 in UTF-16, before it in UTF-8.
        let index = build(
            &Tokenizer::for_locale("ja-JP"),
            &[page("a", "t", "\u{20000} ｱ")],
        );
        let terms: Vec<&str> = index.terms.iter().map(String::as_str).collect();
        assert_eq!(terms, ["t", "\u{20000}", "ｱ"]);
    }

    #[test]
    fn postings_encode_gaps_as_varints_and_scores_as_one_digit() {
        // gaps 0, 31 and 969 = 30 × 32 + 9: digit 30 continued ('-' is 32 + 30), then '9'
        assert_eq!(encode_postings(&[(0, 1), (31, 63), (1000, 5)]), "01V_-95");
    }
}
