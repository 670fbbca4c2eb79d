//! Paths and URLs a translation tool broke: a full-width colon (`C：\Users`, `https：//`) or a
//! space inserted inside (`C:\Users \\<name>`, `C: \Windows`, `\\ win10client01`,
//! `https:// <tenant>.sharepoint.com`). Read outside inline code, which the code rule compares.
//! A translation is only blamed for what its English does not have.

/// True when `text` may hold a broken path: a full-width colon, or a space next to a
/// backslash or after `://`. Most texts have none of these.
fn may_break(text: &str) -> bool {
    text.contains('：') || text.contains(" \\") || text.contains("\\ ") || text.contains(":// ")
}

/// The first broken path of `text` that `english` does not have too, described for a message.
pub fn broken(text: &str, english: Option<&str>) -> Option<String> {
    if !may_break(text) {
        return None;
    }
    let prose = outside_code(text);
    let theirs = english.map(outside_code);
    find_all(&prose)
        .into_iter()
        .find(|(found, _)| {
            theirs
                .as_deref()
                .is_none_or(|e| !e.contains(found.as_str()))
        })
        .map(|(found, why)| format!("`{found}`: {why}"))
}

/// The offset in `text` of the first broken path, for a finding in a file without segments.
pub fn first_offset(text: &str) -> Option<usize> {
    if !may_break(text) {
        return None;
    }
    let prose = outside_code(text);
    let (found, _) = find_all(&prose).into_iter().next()?;
    text.find(found.as_str())
}

/// `text` with inline code spans blanked out, offsets kept.
fn outside_code(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for (i, piece) in text.split('`').enumerate() {
        if i > 0 {
            out.push(' ');
        }
        if i % 2 == 0 {
            out.push_str(piece);
        } else {
            out.extend(piece.chars().map(|c| if c.is_ascii() { ' ' } else { '　' }));
        }
    }
    out
}

/// Every broken path of `text`: the broken piece as written and what is wrong with it.
fn find_all(text: &str) -> Vec<(String, &'static str)> {
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let at = |i: usize| chars.get(i).map(|c| c.1);
    let piece = |from: usize, to: usize| {
        let start = chars[from].0;
        let end = chars.get(to).map_or(text.len(), |c| c.0);
        text[start..end].to_string()
    };
    let token_end = |from: usize| {
        (from..chars.len())
            .find(|&j| chars[j].1.is_whitespace())
            .unwrap_or(chars.len())
    };
    let mut found = Vec::new();
    for i in 0..chars.len() {
        let c = chars[i].1;
        let letter_before = i > 0 && at(i - 1).is_some_and(|p| p.is_ascii_alphabetic());
        let word_start = |i: usize| i == 0 || at(i - 1).is_none_or(|p| !p.is_alphanumeric());
        match c {
            // `C：\Users`, `https：//`
            '：' if letter_before && matches!(at(i + 1), Some('\\' | '/')) => {
                let start = scheme_or_drive_start(&chars, i);
                found.push((
                    piece(start, token_end(i)),
                    "a full-width colon in a path or URL",
                ));
            }
            // `C: \Windows`
            ':' if letter_before
                && word_start(i - 1)
                && at(i + 1) == Some(' ')
                && at(i + 2) == Some('\\') =>
            {
                found.push((piece(i - 1, i + 3), "a space inserted in a path"));
            }
            // `https:// host`
            ':' if at(i + 1) == Some('/') && at(i + 2) == Some('/') && at(i + 3) == Some(' ') => {
                let start = scheme_or_drive_start(&chars, i);
                let scheme = piece(start, i);
                // What follows the space is the rest of the URL: a `<placeholder>` or a host.
                let rest = piece(i + 4, token_end(i + 4));
                let url_follows = rest.trim_start_matches('\\').starts_with('<')
                    || rest.contains(['.', '/']) && rest.starts_with(char::is_alphanumeric);
                if (scheme == "http" || scheme == "https") && url_follows {
                    found.push((piece(start, token_end(i + 4)), "a space inserted in a URL"));
                }
            }
            // `\\ win10client01`
            '\\' if at(i + 1) == Some('\\')
                && at(i + 2) == Some(' ')
                && (i == 0 || at(i - 1) != Some('\\')) =>
            {
                let name = (i + 2..chars.len()).find(|&j| chars[j].1 != ' ');
                if let Some(name) = name.filter(|&j| chars[j].1.is_alphanumeric()) {
                    let end = (name..chars.len())
                        .find(|&j| !(chars[j].1.is_alphanumeric() || "-_".contains(chars[j].1)))
                        .unwrap_or(chars.len());
                    found.push((piece(i, end), "a space inserted after `\\\\`"));
                }
            }
            // `C:\Users \\<name>`: a drive path, a space, then its next backslash.
            ' ' if at(i + 1) == Some('\\') => {
                let token_start = (0..i)
                    .rev()
                    .find(|&j| chars[j].1.is_whitespace())
                    .map_or(0, |j| j + 1);
                let is_drive_path = token_start + 2 < i
                    && at(token_start).is_some_and(|d| d.is_ascii_alphabetic())
                    && at(token_start + 1) == Some(':')
                    && at(token_start + 2) == Some('\\');
                if is_drive_path {
                    found.push((
                        piece(token_start, (i + 3).min(chars.len())),
                        "a space inserted in a path",
                    ));
                }
            }
            _ => {}
        }
    }
    found
}

