//! The exchange formats of the alignment against their standards: XLIFF 2.0 output validated
//! with `xmllint` against the OASIS XLIFF 2.0 core schema vendored in `tests/schemas/`, TMX
//! output checked well-formed. Needs `xmllint` (Debian: libxml2-utils); without it the checks
//! that need it say so and pass.

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;

use diglot::align::{
    AlignedSegment, Alignment, ArticleAlignment, LocaleAlignment, Status, Verdict, align_article,
};
use diglot::parse::{Format, parse_document};
use diglot::report::{tmx, xliff};

fn pair(prefix: &str, id: &str, target: &str, source: &str) -> String {
    common::sxs_segment(&format!("{prefix}-{id}"), target, source)
}

/// An article aligned from parsed documents, and a hand-made one with every status, tricky
/// characters and odd ids.
fn alignment() -> Alignment {
    let document = |locale: &str, body: &str| {
        let text = format!(
            "---\ntitle: t\nms.sourcegitcommit: c1\nms.lasthandoff: 01/01/2021\n---\n{body}\n"
        );
        parse_document(locale, "a.md", Path::new(&format!("{locale}/a.md")), &text).0
    };
    let ar = document(
        "ar-SA",
        &format!(
            "{} {}",
            pair(
                "a",
                "104",
                "سجّل الدخول إلى **المدخل**.",
                "Sign in to the portal."
            ),
            pair("a", "105", "افتح صفحة الإعدادات.", "Open the settings page.")
        ),
    );
    let ja = document(
        "ja-JP",
        &pair(
            "b",
            "104",
            "ポータルにサインインします。",
            "Sign in to the portal.",
        ),
    );
    let parsed = align_article(
        &diglot::book::Article::new("reactivate-your-subscription.md", vec![ar, ja], None),
        &[],
    );

    let segment = |id: &str, source: &str, target: &str, status: Status| AlignedSegment {
        id: id.into(),
        source: source.into(),
        target: target.into(),
        status,
        line: 1,
        merged_into: (status == Status::Merged).then(|| "p101".to_string()),
        source_line: None,
        confidence: None,
    };
    let segments = vec![
        segment("p101", "Open it.\nSelect it.", "افتحه.\nاختره.", Status::Ok),
        segment(
            "102",
            "Use <b> & \"q\" 'a'\u{1}\u{FFFE}",
            "<b> & \"q\"\r\n",
            Status::Ok,
        ),
        segment(
            "103",
            "Sign in to the portal.",
            "Sign in to the portal.",
            Status::Untranslated,
        ),
        segment("104", "Open settings.", "", Status::Missing),
        segment("105", "Select it.", "", Status::Merged),
        segment("106", "Extra.", "نص إضافي.", Status::Extra),
        segment("107", "Old English.", "قديم.", Status::Drift),
        segment("108", "", "فارغ.", Status::Empty),
        segment("108", "Same id twice.", "مرتين.", Status::Ok),
        segment("weird id/<&>", "Odd.", "غريب.", Status::Ok),
    ];
    let by_hand = ArticleAlignment {
        article: "dir/a&b \"c\".md".into(),
        english_from: Some("ar-SA".into()),
        mixed_commits: false,
        locales: vec![LocaleAlignment {
            locale: "ar-SA".into(),
            file: "ar-SA/dir/a&b \"c\".md".into(),
            format: Format::Sxs,
            source_commit: Some("c1".into()),
            translation_type: None,
            verdict: Verdict::Incomplete,
            english_sibling: None,
            freshness: None,
            counts: Default::default(),
            segments,
        }],
    };
    Alignment {
        version: diglot::align::VERSION,
        source_locale: "en-US".into(),
        articles: vec![parsed, by_hand],
    }
}

fn xmllint() -> bool {
    let found = Command::new("xmllint").arg("--version").output().is_ok();
    if !found {
        eprintln!(
            "NOTE: xmllint is not installed (apt-get install -y libxml2-utils): schema check skipped"
        );
    }
    found
}

fn schema() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/schemas/xliff_core_2.0.xsd")
}

