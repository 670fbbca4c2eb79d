//! Benchmarks of the pipeline stages on real files, with divan: parsing one locale, rendering
//! its markdown, outlining it for the checks, and aligning it with a second locale.
//!
//!     cargo bench --bench pipeline
//!
//! Reads `../shared/corpus/alchemy-sxs/{nl-NL,ja-JP}`; without the corpus it says so and measures
//! nothing. Whole commands are timed by `bench/run.sh`, side by side with Hugo.

use std::path::{Path, PathBuf};

use diglot::markdown::outline;
use diglot::parse::{self, Document, Half};

fn main() {
    if corpus().is_none() {
        eprintln!("NOTE: ../shared/corpus/alchemy-sxs is absent: nothing to benchmark");
        return;
    }
    divan::main();
}

fn corpus() -> Option<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus/alchemy-sxs");
    dir.is_dir().then_some(dir)
}

/// Every article of a corpus locale, as (article path, file, text).
fn files(locale: &str) -> Vec<(String, PathBuf, String)> {
    let dir = corpus().expect("corpus").join(locale);
    let mut files: Vec<_> = walkdir::WalkDir::new(&dir)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.path().extension().is_some_and(|x| x == "md"))
        .filter(|e| !e.path().components().any(|c| c.as_os_str() == "includes"))
        .map(|e| {
            let path = e
                .path()
                .strip_prefix(&dir)
                .unwrap()
                .to_string_lossy()
                .replace('\\', "/");
            let text = std::fs::read_to_string(e.path()).unwrap_or_default();
            (path, e.path().to_path_buf(), text)
        })
        .collect();
    files.sort();
    files
}

fn parsed(locale: &str) -> Vec<Document> {
    files(locale)
        .iter()
        .map(|(path, file, text)| parse::parse_document(locale, path, file, text).0)
        .collect()
}

/// Parsing one locale (about 2,900 files): front matter, segments and both views.
#[divan::bench(sample_count = 10)]
fn parse_locale(bencher: divan::Bencher) {
    let files = files("nl-NL");
    let bytes: usize = files.iter().map(|(_, _, t)| t.len()).sum();
    bencher
        .counter(divan::counter::BytesCount::new(bytes))
        .bench(|| {
            for (path, file, text) in &files {
                divan::black_box(parse::parse_document("nl-NL", path, file, text));
            }
        });
}

/// Rendering the translation of every article of one locale to HTML.
#[divan::bench(sample_count = 10)]
fn markdown_locale(bencher: divan::Bencher) {
    let documents = parsed("nl-NL");
    bencher.bench(|| {
        for d in &documents {
            divan::black_box(diglot::markdown::to_html(&d.translation, "nl-NL"));
        }
    });
}

/// Outlining every translation of one locale for the checks (links, anchors, blocks).
#[divan::bench(sample_count = 10)]
fn outline_locale(bencher: divan::Bencher) {
    let documents = parsed("nl-NL");
    bencher.bench(|| {
        for d in &documents {
            divan::black_box(outline::Outline::of(d, Half::Target));
        }
    });
}

/// Aligning every article of two locales (nl-NL, ja-JP) with its English source.
#[divan::bench(sample_count = 10)]
fn align_two_locales(bencher: divan::Bencher) {
    let mut documents = parsed("nl-NL");
    documents.extend(parsed("ja-JP"));
    let mut by_path: std::collections::BTreeMap<String, Vec<Document>> = Default::default();
    for d in documents {
        by_path.entry(d.path.clone()).or_default().push(d);
    }
    let articles: Vec<diglot::book::Article> = by_path
        .into_iter()
        .map(|(path, docs)| diglot::book::Article::new(&path, docs, None))
        .collect();
    bencher.bench(|| {
        for article in &articles {
            divan::black_box(diglot::align::align_article(article, &[]));
        }
    });
}
