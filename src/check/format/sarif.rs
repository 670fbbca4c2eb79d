//! The SARIF format: one SARIF 2.1.0 log with one run, for code-scanning dashboards (GitHub's
//! `upload-sarif` among them). The driver lists a rule for every code of [`Code::ALL`]; each
//! finding is a result with its level, message, location (a relative URI with forward slashes
//! and a start line and column) and its related places. Columns count Unicode code points, as the run's `columnKind` says.

use std::io::{self, Write};
use std::path::Path;

use serde_json::{Value, json};

use super::{Report, slashed};
use crate::code::Code;
use crate::diagnostic::{Diagnostic, Severity};

/// The OASIS schema of SARIF 2.1.0 (errata 01), which the log names as its `$schema`.
const SCHEMA: &str =
    "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json";
/// Where a reader of a result finds out what diglot is.
const INFORMATION_URI: &str = "https://crates.io/crates/diglot";
/// The base relative URIs resolve against: the folder diglot ran in (a workflow's checkout).
const SOURCE_ROOT: &str = "%SRCROOT%";

pub(super) fn write(out: &mut dyn Write, report: &Report) -> io::Result<()> {
    serde_json::to_writer_pretty(&mut *out, &log(report))?;
    writeln!(out)
}

fn log(report: &Report) -> Value {
    let rules: Vec<Value> = Code::ALL
        .iter()
        .map(|code| {
            json!({
                "id": code.name(),
                "shortDescription": {"text": code.description()},
                "defaultConfiguration": {"level": level(code.default_severity())},
            })
        })
        .collect();
    let results: Vec<Value> = report
        .diagnostics
        .iter()
        .map(|d| result(d, Code::ALL.iter().position(|&code| code == d.code), report))
        .collect();
    json!({
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {
                "name": "diglot",
                "version": env!("CARGO_PKG_VERSION"),
                "informationUri": INFORMATION_URI,
                "rules": rules,
            }},
            "columnKind": "unicodeCodePoints",
            "results": results,
        }],
    })
}

fn result(d: &Diagnostic, rule_index: Option<usize>, report: &Report) -> Value {
    let place = |file: &Path, line, column| {
        physical_location(&report.seen_from_workdir(file), line, column)
    };
    let mut result = json!({
        "ruleId": d.code,
        "level": level(d.severity),
        "message": {"text": d.message},
        "locations": [{"physicalLocation": place(&d.file, d.line, d.column)}],
    });
    if let Some(index) = rule_index {
        result["ruleIndex"] = json!(index);
    }
    if !d.related.is_empty() {
        result["relatedLocations"] = d
            .related
            .iter()
            .enumerate()
            .map(|(id, r)| {
                json!({
                    "id": id,
                    "physicalLocation": place(&r.file, r.line, r.column),
                    "message": {"text": r.message},
                })
            })
            .collect();
    }
    if let (Some(locale), Some(article)) = (&d.locale, &d.article) {
        result["properties"] = json!({"locale": locale, "article": article});
    }
    result
}

/// A file (relative to the working directory, or absolute) and, unless `line` is 0 (the whole file), the region starting at `line:column`.
fn physical_location(file: &Path, line: usize, column: usize) -> Value {
    let mut artifact = json!({"uri": uri(file)});
    if !file.is_absolute() {
        artifact["uriBaseId"] = json!(SOURCE_ROOT);
    }
    let mut location = json!({"artifactLocation": artifact});
    if line > 0 {
        location["region"] = json!({"startLine": line, "startColumn": column.max(1)});
    }
    location
}

/// A URI reference for `file`: relative paths stay relative, absolute ones become `file:`
/// URIs; separators are forward slashes and every byte that is not unreserved is
/// percent-encoded.
fn uri(file: &Path) -> String {
    let path = slashed(file);
    let mut encoded = String::with_capacity(path.len());
    for byte in path.bytes() {
        match byte {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' | b'/' => {
                encoded.push(byte as char)
            }
            _ => encoded.push_str(&format!("%{byte:02X}")),
        }
    }
    match (file.is_absolute(), encoded.starts_with('/')) {
        (false, _) => encoded,
        (true, true) => format!("file://{encoded}"),
        (true, false) => format!("file:///{encoded}"),
    }
}

