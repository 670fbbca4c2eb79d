//! The theme: tera templates, static assets and string tables. The default theme is compiled
//! into the binary from `themes/default`; a `theme` folder in book.toml overrides it file by
//! file (`templates/*.html`, `static/*`) and string by string (`i18n/<tag>.toml`, see
//! [`crate::i18n`]). Templates read the page's strings as `t` (`{{ t.previous }}`).

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use crate::code::Code;
use crate::config::{self, Config};
use crate::diagnostic::Diagnostic;
use crate::i18n::Strings;

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
    (
        "report-locale.html",
        include_str!("../themes/default/templates/report-locale.html"),
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
        "report.css",
        include_bytes!("../themes/default/static/report.css"),
    ),
    (
        "report.js",
        include_bytes!("../themes/default/static/report.js"),
    ),
    (
        "search.js",
        include_bytes!("../themes/default/static/search.js"),
    ),
    (
        "search-engine.js",
        include_bytes!("../themes/default/static/search-engine.js"),
    ),
];

/// Compiled templates, the assets to copy into `static/` and the string tables.
pub struct Theme {
    tera: tera::Tera,
    assets: BTreeMap<String, Vec<u8>>,
    strings: Strings,
    /// Each locale's resolved strings, made once and shared by its pages.
    tables: Mutex<HashMap<String, tera::Value>>,
}

impl Theme {
    /// The theme book.toml asks for: its `[build] theme` folder over the built-in theme, and
    /// its `[strings.<tag>]` over both.
    pub fn for_config(config: &Config) -> Result<Theme, Diagnostic> {
        let mut theme = Theme::load(config.theme.as_deref())?;
        theme
            .strings
            .add_overrides(&config.root.join(config::FILE_NAME), &config.strings)?;
        Ok(theme)
    }

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
        let mut strings = Strings::builtin()?;
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
            let folder = dir.join("i18n");
            let mut tables: Vec<(PathBuf, String)> = Vec::new();
            read_folder(&folder, |name, bytes| {
                if name.ends_with(".toml") {
                    let text = String::from_utf8(bytes)
                        .map_err(|_| "string table is not UTF-8".to_string())?;
                    tables.push((folder.join(name), text));
                }
                Ok(())
            })?;
            tables.sort();
            strings.add_theme(&tables)?;
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
        Ok(Theme {
            tera,
            assets,
            strings,
            tables: Mutex::default(),
        })
    }

    /// Renders a template with a context, and the strings of locale `lang` as `t`.
    pub fn render(
        &self,
        template: &str,
        lang: &str,
        context: &tera::Context,
    ) -> Result<String, String> {
        let mut context = context.clone();
        context.insert_value("t", self.table(lang));
        self.tera.render(template, &context).map_err(|e| {
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

    /// The strings of locale `lang`, resolved once per locale (a tera map is shared, not copied).
    fn table(&self, lang: &str) -> tera::Value {
        let mut tables = self.tables.lock().unwrap_or_else(|e| e.into_inner());
        tables
            .entry(lang.to_string())
            .or_insert_with(|| tera::Value::from_serializable(&self.strings.table(lang)))
            .clone()
    }

    /// The string tables, for words the code writes (alert titles).
    pub fn strings(&self) -> &Strings {
        &self.strings
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
        let html = theme.render("page.html", "nl-NL", &ctx).unwrap();
        assert!(html.contains("<html lang=\"nl-NL\" dir=\"ltr\">"));
        assert!(
            html.contains("&lt;script&gt;x&lt;&#x2F;script&gt;")
                || html.contains("&lt;script&gt;x&lt;/script&gt;"),
            "{html}"
        );
        assert!(html.contains("<p>ok</p>"));
    }

    /// An article page's context in `lang`, machine translated and stale.
    fn stale_article(lang: &str, stale: serde_json::Value) -> tera::Context {
        let mut ctx = tera::Context::new();
        ctx.insert(
            "site",
            &serde_json::json!({"title": "S", "source_locale": "en-US"}),
        );
        ctx.insert(
            "page",
            &serde_json::json!({
                "lang": lang, "dir": "ltr", "title": "T", "root": "../", "kind": "article",
                "content": "<p>x</p>", "alternates": [], "headings": [], "breadcrumb": [],
                "machine_translated": true, "stale": stale, "robots": null,
                "english_href": "../en-US/a.html", "locale_name": "Deutsch",
                "updated": {"iso": "2020-04-21", "text": "21. April 2020"}
            }),
        );
        ctx
    }

    #[test]
    fn templates_read_the_locale_strings_as_t() {
        let theme = Theme::load(None).unwrap();
        let stale = serde_json::json!({"changed": 2, "other_commit": true, "freshness": 85});
        let html = theme
            .render("page.html", "de-DE", &stale_article("de-DE", stale))
            .unwrap();
        assert!(
            html.contains("Dieser Artikel wurde maschinell übersetzt."),
            "{html}"
        );
        assert!(
            html.contains("Sie stimmt noch zu 85 % mit dem aktuellen englischen Text überein.")
        );
        assert!(html.contains("Sätze, deren englischer Text sich geändert hat: 2."));
        assert!(html.contains("Zuletzt aktualisiert am 21. April 2020"));
        // Without a freshness figure the banner says nothing of it.
        let stale = serde_json::json!({"changed": 0, "other_commit": false});
        let html = theme
            .render("page.html", "pt-BR", &stale_article("pt-BR", stale))
            .unwrap();
        assert!(
            html.contains("Esta tradução foi feita a partir de um texto em inglês"),
            "{html}"
        );
        assert!(!html.contains("class=\"freshness\""));
        assert!(!html.contains("class=\"changed\""));
    }

    #[test]
    fn book_toml_strings_override_the_theme() {
        let dir = tempfile::tempdir().unwrap();
        let text = "[strings.de]\nmt_notice = \"Maschinell übersetzt.\"\n";
        std::fs::write(dir.path().join("book.toml"), text).unwrap();
        let config = Config::load(dir.path()).unwrap();
        let theme = Theme::for_config(&config).unwrap();
        let stale = serde_json::Value::Null;
        let html = theme
            .render("page.html", "de-DE", &stale_article("de-DE", stale))
            .unwrap();
        assert!(html.contains("<p>Maschinell übersetzt. <a"), "{html}");
        assert_eq!(
            theme.strings().get("de-CH", "mt_notice"),
            "Maschinell übersetzt."
        );
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
        assert_eq!(theme.render("root.html", "en-US", &ctx).unwrap(), "ROOT T");
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
