//! Writing check results: human text (rustc-like, with a snippet and a caret), JSON, GitHub
//! workflow annotations, SARIF 2.1.0 and JUnit XML.
//!
//! Every format is written from the same [`Report`]: the diagnostics in one stable order, the
//! run's [`Stats`] and the counts by severity.

mod github;
mod human;
mod json;
mod junit;
mod sarif;

use std::io::{self, Write};
use std::path::{Path, PathBuf};

use serde::Serialize;

use super::{Checked, Stats};
use crate::diagnostic::{Diagnostic, Severity};
use crate::load::display_path;

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
    let report = Report::new(checked, root);
    match format {
        Format::Human => human::write(out, &report, color),
        Format::Json => json::write(out, &report),
        Format::Github => github::write(out, &report),
        Format::Sarif => sarif::write(out, &report),
        Format::Junit => junit::write(out, &report),
    }
}

/// What every format writes.
struct Report<'a> {
    /// Ordered by file, position, code, severity, message, locale and article: the same input
    /// always gives the same output, whatever order the checks finished in.
    diagnostics: Vec<&'a Diagnostic>,
    stats: &'a Stats,
    summary: Summary,
    /// The project folder the diagnostics' files are relative to.
    root: &'a Path,
    /// The folder diglot runs in, if it can be known.
    workdir: Option<PathBuf>,
}

impl<'a> Report<'a> {
    fn new(checked: &'a Checked, root: &'a Path) -> Report<'a> {
        let mut diagnostics: Vec<&Diagnostic> = checked.diagnostics.iter().collect();
        diagnostics.sort_by(|a, b| {
            let key = |d: &'a Diagnostic| {
                (
                    &d.file, d.line, d.column, d.code, d.severity, &d.message, &d.locale,
                    &d.article,
                )
            };
            key(a).cmp(&key(b))
        });
        let summary = Summary::of(&diagnostics);
        Report {
            diagnostics,
            stats: &checked.stats,
            summary,
            root,
            workdir: std::env::current_dir().ok(),
        }
    }

    /// `file` (relative to the project root) as seen from the folder diglot runs in: relative
    /// when inside it, absolute otherwise. GitHub resolves annotation and SARIF paths against
    /// the checkout, where a workflow runs diglot, so `--root docs` still points at
    /// `docs/content/...`.
    fn seen_from_workdir(&self, file: &Path) -> PathBuf {
        let full = self.root.join(file);
        match (std::path::absolute(&full), &self.workdir) {
            (Ok(absolute), Some(workdir)) => display_path(workdir, &absolute),
            _ => full,
        }
    }

    /// One line: the counts by severity and what was checked.
    fn summary_line(&self) -> String {
        let Summary {
            errors,
            warnings,
            info,
        } = self.summary;
        let s = self.stats;
        format!(
            "{}, {}, {} info; checked {}, {}, {} ({} fetched, {} cached, {} skipped)",
            counted(errors, "error"),
            counted(warnings, "warning"),
            info,
            counted(s.documents, "document"),
            counted(s.links, "link"),
            counted(s.external_urls, "external URL"),
            s.fetched,
            s.cached,
            s.skipped,
        )
    }
}

/// How many findings there are of each severity.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
struct Summary {
    errors: usize,
    warnings: usize,
    info: usize,
}

impl Summary {
    fn of(diagnostics: &[&Diagnostic]) -> Summary {
        let mut summary = Summary::default();
        for d in diagnostics {
            match d.severity {
                Severity::Error => summary.errors += 1,
                Severity::Warning => summary.warnings += 1,
                Severity::Info => summary.info += 1,
            }
        }
        summary
    }
}

/// `1 error`, `2 errors`.
fn counted(n: usize, noun: &str) -> String {
    if n == 1 {
        format!("1 {noun}")
    } else {
        format!("{n} {noun}s")
    }
}

/// A path with forward slashes whatever the platform, as machine-read formats want it.
fn slashed(path: &Path) -> String {
    path.to_string_lossy().replace('\\', "/")
}

