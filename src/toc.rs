//! Tables of contents: DocFX's `TOC.md` (headings with links, nested by level; a heading
//! without a link is a section title) and `TOC.yml` (`items` of `name` with `href`,
//! `topicHref`, `tocHref` and `expanded`), with every entry's line so that check can point at
//! it. An `href` to another TOC file or to a folder with one nests that TOC's entries under the
//! entry. Names that a translation tool wrapped in sxs spans are read in the half asked for.
//!
//! Paths are resolved against the TOC file's folder to paths under the locale folder.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use pulldown_cmark::{Event, Parser, Tag};
use serde::Deserialize;
use serde_saphyr::Spanned;

use crate::code::Code;
use crate::diagnostic::Diagnostic;
use crate::markdown::plain_text;
use crate::parse::{Half, front_matter, sxs};
use crate::paths::resolve;
use crate::source::LineIndex;

/// One entry of a table of contents.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    pub title: String,
    pub target: Option<Target>,
    /// The `href` as written, for messages.
    pub href: Option<String>,
    /// Open in the navigation from the start (`expanded: true`).
    pub expanded: bool,
    pub children: Vec<Entry>,
    /// Where the entry is written: the TOC file (as diagnostics name it), line and column.
    pub file: PathBuf,
    pub line: usize,
    pub column: usize,
}

/// What an entry links to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Target {
    /// A page of the locale: its path under the locale folder.
    Page(String),
    /// An address on the web.
    Url(String),
    /// A path under the locale folder that is no page (a folder, a file of another type).
    File(String),
}

/// A table of contents file and its entries.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Toc {
    /// The path of the TOC file under the locale folder.
    pub path: String,
    pub entries: Vec<Entry>,
}

impl Toc {
    /// The folder (under the locale folder) whose pages this TOC serves; empty for the root.
    pub fn folder(&self) -> &str {
        self.path.rsplit_once('/').map_or("", |(folder, _)| folder)
    }

    /// Every entry in reading order, with its depth (0 for the top level).
    pub fn flatten(&self) -> Vec<(&Entry, usize)> {
        fn walk<'t>(entries: &'t [Entry], depth: usize, out: &mut Vec<(&'t Entry, usize)>) {
            for entry in entries {
                out.push((entry, depth));
                walk(&entry.children, depth + 1, out);
            }
        }
        let mut out = Vec::new();
        walk(&self.entries, 0, &mut out);
        out
    }
}

/// Reads the TOC files of one locale.
pub struct Reader<'r> {
    /// The text of a file under the locale folder, and how diagnostics name it.
    pub read: &'r dyn Fn(&str) -> Option<(String, PathBuf)>,
    /// Which half of sxs names to keep.
    pub half: Half,
    /// Whether a path under the locale folder is a page (for telling pages from other files).
    pub is_page: &'r dyn Fn(&str) -> bool,
}

