//! The side-by-side ("sxs") segment scanner.
//!
//! Microsoft's localized docs carry every translated segment next to its English source:
//!
//! ```text
//! <span data-ttu-id="2b794-104">vertaling</span><span class="sxs-lookup"><span data-stu-id="2b794-104">source</span></span>
//! ```
//!
//! [`scan`] finds every such pair in a text, with its byte range and position, and reports the
//! malformed ones (no partner, ids that disagree, unclosed spans, a lookup with no translation)
//! without giving up on the rest. [`rewrite`] then derives any view of the text from the pairs:
//! the translation alone, the English source alone, or an annotated form for the site.

use std::collections::HashMap;
use std::ops::Range;
use std::path::Path;

use serde::Serialize;

use crate::code::Code;
use crate::diagnostic::Diagnostic;
use crate::source::LineIndex;

const TTU_OPEN: &str = "<span data-ttu-id=\"";
const LOOKUP_OPEN: &str = "<span class=\"sxs-lookup\">";
const STU_OPEN: &str = "<span data-stu-id=\"";
const SPAN_CLOSE: &str = "</span>";
/// Ids are short (`2b794-104`); anything longer is not an id but a broken attribute.
const MAX_ID_LEN: usize = 64;

/// A segment id such as `2b794-104`: a per-file hex `prefix` and a `suffix` (`104`, or `p101`
/// for a merged paragraph) that is the same in every locale of an article.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
pub struct SegmentId {
    pub prefix: String,
    pub suffix: String,
}

impl SegmentId {
    pub fn parse(raw: &str) -> SegmentId {
        match raw.rsplit_once('-') {
            Some((prefix, suffix)) => SegmentId {
                prefix: prefix.to_string(),
                suffix: suffix.to_string(),
            },
            None => SegmentId {
                prefix: String::new(),
                suffix: raw.to_string(),
            },
        }
    }

    /// True for a merged-paragraph id (`p101`), which stands for several numbered segments.
    pub fn is_merged_paragraph(&self) -> bool {
        self.suffix.starts_with('p')
    }
}

impl std::fmt::Display for SegmentId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if self.prefix.is_empty() {
            f.write_str(&self.suffix)
        } else {
            write!(f, "{}-{}", self.prefix, self.suffix)
        }
    }
}

/// One translated segment and, when the file carries it, its English source.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Segment {
    pub id: SegmentId,
    /// The translated text, markdown included, exactly as written.
    pub target: String,
    /// The English source from the `sxs-lookup` half; `None` when the file lacks it.
    pub source: Option<String>,
    /// 1-based line and character column of the opening `<span`.
    pub line: usize,
    pub column: usize,
    /// Byte range of the whole construct (both halves) in the scanned text.
    #[serde(skip)]
    pub range: Range<usize>,
    /// Byte offsets where the translated text and the English text start in the scanned text.
    #[serde(skip)]
    pub target_start: usize,
    #[serde(skip)]
    pub source_start: Option<usize>,
}

/// What [`scan`] found in a text.
#[derive(Debug, Default)]
pub struct Scan {
    pub segments: Vec<Segment>,
    /// `sxs-lookup` spans that follow no translation: dropped from every view.
    pub stray_lookups: Vec<Range<usize>>,
    pub diagnostics: Vec<Diagnostic>,
    /// Line starts of the scanned text, for positions in it.
    pub index: LineIndex,
}

/// Finds every sxs segment in `text`. Positions are reported against `file`.
pub fn scan(text: &str, file: &Path) -> Scan {
    let mut scanner = Scanner {
        text,
        file,
        index: LineIndex::new(text),
        scan: Scan::default(),
        first_of_id: HashMap::new(),
    };
    scanner.run();
    scanner.scan.index = scanner.index;
    scanner.scan
}

struct Scanner<'a> {
    text: &'a str,
    file: &'a Path,
    index: LineIndex,
    scan: Scan,
    /// Where each segment id was first seen, to report ids used twice.
    first_of_id: HashMap<&'a str, usize>,
}

/// How a search for a closing `</span>` ended.
enum Close {
    /// The matching `</span>` starts here.
    At(usize),
    /// No match before this offset: the next segment, or the end of the paragraph.
    Unclosed(usize),
}

