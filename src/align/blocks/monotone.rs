//! Monotone alignment of two sequences by dynamic programming: each step pairs one item with
//! one (1-1), one with two (1-2, 2-1), or leaves one unpaired (1-0, 0-1), never crossing. The
//! best path maximizes the sum of the step scores; each step's confidence is its posterior
//! probability over all paths (forward-backward, the scores read as log-odds).
//!
//! Long inputs are aligned within a band around the diagonal so that time and memory stay
//! bounded ([`MAX_CELLS`]).

use std::ops::Range;

/// One step of the alignment: `ours[ours]` paired with `theirs[theirs]` (either may be empty).
#[derive(Debug, Clone, PartialEq)]
pub struct Step {
    pub ours: Range<usize>,
    pub theirs: Range<usize>,
    /// The probability that this step is right, from 0 to 1.
    pub confidence: f64,
}

/// The score of leaving one item unpaired.
pub const SKIP: f64 = -2.5;
/// At most this many cells are computed; larger inputs are aligned within a diagonal band.
pub const MAX_CELLS: usize = 4_000_000;

/// The moves, as (items of ours, items of theirs).
const MOVES: [(usize, usize); 5] = [(1, 1), (1, 0), (0, 1), (1, 2), (2, 1)];

/// Aligns `n` items of ours with `m` of theirs; `score(o, t)` scores pairing the run `o` of
/// ours with the run `t` of theirs (one or two items each).
pub fn align(n: usize, m: usize, score: impl Fn(Range<usize>, Range<usize>) -> f64) -> Vec<Step> {
    if n == 0 || m == 0 {
        // Nothing to pair: every item is left unpaired, for sure.
        let ours = (0..n).map(|i| (i..i + 1, m..m));
        let theirs = (0..m).map(|j| (n..n, j..j + 1));
        return ours
            .chain(theirs)
            .map(|(ours, theirs)| Step {
                ours,
                theirs,
                confidence: 1.0,
            })
            .collect();
    }
    let grid = Grid::new(n, m);
    // The score of each move that ends in each cell (NEG_INFINITY where it cannot).
    let mut scores = vec![f64::NEG_INFINITY; grid.len() * MOVES.len()];
    for i in 0..=n {
        for j in grid.columns(i) {
            let cell = grid.cell(i, j).expect("in the band");
            for (k, &(di, dj)) in MOVES.iter().enumerate() {
                if di > i || dj > j || grid.cell(i - di, j - dj).is_none() {
                    continue;
                }
                scores[cell * MOVES.len() + k] = if di == 0 || dj == 0 {
                    SKIP
                } else {
                    score(i - di..i, j - dj..j)
                };
            }
        }
    }
    let move_score = |cell: usize, k: usize| scores[cell * MOVES.len() + k];

    let mut best = vec![f64::NEG_INFINITY; grid.len()];
    let mut came_by = vec![usize::MAX; grid.len()];
    let mut forward = vec![f64::NEG_INFINITY; grid.len()];
    for i in 0..=n {
        for j in grid.columns(i) {
            let cell = grid.cell(i, j).expect("in the band");
            if i == 0 && j == 0 {
                best[cell] = 0.0;
                forward[cell] = 0.0;
                continue;
            }
            let mut terms = Terms::default();
            for (k, &(di, dj)) in MOVES.iter().enumerate() {
                let s = move_score(cell, k);
                if s == f64::NEG_INFINITY {
                    continue;
                }
                let from = grid
                    .cell(i - di, j - dj)
                    .expect("scored moves start in the band");
                if best[from] + s > best[cell] {
                    best[cell] = best[from] + s;
                    came_by[cell] = k;
                }
                terms.push(forward[from] + s);
            }
            forward[cell] = log_sum_exp(terms.as_slice());
        }
    }

    let mut backward = vec![f64::NEG_INFINITY; grid.len()];
    for i in (0..=n).rev() {
        for j in grid.columns(i).rev() {
            let cell = grid.cell(i, j).expect("in the band");
            if i == n && j == m {
                backward[cell] = 0.0;
                continue;
            }
            let mut terms = Terms::default();
            for (k, &(di, dj)) in MOVES.iter().enumerate() {
                if let Some(to) = grid.cell(i + di, j + dj) {
                    let s = move_score(to, k);
                    if s > f64::NEG_INFINITY {
                        terms.push(backward[to] + s);
                    }
                }
            }
            backward[cell] = log_sum_exp(terms.as_slice());
        }
    }

    let end = grid.cell(n, m).expect("the end is in the band");
    let total = forward[end];
    let mut steps = Vec::new();
    let (mut i, mut j) = (n, m);
    while i > 0 || j > 0 {
        let cell = grid.cell(i, j).expect("the path stays in the band");
        let k = came_by[cell];
        let (di, dj) = MOVES[k];
        let from = grid
            .cell(i - di, j - dj)
            .expect("the path stays in the band");
        let posterior = (forward[from] + move_score(cell, k) + backward[cell] - total).exp();
        steps.push(Step {
            ours: i - di..i,
            theirs: j - dj..j,
            confidence: (posterior.clamp(0.0, 1.0) * 1000.0).round() / 1000.0,
        });
        (i, j) = (i - di, j - dj);
    }
    steps.reverse();
    steps
}

