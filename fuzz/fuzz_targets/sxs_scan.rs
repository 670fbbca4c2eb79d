//! Fuzzes the sxs segment scanner and the two views made from its segments: segment ranges
//! stay inside the text and in order, each half is the text at its recorded start, and both
//! views can be made.

#![no_main]

use std::path::Path;

use diglot::parse::sxs::{self, Half};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    let scan = sxs::scan(text, Path::new("fuzz.md"));
    let mut end = 0;
    for segment in &scan.segments {
        assert!(end <= segment.range.start && segment.range.end <= text.len());
        // Views copy each half as if verbatim from its start: the source maps rely on it.
        let target = text.get(segment.target_start..segment.target_start + segment.target.len());
        assert_eq!(target, Some(segment.target.as_str()));
        if let (Some(source), Some(start)) = (&segment.source, segment.source_start) {
            assert_eq!(text.get(start..start + source.len()), Some(source.as_str()));
        }
        end = segment.range.end;
    }
    for half in [Half::Target, Half::Source] {
        sxs::rewrite(text, 0..text.len(), &scan, half);
    }
});
