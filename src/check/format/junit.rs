//! The JUnit format: XML that CI servers show as test results. `<testsuites>` holds a
//! `<testsuite>` per locale and a `<testcase>` per article with findings; an article with errors
//! has one `<failure>` (its `type` the codes, its text every error with `file:line:column`),
//! warnings and information go to `<system-out>`. A `diglot` suite holds a `summary` case with
//! the run's figures, and the findings that belong to no locale, one case per file.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::io::{self, Write};

use super::{Report, location};
use crate::diagnostic::{Diagnostic, Severity};
use crate::report::xml::escape;

/// The suite for what belongs to no locale.
const TOOL_SUITE: &str = "diglot";

pub(super) fn write(out: &mut dyn Write, report: &Report) -> io::Result<()> {
    out.write_all(to_xml(report).as_bytes())
}

/// Findings grouped by suite, then test case.
type Suites<'a> = BTreeMap<String, BTreeMap<String, Vec<&'a Diagnostic>>>;

fn to_xml(report: &Report) -> String {
    let mut suites: Suites = BTreeMap::new();
    suites
        .entry(TOOL_SUITE.to_string())
        .or_default()
        .insert("summary".to_string(), Vec::new());
    for d in &report.diagnostics {
        let (suite, case) = match (&d.locale, &d.article) {
            (Some(locale), Some(article)) => (locale.clone(), article.clone()),
            (Some(locale), None) => (locale.clone(), d.file.display().to_string()),
            (None, _) => (TOOL_SUITE.to_string(), d.file.display().to_string()),
        };
        suites
            .entry(suite)
            .or_default()
            .entry(case)
            .or_default()
            .push(d);
    }
    let failing = |cases: &BTreeMap<String, Vec<&Diagnostic>>| {
        cases
            .values()
            .filter(|findings| findings.iter().any(|d| d.severity == Severity::Error))
            .count()
    };
    let tests: usize = suites.values().map(BTreeMap::len).sum();
    let failures: usize = suites.values().map(failing).sum();
    let mut xml = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    let _ = writeln!(
        xml,
        "<testsuites name=\"diglot check\" tests=\"{tests}\" failures=\"{failures}\" errors=\"0\">"
    );
    for (suite, cases) in &suites {
        let _ = writeln!(
            xml,
            "  <testsuite name=\"{}\" tests=\"{}\" failures=\"{}\" errors=\"0\" skipped=\"0\">",
            escape(suite, true),
            cases.len(),
            failing(cases)
        );
        for (case, findings) in cases {
            let summary = (suite == TOOL_SUITE && case == "summary").then(|| report.summary_line());
            test_case(&mut xml, suite, case, findings, summary.as_deref());
        }
        xml.push_str("  </testsuite>\n");
    }
    xml.push_str("</testsuites>\n");
    xml
}

fn test_case(
    xml: &mut String,
    suite: &str,
    case: &str,
    findings: &[&Diagnostic],
    summary: Option<&str>,
) {
    let (errors, others): (Vec<&Diagnostic>, Vec<&Diagnostic>) =
        findings.iter().partition(|d| d.severity == Severity::Error);
    let _ = write!(
        xml,
        "    <testcase name=\"{}\" classname=\"{}\"",
        escape(case, true),
        escape(suite, true)
    );
    if errors.is_empty() && others.is_empty() && summary.is_none() {
        xml.push_str("/>\n");
        return;
    }
    xml.push_str(">\n");
    if let Some(first) = errors.first() {
        let mut types: Vec<&str> = errors.iter().map(|d| d.code.name()).collect();
        types.dedup();
        let message = match errors.len() {
            1 => first.message.clone(),
            n => format!("{n} errors, the first: {}", first.message),
        };
        let text: Vec<String> = errors.iter().map(|d| described(d)).collect();
        let _ = writeln!(
            xml,
            "      <failure type=\"{}\" message=\"{}\">{}</failure>",
            escape(&types.join(" "), true),
            escape(&message, true),
            escape(&text.join("\n"), false)
        );
    }
    let mut out: Vec<String> = others.iter().map(|d| described(d)).collect();
    out.extend(summary.map(str::to_string));
    if !out.is_empty() {
        let _ = writeln!(
            xml,
            "      <system-out>{}</system-out>",
            escape(&out.join("\n"), false)
        );
    }
    xml.push_str("    </testcase>\n");
}

