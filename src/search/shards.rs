//! The scripts one locale's [`Index`] is written as, split when it is big so that a query loads
//! only the parts it needs.
//!
//! Every script assigns one value to `window.diglotSearchIndex[<key>]`, so the browser loads it
//! with a `<script>` tag, from `file://` as well as from a server. The key is the script's path
//! under `search/` without `.js`:
//!
//! - `search/<locale>.js`, the manifest, key `<locale>`:
//!   `{"v": 2, "n": pages, "c": pages per chunk, "k": [first key of each term shard], "i": {…}}`.
//! - `search/<locale>/t<n>.js`, term shard `n`, key `<locale>/t<n>`: the terms and the words
//!   from `k[n]` (inclusive) to `k[n + 1]` (exclusive) in JavaScript's string order:
//!   - `t`: its terms (stems, CJK bigrams), sorted; `p`: each term's postings, as in
//!     [`index`](super::index) (page-id gaps as base-32 varints, each followed by the score);
//!   - `s`: each term's other words (`apparaten apparaat` for `apparat`), space-separated: the
//!     words a result marks when the query matched the term;
//!   - `w`: the words whose term differs from them, sorted; `m`: each one's term. A query word
//!     is looked up in `w`, then in `t`, in the shard its own first characters pick; its term
//!     may live in another shard.
//! - `search/<locale>/d<n>.js`, doc chunk `n`, key `<locale>/d<n>`: pages `n × c` to
//!   `n × c + c - 1` as `[url relative to the site root, title, excerpt]`.
//!
//! An index of at most [`SPLIT_BYTES`] is not split: its manifest carries the one shard `t0`
//! and the one chunk `d0` inline, under `i`. A bigger one is cut into shards of about
//! [`SHARD_BYTES`] at the first characters of a key (`k` holds the shortest prefix that
//! separates a shard from the one before), and into chunks of about [`CHUNK_BYTES`]. A query
//! then loads the manifest, the shard of each of its words (and of their terms), and the
//! chunks of the results it shows. A CJK bigram is a key like any other: the bigrams of one
//! character sit together, so a one-character query reads one shard or two.

use std::fmt::Write as _;

use super::index::{Index, encode_postings, utf16_order};

/// The version of the layout, `v` in the manifest.
pub const VERSION: u32 = 2;
/// An index whose scripts would weigh more than this (bytes) is split.
pub const SPLIT_BYTES: usize = 1_000_000;
/// About how many bytes a term shard holds.
pub const SHARD_BYTES: usize = 16 * 1024;
/// About how many bytes a doc chunk holds: about ten pages, as many as a query shows.
pub const CHUNK_BYTES: usize = 4 * 1024;

/// One script of an index.
#[derive(Debug, Clone, PartialEq)]
pub struct Script {
    /// Path relative to the site root: `search/<locale>.js` or `search/<locale>/<part>.js`.
    pub path: String,
    pub text: String,
}

/// One key of the vocabulary: a term, a word that is a variant, or both (a string can be a
/// stem and also a word with another stem), with what it adds to a shard in bytes.
struct Entry<'a> {
    key: &'a str,
    term: bool,
    variant: bool,
    bytes: usize,
}

