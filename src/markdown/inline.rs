//! What Markdig does inside text that pulldown-cmark leaves as text: bare URLs become links
//! (trailing punctuation, full-width stops included, stays outside), `:shortcode:` becomes its
//! emoji, and `@uid` becomes a cross-reference when the xref maps know `uid` (an unknown
//! `@word`, and `name@example.com`, stay text).

use std::fmt::Write;

use super::attributes;
use super::render::Renderer;

/// A piece of inline output: text to escape, or HTML.
pub(crate) enum Inline<'t> {
    Text(&'t str),
    Html(String),
}

/// Splits `text` into text and the HTML of the autolinks, emoji and resolved `@uid`s in it.
pub(crate) fn expand<'t>(text: &'t str, r: &Renderer, out: &mut Vec<Inline<'t>>) {
    let bytes = text.as_bytes();
    let mut plain = 0;
    let mut i = 0;
    while i < bytes.len() {
        let trigger = matches!(bytes[i], b'h' | b'f' | b'm' | b'w' | b'@' | b':');
        let boundary = || i == 0 || is_boundary(text[..i].chars().next_back().unwrap_or(' '));
        let found = match bytes[i] {
            _ if !trigger => None,
            b'@' if boundary() => xref_shorthand(&text[i..], r),
            b':' if boundary() => emoji(&text[i..]),
            b'h' | b'f' | b'm' | b'w' if boundary() || after_opener(text, i) => {
                autolink(&text[i..])
            }
            _ => None,
        };
        match found {
            Some((len, html)) => {
                if plain < i {
                    out.push(Inline::Text(&text[plain..i]));
                }
                out.push(Inline::Html(html));
                i += len;
                plain = i;
            }
            None => i += text[i..].chars().next().map_or(1, char::len_utf8),
        }
    }
    if plain < text.len() {
        out.push(Inline::Text(&text[plain..]));
    }
}

/// Whether `text` could hold an autolink, an emoji or an `@uid` at all (most text cannot, and is
/// passed on as it is).
pub(crate) fn may_expand(text: &str) -> bool {
    let bytes = text.as_bytes();
    bytes.iter().enumerate().any(|(i, &b)| {
        b == b'@' || b == b':' || (b == b'w' && bytes.get(i + 1..i + 4) == Some(b"ww."))
    })
}

/// Whether a character before a construct leaves it standing on its own.
fn is_boundary(c: char) -> bool {
    c.is_whitespace()
        || (c.is_ascii_punctuation() && !matches!(c, '@' | '.' | '_' | '-' | '/' | ':' | '\\'))
        || is_wide_punctuation(c)
}

/// Markdig's autolinks may also follow `*`, `_`, `~` and `(`.
fn after_opener(text: &str, i: usize) -> bool {
    matches!(text[..i].chars().next_back(), Some('*' | '_' | '~' | '('))
}

/// Full-width and CJK punctuation: never part of a URL.
fn is_wide_punctuation(c: char) -> bool {
    matches!(c as u32, 0x3000..=0x303F | 0xFF01..=0xFF0F | 0xFF1A..=0xFF20 | 0xFF3B..=0xFF40 | 0xFF5B..=0xFF65)
}

/// A bare `http://`, `https://`, `ftp://`, `mailto:` or `www.` link at the start of `text`.
fn autolink(text: &str) -> Option<(usize, String)> {
    let prefix = ["https://", "http://", "ftp://", "mailto:", "www."]
        .into_iter()
        .find(|p| {
            text.len() > p.len()
                && text
                    .get(..p.len())
                    .is_some_and(|t| t.eq_ignore_ascii_case(p))
        })?;
    let end = text
        .char_indices()
        .find(|&(_, c)| c.is_whitespace() || c == '<' || c == '"' || is_wide_punctuation(c))
        .map_or(text.len(), |(i, _)| i);
    let mut url = &text[..end];
    // Trailing punctuation is the sentence's, and so is a `)` that closes nothing.
    while let Some(last) = url.chars().next_back() {
        let trim = match last {
            '?' | '!' | '.' | ',' | ':' | '*' | '_' | '~' | '\'' | ';' => true,
            ')' => url.matches(')').count() > url.matches('(').count(),
            _ => false,
        };
        if !trim {
            break;
        }
        url = &url[..url.len() - last.len_utf8()];
    }
    if url.len() <= prefix.len() {
        return None;
    }
    let host = &url[prefix.len()..];
    let domain = host.split(['/', '?', '#']).next().unwrap_or_default();
    let valid = if prefix == "mailto:" {
        host.contains('@') && host.contains('.')
    } else {
        !domain.is_empty()
            && !domain.starts_with('.')
            && domain
                .chars()
                .all(|c| c.is_alphanumeric() || matches!(c, '.' | '-' | '_' | ':' | '@'))
            && (prefix != "www." || domain.contains('.'))
    };
    if !valid {
        return None;
    }
    let href = if prefix == "www." {
        format!("http://{url}")
    } else {
        url.to_string()
    };
    let mut html = String::new();
    let _ = write!(
        html,
        "<a href=\"{}\">{}</a>",
        attributes::escape(&href),
        attributes::escape(url)
    );
    Some((url.len(), html))
}

