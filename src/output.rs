//! Atomic output: the site is written into a staging folder beside the build dir and swapped
//! in only when complete, so a failed or interrupted build leaves the previous site whole.
//!
//! A staged file whose bytes equal the previous site's copy is a hard link to that copy rather
//! than a new file: a full build that changes little creates and deletes few files (on ext4,
//! allocating inodes right after freeing as many was a third of a build's time), and unchanged
//! files keep their modification time, which deploys by `rsync` or caches by date take as
//! unchanged. Every file that is written is created anew, so writing never reaches a file the
//! previous site still shows.
//!
//! An incremental rebuild ([`Staging::in_place`]) instead writes straight into the build dir of
//! an earlier build, each file through a temporary file and a rename, and only when its bytes
//! changed.
//!
//! diglot only ever replaces a build dir that it made itself (it holds a marker file), so a
//! mistyped `build-dir` cannot wipe out someone's folder.

use std::io;
use std::path::{Component, Path, PathBuf};
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};

/// The file that marks a folder as diglot's output.
pub const MARKER: &str = ".diglot-build";

/// `diglot check`'s record of external links, kept in the build dir and carried from one build
/// to the next.
pub const LINK_CACHE: &str = ".diglot-cache.json";

/// The fetched xref maps (`crate::markdown::xref`), carried over like [`LINK_CACHE`].
pub const XREF_CACHE: &str = ".diglot-xrefmaps.json";

/// A build in progress: files go to a staging folder until [`Staging::commit`].
pub struct Staging {
    target: PathBuf,
    staging: PathBuf,
    /// The site being replaced, whose unchanged files are linked rather than written again.
    previous: Option<PathBuf>,
    committed: bool,
    /// Writing into the live build dir: see [`Staging::in_place`].
    in_place: bool,
    /// Files written or removed in place because their bytes changed.
    changed: AtomicUsize,
}

impl Staging {
    /// Prepares a staging folder for `target`. Refuses a target that exists, is not empty and
    /// was not made by diglot.
    pub fn begin(target: &Path) -> io::Result<Staging> {
        refuse_foreign(target, "; refusing to replace it")?;
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
            // refuse_foreign let through only a site of ours, or no folder.
            previous: target.is_dir().then(|| target.to_path_buf()),
            committed: false,
            in_place: false,
            changed: AtomicUsize::new(0),
        })
    }

    /// Writes into `target`, the build dir of an earlier build, for an incremental rebuild: a
    /// file is replaced (written beside it, then renamed over it) only when its bytes change, so
    /// a browser never sees half a page and unchanged files keep their modification time.
    /// There is nothing to commit.
    pub fn in_place(target: &Path) -> io::Result<Staging> {
        if !is_ours(target)? {
            return Err(io::Error::other(format!(
                "{} is not a site built by diglot (no {MARKER} file in it)",
                target.display()
            )));
        }
        Ok(Staging {
            target: target.to_path_buf(),
            staging: target.to_path_buf(),
            previous: None,
            committed: true,
            in_place: true,
            changed: AtomicUsize::new(0),
        })
    }

    /// How many files an in-place rebuild replaced or removed.
    pub fn changed(&self) -> usize {
        self.changed.load(Ordering::Relaxed)
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
        if self.in_place {
            return self.replace(&path, contents);
        }
        let holds_contents = |old: &Path| std::fs::read(old).is_ok_and(|bytes| bytes == contents);
        if self.link_unchanged(relative, &path, contents.len() as u64, holds_contents) {
            return Ok(());
        }
        create_new(&path, contents)
    }

    /// Copies a file into the site.
    pub fn copy(&self, relative: &str, from: &Path) -> io::Result<()> {
        if self.in_place {
            return self.write(relative, &std::fs::read(from)?);
        }
        let path = self.path(relative)?;
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent)?;
        }
        let length = std::fs::metadata(from)?.len();
        if self.link_unchanged(relative, &path, length, |old| same_file_bytes(old, from)) {
            return Ok(());
        }
        if std::fs::symlink_metadata(&path).is_ok() {
            std::fs::remove_file(&path)?;
        }
        std::fs::copy(from, path).map(drop)
    }

    /// Links `path` to the previous site's copy of `relative` when that is `length` bytes long
    /// and `same` finds it holds the new bytes.
    fn link_unchanged(
        &self,
        relative: &str,
        path: &Path,
        length: u64,
        same: impl FnOnce(&Path) -> bool,
    ) -> bool {
        let Some(previous) = &self.previous else {
            return false;
        };
        let old = previous.join(relative);
        std::fs::symlink_metadata(&old).is_ok_and(|m| m.is_file() && m.len() == length)
            && same(&old)
            && std::fs::hard_link(&old, path).is_ok()
    }

    /// Removes one file of the site, if it is there; empty folders left behind go too.
    pub fn remove(&self, relative: &str) -> io::Result<()> {
        let path = self.path(relative)?;
        match std::fs::remove_file(&path) {
            Ok(()) => {
                self.changed.fetch_add(1, Ordering::Relaxed);
            }
            Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(()),
            Err(e) => return Err(e),
        }
        let mut folder = path.parent();
        while let Some(dir) = folder.filter(|d| *d != self.staging) {
            if std::fs::remove_dir(dir).is_err() {
                break;
            }
            folder = dir.parent();
        }
        Ok(())
    }

    /// Writes `contents` to `path` through a temporary file beside it, unless it holds them
    /// already.
    fn replace(&self, path: &Path, contents: &[u8]) -> io::Result<()> {
        static NEXT: AtomicU64 = AtomicU64::new(0);
        if std::fs::read(path).is_ok_and(|old| old == contents) {
            return Ok(());
        }
        let temporary = path.with_file_name(format!(
            ".diglot-{}-{}.tmp",
            std::process::id(),
            NEXT.fetch_add(1, Ordering::Relaxed)
        ));
        std::fs::write(&temporary, contents)?;
        if let Err(e) = std::fs::rename(&temporary, path) {
            let _ = std::fs::remove_file(&temporary);
            return Err(e);
        }
        self.changed.fetch_add(1, Ordering::Relaxed);
        Ok(())
    }

    /// Swaps the staged site in for the old one, keeping the old one's [`LINK_CACHE`] and
    /// [`XREF_CACHE`].
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
            for kept in [LINK_CACHE, XREF_CACHE] {
                let cache = self.target.join(kept);
                if cache.is_file() {
                    std::fs::copy(&cache, self.staging.join(kept))?;
                }
            }
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

