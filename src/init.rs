//! `diglot init`: a `book.toml` for repositories that exist, or a small example to start from.
//!
//! With folders (`--source DIR`, `--locale [TAG=]DIR`), each folder is looked at: its locale
//! comes from the tag given or from the `ms.contentlocale` most of its articles name, whether it
//! is side-by-side (sxs) or plain from its spans, and whether a `docfx.json` decides its pages.
//! In an empty folder, `init` writes an English source and a German translation that build.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use walkdir::WalkDir;

use crate::code::Code;
use crate::config::FILE_NAME;
use crate::diagnostic::Diagnostic;
use crate::parse::{self, Format};

/// What was found in one folder.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Detected {
    pub tag: String,
    pub folder: PathBuf,
    /// Markdown articles found.
    pub articles: usize,
    /// Side-by-side when any article carries its English in spans.
    pub format: Format,
    pub docfx: bool,
}

/// Looks at `folder`; `tag` when the user gave one, else the locale its articles name.
pub fn detect(folder: &Path, tag: Option<&str>) -> Result<Detected, Diagnostic> {
    if !folder.is_dir() {
        return Err(error(folder, "is not a folder"));
    }
    let mut locales: BTreeMap<String, usize> = BTreeMap::new();
    let mut articles = 0;
    let mut format = Format::Plain;
    let markdown = WalkDir::new(folder)
        .into_iter()
        .filter_entry(|e| {
            e.depth() == 0 || !crate::load::is_skipped(&e.file_name().to_string_lossy())
        })
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file() && e.path().extension().is_some_and(|x| x == "md"));
    for entry in markdown {
        let Ok(text) = std::fs::read_to_string(entry.path()) else {
            continue;
        };
        articles += 1;
        let (document, _) = parse::parse_document("und", "a.md", entry.path(), &text);
        if document.format == Format::Sxs {
            format = Format::Sxs;
        }
        if let Some(locale) = document
            .front
            .content_locale
            .filter(|l| crate::locale::is_tag(l))
        {
            *locales.entry(locale).or_default() += 1;
        }
    }
    let tag = match tag {
        Some(tag) if crate::locale::is_tag(tag) => tag.to_string(),
        Some(tag) => return Err(error(folder, &format!("`{tag}` is not a locale tag such as `de-DE`"))),
        None => locales
            .into_iter()
            .max_by_key(|(_, n)| *n)
            .map(|(tag, _)| tag)
            .ok_or_else(|| {
                error(
                    folder,
                    "no article names its locale (`ms.contentlocale`): give it as `--locale TAG=DIR`",
                )
            })?,
    };
    Ok(Detected {
        tag,
        folder: folder.to_path_buf(),
        articles,
        format,
        docfx: folder.join("docfx.json").is_file(),
    })
}

fn error(folder: &Path, message: &str) -> Diagnostic {
    Diagnostic::error(
        Code::Config,
        folder,
        (0, 0),
        format!("{}: {message}", folder.display()),
    )
}

/// The `book.toml` text for a project in `root` over these folders: the source first when
/// there is one. Paths are written relative to `root` when they can be.
pub fn book_toml(
    root: &Path,
    title: &str,
    source: Option<&Detected>,
    locales: &[Detected],
) -> String {
    let mut out =
        String::from("# Written by `diglot init`. Every key is described in the README.\n");
    out.push_str(&format!("[book]\ntitle = {}\n", quote(title)));
    if let Some(source) = source {
        out.push_str(&format!("source-locale = {}\n", quote(&source.tag)));
    }
    for detected in source.into_iter().chain(locales) {
        let what = match (source.is_some_and(|s| s == detected), detected.format) {
            (true, _) => "the English source of record",
            (false, Format::Sxs) => "side by side (sxs): every segment carries its English",
            (false, Format::Plain) => "plain translation",
        };
        let docfx = if detected.docfx {
            "; its docfx.json decides what is a page"
        } else {
            ""
        };
        out.push_str(&format!(
            "\n# {} articles, {what}{docfx}\n[locale.{}]\nsrc = {}\n",
            detected.articles,
            detected.tag,
            quote(&relative_to(root, &detected.folder))
        ));
    }
    out
}