/// Where the drive letter or the URL scheme before the colon at `colon` starts.
fn scheme_or_drive_start(chars: &[(usize, char)], colon: usize) -> usize {
    (0..colon)
        .rev()
        .find(|&j| !chars[j].1.is_ascii_alphabetic())
        .map_or(0, |j| j + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn full_width_colons_and_inserted_spaces() {
        assert_eq!(
            broken(
                "打开 C：\\Users\\<name> 文件夹",
                Some("Open C:\\Users\\<name>")
            )
            .as_deref(),
            Some("`C：\\Users\\<name>`: a full-width colon in a path or URL")
        );
        assert!(
            broken("请转到 https：//aka.ms/x", Some("Go to https://aka.ms/x"))
                .is_some_and(|m| m.starts_with("`https：//aka.ms/x`"))
        );
        // nl-NL/delete-account-picture.md
        assert_eq!(
            broken(
                "Ga naar C:\\Gebruikers \\\\ *uw naam*\\AppData\\Roaming.",
                Some("Go to C:\\Users\\\\*yourname*\\AppData\\Roaming.")
            )
            .as_deref(),
            Some("`C:\\Gebruikers \\\\`: a space inserted in a path")
        );
        // de-DE/connect-to-the-mscommerce-module.md
        assert!(
            broken(
                "geben Sie an der #A1 (PS C: \\) ) den folgenden Befehl ein:",
                Some("at the PowerShell prompt (PS C:\\), enter the following command:")
            )
            .is_some_and(|m| m.starts_with("`C: \\`"))
        );
        // nl-NL/workflow-email-not-being-sent.md
        assert!(
            broken(
                "Voorbeeld van directe URL: https:// <tenant> . SharePoint.com/sites/",
                Some("Sample direct URL: https://<tenant>.sharepoint.com/sites/")
            )
            .is_some_and(|m| m.contains("a space inserted in a URL"))
        );
        // nl-NL/troubleshoot-prt-issue.md
        assert_eq!(
            broken(
                "Bijvoorbeeld PsExec-s \\\\ win10client01 cmd",
                Some("For example, PsExec -s \\\\win10client01 cmd")
            )
            .as_deref(),
            Some("`\\\\ win10client01`: a space inserted after `\\\\`")
        );
    }

    #[test]
    fn sound_paths_code_and_the_englishs_own_spaces_are_quiet() {
        for (text, english) in [
            (
                "Ga naar C:\\Users\\naam\\AppData.",
                "Go to C:\\Users\\name\\AppData.",
            ),
            ("Voer `C: \\x` uit", "Run `C:\\x`"),
            ("Q：会社のデータ", "Q: I issued a remote action"),
            (
                "[允许 VPN：](/windows/client-management)",
                "[Allow VPN:](/windows/x)",
            ),
            ("Opmerking: \\\\ server", "Note: \\\\ server"),
            ("See https://aka.ms/x now", "See https://aka.ms/x now"),
            // holo de-DE/hololens-troubleshooting.md: the English names the bare scheme.
            (
                "Der Benutzer sollte dann zu http:// wechseln, nicht https://",
                "The user should then go to http://, not https://",
            ),
        ] {
            assert_eq!(broken(text, Some(english)), None, "{text}");
        }
        assert_eq!(first_offset("Ga naar C:\\Users \\\\naam"), Some(8));
    }
}