/// Whether the files `a` and `b` hold the same bytes (read a piece at a time: media can be
/// large).
fn same_file_bytes(a: &Path, b: &Path) -> bool {
    use std::io::Read;
    let (Ok(mut a), Ok(mut b)) = (std::fs::File::open(a), std::fs::File::open(b)) else {
        return false;
    };
    let (mut left, mut right) = (vec![0; 1 << 16], vec![0; 1 << 16]);
    loop {
        let Ok(n) = a.read(&mut left) else {
            return false;
        };
        if n == 0 {
            return b.read(&mut right).is_ok_and(|m| m == 0);
        }
        if b.read_exact(&mut right[..n]).is_err() || left[..n] != right[..n] {
            return false;
        }
    }
}

/// Writes `contents` to a new file at `path`; a file already there is unlinked first rather than
/// truncated, since it may be a link to the previous site's copy.
fn create_new(path: &Path, contents: &[u8]) -> io::Result<()> {
    use std::io::Write;
    let open = || {
        std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(path)
    };
    let mut file = match open() {
        Err(e) if e.kind() == io::ErrorKind::AlreadyExists => {
            std::fs::remove_file(path)?;
            open()?
        }
        other => other?,
    };
    file.write_all(contents)
}

/// Makes `dir` a build dir of diglot's, as [`Staging::begin`] accepts it later, when it does
/// not exist yet; refuses one that exists, is not empty and was not made by diglot.
pub fn claim(dir: &Path) -> io::Result<()> {
    refuse_foreign(dir, "")?;
    std::fs::create_dir_all(dir)?;
    std::fs::write(dir.join(MARKER), "")
}

