//! Diagnostics: what diglot has to say about the content, each naming a file, a line and a column.
//!
//! Every stage of the pipeline reports problems as [`Diagnostic`] values instead of failing, so
//! one broken file never stops the rest of the site. The CLI prints them rustc-style and turns
//! the worst severity into the exit code.

use std::fmt;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

pub use crate::code::Code;

/// How bad a finding is. Errors make `diglot` exit with status 1.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
    Info,
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "info",
        })
    }
}

/// One finding about one place in one file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Diagnostic {
    pub severity: Severity,
    /// A stable, machine-readable name for the kind of finding (`front-matter`, `sxs-unpaired`, ...).
    pub code: Code,
    /// The locale and the article (its path under the locale folder) the finding is about.
    pub locale: Option<String>,
    pub article: Option<String>,
    pub file: PathBuf,
    /// 1-based line; 0 when the finding is about the file as a whole.
    pub line: usize,
    /// 1-based column, counted in characters.
    pub column: usize,
    pub message: String,
    /// Other places the finding compares against: the English source, another locale.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub related: Vec<Related>,
}

/// A second place a finding points at, with what it is.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Related {
    pub file: PathBuf,
    pub line: usize,
    pub column: usize,
    pub message: String,
}

impl Diagnostic {
    pub fn new(
        severity: Severity,
        code: Code,
        file: &Path,
        (line, column): (usize, usize),
        message: impl Into<String>,
    ) -> Self {
        Diagnostic {
            severity,
            code,
            locale: None,
            article: None,
            file: file.to_path_buf(),
            line,
            column,
            message: message.into(),
            related: Vec::new(),
        }
    }

    pub fn info(code: Code, file: &Path, at: (usize, usize), message: impl Into<String>) -> Self {
        Self::new(Severity::Info, code, file, at, message)
    }

    /// Names the locale and article the finding is about.
    pub fn in_article(mut self, locale: &str, article: &str) -> Self {
        self.locale = Some(locale.to_string());
        self.article = Some(article.to_string());
        self
    }

    /// Adds a second place the finding points at.
    pub fn with_related(
        mut self,
        file: &Path,
        (line, column): (usize, usize),
        message: impl Into<String>,
    ) -> Self {
        self.related.push(Related {
            file: file.to_path_buf(),
            line,
            column,
            message: message.into(),
        });
        self
    }

    pub fn error(code: Code, file: &Path, at: (usize, usize), message: impl Into<String>) -> Self {
        Self::new(Severity::Error, code, file, at, message)
    }

    pub fn warning(
        code: Code,
        file: &Path,
        at: (usize, usize),
        message: impl Into<String>,
    ) -> Self {
        Self::new(Severity::Warning, code, file, at, message)
    }

    /// `file:line:column`, the form editors and terminals turn into a link.
    pub fn location(&self) -> String {
        if self.line == 0 {
            self.file.display().to_string()
        } else {
            format!("{}:{}:{}", self.file.display(), self.line, self.column)
        }
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}[{}]: {}\n  --> {}",
            self.severity,
            self.code,
            self.message,
            self.location()
        )?;
        for related in &self.related {
            write!(
                f,
                "\n  = note: {}: {}:{}:{}",
                related.message,
                related.file.display(),
                related.line,
                related.column
            )?;
        }
        Ok(())
    }
}

/// True when any diagnostic is an error.
pub fn has_errors(diagnostics: &[Diagnostic]) -> bool {
    diagnostics.iter().any(|d| d.severity == Severity::Error)
}

/// Sorts diagnostics by file, then position, so output is stable across parallel runs.
pub fn sort(diagnostics: &mut [Diagnostic]) {
    diagnostics.sort_by(|a, b| {
        (&a.file, a.line, a.column, a.code).cmp(&(&b.file, b.line, b.column, b.code))
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn display_names_file_line_and_column() {
        let d = Diagnostic::error(Code::SxsUnpaired, Path::new("a/b.md"), (3, 7), "no partner");
        assert_eq!(
            d.to_string(),
            "error[sxs-unpaired]: no partner\n  --> a/b.md:3:7"
        );
    }

    #[test]
    fn whole_file_findings_have_no_position() {
        let d = Diagnostic::warning(Code::EmptyFile, Path::new("x.md"), (0, 0), "empty");
        assert_eq!(d.location(), "x.md");
    }

    #[test]
    fn sort_orders_by_file_then_position() {
        let mut v = vec![
            Diagnostic::error(Code::Toc, Path::new("b.md"), (1, 1), ""),
            Diagnostic::error(Code::Toc, Path::new("a.md"), (9, 1), ""),
            Diagnostic::error(Code::Toc, Path::new("a.md"), (2, 5), ""),
        ];
        sort(&mut v);
        let order: Vec<String> = v.iter().map(Diagnostic::location).collect();
        assert_eq!(order, ["a.md:2:5", "a.md:9:1", "b.md:1:1"]);
        assert!(has_errors(&v));
    }
}
