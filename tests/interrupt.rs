//! Interrupted and repeated runs: a build killed half-way leaves the previous site exactly as
//! it was and the next build clears away what it left; an import killed half-way leaves every
//! file whole, old or new; and the same input always gives the same bytes.

mod common;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use common::*;

/// Pages in the generated project: enough that rendering them takes a while.
const PAGES: usize = 1500;

fn page(n: usize, word: &str) -> String {
    format!(
        "---\ntitle: Pagina {n}\nms.contentlocale: nl-NL\n---\n# <a name=\"p{n}\"></a><span data-ttu-id=\"a{n}-101\">{word} {n}</span><span class=\"sxs-lookup\"><span data-stu-id=\"a{n}-101\">Page {n}</span></span>\n\n<span data-ttu-id=\"a{n}-102\">Tekst met een [koppeling](p{}.md).</span><span class=\"sxs-lookup\"><span data-stu-id=\"a{n}-102\">Text with a [link](p{}.md).</span></span>\n",
        (n + 1) % PAGES,
        (n + 1) % PAGES
    )
}

fn write_pages(root: &Path, word: &str) {
    let dir = root.join("content/nl-NL");
    std::fs::create_dir_all(&dir).unwrap();
    for n in 0..PAGES {
        std::fs::write(dir.join(format!("p{n}.md")), page(n, word)).unwrap();
    }
}

/// Every file of a folder, by relative path, with its bytes.
fn snapshot(dir: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .map(Result::unwrap)
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            (
                e.path().strip_prefix(dir).unwrap().to_path_buf(),
                std::fs::read(e.path()).unwrap(),
            )
        })
        .collect()
}

fn staging_leftovers(root: &Path) -> Vec<String> {
    std::fs::read_dir(root)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|name| name.starts_with(".book."))
        .collect()
}

#[test]
fn a_killed_build_leaves_the_previous_site_whole_and_the_next_build_cleans_up() {
    let project = project(&[("book.toml", b"[book]\ntitle = \"Groot\"\n")]);
    let root = project.path();
    write_pages(root, "Eerste");
    let first = diglot(&["--root", root.to_str().unwrap(), "build"]);
    assert!(first.status.success(), "{}", stderr(&first));
    let site = root.join("book");
    let before = snapshot(&site);
    assert!(before.len() > PAGES, "the first build wrote the pages");

    // The next build would change every page: killing it must show none of that.
    write_pages(root, "Tweede");
    let mut second = Command::new(env!("CARGO_BIN_EXE_diglot"))
        .args(["--root", root.to_str().unwrap(), "build"])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let staging = root.join(format!(".book.staging-{}", second.id()));
    let deadline = Instant::now() + Duration::from_secs(120);
    // Mid-build: the staging folder exists and pages are arriving in it.
    while !staging.join("nl-NL/p1.html").exists() {
        assert!(
            second.try_wait().unwrap().is_none(),
            "the build ended before it could be killed mid-way"
        );
        assert!(Instant::now() < deadline, "no staging folder appeared");
        std::thread::sleep(Duration::from_millis(2));
    }
    second.kill().unwrap();
    second.wait().unwrap();
    assert!(
        staging.is_dir(),
        "killed mid-build: its staging folder is left"
    );
    assert!(
        snapshot(&site) == before,
        "the previous site changed under a killed build"
    );

    let third = diglot(&["--root", root.to_str().unwrap(), "build"]);
    assert!(third.status.success(), "{}", stderr(&third));
    assert_eq!(
        staging_leftovers(root),
        Vec::<String>::new(),
        "the next build removes the killed build's staging folder"
    );
    let after = snapshot(&site);
    assert_eq!(
        after.keys().collect::<Vec<_>>(),
        before.keys().collect::<Vec<_>>()
    );
    let page = String::from_utf8_lossy(&after[Path::new("nl-NL/p7.html")]).into_owned();
    assert!(page.contains("Tweede 7"), "the next build is whole");
}

