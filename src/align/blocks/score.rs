//! How well a run of translated blocks matches a run of English blocks, as a log-odds score
//! (positive: likely a translation of it): block kind, length against the article's own
//! translation-to-English length ratio, and shared anchors.

use super::Block;
use super::anchors::shared;

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

/// The score of translating the English run `theirs` as the run `ours` (each one or two blocks).
pub fn pair(ours: &[Block], theirs: &[Block], lengths: Lengths) -> f64 {
    let mut score = kind(ours, theirs);
    // Length: the log of the ratio against the article's, as in Gale and Church, with a floor
    // so that short headings and cells are not judged on a few letters.
    let (lo, lt) = (
        ours.iter().map(length).sum::<f64>(),
        theirs.iter().map(length).sum::<f64>(),
    );
    let deviation = ((lo + 12.0) / (lt + 12.0)).ln() - lengths.ratio.ln();
    score -= deviation * deviation / (2.0 * lengths.sigma * lengths.sigma);
    score += anchors(ours, theirs);
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
fn anchors(ours: &[Block], theirs: &[Block]) -> f64 {
    let gather = |blocks: &[Block], names: bool| {
        let mut all: Vec<String> = blocks
            .iter()
            .flat_map(|b| {
                if names {
                    b.anchors.names.clone()
                } else {
                    b.anchors.hard.clone()
                }
            })
            .collect();
        all.sort();
        all.dedup();
        all
    };
    let (ours_hard, theirs_hard) = (gather(ours, false), gather(theirs, false));
    let both = shared(&ours_hard, &theirs_hard);
    let one_side = ours_hard.len() + theirs_hard.len() - 2 * both;
    let names = shared(&gather(ours, true), &gather(theirs, true));
    2.0 * (both as f64).min(4.0) - 0.75 * (one_side as f64).min(6.0)
        + 0.75 * (names as f64).min(4.0)
}
