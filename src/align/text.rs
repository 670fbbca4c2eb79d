//! Text comparisons used by the alignment: whitespace-insensitive equality, telling a real
//! untranslated English sentence from a product name, console output or a source that is not
//! English, telling the same English written two ways (a link around the segment or around its
//! text, `/en-us/` or `/fr-fr/` in a URL) from a changed one, and ordering segment ids.

use super::Segments;

/// Collapses runs of white space to one space and trims: how segment texts are compared.
pub fn normalize(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// True when the translation is the English itself and the English is English prose: at least
/// two ordinary lower-case words, not console output, not a sentence of another language.
/// Product names, commands, code, URLs, host names and numbers are rightly left as they are,
/// and a source written in Portuguese or Spanish was never English to translate.
pub fn is_untranslated(target: &str, source: &str) -> bool {
    normalize(target) == normalize(source) && is_english_prose(source)
}

/// True when `text` reads as English prose a translator should have translated: two ordinary
/// words or more, not console output, not another language.
pub fn is_english_prose(text: &str) -> bool {
    prose_words(text) >= 2 && !is_console_text(text) && !is_other_language(text)
}

/// True when a translation is its English with nothing changed but punctuation and spacing:
/// full-width punctuation (`：`, `。`, `（`), curly quotes, a space added or dropped next to a
/// punctuation mark (`Note :`). A space dropped between two words is a change (`Video test`,
/// `Videotest`: a German compound).
pub fn is_respaced_english(target: &str, source: &str) -> bool {
    // Most translations differ in their first letters: no need to build anything for them.
    fn letters(text: &str) -> impl Iterator<Item = char> + '_ {
        text.chars().map(ascii_form).filter(|c| c.is_alphanumeric())
    }
    letters(target).eq(letters(source))
        && normalize(target) != normalize(source)
        && comparable_punctuation(target) == comparable_punctuation(source)
}

/// A character's ASCII form: full-width forms and ideographic punctuation, curly quotes.
fn ascii_form(c: char) -> char {
    match c {
        '\u{ff01}'..='\u{ff5e}' => char::from_u32(c as u32 - 0xfee0).unwrap_or(c),
        '\u{3000}' => ' ',
        '。' => '.',
        '、' => ',',
        '「' | '」' | '『' | '』' | '“' | '”' | '„' | '«' | '»' => '"',
        '‘' | '’' => '\'',
        _ => c,
    }
}

/// `text` with full-width forms and ideographic punctuation written in ASCII, curly quotes
/// straight, no white space next to punctuation and one space between words.
fn comparable_punctuation(text: &str) -> String {
    let ascii = text.chars().map(ascii_form);
    let mut out = String::with_capacity(text.len());
    let mut pending_space = false;
    for c in ascii {
        if c.is_whitespace() {
            pending_space = true;
            continue;
        }
        let joins = |c: char| c.is_alphanumeric() || c == '`';
        if pending_space && joins(c) && out.chars().next_back().is_some_and(joins) {
            out.push(' ');
        }
        pending_space = false;
        out.push(c);
    }
    out
}

/// Cmdlet verbs of PowerShell (`Get-Mailbox`, `Set-User`): a word `Verb-Noun` with one of them is
/// a command, not prose.
const CMDLET_VERBS: [&str; 24] = [
    "Get",
    "Set",
    "New",
    "Remove",
    "Add",
    "Start",
    "Stop",
    "Enable",
    "Disable",
    "Connect",
    "Test",
    "Import",
    "Export",
    "Install",
    "Update",
    "Invoke",
    "Clear",
    "Restart",
    "Search",
    "Grant",
    "Revoke",
    "Restore",
    "Register",
    "Uninstall",
];

