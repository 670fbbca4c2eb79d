//! Alert markers: `[!NOTE]`, `[!TIP]`, `[!IMPORTANT]`, `[!WARNING]` and `[!CAUTION]` open a
//! DocFX alert only as written in English. A translated marker (`> [!הערה]`, `> [!REMARQUE]`)
//! or an unknown one (`[!TIPS]`) renders as a plain quote with the marker as text. Other DocFX
//! syntax in brackets (`[!INCLUDE[...](...)]`, `[!VIDEO url]`, `[!div class=...]`) is not a
//! marker.

/// The alert kinds DocFX knows, in upper case.
pub const KINDS: [&str; 5] = ["NOTE", "TIP", "IMPORTANT", "WARNING", "CAUTION"];

/// The alert markers of `text` with their byte offsets: `[!` and a word of any script, then `]`.
pub fn find(text: &str) -> impl Iterator<Item = (usize, &str)> {
    text.match_indices("[!").filter_map(move |(at, _)| {
        let rest = &text[at + 2..];
        let len = rest.find(|c: char| !(c.is_alphanumeric() || c == '-' || c == '_'))?;
        (len > 0 && len <= 24 && rest[len..].starts_with(']'))
            .then(|| (at, &text[at..at + len + 3]))
    })
}

/// True when `marker` (`[!Note]`) opens an alert DocFX knows.
pub fn is_known(marker: &str) -> bool {
    let kind = marker.trim_start_matches("[!").trim_end_matches(']');
    KINDS.iter().any(|k| k.eq_ignore_ascii_case(kind))
}

/// The first marker of `text` DocFX does not know, with its offset.
pub fn first_unknown(text: &str) -> Option<(usize, &str)> {
    find(text).find(|(_, m)| !is_known(m))
}

/// True when `text` is nothing but a marker DocFX does not know (`[!TIPS]`).
pub fn is_unknown_marker(text: &str) -> bool {
    let text = text.trim();
    first_unknown(text).is_some_and(|(at, marker)| at == 0 && marker.len() == text.len())
}

/// The first unknown marker of `text` that opens a quote line (`> [!הערה]`), with its offset.
pub fn first_unknown_alert_line(text: &str) -> Option<(usize, &str)> {
    if !text.contains("[!") {
        return None;
    }
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        let lead = line.trim_start_matches([' ', '\t', '>']);
        if line.trim_start().starts_with('>')
            && let Some((at, marker)) = first_unknown(lead).filter(|(at, _)| *at == 0)
        {
            return Some((offset + (line.len() - lead.len()) + at, marker));
        }
        offset += line.len();
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markers_known_unknown_and_other_docfx_syntax() {
        let text = "> [!NOTE]\n> [!הערה]\n[!INCLUDE[x](y.md)] [!VIDEO https://x] [!div class=\"op\"] [!TIPS]";
        let found: Vec<&str> = find(text).map(|(_, m)| m).collect();
        assert_eq!(found, ["[!NOTE]", "[!הערה]", "[!TIPS]"]);
        assert!(is_known("[!Note]") && is_known("[!CAUTION]"));
        assert!(!is_known("[!TIPS]") && !is_known("[!REMARQUE]"));
        assert_eq!(first_unknown(text).map(|f| f.1), Some("[!הערה]"));
        assert!(is_unknown_marker(" [!TIPS] ") && !is_unknown_marker("[!TIPS] Do this"));
        assert!(!is_unknown_marker("[!TIP]"));
    }

    #[test]
    fn an_unknown_marker_opening_a_quote() {
        let text = "Tekst [!x] hier.\n\n> [!REMARQUE]\n> Attention.\n";
        let (at, marker) = first_unknown_alert_line(text).unwrap();
        assert_eq!((marker, &text[at..at + 3]), ("[!REMARQUE]", "[!R"));
        assert_eq!(first_unknown_alert_line("> [!NOTE]\n> x\n"), None);
    }
}
