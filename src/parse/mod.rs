//! Parsing one localized article: front matter, sxs segments, and the two markdown views
//! (the translation alone and the reconstructed English source) that everything after reads.

pub mod front_matter;
pub mod sxs;
pub mod yaml_page;

use std::path::{Path, PathBuf};

use pulldown_cmark::{Event, Parser, Tag, TagEnd};
use serde::Serialize;

pub use front_matter::FrontMatter;
pub use sxs::{Half, Segment, SegmentId};
pub use yaml_page::PageKind;

use crate::code::Code;
use crate::diagnostic::Diagnostic;
use crate::source::{LineMap, SourceMap};

/// Whether a file carries its English source segment by segment.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Format {
    /// Side by side: every translated segment is followed by its English source.
    Sxs,
    /// A plain translation with no English inside.
    Plain,
}

/// One article in one locale, parsed.
#[derive(Debug, Clone)]
pub struct Document {
    /// The locale tag of the folder the file was read from.
    pub locale: String,
    /// The article's identity across locales: its path under the locale folder, `/`-separated.
    pub path: String,
    /// The file as diagnostics name it.
    pub file: PathBuf,
    /// An article, or a YAML page read as markdown.
    pub kind: PageKind,
    pub front: FrontMatter,
    pub format: Format,
    /// Every segment of the file, front matter included, in file order.
    pub segments: Vec<Segment>,
    /// 1-based line on which the markdown body starts.
    pub body_line: usize,
    /// The body with every segment replaced by its translation.
    pub translation: String,
    /// The body with every segment replaced by its English source.
    pub english: String,
    /// Positions in the file of offsets in `translation` and in `english`.
    pub translation_map: SourceMap,
    pub english_map: SourceMap,
    /// `(index in segments, byte range)` of each body segment's text in `translation` and in
    /// `english`, in order.
    pub translation_segments: Vec<(usize, std::ops::Range<usize>)>,
    pub english_segments: Vec<(usize, std::ops::Range<usize>)>,
    /// The translated title, free of markup: front matter `title`, else the first heading.
    pub title: String,
    /// The English title: the first heading of the English view.
    pub english_title: String,
    /// For a YAML page: the YAML line and column of each line of the markdown it was read as.
    pub line_map: Option<LineMap>,
}

impl Document {
    /// The markdown of one view: the translation or the English source.
    pub fn view(&self, half: Half) -> &str {
        match half {
            Half::Target => &self.translation,
            Half::Source => &self.english,
        }
    }

    /// The file's 1-based line and column of byte `offset` in the view `half`.
    pub fn position(&self, half: Half, offset: usize) -> (usize, usize) {
        let (line, column) = match half {
            Half::Target => self.translation_map.position(&self.translation, offset),
            Half::Source => self.english_map.position(&self.english, offset),
        };
        match &self.line_map {
            Some(map) => map.map(line, column),
            None => (line, column),
        }
    }
}

/// One side of a document as a reader sees it: its translation (`Half::Target`) or the English
/// it carries (`Half::Source`); for a file of the English source folder, its own text.
#[derive(Debug, Clone, Copy)]
pub struct View<'a> {
    pub document: &'a Document,
    pub half: Half,
}

impl<'a> View<'a> {
    pub fn new(document: &'a Document, half: Half) -> Self {
        View { document, half }
    }

    /// The markdown of this side.
    pub fn text(&self) -> &'a str {
        self.document.view(self.half)
    }

    /// The title of this side.
    pub fn title(&self) -> &'a str {
        match self.half {
            Half::Target => &self.document.title,
            Half::Source => &self.document.english_title,
        }
    }

    /// The file's line and column of byte `offset` of [`View::text`].
    pub fn position(&self, offset: usize) -> (usize, usize) {
        self.document.position(self.half, offset)
    }

    /// `(index in the document's segments, byte range in the text)` of each segment's half.
    pub fn segments(&self) -> &'a [(usize, std::ops::Range<usize>)] {
        match self.half {
            Half::Target => &self.document.translation_segments,
            Half::Source => &self.document.english_segments,
        }
    }
}