/// The scripts of `index` for `locale`: the manifest first, then the term shards, then the doc
/// chunks (none of either when the index is small enough to stay whole).
pub fn scripts(index: &Index, locale: &str, sizes: &Sizes) -> Vec<Script> {
    let surfaces = surfaces_of_terms(index);
    let postings: Vec<String> = index.postings.iter().map(|p| encode_postings(p)).collect();
    let entries = entries(index, &postings, &surfaces);
    let docs: Vec<String> = index.docs.iter().map(doc_json).collect();
    let vocabulary: usize = entries.iter().map(|e| e.bytes).sum();
    let doc_bytes: usize = docs.iter().map(|d| d.len() + 1).sum();
    let pages = index.docs.len();
    let manifest = |json: &str| Script {
        path: format!("search/{locale}.js"),
        text: assign(locale, json),
    };

    if vocabulary + doc_bytes <= sizes.split {
        let shard = shard_json(
            index,
            &postings,
            &surfaces,
            0..index.terms.len(),
            0..index.variants.len(),
        );
        return vec![manifest(&format!(
            "{{\"v\":{VERSION},\"n\":{pages},\"c\":{},\"k\":[\"\"],\"i\":{{\"t0\":{shard},\"d0\":[{}]}}}}",
            pages.max(1),
            docs.join(",")
        ))];
    }

    // How many terms and variants come before each entry: a range of entries is a range of each.
    let mut terms_before = Vec::with_capacity(entries.len() + 1);
    let mut variants_before = Vec::with_capacity(entries.len() + 1);
    let (mut terms, mut variants) = (0, 0);
    for entry in &entries {
        terms_before.push(terms);
        variants_before.push(variants);
        terms += usize::from(entry.term);
        variants += usize::from(entry.variant);
    }
    terms_before.push(terms);
    variants_before.push(variants);

    let mut keys = Vec::new();
    let mut scripts = vec![];
    for (n, range) in cut(&entries, sizes.shard).into_iter().enumerate() {
        keys.push(match range.start {
            0 => String::new(),
            start => separator(entries[start - 1].key, entries[start].key),
        });
        let key = format!("{locale}/t{n}");
        let json = shard_json(
            index,
            &postings,
            &surfaces,
            terms_before[range.start]..terms_before[range.end],
            variants_before[range.start]..variants_before[range.end],
        );
        scripts.push(Script {
            path: format!("search/{key}.js"),
            text: assign(&key, &json),
        });
    }

    let per_chunk = (sizes.chunk * pages / doc_bytes.max(1)).clamp(1, pages.max(1));
    for (n, chunk) in docs.chunks(per_chunk).enumerate() {
        let key = format!("{locale}/d{n}");
        scripts.push(Script {
            path: format!("search/{key}.js"),
            text: assign(&key, &format!("[{}]", chunk.join(","))),
        });
    }

    let keys = serde_json::to_string(&keys).unwrap_or_default();
    scripts.insert(
        0,
        manifest(&format!(
            "{{\"v\":{VERSION},\"n\":{pages},\"c\":{per_chunk},\"k\":{keys}}}"
        )),
    );
    scripts
}

/// The sizes the layout aims at; [`Sizes::default`] is the published one, tests shrink it.
#[derive(Debug, Clone, Copy)]
pub struct Sizes {
    pub split: usize,
    pub shard: usize,
    pub chunk: usize,
}

impl Default for Sizes {
    fn default() -> Sizes {
        Sizes {
            split: SPLIT_BYTES,
            shard: SHARD_BYTES,
            chunk: CHUNK_BYTES,
        }
    }
}

/// `(window.diglotSearchIndex=…)[key]=value;`
fn assign(key: &str, value: &str) -> String {
    format!(
        "(window.diglotSearchIndex=window.diglotSearchIndex||{{}})[{}]={value};\n",
        json(key)
    )
}

fn json(text: &str) -> String {
    serde_json::to_string(text).unwrap_or_default()
}

fn doc_json(doc: &super::index::Doc) -> String {
    format!(
        "[{},{},{}]",
        json(&doc.url),
        json(&doc.title),
        json(&doc.excerpt)
    )
}

/// For each term, its variants (the words indexed under it that differ from it), space-joined.
fn surfaces_of_terms(index: &Index) -> Vec<String> {
    let mut surfaces = vec![String::new(); index.terms.len()];
    for (word, term) in &index.variants {
        let list = &mut surfaces[*term as usize];
        if !list.is_empty() {
            list.push(' ');
        }
        list.push_str(word);
    }
    surfaces
}

/// The terms and variants merged in key order.
fn entries<'a>(index: &'a Index, postings: &[String], surfaces: &[String]) -> Vec<Entry<'a>> {
    let mut entries = Vec::with_capacity(index.terms.len() + index.variants.len());
    let (mut t, mut v) = (0, 0);
    while t < index.terms.len() || v < index.variants.len() {
        let order = match (index.terms.get(t), index.variants.get(v)) {
            (Some(term), Some((word, _))) => utf16_order(term, word),
            (Some(_), None) => std::cmp::Ordering::Less,
            _ => std::cmp::Ordering::Greater,
        };
        let mut entry = Entry {
            key: "",
            term: order.is_le(),
            variant: order.is_ge(),
            bytes: 0,
        };
        if entry.term {
            // the term, its postings and its words, quoted, with their commas
            entry.key = &index.terms[t];
            entry.bytes += entry.key.len() + postings[t].len() + surfaces[t].len() + 9;
            t += 1;
        }
        if entry.variant {
            let (word, term) = &index.variants[v];
            entry.key = word;
            entry.bytes += word.len() + index.terms[*term as usize].len() + 6;
            v += 1;
        }
        entries.push(entry);
    }
    entries
}

