//! `diglot apply` from the real binary: an XLIFF export of the embedded content, edited, applied
//! back. One edited target changes one segment; an unedited export changes nothing; a stale
//! file, an unknown id and a breaking target are refused with nothing written. A file written
//! by Python's translate-toolkit (an XLIFF 2.0 library independent of diglot) applies too.

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;

use common::{diglot, stderr};

/// A copy of the embedded project, exported as XLIFF into `xliff/`.
fn exported() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for entry in walkdir::WalkDir::new(common::repo().join("content")) {
        let entry = entry.unwrap();
        let relative = entry.path().strip_prefix(common::repo()).unwrap();
        let to = dir.path().join(relative);
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&to).unwrap();
        } else {
            std::fs::copy(entry.path(), &to).unwrap();
        }
    }
    std::fs::copy(
        common::repo().join("book.toml"),
        dir.path().join("book.toml"),
    )
    .unwrap();
    let run = diglot(&[
        "--root",
        dir.path().to_str().unwrap(),
        "-q",
        "align",
        "--format",
        "xliff",
        "--out",
        dir.path().join("xliff").to_str().unwrap(),
    ]);
    assert!(run.status.success(), "{}", stderr(&run));
    dir
}

fn apply(root: &Path, files: &[PathBuf]) -> std::process::Output {
    let mut args = vec![
        "--root".to_string(),
        root.display().to_string(),
        "apply".into(),
    ];
    args.extend(files.iter().map(|f| f.display().to_string()));
    diglot(&args.iter().map(String::as_str).collect::<Vec<_>>())
}

/// Every markdown file of the project, by path, with its bytes.
fn snapshot(root: &Path) -> Vec<(PathBuf, Vec<u8>)> {
    let mut files: Vec<(PathBuf, Vec<u8>)> =
        common::files_with_extension(&root.join("content"), "md")
            .into_iter()
            .map(|f| {
                let bytes = std::fs::read(&f).unwrap();
                (f, bytes)
            })
            .collect();
    files.sort();
    files
}

/// The lines that differ between two versions of a file (same line count assumed).
fn changed_lines(old: &[u8], new: &[u8]) -> Vec<(String, String)> {
    let (old, new) = (String::from_utf8_lossy(old), String::from_utf8_lossy(new));
    assert_eq!(old.lines().count(), new.lines().count());
    old.lines()
        .zip(new.lines())
        .filter(|(a, b)| a != b)
        .map(|(a, b)| (a.to_string(), b.to_string()))
        .collect()
}

#[test]
fn an_unedited_export_applies_back_to_the_same_bytes() {
    let dir = exported();
    let before = snapshot(dir.path());
    let xliffs = common::files_with_extension(&dir.path().join("xliff"), "xlf");
    assert_eq!(xliffs.len(), 3, "{xliffs:?}");
    let run = apply(dir.path(), &xliffs);
    assert!(run.status.success(), "{}", stderr(&run));
    assert_eq!(
        stderr(&run).matches("unchanged").count(),
        5,
        "{}",
        stderr(&run)
    );
    assert_eq!(snapshot(dir.path()), before);
}

#[test]
fn the_export_is_valid_xliff_2() {
    let dir = exported();
    if Command::new("xmllint").arg("--version").output().is_err() {
        eprintln!(
            "NOTE: xmllint is not installed (apt-get install -y libxml2-utils): schema check skipped"
        );
        return;
    }
    let schema = common::repo().join("tests/schemas/xliff_core_2.0.xsd");
    for file in common::files_with_extension(&dir.path().join("xliff"), "xlf") {
        let check = Command::new("xmllint")
            .args(["--nonet", "--noout", "--schema", schema.to_str().unwrap()])
            .arg(&file)
            .output()
            .unwrap();
        assert!(
            check.status.success(),
            "{}: {}",
            file.display(),
            String::from_utf8_lossy(&check.stderr)
        );
        let text = std::fs::read_to_string(&file).unwrap();
        assert!(text.contains("<mda:meta type=\"sha256\">"), "{text}");
        assert!(
            text.contains("<pc id=") && text.contains("<originalData>"),
            "{text}"
        );
    }
}

/// Replaces the text of the first `<target>` holding `old` in `xliff`.
fn edit_target(xliff: &Path, old: &str, new: &str) {
    let text = std::fs::read_to_string(xliff).unwrap();
    let at = text
        .find(&format!("<target>{old}"))
        .unwrap_or_else(|| panic!("no target {old}"));
    let edited = format!("{}{}", &text[..at], text[at..].replacen(old, new, 1));
    std::fs::write(xliff, edited).unwrap();
}

