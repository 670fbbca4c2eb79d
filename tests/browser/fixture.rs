//! A small bilingual project shared by tests/site.rs and tests/browser.rs: a Dutch article
//! with a TOC.yml, its Arabic (right-to-left) translation made from an older English, and a
//! Dutch-only NOINDEX page.

use std::path::PathBuf;

use crate::common::{build_site, project, stderr};

fn pair(id: &str, target: &str, source: &str) -> String {
    format!(
        "<span data-ttu-id=\"{id}\">{target}</span><span class=\"sxs-lookup\"><span data-stu-id=\"{id}\">{source}</span></span>"
    )
}

/// An sxs article: a heading and two sentences, translated from commit `commit`.
fn article(locale: &str, commit: &str, title: &str, sentences: [(&str, &str); 3]) -> String {
    let [heading, first, second] = sentences;
    format!(
        "---\ntitle: {title}\nms.sourcegitcommit: {commit}\nms.lasthandoff: 01/0{n}/2021\nms.contentlocale: {locale}\n---\n# <a name=\"reset\"></a>{}\n\n{}\n\n- {}\n",
        pair("ab12c-101", heading.0, heading.1),
        pair("ab12c-102", first.0, first.1),
        pair("ab12c-103", second.0, second.1),
        n = if locale == "nl-NL" { 2 } else { 1 },
    )
}

const TOC: &str = "- name: <span data-ttu-id=\"t-1\">Beginnen</span><span class=\"sxs-lookup\"><span data-stu-id=\"t-1\">Start</span></span>\n  href: index.md\n  items:\n  - name: Wachtwoord opnieuw instellen\n    href: reset.md\n  - name: Ontbreekt\n    href: missing.md\n  - name: Op internet\n    href: https://example.test/\n";

/// Builds the project into a new temp dir; returns it (keep it alive) and the site in it.
pub fn build(site_url: Option<&str>) -> (tempfile::TempDir, PathBuf) {
    let dir = write(site_url);
    let (site, run) = build_site(dir.path());
    assert!(run.status.success(), "build failed: {}", stderr(&run));
    (dir, site)
}

/// The project: Dutch (with a TOC.yml) and Arabic, the Arabic article translated from an older
/// English whose second sentence differs.
fn write(site_url: Option<&str>) -> tempfile::TempDir {
    let nl = article(
        "nl-NL",
        "c2",
        "Wachtwoord opnieuw instellen",
        [
            ("Wachtwoord opnieuw instellen", "Reset your password"),
            ("Open **Instellingen**.", "Open **Settings**."),
            (
                "Kies [Beveiliging](other.md).",
                "Choose [Security](other.md).",
            ),
        ],
    );
    let ar = article(
        "ar-SA",
        "c1",
        "إعادة تعيين كلمة المرور",
        [
            ("إعادة تعيين كلمة المرور", "Reset your password"),
            ("افتح **الإعدادات**.", "Open **Options**."),
            ("اختر [الأمان](other.md).", "Choose [Security](other.md)."),
        ],
    );
    let other = |locale: &str, title: &str| {
        format!(
            "---\ntitle: {title}\nROBOTS: NOINDEX\nms.contentlocale: {locale}\n---\n# {title}\n\nTekst.\n"
        )
    };
    let index = "---\ntitle: Start\n---\n# Start\n\nWelkom.\n";
    let mut book = "[book]\ntitle = \"Help\"\nsource-locale = \"en-US\"\n[build]\n".to_string();
    if let Some(url) = site_url {
        book.push_str(&format!("site-url = \"{url}\"\n"));
    }
    let files: Vec<(&str, Vec<u8>)> = vec![
        ("book.toml", book.into_bytes()),
        ("content/nl-NL/reset.md", nl.into_bytes()),
        (
            "content/nl-NL/other.md",
            other("nl-NL", "Andere").into_bytes(),
        ),
        ("content/nl-NL/index.md", index.as_bytes().to_vec()),
        ("content/nl-NL/TOC.yml", TOC.as_bytes().to_vec()),
        ("content/ar-SA/reset.md", ar.into_bytes()),
    ];
    let files: Vec<(&str, &[u8])> = files.iter().map(|(p, b)| (*p, b.as_slice())).collect();
    project(&files)
}
