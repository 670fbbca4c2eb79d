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
use std::hash::{BuildHasherDefault, Hasher};

use super::Model;
use crate::book::Book;
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

/// The locales of the book with sxs documents, sorted: a locale's index in a [`Reading`].
pub fn locales(book: &Book) -> Vec<&str> {
    let mut locales: Vec<&str> = book
        .articles
        .iter()
        .flat_map(|a| &a.documents)
        .filter(|d| d.format == Format::Sxs)
        .map(|d| d.locale.as_str())
        .collect();
    locales.sort_unstable();
    locales.dedup();
    locales
}

/// What the rule reads of the book, article by article: how often each locale keeps each term,
/// and the segments that lost one.
#[derive(Default)]
pub struct Reading<'a> {
    shares: Shares<'a>,
    losses: Vec<Loss<'a>>,
}

impl<'a> Reading<'a> {
    /// Reads the sxs documents of one article, every locale of it (`locales` from [`locales`]).
    /// The terms of a segment's English are read once for the article, not once per locale.
    pub fn read_article(&mut self, documents: &'a [Document], locales: &[&str]) {
        let mut read: HashMap<&str, (&str, Vec<&str>), BuildHasherDefault<Fnv>> =
            HashMap::default();
        for document in documents.iter().filter(|d| d.format == Format::Sxs) {
            let locale = locales
                .binary_search(&document.locale.as_str())
                .unwrap_or(0);
            for (segment, english) in body_segments(document) {
                let entry = read
                    .entry(&segment.id.suffix)
                    .or_insert_with(|| (english, terms(english)));
                if entry.0 != english {
                    *entry = (english, terms(english));
                }
                for &term in &entry.1 {
                    let kept = kept(term, &segment.target);
                    if !kept {
                        self.losses.push(Loss {
                            term,
                            document,
                            segment,
                        });
                    }
                    let share = Share {
                        kept: u32::from(kept),
                        segments: 1,
                    };
                    self.add(term, locale, locales.len(), share);
                }
            }
        }
    }

