//! The human format: rustc-like. Each finding is a `severity[code]: message` line, a
//! `  --> file:line:column` line, the source line with a caret under the column, and a
//! `  = note:` line per related place; a summary line closes the report.

use std::collections::HashMap;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use anstyle::{AnsiColor, Style};
use unicode_width::UnicodeWidthChar;

use super::{Report, location};
use crate::diagnostic::{Diagnostic, Severity};

/// Source lines wider than this (in terminal columns) are cut to a window around the caret.
const MAX_WIDTH: usize = 100;
/// A tab is shown as this many spaces.
const TAB: &str = "    ";
/// What marks a cut line end.
const ELLIPSIS: &str = "...";

pub(super) fn write(out: &mut dyn Write, report: &Report, color: bool) -> io::Result<()> {
    let palette = Palette::new(color);
    let mut sources = Sources::new(report.root);
    for d in &report.diagnostics {
        finding(out, d, &palette, &mut sources)?;
        writeln!(out)?;
    }
    let bold = palette.bold;
    writeln!(out, "{bold}{}{bold:#}", report.summary_line())
}

/// The styles of the report; all plain when colour is off.
struct Palette {
    error: Style,
    warning: Style,
    info: Style,
    gutter: Style,
    bold: Style,
}

impl Palette {
    fn new(color: bool) -> Palette {
        if !color {
            let plain = Style::new();
            return Palette {
                error: plain,
                warning: plain,
                info: plain,
                gutter: plain,
                bold: plain,
            };
        }
        let colored = |c: AnsiColor| Style::new().fg_color(Some(c.into())).bold();
        Palette {
            error: colored(AnsiColor::BrightRed),
            warning: colored(AnsiColor::BrightYellow),
            info: colored(AnsiColor::BrightCyan),
            gutter: colored(AnsiColor::BrightBlue),
            bold: Style::new().bold(),
        }
    }

    fn severity(&self, severity: Severity) -> Style {
        match severity {
            Severity::Error => self.error,
            Severity::Warning => self.warning,
            Severity::Info => self.info,
        }
    }
}

fn finding(
    out: &mut dyn Write,
    d: &Diagnostic,
    palette: &Palette,
    sources: &mut Sources,
) -> io::Result<()> {
    let (level, bold, gutter) = (palette.severity(d.severity), palette.bold, palette.gutter);
    writeln!(
        out,
        "{level}{}[{}]{level:#}{bold}: {}{bold:#}",
        d.severity, d.code, d.message
    )?;
    writeln!(out, "  {gutter}-->{gutter:#} {}", d.location())?;
    if let Some(text) = sources.line(&d.file, d.line) {
        let (shown, caret_at, caret_width) = excerpt(text, d.column);
        let number = d.line.to_string();
        let pad = " ".repeat(number.len());
        writeln!(out, "{gutter}{pad} |{gutter:#}")?;
        writeln!(out, "{gutter}{number} |{gutter:#} {shown}")?;
        writeln!(
            out,
            "{gutter}{pad} |{gutter:#} {}{level}{}{level:#}",
            " ".repeat(caret_at),
            "^".repeat(caret_width)
        )?;
    }
    for related in &d.related {
        writeln!(
            out,
            "  {bold}= note{bold:#}: {}: {}",
            related.message,
            location(&related.file, related.line, related.column)
        )?;
    }
    Ok(())
}

/// The files findings point into, read when first needed, each once.
struct Sources {
    root: PathBuf,
    /// The lines of each file read; `None` when it could not be read.
    files: HashMap<PathBuf, Option<Vec<String>>>,
}

impl Sources {
    fn new(root: &Path) -> Sources {
        Sources {
            root: root.to_path_buf(),
            files: HashMap::new(),
        }
    }