/// The terms of one cell's sum, one per move at most: kept on the stack, as every cell of the
/// grid (millions for a long article) has them.
#[derive(Default)]
struct Terms {
    values: [f64; MOVES.len()],
    len: usize,
}

impl Terms {
    fn push(&mut self, value: f64) {
        self.values[self.len] = value;
        self.len += 1;
    }

    fn as_slice(&self) -> &[f64] {
        &self.values[..self.len]
    }
}

fn log_sum_exp(terms: &[f64]) -> f64 {
    let max = terms.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    if max == f64::NEG_INFINITY {
        return max;
    }
    max + terms.iter().map(|t| (t - max).exp()).sum::<f64>().ln()
}

/// The cells computed: every (i, j) when they fit in [`MAX_CELLS`], else a band around the line
/// from (0, 0) to (n, m).
struct Grid {
    n: usize,
    m: usize,
    /// Half the band's width, in columns.
    width: usize,
    /// Where each row's cells start in the flat arrays.
    offsets: Vec<usize>,
}

impl Grid {
    fn new(n: usize, m: usize) -> Grid {
        let rows = n + 1;
        // Wide enough for consecutive rows' bands to overlap, so that a path always exists.
        let width = if rows.saturating_mul(m + 1) <= MAX_CELLS {
            m
        } else {
            (MAX_CELLS / rows / 2).max(m.div_ceil(n.max(1)) + 2)
        };
        let mut grid = Grid {
            n,
            m,
            width,
            offsets: Vec::with_capacity(rows + 1),
        };
        let mut offset = 0;
        for i in 0..=n {
            grid.offsets.push(offset);
            offset += grid.columns(i).len();
        }
        grid.offsets.push(offset);
        grid
    }

    fn len(&self) -> usize {
        self.offsets[self.n + 1]
    }

    /// The columns of row `i` inside the band.
    fn columns(&self, i: usize) -> Range<usize> {
        let center = (i * self.m).checked_div(self.n).unwrap_or(0);
        center.saturating_sub(self.width)..(center + self.width).min(self.m) + 1
    }

    /// The index of cell (i, j), if it is computed.
    fn cell(&self, i: usize, j: usize) -> Option<usize> {
        if i > self.n {
            return None;
        }
        let columns = self.columns(i);
        columns
            .contains(&j)
            .then(|| self.offsets[i] + j - columns.start)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Items are numbers; equal numbers score high, others low.
    fn by_value(ours: &[u32], theirs: &[u32]) -> Vec<(Range<usize>, Range<usize>)> {
        align(ours.len(), theirs.len(), |o, t| {
            let a: u32 = ours[o.clone()].iter().sum();
            let b: u32 = theirs[t.clone()].iter().sum();
            let merge = if o.len() + t.len() > 2 { 1.0 } else { 0.0 };
            if a == b { 4.0 - merge } else { -6.0 }
        })
        .into_iter()
        .map(|s| (s.ours, s.theirs))
        .collect()
    }

    #[test]
    fn pairs_inserts_drops_and_merges_in_order() {
        assert_eq!(
            by_value(&[1, 2, 3], &[1, 2, 3]),
            [(0..1, 0..1), (1..2, 1..2), (2..3, 2..3)]
        );
        assert_eq!(
            by_value(&[1, 9, 2], &[1, 2]),
            [(0..1, 0..1), (1..2, 1..1), (2..3, 1..2)]
        );
        assert_eq!(
            by_value(&[1, 2], &[1, 7, 2]),
            [(0..1, 0..1), (1..1, 1..2), (1..2, 2..3)]
        );
        assert_eq!(by_value(&[1, 5], &[1, 2, 3]), [(0..1, 0..1), (1..2, 1..3)]);
        assert_eq!(by_value(&[2, 3, 4], &[5, 4]), [(0..2, 0..1), (2..3, 1..2)]);
        assert!(by_value(&[], &[]).is_empty());
    }

    #[test]
    fn confidence_is_high_for_clear_pairs_and_low_for_ambiguous_ones() {
        let clear = align(2, 2, |o, t| if o == t { 5.0 } else { -8.0 });
        assert!(clear.iter().all(|s| s.confidence > 0.95), "{clear:?}");
        // Two identical candidates for one item: either is as likely.
        let ambiguous = align(1, 2, |_, t| if t.len() == 1 { 3.0 } else { -20.0 });
        let paired = ambiguous.iter().find(|s| !s.theirs.is_empty()).unwrap();
        assert!(paired.confidence < 0.6, "{ambiguous:?}");
    }

    #[test]
    fn long_inputs_stay_within_the_band_and_still_pair_the_diagonal() {
        let n = 3000;
        let steps = align(n, n, |o, t| if o == t { 2.0 } else { -5.0 });
        assert_eq!(steps.len(), n);
        assert!(steps.iter().all(|s| s.ours == s.theirs));
        let grid = Grid::new(n, n);
        assert!(grid.len() <= MAX_CELLS + 2 * (n + 1));
    }
}
