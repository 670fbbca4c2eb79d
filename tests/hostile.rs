//! Hostile content: files made to break a build or escape it. Each one gets a diagnostic
//! naming file, line and column where there is one, nothing panics or overflows its stack, and
//! nothing is read or written outside the content and the build dir.

mod common;

use std::path::Path;
use std::process::Output;

use common::*;

const GOOD: &str = "---\ntitle: Goed\nms.contentlocale: nl-NL\n---\n# <a name=\"good\"></a><span data-ttu-id=\"a1-102\">Goed</span><span class=\"sxs-lookup\"><span data-stu-id=\"a1-102\">Good</span></span>\n";

fn pair(id: &str, target: &str, source: &str) -> String {
    common::sxs_segment(id, target, source)
}

/// A project with one good article and `files` (paths under `content/nl-NL/`).
fn project_with(files: &[(&str, &[u8])]) -> tempfile::TempDir {
    let mut all: Vec<(String, &[u8])> = vec![("content/nl-NL/good.md".into(), GOOD.as_bytes())];
    all.extend(
        files
            .iter()
            .map(|(path, body)| (format!("content/nl-NL/{path}"), *body)),
    );
    let borrowed: Vec<(&str, &[u8])> = all.iter().map(|(p, b)| (p.as_str(), *b)).collect();
    project(&borrowed)
}

fn run(root: &Path, args: &[&str]) -> Output {
    let mut all = vec!["--root", root.to_str().unwrap()];
    all.extend_from_slice(args);
    diglot(&all)
}

/// Asserts the run ended by itself (no panic, no stack overflow, no signal) with exit code 0 or
/// 1 (content findings), and returns its log.
fn finished(output: &Output) -> String {
    let log = stderr(output);
    assert!(
        matches!(output.status.code(), Some(0 | 1)),
        "exit {:?}:\n{log}",
        output.status
    );
    assert!(!log.contains("panicked"), "{log}");
    log
}

/// Asserts that `log` holds a diagnostic with `code` at `location`.
fn assert_diagnostic(log: &str, code: &str, location: &str) {
    let lines: Vec<&str> = log.lines().collect();
    let found = lines
        .windows(2)
        .any(|w| w[0].contains(&format!("[{code}]")) && w[1].trim() == format!("--> {location}"));
    assert!(found, "expected [{code}] at {location} in:\n{log}");
}

/// Asserts that the build in `project` wrote the page of each of `articles` (under `nl-NL/`).
fn assert_pages(project: &Path, articles: &[&str], log: &str) {
    for article in articles {
        assert!(
            project.join(format!("book/nl-NL/{article}.html")).is_file(),
            "{article}:\n{log}"
        );
    }
}

/// Every file under `dir` (relative paths), for checking that nothing else appeared.
fn tree(dir: &Path) -> Vec<String> {
    let mut files: Vec<String> = walkdir::WalkDir::new(dir)
        .follow_links(false)
        .into_iter()
        .map(Result::unwrap)
        .map(|e| e.path().strip_prefix(dir).unwrap().display().to_string())
        .collect();
    files.sort();
    files
}

#[test]
fn traversal_links_build_and_read_nothing_outside_the_content() {
    let outside = tempfile::tempdir().unwrap();
    let secret = outside.path().join("secret.png");
    std::fs::write(&secret, "SECRET-BYTES").unwrap();
    let article = format!(
        "---\ntitle: Pad\n---\n# Pad\n\n[a](../../etc/passwd) [b](/etc/passwd) [c]({0}) ![d](../../../../../..{0}) ![e]({0})\n\n<img src=\"{0}\">\n",
        secret.display()
    );
    let project = project_with(&[("traversal.md", article.as_bytes())]);
    let before = tree(outside.path());
    let log = finished(&run(project.path(), &["build"]));
    let site = project.path().join("book");
    assert!(site.join("nl-NL/traversal.html").is_file(), "{log}");
    for file in tree(&site) {
        assert!(
            !file.contains("passwd") && !file.contains("secret"),
            "{file}"
        );
        let path = site.join(&file);
        if path.is_file() {
            let bytes = std::fs::read(&path).unwrap();
            assert!(
                !bytes.windows(12).any(|w| w == b"SECRET-BYTES"),
                "{file} holds a file from outside the content"
            );
        }
    }
    assert_eq!(tree(outside.path()), before, "nothing written outside");
    let project_files = tree(project.path());
    assert!(
        project_files.iter().all(|f| f.starts_with("book")
            || f.starts_with("content")
            || f == "book.toml"
            || f.is_empty()),
        "{project_files:?}"
    );
}