#[test]
fn one_edited_sxs_target_changes_one_segment() {
    let dir = exported();
    let before = snapshot(dir.path());
    let xliff = dir.path().join("xliff/nb-NO.xlf");
    edit_target(&xliff, "Enhet i ventende tilstand", "Enhet som venter");
    let run = apply(dir.path(), std::slice::from_ref(&xliff));
    assert!(run.status.success(), "{}", stderr(&run));
    let after = snapshot(dir.path());
    let changed: Vec<_> = before.iter().zip(&after).filter(|(a, b)| a != b).collect();
    assert_eq!(changed.len(), 1, "one file changes");
    let ((file, old), (_, new)) = changed[0];
    assert!(file.ends_with("nb-NO/device-in-pending-state.md"));
    let lines = changed_lines(old, new);
    assert_eq!(lines.len(), 1, "{lines:?}");
    assert_eq!(
        lines[0]
            .0
            .replacen(">Enhet i ventende tilstand<", ">Enhet som venter<", 1),
        lines[0].1,
        "only the translation half of one span changes"
    );
    // The English half of that span is untouched.
    assert!(lines[0].1.contains(">Device in pending state<"));
}

#[test]
fn one_edited_plain_target_changes_one_block() {
    let dir = exported();
    let before = snapshot(dir.path());
    let xliff = dir.path().join("xliff/da-DK.xlf");
    edit_target(
        &xliff,
        "Fejlfinding af PRT-problem",
        "Fejlfinding af et PRT-problem",
    );
    let run = apply(dir.path(), std::slice::from_ref(&xliff));
    assert!(run.status.success(), "{}", stderr(&run));
    let after = snapshot(dir.path());
    let changed: Vec<_> = before.iter().zip(&after).filter(|(a, b)| a != b).collect();
    assert_eq!(changed.len(), 1);
    let lines = changed_lines(&changed[0].0.1, &changed[0].1.1);
    assert_eq!(lines.len(), 1);
    assert_eq!(lines[0].0.replace("af PRT", "af et PRT"), lines[0].1);
}

/// Applies `xliff` expecting a refusal with `code`; the project must be unchanged.
fn refused(dir: &Path, xliff: &Path, code: &str) -> String {
    let before = snapshot(dir);
    let run = apply(dir, &[xliff.to_path_buf()]);
    let err = stderr(&run);
    assert_eq!(run.status.code(), Some(1), "{err}");
    assert!(err.contains(&format!("error[{code}]")), "{err}");
    assert!(err.contains("refused"), "{err}");
    assert_eq!(snapshot(dir), before, "nothing is written");
    err
}

#[test]
fn a_file_changed_since_the_export_is_refused() {
    let dir = exported();
    let xliff = dir.path().join("xliff/nb-NO.xlf");
    edit_target(&xliff, "Enhet i ventende tilstand", "Enhet som venter");
    let file = dir.path().join("content/nb-NO/device-in-pending-state.md");
    let mut text = std::fs::read_to_string(&file).unwrap();
    text.push_str("\nNy linje.\n");
    std::fs::write(&file, text).unwrap();
    let err = refused(dir.path(), &xliff, "apply-stale");
    assert!(
        err.contains("content/nb-NO/device-in-pending-state.md:1:1"),
        "{err}"
    );
}

#[test]
fn an_unknown_id_is_refused() {
    let dir = exported();
    let xliff = dir.path().join("xliff/nb-NO.xlf");
    let text = std::fs::read_to_string(&xliff).unwrap();
    std::fs::write(
        &xliff,
        text.replacen("<unit id=\"u102\">", "<unit id=\"u999\">", 1),
    )
    .unwrap();
    let err = refused(dir.path(), &xliff, "apply-unknown-id");
    assert!(err.contains("unit `999`"), "{err}");
}

#[test]
fn a_target_that_breaks_its_segment_is_refused() {
    let dir = exported();
    let xliff = dir.path().join("xliff/nl-NL.xlf");
    let text = std::fs::read_to_string(&xliff).unwrap();
    // Drop the inline code of `Typ `"...autoworkplace.exe /l"`.`: check's code rule catches it.
    let at = text
        .find("<target>Typ <ph ")
        .expect("a target with inline code")
        + "<target>Typ ".len();
    let end = at + text[at..].find("/>").unwrap() + 2;
    assert!(
        text[at..end].contains("autoworkplace.exe"),
        "{}",
        &text[at..end]
    );
    std::fs::write(&xliff, format!("{}{}", &text[..at], &text[end..])).unwrap();
    let err = refused(dir.path(), &xliff, "apply-breaks");
    assert!(err.contains("the new target breaks the segment"), "{err}");
}

