//! Zones and monikers: `::: zone pivot="a,b" target="docs"` … `::: zone-end` and
//! `::: moniker range="..."` … `::: moniker-end`.
//!
//! A pivot zone is shown with its pivots in `data-pivot`; `dfm.js` builds the picker that shows
//! one pivot at a time (without JavaScript every zone shows). `target="docs"` content is shown;
//! `chromeless` and `pdf` content is not part of a docs page and is left out. A moniker range is
//! shown above its content.

use super::attributes::{self, Attributes};
use super::doc::Doc;
use super::render::Renderer;

/// The pivots and target of a zone, or what is wrong with its attributes.
pub(crate) fn zone(attrs: &Attributes) -> Result<(Vec<String>, Option<String>), String> {
    if let Some(name) = attrs.unknown(&["pivot", "target"]) {
        return Err(format!("unexpected attribute `{name}`"));
    }
    let target = attrs.get("target").map(str::to_string);
    if let Some(t) = target.as_deref()
        && !matches!(t, "docs" | "chromeless" | "pdf")
    {
        return Err(format!("unknown target `{t}`: use docs, chromeless or pdf"));
    }
    let pivots = match attrs.get("pivot") {
        None => Vec::new(),
        Some(value) => {
            let pivots: Vec<String> = value.split(',').map(|p| p.trim().to_string()).collect();
            let valid = |p: &String| {
                !p.is_empty()
                    && p.bytes()
                        .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
            };
            if !pivots.iter().all(valid) {
                return Err(format!(
                    "pivot `{value}`: pivots are comma-separated names of lower-case letters, digits and hyphens"
                ));
            }
            pivots
        }
    };
    if target.is_none() && pivots.is_empty() {
        return Err("give a `pivot` or a `target`".to_string());
    }
    if target.as_deref() == Some("pdf") && !pivots.is_empty() {
        return Err("a pdf zone takes no pivot".to_string());
    }
    Ok((pivots, target))
}

/// The range of a moniker, or what is wrong with its attributes.
pub(crate) fn moniker(attrs: &Attributes) -> Result<String, String> {
    if let Some(name) = attrs.unknown(&["range"]) {
        return Err(format!("unexpected attribute `{name}`"));
    }
    match attrs.get("range") {
        Some(range) if !range.trim().is_empty() => Ok(range.trim().to_string()),
        _ => Err("`range` is required".to_string()),
    }
}

/// Whether a zone's content belongs on a docs page.
pub(crate) fn shown(target: Option<&str>) -> bool {
    target.is_none_or(|t| t == "docs")
}

pub(crate) fn render_zone(
    pivots: &[String],
    target: Option<&str>,
    body: &Doc,
    r: &mut Renderer,
    out: &mut String,
) {
    if !shown(target) {
        return;
    }
    let mut class = String::from("zone");
    let mut data = String::new();
    if let Some(target) = target {
        class.push_str(" has-target");
        data.push_str(&format!(" data-target=\"{}\"", attributes::escape(target)));
    }
    if !pivots.is_empty() {
        class.push_str(" has-pivot");
        data.push_str(&format!(
            " data-pivot=\"{}\"",
            attributes::escape(&pivots.join(" "))
        ));
    }
    out.push_str(&format!("<div class=\"{class}\"{data}>\n"));
    r.doc(body, out);
    out.push_str("</div>\n");
}

pub(crate) fn render_moniker(range: &str, body: &Doc, r: &mut Renderer, out: &mut String) {
    let range = attributes::escape(range);
    let label = attributes::escape(&r.label("moniker-range"));
    out.push_str(&format!(
        "<div class=\"moniker\" data-moniker=\"{range}\">\n<p class=\"moniker-range\"><span class=\"moniker-label\">{label}</span> <span class=\"moniker-name\">{range}</span></p>\n"
    ));
    r.doc(body, out);
    out.push_str("</div>\n");
}

#[cfg(test)]
mod tests {
    use super::*;

    fn zone_of(text: &str) -> Result<(Vec<String>, Option<String>), String> {
        zone(&attributes::parse(text, None).unwrap().0)
    }

    #[test]
    fn zone_attributes_as_docfx_checks_them() {
        assert_eq!(
            zone_of(r#"pivot=" foo,bar " target="docs""#).unwrap().0,
            ["foo", "bar"]
        );
        assert!(zone_of(r#"pivot="**""#).is_err());
        assert!(zone_of(r#"pivot="a b""#).is_err());
        assert!(zone_of(r#"target="pdf" pivot="foo""#).is_err());
        assert!(zone_of(r#"target="print""#).is_err());
        assert!(zone_of("").is_err());
        assert!(shown(Some("docs")) && shown(None) && !shown(Some("chromeless")));
    }
}
