//! diglot: a static-site generator and checker for localized, side-by-side technical docs.
//!
//! The pipeline, one module a stage:
//!
//! 1. [`config`]: read `book.toml` into a [`config::Config`].
//! 2. [`load`]: find the locales and their files, decode them ([`source`]).
//! 3. [`parse`]: front matter, sxs segments and the translation and English views of each file.
//! 4. [`book`]: the parsed model every later stage reads: locales, documents, articles.
//! 5. [`markdown`]: DocFX-flavoured markdown to HTML.
//! 6. [`render`]: the site, through a tera theme ([`theme`]), written atomically ([`output`]);
//!    every page body through the allowlist of [`sanitize`].
//!
//! 7. [`align`]: every translation against its English, every locale against the others.
//! 8. [`check`]: links, external URLs and step consistency, over the same parsed book.
//! 9. [`search`]: an offline search index per locale, written with the site.
//! 10. [`report`]: the alignment for people and tools: the HTML report (dashboard, a review
//!     page per locale, a page per article), JSON, XLIFF 2.0 (out and back in) and TMX.
//!
//! [`pipeline::build`] runs them in order; [`serve`] serves the site and rebuilds it on every edit;
//! [`import`] files raw MS-docs markdown into `content/`; [`apply`] writes a translator's XLIFF
//! back into it.
//!
//! Problems are [`diagnostic::Diagnostic`]s, never panics: one bad file never stops the rest.

// A `Diagnostic` is the error type on purpose (it names the file, line and column); it is
// returned only on the cold path, so its size does not matter.
#![allow(clippy::result_large_err)]

pub mod align;
pub mod apply;
pub mod bilingual;
pub mod book;
pub mod check;
pub mod code;
pub mod config;
pub mod diagnostic;
pub mod i18n;
pub mod import;
pub mod init;
pub mod load;
pub mod locale;
pub mod markdown;
pub mod output;
pub mod parse;
pub mod paths;
pub mod pipeline;
pub mod progress;
pub mod render;
pub mod report;
pub mod sanitize;
pub mod search;
pub mod serve;
pub mod source;
pub mod theme;
pub mod toc;