#[test]
fn building_and_aligning_twice_gives_the_same_bytes_in_every_file() {
    let project = project(&[("book.toml", b"[book]\ntitle = \"Twee keer\"\n")]);
    let root = project.path();
    std::fs::create_dir_all(root.join("content/nl-NL/media")).unwrap();
    std::fs::write(root.join("content/nl-NL/media/p.png"), b"\x89PNG").unwrap();
    let copy = root.join("content/da-DK");
    std::fs::create_dir_all(&copy).unwrap();
    for n in 0..40 {
        std::fs::write(root.join(format!("content/nl-NL/p{n}.md")), page(n, "Eén")).unwrap();
        std::fs::write(copy.join(format!("p{n}.md")), page(n, "En")).unwrap();
    }
    let outputs = |name: &str| {
        let out = root.join(name);
        let built = build_into(root, &out.join("site"));
        assert!(built.status.success(), "{}", stderr(&built));
        for format in ["json", "html", "xliff", "tmx"] {
            let dir = out.join(format);
            let aligned = diglot(&[
                "--root",
                root.to_str().unwrap(),
                "align",
                "--format",
                format,
                "--out",
                dir.to_str().unwrap(),
            ]);
            assert!(aligned.status.success(), "{}", stderr(&aligned));
        }
        snapshot(&out)
    };
    let first = outputs("first");
    let second = outputs("second");
    for kind in [
        "site/reports/",
        "site/nl-NL/media/",
        "json/",
        "xliff/",
        "tmx/",
    ] {
        assert!(
            first.keys().any(|k| k.to_string_lossy().starts_with(kind)),
            "no {kind} output: {:?}",
            first.keys().collect::<Vec<_>>()
        );
    }
    assert_eq!(
        first.keys().collect::<Vec<_>>(),
        second.keys().collect::<Vec<_>>()
    );
    for (file, bytes) in &first {
        assert!(
            bytes == &second[file],
            "{} differs between runs",
            file.display()
        );
    }
}

#[test]
fn a_killed_import_leaves_every_file_old_or_new_never_partial() {
    const FILES: usize = 400;
    let dir = tempfile::tempdir().unwrap();
    let sources = dir.path().join("incoming");
    let into = dir.path().join("content");
    std::fs::create_dir_all(&sources).unwrap();
    std::fs::create_dir_all(into.join("nl-NL")).unwrap();
    let body = |n: usize, fill: &str| {
        format!(
            "---\nms.contentlocale: nl-NL\n---\n# <a name=\"p{n:03}\"></a>Pagina\n\n{}\n",
            fill.repeat(64 * 1024 / fill.len())
        )
    };
    for n in 0..FILES {
        std::fs::write(sources.join(format!("p{n:03}.md")), body(n, "nieuw ")).unwrap();
        std::fs::write(into.join(format!("nl-NL/p{n:03}.md")), body(n, "oud ")).unwrap();
    }
    let mut import = Command::new(env!("CARGO_BIN_EXE_diglot"))
        .args([
            "import",
            "--force",
            "--into",
            into.to_str().unwrap(),
            sources.to_str().unwrap(),
        ])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let first = into.join("nl-NL/p000.md");
    let deadline = Instant::now() + Duration::from_secs(120);
    while std::fs::read(&first).unwrap() != body(0, "nieuw ").as_bytes() {
        assert!(
            import.try_wait().unwrap().is_none(),
            "the import ended before it could be killed"
        );
        assert!(Instant::now() < deadline, "the import replaced nothing");
        std::thread::sleep(Duration::from_millis(1));
    }
    import.kill().unwrap();
    import.wait().unwrap();
    let (mut old, mut new) = (0, 0);
    for n in 0..FILES {
        let bytes = std::fs::read(into.join(format!("nl-NL/p{n:03}.md"))).unwrap();
        if bytes == body(n, "oud ").as_bytes() {
            old += 1;
        } else if bytes == body(n, "nieuw ").as_bytes() {
            new += 1;
        } else {
            panic!(
                "p{n:03}.md is neither the old file nor the new one ({} bytes)",
                bytes.len()
            );
        }
    }
    assert!(new >= 1 && old + new == FILES, "{old} old, {new} new");
}
