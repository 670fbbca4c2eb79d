//! Raw HTML in content cannot script the site: every page body diglot renders from content (the
//! translation, the English on demand, YAML pages, locale landing pages) goes through an
//! allowlist sanitizer, ammonia, before it reaches a page; what it removes is reported where the
//! writer wrote it. `[build] unsafe-html = true` turns both off for a fully trusted repository.
//!
//! - [`policy`]: the allowlist (elements, attributes, URLs, frame hosts), which configures the
//!   sanitizer and judges raw HTML for the findings, so both say the same.
//! - [`raw`]: the raw HTML of a markdown view, tag by tag, as a browser reads it.
//! - [`findings`](mod@findings): what is removed, as `html-removed` diagnostics.
//!
//! The cheap path: a body is sanitized only when its markdown holds raw HTML other than the
//! heading anchors and line breaks of Microsoft docs (`SAFE_ANCHORS`, `SAFE_TAGS`), or a DocFX
//! construct that makes HTML from its text ([`needs_cleaning`]). Every other body is HTML that
//! markdown itself makes, which the allowlist keeps whole: the property test in
//! `render::content` renders such markdown through the page path and checks that the
//! sanitizer would change nothing in it.

pub mod findings;
pub mod policy;
pub mod raw;

use std::sync::Arc;

use crate::config::Config;
pub use findings::findings;
use policy::Policy;

/// Raw HTML that needs no sanitizing, written exactly so: the line breaks and the end of the
/// heading anchors of Microsoft docs ([`SAFE_ANCHORS`] are their start). The allowlist keeps
/// each of them whole wherever it appears, and inside code they are text.
const SAFE_TAGS: &[&str] = &["</a>", "<br>", "<br/>", "<br />"];

/// The start of the heading anchors that need no sanitizing: `<a name="x">`, `<a id="x">`, the
/// value made of letters, digits and `_.:-`.
const SAFE_ANCHORS: &[&str] = &["<a name=\"", "<a id=\""];

/// The alert kinds of `> [!KIND]`, whose HTML is diglot's own.
const ALERTS: &[&str] = &["NOTE", "TIP", "IMPORTANT", "WARNING", "CAUTION"];

/// Sanitizes the HTML of page bodies, unless `[build] unsafe-html` trusts the content.
pub struct Sanitizer {
    /// `None` when the content is trusted.
    on: Option<On>,
}

struct On {
    policy: Arc<Policy>,
    /// The sanitizer for fragments that write no URL scheme beyond the known ones.
    builder: ammonia::Builder<'static>,
}

impl Sanitizer {
    pub fn new(config: &Config) -> Sanitizer {
        Sanitizer {
            on: (!config.unsafe_html).then(|| {
                let policy = Arc::new(Policy::new(&config.iframe_hosts));
                On {
                    builder: policy.builder(&[]),
                    policy,
                }
            }),
        }
    }

    /// `html`, the body rendered from `markdown`, with everything the allowlist does not keep
    /// removed; unchanged when the markdown cannot have put any such thing in it.
    pub fn body(&self, markdown: &str, html: String) -> String {
        if self.on.is_none() || !needs_cleaning(markdown) {
            return html;
        }
        self.clean(&html)
    }

    /// `html` with everything the allowlist does not keep removed.
    pub fn clean(&self, html: &str) -> String {
        let Some(on) = &self.on else {
            return html.to_string();
        };
        let extra = policy::extra_schemes(html);
        let cleaned = if extra.is_empty() {
            on.builder.clean(html).to_string()
        } else {
            let schemes: Vec<&str> = extra.iter().map(String::as_str).collect();
            on.policy.builder(&schemes).clean(html).to_string()
        };
        frames_without_content(cleaned)
    }
}

