//! Text comparisons used by the alignment: whitespace-insensitive equality, telling a real
//! untranslated sentence from a product name, and ordering segment ids.

use super::Segments;

/// Collapses runs of white space to one space and trims: how segment texts are compared.
pub fn normalize(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// True when the translation is the English itself and the English is prose: at least two
/// ordinary lower-case words. Product names, commands, code, URLs, host names and numbers are
/// rightly left as they are.
pub fn is_untranslated(target: &str, source: &str) -> bool {
    normalize(target) == normalize(source) && prose_words(source) >= 2
}

/// Counts the ordinary words of a text: alphabetic, lower case, not part of code (`inline`),
/// a link target, a dotted or slashed name, or a `-Parameter`.
pub fn prose_words(text: &str) -> usize {
    let mut count = 0;
    for (i, piece) in text.split('`').enumerate() {
        if i % 2 == 1 {
            continue; // inside inline code
        }
        let chunks = piece.split(|c: char| c.is_whitespace() || "[]()<>".contains(c));
        for chunk in chunks.filter(|c| !c.contains("://") && !c.starts_with("www.")) {
            for token in chunk.split(|c: char| "*_\"“”‘’,:;!?|&+=#".contains(c)) {
                let token = token.trim_matches(|c: char| ".'’-".contains(c));
                let code_like = token.contains(['.', '/', '\\', '@'])
                    || token.chars().skip(1).any(char::is_uppercase)
                    || token
                        .chars()
                        .any(|c| !c.is_alphabetic() && c != '-' && c != '\'');
                let lower = token.chars().next().is_some_and(char::is_lowercase);
                if token.chars().count() >= 2 && !code_like && lower {
                    count += 1;
                }
            }
        }
    }
    count
}

/// The text with all white space removed: for containment tests that must not trip over the
/// translation tool's spacing (`**NOTE** :` in one locale's English, `**NOTE**:` in another's).
pub fn compact(text: &str) -> String {
    text.chars().filter(|c| !c.is_whitespace()).collect()
}

/// True when the document's English view holds `english`: the locale carries that text, in
/// segments cut differently or left unsegmented (markup such as `[!TIPS]`).
pub(super) fn carried_elsewhere(english: &str, this: &Segments) -> bool {
    let english = compact(english);
    !english.is_empty() && this.compact_view().contains(&english)
}

/// True when a segment the peers lack is their text cut differently: its English joins
/// several of theirs (a merged paragraph), or lies inside one of their merged paragraphs.
pub(super) fn segmented_differently(english: &str, peers: &[&Segments]) -> bool {
    let english = compact(english);
    !english.is_empty()
        && peers.iter().any(|peer| {
            peer.compact_sources()
                .iter()
                .any(|theirs| english.contains(theirs.as_str()) || theirs.contains(&english))
        })
}

/// True when two English texts of one id say the same thing: white space and a trailing
/// hard-break backslash do not count.
pub fn same_english(a: &str, b: &str) -> bool {
    compact(a).trim_end_matches('\\') == compact(b).trim_end_matches('\\')
}

/// Sort key of an id: by its number, then its sub-number, a paragraph id `pN` just after the
/// numbered `N`. Numbers compare as numbers (`b2` before `b10`); a plain file's ids are `bN`,
/// `bN-M` and `bN.K` (the K-th English block with no translation after block N).
pub fn id_order(id: &str) -> (u64, u64, bool, String) {
    let rest = id.trim_start_matches(|c: char| c.is_ascii_alphabetic());
    let paragraph = id.len() - rest.len() == 1 && id.starts_with('p');
    let digits = |s: &str| s.find(|c: char| !c.is_ascii_digit()).unwrap_or(s.len());
    let end = digits(rest);
    let number = rest[..end].parse().unwrap_or(u64::MAX);
    let sub = rest[end..]
        .strip_prefix('.')
        .map_or(0, |s| s[..digits(s)].parse().unwrap_or(u64::MAX));
    (number, sub, paragraph, id.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalize_collapses_white_space() {
        assert_eq!(normalize("  a \n\t b  "), "a b");
    }

    #[test]
    fn untranslated_prose_is_flagged() {
        assert!(is_untranslated(
            "Sign in to the portal.",
            "Sign  in to the portal."
        ));
        assert!(is_untranslated(
            "Fix user policy/mailbox settings",
            "Fix user policy/mailbox settings"
        ));
        assert!(!is_untranslated(
            "Meld u aan bij de portal.",
            "Sign in to the portal."
        ));
    }

    #[test]
    fn names_code_urls_and_numbers_may_stay_english() {
        for text in [
            "Microsoft 365",
            "Azure Active Directory",
            "`dsregcmd /status`",
            "[https://aka.ms/x](https://aka.ms/x)",
            "9003244",
            "**Windows 10**",
            "OneDrive for Business",
            "SharePoint Online: PowerShell",
            "Set-UnifiedGroup <Group Name> -PrimarySmtpAddress <new SMTP Address>",
            "servicebus.windows.net",
            "a.",
        ] {
            assert!(!is_untranslated(text, text), "{text}");
        }
    }

    #[test]
    fn ids_sort_by_number() {
        let mut ids = vec!["110", "p101", "102", "101", "99"];
        ids.sort_by_key(|id| id_order(id));
        assert_eq!(ids, ["99", "101", "p101", "102", "110"]);
        let mut plain = vec!["b10", "b2", "b1.1", "b1", "b0.1", "b3-4", "b1.2", "b11"];
        plain.sort_by_key(|id| id_order(id));
        assert_eq!(
            plain,
            ["b0.1", "b1", "b1.1", "b1.2", "b2", "b3-4", "b10", "b11"]
        );
    }
}
