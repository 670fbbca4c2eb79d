//! How well a run of translated blocks matches a run of English blocks, as a log-odds score
//! (positive: likely a translation of it): block kind, length against the article's own
//! translation-to-English length ratio, and shared anchors.

use std::collections::HashMap;

use super::Block;
use super::anchors::overlap;

/// What lengths are expected: the translation's length over the English's, and how far a
/// pair may stray from it.
#[derive(Debug, Clone, Copy)]
pub struct Lengths {
    ratio: f64,
    sigma: f64,
}

impl Lengths {
    /// From the whole article, weighed lightly: an added or untranslated paragraph skews it.
    pub fn rough(ours: &[Block], theirs: &[Block]) -> Lengths {
        let total = |blocks: &[Block]| blocks.iter().map(length).sum::<f64>() + 1.0;
        Lengths {
            ratio: (total(ours) / total(theirs)).clamp(0.25, 4.0),
            sigma: 2.0 * LENGTH_SIGMA,
        }
    }

    /// From blocks known to be pairs; `None` when there are none.
    pub fn from_pairs(pairs: &[(&Block, &Block)]) -> Option<Lengths> {
        if pairs.is_empty() {
            return None;
        }
        let ours: f64 = pairs.iter().map(|(o, _)| length(o)).sum();
        let theirs: f64 = pairs.iter().map(|(_, t)| length(t)).sum();
        Some(Lengths {
            ratio: ((ours + 1.0) / (theirs + 1.0)).clamp(0.25, 4.0),
            sigma: LENGTH_SIGMA,
        })
    }
}

fn length(block: &Block) -> f64 {
    block.text.chars().count() as f64
}

/// What scoring reads of a block, worked out once per alignment rather than in every cell: its
/// [`length`], and its anchors as numbers (one number per anchor, the same on both sides),
/// each list sorted.
pub struct Features {
    length: f64,
    hard: Vec<u32>,
    names: Vec<u32>,
}

impl Features {
    /// The features of the blocks of both sides.
    pub fn of(ours: &[Block], theirs: &[Block]) -> (Vec<Features>, Vec<Features>) {
        let mut numbers: HashMap<&str, u32> = HashMap::new();
        let ours = Features::of_blocks(ours, &mut numbers);
        (ours, Features::of_blocks(theirs, &mut numbers))
    }

    fn of_blocks<'b>(blocks: &'b [Block], numbers: &mut HashMap<&'b str, u32>) -> Vec<Features> {
        let mut number = |list: &'b [String]| {
            let mut ids: Vec<u32> = list
                .iter()
                .map(|anchor| {
                    let next = numbers.len() as u32;
                    *numbers.entry(anchor.as_str()).or_insert(next)
                })
                .collect();
            ids.sort_unstable();
            ids
        };
        blocks
            .iter()
            .map(|block| Features {
                length: length(block),
                hard: number(&block.anchors.hard),
                names: number(&block.anchors.names),
            })
            .collect()
    }
}

/// The score of translating the English run `theirs` as the run `ours` (each one or two
/// blocks), with the [`Features`] of each.
pub fn pair(
    (ours, of_ours): (&[Block], &[Features]),
    (theirs, of_theirs): (&[Block], &[Features]),
    lengths: Lengths,
) -> f64 {
    let mut score = kind(ours, theirs);
    // Length: the log of the ratio against the article's, as in Gale and Church, with a floor
    // so that short headings and cells are not judged on a few letters.
    let (lo, lt) = (
        of_ours.iter().map(|f| f.length).sum::<f64>(),
        of_theirs.iter().map(|f| f.length).sum::<f64>(),
    );
    let deviation = ((lo + 12.0) / (lt + 12.0)).ln() - lengths.ratio.ln();
    score -= deviation * deviation / (2.0 * lengths.sigma * lengths.sigma);
    score += anchors(of_ours, of_theirs);
    if ours.len() == 1 && theirs.len() == 1 && ours[0].text == theirs[0].text {
        score += IDENTICAL;
    }
    if ours.len() + theirs.len() > 2 {
        score -= MERGE;
    }
    score
}

