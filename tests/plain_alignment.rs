//! Plain block alignment measured where the truth is known: a plain da-DK translation
//! (`alchemy-plain/da-DK`) and the sxs da-DK file of the same article (`alchemy-sxs/da-DK`)
//! hold the same Danish wherever the translation did not change (all of it when both come
//! from one English commit), and the sxs file pairs each of its blocks with its English
//! through its segments.
//!
//! The truth is derived without the aligner:
//! 1. the plain file's blocks are matched to the sxs translation's blocks by identical text
//!    (longest common subsequence); plain blocks without an identical sxs block are not
//!    counted;
//! 2. each sxs translation block's English is the English block holding the English half of
//!    its segments (or, for a block without segments, the English block at the same place of
//!    the file);
//! 3. an English sibling (any of the six sxs locales) has its English blocks matched to the
//!    da-DK English blocks by identical text, so the truth carries over to it; blocks whose
//!    English changed between commits have no known pair and are not counted.
//!
//! The figures: `cargo test --release --test plain_alignment -- --nocapture`.

mod common;

use std::collections::{BTreeMap, BTreeSet};
use std::ops::Range;
use std::path::{Path, PathBuf};

use diglot::align::blocks::{Block, blocks, pairs};
use diglot::parse::{Document, Half, parse_document};

const LOCALES: [&str; 6] = ["da-DK", "nl-NL", "nb-NO", "de-DE", "ja-JP", "ar-SA"];

fn read(locale: &str, path: &str, file: &Path) -> Option<Document> {
    let bytes = std::fs::read(file).ok()?;
    let (text, _) = diglot::source::decode(file, &bytes);
    Some(parse_document(locale, path, file, &text).0)
}

/// Pairs of equal items of `a` and `b`, in order: a longest common subsequence.
fn common_subsequence(a: &[&str], b: &[&str]) -> Vec<(usize, usize)> {
    let (n, m) = (a.len(), b.len());
    let mut table = vec![vec![0u32; m + 1]; n + 1];
    for i in (0..n).rev() {
        for j in (0..m).rev() {
            table[i][j] = if a[i] == b[j] {
                table[i + 1][j + 1] + 1
            } else {
                table[i + 1][j].max(table[i][j + 1])
            };
        }
    }
    let (mut i, mut j, mut pairs) = (0, 0, Vec::new());
    while i < n && j < m {
        if a[i] == b[j] {
            pairs.push((i, j));
            i += 1;
            j += 1;
        } else if table[i + 1][j] >= table[i][j + 1] {
            i += 1;
        } else {
            j += 1;
        }
    }
    pairs
}

fn texts(blocks: &[Block]) -> Vec<&str> {
    blocks.iter().map(|b| b.text.as_str()).collect()
}

/// The block whose inline content holds `offset`.
fn holding(blocks: &[Block], offset: usize) -> Option<usize> {
    blocks
        .iter()
        .position(|b| b.content.start <= offset && offset < b.content.end.max(b.content.start + 1))
}

/// For each block of the sxs file's translation, the English blocks it translates.
fn sxs_pairs(sxs: &Document, ours: &[Block], theirs: &[Block]) -> Vec<BTreeSet<usize>> {
    let english_of: BTreeMap<usize, usize> = sxs
        .english_segments
        .iter()
        .map(|(index, range)| (*index, range.start))
        .collect();
    ours.iter()
        .map(|block| {
            let mut english = BTreeSet::new();
            let overlaps =
                |r: &Range<usize>| r.start < block.content.end && block.content.start < r.end;
            for (index, range) in &sxs.translation_segments {
                if overlaps(range) {
                    english.extend(english_of.get(index).and_then(|&at| holding(theirs, at)));
                }
            }
            if english.is_empty() {
                // No segment: text left as it is, at the same place of the file in both views.
                let at = sxs.position(Half::Target, block.content.start);
                english.extend(
                    theirs
                        .iter()
                        .position(|e| sxs.position(Half::Source, e.content.start) == at),
                );
            }
            english
        })
        .collect()
}

