//! DocFX Flavored Markdown to HTML, and the outline the checks read.
//!
//! On top of CommonMark with tables and strikethrough (pulldown-cmark), this renders the DocFX
//! dialect the way DocFX's Markdig extensions do (`docs/dfm.md` lists every construct and its
//! status): alerts, sections and videos in quotes ([`alerts`]), `[!INCLUDE]` ([`includes`]),
//! tab groups ([`tabs`]), zones and monikers ([`zones`]), `:::image` ([`image`]), `:::code` and
//! `[!code-...]` ([`code`]), `:::row`/`:::column`, `:::video` ([`video`]), `:::no-loc`,
//! cross-references ([`xref`]), DocFX heading ids ([`headings`]), and Markdig's autolinks,
//! emoji and media links ([`inline`]).
//!
//! The work is done in two passes: [`scan`] finds the constructs line by line and replaces
//! them by placeholders ([`doc`]), then [`render`] runs pulldown-cmark over what is left and
//! renders each construct, its inner markdown with the same renderer. [`outline`] walks the
//! same parse for the checks, and `search::text` for the search index.
//!
//! The caller supplies, through [`Options`]: the file being rendered, the files includes and
//! code samples are read from ([`Files`]), how links are written ([`Links`]), the labels in
//! the reader's language ([`Labels`]) and the cross-reference maps ([`Xrefs`]). Problems come
//! back in [`Rendered::problems`] with their offset in the rendered view.

mod alerts;
mod attributes;
mod code;
pub(crate) mod doc;
mod headings;
mod image;
pub(crate) mod includes;
mod inline;
mod labels;
mod mapped;
pub mod outline;
mod plain;
mod render;
pub(crate) mod scan;
mod tabs;
mod video;
pub mod xref;
mod zones;

use std::borrow::Cow;

use serde::Serialize;

use crate::code::Code;
pub use headings::{slug, unique_id};
pub use plain::{collapse_white_space, plain_text};

/// A heading of a rendered page, for the page's outline and for fragment checks.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Heading {
    pub level: u8,
    pub text: String,
    pub id: String,
}

/// The HTML of a markdown text, the headings found while rendering it, and its problems.
#[derive(Debug, Clone, Default)]
pub struct Rendered {
    pub html: String,
    pub headings: Vec<Heading>,
    pub problems: Vec<Problem>,
}

/// Something wrong with a construct: a missing include, code sample or region, an include
/// cycle, an unresolved cross-reference, malformed DocFX syntax.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub code: Code,
    pub message: String,
    /// Where in the rendered view: the construct, or the include that leads to it.
    pub offset: usize,
    /// For a problem inside an included file: that file and the offset in it.
    pub include: Option<IncludeSite>,
}

impl Problem {
    pub(crate) fn new(code: Code, offset: usize, message: String) -> Problem {
        Problem {
            code,
            message,
            offset,
            include: None,
        }
    }
}

/// A place in an included file: its path relative to the locale root, and a byte offset in it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IncludeSite {
    pub path: String,
    pub offset: usize,
}

/// Where includes and code samples are read from.
pub trait Files: Sync {
    /// The text of the file at `path` (relative to the locale root, `/`-separated, normalized),
    /// already looked up in the locale and then in the English source; `None` when neither has
    /// it.
    fn read(&self, path: &str) -> Option<Cow<'_, str>>;
}

/// No files: every include and code sample is missing.
pub struct NoFiles;

impl Files for NoFiles {
    fn read(&self, _path: &str) -> Option<Cow<'_, str>> {
        None
    }
}

/// Files read from folders on disk: the first folder that has the file wins (a locale's
/// folder, then the English source's). An sxs file is read as its translation.
pub struct DirFiles {
    roots: Vec<std::path::PathBuf>,
}

impl DirFiles {
    pub fn new(roots: Vec<std::path::PathBuf>) -> DirFiles {
        DirFiles { roots }
    }
}

