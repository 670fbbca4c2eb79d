//! Interrupted builds: a build killed half-way leaves the previous site exactly as it was, and
//! the next build succeeds and clears away what the killed one left.

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
