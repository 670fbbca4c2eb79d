//! The `diglot` command line: a thin layer over the library.
//!
//! Exit status: 0 on success, 1 when the content has errors, 2 for usage or configuration errors.

// As in the library: a stopping Diagnostic is returned once per run, its size does not matter.
#![allow(clippy::result_large_err)]

use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Parser, Subcommand};
use diglot::check::format::Format as CheckOutput;
use diglot::config::Config;
use diglot::diagnostic::{self, Diagnostic};
use diglot::import::{self, Outcome};
use diglot::pipeline;
use diglot::progress::{Progress, Silent};
use diglot::report::export::{self, ReportFormat};

#[derive(Parser)]
#[command(
    name = "diglot",
    version,
    about = "Build and check localized, side-by-side documentation"
)]
struct Cli {
    /// The project folder, holding book.toml.
    #[arg(long, global = true, default_value = ".", value_name = "DIR")]
    root: PathBuf,
    /// Print only diagnostics: no progress, no summary.
    #[arg(long, short, global = true)]
    quiet: bool,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Build the site into the build dir (default `book/`).
    Build {
        /// Write the site here instead of the configured build dir.
        #[arg(long, short, value_name = "DIR")]
        dest: Option<PathBuf>,
    },
    /// Align every translation with its English source and every locale with the others.
    Align {
        /// Report format.
        #[arg(long, value_enum, default_value = "json")]
        format: AlignFormat,
        /// Write the report into this folder instead of standard output.
        #[arg(long, value_name = "DIR")]
        out: Option<PathBuf>,
        /// Only these locales (repeatable); all by default.
        #[arg(long = "locale", value_name = "TAG")]
        locales: Vec<String>,
    },
    /// Check links, external URLs and the consistency of every locale with its English source.
    Check {
        /// Do not touch the network: external links are not checked.
        #[arg(long)]
        offline: bool,
        /// Output format.
        #[arg(long, value_enum, default_value = "human")]
        format: CheckFormat,
        /// Only these locales (repeatable); all by default.
        #[arg(long = "locale", value_name = "TAG")]
        locales: Vec<String>,
    },
    /// Build the site, serve it, and rebuild and reload the open pages on every change.
    Serve {
        /// Listen on this port instead of `[serve] port` (0 picks a free one).
        #[arg(long, short)]
        port: Option<u16>,
        /// Listen on this address instead of `[serve] address`.
        #[arg(long, short)]
        address: Option<String>,
        /// Open the site in the default browser once it is served.
        #[arg(long)]
        open: bool,
    },
    /// Write the targets of XLIFF 2.0 files (from `align --format xliff`) back into the markdown.
    Apply {
        /// XLIFF files, as a CAT tool gave them back.
        #[arg(required = true, value_name = "FILE.xlf")]
        files: Vec<PathBuf>,
    },
    /// Write a book.toml for existing repositories, or an example project in an empty folder.
    Init {
        /// The English source repository (its files are the English of record).
        #[arg(long, value_name = "DIR")]
        source: Option<PathBuf>,
        /// A localized repository, as `TAG=DIR` or `DIR` (the tag read from `ms.contentlocale`).
        #[arg(long = "locale", value_name = "[TAG=]DIR")]
        locales: Vec<String>,
        /// The book's title.
        #[arg(long, default_value = "Documentation")]
        title: String,
        /// Replace a book.toml that exists.
        #[arg(long)]
        force: bool,
    },
    /// File raw MS-docs markdown into `<content>/<ms.contentlocale>/<slug>.md`.
    Import {
        /// Files or whole locale folders.
        #[arg(required = true, value_name = "SRC")]
        sources: Vec<PathBuf>,
        /// The content folder to file into (default: the configured content dir).
        #[arg(long, value_name = "DIR")]
        into: Option<PathBuf>,
        /// Replace files that exist and differ.
        #[arg(long)]
        force: bool,
    },
}

#[derive(Clone, Copy, clap::ValueEnum)]
enum AlignFormat {
    /// One JSON document (see the README for its shape).
    Json,
    /// A dashboard and a page per article, side by side (needs --out).
    Html,
    /// XLIFF 2.0, one `<locale>.xlf` per locale (needs --out).
    Xliff,
    /// TMX 1.4b translation memory of every ok pair, all locales in one file.
    Tmx,
}

#[derive(Clone, Copy, clap::ValueEnum)]
enum CheckFormat {
    /// rustc-like text with a snippet, coloured on a terminal.
    Human,
    /// One JSON document with `version`, `stats` and `diagnostics` (see the README).
    Json,
    /// GitHub Actions workflow commands (`::error file=...`), annotating the pull request.
    Github,
    /// SARIF 2.1.0, for code-scanning dashboards.
    Sarif,
    /// JUnit XML, one test case per article.
    Junit,
}