/// Consecutive ranges of entries of about `target` bytes each (the last may be smaller).
fn cut(entries: &[Entry], target: usize) -> Vec<std::ops::Range<usize>> {
    let mut ranges = Vec::new();
    let mut start = 0;
    let mut bytes = 0;
    for (i, entry) in entries.iter().enumerate() {
        bytes += entry.bytes;
        if bytes >= target {
            ranges.push(start..i + 1);
            start = i + 1;
            bytes = 0;
        }
    }
    if start < entries.len() || ranges.is_empty() {
        ranges.push(start..entries.len());
    }
    ranges
}

/// The shortest prefix of `next` that sorts after `previous` (`next` sorts after `previous`).
fn separator(previous: &str, next: &str) -> String {
    next.char_indices()
        .map(|(i, c)| &next[..i + c.len_utf8()])
        .find(|prefix| utf16_order(prefix, previous).is_gt())
        .unwrap_or(next)
        .to_string()
}

/// The JSON of the shard holding `terms` and `variants` (index ranges).
fn shard_json(
    index: &Index,
    postings: &[String],
    surfaces: &[String],
    terms: std::ops::Range<usize>,
    variants: std::ops::Range<usize>,
) -> String {
    let mut out = String::with_capacity(SHARD_BYTES + SHARD_BYTES / 4);
    out.push_str("{\"t\":[");
    for (n, t) in terms.clone().enumerate() {
        let _ = write!(out, "{}{}", comma(n), json(&index.terms[t]));
    }
    out.push_str("],\"p\":[");
    for (n, t) in terms.clone().enumerate() {
        let _ = write!(out, "{}\"{}\"", comma(n), postings[t]);
    }
    out.push_str("],\"s\":[");
    for (n, t) in terms.enumerate() {
        let _ = write!(out, "{}{}", comma(n), json(&surfaces[t]));
    }
    out.push_str("],\"w\":[");
    for (n, v) in variants.clone().enumerate() {
        let _ = write!(out, "{}{}", comma(n), json(&index.variants[v].0));
    }
    out.push_str("],\"m\":[");
    for (n, v) in variants.enumerate() {
        let term = &index.terms[index.variants[v].1 as usize];
        let _ = write!(out, "{}{}", comma(n), json(term));
    }
    out.push_str("]}");
    out
}