#[test]
fn a_target_that_closes_its_span_is_refused() {
    let dir = exported();
    let xliff = dir.path().join("xliff/nb-NO.xlf");
    edit_target(
        &xliff,
        "Enhet i ventende tilstand",
        "Enhet&lt;/span&gt; som venter",
    );
    let err = refused(dir.path(), &xliff, "apply-breaks");
    assert!(err.contains("changes the file's structure"), "{err}");
}

#[test]
fn an_export_without_hashes_is_refused() {
    let dir = exported();
    let xliff = dir.path().join("xliff/nb-NO.xlf");
    let text = std::fs::read_to_string(&xliff).unwrap();
    let start = text.find("<mda:meta type=\"sha256\">").unwrap();
    let end = start + text[start..].find("</mda:meta>").unwrap() + "</mda:meta>".len();
    std::fs::write(&xliff, format!("{}{}", &text[..start], &text[end..])).unwrap();
    let err = refused(dir.path(), &xliff, "apply-invalid");
    assert!(err.contains("records no SHA-256"), "{err}");
}

#[test]
fn broken_xml_is_reported_at_its_line() {
    let dir = exported();
    let xliff = dir.path().join("xliff/nb-NO.xlf");
    std::fs::write(
        &xliff,
        "<?xml version=\"1.0\"?>\n<xliff version=\"2.0\">\n<file>&bogus;</file></xliff>",
    )
    .unwrap();
    let run = apply(dir.path(), &[xliff]);
    let err = stderr(&run);
    assert_eq!(run.status.code(), Some(1), "{err}");
    assert!(err.contains("error[apply-invalid]"), "{err}");
    assert!(err.contains("nb-NO.xlf:3:"), "{err}");
}

/// Python's translate-toolkit (3.20 and later reads and writes XLIFF 2.0) edits one target the
/// way a CAT tool built on it (Weblate) does: keeps the codes, adds a note, sets the state.
const TOOLKIT_EDIT: &str = r#"
import sys
from translate.storage.xliff2 import Xliff2File
from translate.storage.placeables import StringElem
path, old, new = sys.argv[1], sys.argv[2], sys.argv[3]
with open(path, "rb") as f:
    store = Xliff2File.parsefile(f)
edited = 0
for unit in store.units:
    rich = unit.rich_target[0] if unit.target else None
    if rich is None or old not in str(unit.target):
        continue
    def swap(elem):
        for i, sub in enumerate(elem.sub):
            if isinstance(sub, str):
                elem.sub[i] = sub.replace(old, new)
            elif type(sub) is StringElem:
                swap(sub)
    swap(rich)
    unit.rich_target = [rich]
    unit.addnote("checked by a reviewer", origin="comment")
    unit.markapproved(True)
    edited += 1
    break
assert edited == 1, "no unit holds the text"
with open(path, "wb") as f:
    store.serialize(f)
"#;

fn toolkit() -> bool {
    let found = Command::new("python3")
        .args(["-c", "import translate.storage.xliff2"])
        .output()
        .is_ok_and(|o| o.status.success());
    if !found {
        eprintln!(
            "NOTE: Python's translate-toolkit is not installed (pip install translate-toolkit): the test with an independent XLIFF 2.0 writer checks nothing"
        );
    }
    found
}

#[test]
fn a_file_written_by_translate_toolkit_applies() {
    if !toolkit() {
        return;
    }
    let dir = exported();
    let before = snapshot(dir.path());
    let xliff = dir.path().join("xliff/nl-NL.xlf");
    // A target with inline codes: the toolkit must hand back the <pc>/<ph> it read.
    let old = "apparaten die lid van een domein";
    let run = Command::new("python3")
        .args(["-c", TOOLKIT_EDIT])
        .arg(&xliff)
        .args([old, "apparaten die deel uitmaken van een domein"])
        .output()
        .unwrap();
    assert!(
        run.status.success(),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    let written = std::fs::read_to_string(&xliff).unwrap();
    assert!(
        written.contains("checked by a reviewer") && written.contains("state=\"reviewed\""),
        "{written}"
    );
    let run = apply(dir.path(), std::slice::from_ref(&xliff));
    assert!(run.status.success(), "{}", stderr(&run));
    let after = snapshot(dir.path());
    let changed: Vec<_> = before.iter().zip(&after).filter(|(a, b)| a != b).collect();
    assert_eq!(changed.len(), 1, "{}", stderr(&run));
    let lines = changed_lines(&changed[0].0.1, &changed[0].1.1);
    assert_eq!(lines.len(), 1, "{lines:?}");
    assert_eq!(
        lines[0]
            .0
            .replacen(old, "apparaten die deel uitmaken van een domein", 1),
        lines[0].1
    );
    assert!(
        lines[0].1.contains("**A:** Windows 10-apparaten die deel"),
        "the bold code came back: {}",
        lines[0].1
    );
}