/// mimalloc instead of the system allocator: parsing and checking allocate many small strings
/// on every thread, where glibc's malloc spent about a fifth of the run (measured with perf).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

const EXIT_CONTENT_ERRORS: u8 = 1;
const EXIT_USAGE: u8 = 2;

fn main() -> ExitCode {
    let cli = Cli::parse();
    // A diagnostic that stops a command is a usage or configuration error: nothing was done.
    run(cli).unwrap_or_else(|diagnostic| {
        eprintln!("{diagnostic}");
        ExitCode::from(EXIT_USAGE)
    })
}

fn run(cli: Cli) -> Result<ExitCode, Diagnostic> {
    if let Command::Init {
        source,
        locales,
        title,
        force,
    } = &cli.command
    {
        return init(
            &cli.root,
            source.as_deref(),
            locales,
            title,
            *force,
            cli.quiet,
        );
    }
    let config = Config::load(&cli.root)?;
    match cli.command {
        Command::Build { dest } => build(config, dest, cli.quiet),
        Command::Align {
            format,
            out,
            locales,
        } => align(config, format, out.as_deref(), &locales, cli.quiet),
        Command::Check {
            offline,
            format,
            locales,
        } => check(config, offline, format, locales, cli.quiet),
        Command::Serve {
            port,
            address,
            open,
        } => {
            let options = diglot::serve::Options {
                address: address.unwrap_or_else(|| config.serve.address.clone()),
                port: port.unwrap_or(config.serve.port),
                open,
            };
            serve(config, &options, cli.quiet)
        }
        Command::Apply { files } => run_apply(&config, &files, cli.quiet),
        Command::Init { .. } => unreachable!("handled before the configuration is read"),
        Command::Import {
            sources,
            into,
            force,
        } => {
            let into = into.unwrap_or_else(|| config.content_dir.clone());
            Ok(run_import(&sources, &into, force, cli.quiet))
        }
    }
}

fn build(mut config: Config, dest: Option<PathBuf>, quiet: bool) -> Result<ExitCode, Diagnostic> {
    if let Some(dest) = dest {
        config.build_dir = std::path::absolute(&dest).unwrap_or(dest);
    }
    let bar = Bar::new(quiet);
    let built = pipeline::build(config, &bar)?;
    drop(bar);
    report(&built.diagnostics);
    if !quiet {
        for locale in built.book.locales.iter().chain(&built.book.source) {
            let documents = built
                .book
                .articles
                .iter()
                .flat_map(|a| a.all_documents())
                .filter(|d| d.locale == locale.tag);
            let (articles, segments) =
                documents.fold((0, 0), |(a, s), d| (a + 1, s + d.segments.len()));
            eprintln!("{}: {articles} articles, {segments} segments", locale.tag);
        }
        eprintln!(
            "built {} pages and {} resource files into {} in {:.2}s",
            built.pages,
            built.resources,
            shown(&built.book.config.root, &built.book.config.build_dir),
            built.elapsed.as_secs_f64()
        );
    }
    let code = exit_code(&built.diagnostics);
    // The process ends here: handing its memory back to the system whole is faster than freeing
    // the model (hundreds of megabytes on a large docset) piece by piece.
    std::mem::forget(built);
    Ok(code)
}

fn serve(
    config: Config,
    options: &diglot::serve::Options,
    quiet: bool,
) -> Result<ExitCode, Diagnostic> {
    use diglot::serve::Report;
    let bar = Bar::new(quiet);
    diglot::serve::serve(config, options, &bar, &mut |event| match event {
        Report::Built(built) => {
            report(&built.diagnostics);
            if !quiet {
                eprintln!(
                    "built {} pages and {} resource files in {:.2}s",
                    built.pages,
                    built.resources,
                    built.elapsed.as_secs_f64()
                );
            }
        }
        Report::Listening(url) => println!("serving {url}"),
        Report::Rebuilt { rebuilt, paths } => {
            report(&rebuilt.diagnostics);
            if !quiet {
                eprintln!(
                    "rebuilt {} ({paths} paths changed): {} pages rendered, {} files changed in {:.1} ms",
                    listed(&rebuilt.articles),
                    rebuilt.pages,
                    rebuilt.changed,
                    rebuilt.elapsed.as_secs_f64() * 1000.0
                );
            }
        }
        Report::Problem(diagnostic) => eprintln!("{diagnostic}"),
    })?;
    Ok(ExitCode::SUCCESS)
}