#[derive(Default)]
struct Tally {
    right: usize,
    wrong: usize,
    articles: BTreeSet<String>,
    wrong_articles: BTreeSet<String>,
    positional_right: usize,
    /// Pairs below [`LOW`] confidence, and the wrong ones among them.
    low: usize,
    low_wrong: usize,
    examples: Vec<String>,
}

/// Below this confidence a pair is worth a translator's look.
const LOW: f64 = 0.5;

impl Tally {
    fn share(&self) -> f64 {
        100.0 * self.right as f64 / (self.right + self.wrong).max(1) as f64
    }

    fn show(&self, name: &str) {
        eprintln!(
            "{name}: {:.2} % of {} pairs right ({} wrong), {} of {} articles hold a wrong pair; by position: {:.2} %",
            self.share(),
            self.right + self.wrong,
            self.wrong,
            self.wrong_articles.len(),
            self.articles.len(),
            100.0 * self.positional_right as f64 / (self.right + self.wrong).max(1) as f64,
        );
        eprintln!(
            "  confidence below {LOW}: {} pairs, {} of them wrong; {} of the {} wrong pairs",
            self.low, self.low_wrong, self.low_wrong, self.wrong
        );
    }
}

/// Aligns the plain file with one sibling's English and counts its pairs against the truth.
fn measure(
    article: &str,
    plain: &[Block],
    truth: &[Option<BTreeSet<usize>>],
    reference: &[Block],
    sibling: &Document,
    tally: &mut Tally,
) {
    let english = blocks(&sibling.english);
    // The da-DK English blocks as the sibling's English blocks, where the text is the same.
    let carried: BTreeMap<usize, usize> = common_subsequence(&texts(reference), &texts(&english))
        .into_iter()
        .collect();
    let steps = pairs(plain, &english);
    let mut predicted: Vec<(BTreeSet<usize>, f64)> = vec![(BTreeSet::new(), 1.0); plain.len()];
    for step in &steps {
        for o in step.ours.clone() {
            predicted[o] = (step.theirs.clone().collect(), step.confidence);
        }
    }
    tally.articles.insert(article.to_string());
    for (k, truth) in truth.iter().enumerate() {
        let Some(truth) = truth else { continue };
        let Some(want) = truth
            .iter()
            .map(|e| carried.get(e).copied())
            .collect::<Option<BTreeSet<usize>>>()
        else {
            continue; // the English changed: no known pair
        };
        let (predicted, confidence) = &predicted[k];
        let right = *predicted == want;
        if *confidence < LOW {
            tally.low += 1;
            tally.low_wrong += usize::from(!right);
        }
        if right {
            tally.right += 1;
        } else {
            tally.wrong += 1;
            tally.wrong_articles.insert(article.to_string());
            if tally.examples.len() < 12 {
                tally.examples.push(format!(
                    "{article} ({}): b{} {:?} -> {:?}, want {:?}",
                    sibling.locale,
                    k + 1,
                    plain[k].text.chars().take(50).collect::<String>(),
                    predicted
                        .iter()
                        .map(|&e| english[e].text.chars().take(40).collect::<String>())
                        .collect::<Vec<_>>(),
                    want.iter()
                        .map(|&e| english[e].text.chars().take(40).collect::<String>())
                        .collect::<Vec<_>>(),
                ));
            }
        }
        if want.len() == 1 && want.contains(&k) {
            tally.positional_right += 1;
        }
    }
}

