//! Bad input: each broken file gets a diagnostic naming file, line and column, and the rest of
//! the site is still built.

mod common;

use common::*;

const GOOD: &[u8] = b"---\ntitle: Goed\nms.contentlocale: nl-NL\n---\n# <a name=\"good\"></a><span data-ttu-id=\"a1-102\">Goed</span><span class=\"sxs-lookup\"><span data-stu-id=\"a1-102\">Good</span></span>\n";

fn pair(id: &str) -> String {
    common::sxs_segment(id, "Tekst", "Text")
}

/// Builds a project holding one good file and `bad`; returns the log, the exit code and the site.
fn build_with(bad: &[(&str, Vec<u8>)]) -> (String, Option<i32>, tempfile::TempDir) {
    let mut files: Vec<(String, Vec<u8>)> = vec![("content/nl-NL/good.md".into(), GOOD.to_vec())];
    files.extend(
        bad.iter()
            .map(|(name, body)| (format!("content/nl-NL/{name}"), body.clone())),
    );
    let borrowed: Vec<(&str, &[u8])> = files
        .iter()
        .map(|(p, b)| (p.as_str(), b.as_slice()))
        .collect();
    let dir = project(&borrowed);
    let run = diglot(&["--root", dir.path().to_str().unwrap(), "build"]);
    let log = stderr(&run);
    assert!(
        dir.path().join("book/nl-NL/good.html").is_file(),
        "the good page was not written:\n{log}"
    );
    (log, run.status.code(), dir)
}

/// Asserts that `log` holds a diagnostic at `location` whose message contains `message`.
fn assert_diagnostic(log: &str, location: &str, message: &str) {
    let lines: Vec<&str> = log.lines().collect();
    let found = lines
        .windows(2)
        .any(|w| w[0].contains(message) && w[1].trim() == format!("--> {location}"));
    assert!(found, "expected `{message}` at {location} in:\n{log}");
}

#[test]
fn invalid_yaml_is_reported_at_its_line_and_the_page_still_renders() {
    let (log, code, dir) = build_with(&[(
        "bad-yaml.md",
        b"---\ntitle: Kapot\nms.custom: [9003244\n---\n# Kop\n".to_vec(),
    )]);
    assert_eq!(code, Some(1));
    assert!(log.contains("content/nl-NL/bad-yaml.md:3:"), "{log}");
    assert!(log.contains("invalid YAML in front matter"));
    assert!(dir.path().join("book/nl-NL/bad-yaml.html").is_file());
}

#[test]
fn missing_and_unterminated_front_matter() {
    let (log, code, dir) = build_with(&[
        ("no-front.md", b"# Alleen tekst\n".to_vec()),
        ("open-front.md", b"---\ntitle: Open\n# Kop\n".to_vec()),
    ]);
    assert_eq!(code, Some(1), "an unterminated block is an error");
    assert_diagnostic(&log, "content/nl-NL/no-front.md:1:1", "no front matter");
    assert_diagnostic(&log, "content/nl-NL/open-front.md:1:1", "never closed");
    assert!(dir.path().join("book/nl-NL/no-front.html").is_file());
    assert!(dir.path().join("book/nl-NL/open-front.html").is_file());
}

