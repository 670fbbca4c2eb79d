//! The allowlist: the elements and attributes content may keep, the URLs it may point at, and
//! the hosts an `<iframe>` may show. The sanitizer is configured from it
//! ([`Policy::builder`]) and the findings judge raw HTML by it ([`Policy::judge`]), so both
//! always say the same.

use std::borrow::Cow;
use std::collections::{HashMap, HashSet};
use std::sync::Arc;

use ammonia::{Url, UrlRelative};

/// Elements content may use, each with the attributes it may carry besides `GENERIC` and
/// `PREFIXES`: what docs legitimately write, what pulldown-cmark makes of markdown, and what
/// diglot's own constructs (alerts, videos, segments, YAML pages, DocFX tabs and zones) emit.
const ELEMENTS: &[(&str, &[&str])] = &[
    ("a", &["href", "name"]),
    ("abbr", &[]),
    ("b", &[]),
    ("blockquote", &[]),
    ("br", &[]),
    ("caption", &[]),
    ("center", &[]),
    ("cite", &[]),
    ("code", &["name", "highlight-lines"]),
    ("col", &["span", "width", "style"]),
    ("colgroup", &["span", "width"]),
    ("dd", &[]),
    ("del", &[]),
    ("details", &["open"]),
    ("dfn", &[]),
    ("div", &[]),
    ("dl", &[]),
    ("dt", &[]),
    ("em", &[]),
    ("figcaption", &[]),
    ("figure", &[]),
    ("h1", &[]),
    ("h2", &[]),
    ("h3", &[]),
    ("h4", &[]),
    ("h5", &[]),
    ("h6", &[]),
    ("hr", &[]),
    ("i", &[]),
    (
        "iframe",
        &[
            "src",
            "width",
            "height",
            "allow",
            "allowfullscreen",
            "frameborder",
            "loading",
            "scrolling",
            "style",
        ],
    ),
    (
        "img",
        &["src", "alt", "width", "height", "loading", "style"],
    ),
    ("ins", &[]),
    ("kbd", &[]),
    ("li", &["value"]),
    ("mark", &[]),
    ("ol", &["start", "reversed", "type"]),
    ("p", &[]),
    ("pre", &[]),
    ("q", &[]),
    ("s", &[]),
    ("samp", &[]),
    ("section", &[]),
    ("small", &[]),
    ("source", &["src", "type"]),
    ("span", &[]),
    ("strike", &[]),
    ("strong", &[]),
    ("sub", &[]),
    ("summary", &[]),
    ("sup", &[]),
    ("table", &["style"]),
    ("tbody", &[]),
    (
        "td",
        &["colspan", "rowspan", "headers", "align", "valign", "style"],
    ),
    ("tfoot", &[]),
    (
        "th",
        &[
            "colspan", "rowspan", "headers", "scope", "align", "valign", "style",
        ],
    ),
    ("thead", &[]),
    ("time", &["datetime"]),
    ("tr", &[]),
    ("tt", &[]),
    ("u", &[]),
    ("ul", &[]),
    ("var", &[]),
    (
        "video",
        &[
            "src",
            "poster",
            "controls",
            "width",
            "height",
            "preload",
            "muted",
            "loop",
            "playsinline",
        ],
    ),
    ("wbr", &[]),
];

/// Attributes every allowed element may carry: inert, and used by headings, anchors, diglot's
/// segments (`tabindex`) and DocFX's tabs (`role`).
const GENERIC: &[&str] = &["class", "id", "title", "lang", "dir", "role", "tabindex"];

/// Attribute prefixes every allowed element may carry: `data-seg`, `data-en` and the data of
/// DocFX constructs; ARIA attributes.
const PREFIXES: &[&str] = &["data-", "aria-"];

/// The CSS properties a `style` attribute keeps: sizes and alignment, as tables, images and
/// videos use them; nothing that positions or restyles the page.
const STYLE_PROPERTIES: &[&str] = &[
    "width",
    "max-width",
    "height",
    "text-align",
    "vertical-align",
];

/// Elements removed together with their content: scripts and styles, and what only ever holds
/// them or page metadata.
const DROPPED_WITH_CONTENT: &[&str] = &[
    "script", "style", "noscript", "template", "title", "noembed", "noframes",
];

/// Elements that run, load, submit or restyle something, and the parts of SVG and MathML that
/// sanitizer bypasses use: named as such when removed.
const ACTIVE: &[&str] = &[
    "animate",
    "annotation-xml",
    "applet",
    "base",
    "button",
    "embed",
    "foreignobject",
    "form",
    "frame",
    "frameset",
    "input",
    "link",
    "maction",
    "math",
    "meta",
    "mglyph",
    "mi",
    "mn",
    "mo",
    "ms",
    "mtext",
    "object",
    "portal",
    "select",
    "set",
    "svg",
    "textarea",
    "use",
];

