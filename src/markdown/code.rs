//! Code from files: `:::code language= source= range= id= highlight=:::` and
//! `[!code-lang[name](path#region "title")]` (also `?range=`, `?name=`, `?highlight=`,
//! `?start=&end=`, `?dedent=` and `#L3-L9`), and the `lang-` class of fenced code.
//!
//! The code comes from the file (read through [`super::Files`]: the locale first, then the
//! English source), cut to line ranges or to a named region. Regions are marked the way
//! DocFX reads them, in any language: `#region name` … `#endregion`, `// <name>` … `// </name>`,
//! `<!-- <name> -->` … `<!-- </name> -->`, `# <name>`, `' <name>`, `-- <name>`, `rem <name>`,
//! `% <name>`, `; <name>`, `/* <name> */`; a name also matches `snippet<name>`. Marker lines are
//! left out of the code and the common indentation is removed. Highlighted lines (counted in
//! the shown code) are wrapped in `<mark class="line-highlight">`.

use super::attributes::{self, Attributes};
use super::doc::Snippet;
use super::render::Renderer;
use crate::code::Code;

/// `(before name, after name)` of the start and end marker lines of each region style, white
/// space removed; `None` as end name means the end line carries no name (`#endregion`).
const REGION_STYLES: &[(&str, &str, &str, &str)] = &[
    ("//<", ">", "//</", ">"),
    ("<!--<", ">-->", "<!--</", ">-->"),
    ("'<", ">", "'</", ">"),
    ("--<", ">", "--</", ">"),
    ("#<", ">", "#</", ">"),
    ("rem<", ">", "rem</", ">"),
    ("%<", ">", "%</", ">"),
    (";<", ">", ";</", ">"),
    ("/*<", ">*/", "/*</", ">*/"),
];

/// The snippet of a `:::code ...:::` line, or what is wrong with it.
pub(crate) fn from_attributes(attrs: &Attributes) -> Result<Snippet, String> {
    if let Some(name) = attrs.unknown(&[
        "source",
        "language",
        "range",
        "id",
        "highlight",
        "interactive",
    ]) {
        return Err(format!("unexpected attribute `{name}`"));
    }
    let path = attrs.get("source").unwrap_or_default().trim().to_string();
    if path.is_empty() {
        return Err("`source` is required".to_string());
    }
    let language = attrs
        .get("language")
        .filter(|l| !l.is_empty())
        .map(str::to_ascii_lowercase)
        .unwrap_or_else(|| language_of(&path));
    let some = |name: &str| {
        attrs
            .get(name)
            .filter(|v| !v.trim().is_empty())
            .map(str::to_string)
    };
    Ok(Snippet {
        path,
        language: strip_interactive(&language).to_string(),
        region: some("id"),
        range: some("range"),
        highlight: some("highlight"),
        name: None,
        title: None,
    })
}

/// `[!code-lang[name](path?query#bookmark "title")]`, the whole (trimmed) line.
pub(crate) fn snippet_syntax(line: &str) -> Option<Snippet> {
    let head = "[!code";
    if line.len() < head.len()
        || !line.as_bytes()[..head.len()].eq_ignore_ascii_case(head.as_bytes())
    {
        return None;
    }
    let rest = &line[head.len()..];
    let (language, rest) = match rest.strip_prefix('-') {
        Some(r) => {
            let end = r.find('[')?;
            (r[..end].trim().to_ascii_lowercase(), &r[end..])
        }
        None => (String::new(), rest),
    };
    let rest = rest.strip_prefix('[')?;
    let name_end = rest.find(']')?;
    let name = rest[..name_end].trim().to_string();
    let rest = rest[name_end + 1..].trim_start().strip_prefix('(')?;
    let inner = rest
        .trim_end()
        .strip_suffix(']')?
        .trim_end()
        .strip_suffix(')')?;
    let inner = inner.trim();
    // The link: path, then ?query and #bookmark, then an optional "title".
    let (link, title) = match inner.find('"') {
        Some(q) => {
            let title = inner[q + 1..].strip_suffix('"')?;
            (inner[..q].trim(), Some(title.to_string()))
        }
        None => (inner, None),
    };
    let path_end = link.find(['?', '#']).unwrap_or(link.len());
    let path = link[..path_end].trim().to_string();
    if path.is_empty() {
        return None;
    }
    let language = if language.is_empty() {
        language_of(&path)
    } else {
        strip_interactive(&language).to_string()
    };
    let mut snippet = Snippet {
        path,
        language,
        name: Some(name).filter(|n| !n.is_empty()),
        title,
        ..Snippet::default()
    };
    let after = &link[path_end..];
    let (query, bookmark) = match after.find('#') {
        Some(h) => (&after[..h], Some(&after[h + 1..])),
        None => (after, None),
    };
    let (mut start, mut end) = (None, None);
    for pair in query
        .trim_start_matches('?')
        .split('&')
        .filter(|p| !p.is_empty())
    {
        let (key, value) = pair.split_once('=')?;
        match key.to_ascii_lowercase().as_str() {
            "name" => snippet.region = Some(value.to_string()),
            "range" => snippet.range = Some(value.to_string()),
            "highlight" => snippet.highlight = Some(value.to_string()),
            "start" => start = Some(value.to_string()),
            "end" => end = Some(value.to_string()),
            _ => {}
        }
    }
    if let Some(start) = start {
        snippet.range = Some(format!("{start}-{}", end.unwrap_or_default()));
    }
    if let Some(bookmark) = bookmark.map(str::trim).filter(|b| !b.is_empty()) {
        match bookmark_range(bookmark) {
            Some(range) => snippet.range = Some(range),
            None => snippet.region = Some(bookmark.to_string()),
        }
    }
    Some(snippet)
}

