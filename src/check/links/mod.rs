//! Internal links: relative `.md` links, `#fragment`s, root-relative links, media and `mailto:`,
//! resolved against the book. External URLs are collected, one entry per unique URL, for
//! [`super::external`].
//!
//! Every view is checked on its own, in parallel: a locale's translation against the articles,
//! anchors and media of that locale, the English source against the English of the other
//! articles and the media of every locale (the site copies them all for the English pages).

mod index;
mod target;

use std::borrow::Cow;
use std::collections::{BTreeMap, HashSet};

use rayon::prelude::*;

use super::{Model, Place, View};
use crate::code::Code;
use crate::config::Config;
use crate::diagnostic::Diagnostic;
use crate::markdown::Xrefs;
use crate::markdown::outline::{Link, LinkKind};
use crate::parse::Half;
use crate::toc;
use index::{Index, Lookup};
use target::{Target, classify, mail_problem, percent_decode};

/// What the link checks found.
#[derive(Debug, Default)]
pub struct Found {
    pub diagnostics: Vec<Diagnostic>,
    /// Links and images seen.
    pub count: usize,
    /// Each external URL once, with every place it appears.
    pub external: BTreeMap<String, Vec<Place>>,
}

/// Checks every link of every view of `model`.
pub fn check(model: &Model) -> Found {
    let index = Index::new(model.book);
    let views: Vec<(&str, &View)> = model.views().collect();
    let per_view: Vec<ViewFindings> = views
        .par_iter()
        .map(|&(article, view)| {
            let checker = ViewChecker::new(model, &index, article, view);
            checker.check()
        })
        .collect();

    let mut found = Found::default();
    let mut unchecked: BTreeMap<String, (usize, Diagnostic)> = BTreeMap::new();
    for view in per_view {
        found.count += view.count;
        found.diagnostics.extend(view.diagnostics);
        for (url, place) in view.external {
            found.external.entry(url).or_default().push(place);
        }
        if let Some((locale, count, first)) = view.unchecked_root {
            unchecked
                .entry(locale)
                .and_modify(|(n, _)| *n += count)
                .or_insert((count, first));
        }
    }
    found.diagnostics.extend(toc_links(model, &index));
    dedupe(&mut found.diagnostics);
    for (locale, (count, first)) in unchecked {
        found
            .diagnostics
            .push(unchecked_summary(&locale, count, first));
    }
    found
}

/// Drops a finding when an earlier one has the same code at the same place: a link outside the
/// sxs segments is in both the translation and the English view of its file.
fn dedupe(diagnostics: &mut Vec<Diagnostic>) {
    let mut seen = HashSet::new();
    diagnostics.retain(|d| seen.insert((d.file.clone(), d.line, d.column, d.code)));
}

/// The one finding per locale about its root-relative links, made when there is no base URL to
/// check them against. `first` is the first such link's finding, naming its place.
fn unchecked_summary(locale: &str, count: usize, first: Diagnostic) -> Diagnostic {
    let links = if count == 1 { "link" } else { "links" };
    Diagnostic {
        message: format!(
            "{count} root-relative {links} of {locale} (such as {}) not checked: set `base-url` under `[check]` in book.toml (`{{locale}}` stands for the lower-case locale tag), or under `[locale.{locale}]`",
            first.message
        ),
        ..first
    }
}

/// The base URL root-relative links of `locale` live under, if book.toml gives one.
fn base_url(config: &Config, locale: &str) -> Option<String> {
    let own = config.locales.get(locale).and_then(|l| l.base_url.clone());
    let base = own.or_else(|| {
        let shared = config.check.base_url.as_ref()?;
        Some(shared.replace("{locale}", &locale.to_ascii_lowercase()))
    })?;
    Some(base.trim_end_matches('/').to_string())
}

/// `dest`, and the path it resolves to when that reads differently.
fn leads_to(dest: &str, path: &str) -> String {
    if dest == path {
        format!("`{dest}`")
    } else {
        format!("`{dest}` (`{path}`)")
    }
}

