//! `:::image type="content|icon|complex" source= alt-text= lightbox= border= link= loc-scope=:::`.
//!
//! Content and icon images are inline (an icon is decorative: `role="presentation"`, no
//! border); a complex image stands on its own line and its long description, up to
//! `:::image-end:::`, is markdown the image points to with `aria-describedby`. `lightbox` links
//! the image to its full-size file (`#lightbox`, which `dfm.js` opens in an overlay), `link` to
//! any address; `border` defaults to true except for icons.

use super::attributes::{self, Attributes};
use super::doc::{Image, ImageKind};
use super::render::Renderer;

const KNOWN: &[&str] = &[
    "type",
    "source",
    "alt-text",
    "lightbox",
    "border",
    "link",
    "loc-scope",
];

/// The image an attribute list describes, or what is wrong with it.
pub(crate) fn from_attributes(attrs: &Attributes) -> Result<Image, String> {
    if let Some(name) = attrs.unknown(KNOWN) {
        return Err(format!("unexpected attribute `{name}`"));
    }
    let kind = match attrs.get("type").unwrap_or("content") {
        "content" | "" => ImageKind::Content,
        "icon" => ImageKind::Icon,
        "complex" => ImageKind::Complex,
        other => {
            return Err(format!(
                "unknown type `{other}`: use content, icon or complex"
            ));
        }
    };
    let source = attrs.get("source").unwrap_or_default().trim().to_string();
    if source.is_empty() {
        return Err("`source` is required".to_string());
    }
    let alt = attrs.get("alt-text").unwrap_or_default().to_string();
    if alt.trim().is_empty() && kind != ImageKind::Icon {
        return Err("`alt-text` is required".to_string());
    }
    let border = match attrs.get("border") {
        None => None,
        Some(b) if b.eq_ignore_ascii_case("true") => Some(true),
        Some(b) if b.eq_ignore_ascii_case("false") => Some(false),
        Some(other) => return Err(format!("`border` is `{other}`: use true or false")),
    };
    let some = |name: &str| {
        attrs
            .get(name)
            .filter(|v| !v.trim().is_empty())
            .map(str::to_string)
    };
    Ok(Image {
        kind,
        source,
        alt,
        lightbox: some("lightbox"),
        border,
        link: some("link"),
        description: None,
    })
}

/// Writes `image`: inline for content and icon images, a block for a complex one.
pub(crate) fn render(image: &Image, r: &mut Renderer, out: &mut String) {
    let src = r.link(&image.source, true);
    let described = (image.kind == ImageKind::Complex).then(|| r.next_id("image-description"));
    let complex = described.is_some();
    let wrapper = if complex { "div" } else { "span" };
    let border = image.has_border();
    if complex || border {
        let class = match (complex, border) {
            (true, true) => "mx-imgBorder complex-image",
            (true, false) => "complex-image",
            _ => "mx-imgBorder",
        };
        out.push_str(&format!("<{wrapper} class=\"{class}\">"));
    }
    let link = match (&image.link, &image.lightbox) {
        (Some(link), _) => Some(format!(
            "<a href=\"{}\">",
            attributes::escape(&r.link(link, false))
        )),
        (None, Some(full)) => Some(format!(
            "<a href=\"{}#lightbox\" class=\"lightbox\" data-linktype=\"relative-path\">",
            attributes::escape(&r.link(full, true))
        )),
        (None, None) => None,
    };
    if let Some(open) = &link {
        out.push_str(open);
    }
    out.push_str(&format!("<img src=\"{}\"", attributes::escape(&src)));
    if image.kind == ImageKind::Icon {
        out.push_str(" alt=\"\" role=\"presentation\" class=\"icon\"");
    } else {
        out.push_str(&format!(" alt=\"{}\"", attributes::escape(&image.alt)));
    }
    if let Some(id) = &described {
        out.push_str(&format!(" aria-describedby=\"{id}\""));
    }
    out.push('>');
    if link.is_some() {
        out.push_str("</a>");
    }
    if let (Some(id), Some(description)) = (&described, &image.description) {
        out.push_str(&format!("\n<div id=\"{id}\" class=\"visually-hidden\">\n"));
        r.doc(description, out);
        out.push_str("</div>\n");
    }
    if complex || border {
        out.push_str(&format!("</{wrapper}>"));
    }
    if complex {
        out.push('\n');
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn image(text: &str) -> Result<Image, String> {
        from_attributes(&attributes::parse(text, None).unwrap().0)
    }

    #[test]
    fn required_attributes() {
        assert!(image(r#"type="icon""#).is_err());
        assert!(image(r#"source="example.svg""#).is_err());
        assert!(image(r#"type="icon" source="example.svg""#).is_ok());
        assert!(image(r#"source="a.png" alt-text="a" width="3""#).is_err());
        assert!(image(r#"source="a.png" alt-text="a" border="maybe""#).is_err());
    }

    #[test]
    fn borders_by_default_except_icons() {
        assert!(
            image(r#"source="a.png" alt-text="a""#)
                .unwrap()
                .has_border()
        );
        assert!(
            !image(r#"source="a.png" alt-text="a" border="false""#)
                .unwrap()
                .has_border()
        );
        assert!(!image(r#"type="icon" source="a.png""#).unwrap().has_border());
        assert!(
            image(r#"type="icon" source="a.png" border="true""#)
                .unwrap()
                .has_border()
        );
    }
}