/// `path` relative to `root` (`../other-repo`) when the two share a folder below the file
/// system's root, else absolute.
fn relative_to(root: &Path, path: &Path) -> String {
    let absolute = |p: &Path| {
        crate::load::normalize(&std::path::absolute(p).unwrap_or_else(|_| p.to_path_buf()))
    };
    let (root, path) = (absolute(root), absolute(path));
    let ours: Vec<_> = root.components().collect();
    let theirs: Vec<_> = path.components().collect();
    let common = ours.iter().zip(&theirs).take_while(|(a, b)| a == b).count();
    if common < 2 {
        return slashed(&path);
    }
    let mut relative = std::path::PathBuf::new();
    for _ in common..ours.len() {
        relative.push("..");
    }
    relative.extend(&theirs[common..]);
    slashed(&relative)
}

fn slashed(path: &Path) -> String {
    path.to_string_lossy().replace('\\', "/")
}

/// A TOML basic string.
fn quote(text: &str) -> String {
    format!("\"{}\"", text.replace('\\', "\\\\").replace('"', "\\\""))
}

/// The files of the example project, relative to its root.
pub const EXAMPLE: &[(&str, &str)] = &[
    (
        "book.toml",
        "# Written by `diglot init`. Every key is described in the README.\n[book]\ntitle = \"Example docs\"\nsource-locale = \"en-US\"\n",
    ),
    (
        "content/en-US/TOC.md",
        "# [Welcome](index.md)\n# Getting started\n## [Install the tool](install.md)\n",
    ),
    (
        "content/en-US/index.md",
        "---\ntitle: Welcome\nms.date: 01/15/2025\n---\n# Welcome\n\nThis example has an English source and a German translation. Edit any file and run `diglot build`.\n\n> [!TIP]\n> Start with [Install the tool](install.md).\n",
    ),
    (
        "content/en-US/install.md",
        "---\ntitle: Install the tool\nms.date: 01/15/2025\n---\n# Install the tool\n\n1. Download the installer.\n1. Run `setup --quiet`.\n1. Open **Settings** and check the version.\n",
    ),
    (
        "content/de-DE/TOC.md",
        "# [Willkommen](index.md)\n# Erste Schritte\n## [Das Tool installieren](install.md)\n",
    ),
    (
        "content/de-DE/index.md",
        "---\ntitle: Willkommen\nms.contentlocale: de-DE\nms.translationtype: HT\n---\n# Willkommen\n\nDieses Beispiel hat eine englische Quelle und eine deutsche Übersetzung. Bearbeiten Sie eine Datei und führen Sie `diglot build` aus.\n\n> [!TIP]\n> Beginnen Sie mit [Das Tool installieren](install.md).\n",
    ),
    (
        "content/de-DE/install.md",
        "---\ntitle: Das Tool installieren\nms.contentlocale: de-DE\nms.translationtype: MT\n---\n# <span data-ttu-id=\"a1-101\">Das Tool installieren</span><span class=\"sxs-lookup\"><span data-stu-id=\"a1-101\">Install the tool</span></span>\n\n1. <span data-ttu-id=\"a1-102\">Laden Sie das Installationsprogramm herunter.</span><span class=\"sxs-lookup\"><span data-stu-id=\"a1-102\">Download the installer.</span></span>\n1. <span data-ttu-id=\"a1-103\">Führen Sie `setup --quiet` aus.</span><span class=\"sxs-lookup\"><span data-stu-id=\"a1-103\">Run `setup --quiet`.</span></span>\n1. <span data-ttu-id=\"a1-104\">Öffnen Sie **Einstellungen**, und prüfen Sie die Version.</span><span class=\"sxs-lookup\"><span data-stu-id=\"a1-104\">Open **Settings** and check the version.</span></span>\n",
    ),
];

