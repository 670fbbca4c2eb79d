//! `dfm.js` in a real browser: builds a page of tab groups, pivot zones and a lightbox image
//! with the default theme (which loads `dfm.css` and `dfm.js`), and runs
//! tests/browser/dfm.mjs (playwright-core driving chromium) over it from `file://`.
//!
//! Without chromium, node or `npm ci` in tests/browser the test says so and passes, unless
//! `DIGLOT_REQUIRE_BROWSER=1` makes that a failure.

mod common;

use std::path::PathBuf;
use std::process::Command;

const PAGE: &str = "---\ntitle: Tabs\n---\n# Tabs\n\n# [Windows](#tab/windows)\n\nWindows one.\n\n# [Linux](#tab/linux)\n\nLinux one.\n\n# [Only with Linux](#tab/extra/linux)\n\nDependent.\n\n---\n\nBetween the groups.\n\n## [Windows](#tab/windows)\n\nWindows two.\n\n## [Linux](#tab/linux)\n\nLinux two.\n\n---\n\n::: zone pivot=\"cli\"\nWith the CLI.\n::: zone-end\n\n::: zone pivot=\"portal\"\nIn the portal.\n::: zone-end\n\n:::image type=\"content\" source=\"media/a.png\" alt-text=\"A picture\" lightbox=\"media/a.png\":::\n";

/// A 1×1 PNG.
const PNG: &[u8] = &[
    0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52, 0, 0, 0,
    1, 0, 0, 0, 1, 8, 6, 0, 0, 0, 0x1f, 0x15, 0xc4, 0x89, 0, 0, 0, 0x0d, 0x49, 0x44, 0x41, 0x54,
    0x78, 0x9c, 0x63, 0xf8, 0xcf, 0xc0, 0xf0, 0x1f, 0, 0x05, 0x00, 0x01, 0xff, 0x89, 0x99, 0x3d,
    0x1d, 0, 0, 0, 0, 0x49, 0x45, 0x4e, 0x44, 0xae, 0x42, 0x60, 0x82,
];

#[test]
fn tabs_pivots_and_the_lightbox_work_in_a_browser() {
    let scripts = common::repo().join("tests/browser");
    let chromium =
        PathBuf::from(std::env::var_os("DIGLOT_CHROMIUM").unwrap_or("/usr/bin/chromium".into()));
    let node = Command::new("node")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success());
    let why = if !chromium.is_file() {
        Some(format!("{} not found", chromium.display()))
    } else if !scripts.join("node_modules/playwright-core").is_dir() {
        Some(format!("run `npm ci` in {}", scripts.display()))
    } else if !node {
        Some("node is not installed".to_string())
    } else {
        None
    };
    if let Some(why) = why {
        let required = std::env::var("DIGLOT_REQUIRE_BROWSER").is_ok_and(|v| v == "1");
        assert!(!required, "DIGLOT_REQUIRE_BROWSER=1 but {why}");
        eprintln!("NOTE: browser test skipped: {why}");
        return;
    }

    let dir = common::project(&[
        ("book.toml", b"[book]\ntitle = \"DFM\"\n"),
        ("content/de-DE/tabs.md", PAGE.as_bytes()),
        ("content/de-DE/media/a.png", PNG),
    ]);
    let (site, run) = common::build_site(dir.path());
    assert!(run.status.success(), "{}", common::stderr(&run));
    let page = site.join("de-DE/tabs.html");
    let screenshots = std::env::var_os("DIGLOT_SCREENSHOTS")
        .map_or_else(|| dir.path().join("screenshots"), PathBuf::from);
    let run = Command::new("node")
        .arg(scripts.join("dfm.mjs"))
        .current_dir(&scripts)
        .env("PAGE", format!("file://{}", page.display()))
        .env("SCREENSHOTS", &screenshots)
        .env("CHROMIUM", &chromium)
        .output()
        .expect("node runs");
    let out = String::from_utf8_lossy(&run.stdout);
    eprintln!("{out}{}", String::from_utf8_lossy(&run.stderr));
    assert!(run.status.success(), "browser steps failed:\n{out}");
    assert!(screenshots.join("dfm-tabs.png").is_file(), "no screenshot");
}