impl Reader<'_> {
    /// Reads every TOC of `paths` (TOC files under the locale folder), the shallowest first;
    /// the ones another TOC nests are read as part of it and left out of the result.
    pub fn read_all(&self, paths: &[String]) -> (Vec<Toc>, Vec<Diagnostic>) {
        let mut diagnostics = Vec::new();
        let mut nested = BTreeSet::new();
        let mut tocs = Vec::new();
        let mut paths: Vec<&String> = paths.iter().collect();
        paths.sort_by_key(|p| (p.matches('/').count(), p.as_str()));
        for path in paths {
            if nested.contains(path) {
                continue;
            }
            let mut stack = vec![path.clone()];
            if let Some(entries) = self.read_one(path, &mut stack, &mut nested, &mut diagnostics) {
                tocs.push(Toc {
                    path: path.clone(),
                    entries,
                });
            }
        }
        (tocs, diagnostics)
    }

    fn read_one(
        &self,
        path: &str,
        stack: &mut Vec<String>,
        nested: &mut BTreeSet<String>,
        diagnostics: &mut Vec<Diagnostic>,
    ) -> Option<Vec<Entry>> {
        let (text, file) = (self.read)(path)?;
        let folder = path.rsplit_once('/').map_or("", |(f, _)| f);
        let parsed = if path.to_ascii_lowercase().ends_with(".md") {
            Ok(parse_md(&text))
        } else {
            parse_yml(&text, &file)
        };
        let raw = match parsed {
            Ok(raw) => raw,
            Err(d) => {
                diagnostics.push(d);
                return None;
            }
        };
        Some(
            raw.into_iter()
                .map(|r| self.entry(r, folder, &file, stack, nested, diagnostics))
                .collect(),
        )
    }

    fn entry(
        &self,
        raw: RawEntry,
        folder: &str,
        file: &Path,
        stack: &mut Vec<String>,
        nested: &mut BTreeSet<String>,
        diagnostics: &mut Vec<Diagnostic>,
    ) -> Entry {
        let scan = sxs::scan(&raw.name, file);
        let name = sxs::rewrite(&raw.name, 0..raw.name.len(), &scan, self.half).text;
        let mut children: Vec<Entry> = raw
            .children
            .into_iter()
            .map(|r| self.entry(r, folder, file, stack, nested, diagnostics))
            .collect();
        let mut target = raw
            .href
            .as_deref()
            .and_then(|href| self.target(href, folder));
        // An href to another TOC (or a folder holding one) nests that TOC here.
        if let Some(toc) = raw
            .toc_href
            .as_deref()
            .and_then(|href| self.toc_path(href, folder))
            .or_else(|| match &target {
                Some(Target::File(path)) => self.toc_path(path, ""),
                _ => None,
            })
        {
            if stack.contains(&toc) {
                diagnostics.push(Diagnostic::error(
                    Code::Toc,
                    file,
                    (raw.line, raw.column),
                    format!("`{toc}` nests itself; its entries are left out here"),
                ));
            } else {
                stack.push(toc.clone());
                nested.insert(toc.clone());
                if let Some(entries) = self.read_one(&toc, stack, nested, diagnostics) {
                    children.extend(entries);
                }
                stack.pop();
            }
            target = raw
                .topic_href
                .as_deref()
                .and_then(|href| self.target(href, folder));
        } else if let Some(topic) = raw.topic_href.as_deref() {
            target = self.target(topic, folder);
        }
        Entry {
            title: plain_text(&name),
            target,
            href: raw.href.or(raw.topic_href),
            expanded: raw.expanded,
            children,
            file: file.to_path_buf(),
            line: raw.line,
            column: raw.column,
        }
    }

    /// What `href`, written in a TOC in `folder`, points at.
    fn target(&self, href: &str, folder: &str) -> Option<Target> {
        let href = href.trim();
        if href.is_empty() {
            return None;
        }
        // `/path` is a URL of the published site (DocFX keeps it as it is); `~/` is the
        // docset's root.
        if href.contains("://") || href.starts_with("mailto:") || href.starts_with('/') {
            return Some(Target::Url(href.to_string()));
        }
        let path = href.split(['#', '?']).next().unwrap_or_default();
        let path = resolve(folder, path)?;
        let name = path.rsplit('/').next().unwrap_or(&path);
        if crate::load::is_toc(name) {
            Some(Target::File(path))
        } else if (self.is_page)(&path) || is_page_name(&path) {
            Some(Target::Page(path))
        } else {
            Some(Target::File(path))
        }
    }

    /// The TOC file `href` names: the file itself when it is a TOC, the TOC in the folder it
    /// names otherwise (when there is one).
    fn toc_path(&self, href: &str, folder: &str) -> Option<String> {
        if href.starts_with('/') || href.contains("://") {
            return None;
        }
        let path = resolve(folder, href.split(['#', '?']).next().unwrap_or_default())?;
        let name = path.rsplit('/').next().unwrap_or(&path);
        if crate::load::is_toc(name) {
            return Some(path);
        }
        let folder = path.trim_end_matches('/');
        ["TOC.yml", "toc.yml", "TOC.md", "toc.md"]
            .iter()
            .map(|name| {
                if folder.is_empty() {
                    name.to_string()
                } else {
                    format!("{folder}/{name}")
                }
            })
            .find(|candidate| (self.read)(candidate).is_some())
    }
}

/// `true` for the names of pages: markdown and YAML files.
fn is_page_name(path: &str) -> bool {
    let lower = path.to_ascii_lowercase();
    lower.ends_with(".md") || lower.ends_with(".yml")
}

/// An entry as written, before its paths are resolved.
#[derive(Debug)]
struct RawEntry {
    name: String,
    href: Option<String>,
    topic_href: Option<String>,
    toc_href: Option<String>,
    expanded: bool,
    line: usize,
    column: usize,
    children: Vec<RawEntry>,
}

