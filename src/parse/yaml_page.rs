//! YAML pages: `### YamlMime:Landing` (a title, a summary and cards of link lists) and
//! `### YamlMime:FAQ` (a title, a summary, and sections of questions with markdown answers).
//!
//! A YAML page becomes a markdown text that says the same thing (headings, paragraphs, link
//! lists inside `<section>` wrappers), so every later stage reads it like any article: sxs spans
//! inside its strings become segments, its links are checked, its text is searched. A
//! [`LineMap`] takes each line of that text back to the YAML line (and column) it came from.

use std::path::Path;

use serde::Deserialize;
use serde_saphyr::Spanned;

use super::{FrontMatter, front_matter};
use crate::code::Code;
use crate::diagnostic::Diagnostic;
use crate::source::LineMap;

/// The kind of a page.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum PageKind {
    /// A markdown article.
    Article,
    /// `### YamlMime:Landing`.
    Landing,
    /// `### YamlMime:FAQ`.
    Faq,
}

impl PageKind {
    pub fn as_str(self) -> &'static str {
        match self {
            PageKind::Article => "article",
            PageKind::Landing => "landing",
            PageKind::Faq => "faq",
        }
    }
}

/// A YAML page read as markdown.
#[derive(Debug)]
pub struct Synthesized {
    pub kind: PageKind,
    pub front: FrontMatter,
    /// The page as markdown (no front matter).
    pub markdown: String,
    /// Where each line of `markdown` comes from in the YAML file.
    pub lines: LineMap,
}

type Text = Spanned<String>;

#[derive(Deserialize)]
struct Page {
    title: Option<Text>,
    summary: Option<Text>,
    #[serde(default)]
    metadata: Option<FrontMatter>,
    #[serde(default, rename = "landingContent")]
    landing_content: Vec<Card>,
    #[serde(default)]
    sections: Vec<Section>,
    #[serde(default)]
    questions: Vec<Question>,
}

#[derive(Deserialize)]
struct Card {
    title: Option<Text>,
    #[serde(default, rename = "linkLists")]
    link_lists: Vec<LinkList>,
}

#[derive(Deserialize)]
struct LinkList {
    #[serde(rename = "linkListType")]
    link_list_type: Option<String>,
    #[serde(default)]
    links: Vec<PageLink>,
}

#[derive(Deserialize)]
struct PageLink {
    text: Option<Text>,
    url: Option<Text>,
}

#[derive(Deserialize)]
struct Section {
    name: Option<Text>,
    summary: Option<Text>,
    #[serde(default)]
    questions: Vec<Question>,
}

#[derive(Deserialize)]
struct Question {
    question: Option<Text>,
    answer: Option<Text>,
}