#[cfg(unix)]
#[test]
fn symlinks_out_of_the_content_and_symlink_loops_are_not_followed() {
    use std::os::unix::fs::symlink;
    let outside = tempfile::tempdir().unwrap();
    std::fs::write(
        outside.path().join("secret.md"),
        "---\ntitle: Geheim\n---\n# SECRET-TEXT\n",
    )
    .unwrap();
    std::fs::create_dir(outside.path().join("dir")).unwrap();
    std::fs::write(outside.path().join("dir/inner.md"), "# SECRET-TEXT\n").unwrap();
    let project = project_with(&[]);
    let locale = project.path().join("content/nl-NL");
    symlink(outside.path().join("secret.md"), locale.join("linked.md")).unwrap();
    symlink(outside.path().join("dir"), locale.join("linked-dir")).unwrap();
    symlink(&locale, locale.join("loop")).unwrap();
    symlink(locale.join("self-b"), locale.join("self-a")).unwrap();
    symlink(locale.join("self-a"), locale.join("self-b")).unwrap();

    let log = finished(&run(project.path(), &["build"]));
    for name in ["linked.md", "linked-dir", "loop", "self-a", "self-b"] {
        assert_diagnostic(&log, "symlink", &format!("content/nl-NL/{name}"));
    }
    let site = project.path().join("book");
    assert!(site.join("nl-NL/good.html").is_file());
    for file in common::files_with_extension(&site, "html") {
        let text = std::fs::read_to_string(&file).unwrap();
        assert!(!text.contains("SECRET-TEXT"), "{}", file.display());
    }
    for args in [&["align"][..], &["check", "--offline"]] {
        let output = run(project.path(), args);
        finished(&output);
        assert!(!String::from_utf8_lossy(&output.stdout).contains("SECRET-TEXT"));
    }
}

#[test]
fn a_50_mb_file_is_refused_with_a_diagnostic() {
    let mut huge = b"---\ntitle: Groot\n---\n".to_vec();
    huge.resize(50 * 1024 * 1024, b'a');
    let project = project_with(&[("huge.md", &huge)]);
    let output = run(project.path(), &["build"]);
    let log = finished(&output);
    assert_eq!(output.status.code(), Some(1));
    assert_diagnostic(&log, "file-too-large", "content/nl-NL/huge.md");
    assert!(log.contains("52428800 bytes is more than"), "{log}");
    assert!(!project.path().join("book/nl-NL/huge.html").exists());
    assert!(project.path().join("book/nl-NL/good.html").is_file());
}

