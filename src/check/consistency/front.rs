//! Front matter and ids: `ms.contentlocale` names the folder's locale, a title is present, no
//! `data-ttu-id` is used twice in a file, and no two articles share an `ms.assetid`: an id the
//! English articles already share is reported once, against the English, and a locale only for
//! the ids it shares on its own. Findings sit on the key's line when the front matter has it.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use crate::code::Code;
use crate::diagnostic::Diagnostic;
use crate::parse::{Document, SegmentId};

/// The rules about one document alone.
pub fn check(document: &Document) -> Vec<Diagnostic> {
    let front = &document.front;
    let line_of = |key: &str| (front.lines.get(key).copied().unwrap_or(1), 1);
    let report = |at: (usize, usize), message: String| {
        super::finding(Code::FrontMatter, &document.file, at, message)
            .in_article(&document.locale, &document.path)
    };
    let mut findings = Vec::new();
    if let Some(declared) = &front.content_locale
        && !declared.trim().eq_ignore_ascii_case(&document.locale)
    {
        findings.push(report(
            line_of("ms.contentlocale"),
            format!(
                "`ms.contentlocale: {declared}` in the folder of locale {}",
                document.locale
            ),
        ));
    }
    // Front matter that could not be read as YAML was reported when it was parsed.
    let readable = !front.lines.is_empty();
    if readable && front.title.as_deref().is_none_or(|t| t.trim().is_empty()) {
        findings.push(report(
            line_of("title"),
            "no `title` in the front matter".into(),
        ));
    }
    let mut first_use: HashMap<&SegmentId, (usize, usize)> = HashMap::new();
    for segment in &document.segments {
        let at = (segment.line, segment.column);
        match first_use.get(&segment.id) {
            Some(&first) => findings.push(
                report(
                    at,
                    format!("segment id `{}` is used twice in this file", segment.id),
                )
                .with_related(&document.file, first, "first used here"),
            ),
            None => {
                first_use.insert(&segment.id, at);
            }
        }
    }
    findings
}

/// The `ms.assetid` of a document, in lower case, when it has one.
fn asset_id(document: &Document) -> Option<String> {
    let id = match document.front.extra.get("ms.assetid")? {
        serde_json::Value::String(s) => s.trim().to_ascii_lowercase(),
        serde_json::Value::Null => return None,
        other => other.to_string(),
    };
    (!id.is_empty()).then_some(id)
}

/// Articles that share an `ms.assetid`: one finding per id, on the second article, pointing at
/// the others. First among the English documents (`english`, one per article, reported under
/// `source_locale`), then among each locale's `translations`, leaving out the ids the English
/// already shares: a translator cannot act on those.
pub fn duplicate_asset_ids<'a>(
    english: impl Iterator<Item = &'a Document>,
    translations: impl Iterator<Item = &'a Document>,
    source_locale: &str,
) -> Vec<Diagnostic> {
    let mut english_ids: BTreeMap<String, Vec<&Document>> = BTreeMap::new();
    for document in english {
        if let Some(id) = asset_id(document) {
            english_ids.entry(id).or_default().push(document);
        }
    }
    let mut findings = Vec::new();
    let mut shared_in_english = BTreeSet::new();
    for (id, documents) in english_ids {
        if let Some(finding) = shared(&id, documents, Some(source_locale)) {
            findings.push(finding);
            shared_in_english.insert(id);
        }
    }
    let mut by_id: BTreeMap<(&str, String), Vec<&Document>> = BTreeMap::new();
    for document in translations {
        if let Some(id) = asset_id(document).filter(|id| !shared_in_english.contains(id)) {
            by_id
                .entry((&document.locale, id))
                .or_default()
                .push(document);
        }
    }
    findings.extend(
        by_id
            .into_iter()
            .filter_map(|((_, id), documents)| shared(&id, documents, None)),
    );
    findings
}

