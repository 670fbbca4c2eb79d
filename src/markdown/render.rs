//! Rendering a parsed [`Doc`] to HTML: pulldown-cmark over the doc's text, with each event
//! adjusted the DocFX way (heading ids, `lang-` code classes, links rewritten and
//! cross-references resolved, `.mp4` images as videos, autolinks, emoji), and each
//! placeholder replaced by the HTML of its construct. Constructs render their inner docs with
//! the same [`Renderer`], so heading ids stay distinct across the whole page, includes
//! included.

use std::borrow::Cow;
use std::collections::{HashMap, HashSet};

use pulldown_cmark::{CodeBlockKind, CowStr, Event, LinkType, Parser, Tag, TagEnd};

use super::doc::{self, Doc, Item, ItemKind, Piece};
use super::inline::{self, Inline};
use super::{
    Heading, IncludeSite, LinkRef, Options, Problem, XrefTarget, alerts, attributes, code,
    headings, image, includes, labels, tabs, video, zones,
};
use crate::code::Code;

/// Includes nested deeper than this are not followed.
const MAX_INCLUDE_DEPTH: usize = 10;

/// An include being rendered: its path, and where the first include of the chain is in the page.
struct Frame {
    path: String,
    /// The offset in the including file's body of the include directive.
    directive: usize,
    /// Where the included file's body starts in the file (after its front matter).
    body_start: usize,
    /// The file that was being rendered before.
    outer_file: String,
}

/// The state of one page's rendering.
pub(crate) struct Renderer<'o> {
    options: &'o Options<'o>,
    file: String,
    frames: Vec<Frame>,
    ids: HashSet<String>,
    pub(crate) headings: Vec<Heading>,
    pub(crate) problems: Vec<Problem>,
    numbers: HashMap<&'static str, usize>,
}