/// `file:line:column: severity[code]: message`, then a `note:` line per related place.
fn described(d: &Diagnostic) -> String {
    let mut text = format!(
        "{}: {}[{}]: {}",
        d.location(),
        d.severity,
        d.code,
        d.message
    );
    for related in &d.related {
        let _ = write!(
            text,
            "\n  note: {}: {}",
            related.message,
            location(&related.file, related.line, related.column)
        );
    }
    text
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use crate::check::format::Format;
    use crate::check::format::tests::written;
    use crate::report::xml::{Node, walk};

    /// An element: its name, its attributes (unescaped) and its text.
    type Element = (String, Vec<(String, String)>, String);

    /// Every element of `xml` in document order; panics on XML that is not well-formed.
    fn elements(xml: &str) -> Vec<Element> {
        let mut found: Vec<Element> = Vec::new();
        let mut open: Vec<usize> = Vec::new();
        walk(xml, |node| {
            match node {
                Node::Open(name, attributes) => {
                    let attributes = ["name", "classname", "tests", "failures", "type", "message"]
                        .iter()
                        .filter_map(|k| attributes.get(k).map(|v| (k.to_string(), v)))
                        .collect();
                    found.push((name, attributes, String::new()));
                    open.push(found.len() - 1);
                }
                Node::Text(text) => {
                    if let Some(&i) = open.last() {
                        found[i].2.push_str(&text);
                    }
                }
                Node::Close(_) => {
                    open.pop();
                }
            }
            Ok(())
        })
        .expect("well-formed XML");
        found
    }

    fn attribute<'a>(element: &'a Element, key: &str) -> &'a str {
        &element.1.iter().find(|(k, _)| k == key).unwrap().1
    }

    #[test]
    fn suites_per_locale_cases_per_article_failures_for_errors() {
        let xml = written(Format::Junit, Path::new("/nonexistent"), false);
        let elements = elements(&xml);
        let named =
            |name: &str| -> Vec<&Element> { elements.iter().filter(|e| e.0 == name).collect() };
        let root = &elements[0];
        assert_eq!(root.0, "testsuites");
        assert_eq!(attribute(root, "tests"), "4");
        assert_eq!(attribute(root, "failures"), "1");
        let suites: Vec<&str> = named("testsuite")
            .iter()
            .map(|s| attribute(s, "name"))
            .collect();
        assert_eq!(suites, ["diglot", "ja-JP", "nl-NL"]);
        let cases: Vec<(&str, &str)> = named("testcase")
            .iter()
            .map(|c| (attribute(c, "classname"), attribute(c, "name")))
            .collect();
        assert_eq!(
            cases,
            [
                ("diglot", "content/nl-NL/empty file.md"),
                ("diglot", "summary"),
                ("ja-JP", "setup.md"),
                ("nl-NL", "setup.md")
            ]
        );
        let failures = named("failure");
        assert_eq!(failures.len(), 1);
        assert_eq!(attribute(failures[0], "type"), "broken-link");
        assert_eq!(
            attribute(failures[0], "message"),
            "link target `missing.md` does not exist: 100% <b>, \"quoted\" & done\nsecond line"
        );
        assert!(
            failures[0].2.starts_with("content/nl-NL/setup.md:2:9: error[broken-link]: link target `missing.md` does not exist: 100% <b>, \"quoted\" & done\nsecond line\n  note: the English links to it too: content/en-US/setup, with: comma.md:2:5"),
            "{}",
            failures[0].2
        );
        let outputs: Vec<&str> = named("system-out").iter().map(|o| o.2.as_str()).collect();
        assert_eq!(outputs.len(), 4);
        assert!(outputs[1].starts_with("1 error, 2 warnings"), "{outputs:?}");
        assert!(outputs[3].starts_with("content/nl-NL/setup.md:4:1: info[redirect]"));
        let nl = named("testsuite")[2];
        assert_eq!(
            (attribute(nl, "tests"), attribute(nl, "failures")),
            ("1", "1")
        );
    }
}
