//! The output formats of `diglot check`, through the real binary on a small project with one
//! broken file, and against their standards: SARIF validated with Python's `jsonschema` against
//! the OASIS schema vendored in `tests/schemas/` (without Python and `jsonschema` that check
//! says so and passes), JUnit parsed back with quick-xml. Also the exit codes.

mod common;

use std::path::Path;
use std::process::{Command, Output, Stdio};

use common::*;
use diglot::check::format::{self, Format};
use diglot::check::{Checked, Stats};
use diglot::diagnostic::{Code, Diagnostic};
use quick_xml::Reader;
use quick_xml::events::Event;
use serde_json::Value;

const GOOD: &[u8] = b"---\ntitle: Goed\nms.contentlocale: nl-NL\n---\n# <a name=\"good\"></a><span data-ttu-id=\"a1-102\">Goed</span><span class=\"sxs-lookup\"><span data-stu-id=\"a1-102\">Good</span></span>\n";

/// A translation span that is never closed, on line 5 column 4, after two wide characters.
const UNCLOSED: &[u8] =
    "---\ntitle: x\nms.contentlocale: ja-JP\n---\n詳細 <span data-ttu-id=\"d4-103\">閉じない\n"
        .as_bytes();

/// A project with one good page and one whose sxs span is unclosed.
fn broken_project() -> tempfile::TempDir {
    project(&[
        ("content/nl-NL/good.md", GOOD),
        ("content/ja-JP/open.md", UNCLOSED),
    ])
}

/// Runs `diglot check --offline --format FORMAT` in `dir`, as a CI job runs it in its checkout;
/// returns standard output and the exit code.
fn check(dir: &Path, format: &str) -> (String, Option<i32>) {
    check_in(dir, dir, format)
}

/// Runs `diglot --root ROOT check --offline --format FORMAT` in folder `workdir`.
fn check_in(workdir: &Path, root: &Path, format: &str) -> (String, Option<i32>) {
    let run = Command::new(env!("CARGO_BIN_EXE_diglot"))
        .args(["--root", root.to_str().unwrap()])
        .args(["check", "--offline", "--format", format])
        .current_dir(workdir)
        .env("NO_COLOR", "1")
        .output()
        .unwrap();
    (
        String::from_utf8(run.stdout).expect("UTF-8 output"),
        run.status.code(),
    )
}

#[test]
fn human_shows_the_two_lines_a_snippet_with_the_caret_and_a_summary() {
    let dir = broken_project();
    let (out, code) = check(dir.path(), "human");
    assert_eq!(code, Some(1), "{out}");
    let expected = "error[sxs-unclosed]: translation span `d4-103` is never closed; it is read up to the end of its paragraph\n  --> content/ja-JP/open.md:5:4\n  |\n5 | 詳細 <span data-ttu-id=\"d4-103\">閉じない\n  |      ^\n";
    assert!(out.contains(expected), "{out}");
    let last = out.lines().last().unwrap();
    assert!(
        last.starts_with("1 error, 0 warnings, 0 info; checked 2 documents"),
        "{last}"
    );
    assert!(!out.contains('\u{1b}'), "NO_COLOR is set: no colour");
}

#[test]
fn human_colour_follows_clicolor_force_and_no_color() {
    let dir = broken_project();
    let run = |no_color: bool| -> String {
        let mut command = Command::new(env!("CARGO_BIN_EXE_diglot"));
        command
            .args(["--root", dir.path().to_str().unwrap(), "check", "--offline"])
            .env("CLICOLOR_FORCE", "1")
            .env_remove("NO_COLOR");
        if no_color {
            command.env("NO_COLOR", "1");
        }
        String::from_utf8(command.output().unwrap().stdout).unwrap()
    };
    let forced = run(false);
    assert!(forced.contains("\u{1b}["), "{forced}");
    assert!(forced.contains("sxs-unclosed"));
    assert!(!run(true).contains('\u{1b}'));
}