/// Reads a YAML page; an error names the YAML line and column.
pub fn synthesize(text: &str, file: &Path) -> Result<Synthesized, Diagnostic> {
    let first = text.lines().next().unwrap_or_default().trim();
    let kind = match first {
        "### YamlMime:Landing" => PageKind::Landing,
        "### YamlMime:FAQ" => PageKind::Faq,
        other => {
            return Err(Diagnostic::error(
                Code::FrontMatter,
                file,
                (1, 1),
                format!("`{other}`: not a YAML page diglot renders (Landing or FAQ)"),
            ));
        }
    };
    let page: Page = front_matter::from_yaml(text).map_err(|e| {
        Diagnostic::error(
            Code::FrontMatter,
            file,
            (e.line, e.column),
            format!("invalid YAML page: {}", e.message),
        )
    })?;
    let mut out = Writer::new(text);
    let mut front = page.metadata.unwrap_or_default();
    if front.title.is_none() {
        front.title = page.title.as_ref().map(|t| t.value.trim().to_string());
    }
    if let Some(title) = &page.title {
        out.inline("# ", title, "");
        out.blank();
    }
    if let Some(summary) = &page.summary {
        out.block(summary);
    }
    match kind {
        PageKind::Landing => {
            out.raw("<div class=\"landing-cards\">");
            for card in &page.landing_content {
                out.raw("<section class=\"landing-card\">");
                if let Some(title) = &card.title {
                    out.inline("## ", title, "");
                    out.blank();
                }
                for list in &card.link_lists {
                    let class = list
                        .link_list_type
                        .as_deref()
                        .unwrap_or("link-list")
                        .chars()
                        .filter(|c| c.is_ascii_alphanumeric() || *c == '-')
                        .collect::<String>();
                    out.raw(&format!("<div class=\"link-list link-list-{class}\">"));
                    for link in &list.links {
                        let (Some(text), Some(url)) = (&link.text, &link.url) else {
                            continue;
                        };
                        out.link_item(text, url);
                    }
                    out.blank();
                    out.raw("</div>");
                }
                out.raw("</section>");
            }
            out.raw("</div>");
        }
        PageKind::Faq => {
            write_questions(&mut out, &page.questions);
            for section in &page.sections {
                if let Some(name) = &section.name {
                    out.inline("## ", name, "");
                    out.blank();
                }
                if let Some(summary) = &section.summary {
                    out.block(summary);
                }
                write_questions(&mut out, &section.questions);
            }
        }
        PageKind::Article => {}
    }
    Ok(Synthesized {
        kind,
        front,
        markdown: out.markdown,
        lines: out.lines,
    })
}

fn write_questions(out: &mut Writer, questions: &[Question]) {
    for question in questions {
        if let Some(q) = &question.question {
            out.inline("### ", q, "");
            out.blank();
        }
        if let Some(answer) = &question.answer {
            out.block(answer);
        }
    }
}

/// Builds the markdown and its line map together.
struct Writer<'y> {
    yaml_lines: Vec<&'y str>,
    markdown: String,
    lines: LineMap,
}

impl<'y> Writer<'y> {
    fn new(yaml: &'y str) -> Self {
        Writer {
            yaml_lines: yaml.lines().collect(),
            markdown: String::new(),
            lines: LineMap::default(),
        }
    }

    fn line_count(&self) -> usize {
        self.markdown.matches('\n').count()
    }

    /// Where the text of a scalar starts in the YAML: the line after a block indicator
    /// (`|`, `>`), else the scalar itself (after its opening quote).
    fn start_of(&self, text: &Text) -> (usize, usize) {
        let line = text.referenced.line() as usize;
        let column = text.referenced.column() as usize;
        let Some(source) = line.checked_sub(1).and_then(|l| self.yaml_lines.get(l)) else {
            return (line.max(1), column.max(1));
        };
        let at: String = source.chars().skip(column.saturating_sub(1)).collect();
        if at.starts_with(['|', '>']) {
            let next = self.yaml_lines.get(line).copied().unwrap_or_default();
            let indent = next.chars().take_while(|c| *c == ' ').count();
            (line + 1, indent + 1)
        } else if at.starts_with(['"', '\'']) {
            (line, column + 1)
        } else {
            (line, column.max(1))
        }
    }

    /// One line: `prefix`, the scalar's text with its lines joined, `suffix`.
    fn inline(&mut self, prefix: &str, text: &Text, suffix: &str) {
        let (line, column) = self.start_of(text);
        let joined = crate::markdown::collapse_white_space(&text.value);
        self.lines.push(
            self.line_count() + 1,
            line,
            column,
            prefix.chars().count() + 1,
        );
        self.markdown.push_str(prefix);
        self.markdown.push_str(&joined);
        self.markdown.push_str(suffix);
        self.markdown.push('\n');
    }

    /// A list item linking `text` to `url`.
    fn link_item(&mut self, text: &Text, url: &Text) {
        let url = url.value.trim().replace(' ', "%20");
        self.inline("- [", text, &format!("]({url})"));
    }