/// Parses one decoded file. Problems become diagnostics; the document is always returned with
/// as much as could be read, so one bad file never stops a build.
pub fn parse_document(
    locale: &str,
    path: &str,
    file: &Path,
    text: &str,
) -> (Document, Vec<Diagnostic>) {
    let mut scan = sxs::scan(text, file);
    let mut diagnostics = std::mem::take(&mut scan.diagnostics);
    let (front, body_start) = read_front_matter(text, file, &scan, &mut diagnostics);
    let document = assemble(locale, path, file, text, scan, front, body_start);
    (document, diagnostics)
}

/// Parses one decoded include fragment: front matter is optional, and dropped.
pub fn parse_fragment(
    locale: &str,
    path: &str,
    file: &Path,
    text: &str,
) -> (Document, Vec<Diagnostic>) {
    if front_matter::locate(text) != front_matter::Block::Missing {
        return parse_document(locale, path, file, text);
    }
    let mut scan = sxs::scan(text, file);
    let diagnostics = std::mem::take(&mut scan.diagnostics);
    let document = assemble(locale, path, file, text, scan, FrontMatter::default(), 0);
    (document, diagnostics)
}

/// Parses one decoded YAML page (`### YamlMime:Landing` or `FAQ`): read as markdown, then as
/// any article, with positions taken back to the YAML. `None` when it cannot be read.
pub fn parse_yaml_page(
    locale: &str,
    path: &str,
    file: &Path,
    text: &str,
) -> (Option<Document>, Vec<Diagnostic>) {
    let page = match yaml_page::synthesize(text, file) {
        Ok(page) => page,
        Err(diagnostic) => return (None, vec![diagnostic]),
    };
    let mut scan = sxs::scan(&page.markdown, file);
    let mut diagnostics = std::mem::take(&mut scan.diagnostics);
    let mut document = assemble(locale, path, file, &page.markdown, scan, page.front, 0);
    for segment in &mut document.segments {
        (segment.line, segment.column) = page.lines.map(segment.line, segment.column);
    }
    for d in &mut diagnostics {
        (d.line, d.column) = page.lines.map(d.line, d.column);
    }
    document.kind = page.kind;
    document.body_line = page.lines.map(1, 1).0;
    document.line_map = Some(page.lines);
    (Some(document), diagnostics)
}

/// A document from its scanned text, its front matter and where its body starts.
fn assemble(
    locale: &str,
    path: &str,
    file: &Path,
    text: &str,
    scan: sxs::Scan,
    front: FrontMatter,
    body_start: usize,
) -> Document {
    let body_line = text[..body_start].matches('\n').count() + 1;
    let body = body_start..text.len();
    let translation = sxs::rewrite(text, body.clone(), &scan, Half::Target);
    let english = sxs::rewrite(text, body.clone(), &scan, Half::Source);
    let translation_map = SourceMap::new(&translation.anchors, text, &scan.index);
    let english_map = SourceMap::new(&english.anchors, text, &scan.index);
    let (translation_segments, english_segments) = (translation.segments, english.segments);
    let (translation, english) = (translation.text, english.text);
    let format = if scan.segments.iter().any(|s| s.range.start >= body_start) {
        Format::Sxs
    } else {
        Format::Plain
    };

    let name = path.rsplit('/').next().unwrap_or(path);
    let stem = name.rsplit_once('.').map_or(name, |(stem, _)| stem);
    let english_title = first_heading(&english).unwrap_or_else(|| stem.to_string());
    let title = front
        .title
        .as_deref()
        .filter(|t| !t.trim().is_empty() && !t.contains("<span"))
        .map(|t| t.trim().to_string())
        .or_else(|| first_heading(&translation))
        .unwrap_or_else(|| stem.to_string());

    Document {
        locale: locale.to_string(),
        path: path.to_string(),
        file: file.to_path_buf(),
        kind: PageKind::Article,
        front,
        format,
        segments: scan.segments,
        body_line,
        translation,
        english,
        translation_map,
        english_map,
        translation_segments,
        english_segments,
        title,
        english_title,
        line_map: None,
    }
}

