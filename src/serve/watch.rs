//! Watching what the site is built from: every locale folder (wherever its `src` points), the
//! English source folder, the content dir (for new locales), the theme and book.toml. Changes come in batches, once the
//! files have been quiet for a moment (or a burst has gone on too long), so an editor's save is
//! one rebuild and so is a `git checkout` of hundreds of files.
//!
//! Folders are watched at their canonical path (symlinks resolved, as some platforms report
//! events), and each reported path is mapped back onto the path the configuration names, so it
//! compares with the book's own paths however the project was named on the command line. What
//! editors write beside a file while saving it (swap, backup and temporary files, vim's `4913`)
//! and hidden files never reach a batch.

use std::path::{Path, PathBuf};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError};
use std::time::{Duration, Instant};

use notify::event::{CreateKind, RemoveKind};
use notify::{EventKind, RecommendedWatcher, RecursiveMode, Watcher};

use crate::book::Book;
use crate::code::Code;
use crate::diagnostic::Diagnostic;
use crate::load;

/// One changed path, as the configuration names it.
#[derive(Debug, Clone, PartialEq)]
pub struct Change {
    pub path: PathBuf,
    /// The change made or removed a folder.
    pub folder: bool,
}

/// The changes of one quiet-ended burst.
#[derive(Debug, Default)]
pub struct Batch {
    pub changes: Vec<Change>,
    /// Events were lost (the kernel queue overflowed): only a full build is safe.
    pub rescan: bool,
}

/// A running watcher.
pub struct Watch {
    watcher: RecommendedWatcher,
    events: Receiver<notify::Result<notify::Event>>,
    folders: Folders,
    /// The canonical folders given to the watcher, and how.
    watched: Vec<(PathBuf, RecursiveMode)>,
}

/// How long the files must be quiet before a batch ends: an editor's save (a temporary file
/// written and renamed, a backup made and removed) takes a few milliseconds.
const QUIET: Duration = Duration::from_millis(50);

/// A batch of more than [`BULK`] paths is a checkout or a copy: it ends after [`BULK_QUIET`],
/// so that a pause of the writing process does not cut it in two.
const BULK: usize = 16;
const BULK_QUIET: Duration = Duration::from_millis(250);

/// A burst of events is cut off after this long even if it goes on, so a process that never
/// stops writing cannot hold the rebuild back for ever.
const LONGEST_BURST: Duration = Duration::from_secs(2);

impl Watch {
    /// Watches the files `book` is built from.
    pub fn start(book: &Book) -> Result<Watch, Diagnostic> {
        let (sender, events) = mpsc::channel();
        let watcher = notify::recommended_watcher(sender)
            .map_err(|e| watch_error(&book.config.root, e.to_string()))?;
        let mut watch = Watch {
            watcher,
            events,
            folders: Folders::default(),
            watched: Vec::new(),
        };
        watch.follow(book)?;
        Ok(watch)
    }

    /// Watches also what `book` is built from that was not watched yet (after a full build:
    /// a new locale, another theme), without losing the events already queued.
    ///
    /// book.toml's folder is watched alone, the content dir with everything in it (so the
    /// files of a locale folder being copied in are seen while it fills; not when it holds the
    /// build dir), and each locale folder, the English source folder and the theme with
    /// everything in them.
    pub fn follow(&mut self, book: &Book) -> Result<(), Diagnostic> {
        let config = &book.config;
        let mut wanted: Vec<(&Path, RecursiveMode)> =
            vec![(&config.root, RecursiveMode::NonRecursive)];
        if config.content_dir.is_dir() {
            let mode = match config.build_dir.starts_with(&config.content_dir) {
                true => RecursiveMode::NonRecursive,
                false => RecursiveMode::Recursive,
            };
            wanted.push((&config.content_dir, mode));
        }
        wanted.extend(
            book.locales
                .iter()
                .chain(&book.source)
                .map(|l| (l.root.as_path(), RecursiveMode::Recursive)),
        );
        wanted.extend(
            config
                .theme
                .as_deref()
                .map(|t| (t, RecursiveMode::Recursive)),
        );
        for (configured, mode) in wanted {
            let canonical = configured
                .canonicalize()
                .map_err(|e| watch_error(configured, e.to_string()))?;
            let covered = self.watched.iter().any(|(path, how)| match how {
                RecursiveMode::Recursive => canonical.starts_with(path),
                RecursiveMode::NonRecursive => *path == canonical && *how == mode,
            });
            if !covered {
                self.watcher
                    .watch(&canonical, mode)
                    .map_err(|e| watch_error(configured, e.to_string()))?;
                self.watched.push((canonical.clone(), mode));
            }
            self.folders.add(canonical, configured);
        }
        Ok(())
    }