impl<'a> Scanner<'a> {
    fn run(&mut self) {
        let mut pos = 0;
        while let Some(rel) = self.text[pos..].find("<span") {
            let at = pos + rel;
            let rest = &self.text[at..];
            pos = if rest.starts_with(TTU_OPEN) {
                self.segment(at)
            } else if rest.starts_with(LOOKUP_OPEN) {
                self.stray_lookup(at)
            } else {
                at + "<span".len()
            };
        }
    }

    fn position(&self, offset: usize) -> (usize, usize) {
        self.index.position(self.text, offset)
    }

    fn diagnose(&mut self, code: Code, offset: usize, message: String) {
        let at = self.position(offset);
        self.scan
            .diagnostics
            .push(Diagnostic::error(code, self.file, at, message));
    }

    /// Reads the id in `"..."` after an opening tag prefix, and the `>` that ends the tag.
    /// Returns the id and the offset just past `>`.
    fn id_attribute(&self, after_quote: usize) -> Option<(&'a str, usize)> {
        let rest = &self.text[after_quote..];
        let limit = rest.len().min(MAX_ID_LEN + 1);
        let end = rest.as_bytes()[..limit].iter().position(|&b| b == b'"')?;
        let id = &rest[..end];
        if id.contains(['\n', '<', '>']) {
            return None;
        }
        let tail = &rest[end + 1..];
        let gt = tail.len() - tail.trim_start_matches([' ', '\t']).len();
        tail[gt..]
            .starts_with('>')
            .then_some((id, after_quote + end + 1 + gt + 1))
    }

    /// Scans the segment whose `<span data-ttu-id=` starts at `start`; returns where to go on.
    fn segment(&mut self, start: usize) -> usize {
        let Some((raw_id, content_start)) = self.id_attribute(start + TTU_OPEN.len()) else {
            self.diagnose(
                Code::SxsMalformed,
                start,
                "malformed `data-ttu-id` attribute: expected `<span data-ttu-id=\"prefix-number\">`"
                    .into(),
            );
            return start + TTU_OPEN.len();
        };
        self.note_duplicate(raw_id, start);
        let id = SegmentId::parse(raw_id);
        let (target_end, mut end) = match self.matching_close(content_start) {
            Close::At(close) => {
                let close = self.past_stray_closes(raw_id, close, LOOKUP_OPEN);
                (close, close + SPAN_CLOSE.len())
            }
            Close::Unclosed(stop) => {
                self.diagnose(
                    Code::SxsUnclosed,
                    start,
                    format!("translation span `{raw_id}` is never closed; it is read up to the end of its paragraph"),
                );
                (stop, stop)
            }
        };
        let target = self.text[content_start..target_end].to_string();
        let (source, source_start) = if end == target_end {
            (None, None)
        } else {
            match self.lookup_half(end, raw_id) {
                Some((source, source_start, lookup_end)) => {
                    end = lookup_end;
                    (Some(source), Some(source_start))
                }
                None => {
                    self.diagnose(
                        Code::SxsUnpaired,
                        start,
                        format!("translation span `{raw_id}` has no `sxs-lookup` partner with its English source"),
                    );
                    (None, None)
                }
            }
        };
        let (line, column) = self.position(start);
        self.scan.segments.push(Segment {
            id,
            target,
            source,
            line,
            column,
            range: start..end,
            target_start: content_start,
            source_start,
        });
        end
    }

    /// Warns when segment `id`, starting at `start`, was used before in the file: tools that
    /// match translations by id cannot tell the two apart.
    fn note_duplicate(&mut self, id: &'a str, start: usize) {
        let Some(&first) = self.first_of_id.get(id) else {
            self.first_of_id.insert(id, start);
            return;
        };
        let diagnostic = Diagnostic::warning(
            Code::SxsDuplicateId,
            self.file,
            self.position(start),
            format!("segment id `{id}` is used twice in this file"),
        )
        .with_related(self.file, self.position(first), "first used here");
        self.scan.diagnostics.push(diagnostic);
    }