fn level(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::check::format::Format;
    use crate::check::format::tests::written;

    fn sarif() -> Value {
        serde_json::from_str(&written(Format::Sarif, Path::new("."), false)).unwrap()
    }

    #[test]
    fn the_log_names_its_schema_version_and_driver_with_a_rule_per_code() {
        let v = sarif();
        assert_eq!(v["$schema"], SCHEMA);
        assert_eq!(v["version"], "2.1.0");
        let runs = v["runs"].as_array().unwrap();
        assert_eq!(runs.len(), 1);
        let driver = &runs[0]["tool"]["driver"];
        assert_eq!(driver["name"], "diglot");
        assert_eq!(driver["version"], env!("CARGO_PKG_VERSION"));
        assert!(
            driver["informationUri"]
                .as_str()
                .unwrap()
                .starts_with("https://")
        );
        let rules = driver["rules"].as_array().unwrap();
        let ids: Vec<&str> = rules.iter().map(|r| r["id"].as_str().unwrap()).collect();
        let all: Vec<&str> = Code::ALL.iter().map(|c| c.name()).collect();
        assert_eq!(ids, all, "one rule per code, in the order of the enum");
        for rule in rules {
            let text = rule["shortDescription"]["text"].as_str().unwrap();
            assert!(text.ends_with('.'), "{rule}");
        }
        assert_eq!(rules[0]["defaultConfiguration"]["level"], "error");
        assert_eq!(runs[0]["columnKind"], "unicodeCodePoints");
    }

    #[test]
    fn results_carry_level_message_location_and_related_places() {
        let v = sarif();
        let results = v["runs"][0]["results"].as_array().unwrap();
        assert_eq!(results.len(), 4);
        let levels: Vec<&str> = results
            .iter()
            .map(|r| r["level"].as_str().unwrap())
            .collect();
        assert_eq!(levels, ["warning", "warning", "error", "note"]);
        let error = &results[2];
        assert_eq!(error["ruleId"], "broken-link");
        let rules = &v["runs"][0]["tool"]["driver"]["rules"];
        assert_eq!(
            rules[error["ruleIndex"].as_u64().unwrap() as usize]["id"],
            "broken-link"
        );
        assert!(
            error["message"]["text"]
                .as_str()
                .unwrap()
                .starts_with("link target")
        );
        let location = &error["locations"][0]["physicalLocation"];
        assert_eq!(
            location["artifactLocation"]["uri"],
            "content/nl-NL/setup.md"
        );
        assert_eq!(location["artifactLocation"]["uriBaseId"], SOURCE_ROOT);
        assert_eq!(
            location["region"],
            json!({"startLine": 2, "startColumn": 9})
        );
        let related = &error["relatedLocations"][0];
        assert_eq!(
            related["physicalLocation"]["artifactLocation"]["uri"],
            "content/en-US/setup%2C%20with%3A%20comma.md"
        );
        assert_eq!(related["message"]["text"], "the English links to it too");
        assert_eq!(
            error["properties"],
            json!({"locale": "nl-NL", "article": "setup.md"})
        );
        // A whole-file finding has no region.
        assert!(
            results[1]["locations"][0]["physicalLocation"]
                .get("region")
                .is_none()
        );
    }

    #[test]
    fn uris_are_relative_with_forward_slashes_or_file_uris() {
        assert_eq!(
            uri(Path::new("content/nl-NL/a b.md")),
            "content/nl-NL/a%20b.md"
        );
        assert_eq!(
            uri(Path::new("content\\da-DK\\ø.md")),
            "content/da-DK/%C3%B8.md"
        );
        assert_eq!(
            uri(Path::new("/srv/corpus/ja-JP/a#1.md")),
            "file:///srv/corpus/ja-JP/a%231.md"
        );
    }
}