impl<'o> Renderer<'o> {
    pub fn new(options: &'o Options<'o>) -> Renderer<'o> {
        Renderer {
            options,
            file: options.path.to_string(),
            frames: Vec::new(),
            ids: HashSet::new(),
            headings: Vec::new(),
            problems: Vec::new(),
            numbers: HashMap::new(),
        }
    }

    /// The file being rendered: the page, or the include being rendered inside it.
    pub fn file(&self) -> &str {
        &self.file
    }

    /// The text of the file at `path`, relative to the locale root.
    pub fn read(&self, path: &str) -> Option<Cow<'o, str>> {
        self.options.files.read(path)
    }

    /// A label in the reader's language.
    pub fn label(&self, key: &str) -> Cow<'o, str> {
        match self.options.labels.and_then(|l| l.label(key)) {
            Some(label) => label,
            None => Cow::Borrowed(labels::builtin(self.options.lang, key)),
        }
    }

    /// `prefix-N`, N counting from 1 within the page.
    pub fn next_id(&mut self, prefix: &'static str) -> String {
        format!("{prefix}-{}", self.next_number(prefix))
    }

    pub fn next_number(&mut self, key: &'static str) -> usize {
        let n = self.numbers.entry(key).or_insert(0);
        *n += 1;
        *n
    }

    /// Records a problem at `offset` of the file being rendered.
    pub fn problem(&mut self, code: Code, offset: usize, message: String) {
        let problem = match self.frames.first() {
            None => Problem::new(code, offset, message),
            Some(first) => {
                let innermost = self.frames.last().expect("a frame");
                Problem {
                    include: Some(IncludeSite {
                        path: innermost.path.clone(),
                        offset: innermost.body_start + offset,
                    }),
                    ..Problem::new(code, first.directive, message)
                }
            }
        };
        self.problems.push(problem);
    }

    /// Problems the scanner found in the file being rendered.
    pub fn record_parse_problems(&mut self, problems: Vec<Problem>) {
        for p in problems {
            self.problem(p.code, p.offset, p.message);
        }
    }

    /// The chain of includes that leads back to `path`, when including it would loop.
    pub fn include_cycle(&self, path: &str) -> Option<String> {
        let mut chain: Vec<&str> = std::iter::once(self.options.path)
            .chain(self.frames.iter().map(|f| f.path.as_str()))
            .collect();
        let looping = chain.contains(&path) || self.frames.len() >= MAX_INCLUDE_DEPTH;
        chain.dedup();
        looping.then(|| {
            chain
                .iter()
                .map(|p| format!("`{p}`"))
                .collect::<Vec<_>>()
                .join(" → ")
        })
    }

    pub fn enter_include(&mut self, path: &str, directive: usize, body_start: usize) {
        let outer_file = std::mem::replace(&mut self.file, path.to_string());
        self.frames.push(Frame {
            path: path.to_string(),
            directive,
            body_start,
            outer_file,
        });
    }

    pub fn leave_include(&mut self) {
        if let Some(frame) = self.frames.pop() {
            self.file = frame.outer_file;
        }
    }

    /// A link or image destination as the page must write it.
    pub fn link(&self, dest: &str, image: bool) -> String {
        let dest = dest.trim();
        if is_script_url(dest) {
            return "#".to_string();
        }
        if is_absolute(dest) || dest.starts_with('#') || dest.is_empty() {
            return dest.to_string();
        }
        self.options.links.rewrite(&LinkRef {
            page: self.options.path,
            file: &self.file,
            dest,
            image,
        })
    }

    /// The target of cross-reference `uid` (with `?text=` and `#anchor` handled).
    pub fn xref(&self, uid: &str) -> Option<XrefTarget> {
        let (uid, anchor) = match uid.split_once('#') {
            Some((u, a)) => (u, Some(a)),
            None => (uid, None),
        };
        let (uid, query) = match uid.split_once('?') {
            Some((u, q)) => (u, Some(q)),
            None => (uid, None),
        };
        let mut target = self.options.xrefs.resolve(uid.trim())?;
        if let Some(text) = query
            .into_iter()
            .flat_map(|q| q.split('&'))
            .find_map(|p| p.strip_prefix("text="))
        {
            target.name = text.replace('+', " ");
        }
        if let Some(anchor) = anchor {
            target.href = format!(
                "{}#{anchor}",
                target.href.split('#').next().unwrap_or_default()
            );
        }
        Some(target)
    }

    /// The HTML link of a resolved cross-reference, its text the given one or the target's name.
    pub fn xref_link(&self, uid: &str, text: Option<&str>) -> Option<String> {
        let target = self.xref(uid)?;
        Some(format!(
            "<a class=\"xref\" href=\"{}\">{}</a>",
            attributes::escape(&target.href),
            attributes::escape(text.unwrap_or(&target.name))
        ))
    }

    /// Renders `doc` as blocks.
    pub fn doc(&mut self, doc: &Doc, out: &mut String) {
        let events = self.events(doc);
        pulldown_cmark::html::push_html(out, events.into_iter());
    }

    /// Renders `doc` as inline content: a lone paragraph loses its `<p>`.
    pub fn inline(&mut self, doc: &Doc, out: &mut String) {
        let mut html = String::new();
        self.doc(doc, &mut html);
        let trimmed = html.trim_end();
        match trimmed
            .strip_prefix("<p>")
            .and_then(|h| h.strip_suffix("</p>"))
        {
            Some(inner) if !inner.contains("<p>") => out.push_str(inner),
            _ => out.push_str(trimmed),
        }
    }

    fn item(&mut self, item: &Item, out: &mut String) {
        match &item.kind {
            ItemKind::Quote(sections) => alerts::render(sections, self, out),
            ItemKind::Tabs(tabs) => tabs::render(tabs, self, out),
            ItemKind::Row(body) => {
                out.push_str("<section class=\"row\">\n");
                self.doc(body, out);
                out.push_str("</section>\n");
            }
            ItemKind::Column { span, body } => {
                let span = span
                    .as_deref()
                    .filter(|s| *s != "1")
                    .map_or(String::new(), |s| format!(" span{}", attributes::escape(s)));
                out.push_str(&format!("<div class=\"column{span}\">\n"));
                self.doc(body, out);
                out.push_str("</div>\n");
            }
            ItemKind::Zone {
                pivots,
                target,
                body,
            } => zones::render_zone(pivots, target.as_deref(), body, self, out),
            ItemKind::Moniker { range, body } => zones::render_moniker(range, body, self, out),
            ItemKind::Image(img) => image::render(img, self, out),
            ItemKind::Video {
                source,
                title,
                max_width,
            } => video::embed(source, title, max_width.as_deref(), out),
            ItemKind::NoLoc(text) => out.push_str(&attributes::escape(text)),
            ItemKind::Include { path, title, block } => {
                includes::render(path, title, *block, item.offset, self, out)
            }
            ItemKind::Code(snippet) => code::render(snippet, item.offset, self, out),
        }
    }

    /// The events of `doc`, adjusted.
    fn events<'d>(&mut self, doc: &'d Doc) -> Vec<Event<'d>> {
        let mut out: Vec<Event<'d>> = Vec::with_capacity(doc.text.as_str().len() / 8);
        // Adjacent text events, joined (pulldown-cmark splits text at entities and brackets).
        let mut text: Option<CowStr<'d>> = None;
        let mut state = State::default();
        for (event, range) in
            Parser::new_ext(doc.text.as_str(), super::options()).into_offset_iter()
        {
            match event {
                Event::Text(t) if !state.code => {
                    text = Some(match text.take() {
                        None => t,
                        Some(before) => CowStr::from(format!("{before}{t}")),
                    });
                }
                event => {
                    if let Some(t) = text.take() {
                        self.text(t, doc, &mut state, &mut out);
                    }
                    state.offset = range.start;
                    self.event(event, doc, &mut state, &mut out);
                }
            }
        }
        if let Some(t) = text.take() {
            self.text(t, doc, &mut state, &mut out);
        }
        out
    }

    fn event<'d>(
        &mut self,
        event: Event<'d>,
        doc: &'d Doc,
        state: &mut State,
        out: &mut Vec<Event<'d>>,
    ) {
        match event {
            Event::Start(Tag::Heading { .. }) => {
                state.heading = Some(out.len());
                out.push(event);
            }
            Event::End(TagEnd::Heading(level)) => {
                if let Some(start) = state.heading.take() {
                    self.finish_heading(out, start, level as u8);
                }
                out.push(Event::End(TagEnd::Heading(level)));
            }
            Event::Start(Tag::CodeBlock(kind)) => {
                state.code = true;
                match &kind {
                    CodeBlockKind::Fenced(info) => match code::fence_language(info) {
                        Some(lang) => out.push(Event::Html(CowStr::from(format!(
                            "<pre><code class=\"lang-{}\">",
                            attributes::escape(lang)
                        )))),
                        None => out.push(Event::Html(CowStr::Borrowed("<pre><code>"))),
                    },
                    CodeBlockKind::Indented => out.push(Event::Start(Tag::CodeBlock(kind))),
                }
            }
            Event::End(TagEnd::CodeBlock) => {
                state.code = false;
                out.push(Event::Html(CowStr::Borrowed("</code></pre>\n")));
            }
            Event::Start(Tag::Link {
                link_type,
                dest_url,
                title,
                id,
            }) => {
                if let Some(uid) = dest_url.strip_prefix("xref:") {
                    let uid = uid.to_string();
                    let autolink = matches!(link_type, LinkType::Autolink);
                    match self.xref(&uid) {
                        Some(target) => {
                            if autolink {
                                state.replace_text = Some(target.name.clone());
                            }
                            state.links.push(LinkKind::Link);
                            out.push(Event::Start(Tag::Link {
                                link_type,
                                dest_url: CowStr::from(target.href),
                                title,
                                id,
                            }));
                        }
                        None => {
                            let offset = doc.text.view_offset(state.offset);
                            self.problem(
                                Code::UnresolvedXref,
                                offset,
                                format!(
                                    "cross-reference `{uid}` is not in any xref map: shown as text"
                                ),
                            );
                            if autolink {
                                state.replace_text = Some(uid.clone());
                            }
                            state.links.push(LinkKind::Span);
                            out.push(Event::InlineHtml(CowStr::Borrowed("<span class=\"xref\">")));
                        }
                    }
                } else {
                    state.links.push(LinkKind::Link);
                    let dest = if link_type == LinkType::Email {
                        dest_url.to_string()
                    } else {
                        self.link(&dest_url, false)
                    };
                    out.push(Event::Start(Tag::Link {
                        link_type,
                        dest_url: CowStr::from(dest),
                        title,
                        id,
                    }));
                }
            }
            Event::End(TagEnd::Link) => match state.links.pop() {
                Some(LinkKind::Span) => out.push(Event::InlineHtml(CowStr::Borrowed("</span>"))),
                _ => out.push(Event::End(TagEnd::Link)),
            },
            Event::Start(Tag::Image {
                link_type,
                dest_url,
                title,
                id,
            }) => {
                state.image += 1;
                let src = self.link(&dest_url, true);
                if let Some(mime) = video_type(&src) {
                    state.video = Some(out.len());
                    out.push(Event::InlineHtml(CowStr::from(format!(
                        "<video controls width=\"500\" height=\"281\"><source type=\"{mime}\" src=\"{}\"></video>",
                        attributes::escape(&src)
                    ))));
                } else {
                    out.push(Event::Start(Tag::Image {
                        link_type,
                        dest_url: CowStr::from(src),
                        title,
                        id,
                    }));
                }
            }
            Event::End(TagEnd::Image) => {
                state.image = state.image.saturating_sub(1);
                if state.video.take().is_none() {
                    out.push(Event::End(TagEnd::Image));
                }
            }
            Event::Html(raw) | Event::InlineHtml(raw) if doc::block_item(&raw).is_some() => {
                let k = doc::block_item(&raw).expect("checked");
                let mut html = String::new();
                if let Some(item) = doc.items.get(k) {
                    self.item(item, &mut html);
                }
                out.push(Event::Html(CowStr::from(html)));
            }
            Event::Html(raw) | Event::InlineHtml(raw) if is_script(&raw) => {
                out.push(Event::Text(raw))
            }
            event if state.video.is_some() => drop(event),
            Event::Html(raw) => out.push(Event::Html(self.html_links(raw))),
            Event::InlineHtml(raw) => out.push(Event::InlineHtml(self.html_links(raw))),
            event => out.push(event),
        }
    }

    /// Raw HTML with its relative `src` and `href` values written as the page must write them.
    fn html_links<'r>(&self, raw: CowStr<'r>) -> CowStr<'r> {
        let lower = raw.to_ascii_lowercase();
        if !lower.contains("src=") && !lower.contains("href=") {
            return raw;
        }
        let mut out = String::with_capacity(raw.len());
        let mut pos = 0;
        for (at, _) in lower.match_indices('=') {
            let before = lower[..at].trim_end();
            let name_start = before.rfind(char::is_whitespace).map_or(0, |i| i + 1);
            let name = &before[name_start..];
            if !(name == "src" || name == "href") || name_start == 0 || at < pos {
                continue;
            }
            let rest = &raw[at + 1..];
            let Some(quote @ ('"' | '\'')) = rest.chars().next() else {
                continue;
            };
            let Some(len) = rest[1..].find(quote) else {
                continue;
            };
            let value = &rest[1..1 + len];
            let written = self.link(value, name == "src");
            if written != value {
                out.push_str(&raw[pos..at + 2]);
                out.push_str(&written.replace('"', "&quot;"));
                pos = at + 2 + len;
            }
        }
        if pos == 0 {
            return raw;
        }
        out.push_str(&raw[pos..]);
        CowStr::from(out)
    }

    /// Text outside code: inline constructs, autolinks, emoji and `@uid`s.
    fn text<'d>(
        &mut self,
        text: CowStr<'d>,
        doc: &'d Doc,
        state: &mut State,
        out: &mut Vec<Event<'d>>,
    ) {
        if state.video.is_some() {
            return;
        }
        if let Some(replacement) = state.replace_text.take() {
            out.push(Event::Text(CowStr::from(replacement)));
            return;
        }
        let plain = state.image > 0 || !state.links.is_empty();
        let placeholders = !doc.items.is_empty() && doc::has_inline(&text);
        if !placeholders && (plain || !inline::may_expand(&text)) {
            out.push(Event::Text(text));
            return;
        }
        for piece in doc::pieces(&text) {
            match piece {
                Piece::Item(k) => match doc.items.get(k).map(|i| &i.kind) {
                    Some(ItemKind::NoLoc(text)) => {
                        out.push(Event::Text(CowStr::from(text.clone())))
                    }
                    Some(_) => {
                        let mut html = String::new();
                        self.item(&doc.items[k], &mut html);
                        out.push(Event::InlineHtml(CowStr::from(html)));
                    }
                    None => {}
                },
                Piece::Text(t) if plain => out.push(Event::Text(CowStr::from(t.to_string()))),
                Piece::Text(t) => {
                    let mut parts = Vec::new();
                    inline::expand(t, self, &mut parts);
                    for part in parts {
                        out.push(match part {
                            Inline::Text(t) => Event::Text(CowStr::from(t.to_string())),
                            Inline::Html(h) => Event::InlineHtml(CowStr::from(h)),
                        });
                    }
                }
            }
        }
    }

    /// Gives the heading that starts at `out[start]` its id: its first empty anchor's name
    /// (the anchor is taken out), else the slug of its text.
    fn finish_heading(&mut self, out: &mut Vec<Event>, start: usize, level: u8) {
        let anchor = headings::first_anchor(&out[start + 1..])
            .map(|(i, n, name)| (start + 1 + i, n, name.to_string()));
        if let Some((at, n, _)) = &anchor {
            out.drain(*at..*at + *n);
        }
        let text = plain_text(&out[start + 1..]);
        let id = match anchor {
            Some((_, _, name)) => {
                self.ids.insert(name.clone());
                name
            }
            None => headings::unique_id(headings::slug(&text), &mut self.ids),
        };
        if let Event::Start(Tag::Heading { id: slot, .. }) = &mut out[start] {
            *slot = Some(CowStr::from(id.clone()));
        }
        self.headings.push(Heading { level, text, id });
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum LinkKind {
    Link,
    /// An unresolved cross-reference, written as a span.
    Span,
}

#[derive(Default)]
struct State {
    heading: Option<usize>,
    code: bool,
    links: Vec<LinkKind>,
    image: usize,
    /// Inside a `.mp4` image made a video: its alt text is dropped.
    video: Option<usize>,
    /// The text of an autolinked cross-reference, replaced by its name.
    replace_text: Option<String>,
    /// Where the current event starts in the doc's text (for problems).
    offset: usize,
}

/// The MIME type of a video file a link points at.
fn video_type(src: &str) -> Option<&'static str> {
    let path = src
        .split(['?', '#'])
        .next()
        .unwrap_or(src)
        .to_ascii_lowercase();
    let extension = path.rsplit_once('.').map(|(_, e)| e)?;
    match extension {
        "mp4" | "m4v" => Some("video/mp4"),
        "webm" => Some("video/webm"),
        "ogv" | "ogg" => Some("video/ogg"),
        "mov" => Some("video/quicktime"),
        _ => None,
    }
}

