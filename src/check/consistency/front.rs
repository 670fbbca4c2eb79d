//! Front matter and ids: `ms.contentlocale` names the folder's locale, a title is present, no
//! `data-ttu-id` is used twice in a file, and no two articles of a locale share an
//! `ms.assetid`. Findings sit on the key's line when the front matter has it.

use std::collections::{BTreeMap, HashMap};

use crate::code::Code;
use crate::diagnostic::Diagnostic;
use crate::parse::{Document, SegmentId};

/// The rules about one document alone.
pub fn check(document: &Document) -> Vec<Diagnostic> {
    let front = &document.front;
    let line_of = |key: &str| (front.lines.get(key).copied().unwrap_or(1), 1);
    let report = |at: (usize, usize), message: String| {
        Diagnostic::warning(Code::FrontMatter, &document.file, at, message)
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

/// Articles of one locale that share an `ms.assetid`: one finding per id, on the second
/// article, pointing at the others.
pub fn duplicate_asset_ids<'a>(documents: impl Iterator<Item = &'a Document>) -> Vec<Diagnostic> {
    let mut by_id: BTreeMap<(&str, String), Vec<&Document>> = BTreeMap::new();
    for document in documents {
        let id = match document.front.extra.get("ms.assetid") {
            Some(serde_json::Value::String(s)) => s.trim().to_ascii_lowercase(),
            Some(serde_json::Value::Null) | None => continue,
            Some(other) => other.to_string(),
        };
        if !id.is_empty() {
            by_id
                .entry((&document.locale, id))
                .or_default()
                .push(document);
        }
    }
    let mut findings = Vec::new();
    for ((_, id), mut documents) in by_id {
        documents.sort_by(|a, b| a.path.cmp(&b.path));
        let [first, second, ..] = documents[..] else {
            continue;
        };
        let at = |d: &Document| (d.front.lines.get("ms.assetid").copied().unwrap_or(1), 1);
        let others = match documents.len() {
            2 => String::new(),
            n => format!(" and {} more", n - 2),
        };
        let mut finding = Diagnostic::warning(
            Code::FrontMatter,
            &second.file,
            at(second),
            format!(
                "`ms.assetid: {id}` is also the id of {}{others}",
                first.path
            ),
        )
        .in_article(&second.locale, &second.path);
        for other in documents.iter().filter(|d| !std::ptr::eq(**d, second)) {
            finding = finding.with_related(&other.file, at(other), "the same ms.assetid");
        }
        findings.push(finding);
    }
    findings
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
        let found = duplicate_asset_ids([&d, &c, &b, &a].into_iter());
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].file, Path::new("b.md"));
        assert_eq!(found[0].line, 4);
        assert!(
            found[0].message.ends_with("a.md and 1 more"),
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
}