/// Every other element of HTML, so that a removed tag that is none of them (`<email address>`,
/// a placeholder the writer meant as text) can be named as such.
const HTML: &[&str] = &[
    "acronym",
    "address",
    "area",
    "article",
    "aside",
    "audio",
    "bdi",
    "bdo",
    "big",
    "blink",
    "body",
    "canvas",
    "data",
    "datalist",
    "dialog",
    "dir",
    "fieldset",
    "font",
    "footer",
    "head",
    "header",
    "hgroup",
    "html",
    "image",
    "label",
    "legend",
    "main",
    "map",
    "marquee",
    "menu",
    "meter",
    "nav",
    "nobr",
    "optgroup",
    "option",
    "output",
    "param",
    "picture",
    "plaintext",
    "progress",
    "rb",
    "rp",
    "rt",
    "rtc",
    "ruby",
    "search",
    "slot",
    "track",
    "xmp",
];

/// Attributes whose value is a URL the browser follows or loads.
const URL_ATTRIBUTES: &[&str] = &["href", "src", "poster"];

/// Schemes of URLs that run a script in the page (`livescript:` and `mocha:` are older names of
/// `javascript:`); `data:` is judged apart.
const SCRIPT_SCHEMES: &[&str] = &["javascript", "vbscript", "livescript", "mocha"];

/// URL schemes the sanitizer knows without looking: the web, mail, and the Windows and Office
/// app links Microsoft docs use. Any other scheme a page writes is added for that page
/// ([`extra_schemes`]) unless it is a script scheme: URLs are judged by what they can run, not
/// by a list of what exists.
const KNOWN_SCHEMES: &[&str] = &[
    "http",
    "https",
    "mailto",
    "tel",
    "ftp",
    "ftps",
    "data",
    "ms-settings",
    "ms-windows-store",
    "feedback-hub",
    "ms-appinstaller",
    "msteams",
    "ms-word",
    "ms-excel",
    "ms-powerpoint",
    "onenote",
    "microsoft-edge",
];

/// Where DocFX embeds videos from: `host` or `host/path-prefix`.
pub const VIDEO_HOSTS: &[&str] = &[
    "www.youtube.com",
    "youtube.com",
    "www.youtube-nocookie.com",
    "youtube-nocookie.com",
    "channel9.msdn.com",
    "www.microsoft.com/videoplayer/",
    "learn.microsoft.com/shows/",
    "learn-video.azurefd.net/vod/player",
];

/// A stand-in origin, to tell relative URLs (which stay on the site) from absolute ones.
const SITE: &str = "https://diglot.invalid/";

/// The allowlist with the frame hosts of one book.
#[derive(Debug, Clone)]
pub struct Policy {
    /// `(host, path prefix)` of every address an `<iframe>` may show.
    frames: Vec<(String, String)>,
}

/// Something the allowlist removes from a start tag, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Removal {
    /// An element that is not on the allowlist, with its content when `content` is true.
    Element {
        name: String,
        content: bool,
        kind: ElementKind,
    },
    /// An `on…` attribute.
    EventHandler { element: String, attribute: String },
    /// A URL that can run a script: `javascript:`, `vbscript:`, `data:` other than a picture
    /// (SVG is no picture here: it can hold scripts).
    ScriptUrl {
        element: String,
        attribute: String,
        scheme: String,
    },
    /// A URL that is not one (`http://`).
    InvalidUrl { element: String, attribute: String },
    /// An `<iframe>` that shows an address none of the frame hosts serve.
    Frame { address: String },
    /// An attribute that is not on the allowlist (`srcset`, `formaction`, `style` on a `div`).
    Attribute { element: String, attribute: String },
    /// CSS properties of a `style` attribute other than `STYLE_PROPERTIES`.
    Style {
        element: String,
        properties: Vec<String>,
    },
}

/// What a removed element is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ElementKind {
    /// `script`, `style` and their kin.
    Script,
    /// An element that runs, loads, submits or restyles something (`ACTIVE`).
    Active,
    /// An HTML element that is simply not on the allowlist.
    Other,
    /// Not an HTML element at all: a placeholder such as `<email address>`.
    Unknown,
}

/// What is wrong with a URL.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum UrlProblem {
    Script(String),
    Invalid,
    Frame,
}

