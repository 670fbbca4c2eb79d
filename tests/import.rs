//! `diglot import` through the real binary: filing raw MS-docs files into the content layout.

mod common;

use common::*;

#[test]
fn imports_the_seeds_into_the_embedded_layout() {
    let seeds = repo().join("../shared/seeds");
    if !seeds.is_dir() {
        eprintln!("NOTE: ../shared/seeds is absent: this test checks nothing");
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let into = dir.path().join("content");
    let mut args = vec![
        "import".to_string(),
        "--into".into(),
        into.display().to_string(),
    ];
    let mut seed_files: Vec<_> = std::fs::read_dir(&seeds)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    seed_files.sort();
    args.extend(seed_files.iter().map(|p| p.display().to_string()));
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let run = diglot(&args);
    assert!(run.status.success(), "{}", stderr(&run));
    // The imported tree is exactly the embedded content/ shipped in the repository.
    for file in files_with_extension(&repo().join("content"), "md") {
        let relative = file.strip_prefix(repo().join("content")).unwrap();
        assert_eq!(
            std::fs::read(into.join(relative)).unwrap(),
            std::fs::read(&file).unwrap(),
            "{}",
            relative.display()
        );
    }
    assert_eq!(files_with_extension(&into, "md").len(), 5);

    // A second import changes nothing; a differing file is refused without --force.
    let again = diglot(&args);
    assert!(again.status.success());
    assert!(stderr(&again).contains("unchanged"));
    let target = into.join("nb-NO/device-in-pending-state.md");
    std::fs::write(&target, "edited by hand").unwrap();
    let refused = diglot(&args);
    assert_eq!(refused.status.code(), Some(1));
    assert!(stderr(&refused).contains("exists and differs"));
    assert_eq!(std::fs::read_to_string(&target).unwrap(), "edited by hand");
}