/// Reads the front matter; returns it with the offset where the body starts.
fn read_front_matter(
    text: &str,
    file: &Path,
    scan: &sxs::Scan,
    diagnostics: &mut Vec<Diagnostic>,
) -> (FrontMatter, usize) {
    match front_matter::locate(text) {
        front_matter::Block::Missing => {
            diagnostics.push(Diagnostic::warning(
                Code::FrontMatter,
                file,
                (1, 1),
                "no front matter: expected `---` on the first line",
            ));
            (FrontMatter::default(), 0)
        }
        front_matter::Block::Unterminated { body } => {
            diagnostics.push(Diagnostic::error(
                Code::FrontMatter,
                file,
                (1, 1),
                "front matter opened here is never closed with a `---` line; reading the rest as the body",
            ));
            (FrontMatter::default(), body)
        }
        front_matter::Block::Closed { yaml, body } => {
            let wrapped = scan.segments.iter().any(|s| yaml.contains(&s.range.start));
            let parsed = if wrapped {
                diagnostics.push(Diagnostic::error(
                    Code::FrontMatter,
                    file,
                    (2, 1),
                    "front matter is wrapped in translation spans (a translation tool segmented it); reading its English half",
                ));
                // Its title is the English one: the page takes its title from the heading.
                let english = sxs::rewrite(text, yaml.clone(), scan, Half::Source).text;
                let front = front_matter::parse(&english)
                    .unwrap_or_else(|_| front_matter::salvage(&english));
                Ok(FrontMatter {
                    title: None,
                    ..front
                })
            } else {
                front_matter::parse(&text[yaml.clone()]).map(|front| FrontMatter {
                    lines: front_matter::key_lines(&text[yaml.clone()], 2),
                    ..front
                })
            };
            match parsed {
                Ok(front) => (front, body),
                Err(e) => {
                    diagnostics.push(Diagnostic::error(
                        Code::FrontMatter,
                        file,
                        (e.line + 1, e.column),
                        format!("invalid YAML in front matter: {}", e.message),
                    ));
                    (FrontMatter::default(), body)
                }
            }
        }
    }
}