/// True when `text` is console or cmdlet output or a command written without backticks:
/// a cmdlet (`Set-Mailbox`), a `-Parameter`, a `$variable`, a pipe, a registry key, a path
/// (`C:\Program Files\x`, `./Vendor/MSFT/Policy`), PowerShell's error lines
/// (`+ CategoryInfo`), or `&nbsp;` runs.
pub fn is_console_text(text: &str) -> bool {
    const MARKERS: [&str; 8] = [
        "&nbsp;",
        "~~~~",
        "$_",
        "HKEY_",
        "CategoryInfo",
        "FullyQualifiedErrorId",
        " | ",
        "\\",
    ];
    if MARKERS.iter().any(|m| text.contains(m)) {
        return true;
    }
    text.split_whitespace().any(|word| {
        let word = word.trim_matches(|c: char| "*`\"'()[],.;:".contains(c));
        let cmdlet = word.split_once('-').is_some_and(|(verb, noun)| {
            CMDLET_VERBS.contains(&verb) && noun.starts_with(|c: char| c.is_ascii_uppercase())
        });
        let parameter = word.strip_prefix('-').is_some_and(|name| {
            name.len() >= 3
                && name.starts_with(|c: char| c.is_ascii_uppercase())
                && name.chars().all(|c| c.is_ascii_alphanumeric())
        });
        let variable = word
            .strip_prefix('$')
            .is_some_and(|name| name.starts_with(|c: char| c.is_ascii_alphabetic()));
        let path = word.matches('\\').count() >= 2
            || word.starts_with(['.', '/']) && word.matches('/').count() >= 2;
        cmdlet || parameter || variable || path
    })
}

/// Function words that only English has among the languages sources are written in.
const ENGLISH_WORDS: [&str; 28] = [
    "the", "to", "and", "of", "in", "is", "you", "your", "for", "with", "on", "this", "that", "be",
    "are", "or", "if", "can", "it", "not", "from", "by", "an", "at", "will", "have", "how", "my",
];

/// Function words of the other languages Microsoft sources are sometimes written in (Portuguese,
/// Spanish, French, Italian, German, Dutch) that English never uses.
const OTHER_WORDS: [&str; 49] = [
    "você", "com", "para", "sua", "seu", "minha", "meu", "como", "uma", "não", "em", "da", "os",
    "el", "la", "los", "las", "del", "su", "sus", "y", "que", "por", "una", "cómo", "mi", "le",
    "les", "des", "du", "et", "votre", "vous", "dans", "pour", "avec", "sur", "est", "une", "pas",
    "ou", "mon", "il", "der", "die", "und", "het", "een", "ist",
];

