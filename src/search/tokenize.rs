//! Text to search terms, the same way at build time (here) and at query time
//! (`themes/default/static/search.js` repeats [`normalize`] and [`words`] line for line).
//!
//! 1. [`normalize`]: lower case; full-width ASCII and the ideographic space folded to their
//!    plain forms; Arabic tashkeel and tatweel dropped and the hamza forms of alef read as a
//!    bare alef. Latin diacritics are kept: `å`, `ø`, `ä`, `ü` are letters of their own in
//!    Danish, Norwegian and German, and the stemmers expect them.
//! 2. [`words`]: runs of letters and digits; a run of CJK script is split off from the Latin
//!    letters around it.
//! 3. [`Tokenizer::terms`]: a word becomes its Snowball stem (the stemmer of the locale's
//!    language, none for languages Snowball lacks); a CJK run becomes its overlapping character
//!    bigrams plus its last character alone, so every character of the run starts some term and
//!    a one-character query finds it by prefix.

use rust_stemmers::{Algorithm, Stemmer};

/// Words longer than this (hashes, base64) are not indexed.
pub const MAX_WORD_CHARS: usize = 40;

/// Lower case and width/diacritic folding; see the module docs.
pub fn normalize(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.to_lowercase().chars() {
        match c {
            '\u{FF01}'..='\u{FF5E}' => {
                let folded = char::from_u32(c as u32 - 0xFEE0).unwrap_or(c);
                out.extend(folded.to_lowercase());
            }
            '\u{3000}' => out.push(' '),
            '\u{064B}'..='\u{065F}' | '\u{0640}' | '\u{0670}' => {}
            '\u{0622}' | '\u{0623}' | '\u{0625}' => out.push('\u{0627}'),
            '\u{0649}' => out.push('\u{064A}'),
            _ => out.push(c),
        }
    }
    out
}

/// Whether `c` belongs to a script written without spaces between words (Han, kana, Hangul).
pub fn is_cjk(c: char) -> bool {
    matches!(c as u32,
        0x3040..=0x30FF      // hiragana, katakana
        | 0x3400..=0x4DBF    // CJK extension A
        | 0x4E00..=0x9FFF    // CJK unified ideographs
        | 0xAC00..=0xD7AF    // Hangul syllables
        | 0xF900..=0xFAFF    // CJK compatibility ideographs
        | 0xFF66..=0xFF9F    // half-width katakana
        | 0x20000..=0x2FFFF) // CJK extensions B and on
}

/// A piece of normalized text: a word, or a run of CJK characters.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Word<'a> {
    Word(&'a str),
    Cjk(&'a str),
}

/// The words and CJK runs of normalized text, in order.
pub fn words(text: &str) -> impl Iterator<Item = Word<'_>> {
    let mut rest = text;
    std::iter::from_fn(move || {
        let start = rest.find(char::is_alphanumeric)?;
        rest = &rest[start..];
        let cjk = rest.starts_with(is_cjk);
        let end = rest
            .find(|c: char| !c.is_alphanumeric() || is_cjk(c) != cjk)
            .unwrap_or(rest.len());
        let (word, tail) = rest.split_at(end);
        rest = tail;
        Some(if cjk {
            Word::Cjk(word)
        } else {
            Word::Word(word)
        })
    })
}

/// The overlapping bigrams of a CJK run and its last character alone.
pub fn cjk_terms(run: &str) -> Vec<&str> {
    let mut bounds: Vec<usize> = run.char_indices().map(|(i, _)| i).collect();
    bounds.push(run.len());
    let mut terms: Vec<&str> = bounds.windows(3).map(|w| &run[w[0]..w[2]]).collect();
    if let [.., last, end] = bounds[..] {
        terms.push(&run[last..end]);
    }
    terms
}

/// Stems the words of one locale.
pub struct Tokenizer {
    stemmer: Option<Stemmer>,
}

impl Tokenizer {
    /// The tokenizer of a locale tag: the Snowball stemmer of its language when there is one.
    pub fn for_locale(tag: &str) -> Tokenizer {
        let algorithm = match crate::locale::language(tag).as_str() {
            "ar" => Some(Algorithm::Arabic),
            "da" => Some(Algorithm::Danish),
            "de" => Some(Algorithm::German),
            "el" => Some(Algorithm::Greek),
            "en" => Some(Algorithm::English),
            "es" => Some(Algorithm::Spanish),
            "fi" => Some(Algorithm::Finnish),
            "fr" => Some(Algorithm::French),
            "hu" => Some(Algorithm::Hungarian),
            "it" => Some(Algorithm::Italian),
            "nb" | "nn" | "no" => Some(Algorithm::Norwegian),
            "nl" => Some(Algorithm::Dutch),
            "pt" => Some(Algorithm::Portuguese),
            "ro" => Some(Algorithm::Romanian),
            "ru" => Some(Algorithm::Russian),
            "sv" => Some(Algorithm::Swedish),
            "ta" => Some(Algorithm::Tamil),
            "tr" => Some(Algorithm::Turkish),
            _ => None,
        };
        Tokenizer {
            stemmer: algorithm.map(Stemmer::create),
        }
    }