/// `:shortcode:` at the start of `text`, when it names an emoji.
fn emoji(text: &str) -> Option<(usize, String)> {
    let rest = &text[1..];
    let len = rest
        .bytes()
        .take_while(|b| b.is_ascii_alphanumeric() || matches!(b, b'_' | b'+' | b'-'))
        .count();
    if len == 0 || rest.as_bytes().get(len) != Some(&b':') {
        return None;
    }
    let emoji = emojis::get_by_shortcode(&rest[..len])?;
    Some((len + 2, emoji.as_str().to_string()))
}

/// `@uid` or `@"uid"` at the start of `text`, when the xref maps know it.
fn xref_shorthand(text: &str, r: &Renderer) -> Option<(usize, String)> {
    let rest = &text[1..];
    let (uid, len) = match rest.chars().next()? {
        quote @ ('"' | '\'') => {
            let end = rest[1..].find(quote)?;
            let uid = &rest[1..1 + end];
            if uid.contains('\n') {
                return None;
            }
            (uid, end + 3)
        }
        c if c.is_alphabetic() => {
            let stop = |c: char| c.is_whitespace() || "\"'<>[]|".contains(c);
            let continuable = |c: char| ".,;:!?~".contains(c);
            let chars: Vec<(usize, char)> = rest.char_indices().collect();
            let mut end = rest.len();
            for (k, &(i, c)) in chars.iter().enumerate() {
                if stop(c) {
                    end = i;
                    break;
                }
                if continuable(c) {
                    let next = chars.get(k + 1).map(|&(_, n)| n);
                    if next.is_none_or(|n| stop(n) || continuable(n)) {
                        end = i;
                        break;
                    }
                }
            }
            (&rest[..end], end + 1)
        }
        _ => return None,
    };
    let html = r.xref_link(uid, None)?;
    Some((len, html))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn links(text: &str) -> Vec<String> {
        let mut out = Vec::new();
        let options = super::super::Options::new("en", "a.md");
        let r = Renderer::new(&options);
        expand(text, &r, &mut out);
        out.into_iter()
            .map(|p| match p {
                Inline::Text(t) => format!("[{t}]"),
                Inline::Html(h) => h,
            })
            .collect()
    }

    #[test]
    fn bare_urls_leave_trailing_punctuation_outside() {
        assert_eq!(
            links("See https://a.test/x。次 and (https://b.test/y), then www.c.test."),
            [
                "[See ]",
                "<a href=\"https://a.test/x\">https://a.test/x</a>",
                "[。次 and (]",
                "<a href=\"https://b.test/y\">https://b.test/y</a>",
                "[), then ]",
                "<a href=\"http://www.c.test\">www.c.test</a>",
                "[.]"
            ]
        );
        assert_eq!(
            links("nhttp://www.google.com"),
            ["[nhttp://www.google.com]"]
        );
        assert_eq!(
            links("https://x.test/a_(b)"),
            ["<a href=\"https://x.test/a_(b)\">https://x.test/a_(b)</a>"]
        );
        assert_eq!(
            links("http://your.company.abc, abc")[0],
            "<a href=\"http://your.company.abc\">http://your.company.abc</a>"
        );
    }

    #[test]
    fn emoji_shortcodes() {
        assert_eq!(links("**content :** :smile:"), ["[**content :** ]", "😄"]);
        assert_eq!(
            links("a:smile:b :nosuchemoji: 10:30:00"),
            ["[a:smile:b :nosuchemoji: 10:30:00]"]
        );
    }

    #[test]
    fn unknown_at_words_and_emails_stay_text() {
        assert_eq!(
            links("ask @someone or name@example.com"),
            ["[ask @someone or name@example.com]"]
        );
    }
}