impl Files for DirFiles {
    fn read(&self, path: &str) -> Option<Cow<'_, str>> {
        let inside = !path.is_empty()
            && !path.starts_with('/')
            && path
                .split(['/', '\\'])
                .all(|part| part != ".." && !part.contains(':'));
        if !inside {
            return None;
        }
        let (root, text) = self
            .roots
            .iter()
            .find_map(|root| Some((root, std::fs::read_to_string(root.join(path)).ok()?)))?;
        if !text.contains("sxs-lookup") {
            return Some(Cow::Owned(text));
        }
        let file = root.join(path);
        let (document, _) = crate::parse::parse_document("", path, &file, &text);
        Some(Cow::Owned(document.translation))
    }
}

/// A relative link or image as written in a file.
#[derive(Debug, Clone, Copy)]
pub struct LinkRef<'a> {
    /// The page being rendered, relative to the locale root.
    pub page: &'a str,
    /// The file the link was written in: the page, or an include inside it.
    pub file: &'a str,
    /// The destination as written (never absolute, never a bare `#fragment`).
    pub dest: &'a str,
    pub image: bool,
}

/// How relative links and images are written into the page.
pub trait Links: Sync {
    fn rewrite(&self, link: &LinkRef) -> String;
}

/// The default: a link written in an include is rebased to the page, and a link to a `.md`
/// file points at its `.html` page.
pub struct PageLinks;

impl Links for PageLinks {
    fn rewrite(&self, link: &LinkRef) -> String {
        let dest = if link.file == link.page {
            link.dest.to_string()
        } else {
            rebase(link.page, link.file, link.dest)
        };
        if link.image { dest } else { md_to_html(&dest) }
    }
}

/// `dest`, written in `file`, as a link from `page` (both relative to the locale root).
pub fn rebase(page: &str, file: &str, dest: &str) -> String {
    let split = dest.find(['#', '?']).unwrap_or(dest.len());
    let (path, rest) = dest.split_at(split);
    let Ok(target) = includes::resolve(file, path) else {
        return dest.to_string();
    };
    let from: Vec<&str> = page.split('/').collect();
    let from = &from[..from.len() - 1];
    let to: Vec<&str> = target.split('/').collect();
    let shared = from
        .iter()
        .zip(&to)
        .take_while(|(a, b)| a == b)
        .count()
        .min(to.len().saturating_sub(1));
    let up = "../".repeat(from.len() - shared);
    format!("{up}{}{rest}", to[shared..].join("/"))
}

/// A relative link to a `.md` file, pointed at the rendered `.html` page.
pub fn md_to_html(dest: &str) -> String {
    let split = dest.find(['#', '?']).unwrap_or(dest.len());
    let (path, rest) = dest.split_at(split);
    match path.len().checked_sub(3) {
        // Compared as bytes: `stem` may fall inside a character when the path does not end in
        // `.md`; when it does, `stem` is a character boundary.
        Some(stem) if path.as_bytes()[stem..].eq_ignore_ascii_case(b".md") => {
            format!("{}.html{rest}", &path[..stem])
        }
        _ => dest.to_string(),
    }
}

/// Labels in the reader's language, keyed `alert-note`, `alert-tip`, `alert-important`,
/// `alert-warning`, `alert-caution`, `video`, `moniker-range`, `code-missing`.
pub trait Labels: Sync {
    fn label(&self, key: &str) -> Option<Cow<'_, str>>;
}

/// Where a cross-reference leads.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct XrefTarget {
    pub href: String,
    /// The text a link to it shows when written without one (`<xref:uid>`, `@uid`).
    pub name: String,
}

/// Resolves cross-reference uids.
pub trait Xrefs: Sync {
    fn resolve(&self, uid: &str) -> Option<XrefTarget>;
}

/// No cross-reference maps: every uid is unresolved.
pub struct NoXrefs;