/// `a.md, b.md`, or for many `a.md, b.md, c.md and 497 more`.
fn listed(articles: &[String]) -> String {
    const SHOWN: usize = 3;
    match articles.len() {
        0 => "no article".to_string(),
        n if n <= SHOWN + 1 => articles.join(", "),
        n => format!("{} and {} more", articles[..SHOWN].join(", "), n - SHOWN),
    }
}

fn align(
    config: Config,
    format: AlignFormat,
    out: Option<&Path>,
    locales: &[String],
    quiet: bool,
) -> Result<ExitCode, Diagnostic> {
    let book = diglot::book::Book::load(config, &Silent)?;
    report(&book.diagnostics);
    let alignment = diglot::align::align(&book, locales);
    let format = match format {
        AlignFormat::Json => ReportFormat::Json,
        AlignFormat::Html => ReportFormat::Html,
        AlignFormat::Xliff => ReportFormat::Xliff,
        AlignFormat::Tmx => ReportFormat::Tmx,
    };
    let findings = match format {
        ReportFormat::Html => {
            // As `diglot check --offline`: remote xref maps only from the cache.
            let (xrefs, _) = diglot::markdown::xref::XrefMap::load(&book.config, true);
            diglot::pipeline::report_findings(&book, &alignment, &xrefs, locales, None)
        }
        _ => Vec::new(),
    };
    let files = export::files(&alignment, format, &book, &findings)?;
    if let (None, [(_, bytes)]) = (out, files.as_slice())
        && format.is_single_file()
    {
        println!("{}", String::from_utf8_lossy(bytes));
        return Ok(exit_code(&book.diagnostics));
    }
    let Some(dir) = out else {
        eprintln!("error: this format writes several files: give --out DIR");
        return Ok(ExitCode::from(EXIT_USAGE));
    };
    for (name, bytes) in &files {
        let file = dir.join(name);
        let written = file
            .parent()
            .map_or(Ok(()), std::fs::create_dir_all)
            .and_then(|()| std::fs::write(&file, bytes));
        if let Err(e) = written {
            eprintln!("error: cannot write {}: {e}", file.display());
            return Ok(ExitCode::from(EXIT_CONTENT_ERRORS));
        }
    }
    if !quiet {
        eprintln!("wrote {} files into {}", files.len(), dir.display());
    }
    Ok(exit_code(&book.diagnostics))
}

fn check(
    config: Config,
    offline: bool,
    format: CheckFormat,
    locales: Vec<String>,
    quiet: bool,
) -> Result<ExitCode, Diagnostic> {
    let bar = Bar::new(quiet);
    let book = diglot::book::Book::load(config, &bar)?;
    let options = diglot::check::Options { offline, locales };
    let alignment = diglot::align::align(&book, &[]);
    let checked = diglot::check::check(&book, &alignment, &options, &bar);
    drop(bar);
    let format = match format {
        CheckFormat::Human => CheckOutput::Human,
        CheckFormat::Json => CheckOutput::Json,
        CheckFormat::Github => CheckOutput::Github,
        CheckFormat::Sarif => CheckOutput::Sarif,
        CheckFormat::Junit => CheckOutput::Junit,
    };
    // Colour on a terminal only, unless NO_COLOR, CLICOLOR or CLICOLOR_FORCE say otherwise.
    let color = format == CheckOutput::Human
        && anstream::AutoStream::choice(&std::io::stdout()) != anstream::ColorChoice::Never;
    let mut stdout = std::io::stdout().lock();
    if let Err(e) =
        diglot::check::format::write(&mut stdout, format, &checked, &book.config.root, color)
    {
        eprintln!("error: cannot write the report: {e}");
        return Ok(ExitCode::from(EXIT_USAGE));
    }
    Ok(exit_code(&checked.diagnostics))
}

