//! Heading ids, the way DocFX makes them: the heading's first empty anchor (`<a name="x"></a>`
//! or `<a id="x"></a>`) gives the id and is taken out of the heading (a second anchor stays,
//! as a link target); otherwise the id is the GitHub-style slug of the heading's text, made
//! distinct within the page (`-1`, `-2`...).

use std::collections::HashSet;

use pulldown_cmark::Event;

/// A heading id the way DocFX (markdig's GitHub mode) makes it: lower case, punctuation
/// dropped, spaces turned into hyphens; letters of every script kept.
pub fn slug(text: &str) -> String {
    let mut slug = String::with_capacity(text.len());
    for c in text.trim().chars() {
        if c.is_alphanumeric() || c == '-' || c == '_' {
            slug.extend(c.to_lowercase());
        } else if c.is_whitespace() {
            slug.push('-');
        }
    }
    slug
}

/// `base`, or `base-1`, `base-2`... when taken: how DocFX keeps the ids of a page distinct.
pub fn unique_id(base: String, taken: &mut HashSet<String>) -> String {
    let base = if base.is_empty() {
        "section".to_string()
    } else {
        base
    };
    let mut id = base.clone();
    let mut n = 1;
    while !taken.insert(id.clone()) {
        id = format!("{base}-{n}");
        n += 1;
    }
    id
}

/// The value of the `name` or `id` attribute of an opening `<a ...>` tag.
pub(crate) fn anchor_name(tag: &str) -> Option<&str> {
    let inside = tag.trim().strip_prefix("<a")?.strip_suffix('>')?;
    if !inside.starts_with(char::is_whitespace) {
        return None;
    }
    for key in ["name", "id"] {
        let mut rest = inside;
        while let Some(at) = rest.find(key) {
            let before_ok = rest[..at].ends_with(char::is_whitespace);
            let after = rest[at + key.len()..].trim_start();
            rest = &rest[at + key.len()..];
            let Some(value) = after.strip_prefix('=').map(str::trim_start) else {
                continue;
            };
            if !before_ok {
                continue;
            }
            let quote = value.chars().next()?;
            if quote == '"' || quote == '\'' {
                let value = &value[1..];
                let end = value.find(quote)?;
                return Some(&value[..end]).filter(|v| !v.is_empty());
            }
            let end = value
                .find(|c: char| c.is_whitespace() || c == '>' || c == '/')
                .unwrap_or(value.len());
            return Some(&value[..end]).filter(|v| !v.is_empty());
        }
    }
    None
}

/// In a heading's inline events: the position of its first empty anchor (`<a name=x>` directly
/// followed by `</a>`, or self-closed) and how many events it takes, with its name.
pub(crate) fn first_anchor<'e>(events: &'e [Event]) -> Option<(usize, usize, &'e str)> {
    for (i, event) in events.iter().enumerate() {
        let Event::InlineHtml(tag) = event else {
            continue;
        };
        let Some(name) = anchor_name(tag) else {
            continue;
        };
        if tag.trim_end().ends_with("/>") {
            return Some((i, 1, name));
        }
        if matches!(events.get(i + 1), Some(Event::InlineHtml(close)) if close.trim().eq_ignore_ascii_case("</a>"))
        {
            return Some((i, 2, name));
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slug_keeps_letters_of_every_script() {
        assert_eq!(
            slug("Enhet i ventende tilstand"),
            "enhet-i-ventende-tilstand"
        );
        assert_eq!(slug("保留中の デバイス"), "保留中の-デバイス");
        assert_eq!(slug("Q&A: what?"), "qa-what");
        // DocFX's AutoIdentifierTest, GitHub mode.
        assert_eq!(
            slug("This - is a &@! heading _ with . and ! -"),
            "this---is-a--heading-_-with--and---"
        );
    }

    #[test]
    fn anchor_names() {
        assert_eq!(anchor_name("<a name=\"x\">"), Some("x"));
        assert_eq!(anchor_name("<a id='y' class=\"c\">"), Some("y"));
        assert_eq!(anchor_name("<a href=\"#z\">"), None);
        assert_eq!(anchor_name("<abbr id=\"q\">"), None);
        assert_eq!(anchor_name("<a data-name=\"n\">"), None);
    }
}
