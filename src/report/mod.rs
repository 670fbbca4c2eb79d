//! The alignment as reports: the HTML report for translators ([`html`]), JSON for tools
//! ([`json`]), XLIFF 2.0 for translation tools, written and read back by `diglot apply`
//! ([`xliff`]), and a TMX translation memory ([`tmx`]). [`export`] knows which files each format
//! of `diglot align` makes. Every report reads the alignment computed once by
//! [`crate::align`]; none aligns again.

pub mod export;
pub mod html;
pub mod json;
pub mod tmx;
pub mod xliff;
pub(crate) mod xml;