/// True for `path` inside the build dir `target`, and for the staging and old folders that
/// builds of it leave beside it (`.<name>.staging-<pid>`, `.<name>.old-<pid>`).
pub fn is_build_output(target: &Path, path: &Path) -> bool {
    if path.starts_with(target) {
        return true;
    }
    let name = target.file_name().unwrap_or_default().to_string_lossy();
    path.parent() == target.parent()
        && path
            .file_name()
            .is_some_and(|n| n.to_string_lossy().starts_with(&format!(".{name}.")))
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

/// Fails when `dir` exists and is not diglot's; the message ends with `consequence`.
fn refuse_foreign(dir: &Path, consequence: &str) -> io::Result<()> {
    if dir.exists() && !is_ours(dir)? {
        return Err(io::Error::other(format!(
            "{} exists and was not made by diglot (no {MARKER} file in it){consequence}",
            dir.display()
        )));
    }
    Ok(())
}

/// True when `dir` is a folder that is empty or carries diglot's marker.
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
    fn in_place_replaces_only_changed_files_and_removes_pages() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("book");
        let full = Staging::begin(&target).unwrap();
        full.write("a/same.html", b"same").unwrap();
        full.write("a/edited.html", b"old").unwrap();
        full.write("b/gone.html", b"gone").unwrap();
        full.commit().unwrap();
        let same = target.join("a/same.html");
        let before = std::fs::metadata(&same).unwrap().modified().unwrap();
        std::thread::sleep(std::time::Duration::from_millis(20));

        let live = Staging::in_place(&target).unwrap();
        live.write("a/same.html", b"same").unwrap();
        live.write("a/edited.html", b"new").unwrap();
        live.write("c/added.html", b"added").unwrap();
        live.remove("b/gone.html").unwrap();
        live.remove("b/never-was.html").unwrap();
        assert_eq!(live.changed(), 3, "edited, added and gone; not same");
        drop(live);

        assert_eq!(
            std::fs::metadata(&same).unwrap().modified().unwrap(),
            before
        );
        assert_eq!(std::fs::read(target.join("a/edited.html")).unwrap(), b"new");
        assert_eq!(
            std::fs::read(target.join("c/added.html")).unwrap(),
            b"added"
        );
        assert!(!target.join("b").exists(), "the emptied folder goes too");
        let stray: Vec<_> = walkdir::WalkDir::new(&target)
            .into_iter()
            .filter_map(Result::ok)
            .filter(|e| e.file_name().to_string_lossy().ends_with(".tmp"))
            .collect();
        assert!(stray.is_empty(), "no temporary file left: {stray:?}");
        assert!(target.join(MARKER).is_file(), "dropping it removes nothing");
    }

    #[test]
    fn a_full_build_links_unchanged_files_and_never_writes_through_to_the_old_site() {
        use std::os::unix::fs::MetadataExt;
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("book");
        let media = dir.path().join("photo.png");
        std::fs::write(&media, b"png bytes").unwrap();
        let first = Staging::begin(&target).unwrap();
        first.write("same.html", b"same").unwrap();
        first.write("edited.html", b"old!").unwrap();
        first.copy("media/photo.png", &media).unwrap();
        first.commit().unwrap();
        let inode = |name: &str| std::fs::metadata(target.join(name)).unwrap().ino();
        let (same, edited, photo) = (
            inode("same.html"),
            inode("edited.html"),
            inode("media/photo.png"),
        );

        let second = Staging::begin(&target).unwrap();
        second.write("same.html", b"same").unwrap();
        second.write("edited.html", b"new!").unwrap();
        second.copy("media/photo.png", &media).unwrap();
        // Written twice: the second write must not reach the old site through the link.
        second.write("same.html", b"last").unwrap();
        assert_eq!(std::fs::read(target.join("same.html")).unwrap(), b"same");
        assert_eq!(std::fs::read(target.join("edited.html")).unwrap(), b"old!");
        second.write("same.html", b"same").unwrap();
        second.commit().unwrap();

        assert_eq!(
            inode("media/photo.png"),
            photo,
            "an unchanged copy is the same file"
        );
        assert_ne!(inode("edited.html"), edited, "a changed page is a new file");
        assert_eq!(std::fs::read(target.join("edited.html")).unwrap(), b"new!");
        assert_eq!(std::fs::read(target.join("same.html")).unwrap(), b"same");
        assert_ne!(
            inode("same.html"),
            same,
            "rewritten after its link, so a new file"
        );
        let links = std::fs::metadata(target.join("media/photo.png"))
            .unwrap()
            .nlink();
        assert_eq!(links, 1, "the old site is gone, and its names with it");
    }

    #[test]
    fn a_changed_copy_of_the_same_length_is_copied_again() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("book");
        let media = dir.path().join("photo.png");
        std::fs::write(&media, b"aaaa").unwrap();
        let first = Staging::begin(&target).unwrap();
        first.copy("photo.png", &media).unwrap();
        first.commit().unwrap();
        std::fs::write(&media, b"bbbb").unwrap();
        let second = Staging::begin(&target).unwrap();
        second.copy("photo.png", &media).unwrap();
        second.commit().unwrap();
        assert_eq!(std::fs::read(target.join("photo.png")).unwrap(), b"bbbb");
    }

    #[test]
    fn in_place_refuses_a_folder_it_did_not_make() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("precious.txt"), "x").unwrap();
        assert!(Staging::in_place(dir.path()).is_err());
        let live = Staging::in_place(dir.path().join("missing").as_path());
        assert!(live.is_err());
    }

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
    fn commit_keeps_the_link_cache_of_the_old_site() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("book");
        let first = Staging::begin(&target).unwrap();
        first.write("index.html", b"v1").unwrap();
        first.commit().unwrap();
        std::fs::write(target.join(LINK_CACHE), b"{}").unwrap();
        let second = Staging::begin(&target).unwrap();
        second.write("index.html", b"v2").unwrap();
        second.commit().unwrap();
        assert_eq!(std::fs::read(target.join(LINK_CACHE)).unwrap(), b"{}");
        assert_eq!(std::fs::read(target.join("index.html")).unwrap(), b"v2");
    }

    #[test]
    fn a_claimed_folder_is_accepted_and_a_foreign_one_refused() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("book");
        claim(&target).unwrap();
        assert!(target.join(MARKER).is_file());
        Staging::begin(&target).unwrap().commit().unwrap();
        let foreign = dir.path().join("precious");
        std::fs::create_dir(&foreign).unwrap();
        std::fs::write(foreign.join("x.txt"), "x").unwrap();
        assert!(claim(&foreign).is_err());
        assert!(!foreign.join(MARKER).exists());
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