/// The text of inline events, as a reader sees it: markup and raw HTML left out.
fn plain_text(events: &[Event]) -> String {
    let mut text = String::new();
    for event in events {
        match event {
            Event::Text(t) | Event::Code(t) => text.push_str(t),
            Event::SoftBreak | Event::HardBreak => text.push(' '),
            _ => {}
        }
    }
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Whether a link destination is absolute (has a scheme) or protocol-relative.
pub(crate) fn is_absolute(dest: &str) -> bool {
    if dest.starts_with("//") {
        return true;
    }
    match dest.find(':') {
        Some(colon) => {
            let scheme = &dest[..colon];
            !scheme.is_empty()
                && scheme.as_bytes()[0].is_ascii_alphabetic()
                && scheme
                    .bytes()
                    .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'+' | b'-' | b'.'))
                && !dest[..colon].contains('/')
        }
        None => false,
    }
}

pub(crate) fn is_script(html: &str) -> bool {
    let lower = html.to_ascii_lowercase();
    lower.contains("<script") || lower.contains("javascript:")
}

/// A URL a browser could run as a script, however it is spelt (browsers ignore white space
/// and control characters inside the scheme); `data:` pictures other than SVG are fine.
pub(crate) fn is_script_url(url: &str) -> bool {
    let Some(colon) = url.find(':') else {
        return false;
    };
    let scheme = || squeezed(&url[..colon]);
    if scheme().eq("javascript".chars()) || scheme().eq("vbscript".chars()) {
        return true;
    }
    if !scheme().eq("data".chars()) {
        return false;
    }
    let rest: String = squeezed(&url[colon + 1..]).take(9).collect();
    !rest.starts_with("image/") || rest.starts_with("image/svg")
}

/// The characters of `text` a browser reads in a URL scheme: lower case, white space and
/// control characters left out.
fn squeezed(text: &str) -> impl Iterator<Item = char> + '_ {
    text.chars()
        .filter(|c| !c.is_whitespace() && !c.is_control())
        .map(|c| c.to_ascii_lowercase())
}