/// Whether HTML rendered from `markdown` may hold something the allowlist removes: raw HTML
/// (a `<` that starts a tag, a closing tag, a comment or a declaration) other than
/// `SAFE_TAGS` and `SAFE_ANCHORS`, or a DocFX construct other than an alert (`[!VIDEO`, `[!INCLUDE`, `:::`),
/// which makes HTML from its text.
pub fn needs_cleaning(markdown: &str) -> bool {
    if markdown.contains(":::") {
        return true;
    }
    let construct = markdown.match_indices("[!").any(|(at, _)| {
        let rest = &markdown[at + 2..];
        let word = &rest[..rest
            .bytes()
            .position(|b| !b.is_ascii_alphabetic())
            .unwrap_or(rest.len())];
        !word.is_empty() && !ALERTS.iter().any(|a| a.eq_ignore_ascii_case(word))
    });
    construct
        || markdown.match_indices('<').any(|(at, _)| {
            let rest = &markdown[at..];
            let starts_tag = rest
                .as_bytes()
                .get(1)
                .is_some_and(|b| b.is_ascii_alphabetic() || matches!(b, b'/' | b'!' | b'?'));
            starts_tag && !is_safe_tag(rest)
        })
}

/// Whether `text` starts with one of [`SAFE_TAGS`] or a whole anchor of [`SAFE_ANCHORS`].
fn is_safe_tag(text: &str) -> bool {
    if SAFE_TAGS.iter().any(|t| text.starts_with(t)) {
        return true;
    }
    let Some(value) = SAFE_ANCHORS.iter().find_map(|open| text.strip_prefix(open)) else {
        return false;
    };
    let name = value
        .bytes()
        .take_while(|b| b.is_ascii_alphanumeric() || matches!(b, b'_' | b'.' | b':' | b'-'))
        .count();
    value[name..].starts_with("\">")
}