    /// Waits for the next batch: every change until none came for [`QUIET`] ([`BULK_QUIET`]
    /// in a bulk), or for at most [`LONGEST_BURST`]. `None` when the watcher has stopped.
    ///
    /// Only changes count: files being read (by the rebuild, or by anyone else reading the
    /// watched folders) and ignored files neither start a batch nor keep it open.
    pub fn next_batch(&self) -> Option<Batch> {
        let mut batch = Batch::default();
        while !self.add(&mut batch, self.events.recv().ok()?) {}
        let started = Instant::now();
        let mut last_change = started;
        loop {
            let quiet = match batch.changes.len() > BULK {
                true => BULK_QUIET,
                false => QUIET,
            };
            let until = (last_change + quiet).min(started + LONGEST_BURST);
            let wait = until.saturating_duration_since(Instant::now());
            if wait.is_zero() {
                break;
            }
            match self.events.recv_timeout(wait) {
                Ok(event) => {
                    if self.add(&mut batch, event) {
                        last_change = Instant::now();
                    }
                }
                Err(RecvTimeoutError::Timeout) => break,
                Err(RecvTimeoutError::Disconnected) => return None,
            }
        }
        batch.changes.sort_by(|a, b| a.path.cmp(&b.path));
        batch.changes.dedup_by(|later, kept| {
            let same = later.path == kept.path;
            kept.folder |= same && later.folder;
            same
        });
        Some(batch)
    }

    /// Adds an event's changed paths to the batch; returns whether it changed anything the
    /// site may be built from. Reads (opening and closing files) change nothing.
    fn add(&self, batch: &mut Batch, event: notify::Result<notify::Event>) -> bool {
        let Ok(event) = event else {
            batch.rescan = true;
            return true;
        };
        if event.need_rescan() {
            batch.rescan = true;
            return true;
        }
        if matches!(event.kind, EventKind::Access(_)) {
            return false;
        }
        let folder = matches!(
            event.kind,
            EventKind::Create(CreateKind::Folder) | EventKind::Remove(RemoveKind::Folder)
        );
        let before = batch.changes.len();
        for reported in &event.paths {
            batch.changes.extend(
                self.folders
                    .configured(reported)
                    .into_iter()
                    .map(|path| Change { path, folder }),
            );
        }
        batch.changes.len() > before
    }
}

/// Each watched folder's canonical path and the path the configuration gives it.
#[derive(Debug, Default)]
struct Folders(Vec<(PathBuf, PathBuf)>);

impl Folders {
    fn add(&mut self, canonical: PathBuf, configured: &Path) {
        let folder = (canonical, configured.to_path_buf());
        if !self.0.contains(&folder) {
            self.0.push(folder);
        }
    }

    /// The configured paths of a reported path (one for each configured folder that is the
    /// nearest watched folder holding it), none when it is an ignored file. A path under no
    /// watched folder is tried again with its parent resolved, else kept as reported.
    fn configured(&self, reported: &Path) -> Vec<PathBuf> {
        let resolved = || {
            let parent = reported.parent()?.canonicalize().ok()?;
            Some(parent.join(reported.file_name()?))
        };
        let Some((canonical, under)) = self
            .nearest(reported)
            .or_else(|| resolved().and_then(|p| self.nearest(&p)))
        else {
            return vec![reported.to_path_buf()];
        };
        if is_ignored(&under, reported) {
            return Vec::new();
        }
        self.0
            .iter()
            .filter(|(c, _)| *c == canonical)
            .map(|(_, configured)| match under.as_os_str().is_empty() {
                true => configured.clone(),
                false => configured.join(&under),
            })
            .collect()
    }

    /// The nearest watched folder holding `path` (canonical), and the path under it.
    fn nearest(&self, path: &Path) -> Option<(PathBuf, PathBuf)> {
        self.0
            .iter()
            .filter_map(|(canonical, _)| {
                let under = path.strip_prefix(canonical).ok()?;
                Some((canonical.clone(), under.to_path_buf()))
            })
            .max_by_key(|(canonical, _)| canonical.as_os_str().len())
    }
}