/// `file:line:column`, or only the file when `line` is 0 (a finding about the whole file).
fn location(file: &Path, line: usize, column: usize) -> String {
    if line == 0 {
        file.display().to_string()
    } else {
        format!("{}:{line}:{column}", file.display())
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use std::path::Path;

    use super::*;
    use crate::check::Stats;
    use crate::code::Code;

    /// A hand-built check result: an error with a related place, a warning in another locale,
    /// an info, a whole-file finding without an article, and awkward characters everywhere.
    pub(crate) fn checked() -> Checked {
        let diagnostics = vec![
            Diagnostic::warning(
                Code::StepMismatch,
                Path::new("content/ja-JP/setup.md"),
                (3, 2),
                "list has 2 items, the English 3",
            )
            .in_article("ja-JP", "setup.md")
            .with_related(Path::new("content/en-US/setup.md"), (3, 1), "English list"),
            Diagnostic::error(
                Code::BrokenLink,
                Path::new("content/nl-NL/setup.md"),
                (2, 9),
                "link target `missing.md` does not exist: 100% <b>, \"quoted\" & done\nsecond line",
            )
            .in_article("nl-NL", "setup.md")
            .with_related(
                Path::new("content/en-US/setup, with: comma.md"),
                (2, 5),
                "the English links to it too",
            ),
            Diagnostic::info(
                Code::Redirect,
                Path::new("content/nl-NL/setup.md"),
                (4, 1),
                "https://a.example/ redirects to https://b.example/",
            )
            .in_article("nl-NL", "setup.md"),
            Diagnostic::warning(
                Code::EmptyFile,
                Path::new("content/nl-NL/empty file.md"),
                (0, 0),
                "the file is empty",
            ),
        ];
        Checked {
            diagnostics,
            stats: Stats {
                documents: 3,
                links: 7,
                external_urls: 2,
                fetched: 1,
                cached: 1,
                skipped: 0,
            },
        }
    }

    pub(crate) fn written(format: Format, root: &Path, color: bool) -> String {
        let mut out = Vec::new();
        write(&mut out, format, &checked(), root, color).unwrap();
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn report_orders_by_file_then_position_and_counts_severities() {
        let checked = checked();
        let report = Report::new(&checked, Path::new("."));
        let order: Vec<String> = report.diagnostics.iter().map(|d| d.location()).collect();
        assert_eq!(
            order,
            [
                "content/ja-JP/setup.md:3:2",
                "content/nl-NL/empty file.md",
                "content/nl-NL/setup.md:2:9",
                "content/nl-NL/setup.md:4:1"
            ]
        );
        assert_eq!(
            report.summary,
            Summary {
                errors: 1,
                warnings: 2,
                info: 1
            }
        );
        assert_eq!(
            report.summary_line(),
            "1 error, 2 warnings, 1 info; checked 3 documents, 7 links, 2 external URLs (1 fetched, 1 cached, 0 skipped)"
        );
    }

    #[test]
    fn paths_from_the_working_directory_keep_the_root_folder() {
        let checked = checked();
        let workdir = std::env::current_dir().unwrap();
        let report = Report::new(&checked, Path::new("docs"));
        assert_eq!(
            report.seen_from_workdir(Path::new("content/nl-NL/a.md")),
            Path::new("docs/content/nl-NL/a.md")
        );
        let absolute = workdir.join("book");
        let report = Report::new(&checked, &absolute);
        assert_eq!(
            report.seen_from_workdir(Path::new("content/a.md")),
            Path::new("book/content/a.md")
        );
        let report = Report::new(&checked, Path::new("."));
        assert_eq!(
            report.seen_from_workdir(Path::new("/elsewhere/a.md")),
            Path::new("/elsewhere/a.md")
        );
        assert_eq!(
            report.seen_from_workdir(Path::new("x.md")),
            Path::new("x.md")
        );
    }

    #[test]
    fn every_format_is_deterministic_whatever_the_input_order() {
        let mut reversed = checked();
        reversed.diagnostics.reverse();
        for format in [
            Format::Human,
            Format::Json,
            Format::Github,
            Format::Sarif,
            Format::Junit,
        ] {
            let mut out = Vec::new();
            write(
                &mut out,
                format,
                &reversed,
                Path::new("/nonexistent"),
                false,
            )
            .unwrap();
            let expected = written(format, Path::new("/nonexistent"), false);
            assert_eq!(String::from_utf8(out).unwrap(), expected, "{format:?}");
        }
    }
}
