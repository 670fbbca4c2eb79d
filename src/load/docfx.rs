//! A locale folder's `docfx.json`: which files are pages (`build.content[]`) and which are
//! resources copied with the site (`build.resource[]`), each group with its `files` and `exclude`
//! globs, its `src` folder and its `dest`; and the metadata it gives pages (`globalMetadata`,
//! `fileMetadata`).
//!
//! Globs follow DocFX: relative to the group's `src`, `*` stays inside one folder, `**` crosses
//! folders, and letter case is ignored. Without a `docfx.json` (or without content groups) the
//! defaults apply: every markdown file and YAML page is a page except under `includes/`, and
//! the usual image and document types are resources.

use std::collections::BTreeMap;
use std::path::Path;

use globset::{GlobBuilder, GlobSet, GlobSetBuilder};
use serde::Deserialize;

use crate::code::Code;
use crate::diagnostic::Diagnostic;

/// Extensions that are resources when no `docfx.json` says otherwise.
pub const MEDIA_EXTENSIONS: &[&str] = &[
    "png", "jpg", "jpeg", "gif", "svg", "webp", "pdf", "mp4", "ico",
];

/// Front matter defaults: `globalMetadata` for every page, `fileMetadata` per glob.
#[derive(Debug, Clone, Default)]
pub struct Metadata {
    global: BTreeMap<String, serde_json::Value>,
    /// Each key with its `(glob, value)` list, in file order.
    files: Vec<(String, GlobSet, serde_json::Value)>,
}

impl Metadata {
    /// The metadata a page at `path` inherits, `fileMetadata` over `globalMetadata`.
    pub fn for_path(&self, path: &str) -> BTreeMap<String, serde_json::Value> {
        let mut out = self.global.clone();
        for (key, globs, value) in &self.files {
            if globs.is_match(path) {
                out.insert(key.clone(), value.clone());
            }
        }
        out
    }

    pub fn is_empty(&self) -> bool {
        self.global.is_empty() && self.files.is_empty()
    }
}

/// One `build.content[]` or `build.resource[]` group.
#[derive(Debug, Clone)]
struct Group {
    /// The group's folder under the locale root, `/`-separated, empty for the root itself.
    src: String,
    /// Where its files go in the site, `/`-separated, empty for the site's locale folder.
    dest: String,
    files: GlobSet,
    exclude: GlobSet,
}

impl Group {
    /// The path relative to the group's `src`, when the group holds `path`.
    fn matches<'p>(&self, path: &'p str) -> Option<&'p str> {
        let inner = if self.src.is_empty() {
            path
        } else {
            path.strip_prefix(self.src.as_str())?.strip_prefix('/')?
        };
        (self.files.is_match(inner) && !self.exclude.is_match(inner)).then_some(inner)
    }

    fn site_path(&self, inner: &str) -> String {
        if self.dest.is_empty() {
            inner.to_string()
        } else {
            format!("{}/{inner}", self.dest)
        }
    }
}

/// What a locale folder's `docfx.json` says, or the defaults when it has none.
#[derive(Debug, Clone, Default)]
pub struct Docfx {
    content: Vec<Group>,
    resource: Vec<Group>,
    pub metadata: Metadata,
    /// True when read from a file.
    pub found: bool,
}

/// Whether a file is a page, and where it goes in the site.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Role {
    /// A page, published at this path (relative to the locale's folder of the site, with the
    /// source extension).
    Page(String),
    /// A file copied with the site, at this path.
    Resource(String),
    /// Neither: an include, a code sample, a file of the repository.
    Other,
}

impl Docfx {
    /// The role the rules give a markdown or YAML file at `path`, or a file of another type.
    pub fn role(&self, path: &str, page_type: bool) -> Role {
        if page_type {
            if self.content.is_empty() {
                let in_includes = path.split('/').any(|p| p.eq_ignore_ascii_case("includes"));
                return if in_includes {
                    Role::Other
                } else {
                    Role::Page(path.to_string())
                };
            }
            for group in &self.content {
                if let Some(inner) = group.matches(path) {
                    return Role::Page(group.site_path(inner));
                }
            }
            return Role::Other;
        }
        if self.resource.is_empty() {
            let extension = path.rsplit_once('.').map(|(_, e)| e.to_ascii_lowercase());
            return match extension {
                Some(e) if MEDIA_EXTENSIONS.contains(&e.as_str()) => {
                    Role::Resource(path.to_string())
                }
                _ => Role::Other,
            };
        }
        for group in &self.resource {
            if let Some(inner) = group.matches(path) {
                return Role::Resource(group.site_path(inner));
            }
        }
        Role::Other
    }