/// `L3-L9` or `L3` as a range `3-9`.
fn bookmark_range(bookmark: &str) -> Option<String> {
    let (a, b) = match bookmark.split_once('-') {
        Some((a, b)) => (a, Some(b)),
        None => (bookmark, None),
    };
    let number = |s: &str| {
        s.strip_prefix(['L', 'l'])
            .filter(|n| !n.is_empty() && n.bytes().all(|c| c.is_ascii_digit()))
            .map(str::to_string)
    };
    let start = number(a)?;
    match b {
        Some(b) => Some(format!("{start}-{}", number(b)?)),
        None => Some(format!("{start}-{start}")),
    }
}

fn strip_interactive(language: &str) -> &str {
    language.strip_suffix("-interactive").unwrap_or(language)
}

/// The language of fenced code's info string: its first word, `-interactive` dropped.
pub(crate) fn fence_language(info: &str) -> Option<&str> {
    let word = info.split_whitespace().next()?;
    let word = word.strip_prefix('{').unwrap_or(word);
    Some(strip_interactive(word)).filter(|w| !w.is_empty())
}

/// The language a file's extension names.
pub(crate) fn language_of(path: &str) -> String {
    let extension = path
        .rsplit_once('.')
        .map_or("", |(_, e)| e)
        .to_ascii_lowercase();
    let language = match extension.as_str() {
        "cs" => "csharp",
        "vb" => "vb",
        "fs" | "fsx" => "fsharp",
        "js" | "mjs" => "javascript",
        "ts" => "typescript",
        "py" => "python",
        "ps1" | "psm1" => "powershell",
        "sh" | "bash" => "bash",
        "yml" | "yaml" => "yaml",
        "h" | "hpp" | "cc" | "cpp" | "c" => "cpp",
        "rs" => "rust",
        "md" => "markdown",
        "htm" => "html",
        "txt" => "text",
        "bat" | "cmd" => "batchfile",
        other => other,
    };
    language.to_string()
}

/// Line numbers (1-based) in `ranges` such as `2,4-7,9-`, for a text of `count` lines.
fn line_set(ranges: &str, count: usize) -> Result<Vec<bool>, String> {
    let mut set = vec![false; count];
    for part in ranges.split(',').map(str::trim).filter(|p| !p.is_empty()) {
        let number = |s: &str| {
            s.trim()
                .parse::<usize>()
                .map_err(|_| format!("`{ranges}` is not a list of line ranges"))
        };
        let (first, last) = match part.split_once('-') {
            Some((a, b)) => (
                number(a)?,
                if b.trim().is_empty() {
                    count
                } else {
                    number(b)?
                },
            ),
            None => {
                let n = number(part)?;
                (n, n)
            }
        };
        for line in first.max(1)..=last.min(count) {
            set[line - 1] = true;
        }
    }
    Ok(set)
}

/// The lines of `text` a snippet shows, dedented, or what is wrong.
pub(crate) fn extract(text: &str, snippet: &Snippet) -> Result<Vec<String>, String> {
    let lines: Vec<&str> = text.lines().collect();
    let mut wanted = if let Some(region) = &snippet.region {
        region_lines(&lines, region)
            .ok_or_else(|| format!("region `{region}` not found in `{}`", snippet.path))?
    } else if let Some(range) = &snippet.range {
        line_set(range, lines.len())?
    } else {
        vec![true; lines.len()]
    };
    wanted.resize(lines.len(), false);
    let chosen: Vec<String> = lines
        .iter()
        .zip(&wanted)
        .filter(|(_, w)| **w)
        .map(|(l, _)| expand_tabs(l))
        .collect();
    let indent = chosen
        .iter()
        .filter(|l| !l.trim().is_empty())
        .map(|l| l.len() - l.trim_start_matches(' ').len())
        .min()
        .unwrap_or(0);
    Ok(chosen
        .into_iter()
        .map(|l| {
            l.get(indent..)
                .map_or_else(|| l.trim_start().to_string(), str::to_string)
        })
        .collect())
}

