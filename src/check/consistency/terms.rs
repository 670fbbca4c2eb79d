//! Product names and acronyms a translation must keep as they are (`Azure`, `Teams`, `MFA`),
//! learned from the book itself: a term of the English is protected when every locale but one
//! keeps it verbatim in nearly all its translations of the segments that have it (three locales
//! or more must have them). The one locale that does not (`Azure` as the colour `תכלת`, `Teams`
//! as `فرق` or `团队`) is reported, once per article, at the first segment that lost it.
//!
//! A term is a word of the English outside code and URLs that is an acronym (`MFA`, `NDES`) or
//! a capitalized name not opening a sentence (`Teams`, `OneDrive`). Words every locale may
//! write its own way are never learned: units (`GB`) and generic words (`OK`, `URL`). An acronym
//! that its segment spells out (`Privileged Identity Management (PIM)`) may be dropped, and an
//! acronym the translation spells out (`Outlook Web Access` for `OWA`) is kept.
//! `[check] protected-terms` names terms every locale must keep; `[check] translatable-terms`
//! names learned ones that may be translated.

use std::collections::{BTreeMap, HashMap, HashSet};

use rayon::prelude::*;

use super::Model;
use crate::code::Code;
use crate::diagnostic::Diagnostic;
use crate::parse::{Document, Format, Segment};

/// The share of its segments a locale must keep a term in to count as keeping it.
const KEPT: f64 = 0.95;

/// How many segments with a term a locale needs for its share to count.
const MIN_SEGMENTS: u32 = 3;

/// How many locales must have a term for it to be learned.
const MIN_LOCALES: usize = 3;

/// Acronyms and words that locales rightly write their own way: units (`غيغابايت`), the `OK`
/// button, `nettadresse` for URL, `pincode`.
const GENERIC: [&str; 16] = [
    "KB", "MB", "GB", "TB", "PB", "OK", "URL", "URLs", "ID", "IDs", "PIN", "PC", "PCs", "IT",
    "FAQ", "AM",
];

/// Segments with and without a term, in one locale.
#[derive(Debug, Default, Clone, Copy)]
struct Share {
    kept: u32,
    segments: u32,
}

impl Share {
    fn rate(self) -> f64 {
        f64::from(self.kept) / f64::from(self.segments.max(1))
    }
}

/// Runs the rule over the translations of `model`, learning from every locale of the book.
pub fn check(model: &Model) -> Vec<Diagnostic> {
    let config = &model.book.config.check;
    let sxs: Vec<&Document> = model
        .book
        .documents
        .iter()
        .filter(|d| d.format == Format::Sxs)
        .collect();
    let shares = learn(&sxs);
    let mut translators: HashMap<(&str, &str), (Share, f64)> = HashMap::new();
    let mut by_term: BTreeMap<&str, Vec<(&str, Share)>> = BTreeMap::new();
    for (&(term, locale), &share) in &shares {
        by_term.entry(term).or_default().push((locale, share));
    }
    for (term, locales) in &by_term {
        if GENERIC.contains(term) || config.translatable_terms.iter().any(|t| t == term) {
            continue;
        }
        let voting: Vec<&(&str, Share)> = locales
            .iter()
            .filter(|(_, s)| s.segments >= MIN_SEGMENTS)
            .collect();
        let losing: Vec<&&(&str, Share)> = voting.iter().filter(|(_, s)| s.rate() < KEPT).collect();
        if voting.len() >= MIN_LOCALES && losing.len() == 1 {
            let (locale, share) = **losing[0];
            let others = voting.iter().filter(|(l, _)| *l != locale).fold(
                Share::default(),
                |sum, (_, s)| Share {
                    kept: sum.kept + s.kept,
                    segments: sum.segments + s.segments,
                },
            );
            translators.insert((term, locale), (share, others.rate()));
        }
    }
    let configured: HashSet<&str> = config.protected_terms.iter().map(String::as_str).collect();
    model
        .articles
        .par_iter()
        .flat_map_iter(|(_, article)| &article.translations)
        .filter(|v| v.document.format == Format::Sxs)
        .flat_map_iter(|view| report(view.document, &translators, &configured))
        .collect()
}

