//! The incremental rebuild of `diglot serve`: the built site and its model stay in memory
//! between edits, and each batch of changed files goes through [`pipeline::rebuild`], the same
//! steps as a full build over only what the batch touches.

use std::path::PathBuf;

use crate::pipeline::{self, Built, Outcome};

use super::watch::Batch;

pub use pipeline::Rebuilt;

/// The site being served and the model it was built from.
pub struct Live {
    pub built: Built,
}

/// The outcome of a batch.
pub type Update = Outcome;

impl Live {
    pub fn new(built: Built) -> Live {
        Live { built }
    }

    /// Rebuilds what `batch` changed.
    pub fn update(&mut self, batch: &Batch) -> Update {
        if batch.rescan {
            return Outcome::Full;
        }
        let paths: Vec<PathBuf> = batch.changes.iter().map(|c| c.path.clone()).collect();
        pipeline::rebuild(&mut self.built, &paths)
    }
}
