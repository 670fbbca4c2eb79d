//! Fuzzes the front matter: locating the fences, parsing the YAML between them, and salvaging
//! a title from YAML that does not parse. Any input must return, never panic or blow up.

#![no_main]

use diglot::parse::front_matter::{self, Block};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|bytes: &[u8]| {
    let text = String::from_utf8_lossy(bytes);
    if let Block::Closed { yaml, body } = front_matter::locate(&text) {
        assert!(yaml.end <= body && body <= text.len());
        if let Err(error) = front_matter::parse(&text[yaml]) {
            assert!(error.line >= 1 && error.column >= 1);
        }
    }
    front_matter::salvage(&text);
});