    /// Reads `<span class="sxs-lookup"><span data-stu-id="ID">source</span></span>` at `from`
    /// (spaces before it allowed). Returns the English source, where it starts, and the offset
    /// past the construct.
    fn lookup_half(&mut self, from: usize, ttu_id: &str) -> Option<(String, usize, usize)> {
        let skipped =
            self.text[from..].len() - self.text[from..].trim_start_matches([' ', '\t']).len();
        let lookup = from + skipped;
        if !self.text[lookup..].starts_with(LOOKUP_OPEN) {
            return None;
        }
        let inner = lookup + LOOKUP_OPEN.len();
        let ws = self.text[inner..].len() - self.text[inner..].trim_start().len();
        let stu = inner + ws;
        if !self.text[stu..].starts_with(STU_OPEN) {
            self.diagnose(
                Code::SxsMalformed,
                stu,
                format!("`sxs-lookup` span after `{ttu_id}` does not hold a `data-stu-id` span"),
            );
            let end = match self.matching_close(inner) {
                Close::At(close) => close + SPAN_CLOSE.len(),
                Close::Unclosed(stop) => stop,
            };
            return Some((String::new(), end, end));
        }
        let Some((stu_id, source_start)) = self.id_attribute(stu + STU_OPEN.len()) else {
            self.diagnose(
                Code::SxsMalformed,
                stu,
                "malformed `data-stu-id` attribute".into(),
            );
            return Some((String::new(), stu + STU_OPEN.len(), stu + STU_OPEN.len()));
        };
        if stu_id != ttu_id {
            self.diagnose(
                Code::SxsIdMismatch,
                stu,
                format!("ids disagree: translation `{ttu_id}` is followed by English `{stu_id}`"),
            );
        }
        let source_end = match self.matching_close(source_start) {
            Close::At(close) => close,
            Close::Unclosed(stop) => {
                self.diagnose(
                    Code::SxsUnclosed,
                    stu,
                    format!("English span `{stu_id}` is never closed"),
                );
                return Some((
                    self.text[source_start..stop].to_string(),
                    source_start,
                    stop,
                ));
            }
        };
        let source_end = self.past_stray_closes(stu_id, source_end, SPAN_CLOSE);
        let mut end = source_end + SPAN_CLOSE.len();
        let source = self.text[source_start..source_end].to_string();
        let ws = self.text[end..].len() - self.text[end..].trim_start_matches([' ', '\t']).len();
        if self.text[end + ws..].starts_with(SPAN_CLOSE) {
            end += ws + SPAN_CLOSE.len();
        } else {
            self.diagnose(
                Code::SxsUnclosed,
                lookup,
                format!("`sxs-lookup` span of `{stu_id}` is never closed"),
            );
        }
        Some((source, source_start, end))
    }

    /// A `</span>` at `close` should be followed by `next` (the lookup half after a translation,
    /// the lookup's own `</span>` after the English). When it is not, but a `</span>` followed by
    /// `next` comes later in the same segment, the first was a stray end tag in the text (the
    /// corpus has them, copied from the English): report it and return the real close.
    fn past_stray_closes(&mut self, id: &str, close: usize, next: &str) -> usize {
        let followed = |at: usize| {
            let rest = &self.text[at + SPAN_CLOSE.len()..];
            rest.trim_start_matches([' ', '\t']).starts_with(next)
        };
        if followed(close) {
            return close;
        }
        let limit = paragraph_end(self.text, close);
        let limit = self.text[close..limit]
            .find(TTU_OPEN)
            .map_or(limit, |rel| close + rel);
        let mut search = close + SPAN_CLOSE.len();
        while let Some(rel) = self.text[search..limit].find(SPAN_CLOSE) {
            let candidate = search + rel;
            if followed(candidate) {
                let at = self.position(close);
                self.scan.diagnostics.push(Diagnostic::warning(
                    Code::SxsStrayClose,
                    self.file,
                    at,
                    format!("stray `</span>` inside segment `{id}`; it is kept as text"),
                ));
                return candidate;
            }
            search = candidate + SPAN_CLOSE.len();
        }
        close
    }

    /// A `sxs-lookup` span with no translation before it: reported and dropped from the views.
    fn stray_lookup(&mut self, start: usize) -> usize {
        self.diagnose(
            Code::SxsUnpaired,
            start,
            "`sxs-lookup` span with no translation span before it".into(),
        );
        let end = match self.matching_close(start + LOOKUP_OPEN.len()) {
            Close::At(close) => close + SPAN_CLOSE.len(),
            Close::Unclosed(stop) => stop,
        };
        self.scan.stray_lookups.push(start..end);
        end
    }