    /// Reads `<root>/docfx.json`; the defaults when there is none. Problems become warnings
    /// naming `shown` (the file as diagnostics show it) and the rest of the file still counts.
    pub fn read(root: &Path, shown: &Path, diagnostics: &mut Vec<Diagnostic>) -> Docfx {
        let file = root.join("docfx.json");
        let Ok(text) = std::fs::read_to_string(&file) else {
            return Docfx::default();
        };
        Docfx::parse(&text, shown, diagnostics)
    }

    /// Parses the text of a `docfx.json`.
    pub fn parse(text: &str, shown: &Path, diagnostics: &mut Vec<Diagnostic>) -> Docfx {
        let raw: RawDocfx = match serde_json::from_str(text) {
            Ok(raw) => raw,
            Err(e) => {
                diagnostics.push(Diagnostic::warning(
                    Code::DocfxJson,
                    shown,
                    (e.line(), e.column()),
                    format!("ignored: {e}"),
                ));
                return Docfx::default();
            }
        };
        let mut warn = |message: String| {
            diagnostics.push(Diagnostic::warning(Code::DocfxJson, shown, (0, 0), message))
        };
        let build = raw.build.unwrap_or_default();
        let groups = |raw: Vec<RawGroup>, warn: &mut dyn FnMut(String)| -> Vec<Group> {
            raw.into_iter()
                .map(|g| Group {
                    src: clean_folder(g.src.as_deref().unwrap_or_default()),
                    dest: clean_folder(g.dest.as_deref().unwrap_or_default()),
                    files: glob_set(&g.files.into_vec(), warn),
                    exclude: glob_set(&g.exclude.into_vec(), warn),
                })
                .collect()
        };
        let content = groups(build.content, &mut warn);
        let resource = groups(build.resource, &mut warn);
        let mut files = Vec::new();
        for (key, by_glob) in build.file_metadata {
            let serde_json::Value::Object(by_glob) = by_glob else {
                warn(format!(
                    "`fileMetadata.{key}` is not an object of glob: value"
                ));
                continue;
            };
            for (pattern, value) in by_glob {
                files.push((key.clone(), glob_set(&[pattern], &mut warn), value));
            }
        }
        Docfx {
            content,
            resource,
            metadata: Metadata {
                global: build.global_metadata,
                files,
            },
            found: true,
        }
    }
}

/// `./a/b/` as `a/b`.
fn clean_folder(folder: &str) -> String {
    folder
        .replace('\\', "/")
        .split('/')
        .filter(|p| !p.is_empty() && *p != ".")
        .collect::<Vec<_>>()
        .join("/")
}

/// The globs as one set, DocFX style; a pattern that is not a glob is reported and skipped.
fn glob_set(patterns: &[String], warn: &mut dyn FnMut(String)) -> GlobSet {
    let mut builder = GlobSetBuilder::new();
    for pattern in patterns {
        // DocFX reads `**.yml` as `**/*.yml`, and a leading `./` as the group's folder.
        let normalized = pattern.trim_start_matches("./").replace("**.", "**/*.");
        match GlobBuilder::new(&normalized)
            .literal_separator(true)
            .case_insensitive(true)
            .build()
        {
            Ok(glob) => {
                builder.add(glob);
            }
            Err(e) => warn(format!("pattern `{pattern}` ignored: {e}")),
        }
    }
    builder.build().unwrap_or_else(|_| GlobSet::empty())
}

#[derive(Deserialize)]
struct RawDocfx {
    build: Option<RawBuild>,
}

#[derive(Deserialize, Default)]
#[serde(rename_all = "camelCase")]
struct RawBuild {
    #[serde(default)]
    content: Vec<RawGroup>,
    #[serde(default)]
    resource: Vec<RawGroup>,
    #[serde(default)]
    global_metadata: BTreeMap<String, serde_json::Value>,
    #[serde(default)]
    file_metadata: BTreeMap<String, serde_json::Value>,
}