#[test]
fn ten_thousand_deep_lists_and_quotes_do_not_overflow_build_align_or_check() {
    const DEPTH: usize = 10_000;
    // One line opens a list in a list item DEPTH times; indenting each level would take
    // DEPTH² bytes, more than an article may have.
    let lists = format!(
        "---\ntitle: Lijsten\n---\n# Lijsten\n\n{}item\n\n{}punt\n",
        "- ".repeat(DEPTH),
        "1. ".repeat(DEPTH)
    );
    let quotes = format!(
        "---\ntitle: Citaten\n---\n# Citaten\n\n{} {}\n",
        ">".repeat(DEPTH),
        pair("b2-101", "diep", "deep")
    );
    let mixed = format!(
        "---\ntitle: Gemengd\n---\n# Gemengd\n\n{}x\n\n{}{}\n",
        "> - ".repeat(DEPTH / 2),
        "[".repeat(DEPTH),
        "]".repeat(DEPTH)
    );
    let project = project_with(&[
        ("lists.md", lists.as_bytes()),
        ("quotes.md", quotes.as_bytes()),
        ("mixed.md", mixed.as_bytes()),
    ]);
    let log = finished(&run(project.path(), &["build"]));
    assert_pages(project.path(), &["lists", "quotes", "mixed"], &log);
    let lists = std::fs::read_to_string(project.path().join("book/nl-NL/lists.html")).unwrap();
    assert!(
        lists.matches("<ul>").count() >= DEPTH,
        "every level is rendered"
    );
    let quotes = std::fs::read_to_string(project.path().join("book/nl-NL/quotes.html")).unwrap();
    assert!(quotes.contains("diep") && !quotes.contains("sxs-lookup"));
    finished(&run(project.path(), &["align"]));
    finished(&run(project.path(), &["check", "--offline"]));
}

#[test]
fn nul_bytes_bom_crlf_and_mixed_line_endings_keep_positions_right() {
    let mismatch = |id_a: &str, id_b: &str| {
        format!(
            "<span data-ttu-id=\"{id_a}\">Een</span><span class=\"sxs-lookup\"><span data-stu-id=\"{id_b}\">One</span></span>"
        )
    };
    let crlf = format!(
        "\u{FEFF}---\r\ntitle: x\r\n---\r\n\r\nab {}\r\n",
        mismatch("c1-101", "c1-109")
    );
    let mixed = format!(
        "---\ntitle: x\r\n---\r\rregel\n\r\nab {}\n",
        mismatch("c2-101", "c2-109")
    );
    let nul = "---\ntitle: x\n---\n# Kop\n\nvoor\0na\n";
    let project = project_with(&[
        ("crlf.md", crlf.as_bytes()),
        ("mixed.md", mixed.as_bytes()),
        ("nul.md", nul.as_bytes()),
    ]);
    let log = finished(&run(project.path(), &["build"]));
    // Where the English half's `<span data-stu-id` starts, counted as in an LF file.
    assert_diagnostic(&log, "sxs-id-mismatch", "content/nl-NL/crlf.md:5:66");
    assert_diagnostic(&log, "sxs-id-mismatch", "content/nl-NL/mixed.md:7:66");
    assert_diagnostic(&log, "nul-byte", "content/nl-NL/nul.md:6:5");
    let site = project.path().join("book/nl-NL");
    let nul = std::fs::read_to_string(site.join("nul.html")).unwrap();
    assert!(nul.contains("voor\u{FFFD}na"));
    assert!(!nul.contains('\0'));
    let crlf = std::fs::read_to_string(site.join("crlf.html")).unwrap();
    assert!(!crlf.contains('\u{FEFF}') && !crlf.contains('\r'), "{crlf}");
}

/// Markup a front matter value or a segment may carry to attack a page or a report.
const INJECTION: &str =
    "<script>alert(1)</script><img src=x onerror=alert(2)>\"'&amp; ]]> --> <!--";

