//! Fuzzes the whole path of one file to HTML: decoding bytes, `parse::parse_document`, both
//! views to HTML, and every view offset mapped back to a file position.

#![no_main]

use std::path::Path;

use diglot::parse::{self, Half};
use diglot::{markdown, source};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|bytes: &[u8]| {
    let file = Path::new("fuzz.md");
    let (text, _) = source::decode(file, bytes);
    let (document, _) = parse::parse_document("nl-NL", "fuzz.md", file, &text);
    for half in [Half::Target, Half::Source] {
        let view = document.view(half);
        markdown::to_html(view, "nl-NL");
        let lines = text.lines().count().max(1);
        for offset in [0, view.len() / 2, view.len()] {
            let (line, column) = document.position(half, offset);
            assert!(line >= 1 && line <= lines + 1 && column >= 1);
        }
    }
});
