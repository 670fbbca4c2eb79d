//! The GitHub format: one workflow command per finding,
//! `::error file=F,line=L,col=C,title=CODE::MESSAGE` (`::warning` and `::notice` for the other
//! severities), which GitHub Actions turns into annotations on the pull request. Related places
//! follow the message as `note:` lines. A plain summary line closes the log.

use std::io::{self, Write};

use super::{Report, location, slashed};
use crate::diagnostic::{Diagnostic, Severity};

pub(super) fn write(out: &mut dyn Write, report: &Report) -> io::Result<()> {
    for d in &report.diagnostics {
        writeln!(out, "{}", command(d, report))?;
    }
    writeln!(out, "{}", report.summary_line())
}

/// The workflow command of `d`; paths are relative to the working directory, as GitHub wants.
fn command(d: &Diagnostic, report: &Report) -> String {
    let name = match d.severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "notice",
    };
    let file = slashed(&report.seen_from_workdir(&d.file));
    let mut properties = vec![format!("file={}", property(&file))];
    if d.line > 0 {
        properties.push(format!("line={}", d.line));
        properties.push(format!("col={}", d.column));
    }
    properties.push(format!("title={}", property(d.code.name())));
    let mut message = d.message.clone();
    for related in &d.related {
        message.push_str(&format!(
            "\nnote: {}: {}",
            related.message,
            location(
                &report.seen_from_workdir(&related.file),
                related.line,
                related.column
            )
        ));
    }
    format!("::{name} {}::{}", properties.join(","), data(&message))
}

/// Escapes a command's message: `%`, carriage return and line feed.
fn data(text: &str) -> String {
    text.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// Escapes a property value: as [`data`], and `:` and `,`, which separate properties.
fn property(text: &str) -> String {
    data(text).replace(':', "%3A").replace(',', "%2C")
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use super::*;
    use crate::check::format::Format;
    use crate::check::format::tests::written;
    use crate::check::{Checked, Stats};
    use crate::code::Code;

    #[test]
    fn escapes_data_and_properties_as_github_requires() {
        assert_eq!(
            data("100% done\r\nnext: a, b"),
            "100%25 done%0D%0Anext: a, b"
        );
        assert_eq!(property("a:b,c%d\ne"), "a%3Ab%2Cc%25d%0Ae");
    }

    #[test]
    fn one_command_per_finding_with_the_severity_mapped() {
        let text = written(Format::Github, Path::new("."), false);
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(lines.len(), 5, "{text}");
        assert_eq!(
            lines[0],
            "::warning file=content/ja-JP/setup.md,line=3,col=2,title=step-mismatch::list has 2 items, the English 3%0Anote: English list: content/en-US/setup.md:3:1"
        );
        assert_eq!(
            lines[1],
            "::warning file=content/nl-NL/empty file.md,title=empty-file::the file is empty"
        );
        assert_eq!(
            lines[2],
            "::error file=content/nl-NL/setup.md,line=2,col=9,title=broken-link::link target `missing.md` does not exist: 100%25 <b>, \"quoted\" & done%0Asecond line%0Anote: the English links to it too: content/en-US/setup, with: comma.md:2:5"
        );
        assert!(
            lines[3]
                .starts_with("::notice file=content/nl-NL/setup.md,line=4,col=1,title=redirect::")
        );
        assert!(lines[4].starts_with("1 error, 2 warnings, 1 info"));
    }

    #[test]
    fn a_file_name_with_separators_is_escaped() {
        let checked = Checked {
            diagnostics: vec![Diagnostic::error(
                Code::BrokenLink,
                Path::new("a, b:c.md"),
                (1, 1),
                "x",
            )],
            stats: Stats::default(),
        };
        let report = Report::new(&checked, Path::new("docs"));
        assert_eq!(
            command(&checked.diagnostics[0], &report),
            "::error file=docs/a%2C b%3Ac.md,line=1,col=1,title=broken-link::x"
        );
    }
}
