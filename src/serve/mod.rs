//! `diglot serve`: builds the site, serves it over HTTP, watches what it is built from, rebuilds
//! what an edit changed and reloads the open pages, showing the edit's errors over them.
//!
//! - [`http`]: the file server and the live-reload endpoint.
//! - [`reload`]: the live-reload script and its event stream.
//! - [`problems`]: the errors shown over the open pages.
//! - [`watch`]: the file watcher, in debounced batches.
//! - [`incremental`]: the parsed book kept between edits and the incremental rebuild.

pub mod http;
pub mod incremental;
pub mod problems;
pub mod reload;
pub mod watch;

use std::path::{Path, PathBuf};

use crate::code::Code;
use crate::config::{self, Config};
use crate::diagnostic::Diagnostic;
use crate::load::normalize;
use crate::pipeline::{self, Built};
use crate::progress::{Progress, Silent};

use incremental::{Live, Rebuilt, Update};
use problems::Problems;
use reload::Reload;
use watch::Watch;

/// Where to listen, and whether to open the browser there.
#[derive(Debug, Clone)]
pub struct Options {
    pub address: String,
    /// 0 picks a free port.
    pub port: u16,
    pub open: bool,
}

/// What serving has to say as it goes; the command line prints it.
pub enum Report<'a> {
    /// A full build is done (the first one, or after book.toml or the theme changed).
    Built(&'a Built),
    /// The site is served at this address.
    Listening(&'a str),
    /// A batch of changes was rebuilt; `paths` is how many changed paths the batch held.
    Rebuilt { rebuilt: &'a Rebuilt, paths: usize },
    /// Something went wrong (a full rebuild failed, the browser did not open); serving goes on
    /// with the previous site.
    Problem(&'a Diagnostic),
}

/// Builds and serves the site, and rebuilds it on every change, until the process is stopped
/// or the watcher fails. `Err` when the address cannot be had or the first build fails.
pub fn serve(
    mut config: Config,
    options: &Options,
    progress: &dyn Progress,
    report: &mut dyn FnMut(Report),
) -> Result<(), Diagnostic> {
    make_absolute(&mut config)?;
    let listener = http::listen(
        &options.address,
        options.port,
        &config.root.join(config::FILE_NAME),
    )?;
    let address = listener
        .local_addr()
        .map_err(|e| Diagnostic::error(Code::Serve, &config.root, (0, 0), e.to_string()))?;
    let root = config.root.clone();
    let build_dir = config.build_dir.clone();
    let mut live = build(config, progress, report)?;
    let reload = Reload::default();
    http::spawn(listener, build_dir.clone(), reload.clone())?;
    let mut watch = Watch::start(&live.built.book)?;
    let url = http::url(address);
    report(Report::Listening(&url));
    if options.open
        && let Err(e) = opener::open_browser(&url)
    {
        let message = format!("cannot open a browser at {url}: {e}");
        report(Report::Problem(&Diagnostic::warning(
            Code::Serve,
            &root,
            (0, 0),
            message,
        )));
    }

    let mut problems = Problems::new(&root);
    while let Some(batch) = watch.next_batch() {
        let changed = || batch.changes.iter().map(|c| c.path.as_path());
        match live.update(&batch) {
            Update::Nothing => {}
            Update::Rebuilt(rebuilt) => {
                problems.rebuilt(changed(), &rebuilt.diagnostics);
                reload.send(rebuilt.changed > 0, &problems.all());
                report(Report::Rebuilt {
                    rebuilt: &rebuilt,
                    paths: batch.changes.len(),
                });
            }
            Update::Full => match rebuild_all(&root, &build_dir, report) {
                Ok(rebuilt) => {
                    live = rebuilt;
                    watch.follow(&live.built.book)?;
                    problems.built(changed(), &live.built.diagnostics);
                    reload.send(true, &problems.all());
                }
                Err(e) => {
                    problems.failed(&e);
                    reload.send(false, &problems.all());
                    report(Report::Problem(&e));
                }
            },
        }
    }
    Ok(())
}

/// Makes every path of the configuration absolute, without `.` or `..`: the watcher reports
/// absolute paths, which the rebuild compares with the book's, however the project was named
/// on the command line (`diglot serve` in the project folder, `--root ../docs`).
fn make_absolute(config: &mut Config) -> Result<(), Diagnostic> {
    let absolute = |path: &Path| -> Result<PathBuf, Diagnostic> {
        std::path::absolute(path)
            .map(|p| normalize(&p))
            .map_err(|e| Diagnostic::error(Code::Serve, path, (0, 0), e.to_string()))
    };
    config.root = absolute(&config.root)?;
    config.build_dir = absolute(&config.build_dir)?;
    config.content_dir = absolute(&config.content_dir)?;
    config.theme = config.theme.as_deref().map(absolute).transpose()?;
    for locale in config.locales.values_mut() {
        locale.src = locale.src.as_deref().map(absolute).transpose()?;
    }
    Ok(())
}

/// Builds the whole site with `pipeline::build` and keeps it.
fn build(
    config: Config,
    progress: &dyn Progress,
    report: &mut dyn FnMut(Report),
) -> Result<Live, Diagnostic> {
    let built = pipeline::build(config, progress)?;
    report(Report::Built(&built));
    Ok(Live::new(built))
}

/// Reads book.toml again and builds everything; the build dir stays the one being served.
fn rebuild_all(
    root: &Path,
    build_dir: &Path,
    report: &mut dyn FnMut(Report),
) -> Result<Live, Diagnostic> {
    let mut config = Config::load(root)?;
    make_absolute(&mut config)?;
    config.build_dir = PathBuf::from(build_dir);
    build(config, &Silent, report)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_configured_path_becomes_absolute_and_plain() {
        let toml = "[build]\ntheme = \"./theme\"\n[locale.nl-NL]\nsrc = \"../other-repo/nl-NL\"\n";
        let relative = Path::new("project");
        let mut config = Config::parse(relative, &relative.join("book.toml"), toml).unwrap();
        let cwd = std::env::current_dir().unwrap();
        make_absolute(&mut config).unwrap();
        assert_eq!(config.root, cwd.join("project"));
        assert_eq!(config.content_dir, cwd.join("project/content"));
        assert_eq!(config.build_dir, cwd.join("project/book"));
        assert_eq!(config.theme, Some(cwd.join("project/theme")));
        assert_eq!(
            config.locales["nl-NL"].src,
            Some(cwd.join("other-repo/nl-NL"))
        );
    }
}