    /// A markdown block (a summary, an answer), line by line, then a blank line.
    fn block(&mut self, text: &Text) {
        let (line, column) = self.start_of(text);
        // The scalar's node starts at its indicator or at its first line of text: a literal
        // block's indicator ends that line or the one before.
        let at = text.referenced.line() as usize;
        let literal = [at.saturating_sub(2), at.saturating_sub(1)]
            .iter()
            .filter_map(|&i| self.yaml_lines.get(i))
            .any(|l| {
                let l = l.trim_end();
                l.ends_with('|') || l.ends_with("|-") || l.ends_with("|+")
            });
        for (i, piece) in text.value.trim_end().lines().enumerate() {
            // A literal block keeps its lines; a folded one joins them, so later lines are
            // mapped to where the block starts.
            let from = if literal { line + i } else { line };
            self.lines.push(self.line_count() + 1, from, column, 1);
            self.markdown.push_str(piece);
            self.markdown.push('\n');
        }
        self.blank();
    }

    /// A raw HTML line, with blank lines around it so markdown goes on around it.
    fn raw(&mut self, html: &str) {
        self.markdown.push_str(html);
        self.markdown.push_str("\n\n");
    }

    fn blank(&mut self) {
        self.markdown.push('\n');
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const LANDING: &str = "### YamlMime:Landing\n\ntitle: Microsoft HoloLens # < 60 chars\nsummary: HoloLens is a computer.\n\nmetadata:\n  title: HoloLens docs\n  ms.topic: landing-page\n\nlandingContent:\n  - title: Get to know\n    linkLists:\n      - linkListType: learn\n        links:\n          - text: Capabilities\n            url: hololens-commercial-features.md\n          - text: Options\n            url: hololens2-options.md\n";

    #[test]
    fn a_landing_page_becomes_headings_and_link_lists() {
        let page = synthesize(LANDING, Path::new("index.yml")).unwrap();
        assert_eq!(page.kind, PageKind::Landing);
        assert_eq!(page.front.title.as_deref(), Some("HoloLens docs"));
        assert!(
            page.markdown
                .starts_with("# Microsoft HoloLens\n\nHoloLens is a computer.\n")
        );
        assert!(page.markdown.contains("## Get to know\n"));
        assert!(
            page.markdown
                .contains("- [Capabilities](hololens-commercial-features.md)\n")
        );
        let line_of = |needle: &str| {
            page.markdown[..page.markdown.find(needle).unwrap()]
                .matches('\n')
                .count()
                + 1
        };
        assert_eq!(page.lines.map(line_of("# Microsoft"), 3), (3, 8));
        assert_eq!(page.lines.map(line_of("- [Capabilities"), 4), (15, 19));
        assert_eq!(page.lines.map(line_of("## Get to know"), 4), (11, 12));
    }

    #[test]
    fn an_faq_page_becomes_questions_and_answers() {
        let text = "### YamlMime:FAQ\nmetadata:\n  title: Security FAQ\ntitle: Security questions\nsummary: |\n  Read this.\nsections:\n  - name: Ignored\n    questions:\n      - question: |\n          What is FCC ID?\n        answer: |\n          * C3K1688\n          * Second line\n";
        let page = synthesize(text, Path::new("faq.yml")).unwrap();
        assert_eq!(page.kind, PageKind::Faq);
        assert_eq!(
            page.markdown,
            "# Security questions\n\nRead this.\n\n## Ignored\n\n### What is FCC ID?\n\n* C3K1688\n* Second line\n\n"
        );
        let line = page
            .markdown
            .lines()
            .position(|l| l == "* Second line")
            .unwrap()
            + 1;
        assert_eq!(page.lines.map(line, 3), (14, 13));
    }

    #[test]
    fn invalid_yaml_names_its_line() {
        let err = synthesize(
            "### YamlMime:FAQ\ntitle: x\nsections: [\n",
            Path::new("faq.yml"),
        )
        .unwrap_err();
        assert_eq!(err.code, Code::FrontMatter);
        assert!(err.line >= 3, "{err:?}");
        let err = synthesize("### YamlMime:Hub\n", Path::new("hub.yml")).unwrap_err();
        assert!(err.message.contains("YamlMime:Hub"));
    }
}