#[test]
fn script_and_html_in_front_matter_and_segments_are_escaped_in_every_output() {
    let yaml_value = INJECTION.replace('\'', "''");
    let article = format!(
        "---\ntitle: '{yaml_value}'\ndescription: '{yaml_value}'\nms.contentlocale: nl-NL\n---\n# <a name=\"x\"></a>{}\n\n{}\n",
        pair("e1-101", "Kop &lt;script&gt;", "Heading &lt;script&gt;"),
        pair("e1-102", "Tekst ]]> & < \" '", "Text ]]> & < \" '"),
    );
    let project = project_with(&[("inject.md", article.as_bytes())]);
    finished(&run(project.path(), &["build"]));
    let site = project.path().join("book");
    let pages = files_with_extension(&site, "html");
    assert!(
        pages.iter().any(|p| p.starts_with(site.join("reports"))),
        "reports are written"
    );
    for page in &pages {
        let text = std::fs::read_to_string(page).unwrap();
        assert!(!text.contains("<script>alert"), "{}", page.display());
        assert!(!text.contains("<img src=x onerror"), "{}", page.display());
    }
    let page = html(&site.join("nl-NL/inject.html"));
    assert_eq!(
        text_of(&page, "title").matches("alert(1)").count(),
        1,
        "the title is text"
    );
    let descriptions = attributes(&page, "meta[name=description]", "content");
    assert!(
        descriptions.iter().all(|d| d == INJECTION),
        "{descriptions:?}"
    );

    let json = run(project.path(), &["align"]);
    finished(&json);
    let json: serde_json::Value = serde_json::from_slice(&json.stdout).expect("align JSON parses");
    assert!(json.to_string().contains("Tekst ]]> & <"));

    let out = tempfile::tempdir().unwrap();
    for format in ["xliff", "tmx", "html"] {
        let dir = out.path().join(format);
        finished(&run(
            project.path(),
            &["align", "--format", format, "--out", dir.to_str().unwrap()],
        ));
        for file in walkdir::WalkDir::new(&dir).into_iter().map(Result::unwrap) {
            let path = file.path();
            let Some(extension) = path.extension().and_then(|e| e.to_str()) else {
                continue;
            };
            let text = std::fs::read_to_string(path).unwrap();
            match extension {
                "xlf" | "tmx" => {
                    assert_well_formed(&text, path);
                    assert!(
                        text.contains("Tekst ]]&gt; &amp; &lt;") || text.contains("Tekst ]]> & <"),
                        "{text}"
                    );
                }
                "html" => assert!(!text.contains("<script>alert"), "{}", path.display()),
                _ => {}
            }
        }
    }
}

/// Reads an XML document to its end; panics at the first error.
fn assert_well_formed(xml: &str, path: &Path) {
    let mut reader = quick_xml::Reader::from_str(xml);
    let mut depth = 0i64;
    loop {
        match reader.read_event() {
            Ok(quick_xml::events::Event::Start(_)) => depth += 1,
            Ok(quick_xml::events::Event::End(_)) => depth -= 1,
            Ok(quick_xml::events::Event::Eof) => break,
            Ok(_) => {}
            Err(e) => panic!(
                "{} is not well-formed XML at {}: {e}",
                path.display(),
                reader.error_position()
            ),
        }
    }
    assert_eq!(depth, 0, "{} leaves elements open", path.display());
}

#[test]
fn yaml_bombs_are_refused_and_the_page_still_builds() {
    let mut laughs = String::from(
        "---\ntitle: Lach\na: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n",
    );
    let names = ["b", "c", "d", "e", "f", "g", "h", "i"];
    let mut previous = "a";
    for name in names {
        laughs.push_str(&format!(
            "{name}: &{name} [{}]\n",
            vec![format!("*{previous}"); 9].join(",")
        ));
        previous = name;
    }
    laughs.push_str("---\n# Lach\n");
    let deep_flow = format!(
        "---\ntitle: Diep\nx: {}{}\n---\n# Diep\n",
        "[".repeat(10_000),
        "]".repeat(10_000)
    );
    let deep_block = format!(
        "---\ntitle: Blok\n{}---\n# Blok\n",
        (0..2_000)
            .map(|d| format!("{}k{d}:\n", " ".repeat(d)))
            .collect::<String>()
    );
    let project = project_with(&[
        ("laughs.md", laughs.as_bytes()),
        ("deep-flow.md", deep_flow.as_bytes()),
        ("deep-block.md", deep_block.as_bytes()),
    ]);
    let log = finished(&run(project.path(), &["build"]));
    // Each refused where the YAML breaks its limit, as docs/robustness.md lists them.
    for (location, why) in [
        ("laughs.md:8:14", "budget breached: Nodes"),
        ("deep-flow.md:3:259", "recursion limit exceeded"),
        ("deep-block.md:67:65", "budget breached: Depth"),
    ] {
        assert_diagnostic(&log, "front-matter", &format!("content/nl-NL/{location}"));
        assert!(log.contains(why), "{why}:\n{log}");
    }
    assert_pages(project.path(), &["laughs", "deep-flow", "deep-block"], &log);
}