/// Whether `path` names a page: a markdown file or a YAML page.
fn is_page_path(path: &str) -> bool {
    let lower = path.to_ascii_lowercase();
    lower.ends_with(".md") || lower.ends_with(".yml")
}

/// The entries of every table of contents of the checked locales that point at a page or
/// file the locale does not have.
fn toc_links(model: &Model, index: &Index) -> Vec<Diagnostic> {
    let book = model.book;
    let mut tags: Vec<&str> = model
        .articles
        .values()
        .flat_map(|a| a.translations.iter().map(|v| v.document.locale.as_str()))
        .collect();
    if let Some(source) = &book.source {
        tags.push(&source.tag);
    }
    tags.sort_unstable();
    tags.dedup();
    let mut found = Vec::new();
    for tag in tags {
        for toc in book.navigation.of(tag) {
            for (entry, _) in toc.flatten() {
                let problem = match &entry.target {
                    Some(toc::Target::Page(path))
                        if index.articles.lookup(tag, path) != Lookup::Found =>
                    {
                        let others = index.other_locales(&index.articles, tag, path);
                        Some(if others.is_empty() {
                            format!("`{path}`: no such page in {tag}; no locale has it")
                        } else {
                            format!(
                                "`{path}`: no such page in {tag}; it exists in {}",
                                others.join(", ")
                            )
                        })
                    }
                    Some(toc::Target::File(path))
                        if !path.ends_with('/') && index.file(tag, path) != Lookup::Found =>
                    {
                        Some(format!("`{path}`: no such file in {tag}"))
                    }
                    _ => None,
                };
                if let Some(problem) = problem {
                    found.push(
                        Diagnostic::error(
                            Code::BrokenLink,
                            &entry.file,
                            (entry.line, entry.column),
                            format!("table of contents entry `{}`: {problem}", entry.title),
                        )
                        .in_article(tag, &toc.path),
                    );
                }
            }
        }
    }
    found
}

/// Whether the last segment of `path` has an extension (`.png`, `.zip`).
fn has_extension(path: &str) -> bool {
    let name = path.rsplit('/').next().unwrap_or(path);
    name.rfind('.')
        .is_some_and(|dot| dot > 0 && dot + 1 < name.len())
}

/// What the links of one view gave.
#[derive(Debug, Default)]
struct ViewFindings {
    diagnostics: Vec<Diagnostic>,
    external: Vec<(String, Place)>,
    count: usize,
    /// Root-relative links not checked for want of a base URL: the locale, how many, and a
    /// finding at the first one whose message is that link.
    unchecked_root: Option<(String, usize, Diagnostic)>,
}

/// Checks the links of one view.
struct ViewChecker<'c, 'b> {
    model: &'c Model<'b>,
    index: &'c Index<'b>,
    article: &'c str,
    view: &'c View<'b>,
    locale: &'c str,
    base_url: Option<String>,
    out: ViewFindings,
}

impl<'c, 'b> ViewChecker<'c, 'b> {
    fn new(
        model: &'c Model<'b>,
        index: &'c Index<'b>,
        article: &'c str,
        view: &'c View<'b>,
    ) -> Self {
        let locale = view.locale(model.book);
        ViewChecker {
            model,
            index,
            article,
            view,
            locale,
            base_url: base_url(&model.book.config, locale),
            out: ViewFindings::default(),
        }
    }

    fn check(mut self) -> ViewFindings {
        for link in &self.view.outline.links {
            self.out.count += 1;
            self.check_link(link);
        }
        self.out
    }