impl Policy {
    /// The allowlist, frames allowed from DocFX's video hosts and from `frame_hosts` (each
    /// `host` or `host/path-prefix`).
    pub fn new(frame_hosts: &[String]) -> Policy {
        let frames = VIDEO_HOSTS
            .iter()
            .copied()
            .chain(frame_hosts.iter().map(String::as_str))
            .map(|entry| {
                let entry = entry.trim().to_ascii_lowercase();
                match entry.split_once('/') {
                    Some((host, path)) => (host.to_string(), format!("/{path}")),
                    None => (entry, "/".to_string()),
                }
            })
            .collect();
        Policy { frames }
    }

    /// An ammonia sanitizer that keeps what this allowlist keeps, knowing the URL schemes of
    /// `KNOWN_SCHEMES` and `schemes`.
    pub fn builder<'s>(self: &Arc<Self>, schemes: &[&'s str]) -> ammonia::Builder<'s> {
        let tags: HashSet<&str> = ELEMENTS.iter().map(|(name, _)| *name).collect();
        let attributes: HashMap<&str, HashSet<&str>> = ELEMENTS
            .iter()
            .map(|(name, attributes)| (*name, attributes.iter().copied().collect()))
            .collect();
        let policy = Arc::clone(self);
        let mut builder = ammonia::Builder::empty();
        builder
            .tags(tags)
            .clean_content_tags(DROPPED_WITH_CONTENT.iter().copied().collect())
            .tag_attributes(attributes)
            .tag_attribute_values(HashMap::new())
            .generic_attributes(GENERIC.iter().copied().collect())
            .generic_attribute_prefixes(PREFIXES.iter().copied().collect())
            .url_schemes(KNOWN_SCHEMES.iter().chain(schemes).copied().collect())
            .url_relative(UrlRelative::PassThrough)
            .link_rel(None)
            .strip_comments(true)
            .filter_style_properties(STYLE_PROPERTIES.iter().copied().collect())
            .attribute_filter(move |element, attribute, value| {
                let keep = !URL_ATTRIBUTES.contains(&attribute)
                    || policy.url(element, attribute, value).is_ok();
                keep.then_some(Cow::Borrowed(value))
            });
        builder
    }

    /// Whether URL `value` of `attribute` on `element` may stay.
    pub fn url(&self, element: &str, attribute: &str, value: &str) -> Result<(), UrlProblem> {
        if element == "iframe" && attribute == "src" {
            return if self.is_frame(value) {
                Ok(())
            } else {
                Err(UrlProblem::Frame)
            };
        }
        match Url::parse(value) {
            Ok(url) => {
                let scheme = url.scheme();
                // A picture can run nothing (SVG can): an image shows it, a link opens it.
                let media_type = url.path().to_ascii_lowercase();
                let picture =
                    media_type.starts_with("image/") && !media_type.starts_with("image/svg");
                if SCRIPT_SCHEMES.contains(&scheme) || (scheme == "data" && !picture) {
                    Err(UrlProblem::Script(scheme.to_string()))
                } else {
                    Ok(())
                }
            }
            Err(ammonia::url::ParseError::RelativeUrlWithoutBase) => Ok(()),
            Err(_) => Err(UrlProblem::Invalid),
        }
    }

    /// Whether an `<iframe>` may show `src`: an http(s) address one of the frame hosts serve,
    /// its path under the host's prefix, also after a locale (`/en-us/videoplayer/`).
    fn is_frame(&self, src: &str) -> bool {
        let Ok(url) = Url::parse(SITE).and_then(|site| site.join(src)) else {
            return false;
        };
        let Some(host) = url.host_str() else {
            return false;
        };
        let path = url.path();
        let unlocalized = path[1..]
            .split_once('/')
            .filter(|(first, _)| crate::locale::is_tag(first))
            .map(|(_, rest)| format!("/{rest}"));
        matches!(url.scheme(), "http" | "https")
            && url.as_str() != SITE
            && self.frames.iter().any(|(h, prefix)| {
                h == host
                    && std::iter::once(path)
                        .chain(unlocalized.as_deref())
                        .any(|p| p.starts_with(prefix.as_str()))
            })
    }

    /// What the allowlist removes from a start tag named `name` (lower case) with
    /// `attributes` (names in lower case, values as the browser reads them).
    pub fn judge(&self, name: &str, attributes: &[(String, String)]) -> Vec<Removal> {
        let mut removed = Vec::new();
        let allowed = ELEMENTS.iter().find(|(n, _)| *n == name).map(|(_, a)| *a);
        if allowed.is_none() {
            removed.push(Removal::Element {
                name: name.to_string(),
                content: DROPPED_WITH_CONTENT.contains(&name),
                kind: element_kind(name),
            });
        }
        if name == "iframe" {
            let src = attributes.iter().find(|(a, _)| a == "src");
            if src.is_none_or(|(_, value)| !self.is_frame(value)) {
                removed.push(Removal::Frame {
                    address: src.map(|(_, v)| v.clone()).unwrap_or_default(),
                });
                return removed;
            }
        }
        for (attribute, value) in attributes {
            let element = name.to_string();
            let attribute = attribute.clone();
            if attribute.starts_with("on") {
                removed.push(Removal::EventHandler { element, attribute });
                continue;
            }
            let Some(allowed) = allowed else {
                if URL_ATTRIBUTES.contains(&attribute.as_str())
                    && let Err(UrlProblem::Script(scheme)) = self.url(name, &attribute, value)
                {
                    removed.push(Removal::ScriptUrl {
                        element,
                        attribute,
                        scheme,
                    });
                }
                continue;
            };
            let listed = allowed.contains(&attribute.as_str())
                || GENERIC.contains(&attribute.as_str())
                || PREFIXES.iter().any(|p| attribute.starts_with(p));
            if !listed {
                removed.push(Removal::Attribute { element, attribute });
            } else if URL_ATTRIBUTES.contains(&attribute.as_str()) {
                match self.url(name, &attribute, value) {
                    Ok(()) | Err(UrlProblem::Frame) => {}
                    Err(UrlProblem::Script(scheme)) => removed.push(Removal::ScriptUrl {
                        element,
                        attribute,
                        scheme,
                    }),
                    Err(UrlProblem::Invalid) => {
                        removed.push(Removal::InvalidUrl { element, attribute })
                    }
                }
            } else if attribute == "style" {
                let properties = foreign_properties(value);
                if !properties.is_empty() {
                    removed.push(Removal::Style {
                        element,
                        properties,
                    });
                }
            }
        }
        removed
    }
}