#[test]
fn plain_da_dk_blocks_pair_with_the_english_they_translate() {
    let Some(sxs_root) = common::corpus() else {
        return;
    };
    let plain_root: PathBuf = sxs_root.join("../alchemy-plain/da-DK");
    let mut same = Tally::default();
    let mut other = Tally::default();
    let mut files: Vec<PathBuf> = common::files_with_extension(&plain_root, "md");
    files.sort();
    for file in files {
        let path = file
            .strip_prefix(&plain_root)
            .unwrap()
            .to_string_lossy()
            .replace('\\', "/");
        let Some(plain) = read("da-DK", &path, &file) else {
            continue;
        };
        let Some(sxs) = read("da-DK", &path, &sxs_root.join("da-DK").join(&path)) else {
            continue;
        };
        let commit = plain.front.source_commit.clone();
        if commit.is_none() || !sxs.segments.iter().any(|s| s.line >= sxs.body_line) {
            continue;
        }
        let ours = blocks(&plain.translation);
        let sxs_translation = blocks(&sxs.translation);
        let reference = blocks(&sxs.english);
        let english_of = sxs_pairs(&sxs, &sxs_translation, &reference);
        let mut truth: Vec<Option<BTreeSet<usize>>> = vec![None; ours.len()];
        for (p, t) in common_subsequence(&texts(&ours), &texts(&sxs_translation)) {
            let english = &english_of[t];
            let contiguous = english.len() <= 2
                && english
                    .first()
                    .zip(english.last())
                    .is_some_and(|(a, b)| b - a + 1 == english.len());
            if !english.is_empty() && contiguous {
                truth[p] = Some(english.clone());
            }
        }
        for locale in LOCALES {
            let Some(sibling) = read(locale, &path, &sxs_root.join(locale).join(&path)) else {
                continue;
            };
            if !sibling.segments.iter().any(|s| s.line >= sibling.body_line) {
                continue;
            }
            let tally = if sibling.front.source_commit == commit {
                &mut same
            } else {
                &mut other
            };
            measure(&path, &ours, &truth, &reference, &sibling, tally);
        }
    }
    same.show("English of the same commit");
    other.show("English of another commit");
    for example in same.examples.iter().chain(&other.examples) {
        eprintln!("  {example}");
    }
    assert!(
        same.right + same.wrong > 5000,
        "too few pairs with a known truth"
    );
    assert!(
        other.right + other.wrong > 5000,
        "too few pairs with a known truth"
    );
    assert!(same.share() >= 99.8, "same commit: {:.2} %", same.share());
    assert!(
        other.share() >= 99.5,
        "other commit: {:.2} %",
        other.share()
    );
}

#[test]
fn the_json_report_gives_each_plain_pair_a_confidence_in_natural_order() {
    let run = common::diglot(&["--root", common::repo().to_str().unwrap(), "-q", "align"]);
    assert!(run.status.success(), "{}", common::stderr(&run));
    let json: serde_json::Value = serde_json::from_slice(&run.stdout).unwrap();
    let locales = json["articles"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|a| a["locales"].as_array().unwrap());
    let (mut plain, mut sxs) = (0, 0);
    for locale in locales {
        let segments = locale["segments"].as_array().unwrap();
        if locale["format"] == "plain" {
            let numbers: Vec<u64> = segments
                .iter()
                .filter_map(|s| {
                    s["id"]
                        .as_str()?
                        .strip_prefix('b')?
                        .split(['.', '-'])
                        .next()?
                        .parse()
                        .ok()
                })
                .collect();
            assert_eq!(numbers.len(), segments.len());
            assert!(numbers.windows(2).all(|w| w[0] <= w[1]), "{numbers:?}");
            assert!(
                numbers.iter().any(|&n| n >= 10),
                "ids past b9 sort after b9"
            );
            for segment in segments {
                let confidence = segment["confidence"].as_f64().unwrap();
                assert!((0.0..=1.0).contains(&confidence), "{segment}");
            }
            plain += segments.len();
        } else {
            assert!(segments.iter().all(|s| s.get("confidence").is_none()));
            sxs += segments.len();
        }
    }
    assert!(
        plain > 10 && sxs > 10,
        "{plain} plain and {sxs} sxs segments"
    );
}