const LENGTH_SIGMA: f64 = 0.45;
const IDENTICAL: f64 = 3.0;
const MERGE: f64 = 3.5;

/// Same kind scores; a heading or a table cell against another kind is unlikely.
fn kind(ours: &[Block], theirs: &[Block]) -> f64 {
    let prose = |k: &str| matches!(k, "paragraph" | "list-item" | "alert");
    let mut score = 0.0;
    for (i, o) in ours.iter().enumerate() {
        let t = &theirs[i.min(theirs.len() - 1)];
        score += if o.kind == t.kind {
            1.0
        } else if prose(o.kind) && prose(t.kind) {
            -1.5
        } else {
            -4.0
        };
    }
    score / ours.len() as f64
}

/// Shared numbers, URLs, code and targets weigh most; ones on one side only count against.
fn anchors(ours: &[Features], theirs: &[Features]) -> f64 {
    let (both, ours_hard, theirs_hard) = overlap(
        run(ours, |f| f.hard.as_slice()),
        run(theirs, |f| f.hard.as_slice()),
    );
    let one_side = ours_hard + theirs_hard - 2 * both;
    let (names, _, _) = overlap(
        run(ours, |f| f.names.as_slice()),
        run(theirs, |f| f.names.as_slice()),
    );
    2.0 * (both as f64).min(4.0) - 0.75 * (one_side as f64).min(6.0)
        + 0.75 * (names as f64).min(4.0)
}

/// One list of a run's anchors (of one block, or two merged), sorted and without repeats.
fn run(features: &[Features], list: fn(&Features) -> &[u32]) -> Union<'_> {
    let empty: &[u32] = &[];
    Union {
        a: features.first().map_or(empty, list),
        b: features.get(1).map_or(empty, list),
    }
}

/// Two sorted lists without repeats, merged without repeats.
struct Union<'a> {
    a: &'a [u32],
    b: &'a [u32],
}

impl Iterator for Union<'_> {
    type Item = u32;

    fn next(&mut self) -> Option<u32> {
        let (x, y) = (self.a.first().copied(), self.b.first().copied());
        let take_a = match (x, y) {
            (None, None) => return None,
            (Some(x), Some(y)) => x <= y,
            (a, _) => a.is_some(),
        };
        if take_a {
            if x == y {
                self.b = &self.b[1..];
            }
            self.a = &self.a[1..];
            x
        } else {
            self.b = &self.b[1..];
            y
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_run_of_two_blocks_has_their_anchors_merged_without_repeats() {
        let features = |hard: &[u32]| Features {
            length: 0.0,
            hard: hard.to_vec(),
            names: Vec::new(),
        };
        let two = [features(&[1, 4, 7]), features(&[2, 4, 9])];
        let merged: Vec<u32> = run(&two, |f| f.hard.as_slice()).collect();
        assert_eq!(merged, [1, 2, 4, 7, 9]);
        let one: Vec<u32> = run(&two[1..], |f| f.hard.as_slice()).collect();
        assert_eq!(one, [2, 4, 9]);
    }

    #[test]
    fn the_same_anchor_gets_the_same_number_on_both_sides() {
        let block = |text: &str| {
            let mut anchors = super::super::Anchors::default();
            anchors.add_text(text);
            Block {
                kind: "paragraph",
                text: text.to_string(),
                range: 0..0,
                content: 0..0,
                anchors,
            }
        };
        let (ours, theirs) = Features::of(
            &[block("Åbn OneDrive efter 5 minutter.")],
            &[block("Open OneDrive after 5 minutes.")],
        );
        assert_eq!(ours[0].hard, theirs[0].hard, "#5 on both sides");
        let (both, _, _) = overlap(
            run(&ours, |f| f.names.as_slice()),
            run(&theirs, |f| f.names.as_slice()),
        );
        assert_eq!(both, 1, "OneDrive");
    }
}