/// The plain text of the first level-1 heading, or of the first heading of any level.
pub fn first_heading(markdown: &str) -> Option<String> {
    let mut best: Option<(u32, String)> = None;
    let mut current: Option<(u32, String)> = None;
    for event in Parser::new(markdown) {
        match event {
            Event::Start(Tag::Heading { level, .. }) => {
                current = Some((level as u32, String::new()))
            }
            Event::Text(t) | Event::Code(t) => {
                if let Some((_, text)) = current.as_mut() {
                    text.push_str(&t);
                }
            }
            Event::SoftBreak | Event::HardBreak => {
                if let Some((_, text)) = current.as_mut() {
                    text.push(' ');
                }
            }
            Event::End(TagEnd::Heading(_)) => {
                if let Some((level, text)) = current.take() {
                    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
                    if text.is_empty() {
                        continue;
                    }
                    if level == 1 {
                        return Some(text);
                    }
                    if best.as_ref().is_none_or(|(l, _)| level < *l) {
                        best = Some((level, text));
                    }
                }
            }
            _ => {}
        }
    }
    best.map(|(_, text)| text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn view_offsets_map_back_to_the_file() {
        let text = "---\ntitle: T\n---\n# <span data-ttu-id=\"a-1\">Enhet [lenke](x.md)</span><span class=\"sxs-lookup\"><span data-stu-id=\"a-1\">Device [link](y.md)</span></span>\n\nText [z](z.md)\n";
        let (doc, _) = parse_document("nb-NO", "a.md", Path::new("a.md"), text);
        let at = |half: Half, needle: &str| {
            let view = doc.view(half);
            doc.position(half, view.find(needle).unwrap())
        };
        let col = |needle: &str| text.lines().nth(3).unwrap().find(needle).unwrap() + 1;
        assert_eq!(at(Half::Target, "x.md"), (4, col("x.md")));
        assert_eq!(at(Half::Source, "y.md"), (4, col("y.md")));
        assert_eq!(at(Half::Target, "z.md"), (6, 10));
        assert_eq!(at(Half::Source, "z.md"), (6, 10));
    }

    const SXS: &str = "---\ntitle: Enhet i ventende tilstand\nms.contentlocale: nb-NO\n---\n# <a name=\"device-in-pending-state\"></a><span data-ttu-id=\"2b794-102\">Enhet i ventende tilstand</span><span class=\"sxs-lookup\"><span data-stu-id=\"2b794-102\">Device in pending state</span></span>\n\n<span data-ttu-id=\"2b794-103\">**Forhånds**</span><span class=\"sxs-lookup\"><span data-stu-id=\"2b794-103\">**Prerequisites:**</span></span>\n";

    #[test]
    fn parses_an_sxs_article() {
        let (doc, diags) = parse_document("nb-NO", "a.md", Path::new("a.md"), SXS);
        assert!(diags.is_empty(), "{diags:?}");
        assert_eq!(doc.format, Format::Sxs);
        assert_eq!(doc.title, "Enhet i ventende tilstand");
        assert_eq!(doc.english_title, "Device in pending state");
        assert_eq!(doc.body_line, 5);
        assert_eq!(doc.segments.len(), 2);
        assert_eq!((doc.segments[1].line, doc.segments[1].column), (7, 1));
        assert!(
            doc.translation
                .starts_with("# <a name=\"device-in-pending-state\"></a>Enhet")
        );
        assert!(doc.english.contains("**Prerequisites:**"));
        assert!(!doc.translation.contains("sxs-lookup"));
        let (index, range) = doc.translation_segments[1].clone();
        assert_eq!(index, 1);
        assert_eq!(&doc.translation[range], "**Forhånds**");
        let (_, range) = doc.english_segments[0].clone();
        assert_eq!(&doc.english[range], "Device in pending state");
    }

    #[test]
    fn plain_files_are_marked_plain() {
        let text = "---\ntitle: Fejlfinding af PRT-problem\n---\n# <a name=\"x\"></a>Fejlfinding\n\nTekst.\n";
        let (doc, diags) = parse_document("da-DK", "x.md", Path::new("x.md"), text);
        assert!(diags.is_empty());
        assert_eq!(doc.format, Format::Plain);
        assert_eq!(doc.translation, doc.english);
        assert_eq!(doc.english_title, "Fejlfinding");
    }

    #[test]
    fn title_falls_back_to_the_heading_then_the_file_name() {
        let (doc, _) = parse_document(
            "nl-NL",
            "dir/some-page.md",
            Path::new("f"),
            "---\nms.date: x\n---\n## **Kop** `code`\n",
        );
        assert_eq!(doc.title, "Kop code");
        let (doc, _) = parse_document(
            "nl-NL",
            "dir/some-page.md",
            Path::new("f"),
            "---\n---\ntext\n",
        );
        assert_eq!(doc.title, "some-page");
    }

    #[test]
    fn invalid_yaml_is_reported_at_its_file_line() {
        let (doc, diags) = parse_document(
            "nl-NL",
            "a.md",
            Path::new("a.md"),
            "---\ntitle: ok\nms.custom: [x\n---\n# Kop\n",
        );
        assert_eq!(diags.len(), 1);
        assert_eq!(diags[0].code, "front-matter");
        assert_eq!(diags[0].line, 3);
        assert_eq!(doc.title, "Kop");
    }

    #[test]
    fn front_matter_wrapped_in_spans_is_read_from_its_english_half() {
        let text = "---\n<span data-ttu-id=\"6d-101\">titel: \"Problemen\"</span><span class=\"sxs-lookup\"><span data-stu-id=\"6d-101\">title: \"Troubleshoot presence\"</span></span>\n---\n# Kop\n";
        let (doc, diags) = parse_document("nl-NL", "a.md", Path::new("a.md"), text);
        assert!(
            diags
                .iter()
                .any(|d| d.message.contains("wrapped in translation spans"))
        );
        assert_eq!(doc.front.title, None);
        assert_eq!(doc.title, "Kop");
        assert_eq!(doc.segments.len(), 1);
        assert_eq!(doc.format, Format::Plain);
    }

    #[test]
    fn missing_and_unterminated_front_matter_are_diagnosed() {
        let (_, diags) = parse_document("nl-NL", "a.md", Path::new("a.md"), "# Kop\n");
        assert_eq!(
            diags[0].message,
            "no front matter: expected `---` on the first line"
        );
        let (doc, diags) =
            parse_document("nl-NL", "a.md", Path::new("a.md"), "---\ntitle: x\n# Kop\n");
        assert!(diags[0].message.contains("never closed"));
        assert_eq!(doc.title, "Kop");
    }
}
