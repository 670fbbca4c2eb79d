//! What a link destination points at: a page of the book, a fragment, a media file, a web
//! address, a mail address. Pure string work: nothing here looks at the book or the disk.

pub use crate::paths::percent_decode;
use crate::paths::{folder_of, resolve};

/// Schemes of apps a reader's system opens (Windows Settings, Feedback Hub, the phone), of data
/// embedded in the page, or of protocols no checker can follow: accepted without a check.
const APP_SCHEMES: &[&str] = &[
    "data",
    "feedback-hub",
    "tel",
    "sip",
    "sips",
    "callto",
    "skype",
    "msteams",
    "onenote",
    "microsoft-edge",
    "ftp",
    "ftps",
    "news",
];

/// A link destination, classified.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Target<'a> {
    /// `[text]()`: a link that goes nowhere.
    Empty,
    /// `#fragment` on the same page (without the `#`); `None` for a bare `#`.
    Fragment(Option<&'a str>),
    /// An `http(s)` URL without its fragment.
    External(String),
    /// A root-relative path (`/path?query#fragment`), fragment dropped.
    RootRelative(&'a str),
    /// The part of a `mailto:` link after the scheme.
    Mail(&'a str),
    /// An app or data scheme that is not checked.
    Unchecked,
    /// A scheme a reader's browser will not follow (`javascript:`, `file:`, a drive letter).
    OddScheme(&'a str),
    /// A relative path, resolved against the linking article's folder and percent-decoded;
    /// with the fragment, if any.
    Relative {
        path: String,
        fragment: Option<&'a str>,
    },
    /// A relative path whose `../` climb above the locale folder.
    OutsideRoot,
}

/// Classifies `dest`, a link of the article at `article` (a `/`-separated path under the locale
/// folder).
pub fn classify<'a>(dest: &'a str, article: &str) -> Target<'a> {
    let dest = dest.trim();
    if dest.is_empty() {
        return Target::Empty;
    }
    if let Some(fragment) = dest.strip_prefix('#') {
        return Target::Fragment((!fragment.is_empty()).then_some(fragment));
    }
    if dest.starts_with("//") {
        return Target::External(format!("https:{}", without_fragment(dest)));
    }
    if dest.starts_with('/') {
        return Target::RootRelative(without_fragment(dest));
    }
    if let Some(scheme) = scheme(dest) {
        let lower = scheme.to_ascii_lowercase();
        return match lower.as_str() {
            "http" | "https" => Target::External(without_fragment(dest).to_string()),
            "mailto" => Target::Mail(&dest[scheme.len() + 1..]),
            s if s.starts_with("ms-") || APP_SCHEMES.contains(&s) => Target::Unchecked,
            _ => Target::OddScheme(scheme),
        };
    }
    if dest.contains('@') && !dest.contains('/') {
        // `<user@domain.com>`, an e-mail autolink: CommonMark makes it a `mailto:` link.
        return Target::Mail(dest);
    }
    let (rest, fragment) = match dest.split_once('#') {
        Some((rest, fragment)) => (rest, (!fragment.is_empty()).then_some(fragment)),
        None => (dest, None),
    };
    let path = rest.split_once('?').map_or(rest, |(path, _)| path);
    if path.is_empty() {
        return Target::Fragment(fragment);
    }
    match resolve(folder_of(article), &percent_decode(path)) {
        Some(path) => Target::Relative { path, fragment },
        None => Target::OutsideRoot,
    }
}

/// The URL before its `#fragment`.
fn without_fragment(url: &str) -> &str {
    url.split_once('#').map_or(url, |(before, _)| before)
}

/// The scheme of `dest` (`https` of `https://...`), if it has one.
fn scheme(dest: &str) -> Option<&str> {
    let colon = dest.find(':')?;
    let scheme = &dest[..colon];
    let mut chars = scheme.chars();
    let first = chars.next()?;
    (first.is_ascii_alphabetic()
        && chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.')))
    .then_some(scheme)
}

/// Why the addresses of a `mailto:` link (the part after the scheme) are not valid, if they
/// are not: each comma-separated address must be `local@domain.tld`.
pub fn mail_problem(mail: &str) -> Option<String> {
    let addresses = mail.split_once('?').map_or(mail, |(to, _)| to);
    let addresses = percent_decode(addresses);
    if addresses.trim().is_empty() {
        return Some("names no address".to_string());
    }
    addresses
        .split(',')
        .map(str::trim)
        .find(|address| !is_mail_address(address))
        .map(|address| format!("`{address}` is not an e-mail address"))
}

fn is_mail_address(address: &str) -> bool {
    let Some((local, domain)) = address.rsplit_once('@') else {
        return false;
    };
    let local_ok = !local.is_empty()
        && local
            .chars()
            .all(|c| !c.is_whitespace() && !c.is_control() && !"<>()[]\\,;:\"@".contains(c));
    let labels: Vec<&str> = domain.split('.').collect();
    let domain_ok = labels.len() >= 2
        && labels.iter().all(|label| {
            !label.is_empty()
                && label.len() <= 63
                && !label.starts_with('-')
                && !label.ends_with('-')
                && label.chars().all(|c| c.is_alphanumeric() || c == '-')
        })
        && labels
            .last()
            .is_some_and(|tld| tld.chars().count() >= 2 && tld.chars().all(char::is_alphabetic));
    local_ok && domain_ok
}

#[cfg(test)]
mod tests {
    use super::*;

    fn relative(path: &str, fragment: Option<&'static str>) -> Target<'static> {
        Target::Relative {
            path: path.to_string(),
            fragment,
        }
    }

    #[test]
    fn relative_links_resolve_against_the_article_folder() {
        assert_eq!(classify("b.md", "a.md"), relative("b.md", None));
        assert_eq!(classify("b.md", "sub/a.md"), relative("sub/b.md", None));
        assert_eq!(
            classify("../media/x.png", "sub/deep/a.md"),
            relative("sub/media/x.png", None)
        );
        assert_eq!(classify("./c/../b.md", "a.md"), relative("b.md", None));
        assert_eq!(
            classify("~/media/x.png", "sub/a.md"),
            relative("media/x.png", None)
        );
        assert_eq!(classify("../b.md", "a.md"), Target::OutsideRoot);
    }

    #[test]
    fn query_and_fragment_are_stripped_and_the_path_percent_decoded() {
        assert_eq!(
            classify("my%20page.md?tabs=win#step-%C3%A9%C3%A9n", "a.md"),
            relative("my page.md", Some("step-%C3%A9%C3%A9n"))
        );
        assert_eq!(classify("b.md#", "a.md"), relative("b.md", None));
        assert_eq!(classify("#x", "a.md"), Target::Fragment(Some("x")));
        assert_eq!(classify("#", "a.md"), Target::Fragment(None));
        assert_eq!(classify("?q=1#x", "a.md"), Target::Fragment(Some("x")));
    }

    #[test]
    fn schemes_are_told_apart() {
        assert_eq!(classify("  ", "a.md"), Target::Empty);
        assert_eq!(
            classify("https://h.test/p?q=1#frag", "a.md"),
            Target::External("https://h.test/p?q=1".to_string())
        );
        assert_eq!(
            classify("//h.test/p", "a.md"),
            Target::External("https://h.test/p".to_string())
        );
        assert_eq!(
            classify("/office/x?view=1#y", "a.md"),
            Target::RootRelative("/office/x?view=1")
        );
        assert_eq!(
            classify("MAILTO:a@b.test", "a.md"),
            Target::Mail("a@b.test")
        );
        assert_eq!(
            classify("ms-settings:windowsupdate", "a.md"),
            Target::Unchecked
        );
        assert_eq!(classify("feedback-hub://", "a.md"), Target::Unchecked);
        assert_eq!(
            classify("user@domain.com", "a.md"),
            Target::Mail("user@domain.com")
        );
        assert_eq!(
            classify("javascript:void(0)", "a.md"),
            Target::OddScheme("javascript")
        );
        assert_eq!(classify("C:\\Temp\\x.png", "a.md"), Target::OddScheme("C"));
    }

    #[test]
    fn percent_decoding_keeps_what_is_not_an_escape() {
        assert_eq!(percent_decode("a%20b%2Fc"), "a b/c");
        assert_eq!(percent_decode("100%"), "100%");
        assert_eq!(percent_decode("%zz%4"), "%zz%4");
        assert_eq!(percent_decode("%C3%A9"), "é");
        assert_eq!(percent_decode("%FF"), "%FF");
    }

    #[test]
    fn mail_addresses_are_checked_for_syntax() {
        assert_eq!(mail_problem("rob@contoso.com"), None);
        assert_eq!(mail_problem("a@b.test,c.d@mail.b.test?subject=Hi"), None);
        assert_eq!(mail_problem("jan%40contoso.nl"), None);
        assert_eq!(mail_problem("").as_deref(), Some("names no address"));
        assert_eq!(
            mail_problem("rob@contoso").as_deref(),
            Some("`rob@contoso` is not an e-mail address")
        );
        assert!(mail_problem("rob contoso.com").is_some());
        assert!(mail_problem("rob@-contoso.com").is_some());
        assert!(mail_problem("a b@contoso.com").is_some());
    }
}