/// A path (`under` a watched folder) that is never content: under a hidden or skipped folder,
/// hidden itself, or a file editors write while saving.
fn is_ignored(under: &Path, path: &Path) -> bool {
    let mut names = under.iter().map(|n| n.to_string_lossy());
    let Some(name) = names.next_back() else {
        return false;
    };
    names.any(|folder| load::is_skipped(&folder))
        || load::is_skipped(&name)
        || is_editor_file(&name, path)
}

/// Files editors write beside the one they save, or keep while it is open: vim's swap files
/// and its `4913` write test, `~` backups (vim, emacs, gedit), emacs's `#autosave#`,
/// JetBrains's `___jb_tmp___` and `___jb_old___`, `.tmp` files renamed over the original,
/// Chrome's `.crswap`. Hidden ones (`.a.md.swp`, `.#a.md`, `.goutputstream-*`) are hidden files.
fn is_editor_file(name: &str, path: &Path) -> bool {
    const ENDINGS: &[&str] = &[
        ".swp",
        ".swx",
        ".swo",
        ".tmp",
        ".temp",
        ".bak",
        ".crswap",
        "___jb_tmp___",
        "___jb_old___",
    ];
    let lower = name.to_ascii_lowercase();
    name.ends_with('~')
        || (name.len() > 1 && name.starts_with('#') && name.ends_with('#'))
        || ENDINGS.iter().any(|ending| lower.ends_with(ending))
        || (name.bytes().all(|b| b.is_ascii_digit()) && !path.is_dir())
}