/// How often each locale keeps each term of the English, over every segment of `documents`.
fn learn<'a>(documents: &[&'a Document]) -> HashMap<(&'a str, &'a str), Share> {
    documents
        .par_iter()
        .fold(HashMap::new, |mut shares, document| {
            for (segment, english) in body_segments(document) {
                let target = segment.target.to_ascii_lowercase();
                for term in terms(english) {
                    let share: &mut Share =
                        shares.entry((term, document.locale.as_str())).or_default();
                    share.segments += 1;
                    share.kept += u32::from(kept(term, &segment.target, &target));
                }
            }
            shares
        })
        .reduce(HashMap::new, |mut a, b| {
            for (key, share) in b {
                let sum = a.entry(key).or_default();
                sum.kept += share.kept;
                sum.segments += share.segments;
            }
            a
        })
}

/// The findings of one translation: per protected term its locale loses, the segments that
/// lost it, reported at the first.
fn report(
    document: &Document,
    translators: &HashMap<(&str, &str), (Share, f64)>,
    configured: &HashSet<&str>,
) -> Vec<Diagnostic> {
    let locale = document.locale.as_str();
    let mut lost: BTreeMap<&str, Vec<&Segment>> = BTreeMap::new();
    for (segment, english) in body_segments(document) {
        let wanted: Vec<&str> = terms(english)
            .into_iter()
            .filter(|t| configured.contains(t) || translators.contains_key(&(*t, locale)))
            .collect();
        if wanted.is_empty() {
            continue;
        }
        let target = segment.target.to_ascii_lowercase();
        for term in wanted {
            if !kept(term, &segment.target, &target)
                && !spelled_out_in(english, term)
                && !spelled_out_in(&segment.target, term)
            {
                lost.entry(term).or_default().push(segment);
            }
        }
    }
    let mut findings: Vec<Diagnostic> = lost
        .into_iter()
        .map(|(term, segments)| {
            let first = segments[0];
            let count = match segments.len() {
                1 => "a segment".to_string(),
                n => format!("{n} segments (first here)"),
            };
            let why = match translators.get(&(term, locale)) {
                Some((share, others)) => format!(
                    "the other locales keep it as it is in {:.0} % of their segments, {locale} in {:.0} %",
                    others * 100.0,
                    share.rate() * 100.0
                ),
                None => "book.toml names it in `[check] protected-terms`".to_string(),
            };
            super::finding(
                Code::TranslatedTerm,
                &document.file,
                (first.line, first.column),
                format!(
                    "`{term}` is not in the translation of {count} of this article: it is a name to keep, not to translate; {why}"
                ),
            )
            .in_article(locale, &document.path)
        })
        .collect();
    findings.sort_by_key(|d| (d.line, d.column));
    findings
}

/// The segments of the body of `document` with their English.
fn body_segments(document: &Document) -> impl Iterator<Item = (&Segment, &str)> {
    document.segments.iter().filter_map(move |s| {
        let english = s.source.as_deref()?;
        (s.line >= document.body_line && !s.target.trim().is_empty()).then_some((s, english))
    })
}

