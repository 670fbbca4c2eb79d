//! A view parsed for DocFX constructs: CommonMark text in which each construct is replaced by
//! a placeholder, and the constructs themselves, each holding the markdown inside it as a
//! nested [`Doc`]. Rendering, the outline and the search text all walk this one structure.
//!
//! A block construct becomes the HTML comment `<!--dfm:K-->` on a line of its own (an HTML
//! block that starts and ends on that line and may interrupt a paragraph, so the list item or
//! quote around it is kept); an inline construct becomes `U+E000 K U+E001`, which pulldown-cmark
//! passes through as text. `K` is the construct's index in [`Doc::items`].

use super::attributes::Attributes;
use super::mapped::Mapped;

const BLOCK_OPEN: &str = "<!--dfm:";
const BLOCK_CLOSE: &str = "-->";
const INLINE_OPEN: char = '\u{E000}';
const INLINE_CLOSE: char = '\u{E001}';

/// Markdown with its constructs taken out.
#[derive(Debug, Clone)]
pub(crate) struct Doc<'a> {
    pub text: Mapped<'a>,
    pub items: Vec<Item>,
}

/// A construct at a view offset.
#[derive(Debug, Clone)]
pub(crate) struct Item {
    pub offset: usize,
    pub kind: ItemKind,
}

#[derive(Debug, Clone)]
pub(crate) enum ItemKind {
    /// A quote holding alerts, `[!div]` sections or `[!VIDEO]` embeds.
    Quote(Vec<Section>),
    /// A group of `# [Title](#tab/id)` tabs.
    Tabs(Vec<Tab>),
    /// `:::row:::` … `:::row-end:::`.
    Row(Doc<'static>),
    /// `:::column span="n":::` … `:::column-end:::`.
    Column {
        span: Option<String>,
        body: Doc<'static>,
    },
    /// `::: zone pivot="a,b" target="docs"` … `::: zone-end`.
    Zone {
        pivots: Vec<String>,
        target: Option<String>,
        body: Doc<'static>,
    },
    /// `::: moniker range="..."` … `::: moniker-end`.
    Moniker { range: String, body: Doc<'static> },
    /// `:::image ...:::`, inline, or a complex image with its long description.
    Image(Image),
    /// `:::video source= title=:::`.
    Video {
        source: String,
        title: String,
        max_width: Option<String>,
    },
    /// `:::no-loc text="...":::`: its text, as written.
    NoLoc(String),
    /// `[!INCLUDE[title](path)]`.
    Include {
        path: String,
        title: String,
        block: bool,
    },
    /// `:::code ...:::` or `[!code-lang[name](path...)]`.
    Code(Snippet),
}

/// One part of a quote: the plain quote before the first marker, or what a marker starts.
#[derive(Debug, Clone)]
pub(crate) struct Section {
    pub offset: usize,
    pub kind: SectionKind,
    pub body: Doc<'static>,
}

#[derive(Debug, Clone)]
pub(crate) enum SectionKind {
    Quote,
    Alert(Alert),
    /// `[!div class="..." id="..."]`.
    Div(Attributes),
    /// `[!VIDEO url]`.
    Video(String),
}

/// The five alert kinds of DocFX.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Alert {
    Note,
    Tip,
    Important,
    Warning,
    Caution,
}

impl Alert {
    pub const ALL: [Alert; 5] = [
        Alert::Note,
        Alert::Tip,
        Alert::Important,
        Alert::Warning,
        Alert::Caution,
    ];

    /// The lower-case name: `note`, `tip`...
    pub fn name(self) -> &'static str {
        match self {
            Alert::Note => "note",
            Alert::Tip => "tip",
            Alert::Important => "important",
            Alert::Warning => "warning",
            Alert::Caution => "caution",
        }
    }

    /// The kind named `name`, in any case.
    pub fn named(name: &str) -> Option<Alert> {
        Alert::ALL
            .into_iter()
            .find(|a| a.name().eq_ignore_ascii_case(name))
    }
}