/// `diglot init`: a book.toml over the folders given, or the example project when none is.
fn init(
    root: &Path,
    source: Option<&Path>,
    locales: &[String],
    title: &str,
    force: bool,
    quiet: bool,
) -> Result<ExitCode, Diagnostic> {
    use diglot::init;
    if source.is_none() && locales.is_empty() {
        let written = init::scaffold(root)?;
        if !quiet {
            for file in &written {
                eprintln!("  created {}", shown(root, file));
            }
            eprintln!("an English source and a German translation: run `diglot build`");
        }
        return Ok(ExitCode::SUCCESS);
    }
    let source = source
        .map(|dir| init::detect(dir, Some(&Config::default_source_locale())))
        .transpose()?;
    let locales = locales
        .iter()
        .map(|given| match given.split_once('=') {
            Some((tag, dir)) if diglot::locale::is_tag(tag) => {
                init::detect(Path::new(dir), Some(tag))
            }
            _ => init::detect(Path::new(given), None),
        })
        .collect::<Result<Vec<_>, _>>()?;
    let text = init::book_toml(root, title, source.as_ref(), &locales);
    let file = init::write_book_toml(root, &text, force)?;
    if !quiet {
        for found in source.iter().chain(&locales) {
            eprintln!(
                "{}: {} articles in {}, {}{}",
                found.tag,
                found.articles,
                found.folder.display(),
                match found.format {
                    diglot::parse::Format::Sxs => "side by side (sxs)",
                    diglot::parse::Format::Plain => "plain",
                },
                if found.docfx { ", with docfx.json" } else { "" }
            );
        }
        eprintln!("wrote {}", shown(root, &file));
    }
    Ok(ExitCode::SUCCESS)
}

fn run_import(sources: &[PathBuf], into: &Path, force: bool, quiet: bool) -> ExitCode {
    let (done, diagnostics) = import::import(sources, into, force);
    if !quiet {
        for item in &done {
            let what = match item.outcome {
                Outcome::Added => "added",
                Outcome::Unchanged => "unchanged",
                Outcome::Replaced => "replaced",
                Outcome::Refused => continue,
            };
            eprintln!(
                "{what:>9} {} <- {}",
                item.target.display(),
                item.source.display()
            );
        }
    }
    report(&diagnostics);
    exit_code(&diagnostics)
}

fn run_apply(config: &Config, files: &[PathBuf], quiet: bool) -> Result<ExitCode, Diagnostic> {
    use diglot::apply::Outcome;
    let (done, diagnostics) = diglot::apply::apply(config, files)?;
    if !quiet {
        for applied in &done {
            let what = match applied.outcome {
                Outcome::Written => "written",
                Outcome::Unchanged => "unchanged",
                Outcome::Refused => "refused",
            };
            let targets = match applied.outcome {
                Outcome::Written => format!(" ({} targets)", applied.changed),
                _ => String::new(),
            };
            eprintln!("{what:>9} {}{targets}", applied.file.display());
        }
    }
    report(&diagnostics);
    Ok(exit_code(&diagnostics))
}

fn report(diagnostics: &[Diagnostic]) {
    for d in diagnostics {
        eprintln!("{d}");
    }
    let errors = diagnostics
        .iter()
        .filter(|d| d.severity == diagnostic::Severity::Error)
        .count();
    let warnings = diagnostics
        .iter()
        .filter(|d| d.severity == diagnostic::Severity::Warning)
        .count();
    if errors + warnings > 0 {
        eprintln!("{errors} errors, {warnings} warnings");
    }
}

fn exit_code(diagnostics: &[Diagnostic]) -> ExitCode {
    if diagnostic::has_errors(diagnostics) {
        ExitCode::from(EXIT_CONTENT_ERRORS)
    } else {
        ExitCode::SUCCESS
    }
}

fn shown(root: &Path, path: &Path) -> String {
    diglot::load::display_path(root, path).display().to_string()
}

/// A progress bar on stderr, only when stderr is a terminal and not `--quiet` (otherwise it
/// does nothing, as [`Silent`] does); it appears only for stages that last more than a moment.
struct Bar(Option<indicatif::ProgressBar>);

impl Bar {
    fn new(quiet: bool) -> Bar {
        if quiet || !std::io::stderr().is_terminal() {
            return Bar(None);
        }
        let bar = indicatif::ProgressBar::hidden();
        bar.set_style(
            indicatif::ProgressStyle::with_template("{prefix:>8} [{bar:30}] {pos}/{len}")
                .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar())
                .progress_chars("=> "),
        );
        Bar(Some(bar))
    }
}

impl Progress for Bar {
    fn begin(&self, stage: &'static str, total: u64) {
        let Some(bar) = &self.0 else { return };
        bar.reset();
        bar.set_prefix(stage);
        bar.set_length(total);
        if total > 200 {
            bar.set_draw_target(indicatif::ProgressDrawTarget::stderr());
        }
    }
    fn advance(&self) {
        if let Some(bar) = &self.0 {
            bar.inc(1);
        }
    }
    fn end(&self) {
        if let Some(bar) = &self.0 {
            bar.finish_and_clear();
            bar.set_draw_target(indicatif::ProgressDrawTarget::hidden());
        }
    }
}