/// The terms of an English text, each once: acronyms (two capitals or more, `MFA`, `O365` not)
/// and capitalized names not opening a sentence (`Teams`), outside code, URLs and paths.
fn terms(english: &str) -> Vec<&str> {
    let mut found: Vec<&str> = Vec::new();
    let mut sentence_start = true;
    for raw in english.split(|c: char| c.is_whitespace() || c == '-') {
        if raw.is_empty() {
            continue;
        }
        let opens_sentence = sentence_start;
        // Markup alone (`**`, `#`, `>`) leaves a sentence start where it was.
        let markup_only = raw.chars().all(|c| "*_#>|".contains(c));
        sentence_start = raw.ends_with(['.', '!', '?', ':']) || markup_only && opens_sentence;
        if raw.contains(['/', '\\', '@', '=', '`']) {
            continue;
        }
        let word = raw.trim_matches(|c: char| !c.is_ascii_alphanumeric());
        let word = word
            .strip_suffix("'s")
            .or_else(|| word.strip_suffix("’s"))
            .unwrap_or(word);
        if word.len() < 2
            || !word.starts_with(|c: char| c.is_ascii_uppercase())
            || !word.chars().all(|c| c.is_ascii_alphanumeric())
        {
            continue;
        }
        let capitals = word.chars().filter(char::is_ascii_uppercase).count();
        let acronym = capitals >= 2 && !word.chars().any(|c| c.is_ascii_lowercase());
        if (acronym || word.len() >= 3 && !opens_sentence) && !found.contains(&word) {
            found.push(word);
        }
    }
    found
}

/// True when the translation keeps `term`: written as it is, a name in any letter case (`azure
/// AD`), not inside a longer Latin word. `lower` is `target` in ASCII lower case.
fn kept(term: &str, target: &str, lower: &str) -> bool {
    let at_word_start = |at: usize| {
        let before = target[..at].chars().next_back();
        before.is_none_or(|c| !c.is_ascii_alphanumeric())
    };
    if term.chars().any(|c| c.is_ascii_lowercase()) {
        let needle = term.to_ascii_lowercase();
        lower
            .match_indices(&needle)
            .any(|(at, _)| at_word_start(at))
    } else {
        target.match_indices(term).any(|(at, _)| at_word_start(at))
    }
}

/// True when `text` spells the acronym `term` out: `(PIM)` after its words, or capitalized words
/// whose initials make it (`Outlook Web Access` for `OWA`).
fn spelled_out_in(text: &str, term: &str) -> bool {
    if !term.chars().all(|c| c.is_ascii_uppercase()) {
        return false;
    }
    if text.contains(&format!("({term})")) {
        return true;
    }
    let initials: Vec<char> = text
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(|w| w.chars().next().unwrap_or(' '))
        .collect();
    let wanted: Vec<char> = term.chars().collect();
    initials
        .windows(wanted.len())
        .any(|w| w == wanted.as_slice())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn terms_are_acronyms_and_names_outside_code_and_urls() {
        assert_eq!(
            terms(
                "Sign in to the [Azure portal](https://portal.azure.com) with MFA and `Get-MsolUser`."
            ),
            ["Azure", "MFA"]
        );
        // A capitalized word opening a sentence is a word; an acronym is an acronym anywhere.
        assert_eq!(
            terms("Teams uses these contacts. Select **Start**, then open Microsoft Teams."),
            ["Start", "Microsoft", "Teams"]
        );
        assert_eq!(
            terms("SSPR Authentication methods not registered"),
            ["SSPR", "Authentication"]
        );
        assert_eq!(terms("Microsoft's cloud services"), Vec::<&str>::new());
    }

    #[test]
    fn kept_in_any_case_but_not_inside_a_word() {
        let kept_in = |term: &str, target: &str| kept(term, target, &target.to_ascii_lowercase());
        assert!(kept_in("Azure", "Inloggen bij azure AD"));
        assert!(kept_in("Teams", "Teams-vergadering"));
        assert!(kept_in("Azure", "Azureポータルにサインイン"));
        assert!(!kept_in("Teams", "لا تتوفر التعليقات علي القوائم في الفرق"));
        assert!(!kept_in("AD", "Open het adres"));
    }

    #[test]
    fn acronyms_spelled_out() {
        assert!(spelled_out_in(
            "Privileged Identity Management (PIM) in your",
            "PIM"
        ));
        assert!(spelled_out_in("Fehler in Outlook Web Access?", "OWA"));
        assert!(!spelled_out_in("Outlook on the web", "OWA"));
        assert!(!spelled_out_in("Teams (Teams)", "Teams"));
    }
}
