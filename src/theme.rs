//! The theme: tera templates and static assets. The default theme is compiled into the binary
//! from `themes/default`; a `theme` folder in book.toml overrides it file by file
//! (`templates/*.html`, `static/*`).

use std::collections::BTreeMap;
use std::path::Path;

use crate::code::Code;
use crate::diagnostic::Diagnostic;

const DEFAULT_TEMPLATES: &[(&str, &str)] = &[
    (
        "base.html",
        include_str!("../themes/default/templates/base.html"),
    ),
    (
        "page.html",
        include_str!("../themes/default/templates/page.html"),
    ),
    (
        "index.html",
        include_str!("../themes/default/templates/index.html"),
    ),
    (
        "root.html",
        include_str!("../themes/default/templates/root.html"),
    ),
    (
        "404.html",
        include_str!("../themes/default/templates/404.html"),
    ),
    (
        "report.html",
        include_str!("../themes/default/templates/report.html"),
    ),
    (
        "report-article.html",
        include_str!("../themes/default/templates/report-article.html"),
    ),
];

const DEFAULT_ASSETS: &[(&str, &[u8])] = &[
    (
        "diglot.css",
        include_bytes!("../themes/default/static/diglot.css"),
    ),
    (
        "diglot.js",
        include_bytes!("../themes/default/static/diglot.js"),
    ),
    (
        "dfm.css",
        include_bytes!("../themes/default/static/dfm.css"),
    ),
    ("dfm.js", include_bytes!("../themes/default/static/dfm.js")),
    (
        "print.css",
        include_bytes!("../themes/default/static/print.css"),
    ),
    (
        "search.js",
        include_bytes!("../themes/default/static/search.js"),
    ),
];

/// Compiled templates and the assets to copy into `static/`.
pub struct Theme {
    tera: tera::Tera,
    assets: BTreeMap<String, Vec<u8>>,
}

impl Theme {
    /// The built-in theme, overridden by the files of `dir` when given.
    pub fn load(dir: Option<&Path>) -> Result<Theme, Diagnostic> {
        let mut templates: BTreeMap<String, String> = DEFAULT_TEMPLATES
            .iter()
            .map(|(name, text)| (name.to_string(), text.to_string()))
            .collect();
        let mut assets: BTreeMap<String, Vec<u8>> = DEFAULT_ASSETS
            .iter()
            .map(|(name, bytes)| (name.to_string(), bytes.to_vec()))
            .collect();
        if let Some(dir) = dir {
            if !dir.is_dir() {
                return Err(Diagnostic::error(
                    Code::Theme,
                    dir,
                    (0, 0),
                    "theme folder does not exist",
                ));
            }
            read_folder(&dir.join("templates"), |name, bytes| {
                let text =
                    String::from_utf8(bytes).map_err(|_| "template is not UTF-8".to_string())?;
                templates.insert(name, text);
                Ok(())
            })?;
            read_folder(&dir.join("static"), |name, bytes| {
                assets.insert(name, bytes);
                Ok(())
            })?;
        }
        let mut tera = tera::Tera::new();
        tera.add_raw_templates(templates.iter().map(|(n, t)| (n.as_str(), t.as_str())))
            .map_err(|e| {
                Diagnostic::error(
                    Code::Theme,
                    dir.unwrap_or(Path::new("themes/default")),
                    (0, 0),
                    format!("template error: {e}"),
                )
            })?;
        Ok(Theme { tera, assets })
    }

    /// Renders a template with a context.
    pub fn render(&self, template: &str, context: &tera::Context) -> Result<String, String> {
        self.tera.render(template, context).map_err(|e| {
            let mut message = e.to_string();
            let mut source = std::error::Error::source(&e);
            while let Some(cause) = source {
                message.push_str(": ");
                message.push_str(&cause.to_string());
                source = cause.source();
            }
            message
        })
    }

    /// The static assets, by file name.
    pub fn assets(&self) -> impl Iterator<Item = (&str, &[u8])> {
        self.assets.iter().map(|(n, b)| (n.as_str(), b.as_slice()))
    }
}

/// Calls `add` with the name and bytes of each file directly in `dir` (if it exists).
fn read_folder(
    dir: &Path,
    mut add: impl FnMut(String, Vec<u8>) -> Result<(), String>,
) -> Result<(), Diagnostic> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Ok(());
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if !path.is_file() {
            continue;
        }
        let name = entry.file_name().to_string_lossy().into_owned();
        let bytes = std::fs::read(&path).map_err(|e| {
            Diagnostic::error(Code::Theme, &path, (0, 0), format!("cannot read: {e}"))
        })?;
        add(name, bytes).map_err(|m| Diagnostic::error(Code::Theme, &path, (0, 0), m))?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn default_theme_compiles_and_escapes() {
        let theme = Theme::load(None).unwrap();
        let mut ctx = tera::Context::new();
        ctx.insert(
            "site",
            &serde_json::json!({"title": "<b>S</b>", "description": null}),
        );
        ctx.insert(
            "page",
            &serde_json::json!({
                "lang": "nl-NL", "dir": "ltr", "title": "<script>x</script>", "root": "../",
                "kind": "article", "content": "<p>ok</p>", "alternates": [], "headings": [],
                "breadcrumb": [], "machine_translated": false, "robots": null,
                "english_href": null, "locale_name": "Nederlands"
            }),
        );
        let html = theme.render("page.html", &ctx).unwrap();
        assert!(html.contains("<html lang=\"nl-NL\" dir=\"ltr\">"));
        assert!(
            html.contains("&lt;script&gt;x&lt;&#x2F;script&gt;")
                || html.contains("&lt;script&gt;x&lt;/script&gt;"),
            "{html}"
        );
        assert!(html.contains("<p>ok</p>"));
    }

    #[test]
    fn a_theme_folder_overrides_templates() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join("templates")).unwrap();
        std::fs::write(
            dir.path().join("templates/root.html"),
            "ROOT {{ site.title }}",
        )
        .unwrap();
        let theme = Theme::load(Some(dir.path())).unwrap();
        let mut ctx = tera::Context::new();
        ctx.insert("site", &serde_json::json!({"title": "T"}));
        assert_eq!(theme.render("root.html", &ctx).unwrap(), "ROOT T");
    }

    #[test]
    fn a_broken_template_is_a_diagnostic() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join("templates")).unwrap();
        std::fs::write(dir.path().join("templates/root.html"), "{% if %}").unwrap();
        let err = Theme::load(Some(dir.path())).err().unwrap();
        assert_eq!(err.code, "theme");
    }
}