/// `html` (the sanitizer's output) with every `<iframe>` emptied of the text it holds (which no
/// browser shows), and those that lost their `src` gone: a frame from a host the allowlist does
/// not know goes whole, not as an empty box.
fn frames_without_content(html: String) -> String {
    if !html.contains("<iframe") {
        return html;
    }
    let mut out = String::with_capacity(html.len());
    let mut rest = html.as_str();
    while let Some(at) = rest.find("<iframe") {
        out.push_str(&rest[..at]);
        let tail = &rest[at..];
        // The serializer quotes every value with `"` and escapes `"` inside it.
        let mut quoted = false;
        let mut has_src = false;
        let mut end = tail.len();
        for (i, b) in tail.bytes().enumerate() {
            match b {
                b'"' => quoted = !quoted,
                b'>' if !quoted => {
                    end = i + 1;
                    break;
                }
                b' ' if !quoted => has_src |= tail[i + 1..].starts_with("src=\""),
                _ => {}
            }
        }
        if has_src {
            out.push_str(&tail[..end]);
            out.push_str("</iframe>");
        }
        rest = tail[end..]
            .find("</iframe>")
            .map_or("", |close| &tail[end + close + "</iframe>".len()..]);
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    fn sanitizer(book_toml: &str) -> Sanitizer {
        Sanitizer::new(
            &Config::parse(Path::new("/r"), Path::new("/r/book.toml"), book_toml).unwrap(),
        )
    }

    #[test]
    fn markdown_without_raw_html_or_constructs_needs_no_cleaning() {
        for clean in [
            "# <a name=\"x-1\"></a>Kop\n\nTekst<br/>meer<br />en<br>nog.\n",
            "> [!NOTE]\n> Let op.\n\n>[!Warning]\n> x\n",
            "a < b, 3<4, << >> <- [!] [link](javascript:alert(1))\n",
        ] {
            assert!(!needs_cleaning(clean), "{clean}");
        }
        for raw in [
            "<img src=x onerror=alert(1)>",
            "x </b> y",
            "<!-- c -->",
            "<?php ?>",
            "<a name=\"x\" onclick=\"y\">",
            "<a name=\"x\"/>",
            "`<b>` in code is read, though it stays text",
            "<A NAME=\"x\">",
            "<https://example.com>",
            "[!VIDEO https://evil.example/]",
            "[!INCLUDE [a](b.md)]",
            ":::image source=\"a.png\" alt-text=\"a\":::",
        ] {
            assert!(needs_cleaning(raw), "{raw}");
        }
    }

    #[test]
    fn script_vectors_are_removed_and_legitimate_html_stays() {
        let s = sanitizer("");
        let html = s.clean(concat!(
            "<p>a<img src=\"x\" onerror=\"alert(1)\" alt=\"A\" width=\"10\">",
            "<svg onload=\"alert(2)\"><use href=\"data:image/svg+xml,x#a\"></use></svg>",
            "<b onmouseover=\"alert(3)\">b</b><a href=\"JaVaScRiPt:alert(4)\">c</a>",
            "<a href=\"java&#x09;script&colon;alert(5)\">d</a>",
            "<img src=\"i.png\" srcset=\"javascript:alert(6) 2x\">",
            "<math><mtext><table><mglyph><style><img src=x onerror=alert(7)></style></mglyph></table></mtext></math>",
            "</p><form action=\"https://evil.example/\"><button formaction=\"javascript:alert(8)\">go</button></form>",
            "<object data=\"https://evil.example/x.swf\"></object><style>body{display:none}</style>",
            "<meta http-equiv=\"refresh\" content=\"0;url=https://evil.example/\">",
            "<iframe src=\"https://evil.example/\"></iframe><iframe srcdoc=\"<script>alert(9)</script>\"></iframe>",
            "<iframe src=\"https://www.youtube.com/embed/XwOnHqiNAeU\" width=\"560\" allowfullscreen><img src=x onerror=alert(10)></iframe>",
            "<span class=\"seg\" data-seg=\"104\" data-en=\"The English\" tabindex=\"0\">t</span>",
            "<a href=\"ms-settings:privacy\" name=\"n\">s</a><a href=\"zune:x\">z</a>",
            "<img src=\"data:image/png;base64,iVBORw0KGgo=\" alt=\"p\"><img src=\"data:image/svg+xml;base64,PHN2Zz4=\">",
        ));
        for gone in [
            "onerror",
            "onload",
            "onmouseover",
            "alert(",
            "srcset",
            "<svg",
            "<use",
            "<math",
            "<form",
            "<button",
            "formaction",
            "<object",
            "<style",
            "<meta",
            "evil.example",
            "srcdoc",
            "svg+xml",
            "script",
        ] {
            assert!(!html.contains(gone), "{gone} in {html}");
        }
        for kept in [
            "<img src=\"x\" alt=\"A\" width=\"10\">",
            "<b>b</b>",
            "<iframe src=\"https://www.youtube.com/embed/XwOnHqiNAeU\" width=\"560\" allowfullscreen=\"\">",
            "<span class=\"seg\" data-seg=\"104\" data-en=\"The English\" tabindex=\"0\">t</span>",
            "<a href=\"ms-settings:privacy\" name=\"n\">s</a>",
            "<a href=\"zune:x\">z</a>",
            "<img src=\"data:image/png;base64,iVBORw0KGgo=\" alt=\"p\">",
            ">go<",
        ] {
            assert!(html.contains(kept), "{kept} missing from {html}");
        }
        assert_eq!(html.matches("<iframe").count(), 1, "{html}");
    }

    #[test]
    fn configured_frame_hosts_and_unsafe_html() {
        let vimeo = "<iframe src=\"https://player.vimeo.com/video/1\"></iframe>";
        assert_eq!(sanitizer("").clean(vimeo), "");
        assert_eq!(
            sanitizer("[build]\niframe-hosts = [\"player.vimeo.com\"]\n").clean(vimeo),
            vimeo
        );
        let trusted = sanitizer("[build]\nunsafe-html = true\n");
        let script = "<p><script>alert(1)</script></p>";
        assert_eq!(trusted.body("<script>", script.to_string()), script);
        assert_eq!(trusted.clean(script), script);
    }

    #[test]
    fn frames_lose_their_text_and_those_without_source_go_whole() {
        assert_eq!(
            frames_without_content(
                "a<iframe title=\"x > y\" loading=\"lazy\">text</iframe>b<iframe src=\"s\" title=\"t\"><img src=x onerror=y></iframe>c"
                    .to_string()
            ),
            "ab<iframe src=\"s\" title=\"t\"></iframe>c"
        );
    }
}
