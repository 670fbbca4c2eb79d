//! The `diglot` command line: a thin layer over the library.
//!
//! Exit status: 0 on success, 1 when the content has errors, 2 for usage or configuration errors.

use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Parser, Subcommand};
use diglot::align::export::{self, ReportFormat};
use diglot::check::format::Format as CheckOutput;
use diglot::config::Config;
use diglot::diagnostic::{self, Diagnostic};
use diglot::import::{self, Outcome};
use diglot::pipeline;
use diglot::progress::{Progress, Silent};

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
    let config = match Config::load(&cli.root) {
        Ok(config) => config,
        Err(diagnostic) => {
            eprintln!("{diagnostic}");
            return ExitCode::from(EXIT_USAGE);
        }
    };
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
        Command::Serve { port, address } => {
            let options = diglot::serve::Options {
                address: address.unwrap_or_else(|| config.serve.address.clone()),
                port: port.unwrap_or(config.serve.port),
            };
            serve(config, &options, cli.quiet)
        }
        Command::Import {
            sources,
            into,
            force,
        } => {
            let into = into.unwrap_or_else(|| config.content_dir.clone());
            run_import(&sources, &into, force, cli.quiet)
        }
    }
}

fn build(mut config: Config, dest: Option<PathBuf>, quiet: bool) -> ExitCode {
    if let Some(dest) = dest {
        config.build_dir = std::path::absolute(&dest).unwrap_or(dest);
    }
    let bar = Bar::new(quiet);
    let progress: &dyn Progress = match &bar {
        Some(bar) => bar,
        None => &Silent,
    };
    let built = match pipeline::build(config, progress) {
        Ok(built) => built,
        Err(diagnostic) => {
            eprintln!("{diagnostic}");
            return ExitCode::from(EXIT_USAGE);
        }
    };
    drop(bar);
    report(&built.diagnostics);
    if !quiet {
        for locale in &built.book.locales {
            let documents = built
                .book
                .documents
                .iter()
                .filter(|d| d.locale == locale.tag);
            let (articles, segments) =
                documents.fold((0, 0), |(a, s), d| (a + 1, s + d.segments.len()));
            eprintln!("{}: {articles} articles, {segments} segments", locale.tag);
        }
        eprintln!(
            "built {} pages and {} media files into {} in {:.2}s",
            built.pages,
            built.media,
            shown(&built.book.config.root, &built.book.config.build_dir),
            built.elapsed.as_secs_f64()
        );
    }
    exit_code(&built.diagnostics)
}

fn serve(config: Config, options: &diglot::serve::Options, quiet: bool) -> ExitCode {
    use diglot::serve::Report;
    let bar = Bar::new(quiet);
    let progress: &dyn Progress = match &bar {
        Some(bar) => bar,
        None => &Silent,
    };
    let served = diglot::serve::serve(config, options, progress, &mut |event| match event {
        Report::Built(built) => {
            report(&built.diagnostics);
            if !quiet {
                eprintln!(
                    "built {} pages and {} media files in {:.2}s",
                    built.pages,
                    built.media,
                    built.elapsed.as_secs_f64()
                );
            }
        }
        Report::Listening(url) => println!("serving {url}"),
        Report::Rebuilt(rebuilt) => {
            report(&rebuilt.diagnostics);
            if !quiet {
                eprintln!(
                    "rebuilt {}: {} pages rendered, {} files changed in {:.1} ms",
                    rebuilt.articles.join(", "),
                    rebuilt.pages,
                    rebuilt.changed,
                    rebuilt.elapsed.as_secs_f64() * 1000.0
                );
            }
        }
        Report::Failed(diagnostic) => eprintln!("{diagnostic}"),
    });
    match served {
        Ok(()) => ExitCode::SUCCESS,
        Err(diagnostic) => {
            eprintln!("{diagnostic}");
            ExitCode::from(EXIT_USAGE)
        }
    }
}

fn align(
    config: Config,
    format: AlignFormat,
    out: Option<&Path>,
    locales: &[String],
    quiet: bool,
) -> ExitCode {
    let book = match diglot::book::Book::load(config, &Silent) {
        Ok(book) => book,
        Err(diagnostic) => {
            eprintln!("{diagnostic}");
            return ExitCode::from(EXIT_USAGE);
        }
    };
    report(&book.diagnostics);
    let alignment = diglot::align::align(&book, locales);
    let format = match format {
        AlignFormat::Json => ReportFormat::Json,
        AlignFormat::Html => ReportFormat::Html,
        AlignFormat::Xliff => ReportFormat::Xliff,
        AlignFormat::Tmx => ReportFormat::Tmx,
    };
    let files = match export::files(&alignment, format, &book.config) {
        Ok(files) => files,
        Err(diagnostic) => {
            eprintln!("{diagnostic}");
            return ExitCode::from(EXIT_USAGE);
        }
    };
    if let (None, [(_, bytes)]) = (out, files.as_slice())
        && format.is_single_file()
    {
        println!("{}", String::from_utf8_lossy(bytes));
        return exit_code(&book.diagnostics);
    }
    let Some(dir) = out else {
        eprintln!("error: this format writes several files: give --out DIR");
        return ExitCode::from(EXIT_USAGE);
    };
    for (name, bytes) in &files {
        let file = dir.join(name);
        let written = file
            .parent()
            .map_or(Ok(()), std::fs::create_dir_all)
            .and_then(|()| std::fs::write(&file, bytes));
        if let Err(e) = written {
            eprintln!("error: cannot write {}: {e}", file.display());
            return ExitCode::from(EXIT_CONTENT_ERRORS);
        }
    }
    if !quiet {
        eprintln!("wrote {} files into {}", files.len(), dir.display());
    }
    exit_code(&book.diagnostics)
}

fn check(
    config: Config,
    offline: bool,
    format: CheckFormat,
    locales: Vec<String>,
    quiet: bool,
) -> ExitCode {
    let bar = Bar::new(quiet);
    let progress: &dyn Progress = match &bar {
        Some(bar) => bar,
        None => &Silent,
    };
    let book = match diglot::book::Book::load(config, progress) {
        Ok(book) => book,
        Err(diagnostic) => {
            eprintln!("{diagnostic}");
            return ExitCode::from(EXIT_USAGE);
        }
    };
    let options = diglot::check::Options { offline, locales };
    let checked = diglot::check::check(&book, &options, progress);
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
        return ExitCode::from(EXIT_USAGE);
    }
    exit_code(&checked.diagnostics)
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

/// A progress bar on stderr, only when stderr is a terminal; it appears only for stages that
/// last more than a moment.
struct Bar(indicatif::ProgressBar);

impl Bar {
    fn new(quiet: bool) -> Option<Bar> {
        if quiet || !std::io::stderr().is_terminal() {
            return None;
        }
        let bar = indicatif::ProgressBar::hidden();
        bar.set_style(
            indicatif::ProgressStyle::with_template("{prefix:>8} [{bar:30}] {pos}/{len}")
                .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar())
                .progress_chars("=> "),
        );
        Some(Bar(bar))
    }
}

impl Progress for Bar {
    fn begin(&self, stage: &'static str, total: u64) {
        self.0.reset();
        self.0.set_prefix(stage);
        self.0.set_length(total);
        if total > 200 {
            self.0
                .set_draw_target(indicatif::ProgressDrawTarget::stderr());
        }
    }
    fn advance(&self) {
        self.0.inc(1);
    }
    fn end(&self) {
        self.0.finish_and_clear();
        self.0
            .set_draw_target(indicatif::ProgressDrawTarget::hidden());
    }
}