#[test]
fn duplicate_and_disagreeing_segment_ids_are_reported_and_kept() {
    let article = format!(
        "---\ntitle: Dubbel\n---\n# Dubbel\n\n{}\n\n{}\n\n{}\n",
        pair("f1-101", "Een", "One"),
        pair("f1-101", "Twee", "Two"),
        "<span data-ttu-id=\"f1-103\">Drie</span><span class=\"sxs-lookup\"><span data-stu-id=\"f1-104\">Three</span></span>"
    );
    let project = project_with(&[("dup.md", article.as_bytes())]);
    let log = finished(&run(project.path(), &["build"]));
    assert_diagnostic(&log, "sxs-duplicate-id", "content/nl-NL/dup.md:8:1");
    assert!(
        log.contains("= note: first used here: content/nl-NL/dup.md:6:1"),
        "{log}"
    );
    assert_diagnostic(&log, "sxs-id-mismatch", "content/nl-NL/dup.md:10:64");
    let page = html(&project.path().join("book/nl-NL/dup.html"));
    let main = text_of(&page, "main");
    assert!(
        main.contains("Een") && main.contains("Twee") && main.contains("Drie"),
        "{main}"
    );
}

#[test]
fn import_writes_nothing_outside_into() {
    let dir = tempfile::tempdir().unwrap();
    let sources = dir.path().join("src");
    std::fs::create_dir_all(&sources).unwrap();
    let hostile = [
        (
            "locale-up.md",
            "---\nms.contentlocale: ../../escaped\n---\n# x\n".to_string(),
        ),
        (
            "locale-abs.md",
            format!(
                "---\nms.contentlocale: {}\n---\n# x\n",
                dir.path().join("abs").display()
            ),
        ),
        (
            "slug-up.md",
            "---\nms.contentlocale: nl-NL\n---\n# <a name=\"../../../escaped\"></a>x\n".to_string(),
        ),
        (
            "slug-abs.md",
            "---\nms.contentlocale: nl-NL\n---\n# <a name=\"/tmp/escaped\"></a>x\n".to_string(),
        ),
        (
            "slug-dots.md",
            "---\nms.contentlocale: nl-NL\n---\n# <a name=\"..\"></a>x\n".to_string(),
        ),
    ];
    for (name, body) in &hostile {
        std::fs::write(sources.join(name), body).unwrap();
    }
    #[cfg(unix)]
    std::os::unix::fs::symlink("/etc/hostname", sources.join("linked.md")).unwrap();
    let into = dir.path().join("work/content");
    let before: Vec<String> = tree(dir.path())
        .into_iter()
        .filter(|f| !f.starts_with("work"))
        .collect();
    let output = diglot(&[
        "import",
        sources.to_str().unwrap(),
        "--into",
        into.to_str().unwrap(),
    ]);
    let log = stderr(&output);
    assert!(matches!(output.status.code(), Some(0 | 1)), "{log}");
    assert!(log.contains("[import-locale]"), "{log}");
    let after: Vec<String> = tree(dir.path())
        .into_iter()
        .filter(|f| !f.starts_with("work"))
        .collect();
    assert_eq!(after, before, "nothing written beside --into");
    let written = tree(&into);
    assert!(
        written.iter().all(|f| f.is_empty()
            || f == "nl-NL"
            || (f.starts_with("nl-NL/") && !f[6..].contains('/'))),
        "{written:?}"
    );
    assert!(
        !tree(dir.path())
            .iter()
            .any(|f| f.ends_with("escaped") || f.contains("hostname")),
        "{:?}",
        tree(dir.path())
    );
}