impl Xrefs for NoXrefs {
    fn resolve(&self, _uid: &str) -> Option<XrefTarget> {
        None
    }
}

/// What a rendering needs to know besides the markdown.
#[derive(Clone, Copy)]
pub struct Options<'a> {
    /// The reader's language (a BCP-47 tag): built-in labels are in it.
    pub lang: &'a str,
    /// The file being rendered, relative to the locale root, `/`-separated.
    pub path: &'a str,
    pub files: &'a dyn Files,
    pub links: &'a dyn Links,
    /// Labels asked first; the built-in ones answer the rest.
    pub labels: Option<&'a dyn Labels>,
    pub xrefs: &'a dyn Xrefs,
}

impl<'a> Options<'a> {
    /// Rendering `path` for a reader of `lang`, with no files, no xref maps, built-in labels
    /// and [`PageLinks`].
    pub fn new(lang: &'a str, path: &'a str) -> Options<'a> {
        Options {
            lang,
            path,
            files: &NoFiles,
            links: &PageLinks,
            labels: None,
            xrefs: &NoXrefs,
        }
    }
}

/// The parser options DocFX markdown needs: tables, strikethrough and GFM alerts (for the
/// readers of plain CommonMark quotes, such as the alignment); no math, so `$` is literal.
pub fn options() -> pulldown_cmark::Options {
    pulldown_cmark::Options::ENABLE_TABLES
        | pulldown_cmark::Options::ENABLE_STRIKETHROUGH
        | pulldown_cmark::Options::ENABLE_GFM
}

/// Renders DocFX markdown.
pub fn render(markdown: &str, options: &Options) -> Rendered {
    let mut problems = Vec::new();
    let doc = scan::parse(markdown, &mut problems);
    let mut renderer = render::Renderer::new(options);
    renderer.problems = problems;
    let mut html = String::with_capacity(markdown.len() * 3 / 2);
    renderer.doc(&doc, &mut html);
    Rendered {
        html,
        headings: renderer.headings,
        problems: renderer.problems,
    }
}

/// Renders markdown with no files and default links; `lang` picks the language of the alert
/// titles.
pub fn to_html(markdown: &str, lang: &str) -> Rendered {
    render(markdown, &Options::new(lang, ""))
}

/// Whether a zone with this `target` is part of a docs page (`docs` or none).
pub fn zone_shown(target: Option<&str>) -> bool {
    zones::shown(target)
}

