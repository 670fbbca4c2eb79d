//! `[!INCLUDE[title](path)]`: the markdown of another file, rendered in place. On a line of its
//! own it is a block; inside a line (a table cell, a sentence) it is inline content. The path
//! is relative to the file it is written in (`~/` is the locale root); the included file's
//! front matter is dropped, its own includes are followed, and its relative links are rebased
//! to it (the [`super::Links`] rewriter is told which file each link was written in). A missing
//! file or a cycle is a problem at the include, and the include's text stays visible.

use super::doc::Doc;
use super::render::Renderer;
use super::scan;
use crate::code::Code;

/// `[!INCLUDE[title](path)]` at the start of `text`: its length, title and path.
pub(crate) fn syntax(text: &str) -> Option<(usize, String, String)> {
    let head = "[!include";
    if text.len() < head.len()
        || !text.as_bytes()[..head.len()].eq_ignore_ascii_case(head.as_bytes())
    {
        return None;
    }
    let mut at = head.len();
    let bytes = text.as_bytes();
    if bytes.get(at) == Some(&b'+') {
        at += 1;
    }
    while bytes.get(at) == Some(&b' ') {
        at += 1;
    }
    let (title, after_title) = bracketed(text, at, b'[', b']')?;
    at = after_title;
    if bytes.get(at) != Some(&b'(') {
        return None;
    }
    let close = at + text[at..].find(')')?;
    let inside = text[at + 1..close].trim();
    let path = match inside.strip_prefix('<') {
        Some(rest) => rest.split('>').next()?.trim(),
        None => inside.split_whitespace().next()?,
    };
    if bytes.get(close + 1) != Some(&b']') || path.is_empty() {
        return None;
    }
    Some((close + 2, title, path.to_string()))
}

/// The text between `open` at `at` and the matching unescaped `close`, unescaped; and the
/// offset past `close`.
fn bracketed(text: &str, at: usize, open: u8, close: u8) -> Option<(String, usize)> {
    if text.as_bytes().get(at) != Some(&open) {
        return None;
    }
    let mut out = String::new();
    let mut chars = text[at + 1..].char_indices();
    while let Some((i, c)) = chars.next() {
        match c {
            '\\' => out.extend(chars.next().map(|(_, c)| c)),
            c if c as u32 == u32::from(close) => {
                return Some((out.trim().to_string(), at + 1 + i + 1));
            }
            c => out.push(c),
        }
    }
    None
}

/// `path` as written in `file` (both relative to the locale root), resolved to a path relative
/// to the locale root: `Err` when it climbs above the root.
pub(crate) fn resolve(file: &str, path: &str) -> Result<String, String> {
    let path = percent_decode(path.split(['#', '?']).next().unwrap_or(path));
    let (base, rest) =
        if let Some(rest) = path.strip_prefix("~/").or_else(|| path.strip_prefix('/')) {
            ("", rest.to_string())
        } else {
            (
                file.rsplit_once('/').map_or("", |(dir, _)| dir),
                path.clone(),
            )
        };
    let mut parts: Vec<&str> = base.split('/').filter(|p| !p.is_empty()).collect();
    for part in rest.split(['/', '\\']) {
        match part {
            "" | "." => {}
            ".." => {
                if parts.pop().is_none() {
                    return Err(path);
                }
            }
            part => parts.push(part),
        }
    }
    Ok(parts.join("/"))
}

/// For a path that climbs above the locale root by going up and then into a folder, such as
/// `../hololens/includes/a.md` written at the root of the `hololens` docset: the same path
/// read as starting at the root (the folder is the docset itself, under its repository name).
pub(crate) fn below_root(file: &str, path: &str) -> Option<String> {
    let depth = file.matches('/').count();
    let mut rest = path.trim_start_matches("./");
    for _ in 0..=depth {
        rest = rest.strip_prefix("../")?;
    }
    let (_, below) = rest.split_once('/')?;
    resolve("", below).ok()
}

fn percent_decode(text: &str) -> String {
    if !text.contains('%') {
        return text.to_string();
    }
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = |b: u8| (b as char).to_digit(16);
        match (
            bytes[i],
            bytes.get(i + 1).copied().and_then(hex),
            bytes.get(i + 2).copied().and_then(hex),
        ) {
            (b'%', Some(hi), Some(lo)) => {
                out.push((hi * 16 + lo) as u8);
                i += 3;
            }
            (b, _, _) => {
                out.push(b);
                i += 1;
            }
        }
    }
    String::from_utf8(out).unwrap_or_else(|_| text.to_string())
}

