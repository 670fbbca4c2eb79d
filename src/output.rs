//! Atomic output: the site is written into a staging folder beside the build dir and swapped
//! in only when complete, so a failed or interrupted build leaves the previous site whole.
//!
//! diglot only ever replaces a build dir that it made itself (it holds a marker file), so a
//! mistyped `build-dir` cannot wipe out someone's folder.

use std::io;
use std::path::{Component, Path, PathBuf};

/// The file that marks a folder as diglot's output.
pub const MARKER: &str = ".diglot-build";

/// A build in progress: files go to a staging folder until [`Staging::commit`].
pub struct Staging {
    target: PathBuf,
    staging: PathBuf,
    committed: bool,
}

impl Staging {
    /// Prepares a staging folder for `target`. Refuses a target that exists, is not empty and
    /// was not made by diglot.
    pub fn begin(target: &Path) -> io::Result<Staging> {
        if target.exists() && !is_ours(target)? {
            return Err(io::Error::other(format!(
                "{} exists and was not made by diglot (no {MARKER} file in it); refusing to replace it",
                target.display()
            )));
        }
        let name = target
            .file_name()
            .ok_or_else(|| io::Error::other(format!("{} is not a folder name", target.display())))?
            .to_string_lossy();
        let parent = target.parent().unwrap_or(Path::new("."));
        std::fs::create_dir_all(parent)?;
        recover_interrupted(target, parent, &name)?;
        let staging = parent.join(format!(".{name}.staging-{}", std::process::id()));
        if staging.exists() {
            std::fs::remove_dir_all(&staging)?;
        }
        std::fs::create_dir_all(&staging)?;
        std::fs::write(staging.join(MARKER), "")?;
        Ok(Staging {
            target: target.to_path_buf(),
            staging,
            committed: false,
        })
    }

    /// Where a file of the site goes while staged. `relative` must stay inside the site.
    pub fn path(&self, relative: &str) -> io::Result<PathBuf> {
        let relative = Path::new(relative);
        if relative
            .components()
            .any(|c| !matches!(c, Component::Normal(_)))
        {
            return Err(io::Error::other(format!(
                "refusing to write outside the build dir: {}",
                relative.display()
            )));
        }
        Ok(self.staging.join(relative))
    }

    /// Writes one file of the site.
    pub fn write(&self, relative: &str, contents: &[u8]) -> io::Result<()> {
        let path = self.path(relative)?;
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent)?;
        }
        std::fs::write(path, contents)
    }

    /// Copies a file into the site.
    pub fn copy(&self, relative: &str, from: &Path) -> io::Result<()> {
        let path = self.path(relative)?;
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent)?;
        }
        std::fs::copy(from, path).map(drop)
    }

    /// Swaps the staged site in for the old one.
    pub fn commit(mut self) -> io::Result<()> {
        let old = self.staging.with_file_name(format!(
            ".{}.old-{}",
            self.target
                .file_name()
                .unwrap_or_default()
                .to_string_lossy(),
            std::process::id()
        ));
        let had_old = self.target.exists();
        if had_old {
            std::fs::rename(&self.target, &old)?;
        }
        if let Err(e) = std::fs::rename(&self.staging, &self.target) {
            if had_old {
                let _ = std::fs::rename(&old, &self.target);
            }
            return Err(e);
        }
        self.committed = true;
        if had_old {
            let _ = std::fs::remove_dir_all(&old);
        }
        Ok(())
    }
}

impl Drop for Staging {
    fn drop(&mut self) {
        if !self.committed {
            let _ = std::fs::remove_dir_all(&self.staging);
        }
    }
}

/// Cleans up after builds of `target` that were killed: their staging folders go, and a
/// previous site moved aside just before the kill is put back when nothing replaced it.
fn recover_interrupted(target: &Path, parent: &Path, name: &str) -> io::Result<()> {
    let staging_prefix = format!(".{name}.staging-");
    let old_prefix = format!(".{name}.old-");
    for entry in std::fs::read_dir(parent)? {
        let entry = entry?;
        let file_name = entry.file_name().to_string_lossy().into_owned();
        let (pid, is_old) = if let Some(pid) = file_name.strip_prefix(&staging_prefix) {
            (pid, false)
        } else if let Some(pid) = file_name.strip_prefix(&old_prefix) {
            (pid, true)
        } else {
            continue;
        };
        let Ok(pid) = pid.parse::<u32>() else {
            continue;
        };
        if is_running(pid) || !entry.file_type()?.is_dir() || !is_ours(&entry.path())? {
            continue;
        }
        if is_old && !target.exists() {
            std::fs::rename(entry.path(), target)?;
        } else {
            std::fs::remove_dir_all(entry.path())?;
        }
    }
    Ok(())
}