fn expand_tabs(line: &str) -> String {
    if !line.starts_with('\t') && !line.contains("\t ") {
        return line.to_string();
    }
    let mut out = String::with_capacity(line.len() + 8);
    let mut leading = true;
    for c in line.chars() {
        if leading && c == '\t' {
            let spaces = 4 - out.len() % 4;
            out.extend(std::iter::repeat_n(' ', spaces));
        } else {
            leading &= c == ' ';
            out.push(c);
        }
    }
    out
}

/// The lines of region `name`, marker lines left out.
fn region_lines(lines: &[&str], name: &str) -> Option<Vec<bool>> {
    let name = name.to_ascii_lowercase();
    let prefixed = format!("snippet{name}");
    let squeezed: Vec<String> = lines
        .iter()
        .map(|l| {
            l.chars()
                .filter(|c| !c.is_whitespace())
                .collect::<String>()
                .to_ascii_lowercase()
        })
        .collect();
    let found = |start: usize, end: usize, markers: &[usize]| {
        let mut set = vec![false; lines.len()];
        for (i, slot) in set.iter_mut().enumerate().take(end).skip(start + 1) {
            *slot = !markers.contains(&i);
        }
        set
    };
    // `#region name` … `#endregion`, nested.
    let mut stack: Vec<(String, usize)> = Vec::new();
    let mut markers = Vec::new();
    let mut hit = None;
    for (i, line) in squeezed.iter().enumerate() {
        if line.starts_with("#endregion") {
            markers.push(i);
            if let Some((tag, start)) = stack.pop()
                && hit.is_none()
                && (tag == name || tag == prefixed)
            {
                hit = Some((start, i));
            }
        } else if let Some(tag) = line.strip_prefix("#region") {
            markers.push(i);
            stack.push((tag.to_string(), i));
        }
    }
    if let Some((start, end)) = hit {
        return Some(found(start, end, &markers));
    }
    for (open, open_end, close, close_end) in REGION_STYLES {
        let tag = |line: &str, before: &str, after: &str| {
            line.strip_prefix(before)?
                .strip_suffix(after)
                .filter(|t| {
                    !t.is_empty()
                        && t.chars()
                            .all(|c| c.is_alphanumeric() || matches!(c, '_' | '.' | '-'))
                })
                .map(str::to_string)
        };
        let mut markers = Vec::new();
        let mut start = None;
        let mut end = None;
        for (i, line) in squeezed.iter().enumerate() {
            if let Some(t) = tag(line, close, close_end) {
                markers.push(i);
                if start.is_some() && end.is_none() && (t == name || t == prefixed) {
                    end = Some(i);
                }
            } else if let Some(t) = tag(line, open, open_end) {
                markers.push(i);
                if start.is_none() && (t == name || t == prefixed) {
                    start = Some(i);
                }
            }
        }
        if let (Some(start), Some(end)) = (start, end) {
            return Some(found(start, end, &markers));
        }
    }
    None
}

