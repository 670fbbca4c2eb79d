//! `diglot apply FILE.xlf...`: writes the targets of XLIFF 2.0 files (exported by
//! `diglot align --format xliff`, edited in a CAT tool) back into the markdown.
//!
//! Each `<file>` names an article of the XLIFF's target locale. Its target replaces, for an sxs
//! file, the translation half of the span with the unit's `data-ttu-id`; for a plain file, the
//! block the unit's id names ([`places`]). Every other byte stays as it was, so an unedited
//! export applied back changes nothing.
//!
//! A markdown file is written whole or not at all. It is refused, with a diagnostic, when:
//! - it changed since the export (the SHA-256 recorded in the XLIFF differs);
//! - a unit names no segment or block of it;
//! - a new target would break its segment: a URL, inline code, number or bold/italic run of the
//!   English lost or added where the old target had it right (the rules `diglot check` applies),
//!   or the file's structure changed (a span or block cut in two, front matter broken).
//!
//! Files are written through a temporary file and a rename.

mod places;

use std::collections::HashMap;
use std::ops::Range;
use std::path::{Path, PathBuf};

use sha2::{Digest, Sha256};

use crate::check::consistency::inline_findings;
use crate::code::Code;
use crate::config::Config;
use crate::diagnostic::Diagnostic;
use crate::load::{self, Entry};
use crate::report::xliff::{self, ReadFile};
use crate::source::LineIndex;
use places::{Kind, Layout};

/// The SHA-256 of `bytes`, in lower-case hex: what the XLIFF export records of each file.
pub fn sha256(bytes: &[u8]) -> String {
    Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// What became of one markdown file named by an XLIFF file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Applied {
    /// The markdown file, as diagnostics name it.
    pub file: PathBuf,
    /// The units whose target differed from the file, now written.
    pub changed: usize,
    pub outcome: Outcome,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// At least one target differed: the file was rewritten.
    Written,
    /// Every target was what the file holds.
    Unchanged,
    /// Nothing was written: see the diagnostics.
    Refused,
}

/// Applies each XLIFF file to the project's markdown. Fails only when the project has no
/// locale at all.
pub fn apply(
    config: &Config,
    xliffs: &[PathBuf],
) -> Result<(Vec<Applied>, Vec<Diagnostic>), Diagnostic> {
    let inventory = load::discover(config)?;
    let mut done = Vec::new();
    let mut diagnostics = Vec::new();
    for path in xliffs {
        let document = match read_xliff(path) {
            Ok(document) => document,
            Err(diagnostic) => {
                diagnostics.push(diagnostic);
                continue;
            }
        };
        let locale = inventory
            .locales
            .iter()
            .position(|l| l.tag.eq_ignore_ascii_case(&document.target_language));
        let Some(locale) = locale else {
            diagnostics.push(Diagnostic::error(
                Code::ApplyInvalid,
                path,
                (1, 1),
                format!(
                    "target language `{}` is not a locale of this project",
                    document.target_language
                ),
            ));
            continue;
        };
        for file in &document.files {
            let entry = inventory.entries.iter().find(|e| {
                e.locale == locale
                    && e.path == file.original
                    && matches!(e.kind, load::Kind::Page { .. } | load::Kind::Fragment)
            });
            let Some(entry) = entry else {
                diagnostics.push(Diagnostic::error(
                    Code::ApplyInvalid,
                    path,
                    (1, 1),
                    format!(
                        "`{}` is not an article of locale {}",
                        file.original, inventory.locales[locale].tag
                    ),
                ));
                continue;
            };
            let shown = load::display_path(&config.root, &entry.file);
            let (outcome, changed, found) = apply_file(entry, &shown, file, path);
            diagnostics.extend(found);
            done.push(Applied {
                file: shown,
                changed,
                outcome,
            });
        }
    }
    Ok((done, diagnostics))
}

fn read_xliff(path: &Path) -> Result<xliff::ReadDocument, Diagnostic> {
    let invalid = |at, message: String| Diagnostic::error(Code::ApplyInvalid, path, at, message);
    let bytes = std::fs::read(path).map_err(|e| invalid((0, 0), format!("cannot read: {e}")))?;
    let text = String::from_utf8(bytes).map_err(|e| {
        invalid(
            (1, 1),
            format!(
                "not UTF-8 (byte {}): not an XLIFF file diglot wrote",
                e.utf8_error().valid_up_to()
            ),
        )
    })?;
    xliff::read(&text).map_err(|message| {
        // The XML layer names the byte; diagnostics name the line and column.
        let byte = message
            .split("byte ")
            .nth(1)
            .and_then(|rest| {
                rest.split(|c: char| !c.is_ascii_digit())
                    .next()?
                    .parse()
                    .ok()
            })
            .unwrap_or(0usize)
            .min(text.len());
        let at = LineIndex::new(&text).position(&text, byte);
        invalid(at, message)
    })
}