/// Whether a process `pid` (another build) is still running. Where that cannot be told, only
/// this process counts as running.
fn is_running(pid: u32) -> bool {
    if pid == std::process::id() {
        return true;
    }
    let proc = Path::new("/proc");
    proc.is_dir() && proc.join(pid.to_string()).exists()
}

/// True when `dir` is empty or carries diglot's marker.
fn is_ours(dir: &Path) -> io::Result<bool> {
    if !dir.is_dir() {
        return Ok(false);
    }
    Ok(dir.join(MARKER).is_file() || std::fs::read_dir(dir)?.next().is_none())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn commit_replaces_the_old_site_whole() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("book");
        let first = Staging::begin(&target).unwrap();
        first.write("a/old.html", b"old").unwrap();
        first.commit().unwrap();
        let second = Staging::begin(&target).unwrap();
        second.write("new.html", b"new").unwrap();
        assert!(
            target.join("a/old.html").exists(),
            "old site stays until commit"
        );
        second.commit().unwrap();
        assert!(!target.join("a/old.html").exists());
        assert_eq!(std::fs::read(target.join("new.html")).unwrap(), b"new");
        let leftovers: Vec<_> = std::fs::read_dir(dir.path()).unwrap().collect();
        assert_eq!(leftovers.len(), 1, "no staging or old folder left behind");
    }

    #[test]
    fn an_abandoned_build_leaves_the_old_site_and_no_staging() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("book");
        let first = Staging::begin(&target).unwrap();
        first.write("index.html", b"v1").unwrap();
        first.commit().unwrap();
        {
            let second = Staging::begin(&target).unwrap();
            second.write("index.html", b"half").unwrap();
        }
        assert_eq!(std::fs::read(target.join("index.html")).unwrap(), b"v1");
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
    }

    #[test]
    fn leftovers_of_a_killed_build_are_cleaned_up_or_put_back() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("book");
        // No process has pid u32::MAX - 1: these are what a killed build leaves behind.
        let dead = u32::MAX - 1;
        let staging = dir.path().join(format!(".book.staging-{dead}"));
        std::fs::create_dir_all(&staging).unwrap();
        std::fs::write(staging.join(MARKER), "").unwrap();
        let old = dir.path().join(format!(".book.old-{dead}"));
        std::fs::create_dir_all(&old).unwrap();
        std::fs::write(old.join(MARKER), "").unwrap();
        std::fs::write(old.join("index.html"), "previous").unwrap();
        let unrelated = dir.path().join(".book.staging-notes");
        std::fs::create_dir_all(&unrelated).unwrap();

        let next = Staging::begin(&target).unwrap();
        assert!(!staging.exists() && !old.exists());
        assert_eq!(
            std::fs::read(target.join("index.html")).unwrap(),
            b"previous",
            "the site moved aside before the kill is back"
        );
        assert!(
            unrelated.exists(),
            "only folders named by a pid are touched"
        );
        next.commit().unwrap();
        assert!(!target.join("index.html").exists());
    }

    #[test]
    fn refuses_to_replace_a_folder_it_did_not_make() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("precious.txt"), "x").unwrap();
        let err = Staging::begin(dir.path()).err().unwrap();
        assert!(err.to_string().contains("not made by diglot"));
    }

    #[test]
    fn refuses_paths_outside_the_site() {
        let dir = tempfile::tempdir().unwrap();
        let staging = Staging::begin(&dir.path().join("book")).unwrap();
        assert!(staging.write("../escape.html", b"x").is_err());
        assert!(staging.write("/etc/x", b"x").is_err());
        assert!(!dir.path().join("escape.html").exists());
    }
}
