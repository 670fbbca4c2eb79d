//! The finding codes of `diglot check`, each with its default severity. Codes are stable: CI
//! configurations and `[check.severity]` tables name them.

use crate::diagnostic::Severity;

/// A link to a file or article that does not exist.
pub const BROKEN_LINK: &str = "broken-link";
/// A `#fragment` that names no heading or anchor of its target.
pub const BROKEN_FRAGMENT: &str = "broken-fragment";
/// An image or media file that does not exist.
pub const MISSING_FILE: &str = "missing-file";
/// Links that could not be checked: root-relative links without a base URL to check them under.
pub const UNCHECKED_LINK: &str = "unchecked-link";
/// An external link that answered with an error, or not at all.
pub const EXTERNAL_ERROR: &str = "external-error";
/// An external link that redirects; the message gives the final URL.
pub const REDIRECT: &str = "redirect";
/// Lists, headings, tables, images or code blocks differ from the English or another locale.
pub const STEP_MISMATCH: &str = "step-mismatch";
/// An alert is missing, extra, of another kind, or turned into plain bold text.
pub const ALERT_MISMATCH: &str = "alert-mismatch";
/// Inline code differs from the English, or lost its backticks.
pub const CODE_MISMATCH: &str = "code-mismatch";
/// A segment's URLs differ from its English source.
pub const URL_MISMATCH: &str = "url-mismatch";
/// A segment's numbers differ from its English source.
pub const NUMBER_MISMATCH: &str = "number-mismatch";
/// Bold or italic markup differs from the English.
pub const MARKUP_MISMATCH: &str = "markup-mismatch";
/// Text glued to a link, or a mangled path such as `\\ win10client01`.
pub const TEXT_CORRUPTION: &str = "text-corruption";
/// A segment of the English source has no translation in this locale.
pub const MISSING_SEGMENT: &str = "missing-segment";
/// A locale's English source differs from the other locales' (a stale translation).
pub const SOURCE_DRIFT: &str = "source-drift";
/// A segment whose translation is its English source.
pub const UNTRANSLATED: &str = "untranslated";
/// Front matter: a missing title, a locale that does not match the folder, an id used twice.
pub const FRONT_MATTER: &str = "front-matter";

/// Every finding code of `diglot check`, for documentation and configuration checks.
pub const ALL: &[&str] = &[
    BROKEN_LINK,
    BROKEN_FRAGMENT,
    MISSING_FILE,
    UNCHECKED_LINK,
    EXTERNAL_ERROR,
    REDIRECT,
    STEP_MISMATCH,
    ALERT_MISMATCH,
    CODE_MISMATCH,
    URL_MISMATCH,
    NUMBER_MISMATCH,
    MARKUP_MISMATCH,
    TEXT_CORRUPTION,
    MISSING_SEGMENT,
    SOURCE_DRIFT,
    UNTRANSLATED,
    FRONT_MATTER,
];

/// The severity a code has unless `[check.severity]` says otherwise; `None` for unknown codes.
/// Broken internal links, missing files and failing external links are errors; consistency
/// findings are warnings; redirects are information.
pub fn default_severity(code: &str) -> Option<Severity> {
    Some(match code {
        BROKEN_LINK | BROKEN_FRAGMENT | MISSING_FILE | EXTERNAL_ERROR => Severity::Error,
        REDIRECT | UNCHECKED_LINK => Severity::Info,
        c if ALL.contains(&c) => Severity::Warning,
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn links_are_errors_consistency_warnings_redirects_info() {
        assert_eq!(default_severity(BROKEN_LINK), Some(Severity::Error));
        assert_eq!(default_severity(EXTERNAL_ERROR), Some(Severity::Error));
        assert_eq!(default_severity(NUMBER_MISMATCH), Some(Severity::Warning));
        assert_eq!(default_severity(REDIRECT), Some(Severity::Info));
        assert_eq!(default_severity("broken-lnk"), None);
    }
}
