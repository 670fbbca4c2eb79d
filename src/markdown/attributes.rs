//! The `name="value"` attributes of DocFX's `:::name ...:::` lines and `[!div ...]` markers:
//! names are letters, digits and hyphens (case-insensitive), values are double-quoted, a
//! backslash escapes the next character, and a name may appear once.

use std::fmt::Write;

/// Attributes in the order they were written; names lower-cased.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Attributes(pub Vec<(String, String)>);

impl Attributes {
    pub fn get(&self, name: &str) -> Option<&str> {
        self.0
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }

    /// The first name that is not one of `known`.
    pub fn unknown<'a>(&'a self, known: &[&str]) -> Option<&'a str> {
        self.0
            .iter()
            .map(|(n, _)| n.as_str())
            .find(|n| !known.contains(n))
    }

    /// The attributes as HTML, event handlers (`on...`) and `style` left out.
    pub fn to_html(&self) -> String {
        let mut out = String::new();
        for (name, value) in &self.0 {
            if name.starts_with("on") || name == "style" {
                continue;
            }
            let _ = write!(out, " {name}=\"{}\"", escape(value));
        }
        out
    }
}

/// Reads attributes from the start of `text` until its end or, when `stop` is given, until that
/// string (the closing `:::`). Returns them and the offset just past what was read (past `stop`
/// when it ended there), or a message saying what is wrong.
pub(crate) fn parse(text: &str, stop: Option<&str>) -> Result<(Attributes, usize), String> {
    let bytes = text.as_bytes();
    let mut at = 0;
    let mut found = Attributes::default();
    loop {
        while at < bytes.len() && (bytes[at] == b' ' || bytes[at] == b'\t') {
            at += 1;
        }
        if at == bytes.len() {
            return match stop {
                Some(stop) => Err(format!("`{stop}` is missing at the end")),
                None => Ok((found, at)),
            };
        }
        if let Some(stop) = stop
            && text[at..].starts_with(stop)
        {
            return Ok((found, at + stop.len()));
        }
        let name_len = text[at..]
            .bytes()
            .take_while(|b| b.is_ascii_alphanumeric() || *b == b'-' || *b == b'_')
            .count();
        if name_len == 0 || !bytes[at].is_ascii_alphabetic() {
            return Err(format!(
                "`{}` is not an attribute name",
                text[at..].chars().next().unwrap_or(' ')
            ));
        }
        let name = text[at..at + name_len].to_ascii_lowercase();
        at += name_len;
        while at < bytes.len() && bytes[at] == b' ' {
            at += 1;
        }
        let mut value = String::new();
        if at < bytes.len() && bytes[at] == b'=' {
            at += 1;
            while at < bytes.len() && bytes[at] == b' ' {
                at += 1;
            }
            if at == bytes.len() || bytes[at] != b'"' {
                return Err(format!(
                    "the value of `{name}` must be enclosed in double quotes"
                ));
            }
            at += 1;
            let mut closed = false;
            let mut chars = text[at..].char_indices();
            while let Some((i, c)) = chars.next() {
                match c {
                    '\\' => {
                        if let Some((_, next)) = chars.next() {
                            value.push(next);
                        }
                    }
                    '"' => {
                        at += i + 1;
                        closed = true;
                        break;
                    }
                    c => value.push(c),
                }
            }
            if !closed {
                return Err(format!("the value of `{name}` has no closing quote"));
            }
        }
        if found.get(&name).is_some() {
            return Err(format!("`{name}` is given twice"));
        }
        found.0.push((name, value));
    }
}

/// `text` made safe inside a double-quoted HTML attribute.
pub(crate) fn escape(text: &str) -> String {
    crate::bilingual::escape_attribute(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn attributes_until_the_closing_colons() {
        let (a, end) = parse(
            r#" type="content" source="a b.png" alt-text="say \"hi\"":::rest"#,
            Some(":::"),
        )
        .unwrap();
        assert_eq!(a.get("type"), Some("content"));
        assert_eq!(a.get("source"), Some("a b.png"));
        assert_eq!(a.get("alt-text"), Some("say \"hi\""));
        assert_eq!(
            &r#" type="content" source="a b.png" alt-text="say \"hi\"":::rest"#[end..],
            "rest"
        );
    }

    #[test]
    fn bad_attributes_are_reported() {
        assert!(parse(r#"target="pdf" target="docs""#, None).is_err());
        assert!(parse(r#"*="pdf""#, None).is_err());
        assert!(parse(r#"range="open"#, None).is_err());
        assert!(parse(r#"pivot=foo"#, None).is_err());
        assert!(parse(r#"source="a.png""#, Some(":::")).is_err());
    }

    #[test]
    fn html_leaves_out_event_handlers() {
        let (a, _) = parse(r#"class="x" onclick="evil()" id="y""#, None).unwrap();
        assert_eq!(a.to_html(), r#" class="x" id="y""#);
    }
}