    /// Line `line` (1-based) of `file`, or `None` when the file cannot be read, the line does
    /// not exist, or `line` is 0.
    fn line(&mut self, file: &Path, line: usize) -> Option<&str> {
        if line == 0 {
            return None;
        }
        let root = &self.root;
        let lines = self.files.entry(file.to_path_buf()).or_insert_with(|| {
            let path = root.join(file);
            let bytes = std::fs::read(&path).ok()?;
            let (text, _) = crate::source::decode(&path, &bytes);
            Some(text.lines().map(str::to_string).collect())
        });
        lines.as_ref()?.get(line - 1).map(String::as_str)
    }
}

/// How `text` is shown so that a caret can sit under character `column` (1-based): tabs
/// expanded, control characters replaced, and lines wider than [`MAX_WIDTH`] cut to a window
/// around the column. Returns the shown text, how many terminal columns precede the caret, and
/// how wide the caret is (2 under a wide CJK character). A column past the end of the line
/// puts the caret just after it.
fn excerpt(text: &str, column: usize) -> (String, usize, usize) {
    let cells: Vec<(String, usize)> = text
        .chars()
        .map(|c| match c {
            '\t' => (TAB.to_string(), TAB.len()),
            c if c.is_control() => ('\u{FFFD}'.to_string(), 1),
            c => (c.to_string(), c.width().unwrap_or(0)),
        })
        .collect();
    let target = column.saturating_sub(1).min(cells.len());
    let caret_at: usize = cells[..target].iter().map(|(_, w)| w).sum();
    let caret_width = cells.get(target).map_or(1, |(_, w)| (*w).max(1));
    let total: usize = cells.iter().map(|(_, w)| w).sum();
    if total <= MAX_WIDTH {
        let shown: String = cells.into_iter().map(|(s, _)| s).collect();
        return (shown, caret_at, caret_width);
    }
    // A window of MAX_WIDTH columns with the caret a third of the way in.
    let start = caret_at
        .saturating_sub(MAX_WIDTH / 3)
        .min(total - MAX_WIDTH);
    let end = start + MAX_WIDTH;
    let mut shown = String::new();
    let mut at = 0;
    let mut first_shown = None;
    for (s, w) in &cells {
        if at >= start && at + w <= end {
            first_shown.get_or_insert(at);
            shown.push_str(s);
        }
        at += w;
    }
    let first_shown = first_shown.unwrap_or(start);
    let mut caret_at = caret_at - first_shown;
    if first_shown > 0 {
        shown.insert_str(0, ELLIPSIS);
        caret_at += ELLIPSIS.len();
    }
    if end < total {
        shown.push_str(ELLIPSIS);
    }
    (shown, caret_at, caret_width)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::check::format::Format;
    use crate::check::format::tests::written;

    #[test]
    fn caret_counts_characters_not_bytes() {
        assert_eq!(
            excerpt("Zie [dit](x.md)", 5),
            ("Zie [dit](x.md)".into(), 4, 1)
        );
        assert_eq!(
            excerpt("Før [link](x.md)", 5),
            ("Før [link](x.md)".into(), 4, 1)
        );
    }

    #[test]
    fn wide_characters_take_two_columns_and_a_double_caret() {
        // The caret under `[` sits after three wide characters and a space.
        let (shown, at, width) = excerpt("詳細は [リンク](x.md)", 5);
        assert_eq!(shown, "詳細は [リンク](x.md)");
        assert_eq!((at, width), (7, 1));
        assert_eq!(excerpt("詳細は", 2), ("詳細は".into(), 2, 2));
    }

    #[test]
    fn tabs_expand_and_control_characters_are_replaced() {
        assert_eq!(excerpt("\tx", 2), ("    x".into(), 4, 1));
        assert_eq!(excerpt("a\u{1b}[31mb", 3), ("a\u{FFFD}[31mb".into(), 2, 1));
    }

    #[test]
    fn a_column_past_the_end_points_just_after_the_line() {
        assert_eq!(excerpt("abc", 9), ("abc".into(), 3, 1));
        assert_eq!(excerpt("", 1), (String::new(), 0, 1));
    }

    #[test]
    fn long_lines_are_cut_to_a_window_around_the_caret() {
        let line = format!("{}TARGET{}", "a".repeat(500), "b".repeat(500));
        let (shown, at, _) = excerpt(&line, 501);
        assert!(
            shown.starts_with(ELLIPSIS) && shown.ends_with(ELLIPSIS),
            "{shown}"
        );
        assert_eq!(shown.chars().count(), MAX_WIDTH + 2 * ELLIPSIS.len());
        assert_eq!(&shown[at..at + 6], "TARGET");
        // Near the start, nothing is cut on the left.
        let (shown, at, _) = excerpt(&line, 3);
        assert!(!shown.starts_with(ELLIPSIS) && shown.ends_with(ELLIPSIS));
        assert_eq!(at, 2);
        // Near the end, nothing is cut on the right and the caret is still under its character.
        let (shown, at, _) = excerpt(&line, 1006);
        assert!(shown.starts_with(ELLIPSIS) && !shown.ends_with(ELLIPSIS));
        assert_eq!(&shown[at..], "b");
    }

    #[test]
    fn a_window_never_splits_a_wide_character() {
        let line = format!("{}目{}", "詳".repeat(99), "詳".repeat(100));
        let (shown, at, width) = excerpt(&line, 100);
        assert!(
            shown
                .trim_matches('.')
                .chars()
                .all(|c| c == '詳' || c == '目'),
            "{shown}"
        );
        let mut chars = shown.chars();
        let mut before = 0;
        while before < at {
            before += chars.next().and_then(|c| c.width()).unwrap();
        }
        assert_eq!(before, at, "the caret starts on a character boundary");
        assert_eq!(chars.next(), Some('目'));
        assert_eq!(width, 2);
    }

    #[test]
    fn findings_have_the_two_fixed_lines_a_snippet_and_notes() {
        let root = tempfile::tempdir().unwrap();
        let file = root.path().join("content/nl-NL/setup.md");
        std::fs::create_dir_all(file.parent().unwrap()).unwrap();
        std::fs::write(&file, "---\nZie\t[dit](missing.md).\r\n").unwrap();
        let text = written(Format::Human, root.path(), false);
        let expected = "error[broken-link]: link target `missing.md` does not exist: 100% <b>, \"quoted\" & done\nsecond line\n  --> content/nl-NL/setup.md:2:9\n  |\n2 | Zie    [dit](missing.md).\n  |            ^\n  = note: the English links to it too: content/en-US/setup, with: comma.md:2:5\n";
        assert!(text.contains(expected), "{text}");
        // The ja-JP file does not exist: no snippet, the note still follows.
        assert!(
            text.contains("  --> content/ja-JP/setup.md:3:2\n  = note: English list: content/en-US/setup.md:3:1\n"),
            "{text}"
        );
        // A whole-file finding names only the file.
        assert!(text.contains(
            "warning[empty-file]: the file is empty\n  --> content/nl-NL/empty file.md\n\n"
        ));
        // Line 4 does not exist in the file: no snippet.
        assert!(
            text.contains("  --> content/nl-NL/setup.md:4:1\n\n"),
            "{text}"
        );
        assert!(text.ends_with("1 error, 2 warnings, 1 info; checked 3 documents, 7 links, 2 external URLs (1 fetched, 1 cached, 0 skipped)\n"));
        assert!(!text.contains('\u{1b}'), "no colour when it is off");
    }

    #[test]
    fn colour_wraps_the_severity_and_leaves_the_text_intact() {
        let text = written(Format::Human, Path::new("/nonexistent"), true);
        assert!(text.contains("\u{1b}["), "{text}");
        assert!(text.contains("error[broken-link]"));
        let plain = written(Format::Human, Path::new("/nonexistent"), false);
        assert_eq!(strip_ansi(&text), plain);
    }

    fn strip_ansi(text: &str) -> String {
        let mut out = String::new();
        let mut chars = text.chars();
        while let Some(c) = chars.next() {
            if c == '\u{1b}' {
                for c in chars.by_ref() {
                    if c == 'm' {
                        break;
                    }
                }
            } else {
                out.push(c);
            }
        }
        out
    }
}