    fn check_link(&mut self, link: &Link) {
        let dest = match link.kind {
            LinkKind::Html => Cow::Owned(link.dest.replace("&amp;", "&")),
            LinkKind::Xref => return self.check_xref(link),
            LinkKind::Link | LinkKind::Image | LinkKind::Include | LinkKind::Code => {
                Cow::Borrowed(link.dest.as_str())
            }
        };
        let dest = dest.as_ref();
        match classify(dest, self.article) {
            Target::Empty => self.error(
                Code::BrokenLink,
                link,
                "empty link target: the link goes nowhere".to_string(),
            ),
            Target::Fragment(None) | Target::Unchecked => {}
            // In an include, `#anchor` names a heading of whichever page includes it.
            Target::Fragment(Some(_)) if self.model.book.article(self.article).is_none() => {}
            Target::Fragment(Some(fragment)) => {
                self.check_fragment(link, self.view, fragment, None)
            }
            Target::External(url) => {
                let place = self.place(link);
                self.out.external.push((url, place));
            }
            Target::RootRelative(path) => self.root_relative(link, path),
            Target::Mail(address) => {
                if let Some(problem) = mail_problem(address) {
                    self.error(Code::BrokenLink, link, format!("`{dest}`: {problem}"));
                }
            }
            Target::OddScheme(scheme) => self.error(
                Code::BrokenLink,
                link,
                format!("`{dest}`: a reader's browser does not follow `{scheme}:` links"),
            ),
            Target::OutsideRoot => self.error(
                Code::BrokenLink,
                link,
                format!("`{dest}` climbs above the locale folder"),
            ),
            Target::Relative { path, fragment } => self.relative(link, dest, &path, fragment),
        }
    }

    /// An `xref:` link, checked against the xref maps when book.toml lists any.
    fn check_xref(&mut self, link: &Link) {
        let Some(map) = &self.model.xrefs else {
            return;
        };
        let uid = link.dest.trim_start_matches("xref:");
        let uid = uid.split(['?', '#']).next().unwrap_or(uid);
        if map.resolve(uid).is_none() {
            self.error(
                Code::UnresolvedXref,
                link,
                format!("cross-reference `{uid}` is not in any xref map"),
            );
        }
    }

    fn root_relative(&mut self, link: &Link, path: &str) {
        match &self.base_url {
            Some(base) => {
                let place = self.place(link);
                self.out.external.push((format!("{base}{path}"), place));
            }
            None => match &mut self.out.unchecked_root {
                Some((_, count, _)) => *count += 1,
                None => {
                    let first = self.diagnostic(Code::UncheckedLink, link, format!("`{path}`"));
                    self.out.unchecked_root = Some((self.locale.to_string(), 1, first));
                }
            },
        }
    }

    /// A relative link to an article, a media file or another file of the locale.
    fn relative(&mut self, link: &Link, dest: &str, path: &str, fragment: Option<&str>) {
        let is_file = matches!(link.kind, LinkKind::Include | LinkKind::Code);
        let is_article = !is_file && is_page_path(path);
        let (names, case_code) = if is_article {
            (&self.index.articles, Code::BrokenLink)
        } else {
            (&self.index.files, Code::MissingFile)
        };
        let found = match names.lookup(self.locale, path) {
            // A markdown or YAML file that is no page: an include, a TOC.
            Lookup::Missing
                if is_article && self.index.file(self.locale, path) == Lookup::Found =>
            {
                Lookup::Found
            }
            _ if !is_article => self.index.file(self.locale, path),
            found => found,
        };
        match found {
            Lookup::Found => {
                if let (true, Some(fragment)) = (is_article, fragment)
                    && let Some(target) = self.article_view(path)
                {
                    self.check_fragment(link, target, fragment, Some(path));
                }
            }
            Lookup::OtherCase(actual) => {
                let own = is_article
                    || matches!(
                        self.index.files.lookup(self.locale, path),
                        Lookup::OtherCase(_)
                    );
                let owner = if own {
                    self.locale
                } else {
                    "the English source"
                };
                self.error(
                    case_code,
                    link,
                    format!(
                        "{}: {owner} has only `{actual}`, which differs in letter case and breaks on case-sensitive hosting",
                        leads_to(dest, path),
                    ),
                )
            }
            Lookup::Missing => {
                let others = self.index.other_locales(names, self.locale, path);
                let (code, what) = if is_article {
                    (Code::BrokenLink, "article")
                } else if link.kind == LinkKind::Image || has_extension(path) {
                    (Code::MissingFile, "file")
                } else {
                    (Code::BrokenLink, "article or file")
                };
                let elsewhere = if !others.is_empty() {
                    format!("; it exists in {}", others.join(", "))
                } else if is_article {
                    "; no locale has it".to_string()
                } else {
                    let page = format!("{path}.md");
                    match self.index.articles.lookup(self.locale, &page) {
                        Lookup::Found => format!(" (did you mean `{page}`?)"),
                        _ => String::new(),
                    }
                };
                let source = if !is_article && self.index.has_source() {
                    " nor in the English source"
                } else {
                    ""
                };
                self.error(
                    code,
                    link,
                    format!(
                        "{}: no such {what} in {}{source}{elsewhere}",
                        leads_to(dest, path),
                        self.locale
                    ),
                );
            }
        }
    }

