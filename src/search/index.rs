//! One locale's search index: every page's terms with a precomputed BM25 score, the vocabulary
//! a query is looked up in, and the compact script the browser loads.
//!
//! Scores: BM25 (k1 = 1.2, b = 0.75) over the body with heading words counted
//! [`HEADING_WEIGHT`] times, plus [`TITLE_BOOST`] × idf when the term is in the title, so a
//! title match outranks any number of mentions in the body. Scores are scaled to 1..=63 per
//! index: the query only adds and compares them.
//!
//! The script, `search/<locale>.js`, assigns one object to
//! `window.diglotSearchIndex["<locale>"]`, so it loads from `file://` with a `<script>` tag:
//!
//! - `d`: the pages, `[url relative to the site root, title, excerpt]`; a page's id is its place.
//! - `t`: the terms (stems, CJK bigrams), sorted as JavaScript compares strings.
//! - `p`: for each term, its postings as one string: per page the page id's distance from the
//!   previous one as a base-32 varint, then the score, in the alphabet [`DIGITS`].
//! - `w`: the words of the pages whose term differs from the word (`apparaten` → `apparat`),
//!   sorted; `m`: the index in `t` of each one's term. A query word is looked up in `w`, then
//!   in `t`, so it resolves to exactly the stem the build gave it; the word being typed is
//!   matched as a prefix of both.

use std::collections::HashMap;
use std::fmt::Write as _;

use rayon::prelude::*;

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

/// What one page contributes, before its words are stemmed.
struct Counted {
    /// Surface word → (weighted count in body and headings, in title, is CJK).
    words: HashMap<String, (f32, bool, bool)>,
    length: f32,
    doc: Doc,
}

/// Builds the index of one locale's pages.
pub fn build(tokenizer: &Tokenizer, pages: &[Page]) -> Index {
    let counted: Vec<Counted> = pages.par_iter().map(count).collect();

    let mut surfaces: Vec<&str> = counted
        .iter()
        .flat_map(|c| {
            c.words
                .iter()
                .filter(|(_, w)| !w.2)
                .map(|(s, _)| s.as_str())
        })
        .collect();
    surfaces.par_sort_unstable();
    surfaces.dedup();
    let stems: HashMap<&str, String> = surfaces
        .par_iter()
        .map(|&s| (s, tokenizer.stem(s)))
        .collect();

    // term → (doc, tf, in title)
    let mut by_term: HashMap<&str, Vec<(u32, f32, bool)>> = HashMap::new();
    for (id, page) in counted.iter().enumerate() {
        let mut terms: HashMap<&str, (f32, bool)> = HashMap::new();
        for (surface, &(tf, in_title, _)) in &page.words {
            let term = stems
                .get(surface.as_str())
                .map_or(surface.as_str(), String::as_str);
            let entry = terms.entry(term).or_default();
            entry.0 += tf;
            entry.1 |= in_title;
        }
        for (term, (tf, in_title)) in terms {
            by_term
                .entry(term)
                .or_default()
                .push((id as u32, tf, in_title));
        }
    }
    let mut terms: Vec<&str> = by_term.keys().copied().collect();
    terms.sort_unstable_by(|a, b| utf16_order(a, b));

    let docs = counted.len() as f32;
    let average = (counted.iter().map(|c| c.length).sum::<f32>() / docs.max(1.0)).max(1.0);
    let scored: Vec<Vec<(u32, f32)>> = terms
        .par_iter()
        .map(|term| {
            let mut postings = by_term[term].clone();
            postings.sort_unstable_by_key(|p| p.0);
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

    let position: HashMap<&str, u32> = terms
        .iter()
        .enumerate()
        .map(|(i, t)| (*t, i as u32))
        .collect();
    let mut variants: Vec<(String, u32)> = stems
        .iter()
        .filter(|(surface, stem)| **surface != stem.as_str())
        .map(|(surface, stem)| (surface.to_string(), position[stem.as_str()]))
        .collect();
    variants.sort_unstable_by(|a, b| utf16_order(&a.0, &b.0));

    Index {
        terms: terms.into_iter().map(str::to_string).collect(),
        postings,
        variants,
        docs: counted.into_iter().map(|c| c.doc).collect(),
    }
}

/// The order JavaScript compares strings in (UTF-16 code units), so the browser can binary
/// search the sorted vocabulary.
fn utf16_order(a: &str, b: &str) -> std::cmp::Ordering {
    a.encode_utf16().cmp(b.encode_utf16())
}

/// Counts the normalized words of one page by where they stand.
fn count(page: &Page) -> Counted {
    let fields = text::fields(page.markdown);
    let mut words: HashMap<String, (f32, bool, bool)> = HashMap::new();
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

impl Index {
    /// The script that registers this index as `locale`.
    pub fn to_script(&self, locale: &str) -> String {
        let json = |s: &str| serde_json::to_string(s).unwrap_or_default();
        let mut out = String::with_capacity(64 * 1024);
        let _ = write!(
            out,
            "(window.diglotSearchIndex=window.diglotSearchIndex||{{}})[{}]={{\"d\":[",
            json(locale)
        );
        for (i, doc) in self.docs.iter().enumerate() {
            let comma = if i == 0 { "" } else { "," };
            let _ = write!(
                out,
                "{comma}[{},{},{}]",
                json(&doc.url),
                json(&doc.title),
                json(&doc.excerpt)
            );
        }
        out.push_str("],\n\"t\":");
        out.push_str(&serde_json::to_string(&self.terms).unwrap_or_default());
        out.push_str(",\n\"p\":[");
        for (i, postings) in self.postings.iter().enumerate() {
            out.push_str(if i == 0 { "\"" } else { ",\"" });
            encode_postings(postings, &mut out);
            out.push('"');
        }
        out.push_str("],\n\"w\":[");
        for (i, (word, _)) in self.variants.iter().enumerate() {
            out.push_str(if i == 0 { "" } else { "," });
            out.push_str(&json(word));
        }
        out.push_str("],\n\"m\":[");
        for (i, (_, term)) in self.variants.iter().enumerate() {
            let _ = write!(out, "{}{term}", if i == 0 { "" } else { "," });
        }
        out.push_str("]};\n");
        out
    }
}

/// Appends postings as varint page-id gaps, each followed by its score digit.
fn encode_postings(postings: &[(u32, u8)], out: &mut String) {
    let mut previous = 0;
    for &(doc, score) in postings {
        encode_number(doc - previous, out);
        previous = doc;
        out.push(DIGITS[usize::from(score & 63)] as char);
    }
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
        let mut out = String::new();
        encode_postings(&[(0, 1), (31, 63), (1000, 5)], &mut out);
        // gaps 0, 31 and 969 = 30 × 32 + 9: digit 30 continued ('-' is 32 + 30), then '9'
        assert_eq!(out, "01V_-95");
    }

    #[test]
    fn the_script_assigns_the_index_to_its_locale() {
        let ja = Tokenizer::for_locale("ja-JP");
        let index = build(&ja, &[page("ja-JP/a.html", "登録", "デバイス \"x\"")]);
        let script = index.to_script("ja-JP");
        assert!(script.starts_with(
            "(window.diglotSearchIndex=window.diglotSearchIndex||{})[\"ja-JP\"]={\"d\":[[\"ja-JP/a.html\",\"登録\",\"デバイス \\\"x\\\"\"]]"
        ));
        assert!(
            script.contains("\"t\":[\"x\",\"イス\",\"ス\",\"デバ\",\"バイ\",\"登録\",\"録\"]"),
            "{script}"
        );
    }
}