/// A `TOC.md`: each heading is an entry, a child of the nearest heading above it with a lower
/// level; `# [Title](href)` links it, `# Title` is a section title.
fn parse_md(text: &str) -> Vec<RawEntry> {
    let index = LineIndex::new(text);
    let mut roots: Vec<RawEntry> = Vec::new();
    // The open path of (level, entry) from the top level down.
    let mut open: Vec<(usize, RawEntry)> = Vec::new();
    let close = |open: &mut Vec<(usize, RawEntry)>, roots: &mut Vec<RawEntry>, level: usize| {
        while open.last().is_some_and(|(l, _)| *l >= level) {
            let (_, entry) = open.pop().expect("checked");
            match open.last_mut() {
                Some((_, parent)) => parent.children.push(entry),
                None => roots.push(entry),
            }
        }
    };
    let mut offset = 0;
    let mut in_fence = false;
    for line in text.split_inclusive('\n') {
        let start = offset;
        offset += line.len();
        let trimmed = line.trim();
        if trimmed.starts_with("```") || trimmed.starts_with("~~~") {
            in_fence = !in_fence;
        }
        let level = trimmed.chars().take_while(|c| *c == '#').count();
        if in_fence || level == 0 || level > 6 || !trimmed[level..].starts_with([' ', '\t']) {
            continue;
        }
        let content = trimmed[level..].trim().trim_end_matches('#').trim();
        let (name, href) = heading_link(content);
        let (line, column) = index.position(text, start + line.find('#').unwrap_or(0));
        close(&mut open, &mut roots, level);
        open.push((
            level,
            RawEntry {
                name,
                href,
                topic_href: None,
                toc_href: None,
                expanded: false,
                line,
                column,
                children: Vec::new(),
            },
        ));
    }
    close(&mut open, &mut roots, 0);
    roots
}

/// The name and destination of a heading's content: `[name](href)` or a plain name.
fn heading_link(content: &str) -> (String, Option<String>) {
    let mut name = String::new();
    let mut href = None;
    for event in Parser::new(content) {
        match event {
            Event::Start(Tag::Link { dest_url, .. }) if href.is_none() => {
                href = Some(dest_url.to_string());
            }
            Event::Text(t) | Event::Code(t) => name.push_str(&t),
            // sxs spans inside the name arrive as inline HTML: kept for the sxs reader.
            Event::InlineHtml(html) | Event::Html(html) => name.push_str(&html),
            _ => {}
        }
    }
    (name.trim().to_string(), href)
}

type Text = Spanned<String>;

#[derive(Deserialize)]
struct YmlEntry {
    name: Option<Text>,
    href: Option<String>,
    #[serde(rename = "topicHref")]
    topic_href: Option<String>,
    #[serde(rename = "tocHref")]
    toc_href: Option<String>,
    #[serde(default)]
    expanded: bool,
    #[serde(default)]
    items: Vec<YmlEntry>,
}

/// A `TOC.yml`: a list of entries (or `items:` at the top).
fn parse_yml(text: &str, file: &Path) -> Result<Vec<RawEntry>, Diagnostic> {
    if text.trim().is_empty() {
        return Ok(Vec::new());
    }
    // Two tries rather than an untagged enum, which would lose the entries' positions.
    #[derive(Deserialize)]
    struct Items {
        items: Vec<YmlEntry>,
    }
    let entries = front_matter::from_yaml::<Vec<YmlEntry>>(text)
        .or_else(|list_error| {
            front_matter::from_yaml::<Items>(text)
                .map(|top| top.items)
                .map_err(|_| list_error)
        })
        .map_err(|e| {
            Diagnostic::error(
                Code::Toc,
                file,
                (e.line, e.column),
                format!("table of contents is not a list of entries: {}", e.message),
            )
        })?;
    Ok(entries.into_iter().map(raw_entry).collect())
}