    /// Finds the `</span>` that closes a span whose content starts at `from`, counting nested
    /// spans. Segments never nest and never cross a blank line, so meeting another segment's
    /// opening tag or the end of the paragraph means the span was left unclosed.
    fn matching_close(&self, from: usize) -> Close {
        let paragraph_end = paragraph_end(self.text, from);
        let mut depth = 0usize;
        let mut i = from;
        while let Some(rel) = self.text[i..paragraph_end].find('<') {
            let at = i + rel;
            let rest = &self.text[at..];
            if rest.starts_with(SPAN_CLOSE) {
                if depth == 0 {
                    return Close::At(at);
                }
                depth -= 1;
                i = at + SPAN_CLOSE.len();
            } else if rest.starts_with(TTU_OPEN) || rest.starts_with(LOOKUP_OPEN) {
                return Close::Unclosed(at);
            } else if rest.starts_with("<span") && rest[5..].starts_with([' ', '>', '\t', '\n']) {
                depth += 1;
                i = at + 5;
            } else {
                i = at + 1;
            }
        }
        Close::Unclosed(paragraph_end)
    }
}

/// The offset of the first blank line at or after `from` (or the end of the text).
fn paragraph_end(text: &str, from: usize) -> usize {
    let mut search = from;
    while let Some(rel) = text[search..].find('\n') {
        let line_start = search + rel + 1;
        let line_end = text[line_start..]
            .find('\n')
            .map_or(text.len(), |e| line_start + e);
        if text[line_start..line_end].trim().is_empty() {
            return line_start;
        }
        search = line_start;
    }
    text.len()
}

/// A text derived from a file by [`rewrite`], with the way back to the file's positions.
#[derive(Debug, Clone, Default)]
pub struct View {
    pub text: String,
    /// `(offset in the view, offset in the file)` where each copied run starts; between two
    /// anchors the view is a verbatim copy of the file.
    pub anchors: Vec<(usize, usize)>,
    /// `(index in the scan's segments, range in the view)` of each segment's kept half.
    pub segments: Vec<(usize, Range<usize>)>,
}

/// Which half of each segment a view keeps.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Half {
    /// The translated text.
    Target,
    /// The English source, or the translation where the file lacks the English.
    Source,
}

impl Half {
    /// The text this half keeps of `segment`, and where that text starts in the file.
    pub fn of(self, segment: &Segment) -> (&str, usize) {
        match (self, &segment.source, segment.source_start) {
            (Half::Source, Some(source), Some(start)) => (source, start),
            _ => (&segment.target, segment.target_start),
        }
    }
}

/// Copies `text[range]`, replacing each segment inside it by one of its halves and dropping
/// stray lookups: the one way every view of an sxs text is made.
pub fn rewrite(text: &str, range: Range<usize>, scan: &Scan, half: Half) -> View {
    let mut view = View {
        text: String::with_capacity(range.len()),
        anchors: Vec::new(),
        segments: Vec::new(),
    };
    let mut pos = range.start;
    let mut segments = scan
        .segments
        .iter()
        .enumerate()
        .filter(|(_, s)| s.range.start >= range.start)
        .peekable();
    let mut strays = scan
        .stray_lookups
        .iter()
        .filter(|r| r.start >= range.start)
        .peekable();
    let copy = |view: &mut View, piece: &str, from: usize| {
        if !piece.is_empty() {
            view.anchors.push((view.text.len(), from));
            view.text.push_str(piece);
        }
    };
    loop {
        let next_segment = segments.peek().map(|(_, s)| s.range.start);
        let next_stray = strays.peek().map(|r| r.start);
        let take_segment = match (next_segment, next_stray) {
            (Some(a), Some(b)) => a <= b,
            (Some(_), None) => true,
            (None, Some(_)) => false,
            (None, None) => break,
        };
        let (span, piece) = if take_segment {
            let (index, s) = segments.next().expect("peeked");
            (s.range.clone(), Some((index, s)))
        } else {
            (strays.next().expect("peeked").clone(), None)
        };
        if span.end > range.end {
            break;
        }
        copy(&mut view, &text[pos..span.start], pos);
        if let Some((index, segment)) = piece {
            let (kept, from) = half.of(segment);
            let start = view.text.len();
            copy(&mut view, kept, from);
            view.segments.push((index, start..view.text.len()));
        }
        pos = span.end;
    }
    copy(&mut view, &text[pos..range.end], pos);
    view
}

