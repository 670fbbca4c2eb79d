//! The finding codes of `diglot check`, each with its default severity and description. Codes are stable: CI
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

/// A finding code with its default severity and what it means.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Rule {
    pub code: &'static str,
    pub severity: Severity,
    pub description: &'static str,
}

const fn rule(code: &'static str, severity: Severity, description: &'static str) -> Rule {
    Rule {
        code,
        severity,
        description,
    }
}

/// Every finding code of `diglot check`. Broken internal links, missing files and failing
/// external links are errors; consistency findings are warnings; redirects and links that
/// could not be checked are information.
pub const RULES: &[Rule] = &[
    rule(
        BROKEN_LINK,
        Severity::Error,
        "A link to a file or article that does not exist.",
    ),
    rule(
        BROKEN_FRAGMENT,
        Severity::Error,
        "A #fragment that names no heading or anchor of its target.",
    ),
    rule(
        MISSING_FILE,
        Severity::Error,
        "An image or media file that does not exist.",
    ),
    rule(
        UNCHECKED_LINK,
        Severity::Info,
        "Root-relative links left unchecked for want of a base URL.",
    ),
    rule(
        EXTERNAL_ERROR,
        Severity::Error,
        "An external link that answered with an error, or not at all.",
    ),
    rule(REDIRECT, Severity::Info, "An external link that redirects."),
    rule(
        STEP_MISMATCH,
        Severity::Warning,
        "Lists, headings, tables, images or code blocks differ from the English or another locale.",
    ),
    rule(
        ALERT_MISMATCH,
        Severity::Warning,
        "An alert is missing, extra, of another kind, or plain bold text.",
    ),
    rule(
        CODE_MISMATCH,
        Severity::Warning,
        "Inline code differs from the English, or lost its backticks.",
    ),
    rule(
        URL_MISMATCH,
        Severity::Warning,
        "A segment's URLs differ from its English source.",
    ),
    rule(
        NUMBER_MISMATCH,
        Severity::Warning,
        "A segment's numbers differ from its English source.",
    ),
    rule(
        MARKUP_MISMATCH,
        Severity::Warning,
        "Bold or italic markup differs from the English.",
    ),
    rule(
        TEXT_CORRUPTION,
        Severity::Warning,
        "Text glued to a link, or a mangled path.",
    ),
    rule(
        MISSING_SEGMENT,
        Severity::Warning,
        "A segment of the English source has no translation.",
    ),
    rule(
        SOURCE_DRIFT,
        Severity::Warning,
        "A locale's English source differs from the other locales'.",
    ),
    rule(
        UNTRANSLATED,
        Severity::Warning,
        "A segment whose translation is its English source.",
    ),
    rule(
        FRONT_MATTER,
        Severity::Warning,
        "Front matter: missing title, wrong locale, duplicate ids, invalid YAML.",
    ),
];

/// The rule of `code`; `None` for codes that are not `diglot check`'s (the parser's own).
pub fn find(code: &str) -> Option<&'static Rule> {
    RULES.iter().find(|r| r.code == code)
}

/// The severity a code has unless `[check.severity]` says otherwise; `None` for unknown codes.
pub fn default_severity(code: &str) -> Option<Severity> {
    find(code).map(|r| r.severity)
}

/// Every code, in the order of [`RULES`].
pub fn all() -> impl Iterator<Item = &'static str> {
    RULES.iter().map(|r| r.code)
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

    #[test]
    fn codes_and_descriptions_are_unique() {
        let codes: std::collections::BTreeSet<&str> = all().collect();
        let descriptions: std::collections::BTreeSet<&str> =
            RULES.iter().map(|r| r.description).collect();
        assert_eq!(codes.len(), RULES.len());
        assert_eq!(descriptions.len(), RULES.len());
    }
}
