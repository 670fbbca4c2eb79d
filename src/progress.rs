//! Progress reporting: the library says how far a stage has come; the CLI decides whether and
//! how to show it (a bar on a terminal, nothing otherwise).

/// Receives progress from long stages. Every method has a do-nothing default.
pub trait Progress: Sync {
    /// A stage with `total` steps begins.
    fn begin(&self, _stage: &'static str, _total: u64) {}
    /// One more step of the current stage is done.
    fn advance(&self) {}
    /// The current stage is over.
    fn end(&self) {}
}

/// Shows nothing.
pub struct Silent;

impl Progress for Silent {}