/// Applies one `<file>` to its markdown file; returns what happened, the units changed, and
/// the findings.
fn apply_file(
    entry: &Entry,
    shown: &Path,
    file: &ReadFile,
    xliff: &Path,
) -> (Outcome, usize, Vec<Diagnostic>) {
    let refuse = |code, at, message: String| {
        (
            Outcome::Refused,
            0,
            vec![Diagnostic::error(code, shown, at, message)],
        )
    };
    let bytes = match std::fs::read(&entry.file) {
        Ok(bytes) => bytes,
        Err(e) => return refuse(Code::Unreadable, (0, 0), format!("cannot read: {e}")),
    };
    match &file.sha256 {
        None => {
            return refuse(
                Code::ApplyInvalid,
                (1, 1),
                format!(
                    "{} records no SHA-256 of this file: export it with `diglot align --format xliff --out DIR` and apply that",
                    xliff.display()
                ),
            );
        }
        Some(recorded) if *recorded != sha256(&bytes) => {
            return refuse(
                Code::ApplyStale,
                (1, 1),
                format!(
                    "the file changed since {} was exported: nothing written (export again, or merge the edits by hand)",
                    xliff.display()
                ),
            );
        }
        Some(_) => {}
    }
    let kind = match file.format.as_deref() {
        Some("sxs") => Kind::Sxs,
        Some("plain") => Kind::Plain,
        other => {
            return refuse(
                Code::ApplyInvalid,
                (1, 1),
                format!("unknown format {other:?} in {}", xliff.display()),
            );
        }
    };
    // The exported hash matches, so these are the bytes the export read; apply writes only
    // files it can keep byte for byte.
    let (bom, text) = match bytes.strip_prefix(b"\xEF\xBB\xBF") {
        Some(rest) => (&bytes[..3], rest),
        None => (&bytes[..0], bytes.as_slice()),
    };
    let Ok(text) = std::str::from_utf8(text) else {
        return refuse(
            Code::ApplyInvalid,
            (1, 1),
            "not valid UTF-8: apply writes only files it can keep byte for byte".to_string(),
        );
    };
    let layout = Layout::of(text, kind, shown);
    let index = LineIndex::new(text);
    let mut edits: Vec<Edit> = Vec::new();
    let mut findings = Vec::new();
    let mut seen: HashMap<&str, usize> = HashMap::new();
    for unit in &file.units {
        let occurrence = seen.entry(unit.id.as_str()).or_default();
        let place = layout.place(&unit.id, *occurrence);
        *occurrence += 1;
        if !unit.has_target && unit.problems.is_empty() {
            continue;
        }
        let Some(place) = place else {
            let lacking = matches!(unit.status.as_deref(), Some("missing" | "merged"));
            if lacking {
                findings.push(Diagnostic::warning(
                    Code::ApplySkipped,
                    shown,
                    (1, 1),
                    format!(
                        "unit `{}` is {} in this file: it has no place for its target, which is not written",
                        unit.id,
                        unit.status.as_deref().unwrap_or_default()
                    ),
                ));
                continue;
            }
            return refuse(
                Code::ApplyUnknownId,
                (1, 1),
                format!(
                    "unit `{}` of {} names no segment or block of this file: nothing written",
                    unit.id,
                    xliff.display()
                ),
            );
        };
        let at = index.position(text, place.range.start);
        let broken = |message: String| {
            refuse(
                Code::ApplyBreaks,
                at,
                format!("unit `{}`: {message}: nothing written", unit.id),
            )
        };
        if let Some(problem) = unit.problems.first() {
            return broken(problem.clone());
        }
        let old = &text[place.range.clone()];
        if unit.target == old {
            continue;
        }
        let english = place.english.as_deref().unwrap_or(&unit.source);
        let before = inline_findings(old, english);
        if let Some((code, message)) = inline_findings(&unit.target, english)
            .into_iter()
            .find(|f| !before.contains(f))
        {
            return broken(format!(
                "the new target breaks the segment ({}: {message})",
                code.name()
            ));
        }
        // The edit alone must land as the same segment or block, the rest keeping its shape.
        let edit = Edit {
            range: place.range.clone(),
            target: &unit.target,
        };
        let single = splice(text, std::slice::from_ref(&edit));
        let after = Layout::of(&single, kind, shown);
        let landed = after
            .place(&unit.id, *occurrence - 1)
            .is_some_and(|p| p.range == (place.range.start..place.range.start + unit.target.len()));
        if !landed || !layout.same_shape(&after) {
            return broken(
                "the new target changes the file's structure (a span or block cut, merged or broken)"
                    .to_string(),
            );
        }
        edits.push(edit);
    }
    if edits.is_empty() {
        return (Outcome::Unchanged, 0, findings);
    }
    edits.sort_by_key(|e| e.range.start);
    if let Some(pair) = edits.windows(2).find(|w| w[1].range.start < w[0].range.end) {
        return refuse(
            Code::ApplyUnknownId,
            index.position(text, pair[1].range.start),
            "two units of the XLIFF cover the same text: nothing written".to_string(),
        );
    }
    let new_text = splice(text, &edits);
    if !layout.same_shape(&Layout::of(&new_text, kind, shown)) {
        return refuse(
            Code::ApplyBreaks,
            (1, 1),
            "the edits together change the file's structure: nothing written".to_string(),
        );
    }
    let mut bytes = bom.to_vec();
    bytes.extend_from_slice(new_text.as_bytes());
    if let Err(e) = crate::import::write_atomically(&entry.file, &bytes) {
        return refuse(Code::Write, (0, 0), format!("cannot write: {e}"));
    }
    (Outcome::Written, edits.len(), findings)
}

/// A target to write over a range of the file.
struct Edit<'a> {
    range: Range<usize>,
    target: &'a str,
}

/// `text` with each edit's range replaced by its target (edits in file order, not overlapping).
fn splice(text: &str, edits: &[Edit]) -> String {
    let mut out = String::with_capacity(text.len());
    let mut pos = 0;
    for edit in edits {
        out.push_str(&text[pos..edit.range.start]);
        out.push_str(edit.target);
        pos = edit.range.end;
    }
    out.push_str(&text[pos..]);
    out
}
