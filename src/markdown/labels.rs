//! The words the renderer writes itself (alert titles, the video title, the moniker label, the
//! notice of a missing code sample), in English and, for alert titles, in the few languages
//! the theme knew before string tables. A caller with string tables passes a
//! [`super::Labels`] that answers first.

/// The built-in label `key` in `lang`, English when the language has none.
pub(crate) fn builtin(lang: &str, key: &str) -> &'static str {
    if let Some(kind) = key.strip_prefix("alert-") {
        let index = ["note", "tip", "important", "warning", "caution"]
            .iter()
            .position(|k| *k == kind);
        if let Some(index) = index {
            return alert_titles(lang)[index];
        }
    }
    match key {
        "video" => "Video",
        "moniker-range" => "Applies to:",
        "code-missing" => "The code sample could not be found.",
        _ => "",
    }
}

/// The titles of the note, tip, important, warning and caution alerts, as Microsoft Learn
/// shows them.
fn alert_titles(lang: &str) -> [&'static str; 5] {
    match crate::locale::language(lang).as_str() {
        "nl" => ["Opmerking", "Tip", "Belangrijk", "Waarschuwing", "Let op"],
        "nb" | "no" => ["Obs!", "Tips", "Viktig", "Advarsel", "Forsiktig"],
        "da" => ["Bemærk", "Tip", "Vigtigt", "Advarsel", "Forsigtig"],
        "de" => ["Hinweis", "Tipp", "Wichtig", "Warnung", "Achtung"],
        "ja" => ["注意", "ヒント", "重要", "警告", "注意事項"],
        "ar" => ["ملاحظة", "تلميح", "هام", "تحذير", "تنبيه"],
        _ => ["Note", "Tip", "Important", "Warning", "Caution"],
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn titles_by_language_with_english_fallback() {
        assert_eq!(builtin("nl-NL", "alert-note"), "Opmerking");
        assert_eq!(builtin("de-DE", "alert-caution"), "Achtung");
        assert_eq!(builtin("fi-FI", "alert-tip"), "Tip");
        assert_eq!(builtin("en", "video"), "Video");
    }
}