/// Writes the example project into `root`; never over a file that exists.
pub fn scaffold(root: &Path) -> Result<Vec<PathBuf>, Diagnostic> {
    if let Some((existing, _)) = EXAMPLE.iter().find(|(p, _)| root.join(p).exists()) {
        return Err(error(
            &root.join(existing),
            "exists already: `diglot init` makes an example only in an empty project",
        ));
    }
    let mut written = Vec::new();
    for (path, text) in EXAMPLE {
        let file = root.join(path);
        let result = file
            .parent()
            .map_or(Ok(()), std::fs::create_dir_all)
            .and_then(|()| std::fs::write(&file, text));
        result.map_err(|e| error(&file, &format!("cannot write: {e}")))?;
        written.push(file);
    }
    Ok(written)
}

/// Writes `text` as `<root>/book.toml`, unless one exists and `force` is not given.
pub fn write_book_toml(root: &Path, text: &str, force: bool) -> Result<PathBuf, Diagnostic> {
    let file = root.join(FILE_NAME);
    if file.exists() && !force {
        return Err(error(&file, "exists already: give --force to replace it"));
    }
    std::fs::create_dir_all(root).map_err(|e| error(root, &format!("cannot create: {e}")))?;
    std::fs::write(&file, text).map_err(|e| error(&file, &format!("cannot write: {e}")))?;
    Ok(file)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn folder(files: &[(&str, &str)]) -> tempfile::TempDir {
        let dir = tempfile::tempdir().unwrap();
        for (path, text) in files {
            let file = dir.path().join(path);
            std::fs::create_dir_all(file.parent().unwrap()).unwrap();
            std::fs::write(file, text).unwrap();
        }
        dir
    }

    #[test]
    fn detects_the_locale_the_format_and_docfx() {
        let dir = folder(&[
            (
                "a.md",
                "---\nms.contentlocale: ja-JP\n---\n# <span data-ttu-id=\"a-1\">見出し</span><span class=\"sxs-lookup\"><span data-stu-id=\"a-1\">Heading</span></span>\n",
            ),
            ("b.md", "---\nms.contentlocale: ja-JP\n---\n# 見出し\n"),
            ("docfx.json", "{}"),
        ]);
        let found = detect(dir.path(), None).unwrap();
        assert_eq!(found.tag, "ja-JP");
        assert_eq!(found.format, Format::Sxs);
        assert_eq!(found.articles, 2);
        assert!(found.docfx);
        let plain = folder(&[("a.md", "# Kop\n")]);
        let err = detect(plain.path(), None).unwrap_err();
        assert!(err.message.contains("--locale TAG=DIR"), "{}", err.message);
        let given = detect(plain.path(), Some("nl-NL")).unwrap();
        assert_eq!((given.tag.as_str(), given.format), ("nl-NL", Format::Plain));
    }

    #[test]
    fn book_toml_names_relative_folders_and_reads_back() {
        let root = Path::new("/work/docs");
        let source = Detected {
            tag: "en-US".into(),
            folder: "/work/docs/en".into(),
            articles: 3,
            format: Format::Plain,
            docfx: true,
        };
        let de = Detected {
            tag: "de-DE".into(),
            folder: "/work/Docs.de-DE".into(),
            articles: 2,
            format: Format::Sxs,
            docfx: false,
        };
        let text = book_toml(root, "My \"docs\"", Some(&source), &[de]);
        let config = crate::config::Config::parse(root, &root.join("book.toml"), &text).unwrap();
        assert_eq!(config.source_locale, "en-US");
        assert_eq!(config.title, "My \"docs\"");
        assert_eq!(
            config.locales["en-US"].src.as_deref(),
            Some(Path::new("/work/docs/en"))
        );
        assert!(text.contains("src = \"../Docs.de-DE\""), "{text}");
        assert!(text.contains("side by side (sxs)"), "{text}");
    }
}