fn comma(n: usize) -> &'static str {
    if n == 0 { "" } else { "," }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::search::index::{Page, build};
    use crate::search::tokenize::Tokenizer;
    use serde_json::Value;

    /// The key and the value a script assigns.
    fn parse(script: &Script) -> (String, Value) {
        let rest = script
            .text
            .strip_prefix("(window.diglotSearchIndex=window.diglotSearchIndex||{})[")
            .expect("assigns to the global");
        let (key, value) = rest.split_once("]=").unwrap();
        let value = value.strip_suffix(";\n").unwrap();
        (
            serde_json::from_str(key).unwrap(),
            serde_json::from_str(value).unwrap_or_else(|e| panic!("{e}: {value}")),
        )
    }

    fn strings(value: &Value) -> Vec<String> {
        serde_json::from_value(value.clone()).unwrap()
    }

    fn dutch_index() -> Index {
        let bodies: Vec<String> = (0..40)
            .map(|n| {
                format!(
                    "Apparaten en apparaat {n}. Instellingen van de printer{n} registreren, \
                     registratie nummer{n}; デバイス{n}の登録."
                )
            })
            .collect();
        let titles: Vec<String> = (0..40).map(|n| format!("Pagina {n}")).collect();
        let pages: Vec<Page> = (0..40)
            .map(|n| Page {
                url: format!("nl-NL/p{n}.html"),
                title: &titles[n],
                markdown: &bodies[n],
            })
            .collect();
        build(&Tokenizer::for_locale("nl-NL"), &pages)
    }

    #[test]
    fn a_small_index_stays_one_script_with_its_shard_and_pages_inline() {
        let index = dutch_index();
        let scripts = scripts(&index, "nl-NL", &Sizes::default());
        assert_eq!(scripts.len(), 1);
        assert_eq!(scripts[0].path, "search/nl-NL.js");
        let (key, manifest) = parse(&scripts[0]);
        assert_eq!(key, "nl-NL");
        assert_eq!(manifest["v"], VERSION);
        assert_eq!(manifest["n"], 40);
        assert_eq!(manifest["c"], 40);
        assert_eq!(strings(&manifest["k"]), [""]);
        let shard = &manifest["i"]["t0"];
        assert_eq!(strings(&shard["t"]), index.terms);
        assert_eq!(
            manifest["i"]["d0"][3],
            serde_json::json!([
                index.docs[3].url,
                index.docs[3].title,
                index.docs[3].excerpt
            ])
        );
    }

    #[test]
    fn a_split_index_puts_every_key_in_the_shard_the_manifest_picks() {
        let index = dutch_index();
        let sizes = Sizes {
            split: 0,
            shard: 300,
            chunk: 500,
        };
        let scripts = scripts(&index, "nl-NL", &sizes);
        let (_, manifest) = parse(&scripts[0]);
        let keys = strings(&manifest["k"]);
        assert!(keys.len() > 5, "{keys:?}");
        assert_eq!(keys[0], "");
        assert!(
            manifest.get("i").is_none(),
            "a split manifest carries no parts"
        );
        let shard_of = |key: &str| {
            keys.iter()
                .rposition(|k| utf16_order(k, key).is_le())
                .unwrap()
        };

        let mut terms = Vec::new();
        let mut variants = Vec::new();
        for (n, script) in scripts[1..=keys.len()].iter().enumerate() {
            assert_eq!(script.path, format!("search/nl-NL/t{n}.js"));
            let (key, shard) = parse(script);
            assert_eq!(key, format!("nl-NL/t{n}"));
            let (t, p, s) = (
                strings(&shard["t"]),
                strings(&shard["p"]),
                strings(&shard["s"]),
            );
            assert_eq!((t.len(), s.len()), (p.len(), p.len()));
            for (i, term) in t.iter().enumerate() {
                assert_eq!(shard_of(term), n, "{term} is in shard {n}");
                let at = index.terms.iter().position(|x| x == term).unwrap();
                assert_eq!(p[i], encode_postings(&index.postings[at]));
                for word in s[i].split_whitespace() {
                    assert!(index.variants.contains(&(word.to_string(), at as u32)));
                }
            }
            let (w, m) = (strings(&shard["w"]), strings(&shard["m"]));
            for (word, term) in w.iter().zip(&m) {
                assert_eq!(shard_of(word), n, "{word} is in shard {n}");
                let at = index.terms.iter().position(|x| x == term).unwrap();
                assert!(index.variants.contains(&(word.clone(), at as u32)));
            }
            terms.extend(t);
            variants.extend(w);
        }
        assert_eq!(terms, index.terms, "every term once, in order");
        assert_eq!(variants.len(), index.variants.len());

        let per_chunk = manifest["c"].as_u64().unwrap() as usize;
        let chunks = &scripts[1 + keys.len()..];
        assert!(per_chunk > 1 && chunks.len() > 2);
        assert_eq!(chunks.len(), index.docs.len().div_ceil(per_chunk));
        for (n, script) in chunks.iter().enumerate() {
            let (key, docs) = parse(script);
            assert_eq!(key, format!("nl-NL/d{n}"));
            let docs = docs.as_array().unwrap();
            for (i, doc) in docs.iter().enumerate() {
                assert_eq!(doc[0], index.docs[n * per_chunk + i].url);
            }
        }
        assert!(
            scripts[1..].iter().all(|s| s.text.len() < 4 * sizes.shard),
            "no part is far over its target"
        );
    }

    #[test]
    fn the_words_of_a_stem_are_listed_with_it() {
        let index = dutch_index();
        let scripts = scripts(&index, "nl-NL", &Sizes::default());
        let (_, manifest) = parse(&scripts[0]);
        let shard = &manifest["i"]["t0"];
        let nl = Tokenizer::for_locale("nl-NL");
        let stem = nl.stem("apparaten");
        let at = strings(&shard["t"])
            .iter()
            .position(|t| *t == stem)
            .unwrap();
        let mut words: Vec<String> = strings(&shard["s"])[at]
            .split(' ')
            .map(str::to_string)
            .collect();
        words.sort();
        assert_eq!(words, ["apparaat", "apparaten"]);
        let w = strings(&shard["w"]);
        let m = strings(&shard["m"]);
        let i = w.iter().position(|x| x == "apparaten").unwrap();
        assert_eq!(m[i], stem);
    }

    #[test]
    fn a_shard_boundary_is_the_shortest_prefix_that_separates() {
        assert_eq!(separator("apparat", "apps"), "apps");
        assert_eq!(separator("apparat", "b"), "b");
        assert_eq!(separator("apparat", "beheer"), "b");
        assert_eq!(separator("登録", "登録する"), "登録す");
        assert_eq!(separator("登録", "直す"), "直");
        // In UTF-16 order U+FF71 sorts after U+20000: the boundary is a whole character.
        assert_eq!(separator("\u{20000}x", "\u{FF71}y"), "\u{FF71}");
        assert_eq!(separator("\u{20000}", "\u{20001}"), "\u{20001}");
    }
}