/// Writes the snippet at `offset`, or a notice with a problem when its file or region is missing.
pub(crate) fn render(snippet: &Snippet, offset: usize, r: &mut Renderer, out: &mut String) {
    let file = r.file().to_string();
    let resolved = super::includes::resolve(&file, &snippet.path)
        .ok()
        .or_else(|| super::includes::below_root(&file, &snippet.path));
    let text = resolved
        .as_deref()
        .and_then(|p| r.read(p).map(|t| t.into_owned()));
    let Some(text) = text else {
        r.problem(
            Code::MissingCode,
            offset,
            format!(
                "code sample `{}` not found in this locale nor in the English source",
                snippet.path
            ),
        );
        missing(r, out);
        return;
    };
    let lines = match extract(&text, snippet) {
        Ok(lines) => lines,
        Err(message) => {
            let code = if snippet.region.is_some() {
                Code::MissingRegion
            } else {
                Code::DfmSyntax
            };
            r.problem(code, offset, message);
            missing(r, out);
            return;
        }
    };
    let highlighted = match snippet
        .highlight
        .as_deref()
        .map(|h| line_set(h, lines.len()))
    {
        Some(Ok(set)) => set,
        Some(Err(message)) => {
            r.problem(Code::DfmSyntax, offset, message);
            Vec::new()
        }
        None => Vec::new(),
    };
    out.push_str("<pre><code");
    if !snippet.language.is_empty() {
        out.push_str(&format!(
            " class=\"lang-{}\"",
            attributes::escape(&snippet.language)
        ));
    }
    if let Some(name) = &snippet.name {
        out.push_str(&format!(" name=\"{}\"", attributes::escape(name)));
    }
    if let Some(title) = &snippet.title {
        out.push_str(&format!(" title=\"{}\"", attributes::escape(title)));
    }
    if let Some(highlight) = &snippet.highlight {
        out.push_str(&format!(
            " highlight-lines=\"{}\"",
            attributes::escape(highlight)
        ));
    }
    out.push('>');
    for (i, line) in lines.iter().enumerate() {
        let line = attributes::escape(line);
        if highlighted.get(i).copied().unwrap_or(false) {
            out.push_str(&format!("<mark class=\"line-highlight\">{line}</mark>\n"));
        } else {
            out.push_str(&line);
            out.push('\n');
        }
    }
    out.push_str("</code></pre>\n");
}

fn missing(r: &mut Renderer, out: &mut String) {
    let notice = attributes::escape(&r.label("code-missing"));
    out.push_str(&format!("<p class=\"code-missing\">{notice}</p>\n"));
}

#[cfg(test)]
mod tests {
    use super::*;

    const CODE: &str = "// <snippet1>\nusing System;\n\npublic struct T\n{\n   int a;\n}\n// </snippet1>\n\n#region 2\ncsr\n#endregion\n";

    fn snippet(line: &str) -> Snippet {
        snippet_syntax(line).unwrap_or_else(|| panic!("{line}"))
    }

    #[test]
    fn snippet_links() {
        let s =
            snippet("[!code-cs[Main](~/code/code.cs?highlight=3-4&range=4-7,15-20 \"Lines 3-4\")]");
        assert_eq!(
            (s.path.as_str(), s.language.as_str()),
            ("~/code/code.cs", "cs")
        );
        assert_eq!(s.range.as_deref(), Some("4-7,15-20"));
        assert_eq!(s.highlight.as_deref(), Some("3-4"));
        assert_eq!(s.title.as_deref(), Some("Lines 3-4"));
        assert_eq!(s.name.as_deref(), Some("Main"));
        assert_eq!(
            snippet("[!code-azurecli-interactive[](a.code)]").language,
            "azurecli"
        );
        assert_eq!(
            snippet("[!code[x](a.cs#L2-L3)]").range.as_deref(),
            Some("2-3")
        );
        assert_eq!(
            snippet("[!code[x](a.cs#tag)]").region.as_deref(),
            Some("tag")
        );
        assert_eq!(
            snippet("[!code[x](a.cs?name=tag)]").region.as_deref(),
            Some("tag")
        );
        assert_eq!(snippet("[!code[x](a.xml)]").language, "xml");
        assert!(snippet_syntax("[!code-cs[x](a.cs) trailing").is_none());
    }

    #[test]
    fn regions_ranges_and_dedent() {
        let s = |region: Option<&str>, range: Option<&str>| Snippet {
            path: "c.cs".into(),
            region: region.map(Into::into),
            range: range.map(Into::into),
            ..Snippet::default()
        };
        assert_eq!(
            extract(CODE, &s(Some("1"), None)).unwrap(),
            [
                "using System;",
                "",
                "public struct T",
                "{",
                "   int a;",
                "}"
            ]
        );
        assert_eq!(extract(CODE, &s(Some("2"), None)).unwrap(), ["csr"]);
        assert_eq!(
            extract(CODE, &s(None, Some("5-6"))).unwrap(),
            ["{", "   int a;"]
        );
        assert_eq!(
            extract("  a\n    b\n", &s(None, None)).unwrap(),
            ["a", "  b"]
        );
        assert!(extract(CODE, &s(Some("nope"), None)).is_err());
        assert!(extract(CODE, &s(None, Some("a-b"))).is_err());
        let xml = "<a>\n  <!-- <part> -->\n  <b/>\n  <!-- </part> -->\n</a>\n";
        assert_eq!(extract(xml, &s(Some("part"), None)).unwrap(), ["<b/>"]);
    }

    #[test]
    fn fence_languages() {
        assert_eq!(fence_language("csharp-interactive"), Some("csharp"));
        assert_eq!(fence_language("cs title=x"), Some("cs"));
        assert_eq!(fence_language(""), None);
    }
}
