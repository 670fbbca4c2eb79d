//! Tab groups: consecutive headings whose whole content is a link to `#tab/id` (or
//! `#tab/id/condition` for a dependent tab, `#tab/a+b` for a tab standing for several ids)
//! form a group; each tab holds what follows its heading. The group ends at a thematic break
//! (`---`, which is consumed), at a heading of the group's level or above that is not a tab,
//! or at the end of the text that holds it. Localized headings often carry an anchor
//! (`# <a name="x"></a>[Titel](#tab/x)`); it is allowed.
//!
//! The HTML follows DocFX's: a `tabGroup` with a `tablist` of `tab` links and one `tabpanel`
//! section per tab. Every panel is rendered visible; `dfm.js` hides all but the selected one,
//! keeps the choice in sync across the page's groups and remembers it.

use super::Problem;
use super::doc::{Item, ItemKind, Tab};
use super::mapped::{Builder, Mapped};
use super::render::Renderer;
use super::scan::{self, Line, LineKind, Scope, Unit};
use crate::code::Code;

/// A tab heading found on a line.
#[derive(Debug, PartialEq, Eq)]
pub(crate) struct Heading {
    pub level: usize,
    pub id: String,
    pub condition: Option<String>,
    /// The title's byte range in the line, and the sxs markers wrapped around the whole link
    /// (kept around the title).
    pub title: std::ops::Range<usize>,
    pub wrap: Option<(std::ops::Range<usize>, std::ops::Range<usize>)>,
}

/// The tab heading `line` is, if any.
pub(crate) fn heading(line: &str) -> Option<Heading> {
    let indent = scan::indentation_bytes(line);
    if indent > 3 {
        return None;
    }
    let content = &line[indent..];
    let level = scan::heading_level(content)?;
    let mut at = indent + level;
    let skip_spaces = |at: &mut usize| {
        while line
            .as_bytes()
            .get(*at)
            .is_some_and(|b| *b == b' ' || *b == b'\t')
        {
            *at += 1;
        }
    };
    skip_spaces(&mut at);
    // Anchors before the link.
    while line[at..].starts_with("<a ") {
        let close = line[at..].find("</a>")?;
        at += close + "</a>".len();
        skip_spaces(&mut at);
    }
    let open_marker = marker_at(line, at, false);
    if let Some(len) = open_marker {
        at += len;
    }
    let bracket = at;
    if line.as_bytes().get(bracket) != Some(&b'[') {
        return None;
    }
    let split = bracket + line[bracket..].find("](#tab/")?;
    let href_start = split + 2;
    let href_end = href_start + line[href_start..].find(')')?;
    let (id, condition) = tab_href(&line[href_start..href_end])?;
    let mut end = href_end + 1;
    let close_marker = marker_at(line, end, true);
    if let Some(len) = close_marker {
        end += len;
    }
    let tail = line[end..].trim_end_matches([' ', '\t', '#']);
    if !tail.is_empty() {
        return None;
    }
    let wrap = match (open_marker, close_marker) {
        (Some(open), Some(close)) => {
            Some((bracket - open..bracket, href_end + 1..href_end + 1 + close))
        }
        _ => None,
    };
    Some(Heading {
        level,
        id,
        condition,
        title: bracket + 1..split,
        wrap,
    })
}

/// The length of an sxs segment marker (`<dgs-N>`, or `</dgs-N>` when `closing`) at `at`.
fn marker_at(line: &str, at: usize, closing: bool) -> Option<usize> {
    let prefix = if closing { "</dgs-" } else { "<dgs-" };
    let rest = line[at..].strip_prefix(prefix)?;
    let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
    (digits > 0 && rest[digits..].starts_with('>')).then_some(prefix.len() + digits + 1)
}

/// `#tab/id` or `#tab/id/condition`: ids of letters, digits and hyphens, joined by `+`.
fn tab_href(href: &str) -> Option<(String, Option<String>)> {
    let rest = href.strip_prefix("#tab/")?;
    let (id, condition) = match rest.split_once('/') {
        Some((id, condition)) => (id, Some(condition).filter(|c| !c.is_empty())),
        None => (rest, None),
    };
    let name = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-');
    if !id.split('+').all(name) || condition.is_some_and(|c| !name(c)) {
        return None;
    }
    Some((id.to_string(), condition.map(str::to_string)))
}