    /// The term a (normalized) word is indexed under.
    pub fn stem(&self, word: &str) -> String {
        match &self.stemmer {
            Some(stemmer) if !word.starts_with(|c: char| c.is_ascii_digit()) => {
                let stem = stemmer.stem(word);
                if stem.is_empty() {
                    word.to_string()
                } else {
                    stem.into_owned()
                }
            }
            _ => word.to_string(),
        }
    }

    /// The terms of raw text, as `(surface, term)`: what a reader would type and what it is
    /// indexed under. Convenient for tests and short texts; the index stems each distinct
    /// surface word once instead.
    pub fn terms(&self, text: &str) -> Vec<(String, String)> {
        let mut terms = Vec::new();
        for_each_surface(&normalize(text), |surface, cjk| {
            let term = if cjk {
                surface.to_string()
            } else {
                self.stem(surface)
            };
            terms.push((surface.to_string(), term));
        });
        terms
    }
}

/// Calls `f(surface, is_cjk)` for every indexable surface form of normalized text: each word
/// (CJK terms are their own surface form).
pub fn for_each_surface(normalized: &str, mut f: impl FnMut(&str, bool)) {
    for word in words(normalized) {
        match word {
            Word::Word(w) if w.chars().count() <= MAX_WORD_CHARS => f(w, false),
            Word::Word(_) => {}
            Word::Cjk(run) => cjk_terms(run).into_iter().for_each(|t| f(t, true)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn terms(tag: &str, text: &str) -> Vec<String> {
        Tokenizer::for_locale(tag)
            .terms(text)
            .into_iter()
            .map(|(_, term)| term)
            .collect()
    }

    #[test]
    fn dutch_inflections_share_a_stem() {
        let tokenizer = Tokenizer::for_locale("nl-NL");
        assert_eq!(tokenizer.stem("apparaten"), tokenizer.stem("apparaat"));
        assert_eq!(tokenizer.stem("instellingen"), tokenizer.stem("instelling"));
        assert_ne!(tokenizer.stem("apparaat"), tokenizer.stem("apparaatbeheer"));
    }

    #[test]
    fn german_danish_and_norwegian_stem_with_their_own_rules() {
        let de = Tokenizer::for_locale("de-DE");
        assert_eq!(de.stem("geräte"), de.stem("gerät"));
        let da = Tokenizer::for_locale("da-DK");
        assert_eq!(da.stem("enheder"), da.stem("enhed"));
        let nb = Tokenizer::for_locale("nb-NO");
        assert_eq!(nb.stem("enhetene"), nb.stem("enheten"));
    }

    #[test]
    fn japanese_runs_become_bigrams_and_their_last_character() {
        assert_eq!(
            terms("ja-JP", "デバイスの登録"),
            ["デバ", "バイ", "イス", "スの", "の登", "登録", "録"]
        );
        assert_eq!(
            terms("ja-JP", "Azure ADに参加"),
            ["azure", "ad", "に参", "参加", "加"]
        );
        assert_eq!(terms("ja-JP", "字"), ["字"]);
    }

    #[test]
    fn arabic_drops_tashkeel_and_tatweel_and_stems() {
        assert_eq!(normalize("الجِهَاز"), "الجهاز");
        assert_eq!(normalize("أجهـزة"), "اجهزة");
        let ar = Tokenizer::for_locale("ar-SA");
        assert_eq!(ar.stem("الأجهزة"), ar.stem(&normalize("أجهزة")));
    }

    #[test]
    fn full_width_forms_fold_to_ascii_and_case_is_ignored() {
        assert_eq!(normalize("ＡｚｕｒｅＡＤ　１２"), "azuread 12");
        assert_eq!(terms("en-US", "Devices"), terms("en-US", "device"));
    }

    #[test]
    fn punctuation_splits_words_and_overlong_words_are_dropped() {
        let long = "x".repeat(MAX_WORD_CHARS + 1);
        assert_eq!(
            terms("xx", &format!("on-premises, Wi-Fi; {long} 10.0")),
            ["on", "premises", "wi", "fi", "10", "0"]
        );
    }
}
