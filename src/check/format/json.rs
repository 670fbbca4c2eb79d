//! The JSON format: one pretty-printed document,
//! `{ "version", "stats", "summary", "diagnostics" }`. Every field is always present (`null`
//! when a finding has no locale or article, `[]` when it has no related place), paths use
//! forward slashes, and diagnostics come in the report's stable order. The README documents
//! each field; `version` changes when a field changes meaning or goes away.

use std::io::{self, Write};

use serde::Serialize;

use crate::code::Code;

use super::{Report, Summary, slashed};
use crate::check::Stats;
use crate::diagnostic::{Diagnostic, Severity};

/// The version of the JSON shape.
pub(super) const VERSION: u32 = 1;

#[derive(Serialize)]
struct Document<'a> {
    version: u32,
    stats: &'a Stats,
    summary: Summary,
    diagnostics: Vec<Finding<'a>>,
}

#[derive(Serialize)]
struct Finding<'a> {
    severity: Severity,
    code: Code,
    locale: Option<&'a str>,
    article: Option<&'a str>,
    file: String,
    line: usize,
    column: usize,
    message: &'a str,
    related: Vec<Place<'a>>,
}

#[derive(Serialize)]
struct Place<'a> {
    file: String,
    line: usize,
    column: usize,
    message: &'a str,
}

impl<'a> Finding<'a> {
    fn of(d: &'a Diagnostic) -> Finding<'a> {
        Finding {
            severity: d.severity,
            code: d.code,
            locale: d.locale.as_deref(),
            article: d.article.as_deref(),
            file: slashed(&d.file),
            line: d.line,
            column: d.column,
            message: &d.message,
            related: d
                .related
                .iter()
                .map(|r| Place {
                    file: slashed(&r.file),
                    line: r.line,
                    column: r.column,
                    message: &r.message,
                })
                .collect(),
        }
    }
}

pub(super) fn write(out: &mut dyn Write, report: &Report) -> io::Result<()> {
    let document = Document {
        version: VERSION,
        stats: report.stats,
        summary: report.summary,
        diagnostics: report.diagnostics.iter().map(|d| Finding::of(d)).collect(),
    };
    serde_json::to_writer_pretty(&mut *out, &document)?;
    writeln!(out)
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use serde_json::{Value, json};

    use crate::check::format::Format;
    use crate::check::format::tests::written;

    #[test]
    fn the_document_has_version_stats_summary_and_every_field_of_every_finding() {
        let text = written(Format::Json, Path::new("/nonexistent"), false);
        let v: Value = serde_json::from_str(&text).unwrap();
        assert_eq!(v["version"], 1);
        assert_eq!(
            v["stats"],
            json!({"documents": 3, "links": 7, "external_urls": 2, "fetched": 1, "cached": 1, "skipped": 0})
        );
        assert_eq!(v["summary"], json!({"errors": 1, "warnings": 2, "info": 1}));
        let diagnostics = v["diagnostics"].as_array().unwrap();
        assert_eq!(diagnostics.len(), 4);
        assert_eq!(
            diagnostics[2],
            json!({
                "severity": "error",
                "code": "broken-link",
                "locale": "nl-NL",
                "article": "setup.md",
                "file": "content/nl-NL/setup.md",
                "line": 2,
                "column": 9,
                "message": "link target `missing.md` does not exist: 100% <b>, \"quoted\" & done\nsecond line",
                "related": [{
                    "file": "content/en-US/setup, with: comma.md",
                    "line": 2,
                    "column": 5,
                    "message": "the English links to it too"
                }]
            })
        );
        // A finding with no article and no related place still has the fields.
        assert_eq!(diagnostics[1]["locale"], Value::Null);
        assert_eq!(diagnostics[1]["article"], Value::Null);
        assert_eq!(diagnostics[1]["related"], json!([]));
        assert_eq!(diagnostics[1]["line"], 0);
        let keys: Vec<&str> = v.as_object().unwrap().keys().map(String::as_str).collect();
        assert_eq!(keys.len(), 4, "{keys:?}");
    }
}