/// The markdown body of an included file: its front matter (and a byte-order mark) dropped.
/// Returns the offset where the body starts.
pub(crate) fn body_start(text: &str) -> usize {
    let bom = if text.starts_with('\u{feff}') { 3 } else { 0 };
    let mut lines = text[bom..].split_inclusive('\n');
    match lines.next() {
        Some(first) if first.trim_end() == "---" => {
            let mut at = bom + first.len();
            for line in lines {
                at += line.len();
                if matches!(line.trim_end(), "---" | "...") {
                    return at;
                }
            }
            bom
        }
        _ => bom,
    }
}

/// Renders the include `path` written at `offset` of the current file.
pub(crate) fn render(
    path: &str,
    title: &str,
    block: bool,
    offset: usize,
    r: &mut Renderer,
    out: &mut String,
) {
    let literal = |out: &mut String| {
        let text = crate::bilingual::escape_attribute(&format!("[!INCLUDE[{title}]({path})]"));
        if block {
            out.push_str(&format!("<p class=\"include-missing\">{text}</p>\n"));
        } else {
            out.push_str(&format!("<span class=\"include-missing\">{text}</span>"));
        }
    };
    let file = r.file().to_string();
    let candidates: Vec<String> = match resolve(&file, path) {
        Ok(resolved) => vec![resolved],
        Err(_) => below_root(&file, path).into_iter().collect(),
    };
    let found = candidates
        .iter()
        .find_map(|p| r.read(p).map(|text| (p.clone(), text.into_owned())));
    let Some((resolved, text)) = found else {
        let tried = candidates
            .first()
            .map_or(String::new(), |p| format!(" (`{p}`)"));
        r.problem(
            Code::MissingInclude,
            offset,
            format!("include `{path}`{tried} not found in this locale nor in the English source"),
        );
        literal(out);
        return;
    };
    if let Some(chain) = r.include_cycle(&resolved) {
        r.problem(
            Code::IncludeCycle,
            offset,
            format!("include cycle: {chain} → `{resolved}`; this include is not followed"),
        );
        literal(out);
        return;
    }
    let start = body_start(&text);
    r.enter_include(&resolved, offset, start);
    let mut problems = Vec::new();
    let doc: Doc = scan::parse(&text[start..], &mut problems);
    r.record_parse_problems(problems);
    if block {
        r.doc(&doc, out);
    } else {
        r.inline(&doc, out);
    }
    r.leave_include();
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn include_syntax() {
        assert_eq!(
            syntax("[!INCLUDE [solutions](includes/hlsolutions.md)] rest"),
            Some((
                47,
                "solutions".to_string(),
                "includes/hlsolutions.md".to_string()
            ))
        );
        assert_eq!(
            syntax("[!include[](<a b.md> \"t\")]").map(|s| s.2),
            Some("a b.md".to_string())
        );
        assert_eq!(syntax("[!INCLUDE[x](y.md)"), None);
        assert_eq!(syntax("[!NOTE]"), None);
    }

    #[test]
    fn paths_resolve_against_the_including_file() {
        assert_eq!(
            resolve("a/b.md", "../includes/x.md").unwrap(),
            "includes/x.md"
        );
        assert_eq!(resolve("a/b.md", "inc/x%20y.md").unwrap(), "a/inc/x y.md");
        assert_eq!(
            resolve("a/b.md", "~/includes/x.md").unwrap(),
            "includes/x.md"
        );
        assert!(resolve("b.md", "../hololens/includes/x.md").is_err());
        assert_eq!(
            below_root("b.md", "../hololens/includes/x.md").as_deref(),
            Some("includes/x.md")
        );
        assert_eq!(below_root("b.md", "includes/x.md"), None);
    }

    #[test]
    fn front_matter_is_dropped() {
        let text = "---\ntitle: x\n---\n# Body\n";
        assert_eq!(&text[body_start(text)..], "# Body\n");
        assert_eq!(body_start("# No front matter\n---\n"), 0);
        assert_eq!(body_start("---\nunterminated\n"), 0);
    }
}
