//! Every finding code diglot reports, in one enum: each with its stable kebab-case name (what CI
//! configurations, `[check.severity]` tables and the JSON and SARIF reports name), its default
//! severity and a one-line description.
//!
//! Codes are grouped by the stage that reports them: reading the project and its files, parsing
//! them, building the site, serving it, importing, and `diglot check`'s rules.

use std::fmt;
use std::str::FromStr;

use serde::{Serialize, Serializer};

use crate::diagnostic::Severity;

macro_rules! codes {
    ($($(#[$doc:meta])* $variant:ident = $name:literal, $severity:ident, $description:literal;)*) => {
        /// A finding code. Its [`Code::name`] is stable.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub enum Code {
            $($(#[$doc])* $variant,)*
        }

        impl Code {
            /// Every code, in the order of this file.
            pub const ALL: &'static [Code] = &[$(Code::$variant,)*];

            /// The stable kebab-case name.
            pub fn name(self) -> &'static str {
                match self {
                    $(Code::$variant => $name,)*
                }
            }

            /// The severity a finding of this code has unless configured otherwise.
            pub fn default_severity(self) -> Severity {
                match self {
                    $(Code::$variant => Severity::$severity,)*
                }
            }

            /// What a finding of this code means, in one line.
            pub fn description(self) -> &'static str {
                match self {
                    $(Code::$variant => $description,)*
                }
            }
        }
    };
}

codes! {
    // Reading the project.
    /// `book.toml` cannot be read or holds an unknown key, a wrong type or a bad value.
    Config = "config", Error, "book.toml is invalid.";
    /// Nothing to build: no locale folder and no `[locale.<tag>]` table.
    NoLocales = "no-locales", Error, "No locales were found.";
    /// A `[locale.<tag>]` table points at a folder that does not exist.
    MissingLocale = "missing-locale", Error, "A configured locale folder does not exist.";
    /// A file or folder that cannot be read.
    Unreadable = "unreadable", Error, "A file or folder cannot be read.";
    /// A symbolic link inside a locale folder, not followed.
    Symlink = "symlink", Warning, "A symbolic link was not followed.";
    /// A `docfx.json` that cannot be read, or a pattern in it that is not a glob.
    DocfxJson = "docfx-json", Warning, "docfx.json is invalid or partly ignored.";
    /// A file above the size limit, skipped.
    FileTooLarge = "file-too-large", Error, "A file is too large to read.";
    /// A file with nothing in it, skipped.
    EmptyFile = "empty-file", Warning, "A file is empty.";
    /// Bytes that are not UTF-8, shown as U+FFFD.
    InvalidUtf8 = "invalid-utf8", Error, "A file is not valid UTF-8.";
    /// NUL bytes, dropped.
    NulByte = "nul-byte", Warning, "A file holds NUL bytes.";

    // Parsing.
    /// Front matter: missing, unterminated, invalid YAML, a missing title, a wrong locale, an
    /// id used twice.
    FrontMatter = "front-matter", Warning, "Front matter: missing title, wrong locale, duplicate ids, invalid YAML.";
    /// A translation span whose structure cannot be read.
    SxsMalformed = "sxs-malformed", Error, "A translation span cannot be read.";
    /// A translation span that is never closed.
    SxsUnclosed = "sxs-unclosed", Error, "A translation span is never closed.";
    /// A translation span with no English partner, or an English one with no translation.
    SxsUnpaired = "sxs-unpaired", Error, "A translation span has no English partner.";
    /// Two segments of one file with the same `data-ttu-id`.
    SxsDuplicateId = "sxs-duplicate-id", Warning, "A segment id is used twice in a file.";
    /// The ids of a translation and of its English disagree.
    SxsIdMismatch = "sxs-id-mismatch", Error, "A translation's id differs from its English partner's.";
    /// A `</span>` that closes nothing.
    SxsStrayClose = "sxs-stray-close", Warning, "A closing span tag closes nothing.";
    /// A table of contents that cannot be read.
    Toc = "toc", Error, "A table of contents cannot be read.";

    // Building and serving.
    /// A theme file that cannot be read or a template that does not compile.
    Theme = "theme", Error, "The theme cannot be loaded.";
    /// A template that fails to render a page.
    Template = "template", Error, "A template failed to render a page.";
    /// A file of the site that cannot be written.
    Write = "write", Error, "A file of the site cannot be written.";
    /// A build dir that would hold the project, or that cannot be prepared or swapped in.
    BuildDir = "build-dir", Error, "The build dir cannot be used.";
    /// `diglot serve` cannot listen or rebuild.
    Serve = "serve", Error, "The server cannot start or rebuild.";
    /// A rebuild during `diglot serve` kept the last good page of a file it could not read.
    ServeKept = "serve-kept", Warning, "serve kept the last good page of a file.";
    /// The file watcher failed.
    Watch = "watch", Warning, "The file watcher failed.";
    /// Raw HTML the sanitizer removed from a page: an element, an attribute or a URL that is
    /// not on the allowlist (`crate::sanitize`).
    HtmlRemoved = "html-removed", Info, "Raw HTML the sanitizer removed from a page.";

    // Importing.
    /// `diglot import` would overwrite a file that differs.
    ImportConflict = "import-conflict", Error, "import would overwrite a different file.";
    /// `diglot import` cannot tell an article's locale.
    ImportLocale = "import-locale", Error, "import cannot tell a file's locale.";
    /// `diglot import` cannot tell an article's name.
    ImportSlug = "import-slug", Warning, "import cannot tell a file's name.";

    // Applying XLIFF.
    /// `diglot apply` cannot read an XLIFF file, or cannot tell which file one of its `<file>`s
    /// is, or that file holds no export hash.
    ApplyInvalid = "apply-invalid", Error, "An XLIFF file cannot be read or matched to its markdown.";
    /// `diglot apply`: the markdown file changed since the XLIFF was exported.
    ApplyStale = "apply-stale", Error, "A file changed since its XLIFF was exported.";
    /// `diglot apply`: a unit names no segment or block of its file.
    ApplyUnknownId = "apply-unknown-id", Error, "An XLIFF unit names no segment or block of its file.";
    /// `diglot apply`: a new target would break its segment (links, code, URLs, numbers,
    /// emphasis, or the file's structure).
    ApplyBreaks = "apply-breaks", Error, "A new target would break its segment.";
    /// `diglot apply`: a target on a unit the file has no place for (a missing or merged segment).
    ApplySkipped = "apply-skipped", Warning, "A target with no place in its file was not written.";

    // DocFX markdown.
    /// A DocFX construct written wrongly (an unclosed zone, a bad attribute, text after a
    /// marker); it is shown as text or as far as it can be read.
    DfmSyntax = "dfm-syntax", Warning, "A DocFX markdown construct is written wrongly.";
    /// An `[!INCLUDE]` whose file is in neither the locale nor the English source.
    MissingInclude = "missing-include", Error, "An included file does not exist.";
    /// Includes that include each other.
    IncludeCycle = "include-cycle", Error, "Included files include each other.";
    /// A `:::code` or `[!code-...]` whose file does not exist.
    MissingCode = "missing-code", Error, "A code sample file does not exist.";
    /// A code sample region (`#region`, `// <name>`) that its file does not have.
    MissingRegion = "missing-region", Error, "A code sample region does not exist.";
    /// A cross-reference no xref map resolves.
    UnresolvedXref = "unresolved-xref", Info, "A cross-reference no xref map resolves.";
    /// An xref map listed in book.toml that cannot be read, fetched or parsed.
    XrefMap = "xref-map", Warning, "An xref map cannot be read.";

    // `diglot check`.
    /// A link to a file or article that does not exist.
    BrokenLink = "broken-link", Error, "A link to a file or article that does not exist.";
    /// A `#fragment` that names no heading or anchor of its target.
    BrokenFragment = "broken-fragment", Error, "A #fragment that names no heading or anchor of its target.";
    /// An image or media file that does not exist.
    MissingFile = "missing-file", Error, "An image or media file that does not exist.";
    /// Root-relative links left unchecked for want of a base URL.
    UncheckedLink = "unchecked-link", Info, "Root-relative links left unchecked for want of a base URL.";
    /// An external link that answered with an error, or not at all.
    ExternalError = "external-error", Error, "An external link that answered with an error, or not at all.";
    /// An external link that redirects; the message gives the final URL.
    Redirect = "redirect", Info, "An external link that redirects.";
    /// Lists, headings, tables, images or code blocks differ from the English or another locale.
    StepMismatch = "step-mismatch", Warning, "Lists, headings, tables, images or code blocks differ from the English or another locale.";
    /// An alert is missing, extra, of another kind, or turned into plain bold text.
    AlertMismatch = "alert-mismatch", Warning, "An alert is missing, extra, of another kind, or plain bold text.";
    /// Inline code differs from the English, or lost its backticks.
    CodeMismatch = "code-mismatch", Warning, "Inline code differs from the English, or lost its backticks.";
    /// A segment's URLs differ from its English source.
    UrlMismatch = "url-mismatch", Warning, "A segment's URLs differ from its English source.";
    /// A segment's numbers differ from its English source.
    NumberMismatch = "number-mismatch", Warning, "A segment's numbers differ from its English source.";
    /// Bold or italic markup differs from the English.
    MarkupMismatch = "markup-mismatch", Warning, "Bold or italic markup differs from the English.";
    /// Text glued to a link, or a mangled path such as `\\ win10client01`.
    TextCorruption = "text-corruption", Warning, "Text glued to a link, or a mangled path.";
    /// A segment of the English source has no translation in this locale.
    MissingSegment = "missing-segment", Warning, "A segment of the English source has no translation.";
    /// A locale's English source differs from the other locales'.
    SourceDrift = "source-drift", Warning, "A locale's English source differs from the other locales'.";
    /// A segment whose translation is its English source.
    Untranslated = "untranslated", Warning, "A segment whose translation is its English source.";
    /// A segment left in English but for full-width punctuation or spacing.
    UntouchedEnglish = "untouched-english", Warning, "A segment left in English but for its punctuation or spacing.";
    /// A link whose text the translation emptied: `[](url)` where the English has text.
    EmptyLinkText = "empty-link-text", Warning, "A link whose text is empty where the English has text.";
    /// A word glued to the end of bold text: `**Ajouter**les`.
    GluedBold = "glued-bold", Warning, "A word glued to the end of bold text.";
    /// A path or URL broken by a full-width colon or an inserted space: `C：\Users`, `https：//`.
    BrokenPath = "broken-path", Warning, "A path or URL broken by a full-width colon or an inserted space.";
    /// An alert marker that is translated or not one DocFX knows: `> [!הערה]`, `[!TIPS]`.
    AlertMarker = "alert-marker", Warning, "An alert marker that is translated or not a kind DocFX knows.";
    /// Two links with nothing between them where the English has words between them.
    AdjacentLinks = "adjacent-links", Warning, "Two links run together where the English has words between them.";
    /// A link of the English that never closes, so it is not a link in any locale.
    UnclosedLink = "unclosed-link", Warning, "A link of the English that never closes.";
    /// A product name or acronym the other locales keep as it is, translated.
    TranslatedTerm = "translated-term", Info, "A product name or acronym that other locales keep, translated.";
}

impl Code {
    /// The code named `name`, if there is one.
    pub fn from_name(name: &str) -> Option<Code> {
        Code::ALL.iter().copied().find(|c| c.name() == name)
    }
}

impl fmt::Display for Code {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl FromStr for Code {
    type Err = String;

    fn from_str(name: &str) -> Result<Code, String> {
        Code::from_name(name).ok_or_else(|| {
            let known: Vec<&str> = Code::ALL.iter().map(|c| c.name()).collect();
            format!(
                "`{name}` is not a finding code; known codes: {}",
                known.join(", ")
            )
        })
    }
}

impl Serialize for Code {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.name())
    }
}

