//! Text made of pieces of a view: the markdown a construct holds (a quote with its `>` marks
//! taken off, a column with its indentation taken off, a tab's body), with the view offset each
//! piece came from, so that every link, block and problem found inside it points back into the
//! view and from there to the file's line and column.

use std::borrow::Cow;
use std::ops::Range;

/// A run of the text starting at `at`, copied from the view at `view` (or, when not `copied`,
/// written by diglot and standing for the construct at `view`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Run {
    at: usize,
    view: usize,
    copied: bool,
}

/// A text with the view offset of each of its bytes.
#[derive(Debug, Clone)]
pub(crate) struct Mapped<'a> {
    pub text: Cow<'a, str>,
    runs: Vec<Run>,
}

impl<'a> Mapped<'a> {
    /// The view itself: every offset maps to itself.
    pub fn view(view: &'a str) -> Mapped<'a> {
        Mapped {
            text: Cow::Borrowed(view),
            runs: vec![Run {
                at: 0,
                view: 0,
                copied: true,
            }],
        }
    }

    /// The view offset of byte `at` of the text.
    pub fn view_offset(&self, at: usize) -> usize {
        let i = self.runs.partition_point(|r| r.at <= at);
        match i.checked_sub(1).map(|i| self.runs[i]) {
            Some(run) if run.copied => run.view + (at - run.at),
            Some(run) => run.view,
            None => 0,
        }
    }

    pub fn as_str(&self) -> &str {
        &self.text
    }
}

/// Builds a [`Mapped`] text piece by piece.
#[derive(Debug, Default)]
pub(crate) struct Builder {
    text: String,
    runs: Vec<Run>,
}

impl Builder {
    pub fn with_capacity(capacity: usize) -> Builder {
        Builder {
            text: String::with_capacity(capacity),
            runs: Vec::new(),
        }
    }

    /// Appends `from.text[range]`, keeping where each byte came from.
    pub fn copy(&mut self, from: &Mapped, range: Range<usize>) {
        if range.is_empty() {
            return;
        }
        let first = from.runs.partition_point(|r| r.at <= range.start).max(1) - 1;
        for (i, run) in from.runs.iter().enumerate().skip(first) {
            let end = from.runs.get(i + 1).map_or(usize::MAX, |next| next.at);
            let piece = range.start.max(run.at)..range.end.min(end);
            if piece.start >= piece.end {
                if run.at >= range.end {
                    break;
                }
                continue;
            }
            let view = if run.copied {
                run.view + (piece.start - run.at)
            } else {
                run.view
            };
            self.push_run(view, run.copied);
            self.text.push_str(&from.text[piece]);
        }
    }

    /// Appends text diglot writes, standing for the construct at view offset `view`.
    pub fn insert(&mut self, text: &str, view: usize) {
        if text.is_empty() {
            return;
        }
        self.push_run(view, false);
        self.text.push_str(text);
    }

    fn push_run(&mut self, view: usize, copied: bool) {
        let at = self.text.len();
        if let Some(last) = self.runs.last()
            && last.copied
            && copied
            && last.view + (at - last.at) == view
        {
            return;
        }
        self.runs.push(Run { at, view, copied });
    }

    pub fn ends_with_newline(&self) -> bool {
        self.text.is_empty() || self.text.ends_with('\n')
    }

    pub fn finish(self) -> Mapped<'static> {
        Mapped {
            text: Cow::Owned(self.text),
            runs: self.runs,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn copies_and_insertions_map_back_to_the_view() {
        let view = "> a\n> bc\n";
        let quote = Mapped::view(view);
        let mut b = Builder::default();
        b.copy(&quote, 2..4);
        b.insert("<x>", 5);
        b.copy(&quote, 6..9);
        let inner = b.finish();
        assert_eq!(inner.as_str(), "a\n<x>bc\n");
        assert_eq!(inner.view_offset(0), 2);
        assert_eq!(inner.view_offset(1), 3);
        assert_eq!(inner.view_offset(3), 5);
        assert_eq!(inner.view_offset(5), 6);
        assert_eq!(inner.view_offset(6), 7);

        // A copy of a copy still points at the view.
        let mut again = Builder::default();
        again.copy(&inner, 4..7);
        let again = again.finish();
        assert_eq!(again.as_str(), ">bc");
        assert_eq!(again.view_offset(0), 5);
        assert_eq!(again.view_offset(1), 6);
        assert_eq!(again.view_offset(2), 7);
    }
}