/// The lower-case name of an alert (`note`, `tip`...) when `marker` is one (`NOTE`, `Tip`...).
pub fn alert_name(marker: &str) -> Option<&'static str> {
    doc::Alert::named(marker).map(doc::Alert::name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn alerts_become_localized_callouts() {
        let r = to_html("> [!NOTE]\n> Let op dit.\n", "nl-NL");
        assert!(
            r.html
                .contains("<div class=\"alert alert-note\" role=\"note\">"),
            "{}",
            r.html
        );
        assert!(r.html.contains("<p class=\"alert-title\">Opmerking</p>"));
        assert!(r.html.contains("Let op dit."));
        assert!(!r.html.contains("<blockquote"));
    }

    #[test]
    fn alerts_written_tight_and_in_mixed_case_inside_list_items() {
        let r = to_html("1. Stap\n\n    >[!Warning] \n    >Pas op\n", "en-US");
        assert!(r.html.contains("alert-warning"), "{}", r.html);
        assert!(r.html.contains("<li>"));
    }

    #[test]
    fn headings_get_docfx_ids_and_the_outline_records_them() {
        let r = to_html(
            "# <a name=\"x\"></a>**Apparaat** in behandeling!\n\n## Stap 1\n\n## Stap 1\n",
            "nl-NL",
        );
        let ids: Vec<&str> = r.headings.iter().map(|h| h.id.as_str()).collect();
        assert_eq!(ids, ["x", "stap-1", "stap-1-1"]);
        assert_eq!(r.headings[0].text, "Apparaat in behandeling!");
        assert!(
            r.html.contains("<h1 id=\"x\"><strong>Apparaat</strong>"),
            "{}",
            r.html
        );
    }

    #[test]
    fn md_links_point_at_html_pages() {
        let r = to_html(
            "[a](other.md) [b](sub/x.md#frag) [c](https://h.test/y.md) [d](#top) [e](img.png)",
            "en",
        );
        assert!(r.html.contains("href=\"other.html\""));
        assert!(r.html.contains("href=\"sub/x.html#frag\""));
        assert!(r.html.contains("href=\"https://h.test/y.md\""));
        assert!(r.html.contains("href=\"#top\""));
        assert!(r.html.contains("href=\"img.png\""));
    }

    #[test]
    fn links_of_an_include_are_rebased_to_the_page() {
        assert_eq!(
            rebase("a/page.md", "includes/x.md", "../b.md#f"),
            "../b.md#f"
        );
        assert_eq!(
            rebase("page.md", "includes/x.md", "media/i.png"),
            "includes/media/i.png"
        );
        assert_eq!(rebase("a/page.md", "a/inc/x.md", "i.png"), "inc/i.png");
        assert_eq!(
            rebase("a/b/page.md", "includes/x.md", "../a/b/c.md"),
            "c.md"
        );
        assert_eq!(
            rebase("a/page.md", "includes/x.md", "../../up.md"),
            "../../up.md"
        );
    }

    #[test]
    fn dir_files_read_the_first_folder_that_has_the_file() {
        let locale = tempfile::tempdir().unwrap();
        let english = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(locale.path().join("includes")).unwrap();
        std::fs::create_dir_all(english.path().join("includes")).unwrap();
        std::fs::write(locale.path().join("includes/a.md"), "Lokal").unwrap();
        std::fs::write(english.path().join("includes/a.md"), "English").unwrap();
        std::fs::write(english.path().join("includes/b.md"), "Only English").unwrap();
        std::fs::write(
            locale.path().join("includes/sxs.md"),
            "---\ntitle: t\n---\n<span data-ttu-id=\"1-101\">Vertaald</span><span class=\"sxs-lookup\"><span data-stu-id=\"1-101\">Translated</span></span>\n",
        )
        .unwrap();
        let files = DirFiles::new(vec![
            locale.path().to_path_buf(),
            english.path().to_path_buf(),
        ]);
        assert_eq!(files.read("includes/a.md").as_deref(), Some("Lokal"));
        assert_eq!(files.read("includes/b.md").as_deref(), Some("Only English"));
        assert_eq!(
            files.read("includes/sxs.md").as_deref().map(str::trim),
            Some("Vertaald")
        );
        assert_eq!(files.read("../includes/a.md"), None);
        assert_eq!(files.read("includes/none.md"), None);
    }

    #[test]
    fn nested_ordered_lists_with_four_spaces() {
        let r = to_html("1. Een\n    1. Sub een\n    2. Sub twee\n2. Twee\n", "nl");
        assert_eq!(r.html.matches("<ol>").count(), 2, "{}", r.html);
        assert_eq!(r.html.matches("<li>").count(), 4);
    }

    #[test]
    fn scripts_are_shown_as_text_not_run() {
        let r = to_html("<script>alert(1)</script>\n\nx <script>y</script>", "en");
        assert!(!r.html.contains("<script"), "{}", r.html);
    }

    #[test]
    fn script_urls_lead_nowhere() {
        let r = to_html(
            "[a](javascript:alert(1)) [b](JaVa&#x09;ScRiPt:x) [c](data:text/html,x) [d](page.md)\n\n![e](data:image/png;base64,AA) ![f](javascript:x)\n\n> [!VIDEO javascript:alert(1)]\n",
            "en",
        );
        assert_eq!(r.html.matches("href=\"#\"").count(), 3, "{}", r.html);
        assert!(r.html.contains("href=\"page.html\""));
        assert!(r.html.contains("src=\"data:image/png;base64,AA\""));
        assert!(r.html.contains("src=\"#\""), "{}", r.html);
        assert!(!r.html.contains("<iframe"), "{}", r.html);
    }

    #[test]
    fn links_ending_inside_a_multibyte_character_are_kept() {
        // Found by the `markdown` fuzz target: the last three bytes split the U+FFFD.
        let r = to_html("[x](a\u{FFFD}d) [y](é.MD#top) [z](日本.md)", "en");
        assert!(r.html.contains("href=\"a%EF%BF%BDd\""), "{}", r.html);
        assert!(r.html.contains("href=\"%C3%A9.html#top\""), "{}", r.html);
        assert!(
            r.html.contains("href=\"%E6%97%A5%E6%9C%AC.html\""),
            "{}",
            r.html
        );
    }

    mod properties {
        use super::*;
        use proptest::prelude::*;
        use std::collections::HashSet;

        proptest! {
            #[test]
            fn any_markdown_renders_without_running_scripts(
                pieces in prop::collection::vec(prop_oneof![
                    Just("<script>alert(1)</script>".to_string()),
                    Just("<SCRIPT src=x>".to_string()),
                    Just("[x](javascript:alert(1))".to_string()),
                    Just("> [!VIDEO javascript:alert(1)]\n".to_string()),
                    Just(":::image source=\"javascript:x\" alt-text=\"a\":::".to_string()),
                    Just(":::image type=\"complex\" source=\"a.png\" alt-text=\"a\":::\n".to_string()),
                    Just(":::image-end:::\n".to_string()),
                    Just(":::row:::\n:::column:::\n".to_string()),
                    Just("::: zone pivot=\"a\"\n".to_string()),
                    Just("# [T](#tab/t)\n".to_string()),
                    Just("[!INCLUDE[x](x.md)]".to_string()),
                    Just("> [!NOTE]\n> ".to_string()),
                    Just("> [!ヒント]\n> [!div日本]\n> [!video日本語]\n".to_string()),
                    Just(":::image type=\"画像\" source=\"é.png\" alt-text=\"日本\":::".to_string()),
                    Just("# [タブ](#tab/é)\n".to_string()),
                    Just("<div>\n".to_string()),
                    Just("\u{E000}0\u{E001}".to_string()),
                    r"\[[a-z]\]\([a-zé€日\u{FFFD}./#]{0,8}\)",
                    r"[-#>*`\[\]()!|:a-zA-Z0-9 \n]{0,20}",
                ], 0..16)
            ) {
                let markdown = pieces.concat();
                let html = to_html(&markdown, "nl").html.to_ascii_lowercase();
                prop_assert!(!html.contains("<script"), "{:?} -> {}", markdown, html);
                prop_assert!(!html.contains("=\"javascript:"), "{:?} -> {}", markdown, html);
                prop_assert!(!html.contains("<!--dfm:"), "{:?} -> {}", markdown, html);
            }

            #[test]
            fn heading_ids_are_distinct_and_slugs(
                titles in prop::collection::vec("[a-zA-Zé日 !?&-]{0,12}", 1..12)
            ) {
                let markdown = titles.iter().map(|t| format!("## {t}\n\n")).collect::<String>();
                let rendered = to_html(&markdown, "en");
                prop_assert_eq!(rendered.headings.len(), titles.len());
                let ids: HashSet<&str> = rendered.headings.iter().map(|h| h.id.as_str()).collect();
                prop_assert_eq!(ids.len(), titles.len(), "ids repeat: {:?}", rendered.headings);
                for heading in &rendered.headings {
                    prop_assert!(!heading.id.is_empty());
                    prop_assert!(heading.id.chars().all(|c| c.is_alphanumeric() || c == '-' || c == '_'));
                    let id_attribute = format!("id=\"{}\"", heading.id);
                    prop_assert!(rendered.html.contains(&id_attribute));
                }
            }
        }
    }
}
