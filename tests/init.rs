//! `diglot init` as a new user runs it: from inside the project folder, with relative paths.

mod common;

use std::path::Path;
use std::process::{Command, Output};

use common::*;

/// Runs the binary in `dir` with `args`.
fn diglot_in(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_diglot"))
        .current_dir(dir)
        .args(args)
        .env("NO_COLOR", "1")
        .output()
        .expect("the diglot binary runs")
}

#[test]
fn in_an_empty_folder_init_makes_an_example_that_builds_and_checks_clean() {
    let dir = tempfile::tempdir().unwrap();
    let run = diglot_in(dir.path(), &["init"]);
    assert!(run.status.success(), "{}", stderr(&run));
    assert!(dir.path().join("book.toml").is_file());

    let run = diglot_in(dir.path(), &["build"]);
    assert!(run.status.success(), "{}", stderr(&run));
    let site = dir.path().join("book");
    let page = html(&site.join("de-DE/install.html"));
    assert_eq!(attributes(&page, "html", "lang"), ["de-DE"]);
    assert_eq!(
        attributes(&page, "article.content .seg", "data-seg").len(),
        4
    );
    let english = html(&site.join("en-US/install.html"));
    assert!(text_of(&english, "article.content").contains("Download the installer."));
    assert_eq!(
        attributes(&page, "nav.toc a[aria-current=page]", "href"),
        ["install.html"]
    );
    let run = diglot_in(dir.path(), &["check", "--offline"]);
    assert!(
        run.status.success(),
        "{}",
        String::from_utf8_lossy(&run.stdout)
    );

    // A second init leaves the project alone.
    let run = diglot_in(dir.path(), &["init"]);
    assert_eq!(run.status.code(), Some(2));
    assert!(stderr(&run).contains("exists already"), "{}", stderr(&run));
}

#[test]
fn init_over_existing_repositories_detects_locales_and_formats() {
    let Some(corpus) = hololens() else { return };
    // The project sits beside the shared corpus, so the paths are relative: ../shared/...
    let project = tempfile::tempdir_in(repo()).unwrap();
    let relative = |path: &str| format!("../../shared/corpus/hololens/{path}");
    assert!(
        project.path().join(relative("en-US")).is_dir(),
        "{}",
        corpus.display()
    );
    let run = diglot_in(
        project.path(),
        &[
            "init",
            "--title",
            "HoloLens",
            "--source",
            &relative("en-US"),
            "--locale",
            &relative("sxs/de-DE"),
            "--locale",
            &format!("ja-JP={}", relative("plain/ja-JP")),
        ],
    );
    let log = stderr(&run);
    assert!(run.status.success(), "{log}");
    assert!(log.contains("de-DE: 104 articles"), "{log}");
    assert!(log.contains("side by side (sxs), with docfx.json"), "{log}");
    let toml = std::fs::read_to_string(project.path().join("book.toml")).unwrap();
    assert!(toml.contains("[locale.de-DE]"), "{toml}");
    assert!(
        toml.contains("src = \"../../shared/corpus/hololens/sxs/de-DE\""),
        "{toml}"
    );
    assert!(toml.contains("plain translation"), "{toml}");

    let run = diglot_in(project.path(), &["build"]);
    assert_ne!(run.status.code(), Some(2), "{}", stderr(&run));
    let site = project.path().join("book");
    assert!(site.join("en-US/hololens2-setup.html").is_file());
    assert!(site.join("de-DE/hololens2-setup.html").is_file());
    assert!(site.join("ja-JP/hololens2-setup.html").is_file());

    let run = diglot_in(
        project.path(),
        &["init", "--locale", &relative("sxs/de-DE")],
    );
    assert_eq!(
        run.status.code(),
        Some(2),
        "book.toml is not replaced without --force"
    );
}