#[test]
fn sxs_spans_without_partner_with_disagreeing_ids_or_unclosed() {
    let unpaired = format!(
        "---\ntitle: x\n---\n{}\n\nA <span data-ttu-id=\"b2-104\">alleen</span> B\n",
        pair("b2-103")
    );
    let mismatch = "---\ntitle: x\n---\nx <span data-ttu-id=\"c3-103\">Een</span><span class=\"sxs-lookup\"><span data-stu-id=\"c3-109\">One</span></span>\n";
    let unclosed = format!(
        "---\ntitle: x\n---\n\n<span data-ttu-id=\"d4-103\">nooit dicht\n\n{}\n",
        pair("d4-104")
    );
    let (log, code, dir) = build_with(&[
        ("unpaired.md", unpaired.into_bytes()),
        ("mismatch.md", mismatch.as_bytes().to_vec()),
        ("unclosed.md", unclosed.into_bytes()),
    ]);
    assert_eq!(code, Some(1));
    assert_diagnostic(
        &log,
        "content/nl-NL/unpaired.md:6:3",
        "`b2-104` has no `sxs-lookup` partner",
    );
    assert_diagnostic(
        &log,
        "content/nl-NL/mismatch.md:4:65",
        "ids disagree: translation `c3-103` is followed by English `c3-109`",
    );
    assert_diagnostic(
        &log,
        "content/nl-NL/unclosed.md:5:1",
        "`d4-103` is never closed",
    );
    for page in ["unpaired", "mismatch", "unclosed"] {
        assert!(
            dir.path().join(format!("book/nl-NL/{page}.html")).is_file(),
            "{page}"
        );
    }
    let unclosed = html(&dir.path().join("book/nl-NL/unclosed.html"));
    assert!(text_of(&unclosed, "main").contains("nooit dicht"));
    assert!(text_of(&unclosed, "main").contains("Tekst"));
}

#[test]
fn invalid_utf8_and_empty_files() {
    let (log, code, dir) = build_with(&[
        (
            "latin1.md",
            b"---\ntitle: x\n---\nCaf\xE9 au lait\n".to_vec(),
        ),
        ("empty.md", Vec::new()),
    ]);
    assert_eq!(code, Some(1));
    assert_diagnostic(
        &log,
        "content/nl-NL/latin1.md:4:4",
        "invalid UTF-8 (byte 0xE9)",
    );
    assert_diagnostic(&log, "content/nl-NL/empty.md:1:1", "empty file");
    let latin1 = html(&dir.path().join("book/nl-NL/latin1.html"));
    assert!(text_of(&latin1, "main").contains("Caf\u{FFFD} au lait"));
    assert!(
        !dir.path().join("book/nl-NL/empty.html").exists(),
        "an empty file is skipped"
    );
}

#[test]
fn a_clean_project_exits_zero() {
    let (log, code, _dir) = build_with(&[]);
    assert_eq!(code, Some(0), "{log}");
}

#[test]
fn config_errors_name_the_key_and_line_and_exit_2() {
    let dir = project(&[
        (
            "book.toml",
            b"[book]\ntitle = \"T\"\n\n[build]\nbuild-dri = \"out\"\n",
        ),
        ("content/nl-NL/good.md", GOOD),
    ]);
    let run = diglot(&["--root", dir.path().to_str().unwrap(), "build"]);
    assert_eq!(run.status.code(), Some(2));
    let log = stderr(&run);
    assert!(log.contains("book.toml:5:1"), "{log}");
    assert!(log.contains("build-dri"), "{log}");
    assert!(
        !dir.path().join("book").exists(),
        "nothing is built on a config error"
    );

    let wrong_type = project(&[("book.toml", b"[locale.nl-NL]\ndir = 3\n")]);
    let run = diglot(&["--root", wrong_type.path().to_str().unwrap(), "build"]);
    assert_eq!(run.status.code(), Some(2));
    assert!(stderr(&run).contains("book.toml:2:7"), "{}", stderr(&run));
}

#[test]
fn usage_errors_exit_2() {
    let run = diglot(&["build", "--no-such-flag"]);
    assert_eq!(run.status.code(), Some(2));
}

#[test]
fn a_build_dir_not_made_by_diglot_is_never_replaced() {
    let dir = project(&[
        ("book.toml", b"[build]\nbuild-dir = \"precious\"\n"),
        ("precious/thesis.txt", b"years of work"),
        ("content/nl-NL/good.md", GOOD),
    ]);
    let run = diglot(&["--root", dir.path().to_str().unwrap(), "build"]);
    assert_eq!(run.status.code(), Some(2));
    assert!(stderr(&run).contains("not made by diglot"));
    assert_eq!(
        std::fs::read_to_string(dir.path().join("precious/thesis.txt")).unwrap(),
        "years of work"
    );
}