impl<'de> serde::Deserialize<'de> for Code {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Code, D::Error> {
        let name = String::deserialize(deserializer)?;
        name.parse().map_err(serde::de::Error::custom)
    }
}

/// Lets tests and filters compare a code with its name.
impl PartialEq<&str> for Code {
    fn eq(&self, other: &&str) -> bool {
        self.name() == *other
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip_and_are_unique() {
        let names: std::collections::BTreeSet<&str> = Code::ALL.iter().map(|c| c.name()).collect();
        assert_eq!(names.len(), Code::ALL.len());
        for code in Code::ALL {
            assert_eq!(code.name().parse::<Code>(), Ok(*code));
        }
        let err = "broken-lnk".parse::<Code>().unwrap_err();
        assert!(err.contains("broken-link"), "{err}");
    }

    #[test]
    fn links_are_errors_consistency_warnings_redirects_info() {
        assert_eq!(Code::BrokenLink.default_severity(), Severity::Error);
        assert_eq!(Code::ExternalError.default_severity(), Severity::Error);
        assert_eq!(Code::NumberMismatch.default_severity(), Severity::Warning);
        assert_eq!(Code::Redirect.default_severity(), Severity::Info);
    }

    #[test]
    fn serializes_as_its_name() {
        assert_eq!(
            serde_json::to_string(&Code::SourceDrift).unwrap(),
            "\"source-drift\""
        );
    }
}