#[test]
fn json_is_one_document_with_version_stats_summary_and_diagnostics() {
    let dir = broken_project();
    let (out, code) = check(dir.path(), "json");
    assert_eq!(code, Some(1));
    let v: Value = serde_json::from_str(&out).expect("one JSON document");
    assert_eq!(v["version"], 1);
    assert_eq!(v["stats"]["documents"], 2);
    assert_eq!(v["summary"]["errors"], 1);
    let found = v["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["code"] == "sxs-unclosed")
        .unwrap_or_else(|| panic!("no sxs-unclosed in {out}"));
    assert_eq!(found["severity"], "error");
    assert_eq!(found["file"], "content/ja-JP/open.md");
    assert_eq!(
        (found["line"].as_u64(), found["column"].as_u64()),
        (Some(5), Some(4))
    );
}

#[test]
fn github_writes_an_error_command_per_finding() {
    let dir = broken_project();
    let (out, code) = check(dir.path(), "github");
    assert_eq!(code, Some(1));
    assert!(
        out.lines().any(|l| l.starts_with(
            "::error file=content/ja-JP/open.md,line=5,col=4,title=sxs-unclosed::translation span"
        )),
        "{out}"
    );
}

#[test]
fn github_and_sarif_paths_are_relative_to_the_folder_diglot_runs_in() {
    let outer = project(&[
        ("docs/content/nl-NL/good.md", GOOD),
        ("docs/content/ja-JP/open.md", UNCLOSED),
    ]);
    let (github, _) = check_in(outer.path(), Path::new("docs"), "github");
    assert!(
        github.contains("::error file=docs/content/ja-JP/open.md,line=5,col=4,"),
        "{github}"
    );
    let (sarif, _) = check_in(outer.path(), Path::new("docs"), "sarif");
    let v: Value = serde_json::from_str(&sarif).unwrap();
    assert_eq!(
        v["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"],
        "docs/content/ja-JP/open.md"
    );
    // The human and JSON formats stay relative to the project root.
    let (json, _) = check_in(outer.path(), Path::new("docs"), "json");
    assert!(
        json.contains("\"file\": \"content/ja-JP/open.md\""),
        "{json}"
    );
}

#[test]
fn sarif_from_the_binary_is_valid_and_points_at_the_finding() {
    let dir = broken_project();
    let (out, code) = check(dir.path(), "sarif");
    assert_eq!(code, Some(1));
    validate_sarif(&out);
    let v: Value = serde_json::from_str(&out).unwrap();
    let result = &v["runs"][0]["results"][0];
    assert_eq!(result["ruleId"], "sxs-unclosed");
    assert_eq!(result["level"], "error");
    let location = &result["locations"][0]["physicalLocation"];
    assert_eq!(location["artifactLocation"]["uri"], "content/ja-JP/open.md");
    assert_eq!(location["region"]["startLine"], 5);
    assert_eq!(location["region"]["startColumn"], 4);
}

#[test]
fn sarif_with_every_kind_of_place_is_valid() {
    let checked = Checked {
        diagnostics: vec![
            Diagnostic::error(
                Code::BrokenLink,
                Path::new("content/nl-NL/a b#c.md"),
                (2, 9),
                "no `x.md`: 100%\nsecond line",
            )
            .in_article("nl-NL", "a b#c.md")
            .with_related(Path::new("/abs/en-US/a.md"), (2, 5), "the English"),
            Diagnostic::warning(Code::EmptyFile, Path::new("content/x.md"), (0, 0), "empty"),
            Diagnostic::info(Code::Redirect, Path::new("content/y.md"), (1, 1), "moved"),
        ],
        stats: Stats::default(),
    };
    let mut out = Vec::new();
    format::write(&mut out, Format::Sarif, &checked, Path::new("."), false).unwrap();
    validate_sarif(&String::from_utf8(out).unwrap());
}

/// Validates `sarif` against the vendored OASIS schema with Python's `jsonschema`; says so and
/// returns when Python or `jsonschema` is missing.
fn validate_sarif(sarif: &str) {
    const SCRIPT: &str = "import json, sys\nfrom jsonschema import Draft4Validator\nschema = json.load(open(sys.argv[1], encoding='utf-8'))\nlog = json.load(sys.stdin)\nerrors = [f\"{'/'.join(map(str, e.absolute_path))}: {e.message}\" for e in Draft4Validator(schema, format_checker=Draft4Validator.FORMAT_CHECKER).iter_errors(log)]\nprint('\\n'.join(errors))\nsys.exit(1 if errors else 0)\n";
    let available = Command::new("python3")
        .args(["-c", "import jsonschema"])
        .output()
        .is_ok_and(|o| o.status.success());
    if !available {
        eprintln!(
            "NOTE: python3 with jsonschema is not installed (pip install jsonschema): SARIF schema check skipped"
        );
        return;
    }
    let schema = repo().join("tests/schemas/sarif-schema-2.1.0.json");
    let mut child = Command::new("python3")
        .args(["-c", SCRIPT, schema.to_str().unwrap()])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    use std::io::Write as _;
    child
        .stdin
        .take()
        .unwrap()
        .write_all(sarif.as_bytes())
        .unwrap();
    let Output {
        status,
        stdout,
        stderr,
    } = child.wait_with_output().unwrap();
    assert!(
        status.success(),
        "SARIF does not match the schema:\n{}{}\n{sarif}",
        String::from_utf8_lossy(&stdout),
        String::from_utf8_lossy(&stderr)
    );
}

#[test]
fn junit_is_well_formed_with_a_failure_for_the_error() {
    let dir = broken_project();
    let (out, code) = check(dir.path(), "junit");
    assert_eq!(code, Some(1));
    let mut reader = Reader::from_str(&out);
    let (mut names, mut depth, mut failure_text) = (Vec::new(), 0usize, String::new());
    let mut in_failure = false;
    loop {
        match reader
            .read_event()
            .unwrap_or_else(|e| panic!("bad XML: {e}\n{out}"))
        {
            Event::Start(e) => {
                depth += 1;
                let name = String::from_utf8(e.name().as_ref().to_vec()).unwrap();
                in_failure = name == "failure";
                if in_failure {
                    let kind = e.try_get_attribute("type").unwrap().unwrap();
                    assert_eq!(kind.unescape_value().unwrap(), "sxs-unclosed");
                }
                names.push(name);
            }
            Event::Empty(e) => names.push(String::from_utf8(e.name().as_ref().to_vec()).unwrap()),
            Event::Text(t) if in_failure => failure_text.push_str(&t.decode().unwrap()),
            Event::End(_) => {
                depth -= 1;
                in_failure = false;
            }
            Event::Eof => break,
            _ => {}
        }
    }
    assert_eq!(depth, 0, "every element is closed");
    assert_eq!(names.first().map(String::as_str), Some("testsuites"));
    assert_eq!(names.iter().filter(|n| *n == "failure").count(), 1);
    assert!(
        failure_text.starts_with("content/ja-JP/open.md:5:4: error[sxs-unclosed]"),
        "{failure_text}"
    );
}

#[test]
fn exit_codes_zero_without_errors_one_with_two_for_usage() {
    // Clean: 0 in every format.
    let clean = project(&[("content/nl-NL/good.md", GOOD)]);
    for format in ["human", "json", "github", "sarif", "junit"] {
        assert_eq!(check(clean.path(), format).1, Some(0), "{format}");
    }
    // Warnings only (an empty file): still 0.
    let warned = project(&[
        ("content/nl-NL/good.md", GOOD),
        ("content/nl-NL/empty.md", b""),
    ]);
    let (out, code) = check(warned.path(), "json");
    let v: Value = serde_json::from_str(&out).unwrap();
    assert!(v["summary"]["warnings"].as_u64().unwrap() > 0, "{out}");
    assert_eq!(v["summary"]["errors"], 0);
    assert_eq!(code, Some(0));
    // Errors: 1 in every format.
    let broken = broken_project();
    for format in ["human", "json", "github", "sarif", "junit"] {
        assert_eq!(check(broken.path(), format).1, Some(1), "{format}");
    }
    // A bad book.toml, or a format that does not exist: 2.
    let bad_config = project(&[
        ("book.toml", b"[book\ntitle = 1\n"),
        ("content/nl-NL/good.md", GOOD),
    ]);
    let (_, code) = check(bad_config.path(), "json");
    assert_eq!(code, Some(2));
    let run = diglot(&[
        "--root",
        clean.path().to_str().unwrap(),
        "check",
        "--format",
        "xml",
    ]);
    assert_eq!(run.status.code(), Some(2), "{}", stderr(&run));
}