/// Runs xmllint (never on the network) on `xml`; `Ok` or its complaint.
fn lint(xml: &str, args: &[&str]) -> Result<(), String> {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("doc.xml");
    std::fs::write(&file, xml).unwrap();
    let run = Command::new("xmllint")
        .args(["--nonet", "--noout"])
        .args(args)
        .arg(&file)
        .output()
        .unwrap();
    match run.status.success() {
        true => Ok(()),
        false => Err(String::from_utf8_lossy(&run.stderr).into_owned()),
    }
}

#[test]
fn xliff_is_valid_against_the_xliff_2_core_schema() {
    let alignment = alignment();
    let xml = xliff::to_xliff(&alignment, "ar-SA");
    assert_eq!(xml.matches("<file ").count(), 2, "{xml}");
    if !xmllint() {
        return;
    }
    let schema = schema().display().to_string();
    lint(&xml, &["--schema", &schema]).unwrap_or_else(|e| panic!("{e}\n{xml}"));
    let japanese = xliff::to_xliff(&alignment, "ja-JP");
    lint(&japanese, &["--schema", &schema]).unwrap_or_else(|e| panic!("{e}\n{japanese}"));

    // The schema really is enforced: notes after the segment, or a unit id that is not an
    // NMTOKEN, are rejected.
    let notes_last = xml.replacen(
        "      <notes>\n        <note category=\"diglot-status\">untranslated</note>\n      </notes>\n      <segment state=\"initial\">\n        <source>Sign in to the portal.</source>",
        "      <segment state=\"initial\">\n        <source>Sign in to the portal.</source>",
        1,
    );
    assert_ne!(notes_last, xml);
    let notes_last = notes_last.replacen(
        "      </segment>\n    </unit>",
        "      </segment>\n      <notes><note>late</note></notes>\n    </unit>",
        1,
    );
    let complaint = lint(&notes_last, &["--schema", &schema]).unwrap_err();
    assert!(
        complaint.contains("notes': This element is not expected"),
        "{complaint}"
    );
    let bad_id = xml.replacen("<unit id=\"u104\">", "<unit id=\"u 104\">", 1);
    assert_ne!(bad_id, xml);
    let complaint = lint(&bad_id, &["--schema", &schema]).unwrap_err();
    assert!(complaint.contains("xs:NMTOKEN"), "{complaint}");
}

#[test]
fn xliff_reads_back_what_was_written() {
    let alignment = alignment();
    let units = xliff::from_xliff(&xliff::to_xliff(&alignment, "ar-SA")).unwrap();
    let written: Vec<(&str, &AlignedSegment)> = alignment
        .articles
        .iter()
        .flat_map(|a| {
            let locale = a.locales.iter().find(|l| l.locale == "ar-SA").unwrap();
            locale.segments.iter().map(|s| (a.article.as_str(), s))
        })
        .collect();
    assert_eq!(units.len(), written.len());
    for (unit, (article, s)) in units.iter().zip(&written) {
        // Characters XML cannot carry travel as <cp> and come back.
        let clean = |t: &str| t.to_string();
        assert_eq!(unit.file, *article);
        assert_eq!(unit.id, s.id);
        assert_eq!(unit.source, clean(&s.source));
        let target = if s.status == Status::Merged {
            ""
        } else {
            &s.target
        };
        assert_eq!(unit.target, clean(target));
        assert_eq!(unit.status.as_deref(), Some(s.status.as_str()));
        assert_eq!(unit.merged_into, s.merged_into);
        let state = if s.status == Status::Ok {
            "translated"
        } else {
            "initial"
        };
        assert_eq!(unit.state, state, "{}", s.id);
    }
}

#[test]
fn tmx_is_well_formed_and_holds_the_ok_pairs() {
    let alignment = alignment();
    let xml = tmx::to_tmx(&alignment);
    let tus = tmx::from_tmx(&xml).unwrap();
    let ids: Vec<&str> = tus.iter().map(|t| t.tuid.as_str()).collect();
    assert_eq!(
        ids,
        [
            "reactivate-your-subscription.md#104",
            "dir/a&b \"c\".md#p101",
            "dir/a&b \"c\".md#102",
            "dir/a&b \"c\".md#108",
            "dir/a&b \"c\".md#weird id/<&>",
        ]
    );
    assert_eq!(tus[0].variants.len(), 3, "{:?}", tus[0]);
    if xmllint() {
        lint(&xml, &[]).unwrap_or_else(|e| panic!("{e}\n{xml}"));
    }
}