fn watch_error(path: &Path, e: String) -> Diagnostic {
    Diagnostic::error(
        Code::Watch,
        path,
        (0, 0),
        format!("cannot watch for changes: {e}"),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::Config;
    use crate::progress::Silent;

    #[test]
    fn what_editors_write_while_saving_is_ignored() {
        let here = Path::new("/nowhere");
        for name in [
            ".a.md.swp",
            ".a.md.swx",
            "a.md~",
            "4913",
            "5036",
            ".#a.md",
            "#a.md#",
            "a.md.tmp",
            "a.md.TMP",
            ".goutputstream-Z2X3Q1",
            "a.md___jb_tmp___",
            "a.md___jb_old___",
            ".a.md.kate-swp",
            "a.md.crswap",
        ] {
            assert!(is_ignored(Path::new(name), here), "{name}");
        }
        assert!(is_ignored(Path::new(".git/index.lock"), here));
        assert!(is_ignored(Path::new("sub/.hidden/a.md"), here));
        for name in [
            "a.md",
            "sub/a.md",
            "media/p.png",
            "TOC.yml",
            "2024.md",
            "#",
            "",
        ] {
            assert!(!is_ignored(Path::new(name), here), "{name}");
        }
    }

    #[test]
    fn reported_paths_map_back_onto_the_configured_ones() {
        let mut folders = Folders::default();
        folders.add("/real/project".into(), Path::new("/link/project"));
        folders.add(
            "/real/project/content".into(),
            Path::new("/link/project/content"),
        );
        folders.add(
            "/real/other-repo/nl-NL".into(),
            Path::new("/link/project/../other-repo/nl-NL"),
        );
        folders.add(
            "/real/other-repo/nl-NL".into(),
            Path::new("/link/project/content/nl-BE"),
        );

        assert_eq!(
            folders.configured(Path::new("/real/project/book.toml")),
            [PathBuf::from("/link/project/book.toml")]
        );
        assert_eq!(
            folders.configured(Path::new("/real/project/content/fr-FR")),
            [PathBuf::from("/link/project/content/fr-FR")]
        );
        assert_eq!(
            folders.configured(Path::new("/real/other-repo/nl-NL/sub/a.md")),
            [
                PathBuf::from("/link/project/../other-repo/nl-NL/sub/a.md"),
                PathBuf::from("/link/project/content/nl-BE/sub/a.md"),
            ],
            "one folder, two locales"
        );
        assert_eq!(
            folders.configured(Path::new("/real/other-repo/nl-NL")),
            [
                PathBuf::from("/link/project/../other-repo/nl-NL"),
                PathBuf::from("/link/project/content/nl-BE"),
            ]
        );
        assert!(
            folders
                .configured(Path::new("/real/other-repo/nl-NL/.a.md.swp"))
                .is_empty()
        );
        assert_eq!(
            folders.configured(Path::new("/elsewhere/x.md")),
            [PathBuf::from("/elsewhere/x.md")]
        );
    }

    /// A project whose nl-NL folder is a symbolic link to a folder outside it.
    #[cfg(unix)]
    fn linked_project() -> (tempfile::TempDir, Book) {
        let dir = tempfile::tempdir().unwrap();
        let real = dir.path().join("other-repo/nl-NL");
        std::fs::create_dir_all(&real).unwrap();
        std::fs::write(real.join("a.md"), "---\ntitle: A\n---\n# A\n").unwrap();
        std::fs::create_dir_all(dir.path().join("project/content")).unwrap();
        std::os::unix::fs::symlink(&real, dir.path().join("project/content/nl-NL")).unwrap();
        std::fs::write(dir.path().join("project/book.toml"), "").unwrap();
        let config = Config::load(&dir.path().join("project")).unwrap();
        let book = Book::load(config, &Silent).unwrap();
        (dir, book)
    }

    #[test]
    #[cfg(unix)]
    fn an_edit_through_the_real_path_of_a_linked_folder_is_reported_at_the_link() {
        let (dir, book) = linked_project();
        let watch = Watch::start(&book).unwrap();
        std::fs::write(
            dir.path().join("other-repo/nl-NL/a.md"),
            "---\ntitle: B\n---\n",
        )
        .unwrap();
        let batch = watch.next_batch().unwrap();
        let paths: Vec<&Path> = batch.changes.iter().map(|c| c.path.as_path()).collect();
        assert_eq!(paths, [dir.path().join("project/content/nl-NL/a.md")]);
    }

    #[test]
    #[cfg(unix)]
    fn files_being_read_neither_start_nor_prolong_a_batch() {
        let (dir, book) = linked_project();
        let watch = Watch::start(&book).unwrap();
        let article = dir.path().join("project/content/nl-NL/a.md");
        let reading = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(true));
        let reader = {
            let (article, reading) = (article.clone(), reading.clone());
            std::thread::spawn(move || {
                while reading.load(std::sync::atomic::Ordering::Relaxed) {
                    std::fs::read(&article).unwrap();
                    std::thread::sleep(Duration::from_millis(5));
                }
            })
        };
        std::thread::sleep(Duration::from_millis(200));
        std::fs::write(
            dir.path().join("other-repo/nl-NL/b.md"),
            "---\ntitle: B\n---\n",
        )
        .unwrap();
        let written = Instant::now();
        let batch = watch.next_batch().unwrap();
        let waited = written.elapsed();
        reading.store(false, std::sync::atomic::Ordering::Relaxed);
        reader.join().unwrap();
        let paths: Vec<&Path> = batch.changes.iter().map(|c| c.path.as_path()).collect();
        assert_eq!(paths, [dir.path().join("project/content/nl-NL/b.md")]);
        assert!(
            waited < LONGEST_BURST / 2,
            "the reads kept the batch open for {waited:?}"
        );
    }

    #[test]
    #[cfg(unix)]
    fn a_burst_of_writes_is_one_batch_and_editor_files_are_left_out() {
        let (dir, book) = linked_project();
        let watch = Watch::start(&book).unwrap();
        let real = dir.path().join("other-repo/nl-NL");
        for n in 0..300 {
            let temporary = real.join(format!("{n}.md.tmp"));
            std::fs::write(&temporary, "---\ntitle: N\n---\n").unwrap();
            std::fs::rename(&temporary, real.join(format!("{n}.md"))).unwrap();
        }
        std::fs::write(real.join("4913"), "").unwrap();
        std::fs::remove_file(real.join("4913")).unwrap();
        let batch = watch.next_batch().unwrap();
        assert_eq!(batch.changes.len(), 300, "{:?}", &batch.changes[..3]);
        let linked = dir.path().join("project/content/nl-NL");
        assert!(batch.changes.iter().all(|c| c.path.starts_with(&linked)));
        assert!(
            !batch
                .changes
                .iter()
                .any(|c| c.path.to_string_lossy().ends_with(".tmp"))
        );
    }
}
