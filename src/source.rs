//! Source text: decoding a file's bytes into text that parsers can trust, and turning byte
//! offsets back into the line and column a person would look at.

use std::path::Path;

use crate::code::Code;
use crate::diagnostic::Diagnostic;

/// Maps byte offsets of a text to 1-based `(line, column)` pairs, columns counted in characters.
#[derive(Debug, Clone)]
pub struct LineIndex {
    line_starts: Vec<usize>,
}

impl Default for LineIndex {
    /// The index of an empty text.
    fn default() -> Self {
        LineIndex {
            line_starts: vec![0],
        }
    }
}

impl LineIndex {
    pub fn new(text: &str) -> Self {
        let mut line_starts = vec![0];
        line_starts.extend(memchr_newlines(text).map(|i| i + 1));
        LineIndex { line_starts }
    }

    /// The 1-based line and character column of `offset` in `text` (the text this index was made from).
    pub fn position(&self, text: &str, offset: usize) -> (usize, usize) {
        let offset = offset.min(text.len());
        let line = self.line_starts.partition_point(|&s| s <= offset) - 1;
        let start = self.line_starts[line];
        let column = text
            .get(start..offset)
            .map_or(offset - start, |s| s.chars().count());
        (line + 1, column + 1)
    }
}

/// Maps offsets of a text derived from a file (the translation or English view of an sxs file)
/// back to the file's lines and columns, so findings about a view point into the file.
#[derive(Debug, Clone, Default)]
pub struct SourceMap {
    /// `(offset in the view, line, column in the file)` where each verbatim run starts.
    anchors: Vec<(usize, usize, usize)>,
}

impl SourceMap {
    /// `anchors` pairs an offset in the view with the offset in `file_text` it was copied from;
    /// the view is a verbatim copy of the file from each anchor to the next.
    pub fn new(anchors: &[(usize, usize)], file_text: &str, index: &LineIndex) -> Self {
        let anchors = anchors
            .iter()
            .map(|&(view, file)| {
                let (line, column) = index.position(file_text, file);
                (view, line, column)
            })
            .collect();
        SourceMap { anchors }
    }

    /// The file's 1-based line and column of byte `offset` in `view`.
    pub fn position(&self, view: &str, offset: usize) -> (usize, usize) {
        let offset = offset.min(view.len());
        let i = self.anchors.partition_point(|&(v, _, _)| v <= offset);
        let (start, line, column) = match i.checked_sub(1) {
            Some(i) => self.anchors[i],
            None => (0, 1, 1),
        };
        let run = view.get(start..offset).unwrap_or_default();
        match run.rfind('\n') {
            Some(last) => (
                line + run.matches('\n').count(),
                run[last + 1..].chars().count() + 1,
            ),
            None => (line, column + run.chars().count()),
        }
    }
}

/// Takes the lines of a text made from another file (a YAML page read as markdown) back to the
/// file: each recorded line knows the file line it came from and where its text starts there.
#[derive(Debug, Clone, Default)]
pub struct LineMap {
    /// `(line in the text, line in the file, column in the file, column in the text)`, the
    /// two columns being where the same character sits; sorted by the text's line.
    entries: Vec<(usize, usize, usize, usize)>,
}

impl LineMap {
    /// Records that line `line` of the text, from its column `text_column` on, is the file's
    /// line `file_line` from column `file_column` on.
    pub fn push(&mut self, line: usize, file_line: usize, file_column: usize, text_column: usize) {
        self.entries
            .push((line, file_line, file_column, text_column));
    }

    /// The file's line and column of the text's `line` and `column`. A line with no record
    /// (a blank line, markup the text added) maps to the record before it.
    pub fn map(&self, line: usize, column: usize) -> (usize, usize) {
        let i = self.entries.partition_point(|e| e.0 <= line);
        match i.checked_sub(1).map(|i| self.entries[i]) {
            Some((text_line, file_line, file_column, text_column)) if text_line == line => {
                (file_line, file_column + column.saturating_sub(text_column))
            }
            Some((_, file_line, file_column, _)) => (file_line, file_column),
            None => (1, 1),
        }
    }
}

