//! A locale's table of contents from its DocFX `TOC.yml`: a nested list of `name` and `href`
//! (or `topicHref`) with `items`. Names a translation tool wrapped in sxs spans are read in the
//! half asked for, as plain text.

use std::path::Path;

use serde::Deserialize;

use crate::bilingual::plain_text;
use crate::code::Code;
use crate::diagnostic::Diagnostic;
use crate::parse::{Half, sxs};

/// One entry of a table of contents.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    pub title: String,
    /// The article (path under the locale folder, `/`-separated) or the URL it links to.
    pub target: Option<Target>,
    pub children: Vec<Entry>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Target {
    Article(String),
    Url(String),
}

#[derive(Deserialize)]
struct RawEntry {
    name: Option<String>,
    href: Option<String>,
    #[serde(rename = "topicHref")]
    topic_href: Option<String>,
    #[serde(default)]
    items: Vec<RawEntry>,
}

/// The file names DocFX reads, in the order it prefers them.
const FILE_NAMES: &[&str] = &["TOC.yml", "toc.yml"];

/// Reads the table of contents in the folder `root`: `Ok(None)` when it has none, an error
/// naming the line and column when it is not a list of entries.
pub fn read(root: &Path, half: Half) -> Result<Option<Vec<Entry>>, Diagnostic> {
    let Some(file) = FILE_NAMES
        .iter()
        .map(|name| root.join(name))
        .find(|f| f.is_file())
    else {
        return Ok(None);
    };
    let bytes = std::fs::read(&file)
        .map_err(|e| Diagnostic::error(Code::Toc, &file, (0, 0), format!("cannot read: {e}")))?;
    let (text, _) = crate::source::decode(&file, &bytes);
    parse(&text, &file, half).map(Some)
}

/// Parses the text of a `TOC.yml` found at `file`.
pub fn parse(text: &str, file: &Path, half: Half) -> Result<Vec<Entry>, Diagnostic> {
    if text.trim().is_empty() {
        return Ok(Vec::new());
    }
    let raw: Vec<RawEntry> = serde_saphyr::from_str(text).map_err(|e| {
        let (line, column) = e
            .location()
            .map_or((1, 1), |l| (l.line() as usize, l.column() as usize));
        let message = e.to_string();
        let first = message.lines().next().unwrap_or("invalid YAML");
        Diagnostic::error(
            Code::Toc,
            file,
            (line.max(1), column.max(1)),
            format!("table of contents is not a list of entries: {first}"),
        )
    })?;
    Ok(raw.into_iter().map(|r| entry(r, file, half)).collect())
}

fn entry(raw: RawEntry, file: &Path, half: Half) -> Entry {
    let name = raw.name.unwrap_or_default();
    let scan = sxs::scan(&name, file);
    let name = sxs::rewrite(&name, 0..name.len(), &scan, half).text;
    let target = raw
        .topic_href
        .or(raw.href)
        .and_then(|href| target(href.trim()));
    Entry {
        title: plain_text(&name),
        target,
        children: raw
            .items
            .into_iter()
            .map(|r| entry(r, file, half))
            .collect(),
    }
}

/// What an `href` points at: a page of the locale (`.md`), a URL, or nothing the site has
/// (a nested `TOC.yml`, a folder).
fn target(href: &str) -> Option<Target> {
    if href.contains("://") {
        return Some(Target::Url(href.to_string()));
    }
    let path = href.split(['#', '?']).next().unwrap_or_default();
    let path = path.trim_start_matches("./").trim_start_matches('/');
    path.ends_with(".md")
        .then(|| Target::Article(path.replace('\\', "/")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_nested_entries_and_unwraps_sxs_names() {
        let text = "- name: <span data-ttu-id=\"a-1\">Begin</span><span class=\"sxs-lookup\"><span data-stu-id=\"a-1\">Start</span></span>\n  href: ./index.md\n  items:\n  - name: Stap **een**\n    href: sub/one.md#x\n  - name: Web\n    href: https://example.test/\n  - name: Deel\n    href: part/TOC.yml\n";
        let toc = parse(text, Path::new("TOC.yml"), Half::Target).unwrap();
        assert_eq!(toc.len(), 1);
        assert_eq!(toc[0].title, "Begin");
        assert_eq!(toc[0].target, Some(Target::Article("index.md".into())));
        let children: Vec<_> = toc[0].children.iter().map(|c| c.title.as_str()).collect();
        assert_eq!(children, ["Stap een", "Web", "Deel"]);
        assert_eq!(
            toc[0].children[0].target,
            Some(Target::Article("sub/one.md".into()))
        );
        assert_eq!(
            toc[0].children[1].target,
            Some(Target::Url("https://example.test/".into()))
        );
        assert_eq!(toc[0].children[2].target, None);
        let english = parse(text, Path::new("TOC.yml"), Half::Source).unwrap();
        assert_eq!(english[0].title, "Start");
    }

    #[test]
    fn a_toc_that_is_not_a_list_is_a_diagnostic_with_its_position() {
        let err = parse(
            "- name: a\n  items: 3\n",
            Path::new("TOC.yml"),
            Half::Target,
        )
        .unwrap_err();
        assert_eq!(err.code, "toc");
        assert_eq!(err.line, 2);
    }
}