/// The finding for articles sharing `id`, when there are two or more, under `locale` or under
/// the documents' own locale.
fn shared(id: &str, mut documents: Vec<&Document>, locale: Option<&str>) -> Option<Diagnostic> {
    documents.sort_by(|a, b| a.path.cmp(&b.path));
    let [first, second, ..] = documents[..] else {
        return None;
    };
    let at = |d: &Document| (d.front.lines.get("ms.assetid").copied().unwrap_or(1), 1);
    let others = match documents.len() {
        2 => String::new(),
        n => format!(" and {} more", n - 2),
    };
    let whose = if locale.is_some() { "English " } else { "" };
    let mut finding = super::finding(
        Code::FrontMatter,
        &second.file,
        at(second),
        format!(
            "`ms.assetid: {id}` is also the id of the {whose}article {}{others}",
            first.path
        ),
    )
    .in_article(locale.unwrap_or(&second.locale), &second.path);
    for other in documents.iter().filter(|d| !std::ptr::eq(**d, second)) {
        finding = finding.with_related(&other.file, at(other), "the same ms.assetid");
    }
    Some(finding)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parse::parse_document;
    use std::path::Path;

    fn document(path: &str, text: &str) -> Document {
        parse_document("nl-NL", path, Path::new(path), text).0
    }

    #[test]
    fn locale_title_and_ids() {
        let span = "<span data-ttu-id=\"a-101\">x</span><span class=\"sxs-lookup\"><span data-stu-id=\"a-101\">y</span></span>";
        let d = document(
            "a.md",
            &format!("---\nms.date: x\nms.contentlocale: de-DE\n---\n{span}\n\n{span}\n"),
        );
        let found: Vec<(usize, String)> =
            check(&d).into_iter().map(|d| (d.line, d.message)).collect();
        assert_eq!(found.len(), 3, "{found:?}");
        assert_eq!(
            found[0],
            (
                3,
                "`ms.contentlocale: de-DE` in the folder of locale nl-NL".into()
            )
        );
        assert_eq!(found[1], (1, "no `title` in the front matter".into()));
        assert_eq!(found[2].0, 7);
        let fine = document("a.md", "---\ntitle: t\nms.contentlocale: NL-nl\n---\nx\n");
        assert!(check(&fine).is_empty());
    }

    #[test]
    fn shared_asset_ids() {
        let a = document("a.md", "---\ntitle: a\nms.assetid: X1\n---\n");
        let b = document("b.md", "---\ntitle: b\n\nms.assetid: x1\n---\n");
        let c = document("c.md", "---\ntitle: c\nms.assetid: x2\n---\n");
        let d = document("d.md", "---\ntitle: d\nms.assetid: x1\n---\n");
        let found = duplicate_asset_ids(std::iter::empty(), [&d, &c, &b, &a].into_iter(), "en-US");
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].file, Path::new("b.md"));
        assert_eq!(found[0].line, 4);
        assert_eq!(found[0].locale.as_deref(), Some("nl-NL"));
        assert!(
            found[0].message.ends_with("article a.md and 1 more"),
            "{}",
            found[0].message
        );
        let related: Vec<_> = found[0]
            .related
            .iter()
            .map(|r| (r.file.to_str().unwrap(), r.line))
            .collect();
        assert_eq!(related, [("a.md", 3), ("d.md", 3)]);
    }

    #[test]
    fn an_id_the_english_shares_is_reported_once_against_the_english() {
        // nl-NL/add-or-update-payment-azure.md shares its id with 8 articles in every locale.
        let english_a = document("a.md", "---\ntitle: a\nms.assetid: X1\n---\n");
        let english_b = document("b.md", "---\ntitle: b\nms.assetid: x1\n---\n");
        let nl_a = document("a.md", "---\ntitle: a\nms.assetid: X1\n---\n");
        let nl_b = document("b.md", "---\ntitle: b\nms.assetid: x1\n---\n");
        let nl_c = document("c.md", "---\ntitle: c\nms.assetid: y2\n---\n");
        let nl_d = document("d.md", "---\ntitle: d\nms.assetid: y2\n---\n");
        let found = duplicate_asset_ids(
            [&english_a, &english_b].into_iter(),
            [&nl_a, &nl_b, &nl_c, &nl_d].into_iter(),
            "en-US",
        );
        let summary: Vec<(Option<&str>, &str)> = found
            .iter()
            .map(|d| (d.locale.as_deref(), d.message.as_str()))
            .collect();
        assert_eq!(
            summary,
            [
                (
                    Some("en-US"),
                    "`ms.assetid: x1` is also the id of the English article a.md"
                ),
                (
                    Some("nl-NL"),
                    "`ms.assetid: y2` is also the id of the article c.md"
                )
            ]
        );
    }
}