fn memchr_newlines(text: &str) -> impl Iterator<Item = usize> + '_ {
    text.bytes()
        .enumerate()
        .filter_map(|(i, b)| (b == b'\n').then_some(i))
}

/// Decodes a file's bytes: drops a UTF-8 byte-order mark, normalises CRLF and lone CR line
/// endings to LF (line numbers stay the same), replaces NUL bytes, and replaces invalid UTF-8
/// with U+FFFD, reporting where the first invalid byte sits.
pub fn decode(path: &Path, bytes: &[u8]) -> (String, Vec<Diagnostic>) {
    let mut diagnostics = Vec::new();
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let text = match std::str::from_utf8(bytes) {
        Ok(s) => std::borrow::Cow::Borrowed(s),
        Err(e) => {
            let valid = &bytes[..e.valid_up_to()];
            let valid = std::str::from_utf8(valid).unwrap_or_default();
            let at = LineIndex::new(valid).position(valid, valid.len());
            diagnostics.push(Diagnostic::error(
                Code::InvalidUtf8,
                path,
                at,
                format!(
                    "invalid UTF-8 (byte 0x{:02X}); the bad bytes are shown as \u{FFFD}",
                    bytes[e.valid_up_to()]
                ),
            ));
            String::from_utf8_lossy(bytes)
        }
    };
    if text.contains('\0') {
        let offset = text.find('\0').unwrap_or(0);
        let at = LineIndex::new(&text).position(&text, offset);
        diagnostics.push(Diagnostic::warning(
            Code::NulByte,
            path,
            at,
            "NUL byte in text; replaced with \u{FFFD}",
        ));
    }
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\r' => {
                if chars.peek() != Some(&'\n') {
                    out.push('\n');
                }
            }
            '\0' => out.push('\u{FFFD}'),
            c => out.push(c),
        }
    }
    (out, diagnostics)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn source_map_points_view_offsets_into_the_file() {
        // The view keeps "ab" from the file, then "XY" from line 2, then "c".
        let file = "ab<span>\nXY</span>c";
        let index = LineIndex::new(file);
        let (x, c) = (file.find('X').unwrap(), file.find('c').unwrap());
        let map = SourceMap::new(&[(0, 0), (2, x), (4, c)], file, &index);
        let view = "abXYc";
        assert_eq!(map.position(view, 1), (1, 2));
        assert_eq!(map.position(view, 3), (2, 2));
        assert_eq!(map.position(view, 4), (2, 10));
    }

    #[test]
    fn source_map_counts_lines_inside_a_run() {
        let file = "a\nbc\nd";
        let index = LineIndex::new(file);
        let map = SourceMap::new(&[(0, 0)], file, &index);
        assert_eq!(map.position(file, file.find('d').unwrap()), (3, 1));
        assert_eq!(map.position(file, file.find('c').unwrap()), (2, 2));
    }

    #[test]
    fn positions_count_characters_not_bytes() {
        let text = "ab\næøå x\n";
        let index = LineIndex::new(text);
        assert_eq!(index.position(text, 0), (1, 1));
        assert_eq!(index.position(text, 3), (2, 1));
        let x = text.find('x').unwrap();
        assert_eq!(index.position(text, x), (2, 5));
        assert_eq!(index.position(text, text.len()), (3, 1));
    }

    #[test]
    fn decode_strips_bom_and_normalises_line_endings() {
        let (text, diags) = decode(Path::new("f.md"), b"\xEF\xBB\xBFa\r\nb\rc\n");
        assert_eq!(text, "a\nb\nc\n");
        assert!(diags.is_empty());
    }

    #[test]
    fn decode_reports_invalid_utf8_with_position() {
        let (text, diags) = decode(Path::new("f.md"), b"ok\nab\xFFcd\n");
        assert_eq!(text, "ok\nab\u{FFFD}cd\n");
        assert_eq!(diags.len(), 1);
        assert_eq!((diags[0].line, diags[0].column), (2, 3));
        assert_eq!(diags[0].code, "invalid-utf8");
    }

    #[test]
    fn decode_replaces_nul_bytes() {
        let (text, diags) = decode(Path::new("f.md"), b"a\0b");
        assert_eq!(text, "a\u{FFFD}b");
        assert_eq!(diags[0].code, "nul-byte");
    }
}
