//! Placeholders a machine-translation tool left in a translation instead of what they stood
//! for: `#A0` for a phrase it could not place (`OneDrive for #A0`), `_GT_` and `_LT_` for `>`
//! and `<`, `<3>` for a tag. None of them is text a reader should see; the number and markup
//! rules must not read them as a number or as italic text.

use std::ops::Range;

/// The byte ranges of the placeholders of `text`, in order.
pub fn find(text: &str) -> Vec<Range<usize>> {
    if !(text.contains("#A") || text.contains('<') || text.contains("_")) {
        return Vec::new();
    }
    let bytes = text.as_bytes();
    let mut found = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        let len = match bytes[i] {
            b'#' if bytes.get(i + 1) == Some(&b'A') => digits_then(bytes, i + 2, None),
            b'<' => digits_then(bytes, i + 1, Some(b'>')),
            b'_' => entity(bytes, i),
            _ => None,
        };
        match len {
            Some(end) => {
                found.push(i..end);
                i = end;
            }
            None => i += 1,
        }
    }
    found
}

/// `text` without its placeholders.
pub fn strip(text: &str) -> std::borrow::Cow<'_, str> {
    let found = find(text);
    if found.is_empty() {
        return text.into();
    }
    let mut kept = String::with_capacity(text.len());
    let mut at = 0;
    for range in found {
        kept.push_str(&text[at..range.start]);
        kept.push(' ');
        at = range.end;
    }
    kept.push_str(&text[at..]);
    kept.into()
}

/// The end of a run of 1 to 3 digits starting at `start`, followed by `close` when given, and
/// not by another word character.
fn digits_then(bytes: &[u8], start: usize, close: Option<u8>) -> Option<usize> {
    let run = bytes[start.min(bytes.len())..]
        .iter()
        .take_while(|b| b.is_ascii_digit())
        .count();
    if !(1..=3).contains(&run) {
        return None;
    }
    let mut end = start + run;
    if let Some(close) = close {
        if bytes.get(end) != Some(&close) {
            return None;
        }
        end += 1;
    }
    let word_follows = bytes
        .get(end)
        .is_some_and(|b| b.is_ascii_alphanumeric() || *b == b'_');
    (!word_follows).then_some(end)
}

/// `_GT_`, `_LT_`, `_AMP_`: an HTML entity name between underscores, not inside a word.
fn entity(bytes: &[u8], start: usize) -> Option<usize> {
    let word_before = start > 0 && bytes[start - 1].is_ascii_alphanumeric();
    let names: [&[u8]; 4] = [b"_GT_", b"_LT_", b"_AMP_", b"_QUOT_"];
    let name = names.iter().find(|n| bytes[start..].starts_with(n))?;
    let end = start + name.len();
    let word_after = bytes.get(end).is_some_and(|b| b.is_ascii_alphanumeric());
    (!word_before && !word_after).then_some(end)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found(text: &str) -> Vec<&str> {
        find(text).into_iter().map(|r| &text[r]).collect()
    }

    #[test]
    fn finds_the_placeholders_of_real_translations() {
        // de-DE/export-eDiscovery-or-content-search-results.md
        assert_eq!(
            found("in eine #A0 (aus E-Mail) oder (von SharePoint- und OneDrive for #A1)"),
            ["#A0", "#A1"]
        );
        // zh-CN/hololens1-setup.md
        assert_eq!(
            found("暂时性的 <3> <2> <2>、运动眼部"),
            ["<3>", "<2>", "<2>"]
        );
        assert_eq!(found("**Datei** _GT_ **Öffnen**"), ["_GT_"]);
    }

    #[test]
    fn leaves_words_tags_and_identifiers_alone() {
        assert!(found("MC126199 #A-team #Azure <br> <a href=x> win_GT_x HashA1").is_empty());
        assert!(found("#A12345 <1234>").is_empty());
        assert_eq!(strip("OneDrive for #A0."), "OneDrive for  .");
    }
}
