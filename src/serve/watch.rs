//! Watching what the site is built from: every locale folder (wherever its `src` points), the
//! content dir (for new locales), the theme and book.toml. Changes come in batches, once the
//! files have been quiet for a moment, so an editor's save is one rebuild.

use std::path::{Path, PathBuf};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError};
use std::time::{Duration, Instant};

use notify::event::{CreateKind, RemoveKind};
use notify::{EventKind, RecommendedWatcher, RecursiveMode, Watcher};

use crate::book::Book;
use crate::code::Code;
use crate::diagnostic::Diagnostic;

/// One changed path.
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
    _watcher: RecommendedWatcher,
    events: Receiver<notify::Result<notify::Event>>,
}

/// A burst of events is cut off after this long even if it goes on.
const LONGEST_BURST: Duration = Duration::from_millis(500);

impl Watch {
    /// Watches the files `book` is built from.
    pub fn start(book: &Book) -> Result<Watch, Diagnostic> {
        let config = &book.config;
        let (sender, events) = mpsc::channel();
        let mut watcher =
            notify::recommended_watcher(sender).map_err(|e| watch_error(&config.root, e))?;
        let mut targets: Vec<(&Path, RecursiveMode)> =
            vec![(&config.root, RecursiveMode::NonRecursive)];
        if config.content_dir.is_dir() {
            targets.push((&config.content_dir, RecursiveMode::NonRecursive));
        }
        targets.extend(
            book.locales
                .iter()
                .map(|l| (l.root.as_path(), RecursiveMode::Recursive)),
        );
        targets.extend(
            config
                .theme
                .as_deref()
                .map(|t| (t, RecursiveMode::Recursive)),
        );
        for (path, mode) in targets {
            watcher
                .watch(path, mode)
                .map_err(|e| watch_error(path, e))?;
        }
        Ok(Watch {
            _watcher: watcher,
            events,
        })
    }

    /// Waits for the next batch: every change until none came for `quiet`. `None` when the
    /// watcher has stopped.
    pub fn next_batch(&self, quiet: Duration) -> Option<Batch> {
        let mut batch = Batch::default();
        add(&mut batch, self.events.recv().ok()?);
        let started = Instant::now();
        while started.elapsed() < LONGEST_BURST {
            match self.events.recv_timeout(quiet) {
                Ok(event) => add(&mut batch, event),
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
}

/// Adds an event's paths to the batch; reads (opening and closing files) change nothing.
fn add(batch: &mut Batch, event: notify::Result<notify::Event>) {
    let Ok(event) = event else {
        batch.rescan = true;
        return;
    };
    batch.rescan |= event.need_rescan();
    if matches!(event.kind, EventKind::Access(_)) {
        return;
    }
    let folder = matches!(
        event.kind,
        EventKind::Create(CreateKind::Folder) | EventKind::Remove(RemoveKind::Folder)
    );
    batch
        .changes
        .extend(event.paths.into_iter().map(|path| Change { path, folder }));
}

fn watch_error(path: &Path, e: notify::Error) -> Diagnostic {
    Diagnostic::error(
        Code::Watch,
        path,
        (0, 0),
        format!("cannot watch for changes: {e}"),
    )
}