/// A tab of a tab group.
#[derive(Debug, Clone)]
pub(crate) struct Tab {
    pub offset: usize,
    /// `a`, or `a+b` for a tab standing for several ids.
    pub id: String,
    /// The condition of a dependent tab, `#tab/id/condition`.
    pub condition: Option<String>,
    /// The title, inline markdown.
    pub title: Doc<'static>,
    pub body: Doc<'static>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum ImageKind {
    Content,
    Icon,
    Complex,
}

#[derive(Debug, Clone)]
pub(crate) struct Image {
    pub kind: ImageKind,
    pub source: String,
    pub alt: String,
    pub lightbox: Option<String>,
    /// `border="true|false"`; by default content and complex images have one, icons not.
    pub border: Option<bool>,
    pub link: Option<String>,
    /// The long description of a complex image.
    pub description: Option<Doc<'static>>,
}

impl Image {
    pub fn has_border(&self) -> bool {
        self.border.unwrap_or(self.kind != ImageKind::Icon)
    }
}

/// Code taken from a file.
#[derive(Debug, Clone, Default)]
pub(crate) struct Snippet {
    pub path: String,
    pub language: String,
    /// A named region or snippet tag (`#region name`, `// <name>`, `<!-- <name> -->`).
    pub region: Option<String>,
    /// Line ranges, as written (`2,4-7,9-`).
    pub range: Option<String>,
    /// Lines to highlight, as written, counted in the shown code.
    pub highlight: Option<String>,
    /// `[!code-lang[name]...]`'s name and title.
    pub name: Option<String>,
    pub title: Option<String>,
}

/// The placeholder line of block construct `k`.
pub(crate) fn block_placeholder(k: usize) -> String {
    format!("{BLOCK_OPEN}{k}{BLOCK_CLOSE}")
}

/// The construct a block of raw HTML stands for, when it is a placeholder.
pub(crate) fn block_item(html: &str) -> Option<usize> {
    html.trim()
        .strip_prefix(BLOCK_OPEN)?
        .strip_suffix(BLOCK_CLOSE)?
        .parse()
        .ok()
}

/// The placeholder of inline construct `k`.
pub(crate) fn inline_placeholder(k: usize) -> String {
    format!("{INLINE_OPEN}{k}{INLINE_CLOSE}")
}

/// A piece of text holding inline placeholders.
#[derive(Debug, PartialEq, Eq)]
pub(crate) enum Piece<'t> {
    Text(&'t str),
    Item(usize),
}

/// Splits `text` into plain text and inline placeholders.
pub(crate) fn pieces(text: &str) -> impl Iterator<Item = Piece<'_>> {
    let mut rest = text;
    std::iter::from_fn(move || {
        if rest.is_empty() {
            return None;
        }
        let Some(open) = rest.find(INLINE_OPEN) else {
            return Some(Piece::Text(std::mem::take(&mut rest)));
        };
        if open > 0 {
            let (text, after) = rest.split_at(open);
            rest = after;
            return Some(Piece::Text(text));
        }
        let after = &rest[INLINE_OPEN.len_utf8()..];
        let digits = after.bytes().take_while(u8::is_ascii_digit).count();
        match after[digits..].strip_prefix(INLINE_CLOSE) {
            Some(tail) if digits > 0 => {
                let k = after[..digits].parse().unwrap_or(usize::MAX);
                rest = tail;
                Some(Piece::Item(k))
            }
            _ => {
                let (text, tail) = rest.split_at(INLINE_OPEN.len_utf8());
                rest = tail;
                Some(Piece::Text(text))
            }
        }
    })
}

/// Whether `text` holds an inline placeholder.
pub(crate) fn has_inline(text: &str) -> bool {
    text.contains(INLINE_OPEN)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn placeholders_round_trip() {
        assert_eq!(block_item(&block_placeholder(12)), Some(12));
        assert_eq!(block_item("<!-- a comment -->"), None);
        let text = format!(
            "a{}b{}\u{E000}x",
            inline_placeholder(3),
            inline_placeholder(40)
        );
        let found: Vec<Piece> = pieces(&text).collect();
        assert_eq!(
            found,
            [
                Piece::Text("a"),
                Piece::Item(3),
                Piece::Text("b"),
                Piece::Item(40),
                Piece::Text("\u{E000}"),
                Piece::Text("x"),
            ]
        );
    }
}
