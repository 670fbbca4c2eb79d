//! `diglot serve`: builds the site, serves it over HTTP, watches what it is built from, rebuilds
//! only what an edit changed and reloads the open pages.
//!
//! - [`http`]: the file server.
//! - [`reload`]: the live-reload script and its event stream.
//! - [`watch`]: the file watcher, in debounced batches.
//! - [`incremental`]: the parsed book kept between edits and the incremental rebuild.

pub mod http;
pub mod incremental;
pub mod reload;
pub mod watch;

use std::net::TcpListener;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

use crate::code::Code;
use crate::config::{self, Config};
use crate::diagnostic::Diagnostic;
use crate::pipeline::{self, Built};
use crate::progress::{Progress, Silent};
use crate::theme::Theme;

use incremental::{Live, Rebuilt, Update};
use reload::Reload;
use watch::Watch;

/// How long the files must be quiet before a rebuild starts.
const QUIET: Duration = Duration::from_millis(50);

/// Where to listen.
#[derive(Debug, Clone)]
pub struct Options {
    pub address: String,
    /// 0 picks a free port.
    pub port: u16,
}

/// What serving has to say as it goes; the command line prints it.
pub enum Report<'a> {
    /// A full build is done (the first one, or after book.toml or the theme changed).
    Built(&'a Built),
    /// The site is served at this address.
    Listening(&'a str),
    Rebuilt(&'a Rebuilt),
    /// A rebuild failed; the previous site is still served.
    Failed(&'a Diagnostic),
}

/// Builds and serves the site, and rebuilds it on every change, until the process is stopped
/// or the watcher fails. `Err` when the first build fails or the address cannot be had.
pub fn serve(
    config: Config,
    options: &Options,
    progress: &dyn Progress,
    report: &mut dyn FnMut(Report),
) -> Result<(), Diagnostic> {
    let root = config.root.clone();
    let build_dir = config.build_dir.clone();
    let mut live = full_build(config, progress, report)?;
    let listener = TcpListener::bind((options.address.as_str(), options.port)).map_err(|e| {
        Diagnostic::error(
            Code::Serve,
            &root.join(config::FILE_NAME),
            (0, 0),
            format!("cannot listen on {}:{}: {e}", options.address, options.port),
        )
    })?;
    let address = listener
        .local_addr()
        .map_err(|e| Diagnostic::error(Code::Serve, &root, (0, 0), e.to_string()))?;
    let reload = Arc::new(Reload::default());
    http::spawn(listener, build_dir.clone(), reload.clone());
    let mut watch = Watch::start(&live.book)?;
    report(Report::Listening(&format!("http://{address}/")));

    while let Some(batch) = watch.next_batch(QUIET) {
        let plan = live.plan(&batch);
        match live.update(plan) {
            Update::Nothing => {}
            Update::Rebuilt(rebuilt) => {
                if rebuilt.changed > 0 {
                    reload.send();
                }
                report(Report::Rebuilt(&rebuilt));
            }
            Update::Full => match rebuild_all(&root, &build_dir, report) {
                Ok(rebuilt) => {
                    live = rebuilt;
                    watch = Watch::start(&live.book)?;
                    reload.send();
                }
                Err(e) => report(Report::Failed(&e)),
            },
        }
    }
    Ok(())
}

/// Builds the whole site with `pipeline::build` and keeps what it parsed.
fn full_build(
    config: Config,
    progress: &dyn Progress,
    report: &mut dyn FnMut(Report),
) -> Result<Live, Diagnostic> {
    let theme = Theme::for_config(&config)?;
    let built = pipeline::build(config, progress)?;
    report(Report::Built(&built));
    Ok(Live::new(built.book, theme))
}

/// Reads book.toml again and builds everything; the build dir stays the one being served.
fn rebuild_all(
    root: &std::path::Path,
    build_dir: &std::path::Path,
    report: &mut dyn FnMut(Report),
) -> Result<Live, Diagnostic> {
    let mut config = Config::load(root)?;
    config.build_dir = PathBuf::from(build_dir);
    full_build(config, &Silent, report)
}