    /// The view of article `path` read the way this view is: the same locale's translation,
    /// or the English source.
    fn article_view(&self, path: &str) -> Option<&'c View<'b>> {
        let article = self.model.articles.get(path)?;
        match self.view.half {
            Half::Source => article.english.as_ref(),
            Half::Target => article
                .translations
                .iter()
                .find(|v| v.document.locale == self.locale),
        }
    }

    /// Checks that `fragment` names an anchor of `target`, the article `path` or this page.
    fn check_fragment(&mut self, link: &Link, target: &View, fragment: &str, path: Option<&str>) {
        let anchors = &target.outline.anchors;
        let decoded = percent_decode(fragment);
        if anchors.contains(fragment) || anchors.contains(decoded.as_ref()) {
            return;
        }
        let page = match path {
            Some(path) => format!("`{path}` in {}", self.locale),
            None => "this page".to_string(),
        };
        let folded = decoded.to_lowercase();
        let hint = match anchors.iter().find(|a| a.to_lowercase() == folded) {
            Some(other) => format!("; `#{other}` differs only in letter case"),
            None => String::new(),
        };
        self.error(
            Code::BrokenFragment,
            link,
            format!("`#{fragment}` names no heading or anchor of {page}{hint}"),
        );
    }

    fn place(&self, link: &Link) -> Place {
        let (line, column) = self.view.position(link.offset);
        Place {
            locale: self.locale.to_string(),
            article: self.article.to_string(),
            file: self.view.document.file.clone(),
            line,
            column,
        }
    }

    fn diagnostic(&self, code: Code, link: &Link, message: String) -> Diagnostic {
        let severity = code.default_severity();
        Diagnostic::new(
            severity,
            code,
            &self.view.document.file,
            self.view.position(link.offset),
            message,
        )
        .in_article(self.locale, self.article)
    }

