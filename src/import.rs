//! `diglot import`: files raw MS-docs markdown into the content layout,
//! `<into>/<ms.contentlocale>/<slug>.md`, the slug being the `<a name>` of the first heading.
//!
//! It never overwrites a file that differs unless asked to (`--force`), and writes through a
//! temporary file and a rename, so no file is ever left half-written.

use std::path::{Path, PathBuf};

use walkdir::WalkDir;

use crate::code::Code;
use crate::diagnostic::Diagnostic;
use crate::locale;
use crate::parse::front_matter;

/// What happened to one imported file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    Added,
    Unchanged,
    Replaced,
    /// The target differs and `force` was not given: nothing was written.
    Refused,
}

/// One file imported, or refused.
#[derive(Debug, Clone)]
pub struct Imported {
    pub source: PathBuf,
    pub target: PathBuf,
    pub outcome: Outcome,
}

/// Imports single files (any name) and whole folders (their `.md` files, `includes/` left out).
pub fn import(sources: &[PathBuf], into: &Path, force: bool) -> (Vec<Imported>, Vec<Diagnostic>) {
    let mut done = Vec::new();
    let mut diagnostics = Vec::new();
    for source in sources {
        let files: Vec<PathBuf> = if source.is_dir() {
            WalkDir::new(source)
                .follow_links(false)
                .sort_by_file_name()
                .into_iter()
                .filter_entry(|e| {
                    let name = e.file_name().to_string_lossy();
                    e.depth() == 0 || !(name.starts_with('.') || name == "includes")
                })
                .filter_map(Result::ok)
                .filter(|e| {
                    e.file_type().is_file() && e.path().extension().is_some_and(|x| x == "md")
                })
                .map(|e| e.into_path())
                .collect()
        } else {
            vec![source.clone()]
        };
        for file in files {
            match import_file(&file, into, force) {
                Ok(imported) => {
                    if imported.outcome == Outcome::Refused {
                        diagnostics.push(Diagnostic::error(
                            Code::ImportConflict,
                            &file,
                            (0, 0),
                            format!(
                                "{} exists and differs; not overwritten (use --force to replace it)",
                                imported.target.display()
                            ),
                        ));
                    }
                    done.push(imported);
                }
                Err(diagnostic) => diagnostics.push(diagnostic),
            }
        }
    }
    (done, diagnostics)
}

fn import_file(file: &Path, into: &Path, force: bool) -> Result<Imported, Diagnostic> {
    let bytes = std::fs::read(file).map_err(|e| {
        Diagnostic::error(Code::Unreadable, file, (0, 0), format!("cannot read: {e}"))
    })?;
    let (text, _) = crate::source::decode(file, &bytes);
    let locale = content_locale(&text).ok_or_else(|| {
        Diagnostic::error(
            Code::ImportLocale,
            file,
            (1, 1),
            "no usable `ms.contentlocale` in the front matter: cannot tell which locale folder the file belongs in",
        )
    })?;
    let slug = heading_slug(&text).unwrap_or_else(|| {
        let stem = file.file_stem().unwrap_or_default().to_string_lossy();
        sanitize(&stem)
    });
    if slug.is_empty() {
        return Err(Diagnostic::error(
            Code::ImportSlug,
            file,
            (1, 1),
            "cannot derive a file name",
        ));
    }
    let target = into.join(&locale).join(format!("{slug}.md"));
    let outcome = match std::fs::read(&target) {
        Ok(existing) if existing == bytes => Outcome::Unchanged,
        Ok(_) if !force => Outcome::Refused,
        Ok(_) => Outcome::Replaced,
        Err(_) => Outcome::Added,
    };
    if matches!(outcome, Outcome::Added | Outcome::Replaced) {
        write_atomically(&target, &bytes).map_err(|e| {
            Diagnostic::error(Code::Write, &target, (0, 0), format!("cannot write: {e}"))
        })?;
    }
    Ok(Imported {
        source: file.to_path_buf(),
        target,
        outcome,
    })
}

/// `ms.contentlocale`, if it is a locale tag (so it can safely name a folder).
fn content_locale(text: &str) -> Option<String> {
    let front_matter::Block::Closed { yaml, .. } = front_matter::locate(text) else {
        return None;
    };
    let front = front_matter::parse(&text[yaml]).ok()?;
    front.content_locale.filter(|tag| locale::is_tag(tag))
}