/// Segment `id` as a translation tool writes it, `target` carrying its English `source`: the
/// fixture of the tests that need sxs text.
#[cfg(test)]
pub(crate) fn segment_text(id: &str, target: &str, source: &str) -> String {
    format!(
        "<span data-ttu-id=\"{id}\">{target}</span><span class=\"sxs-lookup\"><span data-stu-id=\"{id}\">{source}</span></span>"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn views(text: &str) -> (Scan, String, String) {
        let scan = scan(text, Path::new("t.md"));
        let t = rewrite(text, 0..text.len(), &scan, Half::Target).text;
        let e = rewrite(text, 0..text.len(), &scan, Half::Source).text;
        (scan, t, e)
    }

    #[test]
    fn splits_a_pair_into_translation_and_english() {
        let text = format!(
            "# <a name=\"x\"></a>{}\n",
            segment_text("2b794-102", "Enhet", "Device")
        );
        let (scan, t, e) = views(&text);
        assert_eq!(scan.segments.len(), 1);
        let s = &scan.segments[0];
        assert_eq!(s.id.prefix, "2b794");
        assert_eq!(s.id.suffix, "102");
        assert_eq!((s.line, s.column), (1, 19));
        assert_eq!(t, "# <a name=\"x\"></a>Enhet\n");
        assert_eq!(e, "# <a name=\"x\"></a>Device\n");
        assert!(scan.diagnostics.is_empty());
    }

    #[test]
    fn keeps_markdown_links_and_code_inside_segments() {
        let text = format!(
            "1. {} {}\n",
            segment_text(
                "a-104",
                "Zie [doc](https://x.test/a) en `cmd /x`",
                "See [doc](https://x.test/a) and `cmd /x`"
            ),
            segment_text("a-105", "**Vet**", "**Bold**")
        );
        let (scan, t, e) = views(&text);
        assert_eq!(scan.segments.len(), 2);
        assert_eq!(t, "1. Zie [doc](https://x.test/a) en `cmd /x` **Vet**\n");
        assert_eq!(e, "1. See [doc](https://x.test/a) and `cmd /x` **Bold**\n");
    }

    #[test]
    fn segments_inside_link_text_keep_the_link() {
        let text = format!(
            "- [{}](other.md)\n",
            segment_text("8bfd2-166", "Oplossen", "Troubleshooting")
        );
        let (_, t, e) = views(&text);
        assert_eq!(t, "- [Oplossen](other.md)\n");
        assert_eq!(e, "- [Troubleshooting](other.md)\n");
    }

    #[test]
    fn segments_may_run_over_several_lines() {
        let text = format!(
            "intro\n{}\nafter\n",
            segment_text("a-p101", "een\ntwee", "one\ntwo")
        );
        let (scan, t, e) = views(&text);
        assert_eq!(scan.segments[0].line, 2);
        assert!(scan.segments[0].id.is_merged_paragraph());
        assert_eq!(t, "intro\neen\ntwee\nafter\n");
        assert_eq!(e, "intro\none\ntwo\nafter\n");
    }

    #[test]
    fn nested_spans_inside_a_segment_are_kept() {
        let text = segment_text("a-1", "x <span>y</span> z", "x <span>y</span> z");
        let (scan, t, _) = views(&text);
        assert_eq!(scan.segments[0].target, "x <span>y</span> z");
        assert_eq!(t, "x <span>y</span> z");
    }

    #[test]
    fn unpaired_translation_is_reported_and_kept() {
        let text = "line one\n<span data-ttu-id=\"a-7\">alleen</span> rest\n";
        let (scan, t, e) = views(text);
        assert_eq!(scan.diagnostics.len(), 1);
        let d = &scan.diagnostics[0];
        assert_eq!((d.code, d.line, d.column), (Code::SxsUnpaired, 2, 1));
        assert!(d.message.contains("a-7"));
        assert_eq!(scan.segments[0].source, None);
        assert_eq!(t, "line one\nalleen rest\n");
        assert_eq!(e, t);
    }

    #[test]
    fn an_id_used_twice_is_reported_where_both_are() {
        let text = format!(
            "{}\n\n{}\n",
            segment_text("a1-101", "Een", "One"),
            segment_text("a1-101", "Twee", "Two")
        );
        let (scan, t, _) = views(&text);
        assert_eq!(t, "Een\n\nTwee\n", "both segments are kept");
        let [diagnostic] = scan.diagnostics.as_slice() else {
            panic!("{:?}", scan.diagnostics)
        };
        assert_eq!(diagnostic.code, "sxs-duplicate-id");
        assert_eq!((diagnostic.line, diagnostic.column), (3, 1));
        assert_eq!(
            (diagnostic.related[0].line, diagnostic.related[0].column),
            (1, 1)
        );
    }

    #[test]
    fn disagreeing_ids_are_reported() {
        let text = "<span data-ttu-id=\"a-1\">x</span><span class=\"sxs-lookup\"><span data-stu-id=\"a-2\">y</span></span>";
        let (scan, t, e) = views(text);
        assert_eq!(scan.diagnostics[0].code, "sxs-id-mismatch");
        assert!(scan.diagnostics[0].message.contains("`a-1`"));
        assert!(scan.diagnostics[0].message.contains("`a-2`"));
        assert_eq!((t.as_str(), e.as_str()), ("x", "y"));
    }

    #[test]
    fn unclosed_span_stops_at_the_end_of_its_paragraph() {
        let text = format!(
            "<span data-ttu-id=\"a-1\">kapot\n\n{}\n",
            segment_text("a-2", "heel", "whole")
        );
        let (scan, t, _) = views(&text);
        assert_eq!(scan.diagnostics.len(), 1);
        assert_eq!(scan.diagnostics[0].code, "sxs-unclosed");
        assert_eq!(scan.segments.len(), 2);
        assert_eq!(scan.segments[1].target, "heel");
        assert_eq!(t, "kapot\n\nheel\n");
    }

    #[test]
    fn unclosed_span_stops_at_the_next_segment() {
        let text = format!(
            "<span data-ttu-id=\"a-1\">kapot {}",
            segment_text("a-2", "heel", "whole")
        );
        let (scan, t, e) = views(&text);
        assert_eq!(scan.segments.len(), 2);
        assert_eq!(t, "kapot heel");
        assert_eq!(e, "kapot whole");
    }

    #[test]
    fn stray_lookup_is_reported_and_dropped() {
        let text = "a <span class=\"sxs-lookup\"><span data-stu-id=\"a-1\">eng</span></span> b";
        let (scan, t, _) = views(text);
        assert_eq!(scan.diagnostics[0].code, "sxs-unpaired");
        assert_eq!(t, "a  b");
    }

    #[test]
    fn rewrite_limits_itself_to_a_range() {
        let text = format!(
            "{}\n---\n{}",
            segment_text("a-1", "x", "y"),
            segment_text("a-2", "v", "w")
        );
        let scan = scan(&text, Path::new("t.md"));
        let body_start = text.find("---").unwrap();
        assert_eq!(
            rewrite(&text, body_start..text.len(), &scan, Half::Source).text,
            "---\nw"
        );
    }

    #[test]
    fn stray_close_tags_inside_both_halves_are_kept_as_text() {
        // outlook-com-setting-changes.md in every locale of the corpus.
        let text = "- <span data-ttu-id=\"1a-112\">Volg de instructies </span> in dit [artikel](https://x.test).</span><span class=\"sxs-lookup\"><span data-stu-id=\"1a-112\">Follow the instructions</span> found in this [article](https://x.test).</span></span>\n";
        let (scan, t, e) = views(text);
        assert_eq!(scan.segments.len(), 1);
        assert_eq!(scan.diagnostics.len(), 2, "{:?}", scan.diagnostics);
        assert!(scan.diagnostics.iter().all(|d| d.code == "sxs-stray-close"));
        assert_eq!(
            t,
            "- Volg de instructies </span> in dit [artikel](https://x.test).\n"
        );
        assert_eq!(
            e,
            "- Follow the instructions</span> found in this [article](https://x.test).\n"
        );
    }

    #[test]
    fn multibyte_text_right_after_an_id_is_fine() {
        let one = segment_text("a-1", "“Sync Join”", "“Sync Join”");
        let two = segment_text("a-2", "“Sync Join”", "“Sync Join”");
        let (scan, t, _) = views(&format!("{one} {two}"));
        assert!(scan.diagnostics.is_empty());
        assert_eq!(t, "“Sync Join” “Sync Join”");
    }

    #[test]
    fn malformed_id_attribute_does_not_panic() {
        for text in [
            "<span data-ttu-id=\"",
            "<span data-ttu-id=\"abc",
            "<span data-ttu-id=\"a-1\"",
            "<span data-ttu-id=\"a-1\">x</span><span class=\"sxs-lookup\">",
            "<span data-ttu-id=\"a-1\">x</span><span class=\"sxs-lookup\"><span data-stu-id=\"a-1\">",
        ] {
            let (scan, _, _) = views(text);
            assert!(!scan.diagnostics.is_empty(), "{text}");
        }
    }

    mod properties {
        use super::*;
        use proptest::prelude::*;

        /// Pieces of sxs text, well-formed and broken, that the scanner must survive in any order.
        fn piece() -> impl Strategy<Value = String> {
            let id = "[0-9a-f]{5}-[0-9]{3}";
            prop_oneof![
                (id, r"[a-zA-Zæø *_`\[\]()\n]{0,12}", r"[a-zA-Z *\n]{0,12}")
                    .prop_map(|(id, t, s)| segment_text(&id, &t, &s)),
                id.prop_map(|id| format!("<span data-ttu-id=\"{id}\">")),
                id.prop_map(|id| format!("<span data-stu-id=\"{id}\">")),
                Just("<span class=\"sxs-lookup\">".to_string()),
                Just("</span>".to_string()),
                Just("<span data-ttu-id=\"".to_string()),
                Just("<span".to_string()),
                Just("</a>".to_string()),
                r"[a-z #>\-*\n]{0,10}",
            ]
        }

        proptest! {
            #[test]
            fn scan_never_panics_and_segments_are_in_bounds_ordered_and_verbatim(
                pieces in prop::collection::vec(piece(), 0..24)
            ) {
                let text = pieces.concat();
                let scan = scan(&text, Path::new("t.md"));
                let mut end = 0;
                for segment in &scan.segments {
                    prop_assert!(end <= segment.range.start, "segments overlap in {:?}", text);
                    prop_assert!(segment.range.end <= text.len());
                    end = segment.range.end;
                    let target = text.get(segment.target_start..segment.target_start + segment.target.len());
                    prop_assert_eq!(target, Some(segment.target.as_str()));
                    if let (Some(source), Some(start)) = (&segment.source, segment.source_start) {
                        prop_assert_eq!(text.get(start..start + source.len()), Some(source.as_str()));
                    }
                }
                for lookup in &scan.stray_lookups {
                    prop_assert!(lookup.start < lookup.end && lookup.end <= text.len());
                }
                for diagnostic in &scan.diagnostics {
                    prop_assert!(diagnostic.line >= 1 && diagnostic.column >= 1);
                }
                rewrite(&text, 0..text.len(), &scan, Half::Target);
                rewrite(&text, 0..text.len(), &scan, Half::Source);
            }

            #[test]
            fn views_of_well_formed_pairs_hold_one_half_and_no_lookup(
                pairs in prop::collection::vec(("[0-9a-f]{5}-[0-9]{3}", "[a-zA-Zæ ]{1,12}", "[a-zA-Z ]{1,12}"), 1..12)
            ) {
                let text = pairs.iter().map(|(id, t, s)| segment_text(id, t, s) + "\n\n").collect::<String>();
                let (scan, translation, english) = views(&text);
                prop_assert_eq!(scan.segments.len(), pairs.len());
                prop_assert!(scan.diagnostics.is_empty(), "{:?}", scan.diagnostics);
                let targets = pairs.iter().map(|(_, t, _)| format!("{t}\n\n")).collect::<String>();
                let sources = pairs.iter().map(|(_, _, s)| format!("{s}\n\n")).collect::<String>();
                prop_assert_eq!(translation, targets);
                prop_assert_eq!(english, sources);
            }

            #[test]
            fn views_never_keep_a_lookup_the_scan_understood(
                pieces in prop::collection::vec(piece(), 0..24)
            ) {
                let text = pieces.concat();
                let (scan, translation, english) = views(&text);
                let lookups = text.matches("sxs-lookup").count();
                let understood = scan.segments.iter().filter(|s| s.source.is_some()).count()
                    + scan.stray_lookups.len();
                if understood == lookups {
                    prop_assert!(!translation.contains("sxs-lookup"), "{:?} -> {:?}", text, translation);
                    prop_assert!(!english.contains("sxs-lookup"), "{:?} -> {:?}", text, english);
                }
            }
        }
    }
}