/// True when `text` is written in another language than English: words of another language and
/// not one English function word.
pub fn is_other_language(text: &str) -> bool {
    let (mut english, mut other) = (0, 0);
    for word in text.split(|c: char| !(c.is_alphabetic() || c == '\'')) {
        let word = word.to_lowercase();
        if ENGLISH_WORDS.contains(&word.as_str()) {
            english += 1;
        } else if OTHER_WORDS.contains(&word.as_str()) {
            other += 1;
        }
    }
    english == 0 && other >= 1
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

/// True when two English texts of one id say the same thing: white space, letter case
/// (`Update DNS Records`) and a trailing hard-break backslash do not count, nor does a link
/// around the whole segment (one locale keeps the link inside its span, another outside), nor
/// the locale part of a link's URL (`/en-us/`, `/fr-fr/`).
pub fn same_english(a: &str, b: &str) -> bool {
    let (a, b) = (compact(a), compact(b));
    let (a, b) = (a.trim_end_matches('\\'), b.trim_end_matches('\\'));
    if a == b {
        return true;
    }
    // A link around the whole of one side only: compare its text with the other side.
    let (a, b) = match (link_text_of_whole(a), link_text_of_whole(b)) {
        (Some(text), None) => (text, b),
        (None, Some(text)) => (a, text),
        _ => (a, b),
    };
    comparable_urls(a).to_lowercase() == comparable_urls(b).to_lowercase()
}

/// The hosts of Microsoft's docs site, whose pages the English links to with or without them.
const DOCS_HOSTS: [&str; 2] = ["https://docs.microsoft.com", "https://learn.microsoft.com"];

/// A compact English text with its link URLs in lower case, without their locale part, and
/// without the docs site's host (`https://docs.microsoft.com/mem/x` is `/mem/x`).
fn comparable_urls(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find("](") {
        out.push_str(&rest[..at + 2]);
        rest = &rest[at + 2..];
        let end = rest.find(')').unwrap_or(rest.len());
        let url = rest[..end].to_lowercase();
        // The docs site's own pages, linked root-relative or with its host.
        let url = DOCS_HOSTS
            .iter()
            .find_map(|host| url.strip_prefix(host))
            .map_or(url.clone(), str::to_string);
        let parts: Vec<&str> = url
            .split('/')
            .filter(|part| !crate::locale::is_tag(part))
            .collect();
        out.push_str(&parts.join("/"));
        rest = &rest[end..];
    }
    out.push_str(rest);
    out
}

/// The text of `[text](url)` when the link is the whole of `text`.
fn link_text_of_whole(text: &str) -> Option<&str> {
    let inner = text.strip_prefix('[')?;
    text.strip_suffix(')')?;
    let mut depth = 1;
    for (at, c) in inner.char_indices() {
        match c {
            '[' => depth += 1,
            ']' => {
                depth -= 1;
                if depth == 0 {
                    return inner[at + 1..].starts_with('(').then(|| &inner[..at]);
                }
            }
            _ => {}
        }
    }
    None
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
    fn console_output_and_other_languages_are_not_untranslated() {
        // Segments every locale of the corpus leaves as they are.
        for text in [
            "Set-Mailbox ProblemUser -DefaultPublicFolderMailbox \\<value of the mailbox>",
            "&nbsp;&nbsp;&nbsp;&nbsp;&nbsp;*+ CategoryInfo : NotSpecified: (:) [Connect-MSCommerce], Exception",
            "Get-Recipient | where {$_.EmailAddresses -match <user principal name>}",
            "Start-ManagedFolderAssistant -Identity <name of the mailbox>",
            "program data\\microsoft\\microsoft Intune on premise Exchange connector\\logs",
            // como-pagar-com-boleto.md, outlook-com-*-spanish.md, outlook-com-*-french.md
            "Você pode pagar sua fatura com boleto bancário ou transferência.",
            "Como pagar com boleto",
            "**Como pagar minha fatura**",
            "./Vendor/MSFT/DeviceStatus/NetworkIdentifiers/*mac address of Wi-Fi adapter*/SSID",
            "Han pirateado mi cuenta de Outlook.com",
            "Bloquer ou débloquer expéditeurs dans Outlook.com",
            "Siga las instrucciones para recuperar su cuenta.",
        ] {
            assert!(!is_untranslated(text, text), "{text}");
        }
        for text in [
            "Here are some things you can try to fix the problem.",
            "Google will display an app password for you.",
            "Baseline Protection policies have been deprecated.",
            "Post to Yammer by sending an email message",
        ] {
            assert!(is_untranslated(text, text), "{text}");
        }
    }

    #[test]
    fn the_same_english_with_the_link_elsewhere_or_another_locale_in_its_url() {
        // da-DK and ar-SA change-your-payment-methods.md, segment 105.
        assert!(same_english(
            "Add a payment method",
            "[Add a payment method](https://docs.microsoft.com/microsoft-365/commerce/x#add)"
        ));
        // de-DE and ar-SA fix-audio-quality-bluetooth.md, segment 108.
        assert!(same_english(
            "see [Fix Bluetooth problems](https://support.microsoft.com/de-DE/help/4026994).",
            "see [Fix Bluetooth problems](https://support.microsoft.com/en-us/help/4026994)."
        ));
        assert!(same_english("Update DNS Records", "Update DNS records"));
        assert!(same_english(
            "[Rooms](https://docs.microsoft.com/microsoftteams/rooms/x)",
            "[Rooms](https://docs.microsoft.com/MicrosoftTeams/rooms/x)"
        ));
        // ar-SA and de-DE deploy-microsoft-edge.md: a docs page linked with or without its host.
        assert!(same_english(
            "See [Intune](https://docs.microsoft.com/mem/intune/apps/x).",
            "See [Intune](/mem/intune/apps/x)."
        ));
        // unable-to-purchase-edu-offer.md: the English moved to another portal.
        assert!(!same_english(
            "[domain](https://portal.office.com/Adminportal/Home#/Domains)",
            "[domain](https://admin.microsoft.com/Adminportal#/Domains)"
        ));
        assert!(!same_english(
            "Get info about Assure and Premium assisted software support",
            "Get info about Premium assisted software support"
        ));
    }

    #[test]
    fn english_with_only_its_punctuation_changed() {
        // holo ja-JP/hololens-commercial-features.md
        assert!(is_respaced_english(
            "**Windows Update for Business。**",
            "**Windows Update for Business.**"
        ));
        assert!(is_respaced_english(
            "Devices > USB：you can disable USB connections by default.",
            "Devices > USB: you can disable USB connections by default."
        ));
        assert!(is_respaced_english(
            "Note : you must sign in first.",
            "Note: you must sign in first."
        ));
        // de-DE/video-test.md and a translated sentence.
        assert!(!is_respaced_english("Videotest", "Video test"));
        assert!(!is_respaced_english("Sign in.", "Sign in."));
        assert!(!is_respaced_english("Meld u aan：", "Sign in:"));
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