/// Groups tab headings and what follows them into tab groups.
pub(crate) fn group(
    units: Vec<Unit>,
    src: &Mapped,
    lines: &[Line],
    scope: Scope,
    problems: &mut Vec<Problem>,
) -> Vec<Unit> {
    let text = src.as_str();
    let line_text = |i: usize| &text[lines[i].start..lines[i].end];
    let tab_at = |unit: &Unit| match unit {
        Unit::Line {
            index,
            kind: LineKind::Text | LineKind::Other,
        } => heading(line_text(*index)).map(|h| (*index, h)),
        _ => None,
    };
    if !units.iter().any(|u| tab_at(u).is_some()) {
        return units;
    }
    let mut out = Vec::with_capacity(units.len());
    let mut units = units.into_iter().peekable();
    while let Some(unit) = units.next() {
        let Some((first_line, first)) = tab_at(&unit) else {
            out.push(unit);
            continue;
        };
        let level = first.level;
        let mut tabs = Vec::new();
        let mut current = (first_line, first, Vec::new());
        let mut previous_text = false;
        while let Some(next) = units.peek() {
            if let Some((line, h)) = tab_at(next) {
                units.next();
                let done = std::mem::replace(&mut current, (line, h, Vec::new()));
                tabs.push(done);
                previous_text = false;
                continue;
            }
            if let Unit::Line { index, kind } = next {
                let content = line_text(*index).trim();
                let setext = content.bytes().all(|b| b == b'-') && previous_text;
                if *kind != LineKind::Code && scan::is_rule(content) && !setext {
                    units.next();
                    break;
                }
                if *kind != LineKind::Code
                    && scan::indentation(line_text(*index)) < 4
                    && scan::heading_level(content).is_some_and(|l| l <= level)
                {
                    break;
                }
                previous_text = *kind == LineKind::Text;
            } else {
                previous_text = false;
            }
            current.2.push(units.next().expect("peeked"));
        }
        tabs.push(current);
        let offset = src.view_offset(lines[first_line].start);
        let mut built = Vec::with_capacity(tabs.len());
        let mut seen = std::collections::HashSet::new();
        for (line, h, body) in tabs {
            let at = lines[line].start;
            for id in h.id.split('+') {
                if !seen.insert((id.to_string(), h.condition.clone())) {
                    problems.push(Problem::new(
                        Code::DfmSyntax,
                        src.view_offset(at),
                        format!("tab id `{id}` is used twice in one tab group"),
                    ));
                }
            }
            let mut title = Builder::default();
            if let Some((open, _)) = &h.wrap {
                title.copy(src, at + open.start..at + open.end);
            }
            title.copy(src, at + h.title.start..at + h.title.end);
            if let Some((_, close)) = &h.wrap {
                title.copy(src, at + close.start..at + close.end);
            }
            title.insert("\n", src.view_offset(lines[line].end));
            let title = scan::parse_mapped(&title.finish(), scope, problems);
            built.push(Tab {
                offset: src.view_offset(at),
                id: h.id,
                condition: h.condition,
                title,
                body: scan::emit(src, lines, body, problems),
            });
        }
        out.push(Unit::Block {
            first: first_line,
            item: Item {
                offset,
                kind: ItemKind::Tabs(built),
            },
        });
    }
    out
}

/// Writes a tab group.
pub(crate) fn render(tabs: &[Tab], r: &mut Renderer, out: &mut String) {
    let group = r.next_number("tabgroup");
    let panel = |tab: &Tab| {
        let mut id = format!("tabpanel_{group}_{}", tab.id);
        if let Some(c) = &tab.condition {
            id.push('_');
            id.push_str(c);
        }
        id
    };
    let data = |tab: &Tab| {
        let mut data = format!(" data-tab=\"{}\"", tab.id);
        if let Some(c) = &tab.condition {
            data.push_str(&format!(" data-condition=\"{c}\""));
        }
        data
    };
    out.push_str(&format!(
        "<div class=\"tabGroup\" id=\"tabgroup_{group}\">\n<ul role=\"tablist\">\n"
    ));
    for (i, tab) in tabs.iter().enumerate() {
        let id = panel(tab);
        let state = if i == 0 {
            " tabindex=\"0\" aria-selected=\"true\""
        } else {
            " tabindex=\"-1\" aria-selected=\"false\""
        };
        out.push_str(&format!(
            "<li role=\"presentation\"><a href=\"#{id}\" role=\"tab\" id=\"{id}_tab\" aria-controls=\"{id}\"{}{state}>",
            data(tab)
        ));
        r.inline(&tab.title, out);
        out.push_str("</a></li>\n");
    }
    out.push_str("</ul>\n");
    for tab in tabs {
        let id = panel(tab);
        out.push_str(&format!(
            "<section id=\"{id}\" role=\"tabpanel\" aria-labelledby=\"{id}_tab\"{}>\n",
            data(tab)
        ));
        r.doc(&tab.body, out);
        out.push_str("</section>\n");
    }
    out.push_str("</div>\n");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tab_headings() {
        let h = heading("# [title-b](#tab/b/c)").unwrap();
        assert_eq!(
            (h.level, h.id.as_str(), h.condition.as_deref()),
            (1, "b", Some("c"))
        );
        let line = "# <a name=\"x\"></a>[Nicht-AAD](#tab/nonaadlogon)";
        let h = heading(line).unwrap();
        assert_eq!(&line[h.title], "Nicht-AAD");
        assert_eq!(heading("## [a or b](#tab/a+b)").unwrap().id, "a+b");
        let line = "# <dgs-3>[Windows](#tab/windows)</dgs-3>";
        let h = heading(line).unwrap();
        let (open, close) = h.wrap.unwrap();
        assert_eq!((&line[open], &line[close]), ("<dgs-3>", "</dgs-3>"));
        assert_eq!(heading("# [a](#tab/a) and more"), None);
        assert_eq!(heading("# [a](#tab/a b)"), None);
        assert_eq!(heading("# [a](#section)"), None);
        assert_eq!(heading("[a](#tab/a)"), None);
    }
}