/// The `<a name="slug">` of the first heading line, made safe as a file name.
fn heading_slug(text: &str) -> Option<String> {
    let line = text.lines().find(|l| l.trim_start().starts_with('#'))?;
    let start = line.find("<a name=\"")? + "<a name=\"".len();
    let end = line[start..].find('"')? + start;
    let slug = sanitize(&line[start..end]);
    (!slug.is_empty()).then_some(slug)
}

/// Keeps letters, digits, `-`, `_` and `.`; never yields a path.
fn sanitize(name: &str) -> String {
    let kept: String = name
        .chars()
        .filter(|c| c.is_alphanumeric() || matches!(c, '-' | '_' | '.'))
        .collect();
    kept.trim_matches('.').to_string()
}

/// Writes `bytes` to a temporary file beside `target`, then renames it over `target`: readers
/// see the old file or the new one, never half of one.
pub(crate) fn write_atomically(target: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let parent = target.parent().unwrap_or(Path::new("."));
    std::fs::create_dir_all(parent)?;
    let temp = parent.join(format!(
        ".{}.diglot-import-{}",
        target.file_name().unwrap_or_default().to_string_lossy(),
        std::process::id()
    ));
    std::fs::write(&temp, bytes)?;
    std::fs::rename(&temp, target).inspect_err(|_| {
        let _ = std::fs::remove_file(&temp);
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const ARTICLE: &str = "---\ntitle: T\nms.contentlocale: nb-NO\n---\n# <a name=\"device-in-pending-state\"></a>Enhet\n";

    #[test]
    fn files_by_locale_and_heading_slug() {
        let dir = tempfile::tempdir().unwrap();
        let src = dir.path().join("000_x.txt");
        std::fs::write(&src, ARTICLE).unwrap();
        let into = dir.path().join("content");
        let (done, diags) = import(std::slice::from_ref(&src), &into, false);
        assert!(diags.is_empty());
        assert_eq!(done[0].outcome, Outcome::Added);
        assert_eq!(
            done[0].target,
            into.join("nb-NO/device-in-pending-state.md")
        );
        assert_eq!(std::fs::read_to_string(&done[0].target).unwrap(), ARTICLE);
        let (again, _) = import(std::slice::from_ref(&src), &into, false);
        assert_eq!(again[0].outcome, Outcome::Unchanged);
    }

    #[test]
    fn refuses_to_overwrite_a_differing_file_without_force() {
        let dir = tempfile::tempdir().unwrap();
        let into = dir.path().join("content");
        let target = into.join("nb-NO/device-in-pending-state.md");
        std::fs::create_dir_all(target.parent().unwrap()).unwrap();
        std::fs::write(&target, "mine").unwrap();
        let src = dir.path().join("a.md");
        std::fs::write(&src, ARTICLE).unwrap();
        let (done, diags) = import(std::slice::from_ref(&src), &into, false);
        assert_eq!(done[0].outcome, Outcome::Refused);
        assert_eq!(diags[0].code, "import-conflict");
        assert_eq!(std::fs::read_to_string(&target).unwrap(), "mine");
        let (done, _) = import(&[src], &into, true);
        assert_eq!(done[0].outcome, Outcome::Replaced);
        assert_eq!(std::fs::read_to_string(&target).unwrap(), ARTICLE);
    }

    #[test]
    fn a_hostile_locale_or_slug_cannot_escape_the_content_dir() {
        let dir = tempfile::tempdir().unwrap();
        let src = dir.path().join("a.md");
        std::fs::write(&src, "---\nms.contentlocale: ../../etc\n---\n# x\n").unwrap();
        let (done, diags) = import(std::slice::from_ref(&src), &dir.path().join("c"), false);
        assert!(done.is_empty());
        assert_eq!(diags[0].code, "import-locale");
        std::fs::write(
            &src,
            "---\nms.contentlocale: nl-NL\n---\n# <a name=\"../../evil\"></a>x\n",
        )
        .unwrap();
        let (done, _) = import(&[src], &dir.path().join("c"), false);
        assert_eq!(done[0].target, dir.path().join("c/nl-NL/evil.md"));
    }
}