    fn error(&mut self, code: Code, link: &Link, message: String) {
        let diagnostic = self.diagnostic(code, link, message);
        self.out.diagnostics.push(diagnostic);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::book::Book;
    use crate::config::Config;
    use crate::progress::Silent;

    /// Checks a project made of `files` under `content/` with `book.toml` text `toml`.
    fn check_project(toml: &str, files: &[(&str, &str)]) -> Found {
        let dir = tempfile::tempdir().unwrap();
        for (path, text) in files {
            let file = dir.path().join("content").join(path);
            std::fs::create_dir_all(file.parent().unwrap()).unwrap();
            std::fs::write(file, text).unwrap();
        }
        let config = Config::parse(dir.path(), &dir.path().join("book.toml"), toml).unwrap();
        let book = Book::load(config, &Silent).unwrap();
        let alignment = crate::align::align(&book, &[]);
        check(&Model::new(&book, &alignment, &[]))
    }

    /// Each finding as `code locale file:line: message`.
    fn findings(found: &Found) -> Vec<String> {
        let mut out: Vec<String> = found
            .diagnostics
            .iter()
            .map(|d| {
                format!(
                    "{} {} {}:{}: {}",
                    d.code,
                    d.locale.as_deref().unwrap_or("-"),
                    d.file.display(),
                    d.line,
                    d.message
                )
            })
            .collect();
        out.sort();
        out
    }

    /// An sxs segment: a translation carrying its English.
    fn sxs(id: &str, translation: &str, english: &str) -> String {
        crate::parse::sxs::segment_text(&format!("s-{id}"), translation, english)
    }

    #[test]
    fn relative_article_links_resolve_in_the_same_locale() {
        let found = check_project(
            "",
            &[
                (
                    "nl-NL/sub/a.md",
                    "# A\n\n[b](b.md) [c](../c.md?tabs=x) [d](d.md)\n\n[up](../../x.md) [B](B.md)\n",
                ),
                ("nl-NL/sub/b.md", "# B\n"),
                ("nl-NL/c.md", "# C\n"),
                ("da-DK/sub/d.md", "# D\n"),
                ("de-DE/sub/d.md", "# D\n"),
            ],
        );
        assert_eq!(
            findings(&found),
            [
                "broken-link nl-NL content/nl-NL/sub/a.md:3: `d.md` (`sub/d.md`): no such article in nl-NL; it exists in da-DK, de-DE",
                "broken-link nl-NL content/nl-NL/sub/a.md:5: `../../x.md` climbs above the locale folder",
                "broken-link nl-NL content/nl-NL/sub/a.md:5: `B.md` (`sub/B.md`): nl-NL has only `sub/b.md`, which differs in letter case and breaks on case-sensitive hosting",
            ]
        );
        assert_eq!(found.count, 5);
    }

    #[test]
    fn percent_encoded_paths_are_decoded() {
        let found = check_project(
            "",
            &[
                ("nl-NL/a.md", "[b](my%20page.md) [c](no%20page.md)\n"),
                ("nl-NL/my page.md", "# B\n"),
            ],
        );
        assert_eq!(
            findings(&found),
            [
                "broken-link nl-NL content/nl-NL/a.md:1: `no%20page.md` (`no page.md`): no such article in nl-NL; no locale has it"
            ]
        );
    }

    #[test]
    fn media_must_exist_in_the_locale_with_the_same_letter_case() {
        let found = check_project(
            "",
            &[
                (
                    "nl-NL/a.md",
                    "![ok](media/Pic.png)\n\n![case](media/pic.png)\n\n![gone](media/only-da.png)\n\n[page](b) [zip](files/x.zip)\n",
                ),
                ("nl-NL/media/Pic.png", "png"),
                ("nl-NL/b.md", "# B\n"),
                ("da-DK/media/only-da.png", "png"),
            ],
        );
        assert_eq!(
            findings(&found),
            [
                "broken-link nl-NL content/nl-NL/a.md:7: `b`: no such article or file in nl-NL (did you mean `b.md`?)",
                "missing-file nl-NL content/nl-NL/a.md:3: `media/pic.png`: nl-NL has only `media/Pic.png`, which differs in letter case and breaks on case-sensitive hosting",
                "missing-file nl-NL content/nl-NL/a.md:5: `media/only-da.png`: no such file in nl-NL; it exists in da-DK",
                "missing-file nl-NL content/nl-NL/a.md:7: `files/x.zip`: no such file in nl-NL",
            ]
        );
    }

    #[test]
    fn include_fragments_and_other_unloaded_files_are_looked_up_on_disk() {
        let found = check_project(
            "",
            &[
                (
                    "nl-NL/a.md",
                    "[!INCLUDE [inc](includes/inc.md)]

[!INCLUDE [gone](includes/gone.md)]

[toc](TOC.yml)
",
                ),
                (
                    "nl-NL/includes/inc.md",
                    "Tekst
",
                ),
                ("nl-NL/TOC.yml", "- name: A\n"),
            ],
        );
        assert_eq!(
            findings(&found),
            ["missing-file nl-NL content/nl-NL/a.md:3: `includes/gone.md`: no such file in nl-NL"]
        );
    }

    #[test]
    fn fragments_are_checked_against_the_anchors_of_their_target() {
        let found = check_project(
            "",
            &[
                (
                    "nl-NL/a.md",
                    "# Kop\n\n[a](#kop) [b](#geen) [c](b.md#stap-%C3%A9%C3%A9n) [d](b.md#Stap-Twee) [e](b.md#top) [f](#)\n",
                ),
                (
                    "nl-NL/b.md",
                    "<a name=\"top\"></a>\n\n# Stap één\n\n## Stap twee\n",
                ),
            ],
        );
        assert_eq!(
            findings(&found),
            [
                "broken-fragment nl-NL content/nl-NL/a.md:3: `#Stap-Twee` names no heading or anchor of `b.md` in nl-NL; `#stap-twee` differs only in letter case",
                "broken-fragment nl-NL content/nl-NL/a.md:3: `#geen` names no heading or anchor of this page",
            ]
        );
    }

    #[test]
    fn the_english_view_is_checked_against_the_english_of_its_targets() {
        let heading = sxs("1", "Apparaat instellen", "Set up the device");
        let link = sxs(
            "2",
            "Zie [stappen](b.md#set-up-the-device).",
            "See [steps](b.md#set-up-the-device) and [gone](c.md).",
        );
        let found = check_project(
            "",
            &[
                ("nl-NL/a.md", &format!("# A\n\n{link}\n")),
                ("nl-NL/b.md", &format!("# {heading}\n")),
            ],
        );
        assert_eq!(
            findings(&found),
            [
                "broken-fragment nl-NL content/nl-NL/a.md:3: `#set-up-the-device` names no heading or anchor of `b.md` in nl-NL",
                "broken-link en-US content/nl-NL/a.md:3: `c.md`: no such article in en-US; no locale has it",
            ]
        );
        assert_eq!(found.count, 3);
    }

    #[test]
    fn root_relative_links_are_external_under_the_base_url() {
        let files = [
            ("nl-NL/a.md", "[x](/office/x?view=1#y) [y](/office/y)\n"),
            ("da-DK/a.md", "[x](/office/x)\n"),
        ];
        let found = check_project(
            "[check]\nbase-url = \"https://learn.test/{locale}/\"\n[locale.da-DK]\nbase-url = \"https://da.test\"\n",
            &files,
        );
        assert!(findings(&found).is_empty(), "{:?}", findings(&found));
        let urls: Vec<(&str, usize)> = found
            .external
            .iter()
            .map(|(url, places)| (url.as_str(), places.len()))
            .collect();
        assert_eq!(
            urls,
            [
                ("https://da.test/office/x", 1),
                ("https://learn.test/nl-nl/office/x?view=1", 1),
                ("https://learn.test/nl-nl/office/y", 1),
            ]
        );

        let unchecked = check_project("", &files);
        assert!(unchecked.external.is_empty());
        assert_eq!(
            findings(&unchecked),
            [
                "unchecked-link da-DK content/da-DK/a.md:1: 1 root-relative link of da-DK (such as `/office/x`) not checked: set `base-url` under `[check]` in book.toml (`{locale}` stands for the lower-case locale tag), or under `[locale.da-DK]`",
                "unchecked-link nl-NL content/nl-NL/a.md:1: 2 root-relative links of nl-NL (such as `/office/x?view=1`) not checked: set `base-url` under `[check]` in book.toml (`{locale}` stands for the lower-case locale tag), or under `[locale.nl-NL]`",
            ]
        );
        assert!(
            unchecked
                .diagnostics
                .iter()
                .all(|d| d.severity == crate::diagnostic::Severity::Info)
        );
    }

    #[test]
    fn mail_empty_and_odd_schemes() {
        let found = check_project(
            "",
            &[(
                "nl-NL/a.md",
                "[m](mailto:jan@contoso.nl) [n](mailto:jan) <jan@contoso.nl>\n\n[e]() [j](javascript:alert(1)) [s](ms-settings:windowsupdate)\n\n<a href=\"https://h.test/p?a=1&amp;b=2#f\">h</a> [h](https://h.test/p?a=1&b=2)\n",
            )],
        );
        assert_eq!(
            findings(&found),
            [
                "broken-link nl-NL content/nl-NL/a.md:1: `mailto:jan`: `jan` is not an e-mail address",
                "broken-link nl-NL content/nl-NL/a.md:3: `javascript:alert(1)`: a reader's browser does not follow `javascript:` links",
                "broken-link nl-NL content/nl-NL/a.md:3: empty link target: the link goes nowhere",
            ]
        );
        let places = &found.external["https://h.test/p?a=1&b=2"];
        let lines: Vec<(usize, usize)> = places.iter().map(|p| (p.line, p.column)).collect();
        assert_eq!(lines, [(5, 4), (5, 48)]);
        assert_eq!(found.count, 8);
    }
}
