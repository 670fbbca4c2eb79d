//! The errors `diglot serve` shows over the open pages: those of the files edited since it
//! started (an article, book.toml, a theme file), each file's replaced whenever it is rebuilt,
//! so they go away when the file is fixed. Errors the content had before serving started are
//! printed, not shown: the overlay is about the edit in hand.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use crate::diagnostic::{Diagnostic, Severity};
use crate::load::display_path;

/// The errors shown, by file (as diagnostics name it, relative to the project root).
#[derive(Debug)]
pub struct Problems {
    root: PathBuf,
    by_file: BTreeMap<PathBuf, Vec<Diagnostic>>,
}

impl Problems {
    /// No problems yet, in the project at `root`.
    pub fn new(root: &Path) -> Problems {
        Problems {
            root: root.to_path_buf(),
            by_file: BTreeMap::new(),
        }
    }

    /// After an incremental rebuild of the `changed` paths: their errors are now those among
    /// `diagnostics`, and any other file the rebuild found an error in is shown too.
    pub fn rebuilt<'a>(
        &mut self,
        changed: impl IntoIterator<Item = &'a Path>,
        diagnostics: &[Diagnostic],
    ) {
        for path in changed {
            self.by_file.remove(&display_path(&self.root, path));
        }
        for error in errors(diagnostics) {
            let mut error = error.clone();
            error.file = display_path(&self.root, &error.file);
            self.by_file
                .entry(error.file.clone())
                .or_default()
                .push(error);
        }
    }

    /// After a full build: the files shown before and the `changed` paths keep only the errors
    /// the build found in them; the content's other errors are not shown.
    pub fn built<'a>(
        &mut self,
        changed: impl IntoIterator<Item = &'a Path>,
        diagnostics: &[Diagnostic],
    ) {
        let mut watched: BTreeMap<PathBuf, Vec<Diagnostic>> = std::mem::take(&mut self.by_file)
            .into_keys()
            .chain(changed.into_iter().map(|p| display_path(&self.root, p)))
            .map(|file| (file, Vec::new()))
            .collect();
        for error in errors(diagnostics) {
            let file = display_path(&self.root, &error.file);
            if let Some(shown) = watched.get_mut(&file) {
                shown.push(Diagnostic {
                    file,
                    ..error.clone()
                });
            }
        }
        watched.retain(|_, errors| !errors.is_empty());
        self.by_file = watched;
    }

    /// A full build could not even start (book.toml or the theme is broken): its error is
    /// shown until the next full build.
    pub fn failed(&mut self, error: &Diagnostic) {
        let file = display_path(&self.root, &error.file);
        self.by_file.insert(
            file.clone(),
            vec![Diagnostic {
                file,
                ..error.clone()
            }],
        );
    }

    /// Every error shown, by file.
    pub fn all(&self) -> Vec<&Diagnostic> {
        self.by_file.values().flatten().collect()
    }
}

fn errors(diagnostics: &[Diagnostic]) -> impl Iterator<Item = &Diagnostic> {
    diagnostics.iter().filter(|d| d.severity == Severity::Error)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::code::Code;

    fn error(file: &str, line: usize) -> Diagnostic {
        Diagnostic::error(Code::SxsUnpaired, Path::new(file), (line, 1), "unpaired")
    }

    fn shown(problems: &Problems) -> Vec<(String, usize)> {
        problems
            .all()
            .iter()
            .map(|d| (d.file.display().to_string(), d.line))
            .collect()
    }

    #[test]
    fn an_edited_file_shows_its_errors_until_it_is_fixed() {
        let mut problems = Problems::new(Path::new("/p"));
        let a = Path::new("/p/content/nl-NL/a.md");
        let warning = Diagnostic::warning(
            Code::SxsDuplicateId,
            Path::new("content/nl-NL/a.md"),
            (2, 1),
            "twice",
        );
        problems.rebuilt([a], &[error("content/nl-NL/a.md", 6), warning]);
        assert_eq!(shown(&problems), [("content/nl-NL/a.md".into(), 6)]);

        let b = Path::new("/p/content/nl-NL/b.md");
        problems.rebuilt([b], &[error("content/nl-NL/b.md", 3)]);
        assert_eq!(shown(&problems).len(), 2, "a is still broken");
        problems.rebuilt([a], &[]);
        assert_eq!(shown(&problems), [("content/nl-NL/b.md".into(), 3)]);
    }

    #[test]
    fn a_full_build_keeps_the_errors_of_edited_files_only() {
        let mut problems = Problems::new(Path::new("/p"));
        problems.rebuilt(
            [Path::new("/p/content/nl-NL/a.md")],
            &[error("content/nl-NL/a.md", 6)],
        );
        let toml = Path::new("/p/book.toml");
        problems.failed(&error("/p/book.toml", 2));
        assert_eq!(shown(&problems).len(), 2);

        let full_build = [
            error("content/nl-NL/a.md", 7),
            error("content/da-DK/old-problem.md", 1),
        ];
        problems.built([toml], &full_build);
        assert_eq!(
            shown(&problems),
            [("content/nl-NL/a.md".into(), 7)],
            "book.toml is fixed; the error that was there before serving is not shown"
        );
    }
}