fn raw_entry(entry: YmlEntry) -> RawEntry {
    let (name, line, column) = match entry.name {
        Some(name) => (
            name.value,
            name.referenced.line() as usize,
            name.referenced.column() as usize,
        ),
        None => (String::new(), 0, 0),
    };
    RawEntry {
        name,
        href: entry.href,
        topic_href: entry.topic_href,
        toc_href: entry.toc_href,
        expanded: entry.expanded,
        line,
        column,
        children: entry.items.into_iter().map(raw_entry).collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeMap;

    fn read_tocs(files: &[(&str, &str)], half: Half) -> (Vec<Toc>, Vec<Diagnostic>) {
        let files: BTreeMap<String, String> = files
            .iter()
            .map(|(p, t)| (p.to_string(), t.to_string()))
            .collect();
        let read = |path: &str| {
            files
                .get(path)
                .map(|t| (t.clone(), PathBuf::from(format!("de-DE/{path}"))))
        };
        let is_page = |path: &str| files.contains_key(path);
        let reader = Reader {
            read: &read,
            half,
            is_page: &is_page,
        };
        let tocs: Vec<String> = files
            .keys()
            .filter(|p| crate::load::is_toc(p.rsplit('/').next().unwrap()))
            .cloned()
            .collect();
        reader.read_all(&tocs)
    }

    fn titles(entries: &[Entry]) -> Vec<String> {
        entries
            .iter()
            .map(|e| {
                if e.children.is_empty() {
                    e.title.clone()
                } else {
                    format!("{} {:?}", e.title, titles(&e.children))
                }
            })
            .collect()
    }

    #[test]
    fn toc_md_nests_by_heading_level_with_section_titles() {
        let toc = "# [HoloLens](index.yml)\n\n# Device Overview\n## [About](about.md)\n## Editions\n### [Compare](sub/compare.md \"tip\")\n#### [FAQ](sub/faq.yml)\n## [Web](https://example.test/)\n# Using\n";
        let (tocs, diagnostics) = read_tocs(&[("TOC.md", toc), ("about.md", "")], Half::Target);
        assert!(diagnostics.is_empty(), "{diagnostics:?}");
        let toc = &tocs[0];
        assert_eq!(
            titles(&toc.entries),
            [
                "HoloLens",
                "Device Overview [\"About\", \"Editions [\\\"Compare [\\\\\\\"FAQ\\\\\\\"]\\\"]\", \"Web\"]",
                "Using"
            ]
        );
        let overview = &toc.entries[1];
        assert_eq!(overview.target, None);
        assert_eq!((overview.line, overview.column), (3, 1));
        assert_eq!(
            overview.children[0].target,
            Some(Target::Page("about.md".into()))
        );
        let compare = &overview.children[1].children[0];
        assert_eq!(compare.target, Some(Target::Page("sub/compare.md".into())));
        assert_eq!(compare.line, 6);
        assert_eq!(
            compare.children[0].target,
            Some(Target::Page("sub/faq.yml".into()))
        );
        assert_eq!(
            overview.children[2].target,
            Some(Target::Url("https://example.test/".into()))
        );
    }

    #[test]
    fn sxs_names_are_read_in_the_half_asked_for() {
        let toc = "# [<span data-ttu-id=\"a-1\">Übersicht</span><span class=\"sxs-lookup\"><span data-stu-id=\"a-1\">Overview</span></span>](a.md)\n";
        let (tocs, _) = read_tocs(&[("TOC.md", toc)], Half::Target);
        assert_eq!(tocs[0].entries[0].title, "Übersicht");
        let (tocs, _) = read_tocs(&[("TOC.md", toc)], Half::Source);
        assert_eq!(tocs[0].entries[0].title, "Overview");
        let yml = "- name: <span data-ttu-id=\"a-1\">Begin</span><span class=\"sxs-lookup\"><span data-stu-id=\"a-1\">Start</span></span>\n  href: ./index.md\n";
        let (tocs, _) = read_tocs(&[("TOC.yml", yml)], Half::Source);
        assert_eq!(tocs[0].entries[0].title, "Start");
        assert_eq!(
            tocs[0].entries[0].target,
            Some(Target::Page("index.md".into()))
        );
    }

    #[test]
    fn toc_yml_nests_other_tocs_and_resolves_against_its_folder() {
        let root = "items:\n- name: Start\n  href: index.md\n  expanded: true\n- name: Part\n  href: part/\n  topicHref: part/intro.md\n- name: Other\n  tocHref: other/toc.yml\n";
        let part = "- name: One\n  href: one.md#x\n- name: Up\n  href: ../index.md\n";
        let other = "- name: Loop\n  href: ../TOC.yml\n";
        let (tocs, diagnostics) = read_tocs(
            &[
                ("TOC.yml", root),
                ("part/TOC.yml", part),
                ("other/toc.yml", other),
                ("index.md", ""),
            ],
            Half::Target,
        );
        assert_eq!(tocs.len(), 1, "nested TOCs are not roots: {tocs:?}");
        let entries = &tocs[0].entries;
        assert!(entries[0].expanded);
        assert_eq!(
            entries[1].target,
            Some(Target::Page("part/intro.md".into()))
        );
        let part_titles: Vec<_> = entries[1].children.iter().map(|e| &e.target).collect();
        assert_eq!(
            part_titles,
            [
                &Some(Target::Page("part/one.md".into())),
                &Some(Target::Page("index.md".into()))
            ]
        );
        assert_eq!(entries[1].children[0].line, 1);
        assert_eq!(entries[1].children[0].file, Path::new("de-DE/part/TOC.yml"));
        assert_eq!(diagnostics.len(), 1, "{diagnostics:?}");
        assert!(diagnostics[0].message.contains("nests itself"));
    }

    #[test]
    fn a_toc_that_is_not_a_list_is_a_diagnostic_with_its_position() {
        let (tocs, diagnostics) =
            read_tocs(&[("TOC.yml", "- name: a\n  items: 3\n")], Half::Target);
        assert!(tocs.is_empty());
        assert_eq!(diagnostics[0].code, Code::Toc);
        assert!(diagnostics[0].line >= 1);
    }
}