fn element_kind(name: &str) -> ElementKind {
    if DROPPED_WITH_CONTENT.contains(&name) {
        ElementKind::Script
    } else if ACTIVE.contains(&name) {
        ElementKind::Active
    } else if HTML.contains(&name) {
        ElementKind::Other
    } else {
        ElementKind::Unknown
    }
}

/// The properties of a `style` value that `STYLE_PROPERTIES` lacks, in lower case.
fn foreign_properties(style: &str) -> Vec<String> {
    style
        .split(';')
        .filter_map(|declaration| declaration.split_once(':'))
        .map(|(property, _)| property.trim().to_ascii_lowercase())
        .filter(|property| !property.is_empty() && !STYLE_PROPERTIES.contains(&property.as_str()))
        .collect()
}

/// The URL schemes attribute values of `html` start with (`="ms-teams:`, `='x:`, `=x:`) that
/// `KNOWN_SCHEMES` lacks and that cannot run scripts: the sanitizer is told them for this
/// fragment, so a link keeps its target whatever app it opens.
pub fn extra_schemes(html: &str) -> Vec<String> {
    let bytes = html.as_bytes();
    let mut found: Vec<String> = Vec::new();
    for (colon, _) in html.match_indices(':') {
        let start = bytes[..colon]
            .iter()
            .rposition(|b| !(b.is_ascii_alphanumeric() || matches!(b, b'+' | b'-' | b'.')))
            .map_or(0, |i| i + 1);
        let opens_value = start > 0 && matches!(bytes[start - 1], b'"' | b'\'' | b'=');
        if start == colon || !opens_value || !bytes[start].is_ascii_alphabetic() {
            continue;
        }
        let scheme = html[start..colon].to_ascii_lowercase();
        if !KNOWN_SCHEMES.contains(&scheme.as_str())
            && !SCRIPT_SCHEMES.contains(&scheme.as_str())
            && !found.contains(&scheme)
        {
            found.push(scheme);
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    fn policy() -> Policy {
        Policy::new(&[
            "player.vimeo.com".to_string(),
            "media.example.org/embed".to_string(),
        ])
    }

    fn attributes(pairs: &[(&str, &str)]) -> Vec<(String, String)> {
        pairs
            .iter()
            .map(|(a, v)| (a.to_string(), v.to_string()))
            .collect()
    }

    #[test]
    fn frames_only_from_video_hosts_and_configured_ones() {
        let p = policy();
        for allowed in [
            "https://www.youtube.com/embed/XwOnHqiNAeU",
            "https://www.youtube-nocookie.com/embed/x?rel=0",
            "https://channel9.msdn.com/Shows/Docs-Mixed-Reality/x/player",
            "https://www.microsoft.com/videoplayer/embed/RE4I7fh",
            "https://www.microsoft.com/en-us/videoplayer/embed/RWGGGk",
            "//player.vimeo.com/video/1",
            "https://media.example.org/embed/7",
        ] {
            assert_eq!(p.url("iframe", "src", allowed), Ok(()), "{allowed}");
        }
        for refused in [
            "https://evil.example/",
            "https://www.microsoft.com/en-us/",
            "https://www.microsoft.com/en-us/store/videoplayer/x",
            "https://www.youtube.com.evil.example/embed/x",
            "https://media.example.org/other",
            "javascript:alert(1)",
            "data:text/html,<script>alert(1)</script>",
            "../page.html",
            "",
        ] {
            assert_eq!(
                p.url("iframe", "src", refused),
                Err(UrlProblem::Frame),
                "{refused}"
            );
        }
    }

    #[test]
    fn script_urls_however_spelt_but_pictures_stay() {
        let p = policy();
        for script in [
            "javascript:alert(1)",
            "JaVaScRiPt:alert(1)",
            " java\tscript:alert(1)",
            "vbscript:msgbox(1)",
            "data:text/html;base64,PHNjcmlwdD4=",
        ] {
            assert!(
                matches!(p.url("a", "href", script), Err(UrlProblem::Script(_))),
                "{script}"
            );
        }
        assert!(matches!(
            p.url("img", "src", "data:image/svg+xml;base64,PHN2Zz4="),
            Err(UrlProblem::Script(_))
        ));
        assert_eq!(p.url("a", "href", "data:image/png;base64,AA"), Ok(()));
        for fine in [
            "data:image/png;base64,iVBORw0KGgo=",
            "images/x.png",
            "../media/a%20b.jpg",
            "https://learn.microsoft.com/x",
        ] {
            assert_eq!(p.url("img", "src", fine), Ok(()), "{fine}");
        }
        assert_eq!(p.url("a", "href", "ms-settings:privacy"), Ok(()));
        assert_eq!(p.url("a", "href", "http://"), Err(UrlProblem::Invalid));
    }

    #[test]
    fn judging_a_tag_names_each_removal_and_its_reason() {
        let p = policy();
        assert_eq!(
            p.judge(
                "img",
                &attributes(&[
                    ("src", "x"),
                    ("onerror", "alert(1)"),
                    ("srcset", "a.png 2x"),
                    ("alt", "A")
                ])
            ),
            [
                Removal::EventHandler {
                    element: "img".into(),
                    attribute: "onerror".into()
                },
                Removal::Attribute {
                    element: "img".into(),
                    attribute: "srcset".into()
                }
            ]
        );
        assert_eq!(
            p.judge("script", &[]),
            [Removal::Element {
                name: "script".into(),
                content: true,
                kind: ElementKind::Script
            }]
        );
        let svg = p.judge("svg", &attributes(&[("onload", "x"), ("width", "3")]));
        assert_eq!(svg.len(), 2, "{svg:?}");
        assert!(matches!(
            &svg[0],
            Removal::Element {
                kind: ElementKind::Active,
                content: false,
                ..
            }
        ));
        assert!(matches!(&svg[1], Removal::EventHandler { .. }));
        assert!(matches!(
            p.judge("email", &attributes(&[("address", "")]))[..],
            [Removal::Element {
                kind: ElementKind::Unknown,
                ..
            }]
        ));
        assert!(
            p.judge(
                "a",
                &attributes(&[
                    ("href", "#x"),
                    ("name", "x"),
                    ("id", "y"),
                    ("data-raw-source", "[a](b)"),
                    ("aria-controls", "t")
                ])
            )
            .is_empty()
        );
        assert_eq!(
            p.judge(
                "td",
                &attributes(&[("style", "width:45%; position: fixed")])
            ),
            [Removal::Style {
                element: "td".into(),
                properties: vec!["position".into()]
            }]
        );
        assert!(matches!(
            &p.judge("iframe", &attributes(&[("src", "https://evil.example/")]))[..],
            [Removal::Frame { .. }]
        ));
    }

    #[test]
    fn extra_schemes_are_those_values_start_with_and_never_scripts() {
        let html = "<a href=\"ms-teams:x\">a</a> <a href='Zune:y'>b</a> <a href=gopher:z>c</a> Note: <a href=\"javascript:alert(1)\">d</a> <a href=\"https://x\">e</a>";
        assert_eq!(extra_schemes(html), ["ms-teams", "zune", "gopher"]);
    }
}