    /// Both readings in one.
    pub fn merge(mut self, other: Reading<'a>) -> Reading<'a> {
        for (term, per_locale) in other.shares {
            let count = per_locale.len();
            for (locale, share) in per_locale.into_iter().enumerate() {
                self.add(term, locale, count, share);
            }
        }
        self.losses.extend(other.losses);
        self
    }

    fn add(&mut self, term: &'a str, locale: usize, locales: usize, share: Share) {
        let all = self
            .shares
            .entry(term)
            .or_insert_with(|| vec![Share::default(); locales]);
        all[locale].kept += share.kept;
        all[locale].segments += share.segments;
    }
}

/// The findings for the translations of `model`, from the `reading` of every locale of the book
/// (`locales` from [`locales`]).
pub fn check(model: &Model, locales: &[&str], reading: Reading) -> Vec<Diagnostic> {
    let config = &model.book.config.check;
    let mut translators: HashMap<(&str, &str), (Share, f64)> = HashMap::new();
    for (term, per_locale) in &reading.shares {
        if GENERIC.contains(term) || config.translatable_terms.iter().any(|t| t == term) {
            continue;
        }
        let voting: Vec<(&str, Share)> = locales
            .iter()
            .zip(per_locale)
            .filter(|(_, s)| s.segments >= MIN_SEGMENTS)
            .map(|(l, s)| (*l, *s))
            .collect();
        let losing: Vec<&(&str, Share)> = voting.iter().filter(|(_, s)| s.rate() < KEPT).collect();
        if voting.len() >= MIN_LOCALES && losing.len() == 1 {
            let (locale, share) = *losing[0];
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
    let checked: HashSet<*const Document> = model
        .articles
        .values()
        .flat_map(|a| &a.translations)
        .map(|v| std::ptr::from_ref(v.document))
        .collect();
    // The segments of each checked document that lost each protected term, in file order.
    let mut lost: BTreeMap<(&std::path::Path, &str), (&Document, Vec<&Segment>)> = BTreeMap::new();
    for loss in reading.losses {
        let locale = loss.document.locale.as_str();
        let protected =
            configured.contains(loss.term) || translators.contains_key(&(loss.term, locale));
        if protected
            && checked.contains(&std::ptr::from_ref(loss.document))
            && !spelled_out_in(
                loss.segment.source.as_deref().unwrap_or_default(),
                loss.term,
            )
            && !spelled_out_in(&loss.segment.target, loss.term)
        {
            lost.entry((&loss.document.file, loss.term))
                .or_insert_with(|| (loss.document, Vec::new()))
                .1
                .push(loss.segment);
        }
    }
    lost.into_iter()
        .map(|((_, term), (document, mut segments))| {
            segments.sort_by_key(|s| (s.line, s.column));
            report(
                document,
                term,
                &segments,
                translators.get(&(term, document.locale.as_str())),
            )
        })
        .collect()
}

/// A term of a segment's English that its translation does not keep.
struct Loss<'a> {
    term: &'a str,
    document: &'a Document,
    segment: &'a Segment,
}

/// FNV-1a, for the maps of terms and segment ids: short keys hashed once per segment and
/// locale, which SipHash makes a noticeable part of a check run.
struct Fnv(u64);

impl Default for Fnv {
    fn default() -> Self {
        Fnv(0xcbf2_9ce4_8422_2325)
    }
}

impl Hasher for Fnv {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        for byte in bytes {
            self.0 = (self.0 ^ u64::from(*byte)).wrapping_mul(0x100_0000_01b3);
        }
    }
}

type Shares<'a> = HashMap<&'a str, Vec<Share>, BuildHasherDefault<Fnv>>;

/// The finding for the `segments` of `document` that lost `term`, at the first of them; `share`
/// is how often its locale and the others keep a learned term.
fn report(
    document: &Document,
    term: &str,
    segments: &[&Segment],
    share: Option<&(Share, f64)>,
) -> Diagnostic {
    let locale = document.locale.as_str();
    let first = segments[0];
    let count = match segments.len() {
        1 => "a segment".to_string(),
        n => format!("{n} segments (first here)"),
    };
    let why = match share {
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
    for raw in english.split_ascii_whitespace().flat_map(|w| w.split('-')) {
        if raw.is_empty() {
            continue;
        }
        let opens_sentence = sentence_start;
        // Markup alone (`**`, `#`, `>`) leaves a sentence start where it was.
        let markup_only = raw.bytes().all(|b| b"*_#>|".contains(&b));
        sentence_start = raw.ends_with(['.', '!', '?', ':']) || markup_only && opens_sentence;
        // Most words start with a small letter: not a term, no need to look further.
        let first = raw
            .bytes()
            .find(|b| b.is_ascii_alphanumeric() || !b.is_ascii());
        if !first.is_some_and(|b| b.is_ascii_uppercase())
            || raw.bytes().any(|b| b"/\\@=`".contains(&b))
        {
            continue;
        }
        let word = raw.trim_matches(|c: char| !c.is_ascii_alphanumeric());
        let word = word
            .strip_suffix("'s")
            .or_else(|| word.strip_suffix("’s"))
            .unwrap_or(word);
        if word.len() < 2 || !word.bytes().all(|b| b.is_ascii_alphanumeric()) {
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

/// True when the translation keeps `term`: written as it is (a name of five letters or more
/// even glued to a word, `onGoDaddy-domein`), or in another letter case as a word of its own
/// (`azure AD`, `pst-importtaken`), never inside a longer Latin word (`AD` is not in `adres`).
fn kept(term: &str, target: &str) -> bool {
    let bytes = target.as_bytes();
    let starts_word = |at: usize| at == 0 || !bytes[at - 1].is_ascii_alphanumeric();
    let ends_word = |end: usize| bytes.get(end).is_none_or(|b| !b.is_ascii_alphabetic());
    // Most translations write the term as the English does: found without a byte-by-byte walk.
    if target
        .match_indices(term)
        .any(|(at, _)| term.len() >= 5 || starts_word(at))
    {
        return true;
    }
    let term = term.as_bytes();
    let acronym = !term.iter().any(u8::is_ascii_lowercase);
    bytes
        .windows(term.len())
        .enumerate()
        .any(|(at, candidate)| {
            candidate.eq_ignore_ascii_case(term)
                && starts_word(at)
                && (!acronym || ends_word(at + term.len()))
        })
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
        let kept_in = kept;
        assert!(kept_in("Azure", "Inloggen bij azure AD"));
        assert!(kept_in("Teams", "Teams-vergadering"));
        assert!(kept_in("Azure", "Azureポータルにサインイン"));
        assert!(!kept_in("Teams", "لا تتوفر التعليقات علي القوائم في الفرق"));
        assert!(!kept_in("AD", "Open het adres"));
        // nl-NL/troubleshooting-import-service-job-stuck.md, remove-your-godaddy-domain-...-0.md
        assert!(kept_in("PST", "Problemen met pst-importtaken oplossen"));
        assert!(kept_in(
            "GoDaddy",
            "U kunt uw onGoDaddy-domein niet verwijderen"
        ));
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
