//! Locale tags: recognising a BCP-47 tag, its display name and its text direction.

use serde::{Deserialize, Serialize};

/// Text direction of a locale.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Direction {
    Ltr,
    Rtl,
}

impl Direction {
    pub fn as_str(self) -> &'static str {
        match self {
            Direction::Ltr => "ltr",
            Direction::Rtl => "rtl",
        }
    }
}

/// True for a BCP-47-shaped tag such as `nl-NL`, `nb-NO`, `zh-Hans-CN` or `de`.
pub fn is_tag(name: &str) -> bool {
    let mut parts = name.split('-');
    let Some(language) = parts.next() else {
        return false;
    };
    (2..=3).contains(&language.len())
        && language.bytes().all(|b| b.is_ascii_alphabetic())
        && parts.all(|p| (2..=8).contains(&p.len()) && p.bytes().all(|b| b.is_ascii_alphanumeric()))
}

/// The primary language subtag, lower-cased: `nb` for `nb-NO`.
pub fn language(tag: &str) -> String {
    tag.split('-').next().unwrap_or(tag).to_ascii_lowercase()
}

/// Right-to-left for Arabic, Hebrew, Persian and Urdu; left-to-right otherwise.
pub fn default_direction(tag: &str) -> Direction {
    match language(tag).as_str() {
        "ar" | "he" | "fa" | "ur" => Direction::Rtl,
        _ => Direction::Ltr,
    }
}

/// The locale's name in its own language, or the tag itself when diglot does not know it.
pub fn default_name(tag: &str) -> String {
    let known = match tag.to_ascii_lowercase().as_str() {
        "en-us" => "English",
        "nl-nl" => "Nederlands",
        "nb-no" => "Norsk bokmål",
        "da-dk" => "Dansk",
        "de-de" => "Deutsch",
        "ja-jp" => "日本語",
        "ar-sa" => "العربية",
        "he-il" => "עברית",
        "fr-fr" => "Français",
        "es-es" => "Español",
        "it-it" => "Italiano",
        "sv-se" => "Svenska",
        "fi-fi" => "Suomi",
        "pt-br" => "Português (Brasil)",
        "pl-pl" => "Polski",
        "zh-cn" => "中文 (简体)",
        "ko-kr" => "한국어",
        _ => return tag.to_string(),
    };
    known.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn recognises_tags() {
        for tag in ["nl-NL", "nb-NO", "de", "zh-Hans-CN", "ar-SA"] {
            assert!(is_tag(tag), "{tag}");
        }
        for name in ["media", "includes", "n", "toolong-XX", "nl_NL", "", "nl-"] {
            assert!(!is_tag(name), "{name}");
        }
    }

    #[test]
    fn arabic_and_hebrew_are_right_to_left() {
        assert_eq!(default_direction("ar-SA"), Direction::Rtl);
        assert_eq!(default_direction("he-IL"), Direction::Rtl);
        assert_eq!(default_direction("nl-NL"), Direction::Ltr);
    }

    #[test]
    fn names_known_locales() {
        assert_eq!(default_name("nb-NO"), "Norsk bokmål");
        assert_eq!(default_name("xx-YY"), "xx-YY");
    }
}