#[derive(Deserialize)]
struct RawGroup {
    #[serde(default)]
    files: OneOrMany,
    #[serde(default)]
    exclude: OneOrMany,
    src: Option<String>,
    dest: Option<String>,
}

/// A glob list, also written as a single string.
#[derive(Deserialize, Default)]
#[serde(untagged)]
enum OneOrMany {
    #[default]
    None,
    One(String),
    Many(Vec<String>),
}

impl OneOrMany {
    fn into_vec(self) -> Vec<String> {
        match self {
            OneOrMany::None => Vec::new(),
            OneOrMany::One(one) => vec![one],
            OneOrMany::Many(many) => many,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> (Docfx, Vec<Diagnostic>) {
        let mut diagnostics = Vec::new();
        let docfx = Docfx::parse(text, Path::new("docfx.json"), &mut diagnostics);
        (docfx, diagnostics)
    }

    #[test]
    fn defaults_without_a_file() {
        let docfx = Docfx::default();
        assert_eq!(docfx.role("a/b.md", true), Role::Page("a/b.md".into()));
        assert_eq!(docfx.role("includes/x.md", true), Role::Other);
        assert_eq!(docfx.role("a/Includes/x.md", true), Role::Other);
        assert_eq!(
            docfx.role("media/x.PNG", false),
            Role::Resource("media/x.PNG".into())
        );
        assert_eq!(docfx.role("samples/x.xml", false), Role::Other);
    }

    #[test]
    fn content_and_resource_groups_with_src_dest_and_excludes() {
        let (docfx, diagnostics) = parse(
            r#"{"build": {
                "content": [
                    {"files": ["**/*.md", "**/**.yml"], "exclude": ["**/includes/**", "README.md"]},
                    {"files": "**/*.md", "src": "./guides/", "dest": "learn"}
                ],
                "resource": [{"files": ["**/*.png"], "exclude": ["private/**"]}],
                "globalMetadata": {"ms.topic": "article", "ROBOTS": "INDEX"},
                "fileMetadata": {"ROBOTS": {"old/**.md": "NOINDEX"}}
            }}"#,
        );
        assert!(diagnostics.is_empty(), "{diagnostics:?}");
        assert_eq!(docfx.role("a.md", true), Role::Page("a.md".into()));
        assert_eq!(
            docfx.role("sub/x.YML", true),
            Role::Page("sub/x.YML".into())
        );
        assert_eq!(docfx.role("README.md", true), Role::Other);
        assert_eq!(
            docfx.role("sub/README.md", true),
            Role::Page("sub/README.md".into())
        );
        assert_eq!(docfx.role("x/includes/i.md", true), Role::Other);
        assert_eq!(
            docfx.role("media/p.png", false),
            Role::Resource("media/p.png".into())
        );
        assert_eq!(docfx.role("private/p.png", false), Role::Other);
        assert_eq!(docfx.role("media/p.svg", false), Role::Other);
        let metadata = docfx.metadata.for_path("old/page.md");
        assert_eq!(metadata["ROBOTS"], "NOINDEX");
        assert_eq!(metadata["ms.topic"], "article");
        assert_eq!(docfx.metadata.for_path("new.md")["ROBOTS"], "INDEX");
    }

    #[test]
    fn a_group_with_src_publishes_under_dest() {
        let (docfx, _) = parse(
            r#"{"build": {"content": [{"files": ["**/*.md"], "src": "guides", "dest": "learn"}]}}"#,
        );
        assert_eq!(
            docfx.role("guides/a/b.md", true),
            Role::Page("learn/a/b.md".into())
        );
        assert_eq!(docfx.role("other/b.md", true), Role::Other);
    }

    #[test]
    fn broken_json_and_globs_are_warnings() {
        let (docfx, diagnostics) = parse("{\"build\": [}");
        assert!(!docfx.found);
        assert_eq!(diagnostics[0].code, Code::DocfxJson);
        assert_eq!(diagnostics[0].line, 1);
        let (_, diagnostics) =
            parse(r#"{"build": {"content": [{"files": ["a/[z.md", "**/*.md"]}]}}"#);
        assert!(
            diagnostics[0].message.contains("a/[z.md"),
            "{diagnostics:?}"
        );
    }
}
