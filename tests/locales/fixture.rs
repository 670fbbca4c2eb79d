//! A small project in five locales of two scripts directions and three writing systems, shared by
//! tests/locales.rs and tests/browser.rs: Hebrew, Arabic, Chinese, Japanese and German
//! machine-translated sxs articles (two each, so pages have neighbours), an `ms.date`, an alert,
//! a table wider than any screen and an image wider than the article. German alone has a
//! TOC.yml, and its first article was translated from an older English, so it carries the
//! stale banner.

use std::path::PathBuf;

use crate::common::{build_site, project, stderr};

/// The locales of the project.
pub const LOCALES: [&str; 5] = ["ar-SA", "de-DE", "he-IL", "ja-JP", "zh-CN"];

fn pair(id: &str, target: &str, source: &str) -> String {
    format!(
        "<span data-ttu-id=\"{id}\">{target}</span><span class=\"sxs-lookup\"><span data-stu-id=\"{id}\">{source}</span></span>"
    )
}

/// Each locale's words: titles of the two articles, the headings, a sentence, a note.
fn words(locale: &str) -> [&'static str; 5] {
    match locale {
        "ar-SA" => [
            "إعادة تعيين كلمة المرور",
            "تسجيل الدخول",
            "الخطوات",
            "افتح الإعدادات.",
            "احفظ عملك أولاً.",
        ],
        "de-DE" => [
            "Kennwort zurücksetzen",
            "Anmelden",
            "Schritte",
            "Öffnen Sie die Einstellungen.",
            "Speichern Sie zuerst Ihre Arbeit.",
        ],
        "he-IL" => [
            "איפוס סיסמה",
            "כניסה",
            "שלבים",
            "פתח את ההגדרות.",
            "שמור תחילה את העבודה שלך.",
        ],
        "ja-JP" => [
            "パスワードのリセット",
            "サインイン",
            "手順",
            "設定を開きます。",
            "最初に作業内容を保存してください。",
        ],
        "zh-CN" => [
            "重置密码",
            "登录",
            "步骤",
            "打开设置。",
            "请先保存你的工作。",
        ],
        _ => unreachable!("not a fixture locale: {locale}"),
    }
}

/// An sxs article of `locale`: a heading, a sentence, a note, a wide table and a wide image.
fn article(locale: &str, first: bool) -> String {
    let [reset, sign_in, steps, open, save] = words(locale);
    let (title, english_title) = if first {
        (reset, "Reset your password")
    } else {
        (sign_in, "Sign in")
    };
    // German's first article was translated from an older English whose sentence differs.
    let stale = locale == "de-DE" && first;
    let (commit, handoff, english_open) = if stale {
        ("c1", "01/01/2021", "Open the options.")
    } else {
        ("c2", "01/02/2021", "Open the settings.")
    };
    let cells: String = (1..=14).map(|n| format!("| {open} {n} ")).collect();
    let rule: String = (1..=14).map(|_| "| --- ").collect();
    format!(
        "---\ntitle: {title}\nms.date: 04/21/2020\nms.translationtype: MT\nms.sourcegitcommit: {commit}\nms.lasthandoff: {handoff}\nms.contentlocale: {locale}\n---\n# {}\n\n## {}\n\n{}\n\n> [!NOTE]\n> {}\n\n{cells}|\n{rule}|\n{cells}|\n\n![](media/wide.svg)\n\n## {}\n\n{}\n",
        pair("ab12c-101", title, english_title),
        pair("ab12c-102", steps, "Steps"),
        pair("ab12c-103", open, english_open),
        pair("ab12c-104", save, "Save your work first."),
        pair("ab12c-105", steps, "Steps"),
        pair("ab12c-106", open, english_open),
    )
}

const WIDE_SVG: &str = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"2400\" height=\"120\"><rect width=\"2400\" height=\"120\" fill=\"#0a5fb4\"/></svg>\n";

const DE_TOC: &str =
    "- name: Kennwort zurücksetzen\n  href: reset.md\n- name: Anmelden\n  href: sign-in.md\n";

/// Writes the project with `book_extra` appended to its book.toml and `files` added.
pub fn write(book_extra: &str, files: &[(&str, &str)]) -> tempfile::TempDir {
    let mut all: Vec<(String, Vec<u8>)> = vec![(
        "book.toml".to_string(),
        format!("[book]\ntitle = \"Diglot\"\n{book_extra}").into_bytes(),
    )];
    for locale in LOCALES {
        all.push((
            format!("content/{locale}/reset.md"),
            article(locale, true).into_bytes(),
        ));
        all.push((
            format!("content/{locale}/sign-in.md"),
            article(locale, false).into_bytes(),
        ));
        all.push((
            format!("content/{locale}/media/wide.svg"),
            WIDE_SVG.as_bytes().to_vec(),
        ));
    }
    all.push((
        "content/de-DE/TOC.yml".to_string(),
        DE_TOC.as_bytes().to_vec(),
    ));
    for (path, text) in files {
        all.push((path.to_string(), text.as_bytes().to_vec()));
    }
    let all: Vec<(&str, &[u8])> = all
        .iter()
        .map(|(p, b)| (p.as_str(), b.as_slice()))
        .collect();
    project(&all)
}

/// Builds the project into a new temp dir; returns it (keep it alive) and the site in it.
pub fn build() -> (tempfile::TempDir, PathBuf) {
    let dir = write("", &[]);
    let (site, run) = build_site(dir.path());
    assert!(run.status.success(), "build failed: {}", stderr(&run));
    (dir, site)
}
